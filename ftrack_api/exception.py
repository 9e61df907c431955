"""Errors raised by the SDK, one family per subsystem.

Error
├── AuthenticationError
├── ServerError
│   └── ServerCompatibilityError
├── NotFoundError
├── NotUniqueError
├── IncorrectResultError
│   ├── NoResultFoundError
│   └── MultipleResultsFoundError
├── EntityTypeError
│   └── UnrecognisedEntityTypeError
├── OperationError
├── InvalidStateError
│   └── InvalidStateTransitionError
├── AttributeError
│   └── ImmutableAttributeError
├── CollectionError
│   ├── ImmutableCollectionError
│   └── DuplicateItemInCollectionError
├── ParseError
├── EventHubError
│   ├── EventHubConnectionError
│   └── EventHubPacketError
├── PermissionDeniedError
├── LocationError
│   ├── ComponentNotInAnyLocationError
│   ├── ComponentNotInLocationError
│   └── ComponentInLocationError
├── AccessorError
│   ├── AccessorOperationFailedError
│   │   ├── AccessorUnsupportedOperationError
│   │   └── AccessorPermissionDeniedError
│   ├── AccessorResourceIdentifierError
│   │   └── AccessorFilesystemPathError
│   └── AccessorResourceError
│       ├── AccessorResourceNotFoundError
│       ├── AccessorParentResourceNotFoundError
│       ├── AccessorResourceInvalidError
│       └── AccessorContainerNotEmptyError
├── StructureError
└── ConnectionClosedError

The names and the tree are those of the official client, so that existing
``except`` clauses keep working.
"""

from __future__ import annotations

import builtins
import traceback
from collections.abc import Iterable, Mapping
from typing import Any


class Error(Exception):
    """Base of every error the SDK raises."""

    default_message = "Unspecified error occurred."

    def __init__(
        self, message: str | None = None, details: Mapping[str, Any] | None = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.details = dict(details) if details else {}
        self.traceback = traceback.format_exc()
        super().__init__(self.message)

    def __str__(self) -> str:
        try:
            return self.message.format(**self.details)
        except (KeyError, IndexError, ValueError):
            return self.message


class AuthenticationError(Error):
    """Raise when authentication with the server fails."""

    default_message = "Authentication failed."


class ServerError(Error):
    """Raise when the server reports an error or answers in a form we cannot read."""

    default_message = "Server reported error processing request."


class ServerCompatibilityError(ServerError):
    """Raise when the server does not support a version or an action."""

    default_message = "Server incompatible."


class NotFoundError(Error):
    """Raise when something looked up is not there."""

    default_message = "Not found."


class NotUniqueError(Error):
    """Raise when something that must be unique is not."""

    default_message = "Non-unique value detected."


class IncorrectResultError(Error):
    """Raise when a result has the wrong shape."""

    default_message = "Incorrect result detected."


class NoResultFoundError(IncorrectResultError):
    """Raise when a result was expected but none was found."""

    default_message = "Expected result, but no result was found."


class MultipleResultsFoundError(IncorrectResultError):
    """Raise when one result was expected but several were found."""

    default_message = "Expected single result, but received multiple results."


class EntityTypeError(Error):
    """Raise when an entity type is wrong."""

    default_message = "Entity type error."


class UnrecognisedEntityTypeError(EntityTypeError):
    """Raise when an entity type is not in the schemas."""

    default_message = 'Entity type "{entity_type}" not recognised.'

    def __init__(self, entity_type: str, **kw: Any) -> None:
        details = {"entity_type": entity_type}
        super().__init__(details=details, **kw)


class OperationError(Error):
    """Raise when an operation fails."""

    default_message = "Operation error."


class InvalidStateError(Error):
    """Raise when an entity is in a state that does not allow an action."""

    default_message = "Invalid state."


class InvalidStateTransitionError(InvalidStateError):
    """Raise when an entity cannot move from one state to another."""

    default_message = (
        "Invalid transition from {current_state!r} to {target_state!r} state "
        "for entity {entity!r}"
    )

    def __init__(
        self, current_state: Any, target_state: Any, entity: Any, **kw: Any
    ) -> None:
        details = {
            "current_state": current_state,
            "target_state": target_state,
            "entity": entity,
        }
        super().__init__(details=details, **kw)


class AttributeError(Error):  # noqa: A001 - official name, shadows the builtin
    """Raise when an entity attribute is misused."""

    default_message = "Attribute error."


class ImmutableAttributeError(AttributeError):
    """Raise when an immutable attribute that already has a value is set."""

    default_message = "Cannot modify value of immutable {attribute.name!r} attribute."

    def __init__(self, attribute: Any, **kw: Any) -> None:
        super().__init__(details={"attribute": attribute}, **kw)


class CollectionError(Error):
    """Raise when a collection is misused."""

    default_message = "Collection error."

    def __init__(self, collection: Any, **kw: Any) -> None:
        details = dict(kw.pop("details", None) or {})
        details["collection"] = collection
        super().__init__(details=details, **kw)


class ImmutableCollectionError(CollectionError):
    """Raise when an immutable collection is changed."""

    default_message = "Cannot modify value of immutable collection {collection!r}."


class DuplicateItemInCollectionError(CollectionError):
    """Raise when an item is added to a collection that already holds it."""

    default_message = "Item {item!r} already exists in collection {collection!r}."

    def __init__(self, item: Any, collection: Any, **kw: Any) -> None:
        super().__init__(collection, details={"item": item}, **kw)


class ParseError(Error):
    """Raise when an expression cannot be parsed."""

    default_message = "Failed to parse."


class EventHubError(Error):
    """Raise on an event hub failure."""

    default_message = "Event hub error occurred."


class EventHubConnectionError(EventHubError):
    """Raise when the event hub cannot connect or is not connected."""

    default_message = "Event hub is not connected."


class EventHubPacketError(EventHubError):
    """Raise when an event hub packet cannot be read."""

    default_message = "Invalid packet."


class PermissionDeniedError(Error):
    """Raise when the server denies an action."""

    default_message = "Permission denied."


def _format_components(components: Iterable[Any]) -> str:
    parts = []
    for component in components:
        try:
            parts.append(f"{component['id']}")
        except (KeyError, TypeError, builtins.AttributeError):
            parts.append(repr(component))
    return ", ".join(parts)


class LocationError(Error):
    """Raise on a location failure."""

    default_message = "Unspecified location error"


class ComponentNotInAnyLocationError(LocationError):
    """Raise when a component is in no location."""

    default_message = "Component not available in any location."


class _ComponentLocationError(LocationError):
    def __init__(self, components: Any, location: Any, **kw: Any) -> None:
        if not isinstance(components, (list, tuple)):
            components = [components]
        details = {
            "components": components,
            "formatted_components": _format_components(components),
            "location": location,
        }
        super().__init__(details=details, **kw)


class ComponentNotInLocationError(_ComponentLocationError):
    """Raise when components are not in a location."""

    default_message = (
        "Component(s) {formatted_components} not found in location {location}."
    )


class ComponentInLocationError(_ComponentLocationError):
    """Raise when components are already in a location."""

    default_message = (
        "Component(s) {formatted_components} already exist in location {location}."
    )


class AccessorError(Error):
    """Raise on an accessor failure."""

    default_message = "Unspecified accessor error"


class _AccessorOperationDetailsError(AccessorError):
    """Carry the operation, resource identifier and error of an accessor call."""

    def __init__(
        self,
        operation: str = "",
        resource_identifier: str | None = None,
        error: Any = None,
        **kw: Any,
    ) -> None:
        details = {
            "operation": operation,
            "resource_identifier": resource_identifier,
            "error": error,
        }
        super().__init__(details=details, **kw)


class AccessorOperationFailedError(_AccessorOperationDetailsError):
    """Raise when an accessor operation fails."""

    default_message = "Operation {operation} failed: {error}"


class AccessorUnsupportedOperationError(AccessorOperationFailedError):
    """Raise when an accessor does not support an operation."""

    default_message = "Operation {operation} unsupported."


class AccessorPermissionDeniedError(AccessorOperationFailedError):
    """Raise when an accessor is denied an operation."""

    default_message = "Cannot {operation} {resource_identifier}. Permission denied."


class AccessorResourceIdentifierError(AccessorError):
    """Raise when a resource identifier is invalid."""

    default_message = "{resource_identifier} is not a valid resource identifier."

    def __init__(self, resource_identifier: str, **kw: Any) -> None:
        super().__init__(details={"resource_identifier": resource_identifier}, **kw)


class AccessorFilesystemPathError(AccessorResourceIdentifierError):
    """Raise when a resource identifier does not map to a filesystem path."""

    default_message = "Could not determine filesystem path from resource identifier"


class AccessorResourceError(_AccessorOperationDetailsError):
    """Raise when a resource cannot be used."""

    default_message = "Unspecified resource error: {resource_identifier}"


class AccessorResourceNotFoundError(AccessorResourceError):
    """Raise when a resource does not exist."""

    default_message = "Resource not found: {resource_identifier}"


class AccessorParentResourceNotFoundError(AccessorResourceError):
    """Raise when the parent of a resource does not exist."""

    default_message = "Parent resource is missing: {resource_identifier}"


class AccessorResourceInvalidError(AccessorResourceError):
    """Raise when a resource is not the right kind for an operation."""

    default_message = "Resource invalid: {resource_identifier}"


class AccessorContainerNotEmptyError(AccessorResourceError):
    """Raise when a container resource is not empty."""

    default_message = "Container is not empty: {resource_identifier}"


class StructureError(Error):
    """Raise when a structure cannot compute a resource identifier."""

    default_message = "Structure error."


class ConnectionClosedError(Error):
    """Raise when a closed session is used."""

    default_message = "Connection closed."
