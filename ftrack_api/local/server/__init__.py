"""The HTTP and event server of ``ftrack-api serve``, over the embedded backend."""

from ftrack_api.local.server.app import create_app

__all__ = ["create_app"]
