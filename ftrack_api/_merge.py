"""Merge values into the session's identity map.

Two entry points: :func:`merge_results` for replies straight from the wire
(plain dictionaries, the hot path of every query) and
:func:`merge_entity` for entity objects (``Session.merge``). Both keep one
object per entity in the session cache, only ever replace *remote* values
from the server, and visit only the attributes present in the incoming data.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ftrack_api._gc
import ftrack_api.cache
import ftrack_api.exception
from ftrack_api.symbol import NOT_SET

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity
    from ftrack_api.session import Session

# Short strings (ids, names, enums) repeat across rows; interning them keeps
# one copy per distinct value in the cache instead of one per row.
_INTERN_LENGTH = 64


def paused_garbage_collection() -> contextlib.AbstractContextManager[None]:
    """Pause the cyclic garbage collector while a reply is decoded and merged."""
    return ftrack_api._gc.collector_paused()


class IdentityMap(ftrack_api.cache.MemoryCache):
    """The session's first cache layer: one attached entity per cache key.

    Its dictionary, :attr:`entities`, is read directly on the merge path.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entities: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        """Return the entity under *key*."""
        return self.entities[key]

    def set(self, key: Any, value: Any) -> None:
        """Store *value* under *key*."""
        self.entities[key] = value

    def remove(self, key: Any) -> None:
        """Remove *key*."""
        del self.entities[key]

    def keys(self) -> list[Any]:
        """Return the stored keys."""
        return list(self.entities)

    def clear(self, pattern: str | None = None) -> None:
        """Remove every entity, or those whose key *pattern* finds."""
        if pattern is None:
            self.entities.clear()
        else:
            super().clear(pattern)


def same_value(old: Any, new: Any) -> bool:
    """Return whether *old* and *new* are the same for merging purposes."""
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    if type(old) is list:
        return len(old) == len(new) and all(
            a is b or a == b for a, b in zip(old, new, strict=True)
        )
    try:
        return bool(old == new)
    except Exception:
        return False


def _new_entity(session: Session, cls: type[Entity]) -> Entity:
    """Return an empty reconstructed entity, skipping __init__ when it is plain."""
    from ftrack_api.entity.base import NO_LOCAL_VALUES, Entity

    if cls.__init__ is not Entity.__init__:
        return cls(session, reconstructing=True)
    entity = cls.__new__(cls)
    entity.session = session
    entity._local = NO_LOCAL_VALUES
    entity._remote = {}
    return entity


def cached_entity(session: Session, key: Any, merged: dict | None = None) -> Any:
    """Return the attached entity under *key*, or None when no layer has it.

    An entity found in a deeper (persistent) cache layer was decoded on its
    own, so the entities it refers to are re-attached to the identity map.
    """
    entity = session._identity_map.get(key)
    if entity is not None or not session._has_deeper_cache:
        return entity
    try:
        entity = session.cache.get(key)
    except KeyError:
        return None
    merged = {} if merged is None else merged
    merged[key] = entity
    for name, value in list(entity._remote.items()):
        if type(value) is list or hasattr(value, "entity_type"):
            entity._remote[name] = merge_object(session, value, merged)
    return entity


def _attached(
    session: Session, cls: type[Entity], key: str, merged: dict
) -> tuple[Entity, bool]:
    """Return the cached entity for *key* (or a new one) and whether it is new."""
    entity: Any = merged.get(key)
    if entity is not None:
        return entity, False

    entity = cached_entity(session, key, merged)
    created = entity is None
    if created:
        entity = _new_entity(session, cls)
    merged[key] = entity
    return entity, created


def _merge_remote_value(
    session: Session, attribute: Any, value: Any, merged: dict
) -> Any:
    """Return a wire *value* with nested entity rows merged."""
    kind = type(value)
    if kind is dict:
        if "__entity_type__" in value:
            return merge_row(session, value, merged)
    elif kind is list and attribute.kind != "scalar":
        return [
            merge_row(session, item, merged)
            if type(item) is dict and "__entity_type__" in item
            else item
            for item in value
        ]
    return value


def merge_row(session: Session, row: dict[str, Any], merged: dict) -> Entity:
    """Merge one wire entity *row* (and every entity nested in it)."""
    entity_type = row["__entity_type__"]
    cls = session.types.get(entity_type)
    if cls is None:
        raise ftrack_api.exception.UnrecognisedEntityTypeError(entity_type)

    try:
        primary_key = [str(row[name]) for name in cls.primary_key_attributes]
    except KeyError as error:
        raise ftrack_api.exception.ServerError(
            f"Entity {entity_type!r} in the reply lacks primary key {error}."
        ) from error
    key = session._cache_key(entity_type, primary_key)
    entity, changed = _attached(session, cls, key, merged)

    attributes = cls.attributes._attributes
    remote = entity._remote
    intern = sys.intern
    for name, value in row.items():
        attribute = attributes.get(name)
        if attribute is None:
            continue
        kind = type(value)
        if kind is str:
            if len(value) <= _INTERN_LENGTH:
                value = intern(value)
        elif kind is dict or kind is list:
            value = _merge_remote_value(session, attribute, value, merged)
        old = remote.get(name, NOT_SET)
        if old is value or (old is not NOT_SET and same_value(old, value)):
            continue
        if old is not NOT_SET and attribute.is_collection:
            _follow_remote_collection(entity, attribute, old, value)
        remote[name] = value
        changed = True

    if changed:
        session.cache.set(key, entity)
    return entity


def merge_results(session: Session, value: Any, merged: dict | None = None) -> Any:
    """Merge every entity row inside a reply (any nesting); return the reply."""
    if merged is None:
        merged = {}
    if type(value) is list:
        return [merge_results(session, item, merged) for item in value]
    if type(value) is dict:
        if "__entity_type__" in value:
            return merge_row(session, value, merged)
        return {
            key: merge_results(session, item, merged) for key, item in value.items()
        }
    return value


def _follow_remote_collection(
    entity: Entity, attribute: Any, old: Any, new: Any
) -> None:
    """Replace an unmodified local copy of a collection when the remote changes."""
    local = entity._local.get(attribute.name, NOT_SET)
    if local is NOT_SET or type(old) is not list or type(new) is not list:
        return
    if [id(item) for item in attribute._items(local)] == [id(item) for item in old]:
        entity._writable_local()[attribute.name] = attribute._adapt(
            entity, list(new), mutable=attribute.mutable
        )


def merge_entity(session: Session, entity: Entity, merged: dict) -> Entity:
    """Merge an entity object into the identity map; return the attached one."""
    import ftrack_api.inspection

    identity = ftrack_api.inspection.identity(entity)
    key = session._cache_key(identity[0], identity[1])
    attached, created = _attached(session, type(entity), key, merged)
    if attached is entity:
        return attached

    changes = merge_entity_values(attached, entity, merged)
    if changes or created:
        session.cache.set(key, attached)
    return attached


def merge_object(session: Session, value: Any, merged: dict) -> Any:
    """Merge an entity, a collection or a list of them; return other values as is."""
    from ftrack_api.collection import Collection, MappedCollectionProxy
    from ftrack_api.entity.base import Entity

    if isinstance(value, Entity):
        return merge_entity(session, value, merged)
    if isinstance(value, MappedCollectionProxy):
        value = value.collection
    if isinstance(value, (Collection, list)):
        return [merge_object(session, item, merged) for item in value]
    return value


def _ordered_names(entity: Entity, storage: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Return (name, attribute) pairs for *storage*, scalar attributes first."""
    attributes = entity.attributes
    pairs = [(name, attributes.get(name)) for name in storage]
    known = [(name, attribute) for name, attribute in pairs if attribute is not None]
    return sorted(known, key=lambda pair: pair[1].kind != "scalar")


def _merge_local(target: Entity, name: str, attribute: Any, value: Any) -> Any:
    """Set a merged local *value* on *target*; return the old value or NOT_SET."""
    old = target._local.get(name, NOT_SET)
    if not attribute.is_collection:
        if same_value(old, value):
            return NOT_SET
        target._writable_local()[name] = value
        return old

    old_items = attribute._items(old) if old is not NOT_SET else old
    if same_value(old_items, value):
        return NOT_SET
    target._writable_local()[name] = attribute._adapt(
        target, value, mutable=attribute.mutable
    )
    return old


def merge_entity_values(
    target: Entity, source: Entity, merged: dict | None = None
) -> list[dict[str, Any]]:
    """Merge the local and remote values of *source* into *target*."""
    if merged is None:
        merged = {}
    session = target.session
    changes: list[dict[str, Any]] = []
    for name, attribute in _ordered_names(source, source._local):
        value = merge_object(session, source._local[name], merged)
        old = target._local.get(name, NOT_SET)
        if _merge_local(target, name, attribute, value) is not NOT_SET or (
            old is NOT_SET and name in target._local
        ):
            changes.append(_change("local_attribute", name, old, value))

    for name, attribute in _ordered_names(source, source._remote):
        value = merge_object(session, source._remote[name], merged)
        old = target._remote.get(name, NOT_SET)
        if same_value(old, value):
            continue
        if attribute.is_collection and old is not NOT_SET:
            _follow_remote_collection(target, attribute, old, value)
        target._remote[name] = value
        changes.append(_change("remote_attribute", name, old, value))
    return changes


Promotion = tuple[Any, str, Any, Any]


def promote_committed_value(
    entity: Entity, name: str, committed: Any
) -> Promotion | None:
    """Make a local value being committed the remote value of *entity*.

    The server replies to a commit with the entities it changed, but not
    always with every attribute sent; the values sent are what it now
    holds. Return what :func:`undo_promotion` needs if the commit fails, or
    None when the local value changed since it was recorded (it then stays).
    """
    local = entity._local.get(name, NOT_SET)
    attribute: Any = entity.attributes.get(name)
    if local is NOT_SET or attribute is None:
        return None
    unchanged = local is committed or same_value(local, committed)
    if not unchanged and attribute.is_collection and committed is not NOT_SET:
        unchanged = [id(item) for item in attribute._items(local)] == [
            id(item) for item in attribute._items(committed)
        ]
    if not unchanged:
        return None
    old_remote = entity._remote.get(name, NOT_SET)
    new_remote = attribute._items(local) if attribute.is_collection else local
    entity._remote[name] = new_remote
    del entity._writable_local()[name]
    return (entity, name, old_remote, local)


def undo_promotion(promotion: Promotion) -> None:
    """Restore the local and remote values of a failed commit."""
    entity, name, old_remote, local = promotion
    if old_remote is NOT_SET:
        entity._remote.pop(name, None)
    else:
        entity._remote[name] = old_remote
    entity._writable_local().setdefault(name, local)


def _change(kind: str, name: str, old: Any, new: Any) -> dict[str, Any]:
    return {"type": kind, "name": name, "old_value": old, "new_value": new}
