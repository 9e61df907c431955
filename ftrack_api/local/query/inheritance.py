"""Select the rows of one entity type from a table its family shares."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ftrack_api.local.model import EntityType

Condition = sa.ColumnElement[bool]
FromClause = Any


def type_condition(entity_type: EntityType, table: FromClause) -> Condition | None:
    """Return the clause keeping *entity_type*'s rows of its family *table*."""
    discriminator = entity_type.discriminator
    if discriminator is None or entity_type.base is None:
        return None
    names = entity_type.concrete_names
    column = table.c[discriminator]
    return column == names[0] if len(names) == 1 else column.in_(names)


def type_clause(entity_type: EntityType, table: FromClause) -> Condition:
    """Return :func:`type_condition`, or TRUE when every row qualifies."""
    condition = type_condition(entity_type, table)
    return sa.true() if condition is None else condition
