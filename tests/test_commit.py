"""Turning recorded operations into one optimised commit batch."""

from __future__ import annotations

from typing import Any

import pytest

from ftrack_api._commit import build_batch
from ftrack_api.operation import (
    CreateEntityOperation,
    DeleteEntityOperation,
    Operation,
    UpdateEntityOperation,
)
from ftrack_api.symbol import NOT_SET


def _key(name: str) -> dict[str, str]:
    return {"id": name}


def _create(name: str, **data: Any) -> CreateEntityOperation:
    return CreateEntityOperation("User", _key(name), data)


def _update(name: str, attribute: str, value: Any) -> UpdateEntityOperation:
    return UpdateEntityOperation("User", _key(name), attribute, NOT_SET, value)


def _plain(batch: list[Any]) -> list[dict[str, Any]]:
    return [
        {**payload, "entity_data": dict(payload["entity_data"])}
        if "entity_data" in payload
        else dict(payload)
        for payload in batch
    ]


def test_batch_merges_updates_and_cancels_created_then_deleted() -> None:
    """The official worked example collapses to three payloads."""
    operations: list[Operation] = [
        _create("A", resource_type="user", username="a"),
        _update("A", "username", "a2"),
        _update("A", "email", "a@x"),
        _create("B", resource_type="user"),
        _update("B", "email", "b@x"),
        _update("A", "email", "a2@x"),
        _update("A", "first_name", "Ann"),
        _create("C", resource_type="user"),
        _update("C", "email", "c@x"),
        DeleteEntityOperation("User", _key("C")),
    ]

    batch = _plain(build_batch(operations))

    assert batch == [
        {
            "action": "create",
            "entity_type": "User",
            "entity_key": ["A"],
            "entity_data": {
                "__entity_type__": "User",
                "id": "A",
                "resource_type": "user",
                "username": "a2",
            },
        },
        {
            "action": "create",
            "entity_type": "User",
            "entity_key": ["B"],
            "entity_data": {
                "__entity_type__": "User",
                "id": "B",
                "resource_type": "user",
                "email": "b@x",
            },
        },
        {
            "action": "update",
            "entity_type": "User",
            "entity_key": ["A"],
            "entity_data": {
                "__entity_type__": "User",
                "email": "a2@x",
                "first_name": "Ann",
            },
        },
    ]


def test_batch_drops_not_set_values_and_empty_updates() -> None:
    """An update back to NOT_SET sends nothing."""
    batch = build_batch([_update("A", "email", NOT_SET)])
    assert batch == []


def test_batch_keeps_deletes_of_persisted_entities_in_order() -> None:
    """A delete of an entity not created in the batch is sent after updates."""
    batch = _plain(
        build_batch(
            [_update("A", "email", "x"), DeleteEntityOperation("User", _key("A"))]
        )
    )
    assert [payload["action"] for payload in batch] == ["update", "delete"]


def test_unknown_operation_is_a_value_error() -> None:
    """Only create, update and delete operations can be committed."""

    class Strange(Operation):
        __slots__ = ("entity_type", "entity_key")

        def __init__(self) -> None:
            self.entity_type = "User"
            self.entity_key = {"id": "A"}

    with pytest.raises(ValueError, match="Unrecognised operation"):
        build_batch([Strange()])
