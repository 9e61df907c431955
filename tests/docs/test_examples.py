"""The scripts in ``examples/`` run and print what they promise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_every_example_is_covered() -> None:
    """Each script in examples/ has an expectation below."""
    assert {path.name for path in EXAMPLES.glob("*.py")} == set(EXPECTED_OUTPUT)


EXPECTED_OUTPUT = {
    "publish.py": [
        "FileComponent review",
        "SequenceComponent plate",
        "/v001/review.mov",
        "availability in example.disk: 100.0",
    ],
    "query.py": ["sh0010", "sh0030", "sh0020 comp", "Tasks in the project: 6"],
    "events.py": ["render done: sh0010 100", "reply: {'answer': 42}"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_OUTPUT))
def test_example_runs(name: str, run_python: Any) -> None:
    """The example exits 0 and prints its expected lines."""
    result = run_python(EXAMPLES / name)
    assert result.returncode == 0, result.stderr[-4000:]
    for expected in EXPECTED_OUTPUT[name]:
        assert expected in result.stdout
