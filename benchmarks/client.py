"""Measure the client's own share of query, merge and start-up costs.

The server is replaced by an in-process transport that answers with
synthetic rows shaped like a real server's Task rows, so the numbers are the
client's alone: JSON decoding, merging into the identity map, memory per
cached entity, and start-up with a warm schema cache (measured by
``benchmarks/startup.py``, which also times the in-process and HTTP ways in).

All times are CPU time of the measuring process, so that other load on a
shared machine does not count. Run: ``python benchmarks/client.py``
"""

from __future__ import annotations

import gc
import json
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.startup import measure_synthetic  # noqa: E402
from ftrack_api._transport import Request, Response  # noqa: E402
from ftrack_api.session import Session  # noqa: E402

RESPONSES = ROOT / "tests" / "data" / "server_responses"
PROJECT_ID = str(uuid.uuid4())
STATUS_IDS = [str(uuid.uuid4()) for _ in range(5)]


def task_row(index: int) -> dict[str, Any]:
    """Return one Task row as a server would send it."""
    return {
        "__entity_type__": "Task",
        "id": str(uuid.UUID(int=index)),
        "name": f"task_{index:06d}",
        "context_type": "task",
        "object_type_id": "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c",
        "project_id": PROJECT_ID,
        "parent_id": PROJECT_ID,
        "status_id": STATUS_IDS[index % 5],
        "description": "",
        "bid": 0.0,
        "created_at": {"__type__": "datetime", "value": "2022-10-10T10:12:09"},
    }


class SyntheticTransport:
    """Answer queries with *rows* synthetic Task rows, paged as asked."""

    def __init__(self, rows: int) -> None:
        self.body = b""
        self.rows = rows
        self.information = json.loads(
            (RESPONSES / "query_server_information.json").read_text()
        )
        self.schemas = json.loads((RESPONSES / "query_schemas.json").read_text())

    def handle_request(self, request: Request) -> Response:
        """Return schemas, server information or all rows of a query."""
        action = json.loads(request.body)[0]
        if action["action"] == "query_server_information":
            return Response(200, json.dumps([self.information]).encode())
        if action["action"] == "query_schemas":
            return Response(200, json.dumps([self.schemas]).encode())
        return Response(200, self.body)

    def prepare(self) -> None:
        """Encode the query reply once, outside the timed part."""
        reply = {
            "action": "query",
            "data": [task_row(index) for index in range(self.rows)],
            "metadata": {"next": {"offset": None}},
        }
        self.body = json.dumps([reply]).encode()

    def close(self) -> None:
        """Release nothing."""


def make_session(transport: SyntheticTransport, cache_dir: str) -> Session:
    """Return a Session on *transport*."""
    Session._make_transport = lambda self: transport  # type: ignore[method-assign]
    return Session(
        server_url="http://127.0.0.1:9",
        api_key="benchmark",
        api_user="benchmark",
        plugin_paths=[],
        schema_cache_path=cache_dir,
    )


def measure_rows(rows: int, cache_dir: str) -> tuple[float, float, float]:
    """Return µs per row (new and cached entities) and bytes per entity.

    Times are CPU time of this process (other processes on a shared machine
    do not count), best of three runs.
    """
    transport = SyntheticTransport(rows)
    session = make_session(transport, cache_dir)
    transport.prepare()
    session.query("select name from Task limit 1").all()
    session.reset()
    expression = f"select name from Task limit {rows}"
    new: list[float] = []
    cached: list[float] = []
    for _ in range(3):
        for timings in (new, cached):
            start = time.process_time()
            session.query(expression).all()
            timings.append((time.process_time() - start) / rows * 1e6)
        session.reset()

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    session.query(expression).all()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    session.close()
    return min(new), min(cached), (after - before) / rows


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as cache_dir:
        for rows in (1_000, 10_000, 100_000):
            first, again, per_entity = measure_rows(rows, cache_dir)
            print(
                f"{rows:>7} rows: {first:5.1f} µs/row decode+merge (new), "
                f"{again:5.1f} µs/row (cached), {per_entity:5.0f} B per cached entity"
            )
        startup = measure_synthetic(cache_dir, runs=5)
        print(
            "import ftrack_api + warm-cache Session: "
            f"{startup.median('cpu_ms'):.1f} ms CPU (median; see startup.py)"
        )


if __name__ == "__main__":
    main()
