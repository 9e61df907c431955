"""Dense custom attribute values as a derived table, for filters.

``custom_attributes`` holds one value per applicable configuration, the
stored one or the configuration's default, as
:func:`ftrack_api.local.custom_attributes.load_values` reads it. Filters such
as ``custom_attributes.configuration.key is fstart`` or
``custom_attributes any (key is fstart and value is 10)`` must see the same
rows, so this module builds them in SQL with the same rules: a subquery with
the columns ``entity_id``, ``configuration_id``, ``key`` and ``value``.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ftrack_api.local.custom_attributes import HIERARCHICAL_KINDS, KINDS
from ftrack_api.local.model import EntityType, Model
from ftrack_api.local.query.inheritance import type_clause


def dense_values(model: Model, owner: EntityType) -> Any:
    """Return the derived table of every custom attribute value of *owner* rows."""
    entities = owner.table.alias()
    configuration_type = model.get("CustomAttributeConfiguration")
    configurations = configuration_type.table.alias()
    stored = model.get("CustomAttributeValue").table.alias()
    kind, object_type_id, project_id = _entity_facts(model, owner, entities)
    applies = sa.and_(
        type_clause(configuration_type, configurations),
        _project_matches(configurations, project_id),
        sa.or_(
            sa.and_(
                configurations.c.is_hierarchical.is_(True),
                kind.in_(sorted(HIERARCHICAL_KINDS)),
            ),
            sa.and_(
                configurations.c.entity_type == kind,
                sa.or_(
                    kind != "task", configurations.c.object_type_id == object_type_id
                ),
            ),
        ),
    )
    value = sa.func.coalesce(stored.c.value, configurations.c.default)
    joined = entities.join(configurations, applies).outerjoin(
        stored,
        sa.and_(
            stored.c.configuration_id == configurations.c.id,
            stored.c.entity_id == entities.c.id,
        ),
    )
    return (
        sa.select(
            entities.c.id.label("entity_id"),
            configurations.c.id.label("configuration_id"),
            configurations.c.key.label("key"),
            value.label("value"),
        )
        .select_from(joined)
        .where(type_clause(owner, entities))
        .subquery()
    )


def _project_matches(configurations: Any, project_id: Any) -> Any:
    unrestricted = sa.or_(
        configurations.c.project_id.is_(None), configurations.c.project_id == ""
    )
    if project_id is None:
        return unrestricted
    return sa.or_(unrestricted, configurations.c.project_id == project_id)


def _entity_facts(model: Model, owner: EntityType, entities: Any) -> tuple[Any, ...]:
    """Return SQL for each row's configuration kind, object type and project."""
    if owner.root.name == "Context":
        is_project = entities.c[owner.root.discriminator or "_entity_type"] == "Project"
        kind = sa.case((is_project, sa.literal("show")), else_=sa.literal("task"))
        project_id = sa.case((is_project, entities.c.id), else_=entities.c.project_id)
        return kind, entities.c.object_type_id, project_id
    kinds = {
        name: KINDS.get(model.get(name).root.name, KINDS.get(name, name.lower()))
        for name in owner.concrete_names
    }
    if len(set(kinds.values())) == 1 or owner.discriminator is None:
        return sa.literal(kinds[owner.name]), None, None
    column = entities.c[owner.discriminator]
    kind = sa.case(
        *((column == name, sa.literal(value)) for name, value in kinds.items()),
        else_=sa.literal(kinds[owner.name]),
    )
    return kind, None, None
