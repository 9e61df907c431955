"""The benchmark harness still runs: ``python -m benchmarks run --quick``.

One quick run (small counts, one run per client) writes its results into a
temporary folder; the tests check that every scenario ran with both clients
and produced a number. They never compare timings.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY))

from benchmarks.harness import clients, environment, report  # noqa: E402

CLIENT_SCENARIOS = [
    "startup_cold.seconds",
    "startup_warm.seconds",
    *(f"query_{count}.seconds" for count in clients.QUICK.scaling),
    f"populate_{clients.QUICK.entities}.seconds",
    f"update_{clients.QUICK.entities}.seconds",
    f"memory_{clients.QUICK.entities}.bytes_per_entity",
    f"memory_{clients.QUICK.entities}.peak_resident",
    *(
        f"create_{count}.{metric}"
        for count in sorted({clients.QUICK.small, *clients.QUICK.scaling})
        for metric in ("seconds", "create_seconds")
    ),
    "events.seconds",
    f"publish_{clients.QUICK.files}.seconds",
]
BACKEND_MEASURES = [
    *(
        f"scenario_query_{count}"
        for count in clients.QUICK.scaling
        if count <= clients.QUICK.entities
    ),
    f"scenario_populate_{clients.QUICK.entities}",
    "query_filtered",
    "query_plain",
    "write_create",
    "write_update",
    "transfer_file",
    "transfer_sequence",
]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the quick benchmark once; return its output folder."""
    try:
        environment.official_python()
    except (OSError, subprocess.SubprocessError) as error:
        reason = f"Cannot set up the official client's environment: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    output = tmp_path_factory.mktemp("benchmark")
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "run", "--quick", "--output", str(output)],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr[-3000:]
    return output


def _is_figure(value: Any) -> bool:
    """Return whether *value* is a finite, positive number."""
    return isinstance(value, float) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def results(quick_run: Path) -> dict[str, Any]:
    """Return the quick run's results.json."""
    return json.loads((quick_run / "results.json").read_text())


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_client_scenario_ran_with_both_clients(results: dict[str, Any]) -> None:
    """Each client scenario has a positive median and one run per client."""
    rows = {row["key"]: row for row in results["client"]}
    assert sorted(rows) == sorted(CLIENT_SCENARIOS)
    for row in rows.values():
        assert _is_figure(row["official"]) and _is_figure(row["ours"]), row
        assert _is_figure(row["ratio"]), row
        assert len(row["runs"]["official"]) == len(row["runs"]["ours"]) == 1, row


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_backend_measure_has_both_figures(results: dict[str, Any]) -> None:
    """Each backend-alone measure has a figure for ours and its reference."""
    rows = {row["key"]: row for row in results["backend"]}
    assert sorted(rows) == sorted(BACKEND_MEASURES)
    for row in rows.values():
        assert _is_figure(row["ours"]) and _is_figure(row["reference_median"]), row


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_results_name_both_clients_and_every_goal(
    quick_run: Path, results: dict[str, Any]
) -> None:
    """RESULTS.md names the two clients' versions and a row for every goal."""
    text = (quick_run / "RESULTS.md").read_text()
    assert f"ftrack-python-api {results['meta']['official_version']}" in text
    assert f"openftrack {results['meta']['our_version']}" in text
    for row in results["client"]:
        assert row["label"] in text
    for goal in report.GOALS:
        assert goal.text in text


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_scaling_plot_is_written_as_png(quick_run: Path) -> None:
    """The scaling plot is a PNG file (needs the bench extra's matplotlib)."""
    if importlib.util.find_spec("matplotlib") is None:
        pytest.skip("matplotlib is not installed (pip install -e '.[bench]')")
    assert (quick_run / "scaling.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
