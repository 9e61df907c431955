"""Structure that spreads components over folders named after their ids."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftrack_api.structure.base import Structure, container_of, file_type_of


class IdStructure(Structure):
    """Place each component under ``c/0/c/1/<rest of id>`` of its id.

    The first four characters of the id become four folder levels, so no
    folder grows past 16 entries per level. A file alone is
    ``a/b/c/d/<id[4:]><file type>``, a sequence
    ``a/b/c/d/<id[4:]>/file.%04d<file type>`` and its members
    ``…/file.0001<file type>``, a container a folder.
    """

    def get_resource_identifier(
        self, entity: Any, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return the resource identifier of the component *entity*."""
        entity_type = entity.entity_type
        container = container_of(entity)
        if entity_type == "FileComponent" and container is not None:
            path = self._member_path(entity, container)
        elif entity_type == "FileComponent":
            path = self._join(*self._id_parts(entity)) + file_type_of(entity)
        elif entity_type == "SequenceComponent":
            name = f"file.{self._get_sequence_expression(entity)}"
            path = self._join(*self._id_parts(entity), name + file_type_of(entity))
        elif entity_type == "ContainerComponent":
            path = self._join(*self._id_parts(entity))
        else:
            raise NotImplementedError(
                f"Cannot generate a resource identifier for {entity_type!r}."
            )
        return path.strip(self.path_separator)

    def _member_path(self, entity: Any, container: Any) -> str:
        container_path = self.get_resource_identifier(container)
        if container.entity_type == "SequenceComponent":
            folder = container_path.rsplit(self.path_separator, 1)[0]
            return self._join(folder, f"file.{entity['name']}{file_type_of(entity)}")
        return self._join(container_path, f"{entity['id']}{file_type_of(entity)}")

    def _id_parts(self, entity: Any) -> list[str]:
        identifier = str(entity["id"])
        return [self.prefix.strip(self.path_separator), *identifier[:4], identifier[4:]]

    def _join(self, *parts: str) -> str:
        return self.path_separator.join(part for part in parts if part)
