"""Generate ftrack_api/local/schema_definition.py from a real server's schema dump.

Run once (``python scripts/generate_schema_definition.py DUMP OUTPUT``); the
generated module is our own format and is maintained by hand afterwards. The
dump gives names, kinds, keys and defaults; this script adds what the dump
lacks: inheritance, tables, storage columns and how every relation joins.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

CONTEXT_SUBTYPES = (
    "Task",
    "Shot",
    "Sequence",
    "Folder",
    "Episode",
    "Milestone",
    "AssetBuild",
)
#: Inheritance: type -> base type. Subtypes share their root's table.
BASES: dict[str, str] = {
    "Project": "Context",
    "TypedContext": "Context",
    **{name: "TypedContext" for name in CONTEXT_SUBTYPES},
    "FileComponent": "Component",
    "SequenceComponent": "ContainerComponent",
    "ContainerComponent": "Component",
    "TypedContextList": "List",
    "AssetVersionList": "List",
    "User": "Resource",
    "Group": "Resource",
    "TypedContextStatusChange": "StatusChange",
    "AssetVersionStatusChange": "StatusChange",
    "CustomAttributeConfiguration": "CustomConfigurationBase",
    "CustomAttributeLinkConfiguration": "CustomConfigurationBase",
}
#: Types that read the same rows as another type, with no discriminator.
SHARED_TABLES: dict[str, str] = {"NoteLabel": "NoteCategory"}
FAMILY_PREFIXES = ("Context", "Asset", "AssetVersion", "List", "ListObject", "User")
for _prefix in FAMILY_PREFIXES:
    SHARED_TABLES[f"{_prefix}CustomAttributeValue"] = "CustomAttributeValue"
for _prefix in ("List", "Asset", "AssetVersion", "Component", "Context", "Group"):
    SHARED_TABLES[f"{_prefix}CustomAttributeLink"] = "CustomAttributeLink"
    SHARED_TABLES[f"{_prefix}CustomAttributeLinkFrom"] = "CustomAttributeLinkFrom"
SHARED_TABLES["UserCustomAttributeLink"] = "CustomAttributeLink"
SHARED_TABLES["UserCustomAttributeLinkFrom"] = "CustomAttributeLinkFrom"

#: Attributes computed on read (no column).
COMPUTED_NAMES = {
    "link",
    "_link",
    "thumbnail_url",
    "time_logged",
    "bid_time_logged_difference",
    "url",
    "is_latest_version",
    "is_open",
}
COMPUTED_ONLY_ON = {"is_open": {"ReviewSession"}}

#: References whose local column is not "<name>_id".
REFERENCE_COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Asset", "parent"): ("context_id",),
    ("Note", "author"): ("user_id",),
    ("Status", "state"): ("state_id",),
    ("Recipient", "user"): ("resource_id",),
    ("Recipient", "recipient"): ("resource_id",),
    ("ProjectSchema", "_task_workflow"): ("task_workflow_schema_id",),
    ("ProjectSchema", "_task_type_schema"): ("task_type_schema_id",),
    ("ProjectSchema", "_version_workflow"): ("asset_version_workflow_schema_id",),
    ("Feed", "event"): ("social_id",),
    ("List", "owner"): ("user_id",),
    ("TypedContextList", "owner"): ("user_id",),
    ("AssetVersionList", "owner"): ("user_id",),
    ("CustomAttributeLinkConfiguration", "object_type_to"): ("object_type_id_to",),
    ("SchemaType", "task_type"): ("type_id",),
    ("SchemaStatus", "task_status"): ("status_id",),
    ("ReviewSessionObject", "asset_version"): ("version_id",),
    ("ReviewSessionObjectStatus", "invitee"): ("review_session_invitee_id",),
    ("SettingComponent", "setting"): ("name", "group"),
    ("DashboardResource", "dashboard"): ("dashboard_id",),
    ("DashboardResource", "resource"): ("resource_id",),
    ("DashboardResource", "dashboard_id"): ("dashboard_id",),
    ("DashboardResource", "resource_id"): ("resource_id",),
}
REFERENCE_REMOTE: dict[tuple[str, str], tuple[str, ...]] = {
    ("SettingComponent", "setting"): ("name", "group"),
    ("Feed", "event"): ("id",),
}
#: Computed references (no column).
COMPUTED_REFERENCES = {("Asset", "latest_version")}

#: Collections: (type, name) -> join description.
COLLECTIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("*", "ancestors"): {"tree": "ancestors"},
    ("*", "descendants"): {"tree": "descendants"},
    ("*", "scopes"): {"link": ("context_scope", "context_id", "scope_id")},
    ("*", "allocations"): {"remote": "context_id", "where": {"type": "allocation"}},
    ("*", "assignments"): {"remote": "context_id", "where": {"type": "assignment"}},
    ("*", "appointments"): {"remote": "context_id"},
    ("*", "notes"): {"remote": "parent_id"},
    ("*", "status_changes"): {"remote": "parent_id"},
    ("*", "metadata"): {"remote": "parent_id"},
    ("*", "custom_attributes"): {"remote": "entity_id"},
    ("*", "custom_attribute_links"): {"remote": "from_id"},
    ("*", "custom_attribute_links_from"): {"remote": "to_id"},
    ("*", "lists"): {"link": ("list_object", "entity_id", "list_id")},
    ("*", "items"): {"link": ("list_object", "list_id", "entity_id")},
    ("*", "incoming_links"): {"remote": "to_id"},
    ("*", "outgoing_links"): {"remote": "from_id"},
    ("*", "members"): {"remote": "container_id"},
    ("AssetVersion", "uses_versions"): {
        "link": ("asset_version_usage", "from_id", "to_id")
    },
    ("AssetVersion", "used_in_versions"): {
        "link": ("asset_version_usage", "to_id", "from_id")
    },
    ("AssetVersion", "review_session_objects"): {"remote": "version_id"},
    ("Type", "task_type_schemas"): {
        "link": ("task_type_schema_type", "type_id", "task_type_schema_id")
    },
    ("TaskTypeSchema", "types"): {
        "link": ("task_type_schema_type", "task_type_schema_id", "type_id")
    },
    ("WorkflowSchema", "statuses"): {
        "link": ("workflow_schema_status", "workflow_schema_id", "status_id")
    },
    ("ProjectSchema", "object_types"): {
        "link": ("project_schema_object_type", "project_schema_id", "object_type_id")
    },
    ("ObjectType", "project_schemas"): {
        "link": ("project_schema_object_type", "object_type_id", "project_schema_id")
    },
    ("ProjectSchema", "_overrides"): {"remote": "project_schema_id"},
    ("ProjectSchema", "task_workflow_schema_overrides"): {
        "remote": "project_schema_id"
    },
    ("ProjectSchema", "_schemas"): {"remote": "project_schema_id"},
    ("ProjectSchema", "object_type_schemas"): {"remote": "project_schema_id"},
    ("CustomAttributeConfiguration", "read_security_roles"): {
        "link": ("configuration_read_role", "configuration_id", "security_role_id")
    },
    ("CustomAttributeConfiguration", "write_security_roles"): {
        "link": ("configuration_write_role", "configuration_id", "security_role_id")
    },
    ("CustomConfigurationBase", "read_security_roles"): {
        "link": ("configuration_read_role", "configuration_id", "security_role_id")
    },
    ("CustomConfigurationBase", "write_security_roles"): {
        "link": ("configuration_write_role", "configuration_id", "security_role_id")
    },
    ("CustomAttributeLinkConfiguration", "read_security_roles"): {
        "link": ("configuration_read_role", "configuration_id", "security_role_id")
    },
    ("CustomAttributeLinkConfiguration", "write_security_roles"): {
        "link": ("configuration_write_role", "configuration_id", "security_role_id")
    },
    ("ReviewSession", "settings"): {"remote": "parent_id"},
    ("ListCategory", "lists"): {"remote": "category_id"},
    ("TaskTemplate", "items"): {"remote": "template_id"},
    ("Note", "replies"): {"remote": "in_reply_to_id"},
    ("Status", "tasks"): {"remote": "status_id"},
    ("Type", "tasks"): {"remote": "type_id"},
    ("Priority", "tasks"): {"remote": "priority_id"},
    ("ObjectType", "tasks"): {"remote": "object_type_id"},
    ("Location", "location_components"): {"remote": "location_id"},
    ("Event", "feeds"): {"remote": "social_id"},
    ("ReviewSessionInvitee", "statuses"): {"remote": "review_session_invitee_id"},
    ("CustomAttributeType", "custom_attribute_configurations"): {"remote": "type_id"},
}
RESOURCE_APPOINTMENTS: dict[str, dict[str, Any]] = {
    "allocations": {"remote": "resource_id", "where": {"type": "allocation"}},
    "assignments": {"remote": "resource_id", "where": {"type": "assignment"}},
    "appointments": {"remote": "resource_id"},
}
for _type in ("Resource", "User", "Group"):
    for _name, _join in RESOURCE_APPOINTMENTS.items():
        COLLECTIONS[(_type, _name)] = _join

#: Extra storage columns not exposed as attributes.
HIDDEN_COLUMNS: dict[str, dict[str, str]] = {
    "Status": {"state_id": "string"},
    "User": {"api_key_hash": "string"},
}
#: Columns holding one row per value (a user has one running Timer).
UNIQUE_COLUMNS: dict[str, list[str]] = {"Timer": ["user_id"]}
#: Link tables: name -> (column, column).
LINK_TABLES = {
    "context_scope": ("context_id", "scope_id"),
    "asset_version_usage": ("from_id", "to_id"),
    "configuration_read_role": ("configuration_id", "security_role_id"),
    "configuration_write_role": ("configuration_id", "security_role_id"),
}


def snake(name: str) -> str:
    """Return *name* in snake case."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def root_of(name: str) -> str:
    """Return the inheritance root of *name*."""
    while name in BASES:
        name = BASES[name]
    return SHARED_TABLES.get(name, name)


def lineage(name: str) -> list[str]:
    """Return *name* and its bases."""
    names = [name]
    while names[-1] in BASES:
        names.append(BASES[names[-1]])
    return names


def reference_columns(schemas: dict[str, Any], owner: str, name: str) -> tuple:
    """Return the local column(s) of reference *name* on *owner*."""
    if (owner, name) in REFERENCE_COLUMNS:
        return REFERENCE_COLUMNS[(owner, name)]
    properties = schemas[owner]["properties"]
    if f"{name}_id" in properties:
        return (f"{name}_id",)
    if owner.endswith("CustomAttributeLink"):
        return ("from_id",)
    if owner.endswith("CustomAttributeLinkFrom"):
        return ("to_id",)
    raise SystemExit(f"no column for reference {owner}.{name}")


def collection_join(schemas: dict[str, Any], owner: str, name: str, target: str):
    """Return the join description of collection *name* on *owner*."""
    for key in ((owner, name), ("*", name)):
        if key in COLLECTIONS:
            return dict(COLLECTIONS[key])
    owners = set(lineage(owner))
    candidates = []
    for other, prop in schemas[target]["properties"].items():
        if "$ref" in prop and prop["$ref"] in owners:
            if (target, other) in COMPUTED_REFERENCES:
                continue
            candidates.append(reference_columns(schemas, target, other))
    if not candidates:
        for other, prop in schemas[target]["properties"].items():
            description = prop.get("description", "")
            if "$ref" not in prop and any(
                description == f"Foreign key(s): {base}.id" for base in owners
            ):
                candidates.append((other,))
    candidates = sorted(set(candidates))
    if len(candidates) != 1:
        raise SystemExit(f"ambiguous collection {owner}.{name}: {candidates}")
    (columns,) = candidates
    return {"remote": columns[0] if len(columns) == 1 else columns}


def attribute_source(schemas, owner: str, name: str, prop: dict[str, Any]) -> str:
    """Return the definition source line of one attribute."""
    extra: dict[str, Any] = {}
    for key, short in (
        ("alias_for", "alias"),
        ("default", "default"),
        ("restricted_projection", "restricted"),
        ("key_value_attributes", "kv"),
        ("transform", "transform"),
        ("enum", "enum"),
    ):
        if key in prop:
            extra[short] = prop[key]
    description = prop.get("description")
    if description and description.startswith("Foreign key(s): "):
        extra["fk"] = description[len("Foreign key(s): ") :]
    elif description:
        extra["doc"] = description
    computed = name in COMPUTED_NAMES and owner in COMPUTED_ONLY_ON.get(name, {owner})
    if "$ref" in prop:
        if (owner, name) in COMPUTED_REFERENCES:
            extra["computed"] = True
            return f"Ref({prop['$ref']!r}, (){kw(extra)})"
        columns = reference_columns(schemas, owner, name)
        remote = REFERENCE_REMOTE.get((owner, name))
        if remote:
            extra["remote"] = remote
        if "format" in prop:
            extra["fmt"] = prop["format"]
        if "type" in prop:
            extra["type"] = prop["type"]
        return f"Ref({prop['$ref']!r}, {columns!r}{kw(extra)})"
    kind = prop.get("type")
    if kind in ("array", "mapped_array"):
        target = prop["items"]["$ref"]
        join = collection_join(schemas, owner, name, target)
        function = "Many" if kind == "array" else "Mapped"
        args = ", ".join(f"{k}={v!r}" for k, v in join.items())
        return f"{function}({target!r}, {args}{kw(extra)})"
    if computed:
        extra["computed"] = True
    if "format" in prop:
        extra["fmt"] = prop["format"]
    return f"Scalar({kind!r}{kw(extra)})"


def kw(extra: dict[str, Any]) -> str:
    """Return keyword arguments source for *extra*."""
    return "".join(f", {key}={literal(value)}" for key, value in extra.items())


def literal(value: Any) -> str:
    """Return the source of *value*, long strings split over lines."""
    if not isinstance(value, str) or len(value) < 60:
        return repr(value)
    words = value.split(" ")
    middle = len(words) // 2
    first, second = " ".join(words[:middle]) + " ", " ".join(words[middle:])
    return f"({first!r} {second!r})"


def type_source(schemas: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """Return the definition source lines of one entity type."""
    name = schema["id"]
    lines = ["    Type(", f"        {name!r},"]
    if name in BASES:
        lines.append(f"        base={BASES[name]!r},")
    elif name in SHARED_TABLES:
        lines.append(f"        shares={SHARED_TABLES[name]!r},")
    else:
        lines.append(f"        table={snake(name)!r},")
    for key, short in (
        ("primary_key", "key"),
        ("required", "required"),
        ("immutable", "immutable"),
        ("default_projections", "projections"),
        ("system_projections", "system"),
        ("computed", "computed"),
        ("alias_for", "alias"),
    ):
        if key in schema:
            lines.append(f"        {short}={schema[key]!r},")
    if name in HIDDEN_COLUMNS:
        lines.append(f"        hidden={HIDDEN_COLUMNS[name]!r},")
    if name in UNIQUE_COLUMNS:
        lines.append(f"        unique={UNIQUE_COLUMNS[name]!r},")
    lines.append("        attributes={")
    for attribute, prop in schema["properties"].items():
        source = attribute_source(schemas, name, attribute, prop)
        lines.append(f"            {attribute!r}: {source},")
    lines.append("        },")
    lines.append("    ),")
    return lines


HEADER = '''"""The entity types of the embedded backend: our one schema definition.

Generated once from a real server's schema dump by
``scripts/generate_schema_definition.py`` and maintained by hand since. Read
by :mod:`ftrack_api.local.model`, which builds the ``query_schemas`` reply, the
database tables and the write validation from it.

Format: ``Type(name, table=... | base=... | shares=..., key, required,
immutable, projections, system, computed, alias, hidden, attributes)`` where
``base`` is the inheritance parent (rows live in the root's table and carry a
discriminator), ``shares`` names a type whose table this one reads as is,
``hidden`` lists storage-only columns and ``unique`` columns holding one row
per value. Attributes are ``Scalar(type)``,
``Ref(target, local_columns)``, ``Many(target, remote=... | link=... |
tree=...)`` and ``Mapped(target, remote=...)``; keyword arguments ``alias``,
``default``, ``fk``, ``doc``, ``fmt``, ``restricted``, ``kv``, ``transform``,
``enum`` and ``computed`` carry the remaining facts.
"""

from __future__ import annotations

from ftrack_api.local.schema_language import Many, Mapped, Ref, Scalar, Type

LINK_TABLES = {link_tables!r}

TYPES = (
'''


def main() -> None:
    """Write the definition module."""
    dump, output = Path(sys.argv[1]), Path(sys.argv[2])
    schemas = {schema["id"]: schema for schema in json.loads(dump.read_text())}
    lines = [HEADER.replace("{link_tables!r}", repr(LINK_TABLES))]
    for name in schemas:
        lines.extend(type_source(schemas, schemas[name]))
    lines.append(")\n")
    output.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
