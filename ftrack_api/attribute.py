"""Attributes of entity classes and the rules for reading and writing them.

Each entity keeps two small dictionaries: ``_local`` (values set in this
session and not yet committed) and ``_remote`` (values last seen from the
server). An attribute object belongs to the entity *class* and reads or
writes those dictionaries; a missing key means :data:`~ftrack_api.symbol.NOT_SET`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.operation import UpdateEntityOperation
from ftrack_api.symbol import NOT_SET

if TYPE_CHECKING:
    from ftrack_api.collection import Collection, KeyValueMappedCollectionProxy
    from ftrack_api.entity.base import Entity

logger = logging.getLogger(__name__)


class Attributes:
    """An ordered set of attributes, looked up by name."""

    __slots__ = ("_attributes",)

    def __init__(self, attributes: list[Attribute] | None = None) -> None:
        self._attributes: dict[str, Attribute] = {}
        for attribute in attributes or []:
            self.add(attribute)

    def add(self, attribute: Attribute) -> None:
        """Add *attribute*; raise :exc:`NotUniqueError` if its name is taken."""
        if attribute.name in self._attributes:
            raise ftrack_api.exception.NotUniqueError(
                f"Attribute with name {attribute.name!r} already added."
            )
        self._attributes[attribute.name] = attribute

    def remove(self, attribute: Attribute) -> None:
        """Remove *attribute*."""
        del self._attributes[attribute.name]

    def get(self, name: str) -> Attribute | None:
        """Return the attribute called *name*, or None."""
        return self._attributes.get(name)

    def keys(self) -> list[str]:
        """Return the attribute names."""
        return list(self._attributes)

    def __contains__(self, item: object) -> bool:
        name = item.name if isinstance(item, Attribute) else item
        return name in self._attributes

    def __iter__(self) -> Iterator[Attribute]:
        return iter(list(self._attributes.values()))

    def __len__(self) -> int:
        return len(self._attributes)


class Attribute:
    """An attribute of an entity class.

    *default_value* may be a callable taking the new entity. Immutable
    attributes accept a value only while they have none.
    """

    kind = "scalar"
    is_collection = False

    def __init__(
        self,
        name: str,
        default_value: Any = NOT_SET,
        mutable: bool = True,
        computed: bool = False,
    ) -> None:
        self._name = name
        self.default_value = default_value
        self._mutable = mutable
        self._computed = computed

    def __repr__(self) -> str:
        return f"<{type(self).__name__}({self._name!r}) object at {id(self):#x}>"

    @property
    def name(self) -> str:
        """Return the attribute name."""
        return self._name

    @property
    def mutable(self) -> bool:
        """Return whether the value can be changed once set."""
        return self._mutable

    @property
    def computed(self) -> bool:
        """Return whether the server computes the value."""
        return self._computed

    def get_value(self, entity: Entity) -> Any:
        """Return the local value, else the remote value, fetching it if allowed."""
        value = entity._local.get(self._name, NOT_SET)
        if value is not NOT_SET:
            return value

        value = self.get_remote_value(entity)
        if value is not NOT_SET or not entity.session.auto_populate:
            return value

        self.populate_remote_value(entity)
        return self.get_remote_value(entity)

    def get_local_value(self, entity: Entity) -> Any:
        """Return the local value without fetching anything."""
        return entity._local.get(self._name, NOT_SET)

    def get_remote_value(self, entity: Entity) -> Any:
        """Return the remote value without fetching anything."""
        return entity._remote.get(self._name, NOT_SET)

    def set_local_value(self, entity: Entity, value: Any) -> None:
        """Set the local value and record an update operation."""
        if not self._mutable and value is not NOT_SET and self.is_set(entity):
            raise ftrack_api.exception.ImmutableAttributeError(self)

        old_value = self.get_local_value(entity)
        self._store(entity._writable_local(), value)
        session = entity.session
        if session.record_operations:
            session.recorded_operations.push(
                UpdateEntityOperation(
                    entity.entity_type,
                    ftrack_api.inspection.primary_key(entity),
                    self._name,
                    old_value,
                    value,
                )
            )

    def set_remote_value(self, entity: Entity, value: Any) -> None:
        """Set the remote value; record nothing."""
        self._store(entity._remote, value)

    def _store(self, storage: dict[str, Any], value: Any) -> None:
        if value is NOT_SET:
            storage.pop(self._name, None)
        else:
            storage[self._name] = value

    def populate_remote_value(self, entity: Entity) -> None:
        """Fetch the remote value from the server."""
        entity.session.populate([entity], self._name)

    def is_modified(self, entity: Entity) -> bool:
        """Return whether a local value is set and differs from the remote one."""
        local = self.get_local_value(entity)
        return local is not NOT_SET and local != self.get_remote_value(entity)

    def is_set(self, entity: Entity) -> bool:
        """Return whether a local or a remote value is set."""
        return self._name in entity._local or self._name in entity._remote


class ScalarAttribute(Attribute):
    """A plain value (string, number, boolean, date, JSON object)."""

    def __init__(self, name: str, data_type: str, **kw: Any) -> None:
        super().__init__(name, **kw)
        self.data_type = data_type


class ReferenceAttribute(Attribute):
    """A reference to one other entity."""

    kind = "reference"

    def __init__(self, name: str, entity_type: str, **kw: Any) -> None:
        super().__init__(name, **kw)
        self.entity_type = entity_type

    def populate_remote_value(self, entity: Entity) -> None:
        """Fetch the referenced entity with its default projections."""
        session = entity.session
        target = session.types.get(self.entity_type)
        projections = list(getattr(target, "default_projections", None) or [])
        if projections:
            expression = ", ".join(f"{self._name}.{name}" for name in projections)
        else:
            expression = self._name
        session.populate([entity], expression)

    def is_modified(self, entity: Entity) -> bool:
        """Return whether the local reference points at another entity."""
        local = self.get_local_value(entity)
        if local is NOT_SET:
            return False
        remote = self.get_remote_value(entity)
        if local is None or remote is None or remote is NOT_SET:
            return local is not remote
        return bool(
            ftrack_api.inspection.identity(local)
            != ftrack_api.inspection.identity(remote)
        )


class AbstractCollectionAttribute(Attribute):
    """Base of attributes holding several entities."""

    kind = "collection"
    is_collection = True

    def get_value(self, entity: Entity) -> Any:
        """Return a local, mutable copy of the collection, making it on demand."""
        value = super().get_value(entity)
        local = self.get_local_value(entity)
        if local is not NOT_SET:
            return local

        session = entity.session
        if value is NOT_SET:
            value = self._adapt(entity, [], mutable=self._mutable)
            if not session.auto_populate and not _is_new(entity):
                # Unknown, not empty: keep nothing, so a later read with
                # auto-populate on still fetches the real items.
                return value
        else:
            value = self._adapt(entity, self._items(value), mutable=self._mutable)
        with session.operation_recording(False):
            try:
                self.set_local_value(entity, value)
            except ftrack_api.exception.ImmutableAttributeError:
                return self.get_remote_value(entity)
        return self.get_local_value(entity)

    def get_remote_value(self, entity: Entity) -> Any:
        """Return the remote collection (immutable) without fetching anything."""
        value = entity._remote.get(self._name, NOT_SET)
        if value is NOT_SET:
            return value
        return self._adapt(entity, value, mutable=False)

    def set_local_value(self, entity: Entity, value: Any) -> None:
        """Set the local collection, adapting lists and mappings."""
        if value is not NOT_SET:
            value = self._adapt_local(entity, value)
        super().set_local_value(entity, value)

    def set_remote_value(self, entity: Entity, value: Any) -> None:
        """Set the remote collection from a list of entities."""
        if value is NOT_SET:
            entity._remote.pop(self._name, None)
        else:
            entity._remote[self._name] = list(self._items(value))

    def is_modified(self, entity: Entity) -> bool:
        """Return whether the local items differ from the remote ones."""
        local = self.get_local_value(entity)
        if local is NOT_SET:
            return False
        remote = entity._remote.get(self._name, [])
        return _identity_list(self._items(local)) != _identity_list(remote)

    def _items(self, value: Any) -> list[Any]:
        from ftrack_api.collection import Collection, MappedCollectionProxy

        if isinstance(value, MappedCollectionProxy):
            return list(value.collection)
        if isinstance(value, Collection):
            return list(value)
        if value is None:
            return []
        return list(value)

    def _adapt_local(self, entity: Entity, value: Any) -> Any:
        raise NotImplementedError

    def _adapt(self, entity: Entity, items: list[Any], mutable: bool) -> Any:
        raise NotImplementedError


def _is_new(entity: Entity) -> bool:
    from ftrack_api.symbol import CREATED

    try:
        return ftrack_api.inspection.state(entity) is CREATED
    except KeyError:
        return True


def _identity_list(items: list[Any]) -> list[Any]:
    return sorted(str(ftrack_api.inspection.identity(item)) for item in items)


class CollectionAttribute(AbstractCollectionAttribute):
    """A plain collection of entities."""

    def _adapt(self, entity: Entity, items: list[Any], mutable: bool) -> Collection:
        from ftrack_api.collection import Collection

        return Collection(entity, self, mutable=mutable, data=items)

    def _adapt_local(self, entity: Entity, value: Any) -> Collection:
        from ftrack_api.collection import Collection

        if isinstance(value, Collection):
            if value.attribute is not self or value.entity is not entity:
                raise ftrack_api.exception.AttributeError(
                    "Collection already bound to a different attribute."
                )
            value.mutable = self._mutable
            return value
        if value is None or isinstance(value, (list, tuple)):
            return self._adapt(entity, list(value or []), mutable=self._mutable)
        raise ftrack_api.exception.AttributeError(
            f"Cannot convert {value!r} to a collection for attribute {self._name!r}."
        )


class KeyValueMappedCollectionAttribute(AbstractCollectionAttribute):
    """A collection of key/value entities shown as a mapping (metadata...)."""

    kind = "mapped_collection"

    def __init__(
        self,
        name: str,
        creator: Callable[[KeyValueMappedCollectionProxy, dict[str, Any]], Entity],
        key_attribute: str,
        value_attribute: str,
        **kw: Any,
    ) -> None:
        super().__init__(name, **kw)
        self.creator = creator
        self.key_attribute = key_attribute
        self.value_attribute = value_attribute

    def _adapt(
        self, entity: Entity, items: list[Any], mutable: bool
    ) -> KeyValueMappedCollectionProxy:
        from ftrack_api.collection import Collection, KeyValueMappedCollectionProxy

        collection = Collection(entity, self, mutable=mutable, data=items)
        return KeyValueMappedCollectionProxy(
            collection, self.creator, self.key_attribute, self.value_attribute
        )

    def _adapt_local(self, entity: Entity, value: Any) -> Any:
        from ftrack_api.collection import Collection, MappedCollectionProxy

        if isinstance(value, MappedCollectionProxy):
            value.collection.mutable = self._mutable
            return value
        if isinstance(value, Collection):
            return self._adapt(entity, list(value), mutable=self._mutable)
        if value is None or isinstance(value, (list, tuple)):
            return self._adapt(entity, list(value or []), mutable=self._mutable)
        if isinstance(value, dict):
            return self._replace_with_mapping(entity, value)
        raise ftrack_api.exception.AttributeError(
            f"Cannot convert {value!r} to a mapped collection for attribute "
            f"{self._name!r}."
        )

    def _replace_with_mapping(self, entity: Entity, mapping: dict[str, Any]) -> Any:
        proxy = self.get_value(entity)
        for key in list(proxy.keys()):
            if key not in mapping:
                del proxy[key]
        for key, item in mapping.items():
            proxy[key] = item
        return proxy
