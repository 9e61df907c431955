"""Encode values to the wire's JSON and decode replies.

Outgoing: datetimes and dates become ``{"__type__": "datetime", "value":
iso}``; entities become references (plus attribute values chosen by one of
four strategies); collections become lists of references. Incoming: tagged
datetimes and dates become :class:`arrow.Arrow` (naive values are UTC).
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ftrack_api._mapping import DictBackedMapping
from ftrack_api.symbol import NOT_SET

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity
    from ftrack_api.session import Session

STRATEGIES = ("all", "set_only", "modified_only", "persisted_only")


class OperationPayload(DictBackedMapping):
    """Mark a commit payload: entities inside are sent as bare references."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        self._data: dict[str, Any] = dict(*args, **kw)

    def __repr__(self) -> str:
        return f"<OperationPayload {self._data!r}>"


def encode(
    session: Session, data: Any, entity_attribute_strategy: str = "set_only"
) -> str:
    """Return *data* as JSON text for the server."""
    if entity_attribute_strategy not in STRATEGIES:
        raise ValueError(
            f"Unsupported entity_attribute_strategy {entity_attribute_strategy!r}; "
            f"expected one of {', '.join(STRATEGIES)}."
        )
    encoder = functools.partial(_default, session, entity_attribute_strategy)
    with session.auto_populating(entity_attribute_strategy == "all"):
        return json.dumps(data, sort_keys=True, default=encoder)


def entity_reference(entity: Entity) -> dict[str, Any]:
    """Return the wire reference ``{__entity_type__, <primary key>...}``."""
    import ftrack_api.inspection

    reference: dict[str, Any] = {"__entity_type__": entity.entity_type}
    with entity.session.auto_populating(False):
        reference.update(ftrack_api.inspection.primary_key(entity))
    return reference


def _default(session: Session, strategy: str, value: Any) -> Any:
    if type(value) is OperationPayload:
        return {key: _as_reference(item) for key, item in value._data.items()}
    from ftrack_api.collection import Collection, MappedCollectionProxy
    from ftrack_api.entity.base import Entity

    if isinstance(value, OperationPayload):
        return {key: _as_reference(item) for key, item in value.items()}
    if isinstance(value, Entity):
        return _encode_entity(value, strategy)
    if isinstance(value, MappedCollectionProxy):
        value = value.collection
    if isinstance(value, Collection):
        return [entity_reference(item) for item in value]
    if isinstance(value, (datetime.datetime, datetime.date)):
        return {"__type__": "datetime", "value": value.isoformat()}
    if type(value).__name__ == "Arrow":
        return {"__type__": "datetime", "value": value.isoformat()}
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(
        f"{value!r} of type {type(value).__name__} is not JSON serialisable."
    )


#: Types of values a payload sends as they are (most of a create's values).
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _as_reference(value: Any) -> Any:
    if type(value) in _PLAIN_TYPES:
        return value
    from ftrack_api.collection import Collection, MappedCollectionProxy
    from ftrack_api.entity.base import Entity

    if isinstance(value, Entity):
        return entity_reference(value)
    if isinstance(value, MappedCollectionProxy):
        value = value.collection
    if isinstance(value, Collection):
        return [entity_reference(item) for item in value]
    return value


def _encode_entity(entity: Entity, strategy: str) -> dict[str, Any]:
    result = entity_reference(entity)
    for attribute in entity.attributes:
        value = _strategy_value(entity, attribute, strategy)
        if value is not NOT_SET:
            result[attribute.name] = _as_reference(value)
    return result


def _strategy_value(entity: Entity, attribute: Any, strategy: str) -> Any:
    if strategy == "all":
        return attribute.get_value(entity)
    if strategy == "set_only":
        value = attribute.get_local_value(entity)
        if value is NOT_SET:
            value = attribute.get_remote_value(entity)
        return value
    if strategy == "modified_only":
        if attribute.is_modified(entity):
            return attribute.get_local_value(entity)
        return NOT_SET
    if attribute.computed:
        return NOT_SET
    return attribute.get_remote_value(entity)


def _decode_datetime(text: str) -> Any:
    import arrow

    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        return arrow.get(text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return arrow.Arrow.fromdatetime(value)


def _object_hook(item: dict[str, Any]) -> Any:
    if "__type__" in item:
        kind = item["__type__"]
        if kind in ("datetime", "date") and "value" in item:
            return _decode_datetime(item["value"])
    return item


def loads(text: str | bytes) -> Any:
    """Parse wire JSON, turning tagged datetimes and dates into Arrow values."""
    return json.loads(text, object_hook=_object_hook)


def decode(session: Session, text: str | bytes) -> Any:
    """Parse wire JSON into Python values and reconstructed entities.

    Entities are built from their data (as remote values) but not merged
    into the session.
    """
    with session.operation_recording(False):
        return _reconstruct(session, loads(text))


def _reconstruct(session: Session, value: Any) -> Any:
    if type(value) is list:
        return [_reconstruct(session, item) for item in value]
    if type(value) is not dict:
        return value
    data = {key: _reconstruct(session, item) for key, item in value.items()}
    entity_type = data.get("__entity_type__")
    if entity_type is None:
        return data
    return session._create(entity_type, data, reconstructing=True)
