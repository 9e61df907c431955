"""Turn literal query values into Python values of an attribute's type.

A quoted value is always text; a bare value may also be ``None``, a boolean
or a number. Either is then converted to the attribute's data type, so that
``duration is 10`` and ``duration is "10"`` mean the same thing.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from ftrack_api.local.errors import ValidationError
from ftrack_api.local.query import syntax
from ftrack_api.local.serialize import parse_datetime

#: Bounds of the 64-bit integers that every database can compare.
_SMALLEST_INTEGER = -(2**63)
_LARGEST_INTEGER = 2**63 - 1
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def is_null(value: syntax.Value) -> bool:
    """Return whether *value* is the bare word None (or null)."""
    return not value.quoted and value.text.lower() in ("none", "null")


def check_text(value: syntax.Value, where: str) -> str:
    """Return the text of *value*; refuse what no database stores.

    NUL characters and lone surrogates (which JSON can carry) cannot be
    stored as text, so no row can hold them.
    """
    if "\x00" in value.text:
        raise ValidationError(
            f"Invalid value {value.text!r} for {where}: text cannot contain NUL."
        )
    try:
        value.text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(
            f"Invalid value {value.text!r} for {where}: not valid Unicode text."
        ) from error
    return value.text


def convert(value: syntax.Value, data_type: str | None, where: str) -> Any:
    """Return *value* as a Python value of *data_type*; *where* names the path."""
    if is_null(value):
        return None
    check_text(value, where)
    try:
        return _CONVERTERS.get(data_type or "string", _text)(value.text)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            f"Invalid value {value.text!r} for {where} (expected {data_type})."
        ) from error


def json_text(value: syntax.Value, where: str) -> str | None:
    """Return the JSON text of *value* as a JSON column stores it."""
    if is_null(value):
        return None
    check_text(value, where)
    if not value.quoted:
        lowered = value.text.lower()
        if lowered in ("true", "false"):
            return lowered
        try:
            number = float(value.text)
        except ValueError:
            pass
        else:
            return json.dumps(int(number) if number.is_integer() else number)
    return json.dumps(value.text)


def _text(text: str) -> str:
    return text


def _integer(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        whole = float(text)
        if not whole.is_integer():
            raise ValueError(f"{text!r} is not a whole number") from None
        number = int(whole)
    if not _SMALLEST_INTEGER <= number <= _LARGEST_INTEGER:
        raise ValueError(f"{text!r} is out of range")
    return number


def _number(text: str) -> float:
    return float(text)


def _boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{text!r} is not a boolean")


def _datetime(text: str) -> datetime.datetime:
    return parse_datetime(text)


_CONVERTERS = {
    "string": _text,
    "json": _text,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
    "datetime": _datetime,
}
