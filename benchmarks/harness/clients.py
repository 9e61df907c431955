"""Run each client scenario with both clients against one server, alternating."""

from __future__ import annotations

import json
import logging
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import server as server_benchmark
from ftrack_api.local.server.process import ServeProcess

logger = logging.getLogger(__name__)

SCRIPT = Path(__file__).resolve().with_name("client_script.py")
CLIENTS = ("official", "ours")
RUN_TIMEOUT = 900


@dataclass
class Sizes:
    """The counts of one benchmark run (full or quick)."""

    scaling: list[int]
    entities: int
    small: int
    files: int
    events: int
    repeats: int
    startup_repeats: int
    large_repeats: int

    @property
    def seeded(self) -> list[int]:
        """Return the project sizes to seed (every scaling point and *entities*)."""
        return sorted({*self.scaling, self.entities})


FULL = Sizes(
    scaling=[1_000, 10_000, 100_000],
    entities=10_000,
    small=1_000,
    files=1_000,
    events=300,
    repeats=3,
    startup_repeats=5,
    large_repeats=1,
)
QUICK = Sizes(
    scaling=[50, 200, 400],
    entities=200,
    small=50,
    files=20,
    events=20,
    repeats=1,
    startup_repeats=1,
    large_repeats=1,
)


@dataclass
class Scenario:
    """One measurement taken with both clients."""

    key: str
    label: str
    script: str
    count: int
    repeats: int
    metrics: tuple[str, ...] = ("seconds",)
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass
class Result:
    """Every run's figures of one scenario for each client."""

    scenario: Scenario
    runs: dict[str, list[dict[str, float]]] = field(default_factory=dict)

    def median(self, client: str, metric: str) -> float:
        """Return the median of *metric* over *client*'s runs."""
        return statistics.median(run[metric] for run in self.runs[client])

    def as_dicts(self) -> list[dict[str, Any]]:
        """Return one JSON row per metric, as written to results.json."""
        rows = []
        for metric in self.scenario.metrics:
            official = self.median("official", metric)
            ours = self.median("ours", metric)
            rows.append(
                {
                    "key": f"{self.scenario.key}.{metric}",
                    "scenario": self.scenario.key,
                    "label": self.scenario.label,
                    "count": self.scenario.count,
                    "metric": metric,
                    "runs": {
                        client: [run[metric] for run in runs]
                        for client, runs in self.runs.items()
                    },
                    "official": official,
                    "ours": ours,
                    "ratio": ours / official,
                }
            )
        return rows


def scenarios(sizes: Sizes, projects: dict[int, str], folder: Path) -> list[Scenario]:
    """Return the client scenarios of *sizes* on a server seeded with *projects*."""
    entities = sizes.entities
    source = write_sequence(folder / "source", sizes.files)
    result = [
        Scenario(
            "startup_cold",
            "Session start-up, cold schema cache",
            "startup",
            0,
            sizes.startup_repeats,
            parameters={"cold": True},
        ),
        Scenario(
            "startup_warm",
            "Session start-up, warm schema cache",
            "startup",
            0,
            sizes.startup_repeats,
        ),
    ]
    result += [
        Scenario(
            f"query_{count}",
            f"Query {count:,} Tasks, 3 projections, read all",
            "query",
            count,
            _repeats(sizes, count),
            parameters={"project": projects[count]},
        )
        for count in sizes.scaling
    ]
    result += [
        Scenario(
            f"populate_{entities}",
            f"Populate 1 attribute on {entities:,} cached Tasks",
            "populate",
            entities,
            sizes.repeats,
            parameters={"project": projects[entities]},
        ),
        Scenario(
            f"update_{entities}",
            f"Update 1 attribute on {entities:,} Tasks, one commit",
            "update",
            entities,
            sizes.repeats,
            parameters={"project": projects[entities]},
        ),
        Scenario(
            f"memory_{entities}",
            f"Memory after loading {entities:,} Tasks",
            "memory",
            entities,
            sizes.repeats,
            metrics=("bytes_per_entity", "peak_resident"),
            parameters={"project": projects[entities]},
        ),
    ]
    result += [
        Scenario(
            f"create_{count}",
            f"Create {count:,} Tasks, one commit",
            "create",
            count,
            _repeats(sizes, count),
            metrics=("seconds", "create_seconds"),
        )
        for count in sorted({sizes.small, *sizes.scaling})
    ]
    result += [
        Scenario(
            "events",
            "Event publish-to-delivery latency (median)",
            "events",
            sizes.events,
            sizes.repeats,
        ),
        Scenario(
            f"publish_{sizes.files}",
            f"Publish {sizes.files:,} small files to a disk location",
            "publish",
            sizes.files,
            sizes.repeats,
            parameters={"sequence": source},
        ),
    ]
    return result


def _repeats(sizes: Sizes, count: int) -> int:
    """Return fewer repetitions for the largest scaling point."""
    return sizes.large_repeats if count > sizes.entities else sizes.repeats


def write_sequence(folder: Path, files: int) -> str:
    """Write *files* small frames; return their clique sequence string."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = bytes(range(256)) * 16
    for frame in range(1, files + 1):
        (folder / f"frame.{frame:04d}.dat").write_bytes(payload)
    return f"{folder / 'frame.%04d.dat'} [1-{files}]"


class ClientRunner:
    """Run scenario scripts under each client's Python against one server."""

    def __init__(
        self, pythons: dict[str, Path], server: ServeProcess, folder: Path
    ) -> None:
        self.pythons = pythons
        self.server = server
        self.folder = folder
        self.warm_caches = {client: folder / f"cache-{client}" for client in CLIENTS}
        #: The ``ftrack_api`` folder each client's scripts imported.
        self.packages: dict[str, str] = {}
        self._runs = 0

    def measure(self, scenario: Scenario) -> Result:
        """Run *scenario* its number of times with both clients, alternating.

        A warm start-up first fills each client's schema cache, unmeasured.
        """
        result = Result(scenario, {client: [] for client in CLIENTS})
        if scenario.script == "startup" and not scenario.parameters.get("cold"):
            for client in CLIENTS:
                self._run(scenario, client)
        for repetition in range(scenario.repeats):
            order = CLIENTS if repetition % 2 == 0 else CLIENTS[::-1]
            for client in order:
                figure = self._run(scenario, client)
                result.runs[client].append(figure)
                logger.info("%s %s: %s", scenario.key, client, figure)
        return result

    def _run(self, scenario: Scenario, client: str) -> dict[str, float]:
        """Run *scenario* once with *client*; return its figures."""
        if scenario.script == "events":
            return self._event_latency(scenario, client)
        self._runs += 1
        parameters = {
            "url": self.server.url,
            "user": self.server.api_user,
            "key": self.server.api_key,
            "cache": str(self._cache(scenario, client)),
            "count": scenario.count,
            "name": f"bench_{client}_{self._runs}_{time.time_ns()}",
            **scenario.parameters,
        }
        if scenario.script == "publish":
            target = self.folder / f"location-{self._runs}"
            target.mkdir()
            parameters["target"] = str(target)
        figures = run_script(
            self.pythons[client], scenario.script, parameters, client == "official"
        )
        self.packages[client] = figures["client"]
        return {metric: float(figures[metric]) for metric in scenario.metrics}

    def _cache(self, scenario: Scenario, client: str) -> Path:
        """Return a new schema cache folder when cold, else the client's own."""
        if scenario.parameters.get("cold"):
            path = self.folder / f"cache-cold-{self._runs}"
        else:
            path = self.warm_caches[client]
        path.mkdir(exist_ok=True)
        return path

    def _event_latency(self, scenario: Scenario, client: str) -> dict[str, float]:
        """Return the median publish-to-delivery latency of *client*'s hub."""
        latencies = server_benchmark.measure_latency(
            self.pythons[client], self.server, scenario.count
        )
        if len(latencies) != scenario.count:
            raise RuntimeError(
                f"{client} received {len(latencies)} of {scenario.count} events"
            )
        return {"seconds": statistics.median(latencies)}


def run_script(
    python: Path, scenario: str, parameters: dict[str, Any], isolated: bool = False
) -> dict:
    """Run the client script under *python*; return the figures it printed.

    The official client runs *isolated* (``-I``: no ``PYTHONPATH``, no user
    site); ours sees ``PYTHONPATH``, which ``--head`` points at the export.
    Both run from ``/``, so neither imports a ``ftrack_api`` by accident.
    """
    options = ["-I"] if isolated else []
    completed = subprocess.run(
        [str(python), *options, str(SCRIPT), scenario, json.dumps(parameters)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        cwd="/",
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{scenario} under {python} failed:\n{completed.stderr[-3000:]}"
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure_all(
    pythons: dict[str, Path],
    server: ServeProcess,
    projects: dict[int, str],
    folder: Path,
    sizes: Sizes,
    progress: Callable[[str], None] = print,
) -> tuple[list[Result], dict[str, str]]:
    """Measure every client scenario; return the results and packages used."""
    runner = ClientRunner(pythons, server, folder)
    results = []
    for scenario in scenarios(sizes, projects, folder):
        progress(f"  {scenario.label} ({scenario.repeats} x 2 runs)")
        results.append(runner.measure(scenario))
    return results, runner.packages
