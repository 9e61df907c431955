"""Waiting helpers shared by the event tests.

Each wait returns as soon as its condition holds, and only fails after
``PATIENCE`` seconds: generous, so that a loaded machine (CI runs the whole
suite on shared cores) slows the tests down without failing them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ftrack_api.event.hub import EventHub

#: Seconds a condition may take before a test fails.
PATIENCE = 30.0

#: Make an :class:`EventHub` (see :func:`hub_factory`).
HubFactory = Callable[..., EventHub]


def poll(condition: Callable[[], object], timeout: float = PATIENCE) -> None:
    """Sleep until *condition()* holds, failing after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert condition(), "condition not reached in time"


def wait_until(
    hub: EventHub,
    condition: Callable[[], object],
    timeout: float = PATIENCE,
    others: Sequence[EventHub] = (),
) -> None:
    """Handle events on *hub* until *condition()* holds or *timeout* passes.

    The hubs in *others* handle their events in turn, for conditions that need
    several hubs to answer (such as a reply from another hub).
    """
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        for each in (hub, *others):
            each.wait(0.05)
    assert condition(), "condition not reached in time"


def settle(*hubs: EventHub) -> None:
    """Wait until the server acknowledged every packet the hubs sent.

    Packets of one connection are handled in order, but those of different
    connections are not ordered against each other: a test that subscribes on
    one hub and publishes on another waits here in between.
    """
    poll(lambda: all(not hub._packet_callbacks for hub in hubs))


def queued_topics(hub: EventHub) -> list[str]:
    """Return the topics of the events *hub* received but did not handle yet."""
    with hub._event_queue.mutex:
        return [event["topic"] for event in hub._event_queue.queue]


def hub_factory(default_url: str, api_key: str = "key") -> Iterator[HubFactory]:
    """Yield a factory of hubs on *default_url*, disconnecting them at the end."""
    hubs: list[EventHub] = []

    def make(
        connect: bool = True, user: str = "jane", url: str | None = None, **options: Any
    ) -> EventHub:
        hub = EventHub(url or default_url, user, api_key, **options)
        hub._auto_reconnect_delay = 0.05
        hubs.append(hub)
        if connect:
            hub.connect()
        return hub

    yield make
    for hub in hubs:
        if hub.connected:
            hub.disconnect()
