"""Fixtures for the event tests: hubs on an in-process broker or a websocket."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ftrack_api.event.hub import EventHub
from tests.event.socketio_server import SocketIoTestServer

HubFactory = Callable[..., EventHub]


@pytest.fixture()
def local_url(tmp_path: Path) -> str:
    """Return a database URL whose in-process broker no other test uses."""
    return f"sqlite:///{tmp_path / 'events.db'}"


@pytest.fixture(params=["in-process", "websocket"])
def server_url(request: pytest.FixtureRequest, local_url: str) -> Iterator[str]:
    """Return the URL of an event server: the in-process broker or a websocket."""
    if request.param == "in-process":
        yield local_url
        return
    server = SocketIoTestServer().start()
    try:
        yield server.url
    finally:
        server.stop()


def _hub_factory(default_url: str) -> Iterator[HubFactory]:
    """Yield a factory of hubs on *default_url*, disconnecting them at the end."""
    hubs: list[EventHub] = []

    def make(
        connect: bool = True, user: str = "jane", url: str | None = None
    ) -> EventHub:
        hub = EventHub(url or default_url, user, "key")
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
def make_hub(server_url: str) -> Iterator[HubFactory]:
    """Return a factory of hubs on *server_url*, disconnected after the test."""
    yield from _hub_factory(server_url)


@pytest.fixture()
def make_local_hub(local_url: str) -> Iterator[HubFactory]:
    """Return a factory of hubs on the in-process broker of *local_url*."""
    yield from _hub_factory(local_url)


@pytest.fixture()
def hub(make_hub: HubFactory) -> EventHub:
    """Return one connected hub."""
    return make_hub()
