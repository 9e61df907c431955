"""Embedded backend: answer the ftrack JSON API from SQLite or PostgreSQL.

``Backend.open(url)`` gives the backend of a database URL (``sqlite:///x.db``,
``sqlite://`` in memory, ``postgresql://...``); ``Backend.call(operations)``
runs one batch of JSON API operations in one transaction.
"""

from __future__ import annotations

from ftrack_api.local.backend import Backend

__all__ = ["Backend"]
