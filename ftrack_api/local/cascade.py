"""Cascading deletes: what goes with an entity when it is deleted.

A project takes its contexts, assets, versions, components, notes, metadata
and custom attribute values; a user takes their timers, timelogs and
appointments; a component its locations and members; and so on. A Location
that still holds components is refused, as the real server does.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from ftrack_api.local.batch import Batch, Context, chunks, key_clause
from ftrack_api.local.errors import ValidationError
from ftrack_api.local.model import EntityType

#: (owner type, dependent type, dependent column equal to the owner's id).
DEPENDENTS: tuple[tuple[str, str, str], ...] = (
    ("Context", "Context", "parent_id"),
    ("Context", "Asset", "context_id"),
    ("Context", "Appointment", "context_id"),
    ("Context", "Manager", "context_id"),
    ("Context", "Timelog", "context_id"),
    ("Context", "Timer", "context_id"),
    ("Context", "TypedContextLink", "from_id"),
    ("Context", "TypedContextLink", "to_id"),
    ("Context", "StatusChange", "parent_id"),
    ("Context", "List", "project_id"),
    ("Context", "ReviewSession", "project_id"),
    ("Asset", "AssetVersion", "asset_id"),
    ("AssetVersion", "Component", "version_id"),
    ("AssetVersion", "AssetVersionLink", "from_id"),
    ("AssetVersion", "AssetVersionLink", "to_id"),
    ("AssetVersion", "StatusChange", "parent_id"),
    ("AssetVersion", "ReviewSessionObject", "version_id"),
    ("Component", "ComponentLocation", "component_id"),
    ("Component", "Component", "container_id"),
    ("Component", "NoteComponent", "component_id"),
    ("Component", "JobComponent", "component_id"),
    ("Resource", "Timer", "user_id"),
    ("Resource", "Timelog", "user_id"),
    ("Resource", "Appointment", "resource_id"),
    ("Resource", "Recipient", "resource_id"),
    ("Resource", "Membership", "user_id"),
    ("Resource", "Membership", "group_id"),
    ("Resource", "UserSecurityRole", "user_id"),
    ("Resource", "UserApplicationState", "user_id"),
    ("Resource", "Manager", "user_id"),
    ("Note", "Note", "in_reply_to_id"),
    ("Note", "Recipient", "note_id"),
    ("Note", "NoteComponent", "note_id"),
    ("Note", "NoteLabelLink", "note_id"),
    ("List", "ListObject", "list_id"),
    ("CustomConfigurationBase", "CustomAttributeValue", "configuration_id"),
    ("*", "Note", "parent_id"),
    ("*", "Metadata", "parent_id"),
    ("*", "CustomAttributeValue", "entity_id"),
    ("*", "ListObject", "entity_id"),
    ("*", "EntitySetting", "parent_id"),
)
#: (owner type, link table, column equal to the owner's id).
LINKS: tuple[tuple[str, str, str], ...] = (
    ("Context", "context_scope", "context_id"),
    ("AssetVersion", "asset_version_usage", "from_id"),
    ("AssetVersion", "asset_version_usage", "to_id"),
)


def delete(
    batch: Batch, entity_type: EntityType, keys: Sequence[tuple], context: Context
) -> None:
    """Delete rows *keys* of *entity_type* and everything that depends on them."""
    _delete(batch, entity_type, list(keys), context, set())


def _delete(
    batch: Batch,
    entity_type: EntityType,
    keys: list[tuple],
    context: Context,
    seen: set,
) -> None:
    table = entity_type.table
    keys = [key for key in keys if (table.name, key) not in seen]
    if not keys:
        return
    seen.update((table.name, key) for key in keys)
    if entity_type.primary_key == ("id",):
        ids = [key[0] for key in keys]
        _refuse_locations_in_use(batch, entity_type, ids)
        _delete_dependents(batch, entity_type, ids, context, seen)
    for part in chunks(keys):
        batch.connection.execute(
            table.delete().where(key_clause(table, entity_type.primary_key, part))
        )
    batch.forget(entity_type, keys)


def _owns(entity_type: EntityType, owner: str, batch: Batch) -> bool:
    if owner == "*":
        return True
    return entity_type.table is batch.model.get(owner).table


def _delete_dependents(
    batch: Batch, entity_type: EntityType, ids: list, context: Context, seen: set
) -> None:
    model = batch.model
    for owner, dependent_name, column in DEPENDENTS:
        if not _owns(entity_type, owner, batch):
            continue
        dependent = model.get(dependent_name)
        table = dependent.table
        names = dependent.primary_key
        found: list[tuple] = []
        for part in chunks(ids):
            result = batch.connection.execute(
                sa.select(*(table.c[name] for name in names)).where(
                    table.c[column].in_(part)
                )
            )
            found.extend(tuple(row) for row in result)
        if found:
            _delete(batch, dependent, found, context, seen)
    for owner, table_name, column in LINKS:
        if _owns(entity_type, owner, batch):
            link = model.link_table(table_name)
            for part in chunks(ids):
                batch.connection.execute(link.delete().where(link.c[column].in_(part)))


def _refuse_locations_in_use(batch: Batch, entity_type: EntityType, ids: list) -> None:
    if not entity_type.is_a("Location"):
        return
    table = batch.model.get("ComponentLocation").table
    for part in chunks(ids):
        used = batch.connection.execute(
            sa.select(table.c.location_id).where(table.c.location_id.in_(part)).limit(1)
        ).scalar()
        if used is not None:
            raise ValidationError(
                f"Location {used!r} still holds components; remove them from it "
                "before deleting it."
            )
