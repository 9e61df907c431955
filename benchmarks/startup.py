"""Measure ``import ftrack_api`` plus a Session with a warm schema cache.

Each run is a fresh interpreter that imports ftrack_api, opens a Session
(no plugins, schema cache already written) and reports the time since just
before the import, wall clock and CPU, and which heavy modules got loaded.
Three ways in:

* ``synthetic``: a stand-in transport answers from the recorded server
  replies, so the figure is the client's own cost;
* ``in-process``: ``sqlite:///<file>``, the embedded backend in this process;
* ``http``: ``ftrack-api serve`` on 127.0.0.1 with its own SQLite file.

The first run of each writes the database and the schema cache and is not
counted. Run: ``python benchmarks/startup.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ftrack_api.local.server.process import ServeProcess  # noqa: E402

RESPONSES = ROOT / "tests" / "data" / "server_responses"

#: Modules whose loading at start-up is worth knowing about.
HEAVY_MODULES = ("requests", "websocket", "pyparsing", "sqlalchemy", "clique")

CHILD = """
import json, sys, time
parameters = json.loads(sys.argv[1])
wall, cpu = time.perf_counter(), time.process_time()
import ftrack_api
imported = time.perf_counter() - wall
if parameters["synthetic"]:
    import ftrack_api._transport, ftrack_api.session
    replies = {}
    for action, path in parameters["synthetic"].items():
        replies[action] = b"[" + open(path, "rb").read() + b"]"

    class Transport:
        def handle_request(self, request):
            action = json.loads(request.body)[0]["action"]
            return ftrack_api._transport.Response(200, replies[action])

        def close(self):
            pass

    ftrack_api.session.Session._make_transport = lambda self: Transport()
session = ftrack_api.Session(
    parameters["url"], parameters["key"], parameters["user"],
    plugin_paths=[], schema_cache_path=parameters["cache"],
)
figures = {
    "wall_ms": (time.perf_counter() - wall) * 1000,
    "cpu_ms": (time.process_time() - cpu) * 1000,
    "import_ms": imported * 1000,
    "modules": [name for name in parameters["heavy"] if name in sys.modules],
}
session.close()
print(json.dumps(figures))
"""


@dataclass
class Figures:
    """Every counted run of one way in."""

    name: str
    runs: list[dict[str, Any]]

    def median(self, metric: str) -> float:
        """Return the median of *metric* over the runs."""
        return statistics.median(run[metric] for run in self.runs)

    def minimum(self, metric: str) -> float:
        """Return the smallest *metric* of the runs."""
        return min(run[metric] for run in self.runs)

    def line(self) -> str:
        """Return one line of the report."""
        modules = ", ".join(self.runs[-1]["modules"]) or "none"
        return (
            f"{self.name:<11} {self.median('wall_ms'):6.1f} ms wall "
            f"(min {self.minimum('wall_ms'):5.1f}), "
            f"{self.median('cpu_ms'):6.1f} ms CPU "
            f"(min {self.minimum('cpu_ms'):5.1f}), "
            f"import ftrack_api {self.median('import_ms'):4.1f} ms; "
            f"loaded: {modules}"
        )


def run_once(parameters: dict[str, Any]) -> dict[str, Any]:
    """Start one interpreter with *parameters*; return its figures."""
    output = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(parameters)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if output.returncode:
        raise RuntimeError(f"A start-up run failed:\n{output.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(output.stdout.strip().splitlines()[-1])
    return figures


def measure(name: str, parameters: dict[str, Any], runs: int) -> Figures:
    """Return the figures of *runs* start-ups after one uncounted warm-up."""
    parameters = {"heavy": list(HEAVY_MODULES), "synthetic": None, **parameters}
    run_once(parameters)
    return Figures(name, [run_once(parameters) for _ in range(runs)])


def measure_synthetic(cache: str, runs: int = 7) -> Figures:
    """Return start-up figures against the recorded server information."""
    parameters = {
        "url": "http://127.0.0.1:9",
        "user": "benchmark",
        "key": "benchmark",
        "cache": cache,
        "synthetic": {
            action: str(RESPONSES / f"{action}.json")
            for action in ("query_server_information", "query_schemas")
        },
    }
    return measure("synthetic", parameters, runs)


def measure_all(folder: Path, runs: int) -> list[Figures]:
    """Return the figures of every way in, using files under *folder*."""
    results = [measure_synthetic(str(folder / "cache-synthetic"), runs)]
    local = {
        "url": f"sqlite:///{folder / 'in-process.db'}",
        "user": None,
        "key": None,
        "cache": str(folder / "cache-in-process"),
    }
    results.append(measure("in-process", local, runs))
    with ServeProcess(
        f"sqlite:///{folder / 'served.db'}", folder / "storage"
    ) as server:
        remote = {
            "url": server.url,
            "user": server.api_user,
            "key": server.api_key,
            "cache": str(folder / "cache-http"),
        }
        results.append(measure("http", remote, runs))
    return results


def main() -> None:
    """Print the median start-up figures of each way in."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for figures in measure_all(Path(folder), arguments.runs):
            print(figures.line())


if __name__ == "__main__":
    main()
