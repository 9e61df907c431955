"""Operations recorded by a session between commits.

Creating an entity, changing one of its attributes and deleting it each push
an operation onto the session's :class:`Operations` stack; ``commit`` turns
the stack into one batch of server actions.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from ftrack_api.symbol import CREATED, DELETED, MODIFIED, NOT_SET, Symbol


class Operation:
    """Base of every recorded operation."""

    __slots__ = ()

    entity_type: str
    entity_key: dict[str, str]

    def identity_key(self) -> tuple[str, tuple[str, ...]]:
        """Return a hashable identity of the entity the operation touches."""
        return (self.entity_type, tuple(self.entity_key.values()))


class CreateEntityOperation(Operation):
    """Record that an entity was created with *entity_data*."""

    __slots__ = ("entity_type", "entity_key", "entity_data")

    def __init__(
        self,
        entity_type: str,
        entity_key: Mapping[str, str],
        entity_data: Mapping[str, Any],
    ) -> None:
        self.entity_type = entity_type
        self.entity_key = dict(entity_key)
        self.entity_data = {
            name: copy.copy(value) for name, value in entity_data.items()
        }

    def __repr__(self) -> str:
        return f"<CreateEntityOperation {self.entity_type} {self.entity_key}>"


class UpdateEntityOperation(Operation):
    """Record that *attribute_name* of an entity changed to *new_value*."""

    __slots__ = (
        "entity_type",
        "entity_key",
        "attribute_name",
        "old_value",
        "new_value",
    )

    def __init__(
        self,
        entity_type: str,
        entity_key: Mapping[str, str],
        attribute_name: str,
        old_value: Any,
        new_value: Any,
    ) -> None:
        self.entity_type = entity_type
        self.entity_key = dict(entity_key)
        self.attribute_name = attribute_name
        self.old_value = copy.copy(old_value)
        self.new_value = copy.copy(new_value)

    def __repr__(self) -> str:
        return (
            f"<UpdateEntityOperation {self.entity_type} {self.entity_key} "
            f"{self.attribute_name}>"
        )


class DeleteEntityOperation(Operation):
    """Record that an entity was deleted."""

    __slots__ = ("entity_type", "entity_key")

    def __init__(self, entity_type: str, entity_key: Mapping[str, str]) -> None:
        self.entity_type = entity_type
        self.entity_key = dict(entity_key)

    def __repr__(self) -> str:
        return f"<DeleteEntityOperation {self.entity_type} {self.entity_key}>"


def _next_state(current: Symbol, operation: Operation) -> Symbol:
    if isinstance(operation, DeleteEntityOperation):
        return DELETED
    if isinstance(operation, CreateEntityOperation):
        return CREATED if current is NOT_SET else current
    if isinstance(operation, UpdateEntityOperation) and current is NOT_SET:
        return MODIFIED
    return current


class Operations:
    """A thread-safe stack of operations that also tracks each entity's state.

    The state of an entity (CREATED, MODIFIED, DELETED) is kept up to date as
    operations are pushed, so inspecting it costs one dictionary lookup rather
    than a walk over every recorded operation.
    """

    def __init__(self) -> None:
        self._stack: list[Operation] = []
        self._states: dict[tuple[str, tuple[str, ...]], Symbol] = {}
        self._lock = threading.RLock()

    def push(self, operation: Operation) -> None:
        """Push *operation* on top of the stack."""
        with self._lock:
            self._stack.append(operation)
            key = operation.identity_key()
            self._states[key] = _next_state(self._states.get(key, NOT_SET), operation)

    def pop(self) -> Operation:
        """Remove and return the operation on top of the stack."""
        with self._lock:
            operation = self._stack.pop()
            self._recompute_state(operation.identity_key())
            return operation

    def clear(self) -> None:
        """Remove every operation."""
        with self._lock:
            self._stack.clear()
            self._states.clear()

    def take(self) -> list[Operation]:
        """Remove and return every operation, oldest first."""
        with self._lock:
            taken = self._stack
            self._stack = []
            self._states.clear()
            return taken

    def restore(self, operations: list[Operation]) -> None:
        """Put *operations* back below the ones recorded since they were taken."""
        with self._lock:
            newer = self._stack
            self._stack = []
            self._states.clear()
            for operation in [*operations, *newer]:
                self.push(operation)

    def states(self) -> dict[tuple[str, tuple[str, ...]], Symbol]:
        """Return a copy of the state of every entity with recorded operations."""
        with self._lock:
            return dict(self._states)

    def state(self, identity_key: tuple[str, tuple[str, ...]]) -> Symbol:
        """Return the state that the recorded operations give *identity_key*."""
        return self._states.get(identity_key, NOT_SET)

    def snapshot(self) -> list[Operation]:
        """Return a list copy of the recorded operations, oldest first."""
        with self._lock:
            return list(self._stack)

    def _recompute_state(self, key: tuple[str, tuple[str, ...]]) -> None:
        state: Symbol = NOT_SET
        for operation in self._stack:
            if operation.identity_key() == key:
                state = _next_state(state, operation)
        if state is NOT_SET:
            self._states.pop(key, None)
        else:
            self._states[key] = state

    def __len__(self) -> int:
        return len(self._stack)

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.snapshot())
