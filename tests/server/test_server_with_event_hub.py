"""Tests for the event server with our own EventHub as the client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from server_helpers import PATIENCE, Served

from ftrack_api.event.base import Event
from ftrack_api.event.hub import EventHub


@pytest.fixture
def connect(served: Served) -> Iterator[Callable[[], EventHub]]:
    """Return a factory of hubs connected to the server, disconnected after."""
    hubs: list[EventHub] = []

    def factory() -> EventHub:
        hub = EventHub(served.url, served.username, served.api_key)
        hub.connect()
        hubs.append(hub)
        return hub

    yield factory
    for hub in hubs:
        if hub.connected:
            hub.disconnect()


def _wait_until(hub: EventHub, done: Callable[[], bool]) -> None:
    """Handle events on *hub* until *done()* holds; fail after ``PATIENCE``."""
    deadline = time.monotonic() + PATIENCE
    while not done() and time.monotonic() < deadline:
        hub.wait(0.1)
    assert done(), "condition not reached in time"


def _settle(hub: EventHub) -> None:
    """Wait until the server acknowledged every packet *hub* sent."""
    deadline = time.monotonic() + PATIENCE
    while hub._packet_callbacks and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not hub._packet_callbacks, "the server acknowledged not every packet"


def test_hub_receives_its_own_published_event(connect) -> None:
    """An asynchronous publish comes back through the server to the publisher."""
    hub = connect()
    received: list[Event] = []
    hub.subscribe("topic=test.hub.loopback", received.append)

    hub.publish(Event("test.hub.loopback", data={"value": 1}))
    _wait_until(hub, lambda: bool(received))

    assert [event["data"] for event in received] == [{"value": 1}]
    assert received[0]["source"]["id"] == hub.id


def test_reply_reaches_the_on_reply_callback_of_the_publisher(connect) -> None:
    """A subscriber's return value travels back as a targeted reply."""
    asker, answerer = connect(), connect()
    answerer.subscribe("topic=test.hub.question", lambda event: {"answer": 42})
    _settle(answerer)
    replies: list[Any] = []
    stop = threading.Event()
    worker = threading.Thread(
        target=lambda: [answerer.wait(0.1) for _ in iter(stop.is_set, True)]
    )
    worker.start()
    try:
        asker.publish(Event("test.hub.question"), on_reply=replies.append)
        _wait_until(asker, lambda: bool(replies))
    finally:
        stop.set()
        worker.join()

    assert [reply["data"] for reply in replies] == [{"answer": 42}]
