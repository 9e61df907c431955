"""The ftrack query language, answered from the embedded backend's database.

``parse(expression)`` turns query text into a cached syntax tree;
``execute(connection, model, expression)`` runs it and returns the wire
reply of the ``query`` action::

    {"action": "query", "data": [...], "metadata": {"next": {"offset": 10}}}

``metadata.next.offset`` is set only when more rows exist after this page.
Errors are :class:`~ftrack_api.local.errors.BackendError` subclasses:
``ParseError`` for syntax (with the column), ``UnknownEntityTypeError``,
``UnknownAttributeError`` and ``ValidationError`` for the rest.
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.errors import StorageError
from ftrack_api.local.model import EntityType, Model
from ftrack_api.local.query import syntax
from ftrack_api.local.query.compiler import Compiler
from ftrack_api.local.query.inheritance import type_clause
from ftrack_api.local.query.loader import Loader, Projection
from ftrack_api.local.query.parser import parse
from ftrack_api.local.query.paths import resolve
from ftrack_api.local.query.references import shorten_repeats

__all__ = ["execute", "parse"]

logger = logging.getLogger(__name__)


def execute(connection: sa.Connection, model: Model, expression: str) -> dict[str, Any]:
    """Run query *expression* on *connection* and return the wire reply."""
    query = parse(expression)
    entity_type = model.get(query.entity_type)
    projections = _projections(query, entity_type)
    for path in projections:
        resolve(model, entity_type, path)
    compiler = Compiler(model, connection.dialect.name)
    loader = Loader(connection, model)
    level = loader.level(entity_type, Projection.from_paths(projections))
    statement = _root_statement(compiler, level.columns, entity_type, query)
    try:
        rows = connection.execute(statement).all()
        page = rows[: query.limit] if query.limit is not None else rows
        data = loader.objects(level, page)
        if level.relations:
            shorten_repeats(model, data)
    except sa.exc.DBAPIError as error:
        raise StorageError(
            f"The database failed to answer {expression!r}: {error.orig}"
        ) from error
    logger.debug("Query on %s returned %s rows.", entity_type.name, len(data))
    return _reply(query, data, more=len(rows) > len(page))


def _root_statement(
    compiler: Compiler,
    columns: list[str],
    entity_type: EntityType,
    query: syntax.Query,
) -> sa.Select[Any]:
    """Return the SELECT of the root rows, one more than the limit."""
    table = entity_type.table
    statement = (
        sa.select(*(table.c[name] for name in columns))
        .where(type_clause(entity_type, table))
        .order_by(*compiler.ordering(entity_type, table, query))
    )
    if query.condition is not None:
        statement = statement.where(
            compiler.condition(entity_type, table, query.condition)
        )
    if query.offset:
        statement = statement.offset(query.offset)
    if query.limit is not None:
        statement = statement.limit(query.limit + 1)
    return statement


def _reply(query: syntax.Query, data: list[Any], more: bool) -> dict[str, Any]:
    """Return the wire reply; ``next.offset`` is set only if rows remain."""
    # A page that returned nothing (limit 0) cannot move the offset on, so it
    # names no next page: a pager following it would never finish.
    next_offset = (query.offset or 0) + len(data) if more and data else None
    return {
        "action": "query",
        "data": data,
        "metadata": {"next": {"offset": next_offset}},
    }


def _projections(
    query: syntax.Query, entity_type: EntityType
) -> tuple[syntax.Path, ...]:
    """Return the query's projections, or the type's defaults for a bare query."""
    if query.projections:
        return query.projections
    return tuple(
        syntax.Path(tuple(syntax.Segment(name) for name in projection.split(".")))
        for projection in entity_type.default_projections
    )
