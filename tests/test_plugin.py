"""Tests for plugin discovery."""

from __future__ import annotations

import logging
import os
import textwrap
from pathlib import Path

import pytest

import ftrack_api.plugin


def write(path: Path, source: str) -> Path:
    """Write dedented *source* to *path*, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


REGISTER_RECORDING = """
    import json

    def register({signature}):
        with open({log!r}, "a") as stream:
            stream.write(json.dumps({record}) + "\\n")
"""


def recorded(log: Path) -> list:
    """Return the records plugins appended to *log*."""
    import json

    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


def test_discover_ignores_blank_paths(capsys: pytest.CaptureFixture) -> None:
    """Do nothing for empty or blank paths."""
    ftrack_api.plugin.discover(["", "   "])
    assert capsys.readouterr() == ("", "")


def test_discover_registers_plugins_recursively_in_name_order(tmp_path: Path) -> None:
    """Find plugins in nested folders and call register in a stable order."""
    log = tmp_path / "log.txt"
    for relative in ["b.py", "a.py", "nested/deeper/c.py"]:
        write(
            tmp_path / "plugins" / relative,
            REGISTER_RECORDING.format(
                signature="session", log=str(log), record=f"[{relative!r}, session]"
            ),
        )
    write(tmp_path / "plugins" / "notes.txt", "never loaded")

    ftrack_api.plugin.discover([str(tmp_path / "plugins")], ["the-session"])

    assert recorded(log) == [
        ["a.py", "the-session"],
        ["b.py", "the-session"],
        ["nested/deeper/c.py", "the-session"],
    ]


def test_discover_runs_module_without_register(
    tmp_path: Path, capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
) -> None:
    """Import a file without register, warn, and call nothing else."""
    write(
        tmp_path / "non.py",
        """
        print("Not a plugin")

        def not_called():
            print("Not called")
        """,
    )
    ftrack_api.plugin.discover([str(tmp_path)])
    output = capsys.readouterr().out
    assert "Not a plugin" in output
    assert "Not called" not in output
    assert "no register function" in caplog.text


@pytest.mark.parametrize(
    "source",
    ["syntax error", "import missing_module_xyz", "raise RuntimeError('boom')"],
)
def test_broken_plugin_is_logged_and_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, source: str
) -> None:
    """Log a WARNING then a DEBUG traceback for a broken plugin, load the rest."""
    log = tmp_path / "log.txt"
    write(tmp_path / "a_broken.py", source)
    write(
        tmp_path / "b_good.py",
        REGISTER_RECORDING.format(signature="", log=str(log), record="'good'"),
    )

    with caplog.at_level(logging.DEBUG, logger="ftrack_api.plugin"):
        ftrack_api.plugin.discover([str(tmp_path)])

    records = [r for r in caplog.records if r.name == "ftrack_api.plugin"]
    assert len(records) == 2
    assert records[0].levelno == logging.WARNING
    assert "Failed to load plugin" in records[0].getMessage()
    assert "a_broken.py" in records[0].getMessage()
    assert records[1].levelno == logging.DEBUG
    assert "Traceback" in records[1].getMessage()
    assert recorded(log) == ["good"]


def test_failing_register_is_logged_and_others_registered(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Log a register() that raises and go on with the next plugin."""
    log = tmp_path / "log.txt"
    write(tmp_path / "a.py", "def register(session):\n    raise ValueError('bad')\n")
    write(
        tmp_path / "b.py",
        REGISTER_RECORDING.format(signature="session", log=str(log), record="'b'"),
    )
    ftrack_api.plugin.discover([str(tmp_path)], [object()])
    assert "Failed to register plugin" in caplog.text
    assert "bad" in caplog.text
    assert recorded(log) == ["b"]


@pytest.mark.parametrize(
    ("signature", "record", "positional", "keywords", "expected"),
    [
        ("a, b=False, c=False", "[a, b, c]", [1, 2], {"c": True, "d": 0}, [1, 2, True]),
        ("*args", "list(args)", [1, 2], {"b": True}, [1, 2]),
        (
            "**kwargs",
            "sorted(kwargs.items())",
            [],
            {"b": 1, "c": 2},
            [["b", 1], ["c", 2]],
        ),
        ("a=False, b=False", "[a, b]", [True], {"b": True}, [True, True]),
        ("a, c=False, *args", "[a, c, list(args)]", [1, 2, 3, 4], {}, [1, 2, [3, 4]]),
        (
            "a, c=False, **kwargs",
            "[a, c, sorted(kwargs.items())]",
            [],
            {"a": 1, "b": 2, "c": 3, "d": 4},
            [1, 3, [["b", 2], ["d", 4]]],
        ),
        ("a, *, key=None", "[a, key]", [1], {"key": "k", "other": 0}, [1, "k"]),
        ("a, b=None", "[a, b]", [1, 2], {"a": 9, "b": 9}, [1, 2]),
    ],
)
def test_register_receives_keywords_its_signature_accepts(
    tmp_path: Path,
    signature: str,
    record: str,
    positional: list,
    keywords: dict,
    expected: object,
) -> None:
    """Cull keyword arguments to the register signature."""
    log = tmp_path / "log.txt"
    write(
        tmp_path / "plugins" / "plugin.py",
        REGISTER_RECORDING.format(signature=signature, log=str(log), record=record),
    )
    ftrack_api.plugin.discover([str(tmp_path / "plugins")], positional, keywords)
    assert recorded(log) == [expected]


def test_load_source_imports_file_as_named_module(tmp_path: Path) -> None:
    """Import a file under the given module name."""
    path = write(tmp_path / "thing.py", "VALUE = 42\n")
    module = ftrack_api.plugin.load_source("ftrack_api_test_thing", str(path))
    assert module.VALUE == 42
    assert module.__name__ == "ftrack_api_test_thing"


def test_paths_from_environment_splits_on_pathsep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Split FTRACK_EVENT_PLUGIN_PATH on os.pathsep, dropping blanks."""
    monkeypatch.setenv(
        "FTRACK_EVENT_PLUGIN_PATH", os.pathsep.join(["/a", "", " ", "/b"])
    )
    assert ftrack_api.plugin.paths_from_environment() == ["/a", "/b"]
