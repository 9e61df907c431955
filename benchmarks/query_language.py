"""Time the query language against equivalent hand-written SQL.

Builds a project of 10 sequences, 100 shots and (by default) 10,000 tasks,
each task with a status and one assignment, then times:

* ``select name, status.name, parent.name, assignments.resource from Task
  where parent.parent.name is "sq005"``, paged by 500 as the client does;
* a plain ``Task`` query paged through completely, and read as one page;

each against hand-written SQL that returns the same objects, in the same
process. It repeats at a quarter, half and all of the tasks to show how the
cost grows with the rows. Run::

    .venv/bin/python benchmarks/query_language.py [--tasks 10000] [--url URL]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.model import Model, get_model
from ftrack_api.local.query import execute
from ftrack_api.local.query.references import shorten_repeats

PAGE_SIZE = 500
SHOTS = 100
SEQUENCES = 10
SEQUENCE = "sq005"
FILTERED = (
    "select name, status.name, parent.name, assignments.resource from Task "
    f'where parent.parent.name is "{SEQUENCE}"'
)


def uid(kind: int, number: int) -> str:
    """Return a sortable uuid for row *number* of *kind*."""
    return f"{kind:08d}-0000-0000-0000-{number:012d}"


def build(connection: sa.Connection, model: Model, tasks: int) -> None:
    """Insert the project, sequences, shots, tasks, statuses and assignments."""
    tables = model.metadata.tables
    project = uid(1, 0)
    connection.execute(
        sa.insert(tables["status"]),
        [{"id": uid(2, n), "name": f"status {n}"} for n in range(5)],
    )
    connection.execute(
        sa.insert(tables["resource"]),
        [
            {
                "id": uid(3, n),
                "username": f"user{n}",
                "resource_type": "user",
                "_entity_type": "User",
            }
            for n in range(20)
        ],
    )
    contexts = [
        {**_context(project, "proj", None, None, "Project"), "context_type": "show"}
    ]
    contexts += [
        _context(uid(4, n), f"sq{n:03d}", project, project, "Sequence")
        for n in range(SEQUENCES)
    ]
    contexts += [
        _context(uid(5, n), f"sh{n:03d}", uid(4, n % SEQUENCES), project, "Shot")
        for n in range(SHOTS)
    ]
    contexts += [
        {
            **_context(uid(6, n), f"task{n:05d}", uid(5, n % SHOTS), project, "Task"),
            "status_id": uid(2, n % 5),
        }
        for n in range(tasks)
    ]
    connection.execute(sa.insert(tables["context"]), contexts)
    connection.execute(
        sa.insert(tables["appointment"]),
        [
            {
                "id": uid(7, n),
                "context_id": uid(6, n),
                "resource_id": uid(3, n % 20),
                "type": "assignment",
            }
            for n in range(tasks)
        ],
    )


def _context(
    identifier: str, name: str, parent: str | None, project: str | None, kind: str
) -> dict[str, Any]:
    return {
        "id": identifier,
        "name": name,
        "parent_id": parent,
        "project_id": project,
        "context_type": "task",
        "object_type_id": None,
        "status_id": None,
        "_entity_type": kind,
    }


def paged(run_page: Callable[[int], tuple[list[Any], int | None]]) -> list[Any]:
    """Read every page the way the client's QueryResult does."""
    rows: list[Any] = []
    offset: int | None = 0
    while offset is not None:
        page, offset = run_page(offset)
        rows.extend(page)
    return rows


def ours(
    connection: sa.Connection, model: Model, expression: str, page_size: int
) -> list[Any]:
    """Run *expression* through the query language, in pages of *page_size*."""

    def page(offset: int) -> tuple[list[Any], int | None]:
        reply = execute(
            connection, model, f"{expression} offset {offset} limit {page_size}"
        )
        return reply["data"], reply["metadata"]["next"]["offset"]

    return paged(page)


_FILTERED_SQL = """
SELECT t.id, t.name, t.context_type, t.project_id, t.object_type_id,
       s.id, s.name, p.id, p.name, p._entity_type, p.context_type,
       p.project_id, p.object_type_id
FROM context AS t
JOIN context AS p ON p.id = t.parent_id
JOIN context AS g ON g.id = p.parent_id
LEFT JOIN status AS s ON s.id = t.status_id
WHERE t._entity_type = 'Task' AND g.name = :sequence
ORDER BY t.id LIMIT :limit OFFSET :offset
"""
_ASSIGNMENTS_SQL = """
SELECT a.context_id, a.id, r.id, r._entity_type, r.resource_type
FROM appointment AS a LEFT JOIN resource AS r ON r.id = a.resource_id
WHERE a.type = 'assignment' AND a.context_id IN ({ids})
ORDER BY a.id
"""


def _task(row: Any) -> dict[str, Any]:
    return {
        "__entity_type__": "Task",
        "id": row[0],
        "name": row[1],
        "context_type": row[2],
        "project_id": row[3],
        "object_type_id": row[4],
    }


def hand_written_filtered(connection: sa.Connection, page_size: int) -> list[Any]:
    """Return the filtered query's objects from hand-written SQL, paged."""

    def page(offset: int) -> tuple[list[Any], int | None]:
        rows = connection.execute(
            sa.text(_FILTERED_SQL),
            {"sequence": SEQUENCE, "limit": page_size + 1, "offset": offset},
        ).all()
        more = len(rows) > page_size
        rows = rows[:page_size]
        tasks = []
        for row in rows:
            task = _task(row)
            task["status"] = {"__entity_type__": "Status", "id": row[5], "name": row[6]}
            task["parent"] = {
                "__entity_type__": row[9],
                "id": row[7],
                "name": row[8],
                "context_type": row[10],
                "project_id": row[11],
                "object_type_id": row[12],
            }
            task["assignments"] = []
            tasks.append(task)
        _attach_assignments(connection, tasks)
        # Like the server, send a status or parent repeated in the page by reference.
        shorten_repeats(get_model(), tasks)
        return tasks, offset + len(rows) if more else None

    return paged(page)


def _attach_assignments(connection: sa.Connection, tasks: list[dict]) -> None:
    if not tasks:
        return
    by_id = {task["id"]: task for task in tasks}
    names = ", ".join(f":id{n}" for n in range(len(tasks)))
    parameters = {f"id{n}": task["id"] for n, task in enumerate(tasks)}
    statement = sa.text(_ASSIGNMENTS_SQL.format(ids=names))
    for row in connection.execute(statement, parameters):
        by_id[row[0]]["assignments"].append(
            {
                "__entity_type__": "Appointment",
                "id": row[1],
                "resource": {
                    "__entity_type__": row[3],
                    "id": row[2],
                    "resource_type": row[4],
                },
            }
        )


def hand_written_plain(connection: sa.Connection, page_size: int) -> list[Any]:
    """Return every Task with its default projections from hand-written SQL."""
    statement = sa.text(
        "SELECT id, name, context_type, project_id, object_type_id FROM context "
        "WHERE _entity_type = 'Task' ORDER BY id LIMIT :limit OFFSET :offset"
    )

    def page(offset: int) -> tuple[list[Any], int | None]:
        rows = connection.execute(
            statement, {"limit": page_size + 1, "offset": offset}
        ).all()
        more = len(rows) > page_size
        tasks = [_task(row) for row in rows[:page_size]]
        return tasks, offset + page_size if more else None

    return paged(page)


def best_of(repeats: int, function: Callable[[], list[Any]]) -> tuple[float, int]:
    """Return the best wall time of *repeats* runs and the rows returned."""
    times = []
    rows = 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = len(function())
        times.append(time.perf_counter() - start)
    return min(times), rows


def measure(url: str, tasks: int, repeats: int) -> None:
    """Build a database of *tasks* tasks and print the timings."""
    model = get_model()
    engine = sa.create_engine(url)
    model.metadata.drop_all(engine)
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        build(connection, model, tasks)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # Fresh tables have no statistics; give the planner some, for both.
            connection.exec_driver_sql("ANALYZE")
        cases = [
            (
                "filtered select",
                lambda: ours(connection, model, FILTERED, PAGE_SIZE),
                lambda: hand_written_filtered(connection, PAGE_SIZE),
            ),
            (
                "plain Task",
                lambda: ours(connection, model, "Task", PAGE_SIZE),
                lambda: hand_written_plain(connection, PAGE_SIZE),
            ),
            (
                "Task one page",
                lambda: ours(connection, model, "Task", tasks),
                lambda: hand_written_plain(connection, tasks),
            ),
        ]
        for name, query, sql in cases:
            query_time, query_rows = best_of(repeats, query)
            sql_time, sql_rows = best_of(repeats, sql)
            assert query_rows == sql_rows, (name, query_rows, sql_rows)
            print(
                f"{engine.dialect.name:10} tasks={tasks:6} {name:16}"
                f" rows={query_rows:6}"
                f"  query={query_time * 1000:8.1f} ms"
                f"  sql={sql_time * 1000:8.1f} ms"
                f"  ratio={query_time / sql_time:5.2f}"
                f"  per row={query_time / max(query_rows, 1) * 1e6:6.1f} us"
            )
    model.metadata.drop_all(engine)
    engine.dispose()


def check_same_objects(url: str) -> None:
    """Check that both ways return the same objects, so the timings compare."""
    model = get_model()
    engine = sa.create_engine(url)
    model.metadata.drop_all(engine)
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        build(connection, model, 1200)
    with engine.connect() as connection:
        filtered = ours(connection, model, FILTERED, PAGE_SIZE)
        assert filtered and filtered == hand_written_filtered(connection, PAGE_SIZE)
        plain = ours(connection, model, "Task", PAGE_SIZE)
        assert plain == hand_written_plain(connection, PAGE_SIZE)
    model.metadata.drop_all(engine)
    engine.dispose()


def main() -> None:
    """Parse the arguments and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--url", default="sqlite://")
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    check_same_objects(arguments.url)
    for tasks in (arguments.tasks // 4, arguments.tasks // 2, arguments.tasks):
        measure(arguments.url, tasks, arguments.repeats)


if __name__ == "__main__":
    main()
