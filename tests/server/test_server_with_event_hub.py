"""Tests for the event server with our own EventHub as the client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from server_helpers import Served

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


def _wait_until(hub: EventHub, done: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        hub.wait(0.1)


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
    replies: list[Any] = []
    stop = threading.Event()
    worker = threading.Thread(
        target=lambda: [answerer.wait(0.1) for _ in iter(stop.is_set, True)]
    )
    worker.start()
    try:
        time.sleep(0.3)
        asker.publish(Event("test.hub.question"), on_reply=replies.append)
        _wait_until(asker, lambda: bool(replies))
    finally:
        stop.set()
        worker.join()

    assert [reply["data"] for reply in replies] == [{"answer": 42}]
