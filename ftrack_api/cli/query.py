"""The ``ftrack-api query`` command: run a query and print the result.

The columns are the attributes the expression selects (``select a, b.c from
Type ...``), or the type's default projections for a bare ``Type ...``.
Entities in cells show as ``Type(id)``; collections show their size.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Sequence
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
    results = session.query(expression).all()
    columns = selected_attributes(session, expression)
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
    """Return the JSON-ready value at the dotted *path* of *entity*."""
    value = entity
    for name in path.split("."):
        if not _is_entity(value):
            return None
        if name not in value.keys():
            return None
        value = value[name]
    return _json_value(value)


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
    if isinstance(value, Sequence) or hasattr(value, "__iter__"):
        return [_json_value(item) for item in value]
    return str(value)


def _identity(entity: Any) -> str:
    import ftrack_api.inspection

    return ",".join(
        str(part) for part in ftrack_api.inspection.primary_key(entity).values()
    )


def format_table(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Return *rows* as an aligned text table with a header and a count."""
    cells = [[_text(row[column]) for column in columns] for row in rows]
    widths = [
        max([len(column)] + [len(line[index]) for line in cells])
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
        cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "__entity_type__" in value:
        return f"{value['__entity_type__']}({value['id']})"
    if isinstance(value, list):
        return f"[{len(value)} item{'' if len(value) == 1 else 's'}]"
    if isinstance(value, dict):
        return json.dumps(value, default=str)
    return str(value)
