"""Dense custom attributes: one value per applicable configuration.

``load_values(connection, model, entity_type, ids)`` returns, for each
entity id, the list of ``<X>CustomAttributeValue`` wire objects
(``__entity_type__``, ``configuration_id``, ``entity_id``, ``key``,
``value``): one for every configuration that applies to the entity, holding
the stored value or the configuration's default when none is stored.

Which configurations apply (``CustomAttributeConfiguration.entity_type``):
``show`` for a Project; ``task`` for TypedContexts whose ``object_type_id``
matches; ``asset``, ``assetversion``, ``user``, ``list`` for those types;
plus hierarchical configurations for contexts, assets and versions; and only
configurations without a project or for the entity's own project. An unset
hierarchical value of a context comes from its nearest ancestor that sets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.batch import chunks
from ftrack_api.local.computed import context_chains
from ftrack_api.local.errors import ValidationError
from ftrack_api.local.model import DISCRIMINATOR, EntityType, Model
from ftrack_api.local.serialize import parse_datetime, to_wire

#: Configuration ``entity_type`` of each family root.
KINDS = {
    "Asset": "asset",
    "AssetVersion": "assetversion",
    "User": "user",
    "List": "list",
    "ListObject": "listobject",
}
HIERARCHICAL_KINDS = {"show", "task", "asset", "assetversion"}


def coerce_value(type_name: str | None, value: Any, key: Any) -> Any:
    """Return *value* checked against configuration type *type_name*.

    ``number`` takes ints and floats, ``boolean`` booleans, ``date``
    datetimes (kept in their wire form, as UTC), ``enumerator`` a list of
    strings, text-like types strings; ``None`` clears the value.
    """
    if value is None or type_name is None:
        return value
    expected = _VALUE_CHECKS.get(type_name)
    if type_name == "date":
        return _date_value(value, key)
    if expected is not None and not expected(value):
        raise ValidationError(
            f"Custom attribute {key!r} of type {type_name!r} cannot hold {value!r}."
        )
    return value


def _date_value(value: Any, key: Any) -> Any:
    text = value.get("value") if isinstance(value, dict) else value
    try:
        moment = parse_datetime(str(text)) if isinstance(text, str) else None
        if moment is None:
            raise TypeError(f"{type(text).__name__} is not a datetime")
    except (TypeError, ValueError, AttributeError) as error:
        raise ValidationError(
            f"Custom attribute {key!r} of type 'date' cannot hold {value!r}."
        ) from error
    return to_wire(moment)


_VALUE_CHECKS = {
    "number": lambda value: (
        isinstance(value, (int, float)) and not isinstance(value, bool)
    ),
    "boolean": lambda value: isinstance(value, bool),
    "text": lambda value: isinstance(value, str),
    "url": lambda value: isinstance(value, str),
    "enumerator": lambda value: (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    ),
}


def value_type_name(entity_type: EntityType) -> str:
    """Return the ``<X>CustomAttributeValue`` type of *entity_type*."""
    attribute = entity_type.attributes.get("custom_attributes")
    if attribute is None or attribute.target is None:
        return "CustomAttributeValue"
    return attribute.target


def load_values(
    connection: sa.Connection,
    model: Model,
    entity_type: EntityType,
    ids: Sequence[Any],
) -> dict[Any, list[dict[str, Any]]]:
    """Return the dense custom attribute values of every entity in *ids*."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    entities = _entities(connection, model, entity_type, ids)
    configurations = _configurations(connection, model)
    stored = _stored_values(connection, model, ids)
    inherited = _inherited_values(connection, model, entity_type, ids, configurations)
    result: dict[Any, list[dict[str, Any]]] = {}
    for entity_id in ids:
        entity = entities.get(entity_id)
        if entity is None:
            result[entity_id] = []
            continue
        kind, object_type_id, project_id, concrete = entity
        value_type = value_type_name(model.get(concrete))
        values = []
        for configuration in configurations:
            if not _applies(configuration, kind, object_type_id, project_id):
                continue
            key = (configuration.id, entity_id)
            if key in stored:
                value = stored[key]
            else:
                value = inherited.get(key, configuration.default)
            if configuration.type_name == "number":
                value = _as_float(value)
            values.append(
                {
                    "__entity_type__": value_type,
                    "configuration_id": configuration.id,
                    "entity_id": entity_id,
                    "key": configuration.key,
                    "value": value,
                }
            )
        result[entity_id] = values
    return result


def _inherited_values(
    connection: sa.Connection,
    model: Model,
    entity_type: EntityType,
    ids: list,
    configurations: list[Any],
) -> dict[tuple[Any, Any], Any]:
    """Return hierarchical values set on the nearest ancestor of each context."""
    hierarchical = {c.id for c in configurations if c.is_hierarchical}
    if not hierarchical or entity_type.root.name != "Context":
        return {}
    chains = context_chains(connection, model, ids)
    ancestors = {node["id"] for chain in chains.values() for node in chain[:-1]}
    stored = _stored_values(connection, model, list(ancestors))
    result = {}
    for entity_id, chain in chains.items():
        for node in reversed(chain[:-1]):
            for configuration_id in hierarchical:
                key = (configuration_id, entity_id)
                found = (configuration_id, node["id"])
                if key not in result and found in stored:
                    result[key] = stored[found]
    return result


def _applies(
    configuration: Any, kind: str, object_type_id: Any, project_id: Any
) -> bool:
    if configuration.project_id not in (None, "", project_id):
        return False
    if configuration.is_hierarchical and kind in HIERARCHICAL_KINDS:
        return True
    if configuration.entity_type != kind:
        return False
    return kind != "task" or configuration.object_type_id == object_type_id


def _entities(
    connection: sa.Connection, model: Model, entity_type: EntityType, ids: list
) -> dict[Any, tuple[str, Any, Any, str]]:
    """Return id -> (kind, object type id, project id, concrete type)."""
    table = entity_type.table
    is_context = entity_type.root.name == "Context"
    columns = [table.c.id]
    for name in (DISCRIMINATOR, "object_type_id", "project_id"):
        if is_context and name in table.c:
            columns.append(table.c[name])
    if not is_context and DISCRIMINATOR in table.c:
        columns.append(table.c[DISCRIMINATOR])
    result = {}
    for part in chunks(ids):
        for row in connection.execute(sa.select(*columns).where(table.c.id.in_(part))):
            mapping = row._mapping
            concrete = mapping.get(DISCRIMINATOR) or entity_type.name
            if is_context:
                project = concrete == "Project"
                kind = "show" if project else "task"
                project_id = row.id if project else mapping.get("project_id")
                result[row.id] = (
                    kind,
                    mapping.get("object_type_id"),
                    project_id,
                    concrete,
                )
            else:
                root = model.get(concrete).root.name
                kind = KINDS.get(root, KINDS.get(concrete, concrete.lower()))
                result[row.id] = (kind, None, None, concrete)
    return result


def _as_float(value: Any) -> Any:
    """Return a number as a float, as ``number`` attributes read on both databases."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _configurations(connection: sa.Connection, model: Model) -> list[Any]:
    configuration = model.get("CustomAttributeConfiguration")
    table = configuration.table
    types = model.get("CustomAttributeType").table
    statement = (
        sa.select(
            table.c.id,
            table.c.key,
            table.c.entity_type,
            table.c.object_type_id,
            table.c.project_id,
            table.c.is_hierarchical,
            table.c.default,
            types.c.name.label("type_name"),
        )
        .outerjoin(types, types.c.id == table.c.type_id)
        .order_by(table.c.sort, table.c.key)
    )
    type_filter = configuration.type_filter()
    if type_filter is not None:
        statement = statement.where(type_filter)
    return list(connection.execute(statement))


def _stored_values(
    connection: sa.Connection, model: Model, ids: list
) -> dict[tuple[Any, Any], Any]:
    table = model.get("CustomAttributeValue").table
    stored = {}
    for part in chunks(ids):
        statement = sa.select(
            table.c.configuration_id, table.c.entity_id, table.c.value
        ).where(table.c.entity_id.in_(part))
        for row in connection.execute(statement):
            stored[(row.configuration_id, row.entity_id)] = row.value
    return stored
