"""A small studio (project, shots, tasks, users...) as rows for the query tests."""

from __future__ import annotations

import datetime
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.model import Model


def uid(number: int) -> str:
    """Return a readable, sortable uuid for test row *number*."""
    return f"00000000-0000-0000-0000-{number:012d}"


#: Names of the rows below, to their ids.
IDS = {
    "not_started": uid(1),
    "done": uid(2),
    "status_open": uid(3),
    "status_done": uid(4),
    "type_task": uid(5),
    "type_shot": uid(6),
    "type_sequence": uid(7),
    "martin": uid(10),
    "anna": uid(11),
    "lighters": uid(12),
    "project": uid(20),
    "sq010": uid(21),
    "sq020": uid(22),
    "sh010": uid(30),
    "sh020": uid(31),
    "sh030": uid(32),
    "animation": uid(40),
    "compositing": uid(41),
    "lighting": uid(42),
    "client": uid(50),
    "assign_martin": uid(60),
    "assign_anna": uid(61),
    "allocate_lighters": uid(62),
    "log_1": uid(70),
    "log_2": uid(71),
}


def studio_rows() -> dict[str, list[dict[str, Any]]]:
    """Return the rows of the test studio, by table name."""
    i = IDS
    return {
        "state": [
            {"id": i["not_started"], "name": "Not started", "short": "NOT_STARTED"},
            {"id": i["done"], "name": "Done", "short": "DONE"},
        ],
        "status": [
            {"id": i["status_open"], "name": "Open", "state_id": i["not_started"]},
            {"id": i["status_done"], "name": "Done", "state_id": i["done"]},
        ],
        "object_type": [
            {"id": i["type_task"], "name": "Task"},
            {"id": i["type_shot"], "name": "Shot"},
            {"id": i["type_sequence"], "name": "Sequence"},
        ],
        "resource": [
            _user("martin", "Martin", "martin@example.com"),
            _user("anna", "Anna", None),
            {
                "id": i["lighters"],
                "name": "Lighters",
                "resource_type": "group",
                "_entity_type": "Group",
            },
        ],
        "context": [
            {
                "id": i["project"],
                "name": "proj",
                "full_name": "The Project",
                "context_type": "show",
                "_entity_type": "Project",
            },
            _context("sq010", "Sequence", "project", "type_sequence"),
            _context("sq020", "Sequence", "project", "type_sequence"),
            _context("sh010", "Shot", "sq010", "type_shot"),
            _context("sh020", "Shot", "sq010", "type_shot"),
            _context("sh030", "Shot", "sq020", "type_shot"),
            _context("animation", "Task", "sh010", "type_task", "status_open", 2.5),
            _context("compositing", "Task", "sh010", "type_task", "status_done", 1),
            _context("lighting", "Task", "sh030", "type_task", None, None),
        ],
        "appointment": [
            _appointment("assign_martin", "animation", "martin", "assignment"),
            _appointment("assign_anna", "compositing", "anna", "assignment"),
            _appointment("allocate_lighters", "lighting", "lighters", "allocation"),
        ],
        "metadata": [
            {"parent_id": i["animation"], "key": "a", "value": "1"},
            {"parent_id": i["animation"], "key": "b", "value": "2"},
            {"parent_id": i["compositing"], "key": "a", "value": "2"},
        ],
        "scope": [{"id": i["client"], "name": "client"}],
        "context_scope": [{"context_id": i["compositing"], "scope_id": i["client"]}],
        "timelog": [
            _timelog("log_1", "animation", "martin", datetime.datetime(2015, 5, 1)),
            _timelog("log_2", "animation", "anna", datetime.datetime(2016, 2, 1, 9)),
        ],
    }


def _user(name: str, first_name: str, email: str | None) -> dict[str, Any]:
    return {
        "id": IDS[name],
        "username": name,
        "first_name": first_name,
        "email": email,
        "resource_type": "user",
        "is_active": True,
        "_entity_type": "User",
    }


def _context(
    name: str,
    entity_type: str,
    parent: str,
    object_type: str,
    status: str | None = None,
    bid: float | None = None,
) -> dict[str, Any]:
    return {
        "id": IDS[name],
        "name": name,
        "parent_id": IDS[parent],
        "project_id": IDS["project"],
        "object_type_id": IDS[object_type],
        "status_id": IDS[status] if status else None,
        "bid": bid,
        "context_type": "task",
        "_entity_type": entity_type,
    }


def _appointment(name: str, context: str, resource: str, kind: str) -> dict[str, Any]:
    return {
        "id": IDS[name],
        "context_id": IDS[context],
        "resource_id": IDS[resource],
        "type": kind,
    }


def _timelog(
    name: str, context: str, user: str, start: datetime.datetime
) -> dict[str, Any]:
    return {
        "id": IDS[name],
        "context_id": IDS[context],
        "user_id": IDS[user],
        "start": start,
        "duration": 3600,
    }


def fill(connection: sa.Connection, model: Model, rows: dict[str, list[dict]]) -> None:
    """Insert *rows* (by table name) with Core inserts."""
    for table_name, items in rows.items():
        table = model.metadata.tables[table_name]
        for item in items:
            connection.execute(sa.insert(table).values(item))


def studio_engine(url: str, model: Model) -> sa.Engine:
    """Return an engine on *url* whose database holds the studio."""
    engine = sa.create_engine(url)
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        fill(connection, model, studio_rows())
    return engine
