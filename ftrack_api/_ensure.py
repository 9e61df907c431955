"""Session helpers that build query expressions: ``ensure`` and ``populate``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.symbol import CREATED

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity
    from ftrack_api.session import Session


def format_value(value: Any) -> str:
    """Return *value* as it appears in an ``ensure`` criterion."""
    if isinstance(value, str):
        return f'"{value}"'
    if type(value).__name__ == "Arrow":
        value = value.datetime
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return f'"{value.replace(microsecond=0).isoformat()}"'
    if isinstance(value, datetime.date):
        return f'"{datetime.datetime.combine(value, datetime.time()).isoformat()}"'
    return str(value)


def ensure(
    session: Session,
    entity_type: str,
    data: dict[str, Any],
    identifying_keys: list[str] | None = None,
) -> Entity:
    """Return the entity matching *data*, creating or updating it as needed."""
    keys = list(identifying_keys or data.keys())
    if not keys:
        raise ValueError(
            f"Cannot ensure {entity_type!r}: no identifying keys and no data."
        )
    criteria = []
    for key in keys:
        if key not in data:
            raise KeyError(f"Identifying key {key!r} is not in data {data!r}.")
        criteria.append(f"{key} is {format_value(data[key])}")

    expression = f"{entity_type} where {' and '.join(criteria)}"
    try:
        existing = session.query(expression).one()
    except ftrack_api.exception.NoResultFoundError:
        entity = session.create(entity_type, data)
        session.commit()
        return entity

    changed = False
    for key, value in data.items():
        if existing[key] != value:
            existing[key] = value
            changed = True
    if changed:
        session.commit()
    return existing


def populate(session: Session, entities: Any, projections: str) -> None:
    """Fetch *projections* for *entities* (skipping new ones) in one query."""
    if not isinstance(entities, Iterable) or hasattr(entities, "entity_type"):
        entities = [entities]
    candidates = [
        entity
        for entity in entities
        if ftrack_api.inspection.state(entity) is not CREATED
    ]
    if not candidates:
        return

    first = candidates[0]
    entity_type = first.entity_type
    names = first.primary_key_attributes
    keys = [ftrack_api.inspection.primary_key(entity) for entity in candidates]
    if len(names) == 1:
        values = [key[names[0]] for key in keys]
        if len(values) == 1:
            criteria = f"{names[0]} is {values[0]}"
        else:
            criteria = f"{names[0]} in ({','.join(values)})"
    else:
        criteria = " or ".join(
            "(" + " and ".join(f'{name} is "{key[name]}"' for name in names) + ")"
            for key in keys
        )
    session.query(f"select {projections} from {entity_type} where {criteria}").all()
