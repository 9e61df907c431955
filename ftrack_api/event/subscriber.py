"""A subscriber: a callback with its subscription, metadata and priority."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ftrack_api.event.subscription import Subscription


class Subscriber:
    """Hold a callback interested in the events its subscription selects.

    Lower *priority* numbers are called first. *metadata* identifies the
    subscriber (its ``id`` key) and is what event targets are matched against.
    """

    def __init__(
        self,
        subscription: str,
        callback: Callable[..., Any] | None,
        metadata: dict[str, Any],
        priority: int,
    ) -> None:
        self.subscription = Subscription(subscription)
        self.callback = callback
        self.metadata = metadata
        self.priority = priority

    def __str__(self) -> str:
        return (
            f"<{type(self).__name__} metadata={self.metadata} "
            f'subscription="{self.subscription}">'
        )

    def interested_in(self, event: Mapping[str, Any]) -> bool:
        """Return whether the subscription selects *event*."""
        return self.subscription.includes(event)
