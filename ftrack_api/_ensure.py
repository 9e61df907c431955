"""Session helpers that build query expressions: ``ensure`` and ``populate``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.symbol import CREATED

#: Entities fetched per query by populate.
POPULATE_CHUNK = 5000
#: The page size of a query the caller does not size.
DEFAULT_PAGE_SIZE = 500

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
    """Fetch *projections* for *entities* (skipping new ones).

    The ids go in chunks of :data:`POPULATE_CHUNK`, one query each, and each
    chunk's query is fetched in one page (its page size covers every id), so
    a populate of N entities costs ceil(N / POPULATE_CHUNK) calls instead of
    one per 500 entities.
    """
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
    for start in range(0, len(keys), POPULATE_CHUNK):
        chunk = keys[start : start + POPULATE_CHUNK]
        session.query(
            f"select {projections} from {entity_type} "
            f"where {_key_criteria(names, chunk)}",
            page_size=max(len(chunk), DEFAULT_PAGE_SIZE),
        ).all()


def _key_criteria(names: list[str], keys: list[Any]) -> str:
    """Return the criteria selecting the entities of primary *keys*."""
    if len(names) == 1:
        values = [key[names[0]] for key in keys]
        if len(values) == 1:
            return f"{names[0]} is {values[0]}"
        return f"{names[0]} in ({','.join(values)})"
    return " or ".join(
        "(" + " and ".join(f'{name} is "{key[name]}"' for name in names) + ")"
        for key in keys
    )
