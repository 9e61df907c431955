"""Structure that keeps the resource identifier the data came from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftrack_api.structure.base import Structure


class OriginStructure(Structure):
    """Return the source resource identifier given in the context."""

    def get_resource_identifier(
        self, entity: Any, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return ``context["source_resource_identifier"]``."""
        if not context or "source_resource_identifier" not in context:
            raise ValueError(
                f"Could not determine a resource identifier for {entity!r}: the "
                "context has no 'source_resource_identifier'."
            )
        return str(context["source_resource_identifier"])
