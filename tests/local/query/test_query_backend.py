"""Tests of the query language through the backend's ``query`` action."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.local.backend import Backend


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Return a fresh backend on SQLite or PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'studio.db'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    backend = Backend.open(url, credentials_folder=tmp_path)
    yield backend
    backend.close()


def call(backend: Backend, *operations: dict[str, Any]) -> list[Any]:
    """Run *operations* in one batch and return their results."""
    reply = backend.call(list(operations), trusted=True)
    assert isinstance(reply, list), reply
    return reply


def query(backend: Backend, expression: str) -> list[dict[str, Any]]:
    """Return the rows of *expression*."""
    return call(backend, {"action": "query", "expression": expression})[0]["data"]


def create(type_name: str, **data: Any) -> dict[str, Any]:
    """Return a create operation."""
    return {"action": "create", "entity_type": type_name, "entity_data": data}


@pytest.fixture
def studio(backend: Backend) -> dict[str, str]:
    """Create a project with a sequence, a shot, two tasks, a user and values."""
    ids = {name: str(uuid.uuid4()) for name in ["project", "sq", "sh", "anim", "comp"]}
    ids.update(user=str(uuid.uuid4()), configuration=str(uuid.uuid4()))
    schema = query(backend, "ProjectSchema")[0]["id"]
    task_type = next(
        row["id"]
        for row in query(backend, "select name from ObjectType")
        if row["name"] == "Task"
    )
    call(
        backend,
        create(
            "Project",
            id=ids["project"],
            name="proj",
            full_name="Project",
            project_schema_id=schema,
        ),
        create("Sequence", id=ids["sq"], name="sq010", parent_id=ids["project"]),
        create("Shot", id=ids["sh"], name="sh010", parent_id=ids["sq"]),
        create("Task", id=ids["anim"], name="anim", parent_id=ids["sh"]),
        create("Task", id=ids["comp"], name="comp", parent_id=ids["sh"]),
        create("User", id=ids["user"], username="martin"),
        create(
            "Appointment",
            context_id=ids["anim"],
            resource_id=ids["user"],
            type="assignment",
        ),
        create(
            "Metadata", parent_id=ids["anim"], parent_type="Task", key="k", value="v"
        ),
        create(
            "CustomAttributeConfiguration",
            id=ids["configuration"],
            key="fstart",
            label="Frame start",
            entity_type="task",
            object_type_id=task_type,
            config="{}",
            default=1001,
        ),
    )
    return ids


def test_query_action_filters_and_nests_through_the_backend(
    backend: Backend, studio: dict[str, str]
) -> None:
    """Rows created through ``create`` come back filtered, nested and typed."""
    rows = query(
        backend,
        "select name, parent.name, assignments.resource, metadata.value, link "
        'from Task where parent.parent.name is "sq010"',
    )

    assert [row["name"] for row in rows] == sorted(
        ["anim", "comp"], key=lambda name: studio[name]
    )
    by_name = {row["name"]: row for row in rows}
    assert by_name["anim"]["parent"]["__entity_type__"] == "Shot"
    assert by_name["anim"]["assignments"][0]["resource"]["id"] == studio["user"]
    assert by_name["anim"]["metadata"][0]["value"] == "v"
    assert by_name["comp"]["assignments"] == []
    assert [item["name"] for item in by_name["anim"]["link"]] == [
        "proj",
        "sq010",
        "sh010",
        "anim",
    ]


def test_query_action_returns_concrete_types_for_context(
    backend: Backend, studio: dict[str, str]
) -> None:
    """``Context`` returns the project, sequence, shot and tasks as themselves."""
    rows = query(
        backend,
        f'Context where project_id is "{studio["project"]}" '
        f'or id is "{studio["project"]}"',
    )

    assert sorted(row["__entity_type__"] for row in rows) == [
        "Project",
        "Sequence",
        "Shot",
        "Task",
        "Task",
    ]


def test_custom_attribute_filters_see_defaults_and_stored_values(
    backend: Backend, studio: dict[str, str]
) -> None:
    """Custom attribute filters match defaults, then values stored by an update."""
    by_key = "select name from Task where custom_attributes.configuration.key is fstart"
    assert sorted(row["name"] for row in query(backend, by_key)) == ["anim", "comp"]
    call(
        backend,
        {
            "action": "update",
            "entity_type": "ContextCustomAttributeValue",
            "entity_key": [studio["configuration"], studio["comp"]],
            "entity_data": {"value": 1010},
        },
    )

    by_value = (
        "select name from Task "
        "where custom_attributes any (key is fstart and value is {})"
    )
    assert [row["name"] for row in query(backend, by_value.format(1010))] == ["comp"]
    assert [row["name"] for row in query(backend, by_value.format(1001))] == ["anim"]
    (row,) = query(
        backend, f'select custom_attributes from Task where id is "{studio["comp"]}"'
    )
    assert [(item["key"], item["value"]) for item in row["custom_attributes"]] == [
        ("fstart", 1010)
    ]


def test_bad_query_answers_the_wire_error_object(
    backend: Backend, studio: dict[str, str]
) -> None:
    """A syntax error reaches the client as a ParseError naming the column."""
    reply = backend.call(
        [{"action": "query", "expression": "Task where name is"}], trusted=True
    )

    assert isinstance(reply, dict)
    assert reply["exception"] == "ParseError"
    assert "expected a value after 'is' at column 19" in reply["content"]


def test_paging_through_the_backend_is_complete_and_stable(
    backend: Backend, studio: dict[str, str]
) -> None:
    """Pages of two rows put together equal the whole ``TypedContext`` answer."""
    whole = query(backend, "TypedContext")
    pages: list[dict[str, Any]] = []
    offset = 0
    while offset is not None:
        reply = call(
            backend,
            {"action": "query", "expression": f"TypedContext offset {offset} limit 2"},
        )
        pages.extend(reply[0]["data"])
        offset = reply[0]["metadata"]["next"]["offset"]

    assert pages == whole
    assert len(whole) == 4
