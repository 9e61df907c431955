"""Structure that uses the entity id as resource identifier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftrack_api.structure.base import Structure


class EntityIdStructure(Structure):
    """Return the entity's id (used by ``ftrack.server``)."""

    def get_resource_identifier(
        self, entity: Any, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return ``entity["id"]``."""
        return str(entity["id"])
