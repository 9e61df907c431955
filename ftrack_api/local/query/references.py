"""Send an entity repeated in one reply as a bare reference.

A real server normalises its replies: an entity already written out in full
earlier in the reply comes back as ``{"__entity_type__": ..., "id": ...}``
the next time (``children.parent`` from a Project names the project again
under every child). The client merges both into one object by identity, so
the reference loses nothing. A later copy is shortened only when everything
it carries is already in the first copy: plain values, no nested entities.
"""

from __future__ import annotations

from typing import Any

from ftrack_api.local.model import Model

_MISSING = object()


def shorten_repeats(model: Model, data: list[dict[str, Any]]) -> None:
    """Replace repeated entities in *data* by bare references, in place."""
    first: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}
    primary_keys: dict[str, tuple[str, ...]] = {}

    def key_names(type_name: str) -> tuple[str, ...]:
        names = primary_keys.get(type_name)
        if names is None:
            names = primary_keys[type_name] = model.get(type_name).primary_key
        return names

    def visit(item: dict[str, Any]) -> dict[str, Any]:
        type_name = item["__entity_type__"]
        names = key_names(type_name)
        identity = (type_name, tuple(item.get(name) for name in names))
        earlier = first.get(identity)
        if earlier is None:
            first[identity] = item
        elif _covered(item, earlier):
            return {
                "__entity_type__": type_name,
                **{name: item[name] for name in names},
            }
        for name, value in item.items():
            if type(value) is list:
                item[name] = [
                    visit(member) if _is_entity(member) else member for member in value
                ]
            elif _is_entity(value):
                item[name] = visit(value)
        return item

    data[:] = [visit(item) for item in data]


def _is_entity(value: Any) -> bool:
    return type(value) is dict and "__entity_type__" in value


def _covered(item: dict[str, Any], earlier: dict[str, Any]) -> bool:
    """Return whether *earlier* already holds everything *item* carries."""
    for name, value in item.items():
        if type(value) is list or _is_entity(value):
            return False
        if earlier.get(name, _MISSING) != value:
            return False
    return True
