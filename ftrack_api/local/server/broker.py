"""Route published events to the websocket connections that subscribed.

The websocket server talks to an :class:`EventBroker` only, so that fanning
events out across several server workers (through PostgreSQL
``LISTEN/NOTIFY`` or Redis) can later replace :class:`LocalBroker` without
touching the protocol code. :class:`LocalBroker` serves the connections of one
process, matching events with :class:`ftrack_api.event.router.Router`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any, Protocol

logger = logging.getLogger(__name__)

#: Deliver one event to one connection; must not block.
Deliver = Callable[[dict[str, Any]], None]


class EventBroker(Protocol):
    """Keep subscriptions per connection and deliver events to matching ones."""

    def add_connection(self, connection_id: str, deliver: Deliver) -> None:
        """Register a connection and how to hand it an event."""

    def remove_connection(self, connection_id: str) -> None:
        """Forget a connection and all of its subscribers."""

    def subscribe(
        self, connection_id: str, subscriber: dict[str, Any], subscription: str
    ) -> None:
        """Add *subscriber* of *connection_id* with the *subscription* expression."""

    def unsubscribe(self, connection_id: str, subscriber_id: str) -> None:
        """Remove the subscriber *subscriber_id* of *connection_id*."""

    def publish(self, event: dict[str, Any]) -> int:
        """Deliver *event* to every matching connection; return how many."""


class LocalBroker:
    """Deliver events to the connections of this process."""

    def __init__(self) -> None:
        from ftrack_api.event.router import Router

        self._router = Router()
        self._deliveries: dict[Hashable, Deliver] = {}
        self._lock = threading.Lock()

    def add_connection(self, connection_id: str, deliver: Deliver) -> None:
        """Register a connection and how to hand it an event."""
        with self._lock:
            self._deliveries[connection_id] = deliver

    def remove_connection(self, connection_id: str) -> None:
        """Forget a connection and all of its subscribers."""
        with self._lock:
            self._deliveries.pop(connection_id, None)
        self._router.remove_connection(connection_id)

    def subscribe(
        self, connection_id: str, subscriber: dict[str, Any], subscription: str
    ) -> None:
        """Add *subscriber* of *connection_id* with the *subscription* expression."""
        self._router.add_subscription(connection_id, subscriber, subscription)

    def unsubscribe(self, connection_id: str, subscriber_id: str) -> None:
        """Remove the subscriber *subscriber_id* of *connection_id*."""
        self._router.remove_subscriber(connection_id, subscriber_id)

    def publish(self, event: dict[str, Any]) -> int:
        """Deliver *event* to every matching connection; return how many."""
        matches = self._router.match(event)
        with self._lock:
            deliveries = [self._deliveries.get(match) for match in matches]
        count = 0
        for deliver in deliveries:
            if deliver is not None:
                deliver(event)
                count += 1
        logger.debug("Delivered event %s to %d connections.", event.get("id"), count)
        return count
