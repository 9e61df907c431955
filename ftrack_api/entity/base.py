"""The base class of every entity.

An entity is a mutable mapping from attribute names to values. Its class is
built from the server's schema by :mod:`ftrack_api.entity.factory`; values
live in two per-entity dictionaries (``_local`` for uncommitted changes,
``_remote`` for what the server last said), see :mod:`ftrack_api.attribute`.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import Iterator, Mapping, MutableMapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.attribute import Attributes
from ftrack_api.operation import CreateEntityOperation
from ftrack_api.symbol import NOT_SET

if TYPE_CHECKING:
    from ftrack_api.session import Session


# Shared by every entity without local changes; replaced by a real dict on
# the first write (see Entity._writable_local), saving a dict per entity.
NO_LOCAL_VALUES: Mapping[str, Any] = MappingProxyType({})


class DynamicEntityTypeMetaclass(abc.ABCMeta):
    """Metaclass of entity classes, showing them as dynamic ftrack classes."""

    def __repr__(cls) -> str:
        return f"<dynamic ftrack class {cls.__name__!r}>"


class _EntityBase(metaclass=DynamicEntityTypeMetaclass):
    """Common base shared by entities and mixins that need the same metaclass."""

    __slots__ = ()

    entity_type: str = "Entity"


class Entity(_EntityBase, MutableMapping[str, Any]):
    """An ftrack entity: a mapping of attribute names to values."""

    __slots__ = ("session", "_local", "_remote", "__weakref__")

    entity_type = "Entity"
    attributes: Attributes = Attributes()
    primary_key_attributes: list[str] = []
    default_projections: list[str] = []

    def __init__(
        self,
        session: Session,
        data: dict[str, Any] | None = None,
        reconstructing: bool = False,
    ) -> None:
        """Build an entity of *session* from *data*.

        A new entity (``reconstructing=False``) gets attribute defaults and
        records a create operation; a reconstructed one takes *data* as the
        server's values and records nothing.
        """
        self.session = session
        self._local: Mapping[str, Any] = NO_LOCAL_VALUES
        self._remote: dict[str, Any] = {}
        data = dict(data or {})
        data.pop("__entity_type__", None)
        if reconstructing:
            self._reconstruct(data)
        else:
            self._construct(data)

    def _writable_local(self) -> dict[str, Any]:
        """Return the dict of local values, making it on the first write."""
        local = self._local
        if type(local) is not dict:
            local = self._local = {}
        return local

    @property
    def logger(self) -> logging.Logger:
        """Return the logger of this entity class."""
        return logging.getLogger(f"{__name__}.{type(self).__name__}")

    def _reconstruct(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            attribute = self.attributes.get(key)
            if attribute is not None:
                attribute.set_remote_value(self, value)

    def _construct(self, data: dict[str, Any]) -> None:
        session = self.session
        relational: dict[str, Any] = {}
        with session.operation_recording(False):
            # Only attributes with a schema default get a value: setting
            # NOT_SET would store nothing, so those are skipped.
            for attribute in self.attributes:
                default = attribute.default_value
                if default is NOT_SET or attribute.name in data:
                    continue
                if callable(default):
                    default = default(self)
                attribute.set_local_value(self, default)

            for key, value in data.items():
                known = self.attributes.get(key)
                if known is None:
                    self.logger.debug("Ignoring unknown attribute %r.", key)
                elif known.kind == "scalar":
                    known.set_local_value(self, value)
                else:
                    relational[key] = value

        if session.record_operations:
            session.recorded_operations.push(
                CreateEntityOperation(
                    self.entity_type,
                    ftrack_api.inspection.primary_key(self),
                    dict(self._local),
                )
            )

        for key, value in relational.items():
            self[key] = value

    def __repr__(self) -> str:
        return f"<dynamic ftrack {type(self).__name__} object {id(self)}>"

    def __str__(self) -> str:
        with self.session.auto_populating(False):
            primary_key = ["Unknown"]
            try:
                primary_key = list(ftrack_api.inspection.primary_key(self).values())
            except KeyError:
                pass
        return f"<{type(self).__name__}({', '.join(primary_key)})>"

    def __hash__(self) -> int:
        return hash(str(ftrack_api.inspection.identity(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return False
        try:
            return bool(
                ftrack_api.inspection.identity(other)
                == ftrack_api.inspection.identity(self)
            )
        except KeyError:
            return False

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __getitem__(self, key: str) -> Any:
        attribute = self.attributes.get(key)
        if attribute is None:
            raise KeyError(key)
        return attribute.get_value(self)

    def __setitem__(self, key: str, value: Any) -> None:
        attribute = self.attributes.get(key)
        if attribute is None:
            raise KeyError(key)
        attribute.set_local_value(self, value)

    def __delitem__(self, key: str) -> None:
        attribute = self.attributes.get(key)
        if attribute is None:
            raise AttributeError(f"{type(self).__name__} has no attribute {key!r}")
        attribute.set_local_value(self, NOT_SET)

    def __iter__(self) -> Iterator[str]:
        return iter(self.attributes.keys())

    def __len__(self) -> int:
        return len(self.attributes)

    def __contains__(self, key: object) -> bool:
        return key in self.attributes

    def values(self) -> list[Any]:  # type: ignore[override]
        """Return every attribute value, fetching unset scalars in one call."""
        self._populate_unset_scalars()
        return [self[name] for name in self]

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        """Return every (name, value) pair, fetching unset scalars in one call."""
        self._populate_unset_scalars()
        return [(name, self[name]) for name in self]

    def _populate_unset_scalars(self) -> None:
        if not self.session.auto_populate:
            return
        names = [
            attribute.name
            for attribute in self.attributes
            if attribute.kind == "scalar" and attribute.name not in self._remote
        ]
        if names:
            self.session.populate([self], ", ".join(names))

    def clear(self) -> None:
        """Revert every attribute to its remote value, dropping local changes."""
        self._local = NO_LOCAL_VALUES

    def merge(
        self, entity: Entity, merged: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Merge the values of *entity* into this one; return the changes made.

        Local values that *entity* has set replace ours; remote values always
        replace ours. Entities among the values are merged into the session.
        """
        from ftrack_api._merge import merge_entity_values

        return merge_entity_values(self, entity, merged)
