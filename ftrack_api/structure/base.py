"""The interface every structure implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

import ftrack_api.symbol


class Structure(ABC):
    """Decide the resource identifier of each entity stored in a location."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.path_separator = "/"

    @abstractmethod
    def get_resource_identifier(
        self, entity: Any, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return the resource identifier for *entity*.

        *context* may hold ``source_resource_identifier``: where the data
        comes from.
        """

    def _get_sequence_expression(self, sequence: Any) -> str:
        """Return the printf-style frame expression of *sequence* (``%04d``)."""
        padding = sequence["padding"]
        if padding:
            return f"%0{padding}d"
        return "%d"


def container_of(component: Any) -> Any:
    """Return the container of *component*, or ``None`` when it has none."""
    if "container" not in component.keys():
        return None
    container = component["container"]
    if container is ftrack_api.symbol.NOT_SET or not container:
        return None
    return container


def file_type_of(component: Any) -> str:
    """Return the file type of *component* (``.exr``), or ``""`` when unset."""
    file_type = component.get("file_type") if "file_type" in component.keys() else ""
    if not file_type or file_type is ftrack_api.symbol.NOT_SET:
        return ""
    return str(file_type)
