"""The start-up benchmark still runs: ``python benchmarks/startup.py``.

It never compares timings; it checks that every way in produced figures and
which heavy modules each loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY))

from benchmarks.startup import measure_all  # noqa: E402


def test_every_way_in_reports_figures_and_loaded_modules(tmp_path: Path) -> None:
    """Time each way in once; only the transport's own stack gets loaded."""
    results = {figures.name: figures for figures in measure_all(tmp_path, runs=1)}
    assert set(results) == {"synthetic", "in-process", "http"}
    for figures in results.values():
        assert figures.median("wall_ms") > 0 and figures.median("cpu_ms") > 0
        assert figures.median("import_ms") < figures.median("wall_ms")
    assert results["synthetic"].runs[0]["modules"] == []
    assert results["in-process"].runs[0]["modules"] == ["sqlalchemy"]
    assert results["http"].runs[0]["modules"] == ["requests"]
    assert "loaded: requests" in results["http"].line()
