"""The default resource identifier transformer, which changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ResourceIdentifierTransformer:
    """Transform resource identifiers between their stored and usable forms.

    A location encodes a resource identifier before storing it on the server
    (the ``ComponentLocation``) and decodes it after reading it back. Subclass
    to, for example, store paths relative to a mount point that differs from
    one platform to another. The context holds the ``component``.
    """

    def __init__(self, session: Any) -> None:
        self.session = session

    def encode(
        self, resource_identifier: str, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return *resource_identifier* in the form to store."""
        return resource_identifier

    def decode(
        self, resource_identifier: str, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return the stored *resource_identifier* in the form to use."""
        return resource_identifier
