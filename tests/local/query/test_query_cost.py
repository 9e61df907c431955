"""Tests that the cost of a query grows with its rows, not with its shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from query_studio import fill, studio_rows, uid

from ftrack_api.local.model import Model
from ftrack_api.local.query import execute, parse
from ftrack_api.local.query import loader as loader_module

PROJECTIONS = (
    "select name, status.state.short, parent.parent.name, assignments.resource, "
    "metadata.value, scopes.name, timelogs.user.username, ancestors.name, "
    "children.name from Task"
)


def _extra_tasks(first: int, count: int) -> dict[str, list[dict[str, Any]]]:
    """Return *count* more tasks under sh020, each with metadata and an assignment."""
    tasks, metadata, appointments = [], [], []
    for number in range(first, first + count):
        task_id = uid(1000 + number)
        tasks.append(
            {
                "id": task_id,
                "name": f"extra{number}",
                "parent_id": uid(31),
                "project_id": uid(20),
                "status_id": uid(3 + number % 2),
                "context_type": "task",
                "_entity_type": "Task",
            }
        )
        metadata.append({"parent_id": task_id, "key": "k", "value": str(number)})
        appointments.append(
            {
                "id": uid(5000 + number),
                "context_id": task_id,
                "resource_id": uid(10),
                "type": "assignment",
            }
        )
    return {"context": tasks, "metadata": metadata, "appointment": appointments}


@pytest.fixture
def statements(model: Model) -> Iterator[tuple[sa.Connection, list[str], Any]]:
    """Return a studio connection, the list of statements it runs, and a filler."""
    engine = sa.create_engine("sqlite://")
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        fill(connection, model, studio_rows())
    seen: list[str] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _record(_connection, _cursor, statement, *_args: Any) -> None:
        seen.append(statement)

    added = [0]

    def add_tasks(count: int) -> None:
        with engine.begin() as connection:
            fill(connection, model, _extra_tasks(added[0], count))
        added[0] += count

    with engine.connect() as connection:
        yield connection, seen, add_tasks
    engine.dispose()


def test_statement_count_does_not_grow_with_rows(
    statements: tuple[sa.Connection, list[str], Any], model: Model
) -> None:
    """Ten times the rows run the same number of statements: no query per row."""
    connection, seen, add_tasks = statements
    add_tasks(10)
    seen.clear()
    small = execute(connection, model, PROJECTIONS)["data"]
    small_count = len(seen)
    add_tasks(90)
    seen.clear()
    large = execute(connection, model, PROJECTIONS)["data"]

    assert len(large) == len(small) + 90
    assert len(seen) == small_count
    assert all(row["metadata"] for row in large if row["name"].startswith("extra"))


def test_large_key_sets_are_sent_in_chunks(
    statements: tuple[sa.Connection, list[str], Any],
    model: Model,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """More keys than one IN list holds are loaded in several batches, completely."""
    connection, seen, add_tasks = statements
    add_tasks(25)
    whole = execute(connection, model, "select metadata.value from Task")["data"]
    monkeypatch.setattr(loader_module, "CHUNK_SIZE", 4)
    seen.clear()

    chunked = execute(connection, model, "select metadata.value from Task")["data"]

    assert chunked == whole
    assert len(seen) > 2


def test_parse_caches_syntax_trees() -> None:
    """Parsing the same text twice returns the very same tree."""
    assert parse(PROJECTIONS) is parse(PROJECTIONS)
