"""Errors raised inside the embedded backend.

Every error the backend reports to a client is a :class:`BackendError`. The
action dispatcher turns it into the wire error object::

    {"exception": error.exception_name, "content": error.content,
     "error_code": None}

``exception_name`` is the name the real ftrack server uses on the wire (the
client matches on some of them, for example ``DuplicateEntryError``), and
``content`` is a readable sentence that names what was wrong.
"""

from __future__ import annotations

from typing import Any


class BackendError(Exception):
    """Base of every error the embedded backend reports to a client."""

    exception_name = "ServerError"

    def __init__(self, content: str, *, exception_name: str | None = None) -> None:
        super().__init__(content)
        self.content = content
        if exception_name is not None:
            self.exception_name = exception_name

    def to_wire(self) -> dict[str, Any]:
        """Return the wire error object for this error."""
        return {
            "exception": self.exception_name,
            "content": self.content,
            "error_code": None,
        }


class ValidationError(BackendError):
    """Raise when a value, attribute or operation is not valid."""

    exception_name = "ValidationError"


class UnknownEntityTypeError(ValidationError):
    """Raise when an entity type is not in the schema."""

    exception_name = "UnknownEntityTypeError"


class UnknownAttributeError(ValidationError):
    """Raise when an attribute does not exist on an entity type."""

    exception_name = "UnknownAttributeError"


class ImmutableAttributeError(ValidationError):
    """Raise when an update changes an immutable attribute."""

    exception_name = "ImmutableAttributeError"


class MissingRequiredAttributeError(ValidationError):
    """Raise when a required attribute has no value at the end of a batch."""

    exception_name = "MissingRequiredAttributeError"


class NotFoundError(BackendError):
    """Raise when an entity or a referenced row does not exist."""

    exception_name = "NotFoundError"


class DuplicateEntryError(BackendError):
    """Raise when a write would break a uniqueness rule."""

    exception_name = "DuplicateEntryError"


class ParseError(BackendError):
    """Raise when a query expression or a request body cannot be parsed."""

    exception_name = "ParseError"


class InvalidCredentialsError(BackendError):
    """Raise when the API user or key is not valid."""

    exception_name = "InvalidCredentialsError"


class PermissionError(BackendError):  # noqa: A001 - the wire name of the server
    """Raise when an operation is not allowed, e.g. a reserved name."""

    exception_name = "PermissionError"


class InvalidActionError(BackendError):
    """Raise when an action is unknown or not supported."""

    exception_name = "ServerError"

    def __init__(self, action: object) -> None:
        super().__init__(f"Invalid action u'{action}'")
        self.action = action


class StorageError(BackendError):
    """Raise when the database fails in a way no other error describes."""

    exception_name = "ServerError"
