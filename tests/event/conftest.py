"""Fixtures for the event tests: hubs on a private in-process broker."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ftrack_api.event.hub import EventHub

HubFactory = Callable[..., EventHub]


@pytest.fixture()
def local_url(tmp_path: Path) -> str:
    """Return a database URL whose in-process broker no other test uses."""
    return f"sqlite:///{tmp_path / 'events.db'}"


@pytest.fixture()
def make_hub(local_url: str) -> Iterator[HubFactory]:
    """Return a factory of hubs on *local_url*, disconnected after the test."""
    hubs: list[EventHub] = []

    def make(
        connect: bool = True, user: str = "jane", url: str | None = None
    ) -> EventHub:
        hub = EventHub(url or local_url, user, "key")
        hub._auto_reconnect_delay = 0.05
        hubs.append(hub)
        if connect:
            hub.connect()
        return hub

    yield make
    for hub in hubs:
        if hub.connected:
            hub.disconnect()


@pytest.fixture()
def hub(make_hub: HubFactory) -> EventHub:
    """Return one connected hub."""
    return make_hub()
