"""Read the identity, primary key and state of entities."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ftrack_api.symbol import NOT_SET, Symbol

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity


def identity(entity: Entity) -> tuple[str, list[str]]:
    """Return ``(entity type, [primary key values as strings])`` of *entity*."""
    return (str(entity.entity_type), list(primary_key(entity).values()))


def primary_key(entity: Entity) -> OrderedDict[str, str]:
    """Return the primary key of *entity* as an ordered name to string mapping.

    Raise :exc:`KeyError` when a primary key attribute has no value.
    """
    result: OrderedDict[str, str] = OrderedDict()
    for name in entity.primary_key_attributes:
        value = entity[name]
        if value is NOT_SET:
            raise KeyError(
                f"Missing required value for primary key attribute {name!r} on "
                f"entity {entity!r}."
            )
        result[str(name)] = str(value)
    return result


def _identity_key(entity: Entity) -> tuple[str, tuple[str, ...]]:
    return (entity.entity_type, tuple(primary_key(entity).values()))


def state(entity: Entity) -> Symbol:
    """Return the state of *entity*: NOT_SET, CREATED, MODIFIED or DELETED."""
    return entity.session.recorded_operations.state(_identity_key(entity))


def states(entities: Iterable[Entity]) -> list[Symbol]:
    """Return the state of each of *entities*, in order."""
    result: list[Symbol] = []
    for entity in entities:
        result.append(state(entity))
    return result
