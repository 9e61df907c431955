"""Tests for EventHub over a socket.io 0.9 websocket server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from ftrack_api.event.base import Event
from ftrack_api.event.hub import EventHub
from ftrack_api.exception import EventHubConnectionError
from tests.event.helpers import PATIENCE, HubFactory, hub_factory, poll, wait_until
from tests.event.socketio_server import SocketIoTestServer


@pytest.fixture()
def server() -> Iterator[SocketIoTestServer]:
    """Return a running test event server, stopped after the test."""
    server = SocketIoTestServer().start()
    yield server
    server.stop()


@pytest.fixture()
def make_hub(server: SocketIoTestServer) -> Iterator[HubFactory]:
    """Return a factory of hubs on the test server, disconnected afterwards."""
    yield from hub_factory(server.url, api_key="secret-key")


def session_id(server: SocketIoTestServer, hub: EventHub) -> str:
    """Return the socket.io session id of a connected hub."""
    poll(lambda: hub.id in server.subscriber_sessions)
    return server.subscriber_sessions[hub.id]


def subscribe(
    server: SocketIoTestServer,
    hub: EventHub,
    subscription: str,
    callback: Callable[[Event], object],
    identifier: str,
) -> None:
    """Subscribe on *hub* and wait until the server has the subscription."""
    hub.subscribe(subscription, callback, {"id": identifier})
    poll(lambda: identifier in server.subscriber_sessions)


def test_handshake_sends_credentials_headers_and_cookies(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Send ftrack-user/ftrack-api-key, custom headers and cookies."""
    make_hub(headers={"x-studio": "north"}, cookies={"a": "1", "b": "2"})
    handshake = server.handshake_headers[-1]
    assert handshake["ftrack-user"] == "jane"
    assert handshake["ftrack-api-key"] == "secret-key"
    assert handshake["x-studio"] == "north"
    assert "a=1" in handshake["cookie"]
    websocket = server.websocket_headers[-1]
    assert websocket["x-studio"] == "north"
    assert websocket["cookie"] == "a=1;b=2"


def test_subscribe_and_publish_with_packet_framing(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Send subscriptions and events as acknowledged ftrack.event packets."""
    hub = make_hub()
    received: list[Event] = []
    hub.subscribe("topic=test.ws and data.n>1", received.append, {"id": "sub-1"})
    hub.publish(Event("test.ws", data={"n": 2}, in_reply_to_event="earlier"))
    wait_until(hub, lambda: received)

    assert received[0]["data"] == {"n": 2}
    assert received[0]["in_reply_to_event"] == "earlier"
    subscribes = server.received_events("ftrack.meta.subscribe")
    assert {
        "subscriber": {"id": "sub-1"},
        "subscription": "topic=test.ws and data.n>1",
    } in [event["data"] for event in subscribes]
    assert {
        "subscriber": {"id": hub.id},
        "subscription": "topic=ftrack.meta.reply",
    } in [event["data"] for event in subscribes]
    event_packets = [p for p in server.received if p.startswith("5:")]
    assert all(p.split(":")[1].endswith("+") for p in event_packets)
    assert '"inReplyToEvent": "earlier"' in server.received[-1]
    assert not hub._packet_callbacks, "every acknowledgement was consumed"


def test_replies_reach_on_reply_across_connections(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Deliver each reply from another connection to the publisher's on_reply."""
    publisher, replier = make_hub(), make_hub()
    asked: list[Event] = []

    def answer(event: Event) -> dict[str, int]:
        asked.append(event)
        return {"answer": event["data"]["q"] * 2}

    subscribe(server, replier, "topic=ask", answer, "r")
    replies: list[Event] = []
    publisher.publish(Event("ask", data={"q": 21}), on_reply=replies.append)
    wait_until(replier, lambda: asked)
    wait_until(publisher, lambda: replies)
    assert replies[0]["data"] == {"answer": 42}
    assert replies[0]["target"] == f"id={publisher.id}"


def test_heartbeat_is_answered(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Answer the server's heartbeat packet with a heartbeat."""
    hub = make_hub()
    server.send(session_id(server, hub), "2::")
    poll(lambda: "2:::" in server.received)
    assert hub.connected


def test_unknown_event_keys_are_dropped(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Keep an event whose payload has extra keys, without them."""
    hub = make_hub()
    received: list[Event] = []
    hub.subscribe("topic=extra", received.append)
    server.send(
        session_id(server, hub),
        '5:::{"name": "ftrack.event", '
        '"args": [{"topic": "extra", "data": {}, "x": 1}]}',
    )
    server.send(session_id(server, hub), "garbage")
    wait_until(hub, lambda: received)
    assert "x" not in received[0]


def test_connect_fails_without_websocket_transport(make_hub: HubFactory) -> None:
    """Refuse a server that offers no websocket transport."""
    server = SocketIoTestServer(transports="xhr-polling").start()
    try:
        hub = EventHub(server.url, "jane", "key")
        with pytest.raises(EventHubConnectionError, match="websocket"):
            hub.connect()
    finally:
        server.stop()


def test_connect_fails_on_refused_handshake(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Raise EventHubConnectionError naming the status of a refused handshake."""
    server.accept_handshakes.clear()
    with pytest.raises(EventHubConnectionError, match="503"):
        make_hub()


def test_connect_fails_on_closed_port() -> None:
    """Raise EventHubConnectionError when nothing listens."""
    server = SocketIoTestServer().start()
    url = server.url
    server.stop()
    with pytest.raises(EventHubConnectionError, match="Failed to connect"):
        EventHub(url, "jane", "key", timeout=2).connect()


def test_publish_while_disconnected_is_delivered_once_after_reconnect(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Queue events published while reconnecting and send each once after."""
    publisher, listener = make_hub(), make_hub()
    received: list[Event] = []
    subscribe(server, listener, "topic=queued", received.append, "listener-own")
    subscribe(server, publisher, "topic=queued", received.append, "publisher-own")
    old_connection = publisher._connection

    server.accept_handshakes.clear()
    server.drop(session_id(server, publisher))
    poll(lambda: not publisher.connected)
    publisher.publish(Event("queued", data={"n": 1}))
    assert publisher._event_send_queue.qsize() == 1

    server.accept_handshakes.set()
    poll(lambda: publisher.connected and publisher._connection is not old_connection)
    wait_until(listener, lambda: received)
    wait_until(publisher, lambda: len(received) == 2)
    listener.wait(0.3)
    publisher.wait(0.3)

    assert [event["data"] for event in received] == [{"n": 1}, {"n": 1}]
    assert len(server.received_events("queued")) == 1
    assert publisher._event_send_queue.qsize() == 0


def test_unexpected_disconnect_without_server_ends_wait(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Give up after the automatic attempts and end wait() with disconnected."""
    hub = make_hub()
    hub._auto_reconnect_attempts = 2
    disconnected: list[Event] = []
    hub.subscribe("topic=ftrack.meta.disconnected", disconnected.append)

    server.accept_handshakes.clear()
    server.drop(session_id(server, hub))
    started = time.monotonic()
    hub.wait(2 * PATIENCE)
    assert time.monotonic() - started < PATIENCE
    assert len(disconnected) == 1
    assert not hub.connected


def test_disconnect_tells_server_to_unsubscribe(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Send ftrack.meta.unsubscribe for each subscriber on disconnect."""
    hub = make_hub()
    subscribe(server, hub, "topic=bye", print, "leaving")
    session = session_id(server, hub)
    hub.disconnect()
    poll(lambda: session in server.closed_sessions)
    unsubscribed = [
        event["data"]["subscriber"]["id"]
        for event in server.received_events("ftrack.meta.unsubscribe")
    ]
    assert sorted(unsubscribed) == sorted(["leaving", hub.id])


def test_disconnect_during_automatic_reconnect_stops_it(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Stop reconnecting once disconnect() is called while reconnecting."""
    hub = make_hub()
    hub._auto_reconnect_attempts = 1000
    thread = hub._processor_thread
    assert thread is not None

    server.accept_handshakes.clear()
    server.drop(session_id(server, hub))
    poll(lambda: not hub.connected)
    with pytest.raises(EventHubConnectionError, match="Not currently connected"):
        hub.disconnect()
    thread.join(PATIENCE)
    server.accept_handshakes.set()
    time.sleep(0.2)

    assert not thread.is_alive()
    assert not hub.connected
    with pytest.raises(EventHubConnectionError):
        hub.publish(Event("after.close"))


def test_server_disconnect_packet_triggers_reconnect(
    server: SocketIoTestServer, make_hub: HubFactory
) -> None:
    """Reconnect and resubscribe when the server sends a disconnect packet."""
    hub = make_hub()
    received: list[Event] = []
    subscribe(server, hub, "topic=again", received.append, "again-subscriber")
    old_session = session_id(server, hub)

    server.send(old_session, "0::")
    poll(lambda: server.subscriber_sessions["again-subscriber"] != old_session)
    hub.publish(Event("again"))
    wait_until(hub, lambda: received)
    assert hub.connected


def test_server_error_packet_is_logged(
    server: SocketIoTestServer,
    make_hub: HubFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Log an error packet from the server and stay connected."""
    hub = make_hub()
    server.send(session_id(server, hub), "7:::boom")
    poll(lambda: "Event server reported error: boom." in caplog.text)
    assert hub.connected
