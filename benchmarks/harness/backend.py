"""Measure our backend alone against hand-written SQL and ``cp``.

Reuses the other benchmarks' own pieces: the query language benchmark's
studio and hand-written SQL (``benchmarks/query_language.py``), the write
benchmark's backend and plain-Core runs (``benchmarks/backend_writes.py``)
and the transfer benchmark's disk run against ``cp -r``
(``benchmarks/transfers.py``).
"""

from __future__ import annotations

import contextlib
import functools
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import backend_writes, query_language, transfers
from ftrack_api.local.model import get_model

PAGE = query_language.PAGE_SIZE


@dataclass
class BackendSizes:
    """Counts of the backend-alone measurements."""

    tasks: int
    writes: int
    file_mib: int
    frames: int
    frame_kib: int
    repeats: int


FULL = BackendSizes(
    tasks=10_000, writes=10_000, file_mib=256, frames=1_000, frame_kib=64, repeats=3
)
QUICK = BackendSizes(
    tasks=300, writes=300, file_mib=4, frames=20, frame_kib=4, repeats=1
)


def comparison(
    key: str, label: str, reference: str, ours: list[float], other: list[float]
) -> dict[str, Any]:
    """Return one results row: medians of both and their ratio ours / other."""
    return {
        "key": key,
        "label": label,
        "reference": reference,
        "runs": {"ours": ours, "reference": other},
        "ours": statistics.median(ours),
        "reference_median": statistics.median(other),
        "ratio": statistics.median(ours) / statistics.median(other),
    }


def _timings(repeats: int, function: Callable[[], object]) -> list[float]:
    """Return the wall times of *repeats* calls of *function*."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def queries(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time the query language against hand-written SQL on one studio."""
    model = get_model()
    engine = sa.create_engine(f"sqlite:///{folder / 'query_language.db'}")
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        query_language.build(connection, model, sizes.tasks)
    rows = []
    with engine.connect() as connection:
        cases: list[tuple[str, str, Callable[[], list], Callable[[], list]]] = [
            (
                "filtered",
                "4 projections (one a collection), filter 2 levels up",
                lambda: query_language.ours(
                    connection, model, query_language.FILTERED, PAGE
                ),
                lambda: query_language.hand_written_filtered(connection, PAGE),
            ),
            (
                "plain",
                "plain Task query, every page",
                lambda: query_language.ours(connection, model, "Task", PAGE),
                lambda: query_language.hand_written_plain(connection, PAGE),
            ),
        ]
        for key, label, ours, hand_written in cases:
            if ours() != hand_written():
                raise RuntimeError(f"The {key} query and its SQL disagree")
            rows.append(
                comparison(
                    f"query_{key}",
                    f"Query language on {sizes.tasks:,} Tasks: {label}",
                    "hand-written SQL",
                    _timings(sizes.repeats, ours),
                    _timings(sizes.repeats, hand_written),
                )
            )
    engine.dispose()
    return rows


def writes(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time backend creates and updates against plain SQLAlchemy Core."""
    ours: list[tuple[float, float]] = []
    core: list[tuple[float, float]] = []
    for repetition in range(sizes.repeats):
        ours.append(
            backend_writes.backend_run(
                f"sqlite:///{folder / f'writes-backend-{repetition}.db'}", sizes.writes
            )
        )
        core.append(
            backend_writes.core_run(
                f"sqlite:///{folder / f'writes-core-{repetition}.db'}", sizes.writes
            )
        )
    return [
        comparison(
            f"write_{name}",
            f"Backend {name} of {sizes.writes:,} Tasks in one batch",
            "plain SQLAlchemy Core executemany",
            [run[index] for run in ours],
            [run[index] for run in core],
        )
        for index, name in enumerate(("create", "update"))
    ]


class _TransferRecorder:
    """Keep the unrounded seconds of each copy ``transfers.disk_benchmark`` times.

    It wraps the transfer benchmark's ``compare`` (one add against one
    ``cp -r``) and ``timed`` (one timed copy, named ``ours`` or ``copy``),
    which otherwise only print their figures rounded to 10 ms.
    """

    def __init__(self) -> None:
        self.runs: dict[str, tuple[list[float], list[float]]] = {}
        self._timed = transfers.timed
        self._compare = transfers.compare
        self._current: dict[str, float] = {}

    def timed(self, action: Callable[[], object]) -> float:
        """Time *action* with the benchmark's own timer; note which copy it was."""
        seconds = self._timed(action)
        copy = getattr(action, "args", (action,))[0]
        self._current[getattr(copy, "__name__", "")] = seconds
        return seconds

    def compare(self, label: str, *arguments: Any) -> float:
        """Run one comparison; record our seconds and cp's."""
        self._current = {}
        ratio = self._compare(label, *arguments)
        ours, cp = self.runs.setdefault(label, ([], []))
        ours.append(self._current["ours"])
        cp.append(self._current["copy"])
        return ratio

    def __enter__(self) -> _TransferRecorder:
        transfers.timed = self.timed
        transfers.compare = self.compare  # type: ignore[assignment]
        return self

    def __exit__(self, *exc_info: object) -> None:
        transfers.timed = self._timed
        transfers.compare = self._compare


def disk_transfers(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time disk-to-disk component transfers against ``cp -r``."""
    root = folder / "transfers"
    root.mkdir()
    with _TransferRecorder() as recorder, contextlib.redirect_stdout(io.StringIO()):
        transfers.disk_benchmark(
            root,
            sizes.file_mib * 2**20,
            sizes.frames,
            sizes.frame_kib * 1024,
            sizes.repeats,
        )
    labels = {
        "single file": f"Disk-to-disk copy, one {sizes.file_mib} MiB file",
        f"sequence of {sizes.frames} frames": (
            f"Disk-to-disk copy, {sizes.frames:,} frames of {sizes.frame_kib} KiB"
        ),
    }
    return [
        comparison(
            "transfer_file" if label == "single file" else "transfer_sequence",
            labels[label],
            "cp -r",
            ours,
            cp,
        )
        for label, (ours, cp) in recorder.runs.items()
    ]


def measure_all(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Run every backend-alone measurement; return the result rows."""
    return (
        queries(folder, sizes) + writes(folder, sizes) + disk_transfers(folder, sizes)
    )


# The client scenarios' own queries, on the benchmark's own database.

_SCENARIO_SQL = """
SELECT t.id, t.name, t.context_type, t.project_id, t.object_type_id,
       s.id, s.name, p.id, p._entity_type, p.name
FROM context AS t
LEFT JOIN status AS s ON s.id = t.status_id
LEFT JOIN context AS p ON p.id = t.parent_id
WHERE t._entity_type = 'Task' AND t.project_id = :project
ORDER BY t.id LIMIT :limit OFFSET :offset
"""
_POPULATE_SQL = """
SELECT id, description FROM context
WHERE _entity_type = 'Task' AND id IN ({ids})
ORDER BY id LIMIT :limit OFFSET :offset
"""


def _through_backend(backend_: Any, expression: str) -> list[Any]:
    """Page through *expression* with ``Backend.call`` as a client would."""

    def page(offset: int) -> tuple[list[Any], int | None]:
        reply = backend_.call(
            [
                {
                    "action": "query",
                    "expression": f"{expression} offset {offset} limit {PAGE}",
                }
            ],
            trusted=True,
        )
        if isinstance(reply, dict):
            raise RuntimeError(f"Query failed: {reply.get('content')!r}")
        return reply[0]["data"], reply[0]["metadata"]["next"]["offset"]

    return query_language.paged(page)


def _hand_written_tasks(connection: sa.Connection, project: str) -> list[Any]:
    """Return the query scenario's Tasks, status and parent from plain SQL."""

    def page(offset: int) -> tuple[list[Any], int | None]:
        rows = connection.execute(
            sa.text(_SCENARIO_SQL),
            {"project": project, "limit": PAGE + 1, "offset": offset},
        ).all()
        tasks = []
        for row in rows[:PAGE]:
            task = query_language._task(row)
            task["status"] = {"__entity_type__": "Status", "id": row[5], "name": row[6]}
            task["parent"] = {"__entity_type__": row[8], "id": row[7], "name": row[9]}
            tasks.append(task)
        return tasks, offset + PAGE if len(rows) > PAGE else None

    return query_language.paged(page)


def _hand_written_populate(connection: sa.Connection, ids: list[str]) -> list[Any]:
    """Return each Task's description from plain SQL, paged like the client."""
    names = ", ".join(f":id{number}" for number in range(len(ids)))
    statement = sa.text(_POPULATE_SQL.format(ids=names))
    parameters = {f"id{number}": value for number, value in enumerate(ids)}

    def page(offset: int) -> tuple[list[Any], int | None]:
        rows = connection.execute(
            statement, {**parameters, "limit": PAGE + 1, "offset": offset}
        ).all()
        data = [
            {"__entity_type__": "Task", "id": row[0], "description": row[1]}
            for row in rows[:PAGE]
        ]
        return data, offset + PAGE if len(rows) > PAGE else None

    return query_language.paged(page)


def _check_counts(count: int, *runs: Callable[[], list[Any]]) -> None:
    """Raise unless every run returns *count* objects."""
    for run in runs:
        returned = len(run())
        if returned != count:
            raise RuntimeError(f"{run} returned {returned} objects, not {count}")


def _against_sql(
    key: str,
    label: str,
    count: int,
    repeats: int,
    ours_run: Callable[[], list[Any]],
    sql_run: Callable[[], list[Any]],
) -> dict[str, Any]:
    """Check both runs return *count* objects, then time them against each other."""
    _check_counts(count, ours_run, sql_run)
    return comparison(
        key,
        label,
        "hand-written SQL, same pages",
        _timings(repeats, ours_run),
        _timings(repeats, sql_run),
    )


def client_queries(
    database: str, projects: dict[int, str], entities: int, repeats: int
) -> list[dict[str, Any]]:
    """Time the client scenarios' queries in-process against hand-written SQL.

    Runs on the benchmark's own database as seeded, before the clients'
    scenarios add rows, with the same expressions and pages the clients
    send, so the server's share of each client query shows.
    """
    from ftrack_api.local.backend import Backend

    backend_ = Backend(database)
    rows = []
    with backend_.engine.connect() as connection:
        for count, project in sorted(projects.items()):
            if count > entities:
                continue
            expression = (
                "select name, status.name, parent.name from Task "
                f'where project_id is "{project}"'
            )
            rows.append(
                _against_sql(
                    f"scenario_query_{count}",
                    f"Server side of the client query of {count:,} Tasks "
                    "(3 projections, pages of 500)",
                    count,
                    repeats,
                    functools.partial(_through_backend, backend_, expression),
                    functools.partial(_hand_written_tasks, connection, project),
                )
            )
        project = projects[entities]
        ids = [
            row[0]
            for row in connection.execute(
                sa.text("SELECT id FROM context WHERE project_id = :project"),
                {"project": project},
            )
        ]
        expression = f"select description from Task where id in ({','.join(ids)})"
        rows.append(
            _against_sql(
                f"scenario_populate_{entities}",
                f"Server side of populating {entities:,} Tasks (id in (...), "
                "pages of 500)",
                entities,
                repeats,
                functools.partial(_through_backend, backend_, expression),
                functools.partial(_hand_written_populate, connection, ids),
            )
        )
    backend_.engine.dispose()
    return rows
