"""The event document passed between publishers and subscribers."""

from __future__ import annotations

import uuid
from collections.abc import MutableMapping
from typing import Any

from ftrack_api._mapping import DictBackedMapping

#: The keys every event carries, in the order they are listed on the wire.
EVENT_KEYS = ("topic", "id", "data", "sent", "source", "target", "in_reply_to_event")


class Event(DictBackedMapping):
    """Hold one event: its topic, payload, source, target and reply link.

    The mapping keys are ``id`` (a new hex uuid by default), ``topic``,
    ``data`` (``{}`` by default), ``sent``, ``source`` (``{}`` by default),
    ``target`` (a subscriber expression, empty for everyone) and
    ``in_reply_to_event``. The stop flag is local to this process and never
    sent.
    """

    def __init__(
        self,
        topic: str,
        id: str | None = None,  # noqa: A002 - official keyword
        data: MutableMapping[str, Any] | None = None,
        sent: Any = None,
        source: MutableMapping[str, Any] | None = None,
        target: str = "",
        in_reply_to_event: str | None = None,
    ) -> None:
        self._stopped = False
        self._data: dict[str, Any] = {
            "id": id if id is not None else uuid.uuid4().hex,
            "data": data if data is not None else {},
            "sent": sent,
            "source": source if source is not None else {},
            "target": target,
            "topic": topic,
            "in_reply_to_event": in_reply_to_event,
        }

    def __str__(self) -> str:
        return f"<{type(self).__name__} {self._data}>"

    __repr__ = __str__

    def stop(self) -> None:
        """Stop delivery of this event to the remaining local subscribers."""
        self._stopped = True

    def is_stopped(self) -> bool:
        """Return whether :meth:`stop` was called."""
        return self._stopped
