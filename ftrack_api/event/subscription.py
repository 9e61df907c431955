"""A subscription: an expression that selects events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ftrack_api.event import expression


class Subscription:
    """Select events with a subscription expression, parsed on creation."""

    parser = expression.Parser()

    def __init__(self, subscription: str) -> None:
        self._subscription = subscription
        self._expression = self.parser.parse(subscription)

    def __str__(self) -> str:
        return self._subscription

    def includes(self, event: Mapping[str, Any]) -> bool:
        """Return whether *event* is selected by this subscription."""
        return self._expression.match(event)
