"""The ``create``, ``update`` and ``delete`` actions.

Each function validates one operation against the model, applies the
server-side rules of :mod:`ftrack_api.local.rules`, and buffers the write in
the :class:`~ftrack_api.local.batch.Batch`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from ftrack_api.local import cascade, collections, rules
from ftrack_api.local.batch import Batch, Context, PendingRow, ReferenceCheck
from ftrack_api.local.errors import (
    ImmutableAttributeError,
    NotFoundError,
    ValidationError,
)
from ftrack_api.local.model import DISCRIMINATOR, Attribute, EntityType
from ftrack_api.local.serialize import from_wire, row_to_wire, to_wire

#: Types whose update on a missing row creates it (dense custom attributes).
UPSERT_TABLES = {"custom_attribute_value"}


def create(batch: Batch, index: int, operation: Mapping[str, Any]) -> dict[str, Any]:
    """Run one ``create`` operation and return its result."""
    entity_type = _entity_type(batch, operation)
    data = _entity_data(entity_type, operation)
    key = _key_from(entity_type, operation, data)
    context = Context(index, "create", entity_type.name, key)
    values, relations = _values(batch, entity_type, data, context)
    for name, part in zip(entity_type.primary_key, key, strict=False):
        if part is not None:
            values.setdefault(name, part)
    _apply_declared_defaults(entity_type, values)
    # Name the key in errors of the rules; they may still fill it in.
    context.key = tuple(values.get(name) for name in entity_type.primary_key)
    if entity_type.discriminator is not None:
        values[DISCRIMINATOR] = entity_type.name
    rules.before_create(batch, entity_type, values, context)
    context.key = tuple(values.get(name) for name in entity_type.primary_key)
    batch.add_created(PendingRow(entity_type, values, context))
    rules.after_create(batch, entity_type, values, context)
    _set_relations(batch, entity_type, context.key, relations, context)
    return {"action": "create", "data": _row_reply(entity_type, values)}


def update(batch: Batch, index: int, operation: Mapping[str, Any]) -> dict[str, Any]:
    """Run one ``update`` operation and return its result."""
    entity_type = _entity_type(batch, operation)
    data = _entity_data(entity_type, operation)
    key = _key_from(entity_type, operation, data, required=True)
    context = Context(index, "update", entity_type.name, key)
    if (
        entity_type.table.name in UPSERT_TABLES
        and batch.get_row(entity_type, key) is None
    ):
        return create(
            batch,
            index,
            {
                **operation,
                "entity_data": {
                    **dict(zip(entity_type.primary_key, key, strict=False)),
                    **data,
                },
            },
        )
    values, relations = _values(batch, entity_type, data, context)
    _check_changes_allowed(entity_type, key, values, context)
    rules.before_update(batch, entity_type, key, values, context)
    if values:
        batch.add_update(entity_type, key, values, context)
    if relations:
        _set_relations(batch, entity_type, key, relations, context)
    return {"action": "update", "data": _update_reply(entity_type, key, values)}


def _check_changes_allowed(
    entity_type: EntityType, key: tuple, values: dict[str, Any], context: Context
) -> None:
    """Refuse changes to keys and immutable attributes; drop unchanged keys."""
    primary_key = entity_type.primary_key
    for name in values:
        if name in primary_key:
            if values[name] != key[primary_key.index(name)]:
                raise ImmutableAttributeError(
                    f"{context.describe()}: primary key {entity_type.name}.{name} "
                    f"cannot change to {values[name]!r}."
                )
        elif name in entity_type.immutable:
            raise ImmutableAttributeError(
                f"{context.describe()}: attribute {entity_type.name}.{name} is "
                f"immutable; cannot set it to {to_wire(values[name])!r}."
            )
    for name in primary_key:
        values.pop(name, None)


def _update_reply(
    entity_type: EntityType, key: tuple, values: dict[str, Any]
) -> dict[str, Any]:
    """Return the echo of an update: type, key and changed attributes."""
    reply = {"__entity_type__": entity_type.name}
    for name, part in zip(entity_type.primary_key, key, strict=True):
        reply[name] = to_wire(part)
    for name, value in values.items():
        if name in entity_type.attributes:
            reply[name] = to_wire(value)
    return reply


def delete(batch: Batch, index: int, operation: Mapping[str, Any]) -> dict[str, Any]:
    """Run one ``delete`` operation and return its result."""
    entity_type = _entity_type(batch, operation)
    key = _key_from(entity_type, operation, {}, required=True)
    context = Context(index, "delete", entity_type.name, key)
    batch.flush()
    row = batch.get_row(entity_type, key)
    if row is None and batch.was_deleted(entity_type, key):
        # An earlier operation of this batch removed it (a collection
        # replace, a cascade): deleting it again has the same outcome.
        return {"action": "delete", "data": True}
    if row is None or not _row_is_a(entity_type, row):
        raise NotFoundError(
            f"{context.describe()}: no {entity_type.name} with key "
            f"{dict(zip(entity_type.primary_key, key, strict=False))!r} exists."
        )
    cascade.delete(batch, entity_type, [key], context)
    return {"action": "delete", "data": True}


def _row_is_a(entity_type: EntityType, row: Mapping[str, Any]) -> bool:
    if entity_type.discriminator is None:
        return True
    return row.get(entity_type.discriminator) in entity_type.concrete_names


def _entity_type(batch: Batch, operation: Mapping[str, Any]) -> EntityType:
    name = operation.get("entity_type")
    if name is None:
        data = operation.get("entity_data") or {}
        name = data.get("__entity_type__") if isinstance(data, Mapping) else None
    return batch.model.get(str(name))


def _entity_data(entity_type: EntityType, operation: Mapping[str, Any]) -> dict:
    data = operation.get("entity_data", {})
    if type(data) is not dict and not isinstance(data, Mapping):
        raise ValidationError(
            f"entity_data of {entity_type.name} must be an object, not {data!r}."
        )
    data = dict(data)
    declared = data.pop("__entity_type__", entity_type.name)
    if declared != entity_type.name:
        raise ValidationError(
            f"entity_data is for {declared!r} but the operation is on "
            f"{entity_type.name!r}."
        )
    return data


def _key_from(
    entity_type: EntityType,
    operation: Mapping[str, Any],
    data: Mapping[str, Any],
    required: bool = False,
) -> tuple:
    names = entity_type.primary_key
    raw = operation.get("entity_key")
    if type(raw) is list and len(raw) == 1 == len(names) and type(raw[0]) is str:
        return (raw[0],)
    if raw is None:
        raw = [data.get(name) for name in names]
    elif isinstance(raw, Mapping):
        raw = [raw.get(name) for name in names]
    elif isinstance(raw, (str, int)):
        raw = [raw]
    if not isinstance(raw, (list, tuple)) or len(raw) != len(names):
        raise ValidationError(
            f"entity_key {raw!r} does not match the primary key {list(names)!r} "
            f"of {entity_type.name}."
        )
    if required and any(part is None for part in raw):
        raise ValidationError(
            f"entity_key {raw!r} of {entity_type.name} must name every primary "
            f"key attribute {list(names)!r}."
        )
    key = []
    for name, part in zip(names, raw, strict=False):
        if part is not None:
            part = from_wire(entity_type, entity_type.attribute(name), part)
        key.append(part)
    return tuple(key)


def _values(
    batch: Batch, entity_type: EntityType, data: Mapping[str, Any], context: Context
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return (column values, collection values) of *data*."""
    values: dict[str, Any] = {}
    relations: dict[str, Any] = {}
    for name, value in data.items():
        attribute = _attribute(entity_type, name, context)
        if attribute.computed:
            continue
        if attribute.kind == "scalar":
            values[name] = from_wire(entity_type, attribute, value)
            _note_reference(batch, entity_type, name, values[name], context)
        elif attribute.kind == "reference":
            values.update(
                _reference_columns(batch, entity_type, attribute, value, context)
            )
        else:
            relations[name] = value
    return values, relations


def _attribute(entity_type: EntityType, name: str, context: Context) -> Attribute:
    attribute = entity_type.attributes.get(name)
    if attribute is None:
        raise ValidationError(
            f"{context.describe()}: entity type {entity_type.name!r} has no "
            f"attribute {name!r}."
        )
    return attribute


def _reference_columns(
    batch: Batch,
    entity_type: EntityType,
    attribute: Attribute,
    value: Any,
    context: Context,
) -> dict[str, Any]:
    assert attribute.join is not None and attribute.target is not None
    local, remote = attribute.join.local, attribute.join.remote
    if value is None:
        return dict.fromkeys(local)
    if not isinstance(value, Mapping) or "__entity_type__" not in value:
        raise ValidationError(
            f"{context.describe()}: {entity_type.name}.{attribute.name} must be an "
            f"entity reference, not {value!r}."
        )
    target = batch.model.get(value["__entity_type__"])
    expected = batch.model.get(attribute.target)
    if not (target.is_a(expected.name) or expected.is_a(target.name)):
        raise ValidationError(
            f"{context.describe()}: {entity_type.name}.{attribute.name} expects a "
            f"{expected.name}, not {target.name} {value!r}."
        )
    result = {}
    for column, remote_column in zip(local, remote, strict=False):
        if remote_column not in value:
            raise ValidationError(
                f"{context.describe()}: reference {value!r} for "
                f"{entity_type.name}.{attribute.name} lacks {remote_column!r}."
            )
        result[column] = value[remote_column]
    if len(local) == 1 and remote == expected.primary_key:
        _note_reference(batch, entity_type, local[0], result[local[0]], context)
    return result


def _note_reference(
    batch: Batch, entity_type: EntityType, column: str, value: Any, context: Context
) -> None:
    target = rules.reference_target(batch.model, entity_type, column)
    if target is not None and value is not None:
        batch.references.append(ReferenceCheck(target, value, context, column))


def _apply_declared_defaults(entity_type: EntityType, values: dict[str, Any]) -> None:
    for name, default in entity_type.defaults().items():
        attribute = entity_type.attributes[name]
        if attribute.column is None or values.get(name) is not None:
            continue
        if default == "{uid}":
            values[name] = str(uuid.uuid4())
        else:
            values[name] = from_wire(entity_type, attribute, default)


def _set_relations(
    batch: Batch,
    entity_type: EntityType,
    key: tuple,
    relations: Mapping[str, Any],
    context: Context,
) -> None:
    for name, value in relations.items():
        attribute = entity_type.attributes[name]
        collections.replace(batch, entity_type, key, attribute, value, context)


def _row_reply(entity_type: EntityType, values: Mapping[str, Any]) -> dict[str, Any]:
    """Return the created row: every stored attribute, None when unset."""
    reply = row_to_wire(entity_type, entity_type.name, values)
    for name in entity_type.stored_attributes:
        reply.setdefault(name, None)
    return reply
