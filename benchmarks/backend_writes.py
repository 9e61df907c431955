"""Benchmark the backend's write path against plain SQLAlchemy Core.

Creates 10,000 Tasks under one project in one batch, then updates them all
in a second batch, through ``Backend.call``; then does the same inserts and
updates with plain SQLAlchemy Core ``executemany`` on a fresh database in the
same process. Prints rows per second and the ratio.

Usage: python benchmarks/backend_writes.py [--rows N] [--repeat R] [--url URL]
(default: a SQLite file in a temporary folder; the best of R runs is kept,
alternating backend and plain runs, to damp the noise of a shared machine).
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import OBJECT_TYPES, PRIORITY, PROJECT_SCHEMA


def backend_run(url: str, count: int) -> tuple[float, float]:
    """Return (create seconds, update seconds) through the backend."""
    backend = Backend(url)
    project = str(uuid.uuid4())
    backend.call(
        [
            {
                "action": "create",
                "entity_type": "Project",
                "entity_data": {
                    "__entity_type__": "Project",
                    "id": project,
                    "name": f"bench-{project}",
                    "full_name": "Bench",
                    "project_schema_id": PROJECT_SCHEMA,
                },
            }
        ],
        trusted=True,
    )
    ids = [str(uuid.uuid4()) for _ in range(count)]
    creates = [
        {
            "action": "create",
            "entity_type": "Task",
            "entity_key": [task_id],
            "entity_data": {
                "__entity_type__": "Task",
                "id": task_id,
                "name": f"task_{index}",
                "parent": {"__entity_type__": "Project", "id": project},
            },
        }
        for index, task_id in enumerate(ids)
    ]
    updates = [
        {
            "action": "update",
            "entity_type": "Task",
            "entity_key": [task_id],
            "entity_data": {"__entity_type__": "Task", "name": f"renamed_{index}"},
        }
        for index, task_id in enumerate(ids)
    ]
    started = time.perf_counter()
    result = backend.call(creates, trusted=True)
    created = time.perf_counter()
    assert isinstance(result, list), result
    result = backend.call(updates, trusted=True)
    updated = time.perf_counter()
    assert isinstance(result, list), result
    backend.engine.dispose()
    return created - started, updated - created


def core_run(url: str, count: int) -> tuple[float, float]:
    """Return (insert seconds, update seconds) with plain SQLAlchemy Core."""
    backend = Backend(url)
    table = backend.model.get("Task").table
    project = str(uuid.uuid4())
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    ids = [str(uuid.uuid4()) for _ in range(count)]
    columns = [column.name for column in table.columns]
    rows = []
    for index, task_id in enumerate(ids):
        row = dict.fromkeys(columns)
        row.update(
            id=task_id,
            name=f"task_{index}",
            parent_id=project,
            project_id=project,
            _entity_type="Task",
            context_type="task",
            object_type_id=OBJECT_TYPES["Task"],
            priority_id=PRIORITY,
            bid=0,
            sort=0,
            created_at=now,
        )
        rows.append(row)
    statement = (
        table.update()
        .where(table.c.id == sa.bindparam("key"))
        .values(name=sa.bindparam("new_name"))
    )
    started = time.perf_counter()
    with backend.engine.begin() as connection:
        connection.execute(table.insert(), rows)
    inserted = time.perf_counter()
    with backend.engine.begin() as connection:
        connection.execute(
            statement,
            [
                {"key": task_id, "new_name": f"renamed_{i}"}
                for i, task_id in enumerate(ids)
            ],
        )
    updated = time.perf_counter()
    backend.engine.dispose()
    return inserted - started, updated - inserted


def main() -> None:
    """Run both and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--url", default=None)
    arguments = parser.parse_args()
    ours: list[tuple[float, float]] = []
    plain: list[tuple[float, float]] = []
    for run in range(arguments.repeat):
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder)
            ours.append(
                backend_run(
                    arguments.url or f"sqlite:///{base / f'b{run}.db'}", arguments.rows
                )
            )
            plain.append(
                core_run(
                    arguments.url or f"sqlite:///{base / f'c{run}.db'}", arguments.rows
                )
            )
    count = arguments.rows
    for index, label in enumerate(("create", "update")):
        mine = min(times[index] for times in ours)
        theirs = min(times[index] for times in plain)
        print(
            f"{label}: backend {count / mine:,.0f} rows/s ({mine:.3f}s), "
            f"plain Core {count / theirs:,.0f} rows/s ({theirs:.3f}s), "
            f"ratio {mine / theirs:.2f}x"
        )


if __name__ == "__main__":
    main()
