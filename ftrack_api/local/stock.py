"""The stock rows of a new ftrack server, seeded on first start.

Ids the clients or the schema name are the real ones (see
:mod:`ftrack_api.local.stock_ids`); the others are stable uuid5 values
derived from the row's name, so that every new database gets the same ids.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from ftrack_api.local import stock_ids as ids
from ftrack_api.local.model import DISCRIMINATOR, Model

_NAMESPACE = uuid.UUID("8f1b1d8e-0d7a-4b8e-9a55-5f4f2f3c6e10")

LOCATIONS = (
    (ids.ORIGIN_LOCATION, "ftrack.origin", "Origin"),
    (ids.UNMANAGED_LOCATION, "ftrack.unmanaged", "Unmanaged"),
    (ids.REVIEW_LOCATION, "ftrack.review", "Review"),
    (ids.SERVER_LOCATION, "ftrack.server", "Server"),
    (ids.CONNECT_LOCATION, "ftrack.connect", "Connect"),
)
STATES = (
    (ids.STATE_NOT_STARTED, "Not started", "NOT_STARTED"),
    (None, "In progress", "IN_PROGRESS"),
    (None, "Blocked", "BLOCKED"),
    (None, "Done", "DONE"),
)
#: name, state short, colour, sort
STATUSES = (
    ("Pending", "NOT_STARTED", "#B8B8B8", 0),
    ("Not started", "NOT_STARTED", "#CCCCCC", 1),
    ("In progress", "IN_PROGRESS", "#3498DB", 2),
    ("Awaiting approval", "IN_PROGRESS", "#F1C40F", 3),
    ("Approved", "DONE", "#1CBC90", 4),
    ("Normal", "NOT_STARTED", "#FFFFFF", 5),
    ("On Hold", "BLOCKED", "#E67E22", 6),
    ("Omitted", "BLOCKED", "#D35400", 7),
)
TASK_STATUSES = ("Not started", "In progress", "Awaiting approval", "Approved")
VERSION_STATUSES = ("Pending", "Approved")
OBJECT_SCHEMA_STATUSES = ("Normal", "Omitted", "On Hold")
TASK_TYPES = (
    "Generic",
    "Animation",
    "Modeling",
    "Previz",
    "Lookdev",
    "Hair",
    "Cloth",
    "FX",
    "Lighting",
    "Compositing",
    "Tracking",
    "Rigging",
)
ASSET_BUILD_TYPES = ("Character", "Prop", "Environment", "Matte Painting")
#: name, is_leaf, is_statusable, is_typeable, is_time_reportable, is_taskable
OBJECT_TYPES = (
    ("Task", True, True, True, True, False),
    ("Shot", False, True, False, True, True),
    ("Sequence", False, False, False, False, True),
    ("Folder", False, False, False, False, True),
    ("Asset Build", False, True, True, True, True),
    ("Milestone", True, True, True, False, False),
    ("Episode", False, False, False, False, True),
)
ASSET_TYPES = (
    ("Upload", "upload"),
    ("Geometry", "geo"),
    ("Image", "img"),
    ("Scene", "scene"),
    ("Audio", "audio"),
    ("Animation cache", "cache"),
    ("Texture", "texture"),
    ("Comp", "comp"),
)
PRIORITIES = (("Urgent", 4), ("High", 3), ("Medium", 2), ("Low", 1))
NOTE_CATEGORIES = (("Internal", "#9B59B6"), ("Client feedback", "#E74C3C"))
CUSTOM_ATTRIBUTE_TYPES = (
    "number",
    "text",
    "boolean",
    "date",
    "enumerator",
    "dynamic enumerator",
    "expression",
    "url",
)


def stable_id(kind: str, name: str) -> str:
    """Return the stock id of row *name* of *kind*."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{name}"))


def seed(connection: sa.Connection, model: Model) -> None:
    """Insert every stock row."""
    rows = _rows()
    for type_name, values in rows:
        entity_type = model.get(type_name)
        full = dict(values)
        if entity_type.discriminator is not None:
            full[DISCRIMINATOR] = type_name
        connection.execute(entity_type.table.insert().values(full))


def _rows() -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = []
    for location_id, name, label in LOCATIONS:
        rows.append(("Location", {"id": location_id, "name": name, "label": label}))
    state_ids = {}
    for state_id, name, short in STATES:
        state_ids[short] = state_id or stable_id("State", short)
        rows.append(("State", {"id": state_ids[short], "name": name, "short": short}))
    for name, short, color, sort in STATUSES:
        rows.append(
            (
                "Status",
                {
                    "id": stable_id("Status", name),
                    "name": name,
                    "color": color,
                    "sort": sort,
                    "is_active": True,
                    "state_id": state_ids[short],
                },
            )
        )
    for sort, name in enumerate(TASK_TYPES + ASSET_BUILD_TYPES):
        rows.append(
            (
                "Type",
                {
                    "id": stable_id("Type", name),
                    "name": name,
                    "sort": sort,
                    "color": "#510100",
                    "is_billable": True,
                },
            )
        )
    rows.extend(_object_types())
    rows.extend(_project_schema())
    for name, short in ASSET_TYPES:
        rows.append(
            (
                "AssetType",
                {
                    "id": stable_id("AssetType", name),
                    "name": name,
                    "short": short,
                    "component": "main",
                },
            )
        )
    for name, value in PRIORITIES:
        priority_id = ids.PRIORITY if name == "Medium" else stable_id("Priority", name)
        rows.append(
            (
                "Priority",
                {"id": priority_id, "name": name, "value": value, "sort": value},
            )
        )
    rows.append(("UserType", {"id": ids.USER_TYPE, "name": "user"}))
    rows.append(
        (
            "ListCategory",
            {"id": stable_id("ListCategory", "Default"), "name": "Default"},
        )
    )
    for sort, (name, color) in enumerate(NOTE_CATEGORIES):
        rows.append(
            (
                "NoteCategory",
                {
                    "id": stable_id("NoteCategory", name),
                    "name": name,
                    "color": color,
                    "sort": sort,
                },
            )
        )
    for name in CUSTOM_ATTRIBUTE_TYPES:
        rows.append(
            (
                "CustomAttributeType",
                {
                    "id": stable_id("CustomAttributeType", name),
                    "name": name,
                    "core": True,
                },
            )
        )
    return rows


def _object_types() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for sort, (name, leaf, statusable, typeable, reportable, taskable) in enumerate(
        OBJECT_TYPES
    ):
        rows.append(
            (
                "ObjectType",
                {
                    "id": ids.OBJECT_TYPES[name.replace(" ", "")],
                    "name": name,
                    "sort": sort,
                    "icon": "default",
                    "is_leaf": leaf,
                    "is_statusable": statusable,
                    "is_typeable": typeable,
                    "is_time_reportable": reportable,
                    "is_taskable": taskable,
                    "is_schedulable": True,
                },
            )
        )
    return rows


def _project_schema() -> list[tuple[str, dict[str, Any]]]:
    rows: list[tuple[str, dict[str, Any]]] = [
        ("WorkflowSchema", {"id": ids.TASK_WORKFLOW, "name": "VFX Task Workflow"}),
        (
            "WorkflowSchema",
            {"id": ids.VERSION_WORKFLOW, "name": "VFX Version Workflow"},
        ),
        ("TaskTypeSchema", {"id": ids.TASK_TYPE_SCHEMA, "name": "VFX Task Types"}),
        (
            "ProjectSchema",
            {
                "id": ids.PROJECT_SCHEMA,
                "name": "VFX Scheme",
                "task_workflow_schema_id": ids.TASK_WORKFLOW,
                "asset_version_workflow_schema_id": ids.VERSION_WORKFLOW,
                "task_type_schema_id": ids.TASK_TYPE_SCHEMA,
            },
        ),
    ]
    for workflow, names in (
        (ids.TASK_WORKFLOW, TASK_STATUSES),
        (ids.VERSION_WORKFLOW, VERSION_STATUSES),
    ):
        for name in names:
            rows.append(
                (
                    "WorkflowSchemaStatus",
                    {
                        "workflow_schema_id": workflow,
                        "status_id": stable_id("Status", name),
                    },
                )
            )
    for name in TASK_TYPES:
        rows.append(
            (
                "TaskTypeSchemaType",
                {
                    "task_type_schema_id": ids.TASK_TYPE_SCHEMA,
                    "type_id": stable_id("Type", name),
                },
            )
        )
    for object_type_id in ids.OBJECT_TYPES.values():
        rows.append(
            (
                "ProjectSchemaObjectType",
                {
                    "project_schema_id": ids.PROJECT_SCHEMA,
                    "object_type_id": object_type_id,
                },
            )
        )
    for object_name, types in (("Shot", ()), ("AssetBuild", ASSET_BUILD_TYPES)):
        schema_id = stable_id("Schema", object_name)
        rows.append(
            (
                "Schema",
                {
                    "id": schema_id,
                    "project_schema_id": ids.PROJECT_SCHEMA,
                    "object_type_id": ids.OBJECT_TYPES[object_name],
                    "type_id": ids.OBJECT_TYPES[object_name],
                },
            )
        )
        for sort, name in enumerate(OBJECT_SCHEMA_STATUSES):
            rows.append(
                (
                    "SchemaStatus",
                    {
                        "schema_id": schema_id,
                        "status_id": stable_id("Status", name),
                        "sort": sort,
                    },
                )
            )
        for sort, name in enumerate(types):
            rows.append(
                (
                    "SchemaType",
                    {
                        "schema_id": schema_id,
                        "type_id": stable_id("Type", name),
                        "sort": sort,
                    },
                )
            )
    return rows
