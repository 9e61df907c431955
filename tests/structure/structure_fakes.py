"""Dict-backed stand-ins for entities and a session, enough for structures."""

from __future__ import annotations

from typing import Any


class FakeEntity(dict):  # type: ignore[type-arg]
    """A mapping with an ``entity_type`` and a ``session``, like an entity."""

    def __init__(self, entity_type: str, session: Any = None, **values: Any) -> None:
        super().__init__(values)
        self.entity_type = entity_type
        self.session = session


class FakeSession:
    """Answer ``get`` from a dict of entities keyed by (type, id)."""

    def __init__(self) -> None:
        self.entities: dict[tuple[str, str], FakeEntity] = {}

    def add(self, entity: FakeEntity) -> FakeEntity:
        entity.session = self
        self.entities[(entity.entity_type, entity["id"])] = entity
        return entity

    def get(self, entity_type: str, identifier: str) -> FakeEntity | None:
        return self.entities.get((entity_type, identifier))
