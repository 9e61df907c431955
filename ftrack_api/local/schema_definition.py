"""The entity types of the embedded backend: our one schema definition.

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

LINK_TABLES = {
    "context_scope": ("context_id", "scope_id"),
    "asset_version_usage": ("from_id", "to_id"),
    "configuration_read_role": ("configuration_id", "security_role_id"),
    "configuration_write_role": ("configuration_id", "security_role_id"),
}

TYPES = (
    Type(
        "ListCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "list": Ref("List", ("from_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "Asset",
        table="asset",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        system=["context_id"],
        computed=["latest_version"],
        attributes={
            "name": Scalar("string"),
            "parent": Ref("Context", ("context_id",)),
            "type_id": Scalar(
                "string", alias="typeid", fk="AssetType.id", fmt="foreign_key"
            ),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "context_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "versions": Many("AssetVersion", remote="asset_id"),
            "latest_version": Ref("AssetVersion", (), computed=True),
            "custom_attributes": Mapped(
                "AssetCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "type": Ref("AssetType", ("type_id",)),
            "id": Scalar("string", alias="assetid", default="{uid}"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "Scope",
        table="scope",
        key=["id"],
        required=["name", "id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "name": Scalar("string"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "ListObject",
        table="list_object",
        key=["id"],
        required=["id", "entity_id", "list_id"],
        immutable=["id"],
        projections=["id", "entity_id", "list_id"],
        attributes={
            "entity_id": Scalar("string", alias="entityid"),
            "list": Ref("List", ("list_id",)),
            "id": Scalar("string", default="{uid}"),
            "custom_attributes": Mapped(
                "ListObjectCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "list_id": Scalar(
                "string", alias="listid", fk="List.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "TaskTemplateItem",
        table="task_template_item",
        key=["id"],
        required=["id", "template_id", "task_type_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "task_type": Ref("Type", ("task_type_id",), alias="taskType"),
            "template_id": Scalar("string", fk="TaskTemplate.id", fmt="foreign_key"),
            "id": Scalar("string", default="{uid}"),
            "task_type_id": Scalar(
                "string", alias="tasktype_id", fk="Type.id", fmt="foreign_key"
            ),
            "template": Ref("TaskTemplate", ("template_id",)),
        },
    ),
    Type(
        "UserCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "user": Ref("User", ("from_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "ReviewSessionInvitee",
        table="review_session_invitee",
        key=["id"],
        required=[
            "email",
            "name",
            "review_session_id",
            "id",
            "created_by_id",
            "created_at",
        ],
        immutable=["id", "created_from_shared_url"],
        projections=["id"],
        system=["review_session_id"],
        attributes={
            "created_from_shared_url": Scalar("boolean"),
            "name": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "review_session_id": Scalar(
                "string", fk="ReviewSession.id", fmt="foreign_key"
            ),
            "last_sent_at": Scalar("string", fmt="date-time"),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "email": Scalar("string"),
            "statuses": Many(
                "ReviewSessionObjectStatus", remote="review_session_invitee_id"
            ),
            "review_session": Ref(
                "ReviewSession", ("review_session_id",), alias="reviewSession"
            ),
        },
    ),
    Type(
        "Milestone",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "start_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "01decdd1-51cb-11e3-9d5b-20c9d0831e59"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="01decdd1-51cb-11e3-9d5b-20c9d0831e59",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "SequenceComponent",
        base="ContainerComponent",
        key=["id"],
        required=["system_type", "name", "id", "padding"],
        immutable=["id"],
        projections=["id", "system_type"],
        system=["system_type", "version_id"],
        attributes={
            "container": Ref("ContainerComponent", ("container_id",)),
            "name": Scalar("string", default="main"),
            "component_locations": Many("ComponentLocation", remote="component_id"),
            "file_type": Scalar("string", alias="filetype"),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "container_id": Scalar(
                "string", fk="ContainerComponent.id", fmt="foreign_key"
            ),
            "version_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "padding": Scalar("integer", default=0),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "version": Ref("AssetVersion", ("version_id",)),
            "system_type": Scalar("string"),
            "members": Many("Component", remote="container_id"),
            "size": Scalar("integer", default=0),
            "id": Scalar(
                "string", default="{uid}", fk="Component.id", fmt="foreign_key"
            ),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "ObjectType",
        table="object_type",
        key=["id"],
        required=[
            "id",
            "name",
            "icon",
            "sort",
            "is_time_reportable",
            "is_taskable",
            "is_typeable",
            "is_statusable",
            "is_schedulable",
        ],
        immutable=["id"],
        projections=["id"],
        attributes={
            "sort": Scalar("integer", default=0),
            "is_leaf": Scalar("boolean", alias="isleaf", default=False),
            "tasks": Many("Task", remote="object_type_id"),
            "is_typeable": Scalar("boolean", alias="istypeable", default=True),
            "project_schemas": Many(
                "ProjectSchema",
                link=(
                    "project_schema_object_type",
                    "object_type_id",
                    "project_schema_id",
                ),
            ),
            "is_time_reportable": Scalar(
                "boolean", alias="istimereportable", default=False
            ),
            "is_schedulable": Scalar("boolean", alias="isschedulable", default=False),
            "is_statusable": Scalar("boolean", alias="isstatusable", default=True),
            "is_taskable": Scalar("boolean", alias="istaskable", default=True),
            "icon": Scalar("string", default="default"),
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "ReviewSessionObjectStatus",
        table="review_session_object_status",
        key=["id"],
        required=["id", "created_at"],
        immutable=["id"],
        projections=["id"],
        system=["review_session_object_id"],
        attributes={
            "status": Scalar("string"),
            "review_session_object_id": Scalar(
                "string", fk="ReviewSessionObject.id", fmt="foreign_key"
            ),
            "created_at": Scalar("string", fmt="date-time"),
            "invitee": Ref("ReviewSessionInvitee", ("review_session_invitee_id",)),
            "review_session_object": Ref(
                "ReviewSessionObject",
                ("review_session_object_id",),
                alias="reviewSessionObject",
            ),
            "review_session_invitee_id": Scalar(
                "string", fk="ReviewSessionInvitee.id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "Task",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="11c137c0-ee7e-4f9c-91c5-8c77cec22b2c",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "AssetVersionCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "asset_version": Ref("AssetVersion", ("from_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "Project",
        base="Context",
        key=["id"],
        required=[
            "is_global",
            "status",
            "project_schema_id",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["context_type"],
        computed=["thumbnail_url"],
        alias="Show",
        attributes={
            "created_at": Scalar("string", fmt="date-time"),
            "managers": Many("Manager", remote="context_id"),
            "calendar_events": Many("CalendarEvent", remote="project_id"),
            "color": Scalar("string"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "full_name": Scalar("string", alias="fullname"),
            "disk": Ref("Disk", ("disk_id",)),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "disk_id": Scalar(
                "string", alias="diskid", fk="Disk.id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
            "user_security_role_projects": Many(
                "UserSecurityRoleProject",
                remote="project_id",
                alias="user_role_projects",
            ),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "project_id": Scalar("string", fk="Project.id", fmt="foreign_key"),
            "project_schema": Ref(
                "ProjectSchema", ("project_schema_id",), alias="projectscheme"
            ),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
            "status": Scalar("string"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "project_schema_id": Scalar(
                "string",
                alias="projectschemeid",
                fk="ProjectSchema.id",
                fmt="foreign_key",
            ),
            "parent": Ref("Context", ("parent_id",)),
            "descendants": Many("TypedContext", tree="descendants"),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "review_sessions": Many(
                "ReviewSession", remote="project_id", alias="reviewSessions"
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "is_private": Scalar("boolean", alias="private", default=False),
            "assets": Many("Asset", remote="context_id"),
            "is_global": Scalar("boolean", alias="isglobal", default=False),
            "name": Scalar("string", default=""),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"value": "value", "key": "key"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "root": Scalar("string"),
            "context_type": Scalar("string"),
        },
    ),
    Type(
        "Conversation",
        table="conversation",
        key=["id"],
        required=["id", "created_by_id", "created_at"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "created_at": Scalar("string", fmt="date-time"),
            "messages": Many("Message", remote="conversation_id"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "participants": Many("Participant", remote="conversation_id"),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "NoteComponent",
        table="note_component",
        key=["component_id", "note_id"],
        required=["component_id", "note_id"],
        immutable=["component_id", "note_id", "thumbnail_url", "url"],
        projections=["component_id", "note_id"],
        computed=["thumbnail_url", "url"],
        attributes={
            "component_id": Scalar("string", fk="Component.id", fmt="foreign_key"),
            "url": Scalar("object", computed=True),
            "component": Ref("Component", ("component_id",)),
            "note": Ref("Note", ("note_id",)),
            "note_id": Scalar("string", fk="Note.id", fmt="foreign_key"),
            "thumbnail_url": Scalar("object", computed=True),
        },
    ),
    Type(
        "Timelog",
        table="timelog",
        key=["id"],
        required=["comment", "start", "duration", "id"],
        immutable=["id"],
        projections=["id"],
        system=["user_id", "context_id"],
        attributes={
            "comment": Scalar("string", default=""),
            "time_zone_offset": Scalar("number"),
            "user_id": Scalar("string", fk="User.id", fmt="foreign_key"),
            "name": Scalar("string"),
            "context_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "start": Scalar("string", fmt="date-time"),
            "user": Ref("User", ("user_id",)),
            "context": Ref("Context", ("context_id",)),
            "duration": Scalar("number"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "Shot",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "type_id",
            "type",
            "bid",
            "start_date",
            "end_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "bad911de-3bd6-47b9-8b46-3476e237cb36"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="bad911de-3bd6-47b9-8b46-3476e237cb36",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "ProjectSchemaObjectType",
        table="project_schema_object_type",
        key=["object_type_id", "project_schema_id"],
        required=["object_type_id", "project_schema_id"],
        immutable=["object_type_id", "project_schema_id"],
        projections=["object_type_id", "project_schema_id"],
        attributes={
            "object_type": Ref("ObjectType", ("object_type_id",)),
            "project_schema_id": Scalar(
                "string", fk="ProjectSchema.id", fmt="foreign_key"
            ),
            "project_schema": Ref("ProjectSchema", ("project_schema_id",)),
            "object_type_id": Scalar("string", fk="ObjectType.id", fmt="foreign_key"),
        },
    ),
    Type(
        "ListCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value", "project_id"],
        attributes={
            "entity_id": Scalar("string", fk="List.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "TaskTypeSchemaType",
        table="task_type_schema_type",
        key=["task_type_schema_id", "type_id"],
        required=["task_type_schema_id", "type_id"],
        immutable=["task_type_schema_id", "type_id"],
        projections=["task_type_schema_id", "type_id"],
        attributes={
            "task_type_schema_id": Scalar(
                "string", alias="schemeid", fk="TaskTypeSchema.id", fmt="foreign_key"
            ),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "Disk",
        table="disk",
        key=["id"],
        required=["id", "name"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "windows": Scalar("string"),
            "unix": Scalar("string"),
            "id": Scalar("string", alias="diskid", default="{uid}"),
            "projects": Many("Project", remote="disk_id", alias="shows"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "Event",
        table="event",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        system=["showid"],
        alias="SocialEvent",
        attributes={
            "insert": Scalar("string", alias="insert"),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "created_at": Scalar("string", fmt="date-time"),
            "parent_type": Scalar("string"),
            "project": Ref("Project", ("project_id",), alias="show"),
            "parent_id": Scalar("string"),
            "user": Ref("User", ("user_id",)),
            "action": Scalar("string", alias="action"),
            "feeds": Many("Feed", remote="social_id"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "data": Scalar("string"),
            "id": Scalar("integer", alias="socialid"),
        },
    ),
    Type(
        "CustomAttributeLinkFrom",
        table="custom_attribute_link_from",
        key=["id"],
        required=["configuration_id", "from_id", "to_id"],
        immutable=["configuration_id", "id"],
        projections=["configuration_id", "from_id", "to_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "Participant",
        table="participant",
        key=["id"],
        required=["id", "conversation_id", "resource_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "resource": Ref("Resource", ("resource_id",)),
            "last_visit": Scalar("string", fmt="date-time"),
            "resource_id": Scalar("string", fk="Resource.id", fmt="foreign_key"),
            "conversation": Ref("Conversation", ("conversation_id",)),
            "conversation_id": Scalar(
                "string", fk="Conversation.id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "JobComponent",
        table="job_component",
        key=["component_id", "job_id"],
        required=["component_id", "job_id"],
        immutable=["component_id", "job_id", "url"],
        projections=["component_id", "job_id"],
        computed=["url"],
        attributes={
            "url": Scalar("object", computed=True),
            "job": Ref("Job", ("job_id",)),
            "component_id": Scalar("string", fk="Component.id", fmt="foreign_key"),
            "component": Ref("Component", ("component_id",)),
            "job_id": Scalar("string", fk="Job.id", fmt="foreign_key"),
        },
    ),
    Type(
        "ComponentCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "component": Ref("Component", ("from_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "Priority",
        table="priority",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="PriorityType",
        attributes={
            "sort": Scalar("integer", default=0),
            "tasks": Many("Task", remote="priority_id"),
            "name": Scalar("string"),
            "color": Scalar("string"),
            "value": Scalar("number", default=0),
            "id": Scalar("string", alias="priorityid", default="{uid}"),
        },
    ),
    Type(
        "State",
        table="state",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="StatusType",
        attributes={
            "short": Scalar("string"),
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "Setting",
        table="setting",
        key=["name", "group"],
        required=["name", "group"],
        immutable=["name", "group"],
        projections=["name", "group"],
        attributes={
            "group": Scalar("string", default="default"),
            "name": Scalar("string", default="default"),
            "value": Scalar("string", default="default"),
        },
    ),
    Type(
        "Location",
        table="location",
        key=["id"],
        required=["name", "id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "label": Scalar("string"),
            "location_components": Many("ComponentLocation", remote="location_id"),
            "id": Scalar("string", default="{uid}"),
            "name": Scalar("string"),
            "description": Scalar("string"),
        },
    ),
    Type(
        "Episode",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "type_id",
            "type",
            "status_id",
            "status",
            "bid",
            "start_date",
            "end_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "22139355-61da-4c8f-9db4-3abc870166bc"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="22139355-61da-4c8f-9db4-3abc870166bc",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "CalendarEvent",
        table="calendar_event",
        key=["id"],
        required=["name", "start", "end", "id"],
        immutable=["id"],
        projections=["id", "start", "end"],
        system=["project_id"],
        attributes={
            "calendar_event_resources": Many(
                "CalendarEventResource", remote="calendar_event_id"
            ),
            "everyone": Scalar("boolean"),
            "end": Scalar("string", fmt="date-time"),
            "name": Scalar("string", default=""),
            "type_id": Scalar("string", fk="Type.id", fmt="foreign_key"),
            "leave": Scalar("boolean"),
            "created_at": Scalar("string", fmt="date-time"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "forecast": Scalar("boolean"),
            "project": Ref("Project", ("project_id",)),
            "start": Scalar("string", fmt="date-time"),
            "effort": Scalar("number"),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "estimate": Scalar("number"),
            "project_id": Scalar("string", fk="Project.id", fmt="foreign_key"),
            "type": Ref("Type", ("type_id",)),
            "id": Scalar("string", default="{uid}"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "Type",
        table="type",
        key=["id"],
        required=["id", "color", "sort", "is_billable"],
        immutable=["id"],
        projections=["id"],
        alias="TaskType",
        attributes={
            "sort": Scalar("integer", default=0),
            "tasks": Many("Task", remote="type_id"),
            "name": Scalar("string"),
            "task_type_schemas": Many(
                "TaskTypeSchema",
                link=("task_type_schema_type", "type_id", "task_type_schema_id"),
                alias="schemes",
            ),
            "color": Scalar("string", default="#510100"),
            "is_billable": Scalar("boolean", alias="isbillable", default=True),
            "id": Scalar("string", alias="typeid", default="{uid}"),
        },
    ),
    Type(
        "ListCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "list": Ref("List", ("to_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "UserApplicationState",
        table="user_application_state",
        key=["user_id", "key"],
        required=["user_id", "key", "value"],
        immutable=["user_id", "key"],
        projections=["user_id", "key", "value"],
        alias="UserSetting",
        attributes={
            "user_id": Scalar(
                "string", alias="userid", fk="User.id", fmt="foreign_key"
            ),
            "key": Scalar("string"),
            "value": Scalar("string"),
        },
    ),
    Type(
        "ComponentCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "component": Ref("Component", ("to_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "ContextCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "context": Ref("Context", ("to_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "ContextCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value", "project_id"],
        attributes={
            "entity_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "UserType",
        table="user_type",
        key=["id"],
        required=["id"],
        immutable=["id", "name"],
        projections=["id"],
        attributes={
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "Job",
        table="job",
        key=["id"],
        required=["id", "status", "type"],
        immutable=["id", "type"],
        projections=["id"],
        attributes={
            "status": Scalar(
                "string", default="queued", enum=["queued", "running", "done", "failed"]
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "finished_at": Scalar("string", fmt="date-time"),
            "created_at": Scalar("string", fmt="date-time"),
            "data": Scalar("string", fmt="json"),
            "user": Ref("User", ("user_id",)),
            "type": Scalar("string", default="api_job"),
            "id": Scalar("string", alias="jobid", default="{uid}"),
            "job_components": Many("JobComponent", remote="job_id"),
        },
    ),
    Type(
        "TypedContextLink",
        table="typed_context_link",
        key=["id"],
        required=["id", "from_id", "to_id"],
        immutable=["id"],
        projections=["id", "from_id", "to_id"],
        alias="Dependency",
        attributes={
            "from": Ref("TypedContext", ("from_id",), alias="fromTask"),
            "to_id": Scalar("string", fk="TypedContext.id", fmt="foreign_key"),
            "to": Ref("TypedContext", ("to_id",), alias="toTask"),
            "from_id": Scalar("string", fk="TypedContext.id", fmt="foreign_key"),
            "id": Scalar("string", alias="dependencyid", default="{uid}"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "Metadata",
        table="metadata",
        key=["parent_id", "key"],
        required=["parent_id", "key", "value", "parent_type"],
        immutable=["parent_id", "key"],
        projections=["parent_id", "key", "value", "parent_type"],
        alias="Meta",
        attributes={
            "parent_id": Scalar("string", alias="meta_id"),
            "parent_type": Scalar(
                "string",
                alias="meta_type",
                transform={"client": "{schema_id}", "server": "{table_name}"},
            ),
            "key": Scalar("string", alias="variable"),
            "value": Scalar("string"),
        },
    ),
    Type(
        "GroupCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "group": Ref("Group", ("to_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "AssetType",
        table="asset_type",
        key=["id"],
        required=["id", "name", "short"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "short": Scalar("string"),
            "component": Scalar("string", default="main"),
            "assets": Many("Asset", remote="type_id"),
            "name": Scalar("string"),
            "id": Scalar("string", alias="typeid", default="{uid}"),
        },
    ),
    Type(
        "Timer",
        table="timer",
        key=["id"],
        required=["comment", "start", "user_id", "id"],
        immutable=["id"],
        projections=["id"],
        unique=["user_id"],
        attributes={
            "comment": Scalar("string", default=""),
            "user_id": Scalar("string", fk="User.user_id", fmt="foreign_key"),
            "name": Scalar("string"),
            "context_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "start": Scalar("string", fmt="date-time"),
            "user": Ref("User", ("user_id",)),
            "context": Ref("Context", ("context_id",)),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "UserSecurityRoleProject",
        table="user_security_role_project",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id", "user_security_role_id", "project_id"],
        alias="UserRoleProject",
        attributes={
            "project": Ref("Project", ("project_id",)),
            "project_id": Scalar("string", fk="Project.id", fmt="foreign_key"),
            "user_security_role": Ref(
                "UserSecurityRole", ("user_security_role_id",), alias="user_role"
            ),
            "user_security_role_id": Scalar(
                "string",
                alias="user_role_id",
                fk="UserSecurityRole.id",
                fmt="foreign_key",
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "DashboardResource",
        table="dashboard_resource",
        key=["dashboard_id", "resource_id"],
        required=["dashboard_id", "resource_id"],
        immutable=["dashboard_id", "resource_id"],
        projections=["dashboard_id", "resource_id"],
        system=["dashboard_id", "resource_id"],
        alias="LinkDashboardResource",
        attributes={
            "dashboard_id": Ref(
                "Dashboard",
                ("dashboard_id",),
                fk="Dashboard.id",
                fmt="foreign_key",
                type="string",
            ),
            "is_shared_with_everyone": Scalar(
                "boolean", alias="isglobal", default=False
            ),
            "resource": Ref("Resource", ("resource_id",)),
            "dashboard": Ref("Dashboard", ("dashboard_id",)),
            "resource_id": Ref(
                "Resource",
                ("resource_id",),
                fk="Resource.id",
                fmt="foreign_key",
                type="string",
            ),
        },
    ),
    Type(
        "NoteLabelLink",
        table="note_label_link",
        key=["note_id", "label_id"],
        required=["note_id", "label_id"],
        immutable=["note_id", "label_id"],
        projections=["note_id", "label_id"],
        attributes={
            "note": Ref("Note", ("note_id",)),
            "label_id": Scalar("string", fk="NoteLabel.id", fmt="foreign_key"),
            "note_id": Scalar("string", fk="Note.id", fmt="foreign_key"),
            "label": Ref("NoteLabel", ("label_id",)),
        },
    ),
    Type(
        "CustomAttributeGroup",
        table="custom_attribute_group",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id", "name"],
        alias="AttributeGroup",
        attributes={
            "custom_attribute_configurations": Many(
                "CustomAttributeConfiguration", remote="group_id", alias="registers"
            ),
            "id": Scalar("string", alias="groupid", default="{uid}"),
            "name": Scalar("string", doc="Name of custom attribute group"),
        },
    ),
    Type(
        "ReviewSession",
        table="review_session",
        key=["id"],
        required=[
            "name",
            "description",
            "start_date",
            "end_date",
            "project_id",
            "id",
            "created_by_id",
            "created_at",
        ],
        immutable=["id", "thumbnail_id", "thumbnail_url", "is_open"],
        projections=["id"],
        computed=["thumbnail_id", "thumbnail_url", "is_open"],
        attributes={
            "passphrase_enabled": Scalar("boolean"),
            "is_open": Scalar("boolean", computed=True),
            "passphrase": Scalar("string"),
            "id": Scalar("string", default="{uid}"),
            "shareable_url_enabled": Scalar("boolean"),
            "review_session_invitees": Many(
                "ReviewSessionInvitee",
                remote="review_session_id",
                alias="reviewSessionInvitees",
            ),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "availability": Scalar("string"),
            "project_id": Scalar("string", fk="Project.project_id", fmt="foreign_key"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "description": Scalar("string", default=""),
            "end_date": Scalar("string", alias="end", fmt="date-time"),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "name": Scalar("string", default="New review session"),
            "review_session_objects": Many(
                "ReviewSessionObject",
                remote="review_session_id",
                alias="reviewSessionObjects",
            ),
            "settings": Many(
                "EntitySetting", remote="parent_id", alias="settingOverrides"
            ),
            "created_at": Scalar("string", fmt="date-time"),
            "start_date": Scalar("string", alias="start", fmt="date-time"),
            "project": Ref("Project", ("project_id",)),
            "thumbnail_url": Scalar("object", computed=True),
            "is_moderated": Scalar("boolean"),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "CustomAttributeLink",
        table="custom_attribute_link",
        key=["id"],
        required=["configuration_id", "from_id", "to_id"],
        immutable=["configuration_id", "id"],
        projections=["configuration_id", "from_id", "to_id"],
        attributes={
            "to_id": Scalar("string"),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "AssetVersion",
        table="asset_version",
        key=["id"],
        required=["id", "is_published", "status_id"],
        immutable=["id", "_link", "link", "is_latest_version", "thumbnail_url"],
        projections=["id"],
        system=["assetid"],
        computed=["thumbnail_url"],
        attributes={
            "comment": Scalar("string", default=""),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "AssetVersionLink", remote="to_id", alias="incoming_links"
            ),
            "id": Scalar("string", alias="versionid", default="{uid}"),
            "asset_id": Scalar(
                "string", alias="assetid", fk="Asset.id", fmt="foreign_key"
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "custom_attributes": Mapped(
                "AssetVersionCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "version": Scalar("integer"),
            "used_in_versions": Many(
                "AssetVersion",
                link=("asset_version_usage", "to_id", "from_id"),
                alias="usedinversions",
            ),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "asset": Ref("Asset", ("asset_id",)),
            "status": Ref("Status", ("status_id",)),
            "components": Many("Component", remote="version_id"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "lists": Many(
                "AssetVersionList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "user": Ref("User", ("user_id",)),
            "date": Scalar("string", fmt="date-time"),
            "uses_versions": Many(
                "AssetVersion",
                link=("asset_version_usage", "from_id", "to_id"),
                alias="usesversions",
            ),
            "task": Ref("Task", ("task_id",)),
            "task_id": Scalar(
                "string", alias="taskid", fk="Task.id", fmt="foreign_key"
            ),
            "review_session_objects": Many(
                "ReviewSessionObject", remote="version_id", alias="reviewSessionObjects"
            ),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "thumbnail_url": Scalar("object", computed=True),
            "is_latest_version": Scalar("boolean", computed=True),
            "outgoing_links": Many(
                "AssetVersionLink", remote="from_id", alias="outgoing_links"
            ),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
            "is_published": Scalar("boolean", alias="ispublished", default=True),
        },
    ),
    Type(
        "AssetBuild",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "bid",
            "start_date",
            "end_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "4be63b64-5010-42fb-bf1f-428af9d638f0"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="4be63b64-5010-42fb-bf1f-428af9d638f0",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "UserCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value"],
        attributes={
            "entity_id": Scalar("string", fk="User.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "ContainerComponent",
        base="Component",
        key=["id"],
        required=["system_type", "name", "id"],
        immutable=["id"],
        projections=["id", "system_type"],
        system=["system_type", "version_id"],
        attributes={
            "container": Ref("ContainerComponent", ("container_id",)),
            "name": Scalar("string", default="main"),
            "component_locations": Many("ComponentLocation", remote="component_id"),
            "file_type": Scalar("string", alias="filetype"),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "container_id": Scalar(
                "string", fk="ContainerComponent.id", fmt="foreign_key"
            ),
            "version_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "version": Ref("AssetVersion", ("version_id",)),
            "system_type": Scalar("string"),
            "members": Many("Component", remote="container_id"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "id": Scalar(
                "string", default="{uid}", fk="Component.id", fmt="foreign_key"
            ),
            "size": Scalar("integer", default=0),
        },
    ),
    Type(
        "Message",
        table="message",
        key=["id"],
        required=["id", "conversation_id", "created_at", "created_by_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "text": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "conversation": Ref("Conversation", ("conversation_id",)),
            "conversation_id": Scalar(
                "string", fk="Conversation.id", fmt="foreign_key"
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "AssetCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "asset": Ref("Asset", ("to_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "CustomAttributeValue",
        table="custom_attribute_value",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id"],
        alias="Variable_Value",
        attributes={
            "entity_id": Scalar("string", alias="entityid"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
        },
    ),
    Type(
        "TypedContext",
        base="Context",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "time_logged",
            "bid_time_logged_difference",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias="Task",
        attributes={
            "sort": Scalar("number"),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string", alias="priorityid", fk="Priority.id", fmt="foreign_key"
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "id": Scalar("string", default="{uid}"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "children": Many("Context", remote="parent_id"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
            "status": Ref("Status", ("status_id",)),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "parent": Ref("Context", ("parent_id",)),
            "descendants": Many("TypedContext", tree="descendants"),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "context_type": Scalar("string"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "assets": Many("Asset", remote="context_id"),
            "name": Scalar("string", default=""),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string", alias="object_typeid", fk="ObjectType.id", fmt="foreign_key"
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"value": "value", "key": "key"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "Group",
        base="Resource",
        key=["id"],
        required=["name", "local", "resource_type", "id"],
        immutable=["resource_type", "link", "id"],
        projections=["id"],
        system=["resource_type"],
        attributes={
            "assignments": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "assignment"},
                alias="resource_assignments",
            ),
            "name": Scalar("string", default=""),
            "parent": Ref("Group", ("parent_id",)),
            "parent_id": Scalar(
                "string", alias="group_id", fk="Group.id", fmt="foreign_key"
            ),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "children": Many("Group", remote="parent_id"),
            "memberships": Many(
                "Membership", remote="group_id", alias="group_memberships"
            ),
            "dashboard_resources": Many("DashboardResource", remote="resource_id"),
            "appointments": Many(
                "Appointment", remote="resource_id", alias="resource_appointments"
            ),
            "link": Scalar("string", alias="api_link", computed=True),
            "allocations": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "allocation"},
                alias="resource_allocations",
            ),
            "local": Scalar("boolean"),
            "id": Scalar("string", default="{uid}"),
            "resource_type": Scalar("string", default="group"),
        },
    ),
    Type(
        "UserCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "user": Ref("User", ("to_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "Note",
        table="note",
        key=["id"],
        required=["id", "user_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "category": Ref("NoteCategory", ("category_id",)),
            "note_label_links": Many("NoteLabelLink", remote="note_id"),
            "category_id": Scalar(
                "string", alias="categoryid", fk="NoteCategory.id", fmt="foreign_key"
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "recipients": Many("Recipient", remote="note_id", alias="note_recipients"),
            "in_reply_to_id": Scalar(
                "string", alias="noteparentid", fk="Note.id", fmt="foreign_key"
            ),
            "author": Ref("User", ("user_id",), alias="user"),
            "note_components": Many("NoteComponent", remote="note_id"),
            "parent_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
            "id": Scalar("string", alias="noteid", default="{uid}"),
            "content": Scalar("string", alias="text"),
            "completed_at": Scalar("string", fmt="date-time"),
            "is_todo": Scalar("boolean", default=False),
            "completed_by_id": Scalar("string", fk="User.user_id", fmt="foreign_key"),
            "parent_id": Scalar("string"),
            "replies": Many("Note", remote="in_reply_to_id", alias="notes"),
            "thread_activity": Scalar("string", alias="triggerdate", fmt="date-time"),
            "in_reply_to": Ref("Note", ("in_reply_to_id",), alias="noteparent"),
            "date": Scalar("string", fmt="date-time"),
            "completed_by": Ref("User", ("completed_by_id",)),
        },
    ),
    Type(
        "WorkflowSchema",
        table="workflow_schema",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="WorkflowScheme",
        attributes={
            "overrides": Many("ProjectSchemaOverride", remote="workflow_schema_id"),
            "id": Scalar("string", alias="schemeid", default="{uid}"),
            "statuses": Many(
                "Status",
                link=("workflow_schema_status", "workflow_schema_id", "status_id"),
            ),
            "name": Scalar("string", default="Workflow Name"),
        },
    ),
    Type(
        "DashboardWidget",
        table="dashboard_widget",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "sort": Scalar("number"),
            "type": Scalar("string", alias="widget_typeid"),
            "dashboard_id": Scalar(
                "string", alias="dashboardid", fk="Dashboard.id", fmt="foreign_key"
            ),
            "dashboard": Ref("Dashboard", ("dashboard_id",)),
            "config": Scalar("string", doc="JSON blob of relevant widget options."),
            "id": Scalar("string", alias="widgetid", default="{uid}"),
        },
    ),
    Type(
        "Status",
        table="status",
        key=["id"],
        required=["id", "is_active"],
        immutable=["id"],
        projections=["id"],
        alias="TaskStatus",
        hidden={"state_id": "string"},
        attributes={
            "sort": Scalar("integer", default=0),
            "tasks": Many("Task", remote="status_id"),
            "name": Scalar("string"),
            "color": Scalar("string"),
            "is_active": Scalar("boolean", alias="isactive"),
            "state": Ref("State", ("state_id",), alias="statustype"),
            "id": Scalar("string", alias="statusid", default="{uid}"),
        },
    ),
    Type(
        "Appointment",
        table="appointment",
        key=["id"],
        required=["id", "type", "resource_id", "context_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "resource": Ref("Resource", ("resource_id",), alias="appointment_resource"),
            "resource_id": Scalar("string", fk="Resource.id", fmt="foreign_key"),
            "context_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "context": Ref("Context", ("context_id",), alias="appointment_context"),
            "type": Scalar("string"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "ManagerType",
        table="manager_type",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "CalendarEventResource",
        table="calendar_event_resource",
        key=["id"],
        required=["calendar_event_id", "resource_id", "id"],
        immutable=["id"],
        projections=["id", "calendar_event_id", "resource_id"],
        attributes={
            "resource": Ref("Resource", ("resource_id",)),
            "resource_id": Scalar("string", fk="Resource.id", fmt="foreign_key"),
            "calendar_event_id": Scalar(
                "string", fk="CalendarEvent.id", fmt="foreign_key"
            ),
            "created_at": Scalar("string", fmt="date-time"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "calendar_event": Ref("CalendarEvent", ("calendar_event_id",)),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "Membership",
        table="membership",
        key=["id"],
        required=["group_id", "user_id", "id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "user_id": Scalar("string", fk="User.id", fmt="foreign_key"),
            "group_id": Scalar("string", fk="Group.id", fmt="foreign_key"),
            "group": Ref("Group", ("group_id",), alias="membership_group"),
            "id": Scalar("string", default="{uid}"),
            "user": Ref("User", ("user_id",), alias="membership_user"),
        },
    ),
    Type(
        "WorkflowSchemaStatus",
        table="workflow_schema_status",
        key=["workflow_schema_id", "status_id"],
        required=["workflow_schema_id", "status_id"],
        immutable=["workflow_schema_id", "status_id"],
        projections=["workflow_schema_id", "status_id"],
        attributes={
            "workflow_schema_id": Scalar(
                "string", alias="schemeid", fk="WorkflowSchema.id", fmt="foreign_key"
            ),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "User",
        base="Resource",
        key=["id"],
        required=["username", "is_active", "resource_type", "id"],
        immutable=["resource_type", "thumbnail_url", "id"],
        projections=["id"],
        system=["resource_type"],
        computed=["thumbnail_url"],
        hidden={"api_key_hash": "string"},
        attributes={
            "last_name": Scalar("string", alias="lastname"),
            "user_type": Ref("UserType", ("user_type_id",), alias="type"),
            "user_type_id": Scalar(
                None, alias="typeid", fk="UserType.id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
            "timelogs": Many("Timelog", remote="user_id"),
            "is_otp_enabled": Scalar("boolean", alias="otp_enabled"),
            "custom_attributes": Mapped(
                "UserCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "require_details_update": Scalar("boolean"),
            "is_totp_enabled": Scalar("boolean", alias="totp_enabled"),
            "email": Scalar("string"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
            "username": Scalar("string"),
            "user_security_roles": Many(
                "UserSecurityRole", remote="user_id", alias="userRoles"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "is_active": Scalar("boolean", alias="isactive"),
            "first_name": Scalar("string", alias="firstname"),
            "dashboard_resources": Many("DashboardResource", remote="resource_id"),
            "appointments": Many(
                "Appointment", remote="resource_id", alias="resource_appointments"
            ),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "memberships": Many(
                "Membership", remote="user_id", alias="user_memberships"
            ),
            "assignments": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "assignment"},
                alias="resource_assignments",
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "allocations": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "allocation"},
                alias="resource_allocations",
            ),
            "resource_type": Scalar("string", default="user"),
        },
    ),
    Type(
        "ProjectSchemaOverride",
        table="project_schema_override",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="ProjectSchemeOverride",
        attributes={
            "project_schema_id": Scalar(
                "string",
                alias="projectschemeid",
                fk="ProjectSchema.id",
                fmt="foreign_key",
            ),
            "workflow_schema_id": Scalar(
                "string",
                alias="workflowschemeid",
                fk="WorkflowSchema.id",
                fmt="foreign_key",
            ),
            "workflow_schema": Ref(
                "WorkflowSchema", ("workflow_schema_id",), alias="workflowscheme"
            ),
            "id": Scalar("string", alias="overrideid", default="{uid}"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "Recipient",
        table="recipient",
        key=["note_id", "resource_id"],
        required=["note_id", "resource_id"],
        immutable=["note_id", "resource_id"],
        projections=["note_id", "resource_id"],
        attributes={
            "note_id": Scalar("string", fk="Note.id", fmt="foreign_key"),
            "resource_id": Scalar("string", fk="Resource.id", fmt="foreign_key"),
            "text_mentioned": Scalar("string"),
            "note": Ref("Note", ("note_id",), alias="recipient_note"),
            "user": Ref("User", ("resource_id",)),
            "recipient": Ref("Resource", ("resource_id",), alias="recipient_resource"),
        },
    ),
    Type(
        "TypedContextStatusChange",
        base="StatusChange",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "status": Ref("Status", ("status_id",)),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "parent": Ref("TypedContext", ("parent_id",)),
            "status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "parent_type": Scalar("string"),
            "parent_id": Scalar("string"),
            "user": Ref("User", ("user_id",)),
            "from_status": Ref("Status", ("from_status_id",)),
            "date": Scalar("string", fmt="date-time"),
            "from_status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "id": Scalar("string", alias="tracid"),
        },
    ),
    Type(
        "AssetVersionCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value", "project_id"],
        attributes={
            "entity_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "NoteLabel",
        shares="NoteCategory",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="NoteCategory",
        attributes={
            "sort": Scalar("integer", default=0),
            "color": Scalar("string"),
            "id": Scalar("string", alias="categoryid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "CustomConfigurationBase",
        table="custom_configuration_base",
        key=["id"],
        required=["id", "core", "config"],
        immutable=["id"],
        projections=["id"],
        system=["write_permissionid", "permissionid", "topid"],
        alias="RegisterBase",
        attributes={
            "sort": Scalar("integer", default=0, doc="Graphical interface sort order."),
            "core": Scalar(
                "boolean", default=False, doc="Whether a non-alterable builtin."
            ),
            "group_id": Scalar(
                "string",
                alias="groupid",
                fk="CustomAttributeGroup.id",
                fmt="foreign_key",
            ),
            "group": Ref("CustomAttributeGroup", ("group_id",)),
            "object_type_id": Scalar(
                "string",
                alias="entity_key",
                doc="Id of object type attribute applies to.",
            ),
            "entity_type": Scalar(
                "string", alias="entity", doc="The entity type (table name)."
            ),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="object_type"),
            "label": Scalar("string", doc="Display name for attribute."),
            "read_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_read_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="read_roles",
            ),
            "key": Scalar("string", doc="Attribute name unique to entity type."),
            "write_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_write_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="write_roles",
            ),
            "project_id": Scalar(
                "string",
                alias="topid",
                doc="Id of project attribute is configured for.",
            ),
            "config": Scalar("string", doc="JSON blob of relevant menu options."),
            "id": Scalar("string", alias="registerid", default="{uid}"),
        },
    ),
    Type(
        "ProjectSchema",
        table="project_schema",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="ProjectScheme",
        attributes={
            "_task_workflow": Ref(
                "WorkflowSchema", ("task_workflow_schema_id",), alias="taskworkflow"
            ),
            "asset_version_workflow_schema_id": Scalar(
                "string",
                alias="versionworkflowid",
                fk="WorkflowSchema.id",
                fmt="foreign_key",
            ),
            "_schemas": Many("Schema", remote="project_schema_id", alias="schemas"),
            "task_workflow_schema_id": Scalar(
                "string",
                alias="taskworkflowid",
                fk="WorkflowSchema.id",
                fmt="foreign_key",
            ),
            "_overrides": Many(
                "ProjectSchemaOverride", remote="project_schema_id", alias="overrides"
            ),
            "_task_type_schema": Ref(
                "TaskTypeSchema", ("task_type_schema_id",), alias="tasktypescheme"
            ),
            "task_workflow_schema": Ref(
                "WorkflowSchema", ("task_workflow_schema_id",), alias="taskworkflow"
            ),
            "object_types": Many(
                "ObjectType",
                link=(
                    "project_schema_object_type",
                    "project_schema_id",
                    "object_type_id",
                ),
            ),
            "_version_workflow": Ref(
                "WorkflowSchema",
                ("asset_version_workflow_schema_id",),
                alias="versionworkflow",
            ),
            "asset_version_workflow_schema": Ref(
                "WorkflowSchema",
                ("asset_version_workflow_schema_id",),
                alias="versionworkflow",
            ),
            "id": Scalar("string", alias="schemeid", default="{uid}"),
            "task_workflow_schema_overrides": Many(
                "ProjectSchemaOverride", remote="project_schema_id", alias="overrides"
            ),
            "task_type_schema_id": Scalar(
                "string",
                alias="tasktypeschemeid",
                fk="TaskTypeSchema.id",
                fmt="foreign_key",
            ),
            "task_type_schema": Ref(
                "TaskTypeSchema", ("task_type_schema_id",), alias="tasktypescheme"
            ),
            "task_templates": Many(
                "TaskTemplate", remote="project_schema_id", alias="templates"
            ),
            "object_type_schemas": Many(
                "Schema", remote="project_schema_id", alias="schemas"
            ),
            "name": Scalar("string"),
        },
    ),
    Type(
        "TaskTemplate",
        table="task_template",
        key=["id"],
        required=["id", "name", "project_schema_id"],
        immutable=["id"],
        projections=["id", "name"],
        attributes={
            "items": Many("TaskTemplateItem", remote="template_id"),
            "project_schema_id": Scalar(
                "string",
                alias="projectschemeid",
                fk="ProjectSchema.id",
                fmt="foreign_key",
            ),
            "project_schema": Ref(
                "ProjectSchema", ("project_schema_id",), alias="schema"
            ),
            "name": Scalar("string"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "EntitySetting",
        table="entity_setting",
        key=["parent_id", "group", "name"],
        required=["parent_id", "group", "name", "value", "parent_type"],
        immutable=["parent_id", "group", "name"],
        projections=["parent_id", "group", "name", "value", "parent_type"],
        alias="SettingOverride",
        attributes={
            "parent_id": Scalar("string"),
            "parent_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "name": Scalar("string"),
            "value": Scalar("string"),
            "group": Scalar("string"),
        },
    ),
    Type(
        "AssetVersionCustomAttributeLinkFrom",
        shares="CustomAttributeLinkFrom",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "to_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "from_entity_type": Scalar(
                "string", transform={"client": "{schema_id}", "server": "{table_name}"}
            ),
            "asset_version": Ref("AssetVersion", ("to_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "ListCategory",
        table="list_category",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="ListType",
        attributes={
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "lists": Many("List", remote="category_id"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "StatusChange",
        table="status_change",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="Trac",
        attributes={
            "status": Ref("Status", ("status_id",)),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "parent_type": Scalar("string"),
            "parent_id": Scalar("string"),
            "user": Ref("User", ("user_id",)),
            "from_status": Ref("Status", ("from_status_id",)),
            "date": Scalar("string", fmt="date-time"),
            "from_status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "id": Scalar("string", alias="tracid"),
        },
    ),
    Type(
        "Feed",
        table="feed",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="SocialFeed",
        attributes={
            "distance": Scalar("integer", alias="distance", default=0),
            "created_at": Scalar("string", fmt="date-time"),
            "id": Scalar("string", default="{uid}"),
            "relation": Scalar("string", alias="relation"),
            "social_id": Scalar(
                "integer", alias="socialid", fk="Event.social_id", fmt="foreign_key"
            ),
            "cluster_id": Scalar("string", alias="clusterid"),
            "event": Ref("Event", ("social_id",), remote=("id",)),
            "owner_id": Scalar("string", alias="ownerid"),
        },
    ),
    Type(
        "NoteCategory",
        table="note_category",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="NoteCategory",
        attributes={
            "sort": Scalar("integer", default=0),
            "color": Scalar("string"),
            "id": Scalar("string", alias="categoryid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "AssetCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value", "project_id"],
        attributes={
            "entity_id": Scalar("string", fk="Asset.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "AssetVersionLink",
        table="asset_version_link",
        key=["id"],
        required=["id", "from_id", "to_id"],
        immutable=["id"],
        projections=["id", "from_id", "to_id"],
        attributes={
            "from": Ref("AssetVersion", ("from_id",), alias="linked_version"),
            "to_id": Scalar(
                "string", alias="versionid", fk="AssetVersion.id", fmt="foreign_key"
            ),
            "to": Ref("AssetVersion", ("to_id",), alias="version"),
            "from_id": Scalar(
                "string",
                alias="linkedversionid",
                fk="AssetVersion.id",
                fmt="foreign_key",
            ),
            "id": Scalar("string", default="{uid}"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "AssetCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "asset": Ref("Asset", ("from_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "TaskTypeSchema",
        table="task_type_schema",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        alias="TaskTypeScheme",
        attributes={
            "id": Scalar("string", alias="schemeid", default="{uid}"),
            "types": Many(
                "Type", link=("task_type_schema_type", "task_type_schema_id", "type_id")
            ),
            "name": Scalar("string", default="TaskType Schema Name"),
        },
    ),
    Type(
        "TypedContextList",
        base="List",
        key=["id"],
        required=["id", "is_open", "category_id", "project_id"],
        immutable=["type", "id"],
        projections=["id"],
        system=["showid"],
        alias={"id": "List", "classifiers": {"entity": "task"}},
        attributes={
            "category": Ref("ListCategory", ("category_id",), alias="type"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "name": Scalar("string", default=""),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "items": Many(
                "Task",
                link=("list_object", "list_id", "entity_id"),
                alias="_task_items",
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "custom_attributes": Mapped(
                "ListCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"value": "value", "key": "key"},
            ),
            "project": Ref("Project", ("project_id",), alias="show"),
            "owner": Ref("User", ("user_id",), alias="user"),
            "is_open": Scalar("boolean", alias="isopen", default=True),
            "system_type": Scalar(
                "string",
                alias="entity",
                default="task",
                doc="Defines the type of the items this list accepts.",
            ),
            "date": Scalar("string", fmt="date-time"),
            "category_id": Scalar(
                "string", alias="typeid", fk="ListCategory.id", fmt="foreign_key"
            ),
            "id": Scalar("string", alias="listid", default="{uid}"),
        },
    ),
    Type(
        "ContextCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "context": Ref("Context", ("from_id",)),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "AssetVersionStatusChange",
        base="StatusChange",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "status": Ref("Status", ("status_id",)),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "parent": Ref("AssetVersion", ("parent_id",)),
            "status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "parent_type": Scalar("string"),
            "parent_id": Scalar("string"),
            "user": Ref("User", ("user_id",)),
            "from_status": Ref("Status", ("from_status_id",)),
            "date": Scalar("string", fmt="date-time"),
            "from_status_id": Scalar("string", fk="Status.id", fmt="foreign_key"),
            "id": Scalar("string", alias="tracid"),
        },
    ),
    Type(
        "UserSecurityRole",
        table="user_security_role",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id", "user_id", "security_role_id"],
        alias="Auth_UserRole",
        attributes={
            "is_all_open_projects": Scalar("boolean", alias="isallprojects"),
            "user_id": Scalar(
                "string", alias="userid", fk="User.id", fmt="foreign_key"
            ),
            "is_all_projects": Scalar(
                "boolean",
                alias="isallprojects",
                doc=(
                    "This attribute has been "
                    "deprecated, use `is_all_open_projects` attribute instead."
                ),
            ),
            "security_role_id": Scalar(
                "string", alias="roleid", fk="SecurityRole.id", fmt="foreign_key"
            ),
            "user_security_role_projects": Many(
                "UserSecurityRoleProject",
                remote="user_security_role_id",
                alias="user_role_projects",
            ),
            "user": Ref("User", ("user_id",)),
            "security_role": Ref("SecurityRole", ("security_role_id",), alias="role"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "ListObjectCustomAttributeValue",
        shares="CustomAttributeValue",
        key=["configuration_id", "entity_id"],
        required=["configuration_id", "entity_id"],
        immutable=["configuration_id", "entity_id"],
        projections=["configuration_id", "entity_id", "key"],
        system=["entity_id", "key", "_casted_value"],
        attributes={
            "entity_id": Scalar("string", fk="ListObject.id", fmt="foreign_key"),
            "configuration": Ref(
                "CustomAttributeConfiguration", ("configuration_id",), alias="register"
            ),
            "configuration_id": Scalar(
                "string",
                alias="register_id",
                fk="CustomAttributeConfiguration.id",
                fmt="foreign_key",
            ),
            "value": Scalar("variable", alias="casted_value"),
            "key": Scalar("string"),
        },
    ),
    Type(
        "FileComponent",
        base="Component",
        key=["id"],
        required=["system_type", "name", "id"],
        immutable=["id"],
        projections=["id", "system_type"],
        system=["system_type", "version_id"],
        attributes={
            "container": Ref("ContainerComponent", ("container_id",)),
            "name": Scalar("string", default="main"),
            "component_locations": Many("ComponentLocation", remote="component_id"),
            "file_type": Scalar("string", alias="filetype"),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "container_id": Scalar(
                "string", fk="ContainerComponent.id", fmt="foreign_key"
            ),
            "version_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "version": Ref("AssetVersion", ("version_id",)),
            "system_type": Scalar("string"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "id": Scalar(
                "string", default="{uid}", fk="Component.id", fmt="foreign_key"
            ),
            "size": Scalar("integer", default=0),
        },
    ),
    Type(
        "Folder",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "type_id",
            "type",
            "status_id",
            "status",
            "bid",
            "start_date",
            "end_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "3c133785-51cb-11e3-980a-20c9d0831e59"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="3c133785-51cb-11e3-980a-20c9d0831e59",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "Schema",
        table="schema",
        key=["id"],
        required=["id", "type_id", "project_schema_id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "project_schema_id": Scalar(
                "string",
                alias="projectschemeid",
                fk="ProjectSchema.id",
                fmt="foreign_key",
            ),
            "type_id": Scalar(
                "string", alias="typeid", fk="ObjectType.id", fmt="foreign_key"
            ),
            "statuses": Many("SchemaStatus", remote="schema_id"),
            "object_type_id": Scalar(
                "string", alias="typeid", fk="ObjectType.id", fmt="foreign_key"
            ),
            "id": Scalar("string", default="{uid}"),
            "types": Many("SchemaType", remote="schema_id"),
        },
    ),
    Type(
        "CustomAttributeType",
        table="custom_attribute_type",
        key=["id"],
        required=["id", "core"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "form_config": Scalar("string", alias="formconfig"),
            "core": Scalar(
                "boolean", default=False, doc="Whether a non-alterable builtin."
            ),
            "id": Scalar("string", alias="typeid", default="{uid}"),
            "name": Scalar("string", doc="Name of custom attribute type"),
            "custom_attribute_configurations": Many(
                "CustomAttributeConfiguration", remote="type_id", alias="variables"
            ),
        },
    ),
    Type(
        "Component",
        table="component",
        key=["id"],
        required=["system_type", "name", "id"],
        immutable=["id"],
        projections=["id", "system_type"],
        system=["system_type", "version_id"],
        attributes={
            "container": Ref("ContainerComponent", ("container_id",)),
            "name": Scalar("string", default="main"),
            "component_locations": Many("ComponentLocation", remote="component_id"),
            "file_type": Scalar("string", alias="filetype"),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "container_id": Scalar(
                "string", fk="ContainerComponent.id", fmt="foreign_key"
            ),
            "version_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "version": Ref("AssetVersion", ("version_id",)),
            "system_type": Scalar("string"),
            "size": Scalar("integer", default=0),
            "id": Scalar("string", default="{uid}"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"key": "key", "value": "value"},
            ),
        },
    ),
    Type(
        "CustomAttributeLinkConfiguration",
        base="CustomConfigurationBase",
        key=["id"],
        required=["id", "entity_type", "entity_type_to", "core", "config"],
        immutable=["id", "entity_type_to", "object_type_id_to"],
        projections=["id"],
        system=["write_permissionid", "permissionid", "topid"],
        alias="LinkRegister",
        attributes={
            "sort": Scalar("integer", default=0, doc="Graphical interface sort order."),
            "core": Scalar(
                "boolean", default=False, doc="Whether a non-alterable builtin."
            ),
            "group_id": Scalar(
                "string",
                alias="groupid",
                fk="CustomAttributeGroup.id",
                fmt="foreign_key",
            ),
            "group": Ref("CustomAttributeGroup", ("group_id",)),
            "key": Scalar("string", doc="Attribute name unique to entity type."),
            "one_to_one": Scalar("boolean"),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="object_type"),
            "object_type_id_to": Scalar(
                "string", alias="entity_key_to", fk="ObjectType.id", fmt="foreign_key"
            ),
            "entity_type_to": Scalar(
                "string", alias="entity_to", doc="The entity type (table name)."
            ),
            "label": Scalar("string", doc="Display name for attribute."),
            "read_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_read_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="read_roles",
            ),
            "entity_type": Scalar(
                "string", alias="entity", doc="The entity type (table name)."
            ),
            "object_type_id": Scalar(
                "string",
                alias="entity_key",
                doc="Id of object type attribute applies to.",
            ),
            "write_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_write_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="write_roles",
            ),
            "object_type_to": Ref(
                "ObjectType", ("object_type_id_to",), alias="object_type_to"
            ),
            "project_id": Scalar(
                "string",
                alias="topid",
                doc="Id of project attribute is configured for.",
            ),
            "config": Scalar("string", doc="JSON blob of relevant menu options."),
            "id": Scalar("string", alias="registerid", default="{uid}"),
        },
    ),
    Type(
        "SchemaType",
        table="schema_type",
        key=["type_id", "schema_id"],
        required=["type_id", "schema_id"],
        immutable=["type_id", "schema_id"],
        projections=["type_id", "schema_id"],
        attributes={
            "sort": Scalar("integer", default=0),
            "schema_id": Scalar(
                "string", alias="schemaid", fk="Schema.id", fmt="foreign_key"
            ),
            "task_type": Ref("Type", ("type_id",), alias="tasktype"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "SchemaStatus",
        table="schema_status",
        key=["status_id", "schema_id"],
        required=["status_id", "schema_id"],
        immutable=["status_id", "schema_id"],
        projections=["status_id", "schema_id"],
        attributes={
            "sort": Scalar("integer", default=0),
            "schema_id": Scalar(
                "string", alias="schemaid", fk="Schema.id", fmt="foreign_key"
            ),
            "task_status": Ref("Status", ("status_id",), alias="taskstatus"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
        },
    ),
    Type(
        "Resource",
        table="resource",
        key=["id"],
        required=["resource_type", "id"],
        immutable=["id"],
        projections=["id"],
        system=["resource_type"],
        attributes={
            "assignments": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "assignment"},
                alias="resource_assignments",
            ),
            "dashboard_resources": Many("DashboardResource", remote="resource_id"),
            "appointments": Many(
                "Appointment", remote="resource_id", alias="resource_appointments"
            ),
            "allocations": Many(
                "Appointment",
                remote="resource_id",
                where={"type": "allocation"},
                alias="resource_allocations",
            ),
            "id": Scalar("string", default="{uid}"),
            "resource_type": Scalar("string"),
        },
    ),
    Type(
        "SecurityRole",
        table="security_role",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id", "name"],
        alias="Auth_Role",
        attributes={
            "user_security_roles": Many(
                "UserSecurityRole", remote="security_role_id", alias="userRoles"
            ),
            "type": Scalar(
                "string", alias="typeid", fk="SecurityRoleType.id", fmt="foreign_key"
            ),
            "id": Scalar("string", alias="roleid", default="{uid}"),
            "name": Scalar("string"),
        },
    ),
    Type(
        "List",
        table="list",
        key=["id"],
        required=["id", "is_open", "category_id", "project_id"],
        immutable=["id"],
        projections=["id"],
        system=["showid"],
        attributes={
            "category": Ref("ListCategory", ("category_id",), alias="type"),
            "category_id": Scalar(
                "string", alias="typeid", fk="ListCategory.id", fmt="foreign_key"
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "name": Scalar("string", default=""),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "custom_attributes": Mapped(
                "ListCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "project": Ref("Project", ("project_id",), alias="show"),
            "date": Scalar("string", fmt="date-time"),
            "is_open": Scalar("boolean", alias="isopen", default=True),
            "system_type": Scalar(
                "string",
                alias="entity",
                default="task",
                doc="Defines the type of the items this list accepts.",
            ),
            "owner": Ref("User", ("user_id",), alias="user"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "id": Scalar("string", alias="listid", default="{uid}"),
        },
    ),
    Type(
        "ReviewSessionObject",
        table="review_session_object",
        key=["id"],
        required=[
            "name",
            "description",
            "version",
            "version_id",
            "review_session_id",
            "id",
            "created_at",
            "sort_order",
        ],
        immutable=["id"],
        projections=["id"],
        system=["review_session_id"],
        attributes={
            "name": Scalar("string", default=""),
            "notes": Many("Note", remote="parent_id"),
            "description": Scalar("string", default=""),
            "version_id": Scalar("string", fk="AssetVersion.id", fmt="foreign_key"),
            "id": Scalar("string", default="{uid}"),
            "review_session_id": Scalar(
                "string", fk="ReviewSession.id", fmt="foreign_key"
            ),
            "version": Scalar("string", default=""),
            "asset_version": Ref("AssetVersion", ("version_id",), alias="assetVersion"),
            "sort_order": Scalar("number"),
            "created_at": Scalar("string", fmt="date-time"),
            "statuses": Many(
                "ReviewSessionObjectStatus", remote="review_session_object_id"
            ),
            "review_session": Ref(
                "ReviewSession", ("review_session_id",), alias="reviewSession"
            ),
        },
    ),
    Type(
        "CustomAttributeConfiguration",
        base="CustomConfigurationBase",
        key=["id"],
        required=["id", "core", "config"],
        immutable=["id"],
        projections=["id"],
        system=["write_permissionid", "permissionid", "topid"],
        alias="Variable_Register",
        attributes={
            "sort": Scalar("integer", default=0, doc="Graphical interface sort order."),
            "core": Scalar(
                "boolean", default=False, doc="Whether a non-alterable builtin."
            ),
            "group_id": Scalar(
                "string",
                alias="groupid",
                fk="CustomAttributeGroup.id",
                fmt="foreign_key",
            ),
            "group": Ref("CustomAttributeGroup", ("group_id",)),
            "key": Scalar("string", doc="Attribute name unique to entity type."),
            "type_id": Scalar(
                "string", alias="typeid", fk="CustomAttributeType.id", fmt="foreign_key"
            ),
            "default": Scalar(
                "variable",
                alias="casted_default",
                default="",
                doc=(
                    "Default value to use when no "
                    "specific attribute value set on an instance."
                ),
            ),
            "type": Ref("CustomAttributeType", ("type_id",)),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="object_type"),
            "label": Scalar("string", doc="Display name for attribute."),
            "read_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_read_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="read_roles",
            ),
            "entity_type": Scalar(
                "string", alias="entity", doc="The entity type (table name)."
            ),
            "values": Many("CustomAttributeValue", remote="configuration_id"),
            "object_type_id": Scalar(
                "string",
                alias="entity_key",
                doc="Id of object type attribute applies to.",
            ),
            "write_security_roles": Many(
                "SecurityRole",
                link=(
                    "configuration_write_role",
                    "configuration_id",
                    "security_role_id",
                ),
                alias="write_roles",
            ),
            "is_hierarchical": Scalar(
                "boolean",
                alias="ishierarchical",
                default=False,
                doc="Whether overridable at different levels.",
            ),
            "project_id": Scalar(
                "string",
                alias="topid",
                doc="Id of project attribute is configured for.",
            ),
            "config": Scalar("string", doc="JSON blob of relevant menu options."),
            "id": Scalar("string", alias="registerid", default="{uid}"),
        },
    ),
    Type(
        "Context",
        table="context",
        key=["id"],
        required=["context_type", "id", "name"],
        immutable=[
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["context_type"],
        computed=["thumbnail_url"],
        attributes={
            "created_at": Scalar("string", fmt="date-time"),
            "managers": Many("Manager", remote="context_id"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "timelogs": Many("Timelog", remote="context_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "children": Many("Context", remote="parent_id"),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar("string", fk="Project.id", fmt="foreign_key"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "parent": Ref("Context", ("parent_id",)),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "context_type": Scalar("string"),
        },
    ),
    Type(
        "ComponentLocation",
        table="component_location",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        system=["location_id", "component_id"],
        computed=["url"],
        attributes={
            "component_id": Scalar("string", fk="Component.id", fmt="foreign_key"),
            "url": Scalar("object", computed=True),
            "component": Ref("Component", ("component_id",)),
            "resource_identifier": Scalar("string", alias="resourceIdentifier"),
            "location": Ref("Location", ("location_id",)),
            "location_id": Scalar("string", fk="Location.id", fmt="foreign_key"),
            "id": Scalar("string", default="{uid}"),
        },
    ),
    Type(
        "AssetVersionList",
        base="List",
        key=["id"],
        required=["id", "is_open", "category_id", "project_id"],
        immutable=["type", "id"],
        projections=["id"],
        system=["showid"],
        alias={"id": "List", "classifiers": {"entity": "assetversion"}},
        attributes={
            "category": Ref("ListCategory", ("category_id",), alias="type"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "user_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "name": Scalar("string", default=""),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "items": Many(
                "AssetVersion",
                link=("list_object", "list_id", "entity_id"),
                alias="_asset_version_items",
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "custom_attributes": Mapped(
                "ListCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"value": "value", "key": "key"},
            ),
            "project": Ref("Project", ("project_id",), alias="show"),
            "owner": Ref("User", ("user_id",), alias="user"),
            "is_open": Scalar("boolean", alias="isopen", default=True),
            "system_type": Scalar(
                "string",
                alias="entity",
                default="assetversion",
                doc="Defines the type of the items this list accepts.",
            ),
            "date": Scalar("string", fmt="date-time"),
            "category_id": Scalar(
                "string", alias="typeid", fk="ListCategory.id", fmt="foreign_key"
            ),
            "id": Scalar("string", alias="listid", default="{uid}"),
        },
    ),
    Type(
        "Sequence",
        base="TypedContext",
        key=["id"],
        required=[
            "bid",
            "status_id",
            "type_id",
            "priority_id",
            "object_type_id",
            "sort",
            "context_type",
            "id",
            "name",
        ],
        immutable=[
            "object_type_id",
            "object_type",
            "bid_time_logged_difference",
            "time_logged",
            "type_id",
            "type",
            "status_id",
            "status",
            "bid",
            "start_date",
            "end_date",
            "id",
            "_link",
            "link",
            "thumbnail_url",
            "created_by_id",
            "created_by",
            "created_at",
        ],
        projections=["context_type", "id", "name"],
        system=["showid", "context_type"],
        computed=["time_logged", "bid_time_logged_difference", "thumbnail_url"],
        alias={
            "id": "Task",
            "classifiers": {"object_typeid": "e5139355-61da-4c8f-9db4-3abc870166bc"},
        },
        attributes={
            "status": Ref("Status", ("status_id",)),
            "managers": Many("Manager", remote="context_id"),
            "type_id": Scalar(
                "string", alias="typeid", fk="Type.id", fmt="foreign_key"
            ),
            "priority_id": Scalar(
                "string",
                alias="priorityid",
                default="9661b320-3a0c-11e2-81c1-0800200c9a66",
                fk="Priority.id",
                fmt="foreign_key",
            ),
            "status_changes": Many("StatusChange", remote="parent_id"),
            "_link": Scalar(
                "string",
                alias="_api_link",
                doc=(
                    "This attribute has been deprecated, use `link` attribute instead."
                ),
                computed=True,
            ),
            "incoming_links": Many(
                "TypedContextLink", remote="to_id", alias="predecessors"
            ),
            "children": Many("Context", remote="parent_id"),
            "timelogs": Many("Timelog", remote="context_id"),
            "ancestors": Many("TypedContext", tree="ancestors"),
            "parent": Ref("Context", ("parent_id",)),
            "assignments": Many(
                "Appointment",
                remote="context_id",
                where={"type": "assignment"},
                alias="context_assignments",
            ),
            "descendants": Many("TypedContext", tree="descendants"),
            "created_by": Ref("User", ("created_by_id",), alias="createdBy"),
            "id": Scalar("string", default="{uid}"),
            "priority": Ref("Priority", ("priority_id",)),
            "parent_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "project_id": Scalar(
                "string", alias="showid", fk="Project.id", fmt="foreign_key"
            ),
            "type": Ref("Type", ("type_id",)),
            "start_date": Scalar("string", alias="startdate", fmt="date-time"),
            "metadata": Mapped(
                "Metadata",
                remote="parent_id",
                alias="meta",
                kv={"value": "value", "key": "key"},
            ),
            "sort": Scalar("number"),
            "scopes": Many("Scope", link=("context_scope", "context_id", "scope_id")),
            "object_type": Ref("ObjectType", ("object_type_id",), alias="objectType"),
            "description": Scalar("string"),
            "end_date": Scalar("string", alias="enddate", fmt="date-time"),
            "status_id": Scalar(
                "string", alias="statusid", fk="Status.id", fmt="foreign_key"
            ),
            "thumbnail_id": Scalar(
                "string", alias="thumbid", fk="Component.id", fmt="foreign_key"
            ),
            "bid": Scalar("number"),
            "lists": Many(
                "TypedContextList",
                link=("list_object", "entity_id", "list_id"),
                alias="_lists",
            ),
            "appointments": Many(
                "Appointment", remote="context_id", alias="context_appointments"
            ),
            "link": Scalar("string", alias="_api_link", computed=True),
            "time_logged": Scalar("number", computed=True),
            "bid_time_logged_difference": Scalar("number", computed=True),
            "name": Scalar("string", default=""),
            "assets": Many("Asset", remote="context_id"),
            "context_type": Scalar("string"),
            "created_at": Scalar("string", fmt="date-time"),
            "thumbnail": Ref("Component", ("thumbnail_id",)),
            "project": Ref("Project", ("project_id",), alias="show"),
            "custom_attribute_links": Mapped(
                "CustomAttributeLink", remote="from_id", restricted=True
            ),
            "thumbnail_url": Scalar("object", computed=True),
            "object_type_id": Scalar(
                "string",
                alias="object_typeid",
                default="e5139355-61da-4c8f-9db4-3abc870166bc",
                fk="ObjectType.id",
                fmt="foreign_key",
            ),
            "custom_attributes": Mapped(
                "ContextCustomAttributeValue",
                remote="entity_id",
                alias="custom_attribute_values",
                kv={"key": "key", "value": "value"},
            ),
            "created_by_id": Scalar(
                "string", alias="created_by", fk="User.user_id", fmt="foreign_key"
            ),
            "outgoing_links": Many(
                "TypedContextLink", remote="from_id", alias="successors"
            ),
            "custom_attribute_links_from": Mapped(
                "CustomAttributeLinkFrom", remote="to_id", restricted=True
            ),
            "notes": Many("Note", remote="parent_id"),
            "allocations": Many(
                "Appointment",
                remote="context_id",
                where={"type": "allocation"},
                alias="context_allocations",
            ),
        },
    ),
    Type(
        "Manager",
        table="manager",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        attributes={
            "user_id": Scalar(
                "string", alias="userid", fk="User.id", fmt="foreign_key"
            ),
            "type_id": Scalar(
                "string", alias="typeid", fk="ManagerType.id", fmt="foreign_key"
            ),
            "context_id": Scalar("string", fk="Context.id", fmt="foreign_key"),
            "user": Ref("User", ("user_id",)),
            "context": Ref("Context", ("context_id",)),
            "type": Ref("ManagerType", ("type_id",)),
            "id": Scalar("string", alias="managerid", default="{uid}"),
        },
    ),
    Type(
        "GroupCustomAttributeLink",
        shares="CustomAttributeLink",
        key=["id"],
        required=[
            "configuration_id",
            "from_id",
            "to_id",
            "from_entity_type",
            "to_entity_type",
            "id",
        ],
        immutable=["id", "configuration_id"],
        projections=["id", "to_id", "to_entity_type", "configuration_id", "from_id"],
        attributes={
            "group": Ref("Group", ("from_id",)),
            "configuration_id": Scalar(
                "string",
                alias="registerid",
                fk="CustomAttributeLinkConfiguration.id",
                fmt="foreign_key",
            ),
            "to_id": Scalar("string"),
            "configuration": Ref(
                "CustomAttributeLinkConfiguration",
                ("configuration_id",),
                alias="register",
            ),
            "id": Scalar("string", default="{uid}"),
            "from_id": Scalar("string"),
        },
    ),
    Type(
        "SettingComponent",
        table="setting_component",
        key=["component_id", "name", "group"],
        required=["component_id", "name", "group"],
        immutable=["component_id", "name", "group", "thumbnail_url", "url"],
        projections=["component_id", "name", "group"],
        computed=["thumbnail_url", "url"],
        attributes={
            "component_id": Scalar("string", fk="Component.id", fmt="foreign_key"),
            "group": Scalar("string", fk="Setting.group", fmt="foreign_key"),
            "name": Scalar("string", fk="Setting.name", fmt="foreign_key"),
            "url": Scalar("object", computed=True),
            "component": Ref("Component", ("component_id",)),
            "setting": Ref("Setting", ("name", "group"), remote=("name", "group")),
            "thumbnail_url": Scalar("object", computed=True),
        },
    ),
    Type(
        "Dashboard",
        table="dashboard",
        key=["id"],
        required=["id"],
        immutable=["id"],
        projections=["id"],
        system=["typeid"],
        attributes={
            "name": Scalar("string"),
            "created_by": Ref("User", ("created_by_id",), alias="user"),
            "dashboard_resources": Many("DashboardResource", remote="dashboard_id"),
            "widgets": Many("DashboardWidget", remote="dashboard_id"),
            "created_by_id": Scalar(
                "string", alias="userid", fk="User.user_id", fmt="foreign_key"
            ),
            "is_shared_with_everyone": Scalar(
                "boolean", alias="isglobal", default=False
            ),
            "id": Scalar("string", alias="dashboardid", default="{uid}"),
        },
    ),
)
