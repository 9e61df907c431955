"""Resolve attribute paths of a query against the model.

An attribute may be declared on the queried type or only on some of its
subtypes (``Context.children`` holds Tasks, whose ``assignments`` a Project
does not have): a :class:`Step` then records which concrete types carry it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ftrack_api.local.errors import UnknownAttributeError, UnknownEntityTypeError
from ftrack_api.local.model import Attribute, EntityType, Model
from ftrack_api.local.query import syntax


@dataclass(frozen=True)
class Step:
    """One resolved path step: *attribute* of *owner*, leading to *target*."""

    owner: EntityType
    attribute: Attribute
    #: Concrete owner types that have the attribute, or None for all of them.
    owners: tuple[str, ...] | None
    #: The type reached, after any ``[Type]`` cast; None for scalars.
    target: EntityType | None


def find_attribute(
    entity_type: EntityType, name: str
) -> tuple[Attribute, tuple[str, ...] | None] | None:
    """Return *name* on *entity_type* or its subtypes, with the owning types."""
    attribute = entity_type.attributes.get(name)
    if attribute is not None:
        return attribute, None
    return _find_in_subtypes(entity_type, name)


@functools.lru_cache(maxsize=4096)
def _find_in_subtypes(
    entity_type: EntityType, name: str
) -> tuple[Attribute, tuple[str, ...]] | None:
    found: Attribute | None = None
    owners: list[str] = []
    for subtype in _all_subtypes(entity_type):
        attribute = subtype.attributes.get(name)
        if attribute is not None:
            found = found or attribute
            owners.append(subtype.name)
    if found is None:
        return None
    return found, tuple(owners)


def _all_subtypes(entity_type: EntityType) -> list[EntityType]:
    result = []
    for subtype in entity_type.subtypes:
        result.append(subtype)
        result.extend(_all_subtypes(subtype))
    return result


def resolve(model: Model, entity_type: EntityType, path: syntax.Path) -> list[Step]:
    """Return the steps of *path* from *entity_type*; raise on unknown names."""
    steps: list[Step] = []
    current: EntityType | None = entity_type
    walked: list[str] = []
    for segment in path.segments:
        if current is None:
            raise UnknownAttributeError(
                f"Cannot follow {segment.name!r} after {'.'.join(walked)!r} on "
                f"{entity_type.name}: {walked[-1]!r} is not a relation."
            )
        step = _step(model, entity_type, current, segment, walked)
        steps.append(step)
        walked.append(str(segment))
        current = step.target
    return steps


def _step(
    model: Model,
    root: EntityType,
    current: EntityType,
    segment: syntax.Segment,
    walked: list[str],
) -> Step:
    found = find_attribute(current, segment.name)
    if found is None:
        where = f" (after {'.'.join(walked)!r})" if walked else ""
        raise UnknownAttributeError(
            f"Entity type {current.name!r} has no attribute {segment.name!r}"
            f"{where} in a query on {root.name}."
        )
    attribute, owners = found
    target = None
    if attribute.target is not None:
        target = model.get(attribute.target)
    if segment.cast is not None:
        target = _cast(model, attribute, target, segment)
    return Step(current, attribute, owners, target)


def _cast(
    model: Model,
    attribute: Attribute,
    target: EntityType | None,
    segment: syntax.Segment,
) -> EntityType:
    assert segment.cast is not None
    if target is None:
        raise UnknownAttributeError(
            f"Cannot cast {segment.name!r} to {segment.cast!r}: it is not a relation."
        )
    cast = model.get(segment.cast)
    if not cast.is_a(target.name):
        raise UnknownEntityTypeError(
            f"Cannot cast {segment.name!r} to {segment.cast!r}: "
            f"{segment.cast} is not a kind of {target.name}."
        )
    return cast
