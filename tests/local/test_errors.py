"""Tests of bad input: each error names what was wrong and writes nothing."""

from __future__ import annotations

import copy
import json

import pytest

from ftrack_api.local.backend import Backend
from tests.local.conftest import call, create, fail, new_id, query, ref, update


def task_names(backend: Backend) -> list[str]:
    """Return the names of every Task."""
    (result,) = call(backend, query("select name from Task"))
    return sorted(row["name"] for row in result["data"])


@pytest.mark.parametrize(
    ("operation", "exception", "fragments"),
    [
        (create("Taks", name="x"), "UnknownEntityTypeError", ["'Taks'"]),
        (
            create("Task", name="x", colour="red"),
            "ValidationError",
            ["Task", "'colour'"],
        ),
        (
            create("Task", name="x", bid="lots"),
            "ValidationError",
            ["Task.bid", "'lots'"],
        ),
        (create("Task", name=["x"]), "ValidationError", ["Task.name", "['x']"]),
        (
            create("Task", name="x", status=ref("Status", "no-such-status")),
            "NotFoundError",
            ["status_id", "'no-such-status'"],
        ),
        (
            create("Task", name="x", parent=ref("User", "u")),
            "ValidationError",
            ["Task.parent", "User"],
        ),
        (create("Scope"), "MissingRequiredAttributeError", ["Scope.name"]),
    ],
)
def test_bad_create_is_refused_and_writes_nothing(
    backend: Backend, project: str, operation: dict, exception: str, fragments: list
) -> None:
    """A bad create after a good one fails the batch and keeps nothing."""
    operation = copy.deepcopy(operation)
    if operation["entity_type"] == "Task":
        operation["entity_data"].setdefault("parent_id", project)
    error = fail(backend, create("Task", name="good", parent_id=project), operation)
    assert error["exception"] == exception
    assert "operation 1" in error["content"]
    for fragment in fragments:
        assert fragment in error["content"]
    assert task_names(backend) == []


def test_changing_an_immutable_attribute_is_refused(
    backend: Backend, project: str
) -> None:
    """An update of an immutable attribute names it and changes nothing."""
    (task,) = call(backend, create("Task", name="t", parent_id=project))
    task_id = task["data"]["id"]
    stamp = {"__type__": "datetime", "value": "2020-01-01T00:00:00"}
    error = fail(
        backend,
        update("Task", [task_id], name="renamed"),
        update("Task", [task_id], created_at=stamp),
    )
    assert error["exception"] == "ImmutableAttributeError"
    assert "Task.created_at" in error["content"]
    assert task_names(backend) == ["t"]


def test_update_of_a_missing_entity_names_its_key(backend: Backend) -> None:
    """Updating an entity that does not exist is a NotFoundError."""
    error = fail(backend, update("Task", ["no-such-task"], name="x"))
    assert error["exception"] == "NotFoundError"
    assert "'no-such-task'" in error["content"]


def test_delete_of_a_missing_entity_names_its_key(backend: Backend) -> None:
    """Deleting an entity that does not exist is a NotFoundError."""
    error = fail(
        backend, {"action": "delete", "entity_type": "Task", "entity_key": ["gone"]}
    )
    assert "'gone'" in error["content"]


def test_duplicate_key_is_a_duplicate_entry(backend: Backend) -> None:
    """Creating a second entity with the same key fails, naming the key."""
    scope = new_id()
    call(backend, create("Scope", id=scope, name="a"))
    error = fail(backend, create("Scope", id=scope, name="b"))
    assert error["exception"] == "DuplicateEntryError"
    assert scope in error["content"]


def test_malformed_json_body_is_a_parse_error(backend: Backend) -> None:
    """A body that is not JSON gets an error object, not a crash."""
    status, body = backend.handle_http(b"[{nope", {})
    error = json.loads(body)
    assert status == 200
    assert error["exception"] == "ParseError"
    assert "Malformed JSON" in error["content"]


def test_body_that_is_not_a_list_is_refused(backend: Backend) -> None:
    """The body must be a list of operations."""
    username, api_key = backend.initial_credentials or ("", "")
    headers = {"ftrack-user": username, "ftrack-api-key": api_key}
    status, body = backend.handle_http(b'{"action": "query_schemas"}', headers)
    assert "list of operations" in json.loads(body)["content"]


def test_wrong_api_key_is_invalid_credentials(backend: Backend) -> None:
    """A wrong key for a known user, or an unknown user, is refused."""
    username, api_key = backend.initial_credentials or ("", "")
    headers = {"ftrack-user": username, "ftrack-api-key": api_key + "x"}
    status, body = backend.handle_http(b"[]", headers)
    error = json.loads(body)
    assert error["exception"] == "InvalidCredentialsError"
    assert repr(username) in error["content"]
    strict = {**headers, "ftrack-strict-api": "true"}
    assert backend.handle_http(b"[]", strict)[0] == 401


def test_right_api_key_runs_the_batch(backend: Backend) -> None:
    """The administrator's initial key authenticates over handle_http."""
    username, api_key = backend.initial_credentials or ("", "")
    headers = {"ftrack-user": username, "ftrack-api-key": api_key}
    status, body = backend.handle_http(
        b'[{"action": "query_server_information"}]', headers
    )
    assert status == 200
    assert json.loads(body)[0]["version"] == "dev"


@pytest.mark.parametrize(
    ("data", "fragments"),
    [
        ({"name": "a\x00b"}, ["Task.name", "NUL"]),
        (
            {"name": "ok", "start_date": {"__type__": "datetime", "value": "soon"}},
            ["soon"],
        ),
    ],
)
def test_values_the_database_cannot_hold_are_refused(
    backend: Backend, project: str, data: dict, fragments: list
) -> None:
    """NUL characters and bad datetimes are validation errors."""
    error = fail(backend, create("Task", parent_id=project, **data))
    assert error["exception"] == "ValidationError"
    for fragment in fragments:
        assert fragment in error["content"]


def test_location_holding_components_cannot_be_deleted(backend: Backend) -> None:
    """A Location with ComponentLocations is refused, as on the real server."""
    location, component = new_id(), new_id()
    call(
        backend,
        create("Location", id=location, name="studio.disk"),
        create("FileComponent", id=component, name="f"),
        create("ComponentLocation", location_id=location, component_id=component),
    )
    error = fail(
        backend,
        {"action": "delete", "entity_type": "Location", "entity_key": [location]},
    )
    assert "still holds components" in error["content"]


def test_component_sizes_are_64_bit_and_bounded(backend: Backend) -> None:
    """A 5 GB component size is kept; a size past 64 bits is refused."""
    (component,) = call(backend, create("FileComponent", name="big", size=5 * 2**30))
    assert component["data"]["size"] == 5 * 2**30
    error = fail(backend, create("FileComponent", name="huge", size=2**70))
    assert "FileComponent.size" in error["content"]
    assert str(2**70) in error["content"]


def test_update_through_the_wrong_type_is_not_found(
    backend: Backend, project: str
) -> None:
    """Updating a Shot as a Task fails; as its base type TypedContext it works."""
    (shot,) = call(backend, create("Shot", name="sh", parent_id=project))
    shot_id = shot["data"]["id"]
    error = fail(backend, update("Task", [shot_id], name="x"))
    assert error["exception"] == "NotFoundError"
    assert "no Task" in error["content"]
    call(backend, update("TypedContext", [shot_id], name="renamed"))
    (result,) = call(backend, query(f"select name from Shot where id is {shot_id}"))
    assert result["data"][0]["name"] == "renamed"
