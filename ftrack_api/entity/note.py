"""The Note entity class and the mixin that lets entities take notes."""

from __future__ import annotations

import warnings
from typing import Any

from ftrack_api.entity.base import Entity, _EntityBase


class Note(Entity):
    """A note, able to take replies."""

    def create_reply(self, content: str, author: Entity) -> Entity:
        """Create a reply to this note by *author*; commit to save it."""
        reply = self.session.create("Note", {"author": author, "content": content})
        self["replies"].append(reply)
        return reply


class CreateNoteMixin(_EntityBase):
    """Let an entity with a ``notes`` collection create notes on itself."""

    __slots__ = ()

    def create_note(
        self,
        content: str,
        author: Entity,
        recipients: list[Entity] | None = None,
        category: Entity | None = None,
        labels: list[Entity] | None = None,
    ) -> Entity:
        """Create a note on this entity; commit to save it.

        *labels* needs a server with ``NoteLabel``; *category* and *labels*
        are mutually exclusive.
        """
        session = self.session  # type: ignore[attr-defined]
        has_labels = "NoteLabel" in session.types
        if labels and not has_labels:
            raise ValueError("This server does not support note labels.")
        if labels and category is not None:
            raise ValueError("Give either a note category or labels, not both.")

        data: dict[str, Any] = {"content": content, "author": author}
        if category is not None and has_labels:
            warnings.warn(
                "Note categories are deprecated; the category is used as a label.",
                PendingDeprecationWarning,
                stacklevel=2,
            )
            labels = [category]
        elif category is not None:
            data["category_id"] = category["id"]

        note = session.create("Note", data)
        self["notes"].append(note)  # type: ignore[index]
        for recipient in recipients or []:
            link = session.create(
                "Recipient", {"note_id": note["id"], "resource_id": recipient["id"]}
            )
            note["recipients"].append(link)
        for label in labels or []:
            session.create(
                "NoteLabelLink", {"label_id": label["id"], "note_id": note["id"]}
            )
        return note
