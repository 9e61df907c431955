"""Server-side rules applied when entities are created or updated.

What a real ftrack server fills in by itself: context types, the project of
a context (from its parent chain), default status and type from the project
schema, AssetVersion numbers per asset, timestamps and authors, system types
of components, one Timer per user, the author of a note as its recipient,
the category of a note from its first label, and reserved location names.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ftrack_api.local import siblings, stock_ids
from ftrack_api.local.batch import Batch, Context, PendingRow
from ftrack_api.local.custom_attributes import coerce_value
from ftrack_api.local.errors import (
    DuplicateEntryError,
    NotFoundError,
    PermissionError,
    ValidationError,
)
from ftrack_api.local.model import EntityType, Model
from ftrack_api.local.query.tree import RELATED, tree_pairs

#: Location names reserved for the stock locations.
RESERVED_LOCATION_PREFIX = "ftrack."
COMPONENT_SYSTEM_TYPES = {
    "FileComponent": "file",
    "SequenceComponent": "sequence",
    "ContainerComponent": "container",
    "Component": "file",
}


_TARGETS: dict[EntityType, dict[str, EntityType]] = {}
#: Update rules concerning each entity type (see :func:`_update_kinds`).
_UPDATE_KINDS: dict[EntityType, frozenset[str]] = {}


def _reference_targets(model: Model, entity_type: EntityType) -> dict[str, EntityType]:
    targets: dict[str, EntityType] = {}
    for attribute in entity_type.attributes.values():
        if attribute.kind != "reference" or attribute.join is None:
            continue
        target = model.get(attribute.target or "")
        if (
            len(attribute.join.local) == 1
            and attribute.join.remote == target.primary_key
        ):
            if len(target.primary_key) == 1:
                targets[attribute.join.local[0]] = target
    return targets


def reference_target(
    model: Model, entity_type: EntityType, column: str
) -> EntityType | None:
    """Return the type that *column* of *entity_type* points at, if any."""
    targets = _TARGETS.get(entity_type)
    if targets is None:
        targets = _TARGETS[entity_type] = _reference_targets(model, entity_type)
    return targets.get(column)


def before_create(
    batch: Batch, entity_type: EntityType, values: dict[str, Any], context: Context
) -> None:
    """Fill server-side defaults of a new row and enforce creation rules."""
    attributes = entity_type.attributes
    if "created_at" in attributes and values.get("created_at") is None:
        values["created_at"] = batch.now
    if "created_by_id" in attributes and values.get("created_by_id") is None:
        values["created_by_id"] = batch.user_id
    if entity_type.primary_key == ("id",) and values.get("id") is None:
        if attributes["id"].data_type == "string":
            values["id"] = str(uuid.uuid4())
    for base_name, rule in _CREATE_RULES:
        if entity_type.is_a(base_name) or entity_type.declaration.shares == base_name:
            rule(batch, entity_type, values, context)


def after_create(
    batch: Batch, entity_type: EntityType, values: dict[str, Any], context: Context
) -> None:
    """Create the rows that go with a new row (e.g. a note's author)."""
    if entity_type.name == "Note" and values.get("user_id"):
        recipient = batch.model.get("Recipient")
        row = {"note_id": values["id"], "resource_id": values["user_id"]}
        identity = (recipient.table.name, (row["note_id"], row["resource_id"]))
        if identity not in batch.created:
            batch.add_created(PendingRow(recipient, row, context, automatic=True))
    if entity_type.name == "NoteLabelLink":
        note = batch.get_by_id("Note", values.get("note_id"))
        if note is not None and note.get("category_id") is None:
            batch.add_update(
                batch.model.get("Note"),
                (values["note_id"],),
                {"category_id": values.get("label_id")},
                context,
            )


def before_update(
    batch: Batch,
    entity_type: EntityType,
    key: tuple,
    values: dict[str, Any],
    context: Context,
) -> None:
    """Enforce update rules and keep derived columns current."""
    kinds = _update_kinds(entity_type)
    if not kinds:
        return
    if "Location" in kinds and "name" in values:
        _check_location_name(values["name"], context)
        siblings.check_location_name(batch, key[0], values["name"], context)
    if "TypedContext" in kinds and values.get("parent_id"):
        _move_context(batch, entity_type, key, values, context)
    if "Context" in kinds and ("name" in values or "parent_id" in values):
        _check_new_name(batch, entity_type, key, values, context)
    if "Asset" in kinds and {"name", "context_id", "type_id"} & set(values):
        columns = ("context_id", "type_id", "name")
        row = siblings.current_values(batch, entity_type, key, columns)
        if row is not None:
            siblings.check_asset_name(batch, key[0], {**row, **values}, context)
    if "status_id" in values and ("TypedContext" in kinds or "AssetVersion" in kinds):
        _record_status_change(batch, entity_type, key, values["status_id"], context)
    if "custom_attribute_value" in kinds and "value" in values:
        name, type_name = _configuration_of(batch, key[0], context)
        values["value"] = coerce_value(type_name, values["value"], name)


def _update_kinds(entity_type: EntityType) -> frozenset[str]:
    """Return which update rules concern *entity_type*, worked out once."""
    kinds = _UPDATE_KINDS.get(entity_type)
    if kinds is None:
        bases = ("Location", "TypedContext", "Context", "Asset", "AssetVersion")
        found = {name for name in bases if entity_type.is_a(name)}
        if entity_type.table.name == "custom_attribute_value":
            found.add("custom_attribute_value")
        kinds = _UPDATE_KINDS[entity_type] = frozenset(found)
    return kinds


def _move_context(
    batch: Batch,
    entity_type: EntityType,
    key: tuple,
    values: dict[str, Any],
    context: Context,
) -> None:
    """Set the project of a context given a parent, and of its descendants."""
    parent_id = values["parent_id"]
    values["project_id"] = _project_of_parent(batch, parent_id, context)
    row = batch.get_row(entity_type, key)
    if row is None or row.get("parent_id") == parent_id:
        return
    batch.flush()
    table = batch.model.get("Context").table
    pairs = tree_pairs(table, "descendants", [key[0]])
    descendants = list(batch.connection.execute(sa.select(pairs.c[RELATED])).scalars())
    if parent_id == key[0] or parent_id in descendants:
        raise ValidationError(
            f"{context.describe()}: cannot move {entity_type.name} {key[0]!r} "
            f"under {parent_id!r}, which is itself or one of its descendants."
        )
    if row.get("project_id") == values["project_id"]:
        return
    # Parents looked up earlier in the batch may now be in another project.
    batch.cache.pop("project_of", None)
    typed_context = batch.model.get("TypedContext")
    for descendant in descendants:
        batch.add_update(
            typed_context, (descendant,), {"project_id": values["project_id"]}, context
        )


def _check_new_name(
    batch: Batch,
    entity_type: EntityType,
    key: tuple,
    values: dict[str, Any],
    context: Context,
) -> None:
    """Refuse renaming or moving a context onto a sibling's name."""
    row = siblings.current_values(batch, entity_type, key, ("parent_id", "name"))
    if row is None:
        return
    parent_id = values.get("parent_id", row.get("parent_id"))
    name = values.get("name", row.get("name"))
    if (parent_id, name) != (row.get("parent_id"), row.get("name")):
        siblings.check_name(batch, entity_type, key[0], parent_id, name, context)
        siblings.remember(batch, key[0], parent_id, name)


def _record_status_change(
    batch: Batch, entity_type: EntityType, key: tuple, status_id: Any, context: Context
) -> None:
    """Record a StatusChange when the status of a task or version changes."""
    row = batch.get_row(entity_type, key)
    if row is None or row.get("status_id") == status_id:
        return
    is_version = entity_type.is_a("AssetVersion")
    change_type = batch.model.get(
        "AssetVersionStatusChange" if is_version else "TypedContextStatusChange"
    )
    parent_type = "AssetVersion" if is_version else row.get("_entity_type")
    values = {
        "id": str(uuid.uuid4()),
        "_entity_type": change_type.name,
        "parent_id": key[0],
        "parent_type": parent_type,
        "from_status_id": row.get("status_id"),
        "status_id": status_id,
        "user_id": batch.user_id,
        "date": batch.now,
    }
    batch.add_created(PendingRow(change_type, values, context, automatic=True))


def _context(batch: Batch, entity_type: EntityType, values: dict, context: Context):
    if entity_type.is_a("Project"):
        values.setdefault("context_type", "show")
        if values.get("status") is None:
            values["status"] = "active"
        siblings.check_name(
            batch, entity_type, values["id"], None, values.get("name"), context
        )
        return
    values["context_type"] = "task"
    for name in ("bid", "sort"):
        if values.get(name) is None:
            values[name] = 0
    parent_id = values.get("parent_id")
    if parent_id is None:
        raise ValidationError(
            f"{context.describe()}: a {entity_type.name} needs a parent "
            "(parent or parent_id)."
        )
    values["project_id"] = _project_of_parent(batch, parent_id, context)
    siblings.check_name(
        batch, entity_type, values["id"], parent_id, values.get("name"), context
    )
    if values.get("status_id") is None or values.get("type_id") is None:
        status_id, type_id = _schema_defaults(
            batch, values["project_id"], values.get("object_type_id")
        )
        if values.get("status_id") is None:
            values["status_id"] = status_id
        if values.get("type_id") is None:
            values["type_id"] = type_id


def _project_of_parent(batch: Batch, parent_id: Any, context: Context) -> Any:
    cache = batch.cache.setdefault("project_of", {})
    if parent_id in cache:
        return cache[parent_id]
    parent = batch.get_by_id("Context", parent_id)
    if parent is None:
        raise NotFoundError(
            f"{context.describe()}: parent {parent_id!r} does not exist."
        )
    project_id = (
        parent["id"]
        if parent.get("_entity_type") == "Project"
        else parent["project_id"]
    )
    cache[parent_id] = project_id
    return project_id


def _schema_defaults(batch: Batch, project_id: Any, object_type_id: Any) -> tuple:
    cache = batch.cache.setdefault("schema_defaults", {})
    cache_key = (project_id, object_type_id)
    if cache_key not in cache:
        cache[cache_key] = _lookup_schema_defaults(batch, project_id, object_type_id)
    return cache[cache_key]


def _first(batch: Batch, statement: sa.Select) -> Any:
    return batch.connection.execute(statement.limit(1)).scalar()


def _lookup_schema_defaults(batch: Batch, project_id: Any, object_type_id: Any):
    """Return the first (status id, type id) the project schema offers."""
    project = batch.get_by_id("Project", project_id) or {}
    schema = batch.get_by_id("ProjectSchema", project.get("project_schema_id")) or {}
    status_id = type_id = None
    if object_type_id != stock_ids.OBJECT_TYPES["Task"]:
        status_id, type_id = _object_schema_defaults(
            batch, schema.get("id"), object_type_id
        )
    if status_id is None:
        status_id = _first_status(batch, schema.get("task_workflow_schema_id"))
    if type_id is None:
        types = batch.model.get("Type").table
        link = batch.model.get("TaskTypeSchemaType").table
        type_id = _first(
            batch,
            sa.select(link.c.type_id)
            .join(types, types.c.id == link.c.type_id)
            .where(link.c.task_type_schema_id == schema.get("task_type_schema_id"))
            .order_by(types.c.sort),
        )
    return status_id, type_id


def _object_schema_defaults(batch: Batch, schema_id: Any, object_type_id: Any):
    """Return the first status and type of an object type's own schema."""
    model = batch.model
    schemas = model.get("Schema").table
    object_schema = _first(
        batch,
        sa.select(schemas.c.id).where(
            schemas.c.project_schema_id == schema_id,
            schemas.c.object_type_id == object_type_id,
        ),
    )
    if object_schema is None:
        return None, None
    statuses = model.get("SchemaStatus").table
    types = model.get("SchemaType").table
    status_id = _first(
        batch,
        sa.select(statuses.c.status_id)
        .where(statuses.c.schema_id == object_schema)
        .order_by(statuses.c.sort),
    )
    type_id = _first(
        batch,
        sa.select(types.c.type_id)
        .where(types.c.schema_id == object_schema)
        .order_by(types.c.sort),
    )
    return status_id, type_id


def _first_status(batch: Batch, workflow_id: Any) -> Any:
    """Return the first status (by sort) of a workflow schema."""
    statuses = batch.model.get("Status").table
    link = batch.model.get("WorkflowSchemaStatus").table
    return _first(
        batch,
        sa.select(link.c.status_id)
        .join(statuses, statuses.c.id == link.c.status_id)
        .where(link.c.workflow_schema_id == workflow_id)
        .order_by(statuses.c.sort),
    )


def _asset_version(batch: Batch, entity_type: EntityType, values: dict, context):
    asset_id = values.get("asset_id")
    if values.get("version") is None and asset_id is not None:
        values["version"] = _next_version(batch, asset_id)
    if values.get("user_id") is None:
        values["user_id"] = batch.user_id
    if values.get("date") is None:
        values["date"] = batch.now
    if values.get("status_id") is None:
        values["status_id"] = _version_status(batch, asset_id)


def _next_version(batch: Batch, asset_id: Any) -> int:
    numbers = batch.cache.setdefault("next_version", {})
    if asset_id not in numbers:
        table = batch.model.get("AssetVersion").table
        batch.flush()
        assets = batch.model.get("Asset").table
        # Lock the asset so that concurrent workers (PostgreSQL) number its
        # versions one after the other; SQLite writers are serialised anyway.
        batch.connection.execute(
            sa.select(assets.c.id).where(assets.c.id == asset_id).with_for_update()
        )
        highest = batch.connection.execute(
            sa.select(sa.func.max(table.c.version)).where(table.c.asset_id == asset_id)
        ).scalar()
        numbers[asset_id] = (highest or 0) + 1
    number = numbers[asset_id]
    numbers[asset_id] = number + 1
    return number


def _version_status(batch: Batch, asset_id: Any) -> Any:
    asset = batch.get_by_id("Asset", asset_id) or {}
    context = batch.get_by_id("Context", asset.get("context_id")) or {}
    project_id = (
        context.get("id")
        if context.get("_entity_type") == "Project"
        else context.get("project_id")
    )
    project = batch.get_by_id("Project", project_id) or {}
    schema = batch.get_by_id("ProjectSchema", project.get("project_schema_id")) or {}
    workflow = schema.get("asset_version_workflow_schema_id") or (
        stock_ids.VERSION_WORKFLOW
    )
    return _first_status(batch, workflow)


def _asset(batch: Batch, entity_type: EntityType, values: dict, context):
    siblings.check_asset_name(batch, values["id"], values, context)


def _component(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("system_type") is None:
        values["system_type"] = COMPONENT_SYSTEM_TYPES.get(entity_type.name, "file")


def _user(batch: Batch, entity_type: EntityType, values: dict, context):
    if not values.get("username"):
        values["username"] = str(uuid.uuid4())
    if values.get("user_type_id") is None:
        values["user_type_id"] = stock_ids.USER_TYPE
    for name in ("is_active", "is_otp_enabled", "is_totp_enabled"):
        if values.get(name) is None:
            values[name] = False
    if values.get("require_details_update") is None:
        values["require_details_update"] = False


def _group(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("local") is None:
        values["local"] = False


def _note(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("user_id") is None:
        values["user_id"] = batch.user_id
    if values.get("date") is None:
        values["date"] = batch.now
    if values.get("is_todo") is None:
        values["is_todo"] = False


def _timer(batch: Batch, entity_type: EntityType, values: dict, context: Context):
    if values.get("user_id") is None:
        values["user_id"] = batch.user_id
    if values.get("start") is None:
        values["start"] = batch.now
    user_id = values["user_id"]
    table = entity_type.table
    pending = any(
        row.entity_type is entity_type and row.values.get("user_id") == user_id
        for row in batch.created.values()
    )
    batch.flush()
    stored = batch.connection.execute(
        sa.select(table.c.id).where(table.c.user_id == user_id).limit(1)
    ).first()
    if pending or stored is not None:
        raise DuplicateEntryError(
            f"{context.describe()}: DuplicateEntryError: user {user_id!r} already "
            "has a running Timer."
        )


def _job(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("user_id") is None:
        values["user_id"] = batch.user_id


def _location(batch: Batch, entity_type: EntityType, values: dict, context):
    _check_location_name(values.get("name"), context)
    siblings.check_location_name(batch, values["id"], values.get("name"), context)


def _check_location_name(name: Any, context: Context) -> None:
    if isinstance(name, str) and name.startswith(RESERVED_LOCATION_PREFIX):
        raise PermissionError(
            f"{context.describe()}: location name {name!r} is reserved: names "
            f"starting with {RESERVED_LOCATION_PREFIX!r} belong to the stock "
            "locations."
        )


def _status(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("is_active") is None:
        values["is_active"] = True


def _configuration(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("config") is None:
        values["config"] = "{}"


def _custom_attribute_value(batch, entity_type: EntityType, values: dict, context):
    key, type_name = _configuration_of(batch, values.get("configuration_id"), context)
    values["key"] = key
    if "value" in values:
        values["value"] = coerce_value(type_name, values["value"], key)


def _configuration_of(batch: Batch, configuration_id: Any, context: Context):
    """Return (key, type name) of a custom attribute configuration."""
    cache = batch.cache.setdefault("configurations", {})
    if configuration_id not in cache:
        configuration = batch.get_by_id(
            "CustomAttributeConfiguration", configuration_id
        )
        if configuration is None:
            raise NotFoundError(
                f"{context.describe()}: custom attribute configuration "
                f"{configuration_id!r} does not exist."
            )
        kind = batch.get_by_id("CustomAttributeType", configuration.get("type_id"))
        cache[configuration_id] = (configuration.get("key"), (kind or {}).get("name"))
    return cache[configuration_id]


def _list(batch: Batch, entity_type: EntityType, values: dict, context):
    if values.get("date") is None:
        values["date"] = batch.now


_CREATE_RULES = (
    ("Context", _context),
    ("AssetVersion", _asset_version),
    ("Asset", _asset),
    ("Component", _component),
    ("User", _user),
    ("Group", _group),
    ("Note", _note),
    ("Timer", _timer),
    ("Job", _job),
    ("Location", _location),
    ("Status", _status),
    ("CustomConfigurationBase", _configuration),
    ("CustomAttributeValue", _custom_attribute_value),
    ("List", _list),
)
