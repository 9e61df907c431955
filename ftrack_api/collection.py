"""Collections of entities held by collection attributes."""

from __future__ import annotations

import copy
from collections.abc import (
    Callable,
    Iterable,
    Iterator,
    MutableMapping,
    MutableSequence,
)
from typing import TYPE_CHECKING, Any, overload

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.operation import UpdateEntityOperation
from ftrack_api.symbol import CREATED

if TYPE_CHECKING:
    from ftrack_api.attribute import Attribute
    from ftrack_api.entity.base import Entity


def _identity(item: Any) -> str:
    return str(ftrack_api.inspection.identity(item))


class Collection(MutableSequence[Any]):
    """An ordered set of entities belonging to one attribute of one entity.

    Every change records an update operation on the owning entity.
    """

    def __init__(
        self,
        entity: Entity,
        attribute: Attribute,
        mutable: bool = True,
        data: Iterable[Any] | None = None,
    ) -> None:
        self.entity = entity
        self.attribute = attribute
        self._data: list[Any] = []
        self._identities: set[str] = set()
        for item in data or ():
            identity = _identity(item)
            if identity not in self._identities:
                self._identities.add(identity)
                self._data.append(item)
        self.mutable = mutable

    def __copy__(self) -> Collection:
        duplicate = Collection.__new__(Collection)
        duplicate.entity = self.entity
        duplicate.attribute = self.attribute
        duplicate._data = list(self._data)
        duplicate._identities = set(self._identities)
        duplicate.mutable = self.mutable
        return duplicate

    def _check_mutable(self) -> None:
        if not self.mutable:
            raise ftrack_api.exception.ImmutableCollectionError(self)

    def _notify(self, old_value: Collection) -> None:
        session = self.entity.session
        if session.record_operations:
            session.recorded_operations.push(
                UpdateEntityOperation(
                    self.entity.entity_type,
                    ftrack_api.inspection.primary_key(self.entity),
                    self.attribute.name,
                    old_value,
                    self,
                )
            )

    def insert(self, index: int, item: Any) -> None:
        """Insert *item* at *index*; raise if it is already present."""
        self._check_mutable()
        identity = _identity(item)
        if identity in self._identities:
            raise ftrack_api.exception.DuplicateItemInCollectionError(item, self)

        old_value = copy.copy(self)
        self._data.insert(index, item)
        self._identities.add(identity)
        self._notify(old_value)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self._data[index]

    def __setitem__(self, index: Any, item: Any) -> None:
        self._check_mutable()
        if isinstance(index, slice):
            raise TypeError("Collections do not support slice assignment.")
        identity = _identity(item)
        current = self._data[index]
        if identity in self._identities and identity != _identity(current):
            raise ftrack_api.exception.DuplicateItemInCollectionError(item, self)

        old_value = copy.copy(self)
        self._identities.discard(_identity(current))
        self._data[index] = item
        self._identities.add(identity)
        self._notify(old_value)

    def __delitem__(self, index: Any) -> None:
        self._check_mutable()
        old_value = copy.copy(self)
        items = self._data[index] if isinstance(index, slice) else [self._data[index]]
        del self._data[index]
        for item in items:
            self._identities.discard(_identity(item))
        self._notify(old_value)

    def __len__(self) -> int:
        return len(self._data)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._data))

    def __contains__(self, item: object) -> bool:
        try:
            return _identity(item) in self._identities
        except (KeyError, TypeError, AttributeError):
            return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return False
        return sorted(self._identities) == sorted(other._identities)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}({self._data!r})>"


class MappedCollectionProxy(MutableMapping[Any, Any]):
    """A mapping view over a :class:`Collection`."""

    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    def __copy__(self) -> MappedCollectionProxy:
        return MappedCollectionProxy(copy.copy(self.collection))

    @property
    def mutable(self) -> bool:
        """Return whether the underlying collection can change."""
        return self.collection.mutable

    @mutable.setter
    def mutable(self, value: bool) -> None:
        self.collection.mutable = value

    @property
    def attribute(self) -> Attribute:
        """Return the attribute of the underlying collection."""
        return self.collection.attribute

    def __getitem__(self, key: Any) -> Any:
        raise NotImplementedError

    def __setitem__(self, key: Any, value: Any) -> None:
        raise NotImplementedError

    def __delitem__(self, key: Any) -> None:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Any]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError


class KeyValueMappedCollectionProxy(MappedCollectionProxy):
    """Show a collection of key/value entities (metadata, custom attributes) as a dict.

    Setting a new key calls *creator* to make the key/value entity; deleting a
    key removes its entity from the collection and deletes it.
    """

    def __init__(
        self,
        collection: Collection,
        creator: Callable[[KeyValueMappedCollectionProxy, dict[str, Any]], Entity],
        key_attribute: str,
        value_attribute: str,
    ) -> None:
        super().__init__(collection)
        self.creator = creator
        self.key_attribute = key_attribute
        self.value_attribute = value_attribute

    def __copy__(self) -> KeyValueMappedCollectionProxy:
        return KeyValueMappedCollectionProxy(
            copy.copy(self.collection),
            self.creator,
            self.key_attribute,
            self.value_attribute,
        )

    def _find(self, key: Any) -> Entity | None:
        for entity in self.collection:
            if entity[self.key_attribute] == key:
                return entity
        return None

    def __getitem__(self, key: Any) -> Any:
        entity = self._find(key)
        if entity is None:
            raise KeyError(key)
        return entity[self.value_attribute]

    def __setitem__(self, key: Any, value: Any) -> None:
        entity = self._find(key)
        if entity is not None:
            entity[self.value_attribute] = value
            return

        entity = self.creator(
            self, {self.key_attribute: key, self.value_attribute: value}
        )
        session = self.collection.entity.session
        if ftrack_api.inspection.state(entity) is CREATED:
            self.collection.append(entity)
        else:
            with session.operation_recording(False):
                self.collection.append(entity)

    def __delitem__(self, key: Any) -> None:
        entity = self._find(key)
        if entity is None:
            raise KeyError(key)
        self.collection.remove(entity)
        self.collection.entity.session.delete(entity)

    def keys_list(self) -> list[Any]:
        """Return the distinct keys in collection order."""
        keys: list[Any] = []
        for entity in self.collection:
            key = entity[self.key_attribute]
            if key not in keys:
                keys.append(key)
        return keys

    def __iter__(self) -> Iterator[Any]:
        return iter(self.keys_list())

    def __len__(self) -> int:
        return len(self.keys_list())

    def __repr__(self) -> str:
        return f"<{type(self).__name__}({dict(self.items())!r})>"
