"""Format entities as readable, indented text."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

import ftrack_api.inspection
from ftrack_api.symbol import NOT_SET

#: Attribute filters for :func:`format`: ``ignore_unset`` drops unset values.
FILTER: dict[str, Callable[[Any, str, Any], bool]] = {
    "ignore_unset": (lambda entity, name, value: value is not NOT_SET)
}


def _colours_enabled() -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("ANSI_COLORS_DISABLED") or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _colour(code: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        if not _colours_enabled():
            return text
        return f"\033[{code}m{text}\033[0m"

    return apply


#: Default formatters for the ``header`` (entity type) and ``label`` (name).
FORMATTERS: dict[str, Callable[[str], str]] = {
    "header": _colour("1;7"),
    "label": _colour("1;34"),
}


def format(  # noqa: A001 - official name, shadows the builtin
    entity: Any,
    formatters: Mapping[str, Callable[[str], str]] | None = None,
    attribute_filter: Callable[[Any, str, Any], bool] | None = None,
    recursive: bool = False,
    indent: int = 0,
    indent_first_line: bool = True,
    _seen: set[str] | None = None,
) -> str:
    """Return *entity* as text: its type, then one ``name: value`` line each.

    Nested entities are formatted inline; collections are expanded only when
    *recursive*. An entity met again inside itself shows as ``Type{...}``.
    """
    chosen = dict(FORMATTERS)
    chosen.update(formatters or {})
    seen = set() if _seen is None else _seen
    identity = str(ftrack_api.inspection.identity(entity))
    pad = " " * indent
    first_pad = pad if indent_first_line else ""
    if identity in seen:
        return f"{first_pad}{chosen['header'](entity.entity_type)}{{...}}"
    seen.add(identity)

    lines = [f"{first_pad}{chosen['header'](entity.entity_type)}"]
    for name, value in sorted(entity.items(), key=lambda item: item[0]):
        if attribute_filter is not None and not attribute_filter(entity, name, value):
            continue
        text = _format_value(value, chosen, attribute_filter, recursive, indent, seen)
        lines.append(f"{pad} {chosen['label'](name)}: {text}")
    seen.discard(identity)
    return "\n".join(lines)


def _format_value(
    value: Any,
    formatters: Mapping[str, Callable[[str], str]],
    attribute_filter: Callable[[Any, str, Any], bool] | None,
    recursive: bool,
    indent: int,
    seen: set[str],
) -> str:
    from ftrack_api.collection import Collection, MappedCollectionProxy
    from ftrack_api.entity.base import Entity

    child_indent = indent + 2
    if isinstance(value, Entity):
        return "\n" + format(
            value,
            formatters,
            attribute_filter,
            recursive,
            child_indent,
            True,
            seen,
        )
    if isinstance(value, MappedCollectionProxy):
        return repr(dict(value.items())) if recursive else "dict(...)"
    if isinstance(value, Collection):
        if not recursive:
            return "Collection(...)"
        items = [
            format(
                item, formatters, attribute_filter, recursive, child_indent, True, seen
            )
            for item in value
        ]
        return "\n" + "\n".join(items) if items else "[]"
    return str(value)
