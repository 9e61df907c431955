"""The Component entity class and the thumbnail mixin."""

from __future__ import annotations

from typing import Any

import ftrack_api.symbol
from ftrack_api.entity.base import Entity


class Component(Entity):
    """A piece of data (a file, a sequence, a container) of a version or other."""

    def get_availability(self, locations: Any = None) -> dict[str, float]:
        """Return ``{location id: percent present}`` for this component."""
        result: dict[str, float] = self.session.get_component_availability(
            self, locations=locations
        )
        return result


class CreateThumbnailMixin:
    """Give an entity with a ``thumbnail_id`` a ``create_thumbnail`` method."""

    def create_thumbnail(self, path: str, data: dict[str, Any] | None = None) -> Any:
        """Upload the image at *path* to ``ftrack.server`` as this entity's thumbnail.

        Commits the session, as the official client does.
        """
        data = dict(data or {})
        data.setdefault("name", "thumbnail")
        session = self.session  # type: ignore[attr-defined]
        thumbnail = session.create_component(path, data, location=None)
        origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
        server = session.get("Location", ftrack_api.symbol.SERVER_LOCATION_ID)
        server.add_component(thumbnail, origin)
        self["thumbnail_id"] = thumbnail["id"]  # type: ignore[index]
        session.commit()
        return thumbnail
