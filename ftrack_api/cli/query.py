"""The ``ftrack-api query`` command: run a query and print the result.

The columns are the attributes the expression selects (``select a, b.c from
Type ...``), or the type's default projections for a bare ``Type ...``.
Entities in cells show as ``Type(id)``; collections show their size, and a
path through a collection (``components.name``) the list of its members'
values. Metadata and custom attributes show as a mapping of key to value.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
from ftrack_api.cli import _common

if TYPE_CHECKING:
    from ftrack_api.session import Session

_SELECT = re.compile(r"^\s*select\s+(?P<attributes>.+?)\s+from\s+", re.I | re.S)

EXAMPLES = """\
examples:
  ftrack-api query "Project"
  ftrack-api query "select name, status.name from Task where project.name is demo"
  ftrack-api query --json "select id, version from AssetVersion limit 5"
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``query`` parser to *subparsers*."""
    parser = subparsers.add_parser(
        "query",
        help="run a query expression and print the entities found",
        description=(
            "Run a query expression and print the entities found as a table "
            "(or as JSON with --json)."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "expression", help='the query, e.g. "select name from Task limit 10"'
    )
    _common.add_server_argument(parser)
    parser.add_argument(
        "--json", action="store_true", help="print a JSON list of objects"
    )
    parser.set_defaults(run=run)
    return parser


def run(arguments: argparse.Namespace) -> int:
    """Run the query in *arguments* and print it; return the exit status."""
    try:
        if not arguments.expression.strip():
            raise _common.InputError(
                'The query expression is empty; give one such as "Project" or '
                '"select name from Task limit 10".'
            )
        with _common.open_session(arguments.server) as session:
            columns, rows = query_rows(session, arguments.expression)
    except _common.CommandError as error:
        return _common.report_error("query", error)
    except (ftrack_api.exception.Error, KeyError) as error:
        message = error.args[0] if isinstance(error, KeyError) else error
        return _common.report_error("query", _common.CommandError(str(message)))

    if arguments.json:
        json.dump(rows, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_table(columns, rows))
    return 0


def query_rows(
    session: Session, expression: str
) -> tuple[list[str], list[dict[str, Any]]]:
    """Return the column names and one JSON-ready row per entity found."""
    columns = selected_attributes(session, expression)
    results = session.query(expression).all()
    rows = []
    with session.auto_populating(False):
        for entity in results:
            rows.append({column: _cell(entity, column) for column in columns})
    return columns, rows


def selected_attributes(session: Session, expression: str) -> list[str]:
    """Return the attribute paths *expression* selects, or default projections."""
    match = _SELECT.match(expression)
    if match:
        return [name.strip() for name in match.group("attributes").split(",")]

    entity_type = expression.split(None, 1)[0] if expression.strip() else ""
    for schema in session.schemas:
        if schema["id"] == entity_type:
            return list(schema.get("default_projections") or ["id"])
    raise _common.InputError(f"Unknown entity type {entity_type!r} in {expression!r}.")


def _cell(entity: Any, path: str) -> Any:
    """Return the JSON-ready value at the dotted *path* of *entity*.

    Through a collection, the rest of the path is followed from each member,
    giving a list of their values.
    """
    return _value_at(entity, path.split("."))


def _value_at(value: Any, names: list[str]) -> Any:
    if not names:
        return _json_value(value)
    if _is_collection(value):
        return [_value_at(item, names) for item in value]
    if not _is_entity(value) or names[0] not in value.keys():
        return None
    return _value_at(value[names[0]], names[1:])


def _is_collection(value: Any) -> bool:
    import ftrack_api.collection

    return isinstance(value, ftrack_api.collection.Collection)


def _is_entity(value: Any) -> bool:
    return hasattr(value, "entity_type") and hasattr(value, "keys")


def _json_value(value: Any) -> Any:
    import ftrack_api.symbol

    if value is ftrack_api.symbol.NOT_SET:
        return None
    if _is_entity(value):
        return {"__entity_type__": value.entity_type, "id": _identity(value)}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, Mapping):
        return _mapping_value(value)
    if isinstance(value, Sequence) or hasattr(value, "__iter__"):
        return [_json_value(item) for item in value]
    return str(value)


def _mapping_value(mapping: Any) -> dict[str, Any]:
    """Return a mapped collection (metadata, custom attributes) as a dict.

    Its key/value entities may hold only their keys, so their values are
    fetched here.
    """
    session = mapping.collection.entity.session
    with session.auto_populating(True):
        return {str(key): _json_value(item) for key, item in mapping.items()}


def _identity(entity: Any) -> str:
    import ftrack_api.inspection

    return ",".join(
        str(part) for part in ftrack_api.inspection.primary_key(entity).values()
    )


def format_table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Return *rows* as an aligned text table with a header and a count."""
    cells = [[_text(row[column]) for column in columns] for row in rows]
    widths = [
        max([_width(column)] + [_width(line[index]) for line in cells])
        for index, column in enumerate(columns)
    ]
    lines = [
        _table_line(columns, widths),
        _table_line(["-" * w for w in widths], widths),
    ]
    lines.extend(_table_line(line, widths) for line in cells)
    count = len(rows)
    lines.append(f"({count} {'entity' if count == 1 else 'entities'})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _table_line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        cell + " " * (width - _width(cell))
        for cell, width in zip(cells, widths, strict=True)
    )


def _width(text: str) -> int:
    """Return how many terminal columns *text* takes."""
    return sum(_character_width(character) for character in text)


def _character_width(character: str) -> int:
    """Return 2 for wide (CJK) characters, 0 for combining marks, else 1."""
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "__entity_type__" in value:
        return f"{value['__entity_type__']}({value['id']})"
    if isinstance(value, list):
        flat = _flattened(value)
        if flat and all(_is_plain(item) for item in flat):
            return ", ".join(_text(item) for item in flat)
        return f"[{len(value)} item{'' if len(value) == 1 else 's'}]"
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def _is_plain(value: Any) -> bool:
    """Return whether *value* reads well in a cell as it is (not an entity)."""
    return value is None or isinstance(value, (str, int, float, bool))


def _flattened(values: list[Any]) -> list[Any]:
    """Return *values* with nested lists (paths through two collections) spread."""
    flat: list[Any] = []
    for value in values:
        flat.extend(_flattened(value) if isinstance(value, list) else [value])
    return flat
