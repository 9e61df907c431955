"""The AssetVersion entity class."""

from __future__ import annotations

from typing import Any

from ftrack_api.entity.base import Entity


class AssetVersion(Entity):
    """An asset version, able to publish components and encode media."""

    def create_component(
        self, path: str, data: dict[str, Any] | None = None, location: Any = None
    ) -> Any:
        """Create a component of this version from *path*.

        Unlike :meth:`Session.create_component`, *location* defaults to None
        (register in the origin location only).
        """
        data = dict(data or {})
        data.pop("version_id", None)
        data["version"] = self
        return self.session.create_component(path, data=data, location=location)

    def encode_media(self, media: Any, keep_original: Any = "auto") -> Any:
        """Encode *media* for web review as components of this version."""
        return self.session.encode_media(
            media, version_id=self["id"], keep_original=keep_original
        )
