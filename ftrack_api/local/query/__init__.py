"""The ftrack query language, answered from the embedded backend's database.

``parse(expression)`` turns query text into a cached syntax tree;
``execute(connection, model, expression)`` runs it and returns the wire
reply of the ``query`` action.
"""

from __future__ import annotations

from ftrack_api.local.query.parser import parse

__all__ = ["parse"]
