"""Convert values between their database form and their wire form.

Wire forms (what ``json.loads`` gives for a client's payload, and what we
send back):

* datetime: ``{"__type__": "datetime", "value": "2024-01-02T03:04:05.123456"}``
  (stored as naive UTC with microseconds; sent naive, which clients read as
  UTC; incoming offsets and ``Z`` are converted to UTC).
* date: ``{"__type__": "date", "value": "YYYY-MM-DD"}``.
* entity reference: ``{"__entity_type__": "Task", "id": "..."}``.
* everything else: plain JSON values.

Used by the write actions (:func:`from_wire`) and by the query engine for
every row it returns (:func:`to_wire`, :func:`row_to_wire`).
"""

from __future__ import annotations

import datetime as _datetime
import json
import math
from collections.abc import Mapping
from typing import Any

from ftrack_api.local.errors import ValidationError
from ftrack_api.local.model import Attribute, EntityType

_INTEGER_TYPES = (int,)
#: Range of an ``integer`` attribute (a 64-bit column on every database).
INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1
_NUMBER_TYPES = (int, float)


_PLAIN = frozenset((str, int, float, bool, type(None)))


def to_wire(value: Any) -> Any:
    """Return the wire form of a database *value*."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, _datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_datetime.timezone.utc).replace(tzinfo=None)
        return {"__type__": "datetime", "value": value.isoformat()}
    if isinstance(value, _datetime.date):
        return {"__type__": "date", "value": value.isoformat()}
    return value


def entity_reference(type_name: str, key: Mapping[str, Any]) -> dict[str, Any]:
    """Return the wire reference of entity *type_name* with primary *key*."""
    return {"__entity_type__": type_name, **{k: to_wire(v) for k, v in key.items()}}


def row_to_wire(
    entity_type: EntityType, concrete_name: str, row: Mapping[str, Any]
) -> dict[str, Any]:
    """Return the wire object of a *row*: its type, key and stored attributes.

    *row* maps column names to values; only columns that are attributes of
    the concrete type are included.
    """
    attributes = entity_type.attributes
    result: dict[str, Any] = {"__entity_type__": concrete_name}
    for name, value in row.items():
        attribute = attributes.get(name)
        if attribute is not None and attribute.column is not None:
            result[name] = to_wire(value)
    return result


def parse_datetime(text: str) -> _datetime.datetime:
    """Return naive UTC datetime from ISO 8601 *text* (naive means UTC)."""
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    value = _datetime.datetime.fromisoformat(cleaned)
    if value.tzinfo is not None:
        value = value.astimezone(_datetime.timezone.utc).replace(tzinfo=None)
    return value


def from_wire(entity_type: EntityType, attribute: Attribute, value: Any) -> Any:
    """Return the database form of wire *value* for scalar *attribute*.

    Raise :class:`ValidationError` naming the type, attribute and value when
    the value does not fit the attribute.
    """
    if value is None:
        return None
    data_type = attribute.data_type
    if data_type == "string" and type(value) is str and "\x00" not in value:
        return value
    try:
        converted = _convert(data_type, value)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            f"Invalid value {value!r} for {entity_type.name}.{attribute.name} "
            f"(expected {data_type}): {error}"
        ) from error
    return converted


def _convert(data_type: str | None, value: Any) -> Any:
    if data_type == "datetime":
        return _convert_datetime(value)
    if data_type == "string":
        if isinstance(value, dict):
            raise TypeError("an object is not a string")
        if isinstance(value, (list, bool)):
            raise TypeError(f"{type(value).__name__} is not a string")
        text = value if isinstance(value, str) else str(value)
        if "\x00" in text:
            raise ValueError("strings may not contain NUL characters")
        return text
    if data_type == "integer":
        if isinstance(value, bool) or not isinstance(value, _INTEGER_TYPES):
            if not (isinstance(value, float) and value.is_integer()):
                raise TypeError(f"{type(value).__name__} is not an integer")
            value = int(value)
        if not INTEGER_MIN <= value <= INTEGER_MAX:
            raise ValueError("out of the 64-bit integer range")
        return value
    if data_type == "number":
        if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
            raise TypeError(f"{type(value).__name__} is not a number")
        check_finite(value)
        return float(value)
    if data_type == "boolean":
        if not isinstance(value, bool):
            raise TypeError(f"{type(value).__name__} is not a boolean")
        return value
    if data_type == "json":
        if isinstance(value, str):
            return value
        check_finite(value)
        return json.dumps(value)
    if data_type in ("variable", "object"):
        check_finite(value)
        return canonical_number(value)
    return value


def canonical_number(value: Any) -> Any:
    """Return a whole float of JSON column *value* as an int, else *value*.

    SQLite keeps ``24.0`` in a JSON column as the integer 24 while PostgreSQL
    keeps it as written; storing whole numbers as ints makes both databases
    hold, return and compare the same value. :mod:`custom_attributes` turns
    the values of ``number`` attributes back into floats when read.
    """
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def check_finite(value: Any) -> None:
    """Raise ValueError if *value* holds NaN or an infinity, which JSON lacks."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(
                f"{value!r} is not a finite number (JSON has no NaN or Infinity)"
            )
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_finite(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            check_finite(item)


def _convert_datetime(value: Any) -> _datetime.datetime:
    if isinstance(value, dict) and value.get("__type__") in ("datetime", "date"):
        value = value.get("value")
    if isinstance(value, _datetime.datetime):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{type(value).__name__} is not a datetime")
    return parse_datetime(value)
