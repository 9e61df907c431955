"""Build entity classes from the server's schemas.

:class:`Factory` turns one schema (a JSON object from ``query_schemas``) into
a class; :class:`StandardFactory` adds the special base classes, the note
and thumbnail mixins and the key/value mapped collections (metadata and
custom attributes). The session calls it from its default handler of
``ftrack.api.session.construct-entity-type``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ftrack_api.attribute
import ftrack_api.entity.base
import ftrack_api.inspection
from ftrack_api.symbol import CREATED, NOT_SET

if TYPE_CHECKING:
    from ftrack_api.collection import KeyValueMappedCollectionProxy
    from ftrack_api.entity.base import Entity
    from ftrack_api.session import Session

logger = logging.getLogger(__name__)

_SCALAR_TYPES = {
    "string": "str",
    "boolean": "bool",
    "integer": "int",
    "number": "float",
    "variable": "variable",
    "object": "dict",
}


def _new_uid(entity: Entity) -> str:
    return str(uuid.uuid4())


class Factory:
    """Make entity classes from schemas."""

    def __init__(self) -> None:
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")

    def create(
        self, schema: dict[str, Any], bases: list[type] | None = None
    ) -> type[Entity]:
        """Return a new class for *schema*, deriving from *bases* (or Entity)."""
        name = str(schema["id"])
        bases = list(bases or []) or [ftrack_api.entity.base.Entity]
        attributes = ftrack_api.attribute.Attributes()
        immutable = set(schema.get("immutable", []))
        computed = set(schema.get("computed", []))
        for attribute_name, fragment in schema.get("properties", {}).items():
            attribute = self._create_attribute(
                attribute_name,
                fragment,
                mutable=attribute_name not in immutable,
                computed=attribute_name in computed,
            )
            if attribute is not None:
                attributes.add(attribute)

        namespace = {
            "entity_type": name,
            "attributes": attributes,
            "primary_key_attributes": list(schema["primary_key"]),
            "default_projections": list(schema.get("default_projections", [])),
        }
        return type(name, tuple(bases), namespace)

    def _create_attribute(
        self, name: str, fragment: dict[str, Any], mutable: bool, computed: bool
    ) -> ftrack_api.attribute.Attribute | None:
        if fragment.get("restricted_projection"):
            return None

        default: Any = fragment.get("default", NOT_SET)
        if default == "{uid}":
            default = _new_uid
        options = {"default_value": default, "mutable": mutable, "computed": computed}
        kind = fragment.get("type")
        if kind is None:
            reference = fragment.get("$ref")
            if reference is None:
                self.logger.debug("Skipping attribute %r without type.", name)
                return None
            return ftrack_api.attribute.ReferenceAttribute(name, reference, **options)
        if kind in _SCALAR_TYPES:
            data_type = _SCALAR_TYPES[kind]
            if kind == "string" and fragment.get("format") == "date-time":
                data_type = "datetime"
            return ftrack_api.attribute.ScalarAttribute(name, data_type, **options)
        if kind == "array":
            return ftrack_api.attribute.CollectionAttribute(name, **options)
        if kind == "mapped_array":
            reference = fragment.get("items", {}).get("$ref")
            if reference is None:
                return None
            return self.create_mapped_collection_attribute(name, reference, options)
        self.logger.debug("Skipping attribute %r of type %r.", name, kind)
        return None

    def create_mapped_collection_attribute(
        self, name: str, reference: str, options: dict[str, Any]
    ) -> ftrack_api.attribute.Attribute | None:
        """Return a mapped collection attribute; the base factory makes none."""
        return None


def _create_metadata(
    proxy: KeyValueMappedCollectionProxy, data: dict[str, Any]
) -> Entity:
    owner = proxy.collection.entity
    session = owner.session
    return session.create(
        "Metadata",
        {
            "key": data["key"],
            "value": data["value"],
            "parent_id": owner["id"],
            "parent_type": owner.entity_type,
        },
    )


def _owner_project_id(owner: Entity) -> tuple[str, Any]:
    """Return the configuration kind of *owner* and its project id."""
    entity_type = owner.entity_type
    if "object_type_id" in owner.attributes.keys() and entity_type != "Project":
        return "task", owner["project_id"]
    if entity_type == "AssetVersion":
        return "assetversion", owner["asset"]["parent"]["project_id"]
    if entity_type == "Asset":
        return "asset", owner["parent"]["project_id"]
    if entity_type == "Project":
        return "show", owner["id"]
    if entity_type == "User":
        return "user", None
    if entity_type in ("TypedContextList", "AssetVersionList", "List"):
        return "list", owner["project_id"]
    raise ValueError(
        f"Entity {owner!r} of type {entity_type!r} has no custom attributes."
    )


def _configurations(session: Session) -> list[Any]:
    cached = session._custom_attribute_configurations
    if cached is None:
        cached = session.query(
            "select key, project_id, id, object_type_id, entity_type, "
            "is_hierarchical from CustomAttributeConfiguration"
        ).all()
        session._custom_attribute_configurations = cached
    return list(cached)


def applicable_configurations(owner: Entity) -> list[Any]:
    """Return the custom attribute configurations that apply to *owner*."""
    kind, project_id = _owner_project_id(owner)
    object_type_id = owner["object_type_id"] if kind == "task" else None
    matches = []
    for configuration in _configurations(owner.session):
        if configuration["project_id"] not in (None, project_id):
            continue
        if configuration["entity_type"] == kind and (
            kind != "task" or configuration["object_type_id"] == object_type_id
        ):
            matches.append(configuration)
        elif configuration["is_hierarchical"] and kind in (
            "task",
            "asset",
            "assetversion",
            "show",
        ):
            matches.append(configuration)
    matches.sort(key=lambda configuration: configuration["project_id"] is None)
    return matches


def _custom_attribute_creator(
    value_type: str,
) -> Callable[[KeyValueMappedCollectionProxy, dict[str, Any]], Entity]:
    def create(proxy: KeyValueMappedCollectionProxy, data: dict[str, Any]) -> Entity:
        owner = proxy.collection.entity
        key = data["key"]
        if ftrack_api.inspection.state(owner) is not CREATED:
            raise KeyError(
                f"Custom attribute {key!r} does not exist on {owner!r}; keys of a "
                "persisted entity come from the server."
            )
        for configuration in applicable_configurations(owner):
            if configuration["key"] == key:
                break
        else:
            raise ValueError(
                f"No custom attribute configuration with key {key!r} applies to "
                f"{owner!r}."
            )
        session = owner.session
        value_entity = session.create(
            value_type,
            {
                "key": key,
                "configuration_id": configuration["id"],
                "entity_id": owner["id"],
            },
            reconstructing=True,
        )
        value_entity["value"] = data["value"]
        return value_entity

    return create


class StandardFactory(Factory):
    """Make entity classes with the special bases and mixins of ftrack."""

    def create(
        self, schema: dict[str, Any], bases: list[type] | None = None
    ) -> type[Entity]:
        """Return a new class for *schema* with its special bases and mixins."""
        special = _special_bases(str(schema["id"]))
        all_bases = special + list(bases or [])
        entity_class = ftrack_api.entity.base.Entity
        if not any(issubclass(base, entity_class) for base in all_bases):
            all_bases.append(entity_class)
        properties = schema.get("properties", {})
        all_bases.extend(_mixins(properties))
        return super().create(schema, bases=all_bases)

    def create_mapped_collection_attribute(
        self, name: str, reference: str, options: dict[str, Any]
    ) -> ftrack_api.attribute.Attribute | None:
        """Return the metadata or custom attribute mapping for *reference*."""
        if reference == "Metadata":
            return ftrack_api.attribute.KeyValueMappedCollectionAttribute(
                name, _create_metadata, "key", "value", **options
            )
        if reference.endswith("CustomAttributeValue") and reference != (
            "CustomAttributeValue"
        ):
            return ftrack_api.attribute.KeyValueMappedCollectionAttribute(
                name, _custom_attribute_creator(reference), "key", "value", **options
            )
        self.logger.debug("Skipping mapped collection %r of %r.", name, reference)
        return None


def _special_bases(name: str) -> list[type]:
    if name == "ProjectSchema":
        from ftrack_api.entity.project_schema import ProjectSchema

        return [ProjectSchema]
    if name == "Location":
        from ftrack_api.entity.location import Location

        return [Location]
    if name == "AssetVersion":
        from ftrack_api.entity.asset_version import AssetVersion

        return [AssetVersion]
    if name.endswith("Component"):
        from ftrack_api.entity.component import Component

        return [Component]
    return _other_special_bases(name)


def _other_special_bases(name: str) -> list[type]:
    if name == "Note":
        from ftrack_api.entity.note import Note

        return [Note]
    if name == "Job":
        from ftrack_api.entity.job import Job

        return [Job]
    if name == "User":
        from ftrack_api.entity.user import User

        return [User]
    return []


def _mixins(properties: dict[str, Any]) -> list[type]:
    mixins: list[type] = []
    if "notes" in properties:
        from ftrack_api.entity.note import CreateNoteMixin

        mixins.append(CreateNoteMixin)
    if "thumbnail_id" in properties:
        from ftrack_api.entity.component import CreateThumbnailMixin

        mixins.append(CreateThumbnailMixin)
    return mixins
