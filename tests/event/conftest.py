"""Fixtures for the event tests: hubs on an in-process broker or a websocket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ftrack_api.event.hub import EventHub
from tests.event.helpers import HubFactory, hub_factory
from tests.event.socketio_server import SocketIoTestServer


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


@pytest.fixture()
def make_hub(server_url: str) -> Iterator[HubFactory]:
    """Return a factory of hubs on *server_url*, disconnected after the test."""
    yield from hub_factory(server_url)


@pytest.fixture()
def make_local_hub(local_url: str) -> Iterator[HubFactory]:
    """Return a factory of hubs on the in-process broker of *local_url*."""
    yield from hub_factory(local_url)


@pytest.fixture()
def hub(make_hub: HubFactory) -> EventHub:
    """Return one connected hub."""
    return make_hub()
