"""Tests of the store: planner statistics and the indexes paged queries use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ftrack_api.local import backend as backend_module
from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import PROJECT_SCHEMA
from tests.local.conftest import call, create, new_id, query, ref


@pytest.fixture
def sqlite_backend(tmp_path: Path) -> Iterator[Backend]:
    """Return a new backend on an SQLite file."""
    instance = Backend(
        f"sqlite:///{tmp_path / 'store.db'}", credentials_folder=tmp_path
    )
    try:
        yield instance
    finally:
        instance.engine.dispose()


def _statistics(backend: Backend, table: str) -> list[tuple[str, str]]:
    """Return (index, stat) rows SQLite's ANALYZE recorded for *table*."""
    with backend.engine.connect() as connection:
        return [
            (row[0], row[1])
            for row in connection.exec_driver_sql(
                "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?", (table,)
            )
        ]


def _project_with_tasks(backend: Backend, count: int) -> str:
    """Create a project with *count* Tasks in one batch; return its id."""
    project = new_id()
    tasks = [
        create("Task", id=new_id(), name=f"t{number}", parent=ref("Project", project))
        for number in range(count)
    ]
    call(
        backend,
        create(
            "Project",
            id=project,
            name=f"p-{project}",
            full_name="p",
            project_schema_id=PROJECT_SCHEMA,
        ),
        *tasks,
    )
    return project


def test_new_database_is_analysed_after_seeding(sqlite_backend: Backend) -> None:
    """Seeding leaves planner statistics of the stock tables behind."""
    assert _statistics(sqlite_backend, "status")


def test_batch_of_many_creates_refreshes_statistics(
    sqlite_backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once enough entities were created, the context table gets statistics."""
    monkeypatch.setattr(backend_module, "ANALYSE_AFTER_CREATES", 10)
    _project_with_tasks(sqlite_backend, 3)
    assert not _statistics(sqlite_backend, "context")

    _project_with_tasks(sqlite_backend, 8)

    stats = dict(_statistics(sqlite_backend, "context"))
    assert int(stats["ix_context_project_id"].split()[0]) == 13


def _plan_of_query(backend: Backend, expression: str) -> str:
    """Return SQLite's plan of the root SELECT run for query *expression*."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any):
        if statement.lstrip().upper().startswith("SELECT") and "LIMIT" in statement:
            statements.append((statement, parameters))

    sa.event.listen(backend.engine, "before_cursor_execute", record)
    try:
        call(backend, query(expression))
    finally:
        sa.event.remove(backend.engine, "before_cursor_execute", record)
    statement, parameters = statements[0]
    with backend.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " | ".join(row[-1] for row in rows)


@pytest.mark.parametrize(
    ("condition", "index"),
    [
        ('where project_id is "{project}"', "ix_context_project_id"),
        ('where parent_id is "{project}"', "ix_context_parent_id"),
        ("", "ix_context__entity_type"),
    ],
)
def test_paged_task_query_walks_a_key_ordered_index(
    sqlite_backend: Backend, condition: str, index: str
) -> None:
    """A page of Tasks by project, parent or type needs no sort of all rows."""
    project = _project_with_tasks(sqlite_backend, 20)
    expression = (
        f"select name from Task {condition.format(project=project)} offset 5 limit 5"
    )

    plan = _plan_of_query(sqlite_backend, expression)

    assert index in plan
    assert "TEMP B-TREE" not in plan


def test_database_of_an_older_index_layout_gets_its_indexes_rebuilt(
    tmp_path: Path,
) -> None:
    """Reopening a database with a one-column project index rebuilds it in key order."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Backend(url, credentials_folder=tmp_path).engine.dispose()
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP INDEX ix_context_project_id")
        connection.exec_driver_sql(
            "CREATE INDEX ix_context_project_id ON context (project_id)"
        )
        connection.exec_driver_sql(
            "DELETE FROM backend_state WHERE key = 'index_layout'"
        )
    engine.dispose()

    reopened = Backend(url, credentials_folder=tmp_path)
    try:
        with reopened.engine.connect() as connection:
            indexes = connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            ).all()
    finally:
        reopened.engine.dispose()

    definitions: dict[str, str] = {row[0]: row[1] for row in indexes}
    assert definitions["ix_context_project_id"].endswith(
        "ON context (project_id, _entity_type, id)"
    )
