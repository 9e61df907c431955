"""Route events to the connections whose subscribers want them.

The router is the server side of subscriptions: every connection (a hub in
this process, or a websocket) registers its subscribers with their
expressions, and :meth:`Router.match` names the connections that should
receive an event. A connection receives an event when at least one of its
subscribers' expressions selects the event and, if the event has a
``target``, the target expression selects that subscriber's metadata. The
publishing connection is included like any other.

Subscriptions that require one exact topic (``topic=x`` alone or inside an
``and``) are indexed by that topic, so the cost of a match grows with the
number of subscribers that could want the event, not with all of them.
"""

from __future__ import annotations

import logging
import operator
import threading
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from ftrack_api.event import expression as expression_module
from ftrack_api.exception import ParseError

logger = logging.getLogger(__name__)

_Key = tuple[Hashable, str]


@dataclass(frozen=True)
class _Route:
    connection_id: Hashable
    metadata: Mapping[str, Any]
    expression: expression_module.Expression
    topic: str | None


def _exact_topic(parsed: expression_module.Expression) -> str | None:
    """Return the one topic *parsed* requires, or ``None`` when it has none."""
    if isinstance(parsed, expression_module.Condition):
        if (
            parsed.key == "topic"
            and parsed.operator is operator.eq
            and isinstance(parsed.value, str)
            and not parsed.value.endswith(expression_module.WILDCARD)
        ):
            return parsed.value
        return None
    if isinstance(parsed, expression_module.All):
        for child in parsed.expressions:
            topic = _exact_topic(child)
            if topic is not None:
                return topic
    return None


class Router:
    """Know which connection's subscribers match an event; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[_Key, _Route] = {}
        self._by_topic: dict[str, dict[_Key, _Route]] = {}
        self._general: dict[_Key, _Route] = {}
        self._by_connection: dict[Hashable, set[str]] = {}

    def add_subscription(
        self,
        connection_id: Hashable,
        subscriber: Mapping[str, Any],
        expression: str,
    ) -> None:
        """Register *subscriber* of *connection_id* for events *expression* selects.

        *subscriber* is the subscriber metadata and must carry an ``id``; a
        subscriber registered again under the same id is replaced. Raise
        :class:`~ftrack_api.exception.ParseError` for an invalid expression
        and :class:`ValueError` for metadata without an ``id``.
        """
        subscriber_id = (
            subscriber.get("id") if isinstance(subscriber, Mapping) else None
        )
        if not isinstance(subscriber_id, str) or not subscriber_id:
            raise ValueError(f"Subscriber metadata needs a text 'id': {subscriber!r}")

        parsed = expression_module.parse(expression)
        route = _Route(connection_id, dict(subscriber), parsed, _exact_topic(parsed))
        key = (connection_id, subscriber_id)
        with self._lock:
            self._discard(key)
            self._routes[key] = route
            if route.topic is None:
                self._general[key] = route
            else:
                self._by_topic.setdefault(route.topic, {})[key] = route
            self._by_connection.setdefault(connection_id, set()).add(subscriber_id)

    def remove_subscriber(self, connection_id: Hashable, subscriber_id: str) -> bool:
        """Forget one subscriber; return whether it was registered."""
        with self._lock:
            found = self._discard((connection_id, subscriber_id))
            identifiers = self._by_connection.get(connection_id)
            if identifiers is not None and not identifiers:
                del self._by_connection[connection_id]
        return found

    def remove_connection(self, connection_id: Hashable) -> None:
        """Forget every subscriber of *connection_id*."""
        with self._lock:
            for subscriber_id in self._by_connection.pop(connection_id, set()):
                self._discard((connection_id, subscriber_id))

    def connections(self) -> set[Hashable]:
        """Return the connections that have at least one subscriber."""
        with self._lock:
            return set(self._by_connection)

    def match(self, event: Mapping[str, Any]) -> set[Hashable]:
        """Return the connections with a subscriber that should receive *event*."""
        target = self._parse_target(event)
        if target is None:
            return set()

        topic = event.get("topic")
        matched: set[Hashable] = set()
        with self._lock:
            candidates = list(self._general.values())
            if isinstance(topic, str):
                candidates.extend(self._by_topic.get(topic, {}).values())
            for route in candidates:
                if route.connection_id in matched:
                    continue
                if route.expression.match(event) and target.match(route.metadata):
                    matched.add(route.connection_id)
        return matched

    def _parse_target(
        self, event: Mapping[str, Any]
    ) -> expression_module.Expression | None:
        """Return the event's target expression (everyone when empty)."""
        target = event.get("target") or ""
        if not target:
            return expression_module.Expression()
        try:
            return expression_module.parse(target)
        except ParseError as error:
            logger.warning(
                "Not routing event %s: bad target: %s", event.get("id"), error
            )
            return None

    def _discard(self, key: _Key) -> bool:
        """Remove one route from every index; the lock must be held."""
        route = self._routes.pop(key, None)
        if route is None:
            return False
        self._general.pop(key, None)
        if route.topic is not None:
            by_topic = self._by_topic.get(route.topic, {})
            by_topic.pop(key, None)
            if not by_topic:
                self._by_topic.pop(route.topic, None)
        self._by_connection.get(key[0], set()).discard(key[1])
        return True
