"""The ProjectSchema entity class."""

from __future__ import annotations

from typing import Any

from ftrack_api.entity.base import Entity


class ProjectSchema(Entity):
    """A project's workflow schema: which statuses and types apply where."""

    def get_statuses(self, schema: str, type_id: str | None = None) -> list[Any]:
        """Return the statuses of *schema* (an entity type name) in this project.

        For ``Task``, *type_id* picks a type-specific override when one exists.
        """
        if schema == "Task":
            return self._task_statuses(type_id)
        if schema == "AssetVersion":
            return list(self["_version_workflow"]["statuses"])
        return self._object_statuses(schema)

    def _task_statuses(self, type_id: str | None) -> list[Any]:
        if type_id is not None:
            for override in self["_overrides"]:
                if override["type_id"] == type_id:
                    return list(override["workflow_schema"]["statuses"])
        return list(self["_task_workflow"]["statuses"])

    def _object_statuses(self, schema: str) -> list[Any]:
        schema_id = self._object_schema_id(schema)
        result = self.session.query(
            f"select task_status from SchemaStatus where schema_id is {schema_id}"
        )
        return [item["task_status"] for item in result]

    def _object_schema_id(self, schema: str) -> str:
        entity_class = self.session.types.get(schema)
        attribute = (
            entity_class.attributes.get("object_type_id") if entity_class else None
        )
        if attribute is None:
            raise ValueError(f"No statuses or types for schema {schema!r}.")
        object_type_id = attribute.default_value
        for item in self["_schemas"]:
            if item["type_id"] == object_type_id:
                return str(item["id"])
        raise ValueError(f"No schema for {schema!r} in project schema {self!r}.")

    def get_types(self, schema: str) -> list[Any]:
        """Return the types of *schema* (an entity type name) in this project."""
        if schema == "Task":
            return list(self["_task_type_schema"]["types"])
        schema_id = self._object_schema_id(schema)
        result = self.session.query(
            f"select task_type from SchemaType where schema_id is {schema_id}"
        )
        return [item["task_type"] for item in result]
