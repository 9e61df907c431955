"""Turn recorded operations into one optimised batch of server actions."""

from __future__ import annotations

from ftrack_api._encoding import OperationPayload
from ftrack_api.operation import (
    CreateEntityOperation,
    DeleteEntityOperation,
    Operation,
    UpdateEntityOperation,
)
from ftrack_api.symbol import NOT_SET

_Key = tuple[str, tuple[str, ...]]


def payload_of(operation: Operation) -> OperationPayload:
    """Return the wire action for one recorded *operation*."""
    entity_key = list(operation.entity_key.values())
    payload = OperationPayload(
        action="", entity_type=operation.entity_type, entity_key=entity_key
    )
    if isinstance(operation, CreateEntityOperation):
        payload["action"] = "create"
        data = {"__entity_type__": operation.entity_type}
        data.update(operation.entity_key)
        data.update(operation.entity_data)
        payload["entity_data"] = OperationPayload(data)
    elif isinstance(operation, UpdateEntityOperation):
        payload["action"] = "update"
        payload["entity_data"] = OperationPayload(
            {
                "__entity_type__": operation.entity_type,
                operation.attribute_name: operation.new_value,
            }
        )
    elif isinstance(operation, DeleteEntityOperation):
        payload["action"] = "delete"
    else:
        raise ValueError(f"Unrecognised operation type {operation!r}.")
    return payload


def _key(payload: OperationPayload) -> _Key:
    return (payload["entity_type"], tuple(payload["entity_key"]))


def build_batch(operations: list[Operation]) -> list[OperationPayload]:
    """Return the optimised batch for *operations*, oldest first."""
    batch = [payload_of(operation) for operation in operations]
    batch = _drop_created_and_deleted(batch)
    _keep_last_update(batch)
    for payload in batch:
        data = payload.get("entity_data")
        if data is not None:
            for name in [name for name, value in data.items() if value is NOT_SET]:
                del data[name]
    batch = [payload for payload in batch if not _is_empty(payload)]
    return _merge_neighbours(batch)


def _drop_created_and_deleted(batch: list[OperationPayload]) -> list[OperationPayload]:
    created = {_key(p) for p in batch if p["action"] == "create"}
    deleted = {_key(p) for p in batch if p["action"] == "delete"}
    both = created & deleted
    return [payload for payload in batch if _key(payload) not in both]


def _keep_last_update(batch: list[OperationPayload]) -> None:
    seen: set[tuple[_Key, str]] = set()
    for payload in reversed(batch):
        if payload["action"] != "update":
            continue
        data = payload["entity_data"]
        for name in list(data):
            if name == "__entity_type__":
                continue
            marker = (_key(payload), name)
            if marker in seen:
                del data[name]
            else:
                seen.add(marker)


def _is_empty(payload: OperationPayload) -> bool:
    if payload["action"] == "delete":
        return False
    return not [name for name in payload["entity_data"] if name != "__entity_type__"]


def _merge_neighbours(batch: list[OperationPayload]) -> list[OperationPayload]:
    merged: list[OperationPayload] = []
    for payload in batch:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and payload["action"] == "update"
            and previous["action"] in ("create", "update")
            and _key(previous) == _key(payload)
        ):
            previous["entity_data"].update(payload["entity_data"])
        else:
            merged.append(payload)
    return merged
