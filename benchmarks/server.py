"""Measure the server: event latency through the websocket and /api throughput.

Starts ``ftrack-api serve`` on a new SQLite database in a temporary folder
(or on the empty database given with ``--database``), then prints:

* publish-to-delivery latency (median and 99th percentile) of events that a
  hub publishes and receives back through the server, for our EventHub and,
  when ``.venv-official/`` exists (see tests/interop), the official one;
* requests per second of a small ``query`` on ``POST /api`` from 4 client
  processes at once.

Usage: python benchmarks/server.py [--events N] [--seconds S] [--database URL]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from ftrack_api.local.server.process import ServeProcess

REPOSITORY = Path(__file__).resolve().parents[1]
OFFICIAL_PYTHON = REPOSITORY / ".venv-official" / "bin" / "python"
API_CLIENTS = 4
QUERY = "select id, name from ProjectSchema limit 1"

LATENCY_SCRIPT = """
import json, sys, time
import ftrack_api.event.base
import ftrack_api.event.hub

url, user, key, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
hub = ftrack_api.event.hub.EventHub(url, user, key)
hub.connect()
latencies = []
hub.subscribe(
    "topic=benchmark.latency",
    lambda event: latencies.append(time.perf_counter() - event["data"]["sent_at"]),
)
hub.wait(0.5)
for number in range(count):
    expected = number + 1
    hub.publish(ftrack_api.event.base.Event(
        "benchmark.latency", data={"sent_at": time.perf_counter()}
    ))
    deadline = time.time() + 10
    while len(latencies) < expected and time.time() < deadline:
        hub.wait(0.0005)
hub.disconnect()
print(json.dumps(latencies))
"""


def measure_latency(python: Path, server: ServeProcess, count: int) -> list[float]:
    """Return the latencies of *count* events published by a hub under *python*."""
    completed = subprocess.run(
        [
            str(python),
            "-I",
            "-c",
            LATENCY_SCRIPT,
            server.url,
            str(server.api_user),
            str(server.api_key),
            str(count),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _query_loop(url: str, headers: dict[str, str], seconds: float) -> int:
    """Send the small query for *seconds*; return how many were answered."""
    client = requests.Session()
    body = [{"action": "query", "expression": QUERY}]
    deadline = time.perf_counter() + seconds
    answered = 0
    while time.perf_counter() < deadline:
        reply = client.post(f"{url}/api", headers=headers, json=body, timeout=30)
        reply.raise_for_status()
        answered += 1
    return answered


def measure_throughput(server: ServeProcess, seconds: float) -> float:
    """Return /api requests per second with 4 concurrent client processes."""
    headers = {
        "ftrack-user": str(server.api_user),
        "ftrack-api-key": str(server.api_key),
    }
    with multiprocessing.Pool(API_CLIENTS) as pool:
        counts = pool.starmap(
            _query_loop, [(server.url, headers, seconds)] * API_CLIENTS
        )
    return sum(counts) / seconds


def _report_latency(name: str, latencies: list[float]) -> None:
    """Print the median and 99th percentile of *latencies* in milliseconds."""
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    median = statistics.median(ordered)
    print(
        f"{name}: {len(ordered)} events, median {median * 1000:.2f} ms, "
        f"p99 {p99 * 1000:.2f} ms"
    )


def main() -> None:
    """Run the benchmarks and print their numbers."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--database", help="URL of an empty database")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = arguments.database or f"sqlite:///{Path(folder) / 'benchmark.db'}"
        with ServeProcess(database, Path(folder) / "storage") as server:
            _report_latency(
                "our EventHub",
                measure_latency(Path(sys.executable), server, arguments.events),
            )
            if OFFICIAL_PYTHON.exists():
                _report_latency(
                    "official EventHub",
                    measure_latency(OFFICIAL_PYTHON, server, arguments.events),
                )
            else:
                print("official EventHub: skipped, no .venv-official/")
            rate = measure_throughput(server, arguments.seconds)
            print(f"/api small query, {API_CLIENTS} clients: {rate:.0f} requests/s")


if __name__ == "__main__":
    main()
