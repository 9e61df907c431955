"""Tests for EventHub semantics, delivered through the in-process broker."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

import pytest

from ftrack_api.event.base import Event
from ftrack_api.event.hub import EventHub, SocketIoSession
from ftrack_api.event.local import LocalBroker
from ftrack_api.exception import (
    EventHubConnectionError,
    NotFoundError,
    NotUniqueError,
    ParseError,
)
from tests.event.conftest import HubFactory
from tests.event.helpers import PATIENCE, poll, queued_topics, settle, wait_until


def test_publish_reaches_every_matching_hub_including_publisher(
    make_hub: HubFactory,
) -> None:
    """Deliver an asynchronous event to each hub with a matching subscriber."""
    publisher, listener, bystander = make_hub(), make_hub(), make_hub()
    received: dict[str, list] = {"publisher": [], "listener": [], "bystander": []}
    publisher.subscribe("topic=test.a", received["publisher"].append)
    listener.subscribe("topic=test.*", received["listener"].append)
    bystander.subscribe("topic=other", received["bystander"].append)
    settle(publisher, listener, bystander)

    publisher.publish(Event("test.a", data={"n": 1}))
    wait_until(publisher, lambda: received["publisher"])
    wait_until(listener, lambda: received["listener"])
    bystander.wait(0.2)

    assert [event["data"] for event in received["listener"]] == [{"n": 1}]
    assert received["publisher"][0]["source"] == {
        "id": publisher.id,
        "user": {"username": "jane"},
    }
    assert received["bystander"] == []


def test_asynchronous_publish_is_handled_only_inside_wait(hub: EventHub) -> None:
    """Call subscribers only when wait() runs, not on receipt."""
    called: list[Event] = []
    hub.subscribe("topic=test", called.append)
    hub.publish(Event("test"))
    poll(lambda: "test" in queued_topics(hub))
    assert called == []
    wait_until(hub, lambda: called)


def test_subscribers_called_in_priority_order(hub: EventHub) -> None:
    """Call lower priority numbers first, ties in subscription order."""
    calls: list[str] = []
    hub.subscribe("topic=test", lambda event: calls.append("c"), priority=170)
    hub.subscribe("topic=test", lambda event: calls.append("a"), priority=10)
    hub.subscribe("topic=test", lambda event: calls.append("b1"))
    hub.subscribe("topic=test", lambda event: calls.append("b2"))
    hub.publish(Event("test"))
    wait_until(hub, lambda: len(calls) == 4)
    assert calls == ["a", "b1", "b2", "c"]


@pytest.mark.parametrize("synchronous", [True, False])
def test_stop_prevents_later_subscribers(hub: EventHub, synchronous: bool) -> None:
    """Skip the remaining local subscribers once one calls event.stop()."""
    calls: list[str] = []

    def stopper(event: Event) -> None:
        calls.append("b")
        event.stop()

    hub.subscribe("topic=test", lambda event: calls.append("a"), priority=50)
    hub.subscribe("topic=test", stopper, priority=60)
    hub.subscribe("topic=test", lambda event: calls.append("c"), priority=70)
    hub.publish(Event("test"), synchronous=synchronous)
    if not synchronous:
        wait_until(hub, lambda: len(calls) >= 2)
        hub.wait(0.1)
    assert calls == ["a", "b"]


def test_synchronous_publish_returns_all_results_locally(
    make_hub: HubFactory,
) -> None:
    """Return every local result, None included, and send nothing."""
    hub, other = make_hub(), make_hub()
    other_calls: list[Event] = []
    other.subscribe("topic=test", other_calls.append)
    hub.subscribe("topic=test", lambda event: "C", priority=70)
    hub.subscribe("topic=test", lambda event: "A", priority=50)
    hub.subscribe("topic=test", lambda event: None, priority=60)
    hub.subscribe("topic=other", lambda event: "X")

    assert hub.publish(Event("test"), synchronous=True) == ["A", None, "C"]
    other.wait(0.2)
    assert other_calls == []


def test_synchronous_publish_works_without_connection(make_hub: HubFactory) -> None:
    """Publish synchronously on a hub that never connected."""
    hub = make_hub(connect=False)
    hub.subscribe("topic=test", lambda event: event["data"]["value"] * 2)
    assert hub.publish(Event("test", data={"value": 21}), synchronous=True) == [42]


def _answering(
    calls: list[str], name: str, answer: object
) -> Callable[[Event], object]:
    """Return a subscriber noting *name* in *calls* and returning *answer*."""

    def callback(event: Event) -> object:
        calls.append(name)
        return answer

    return callback


def test_every_reply_reaches_on_reply(make_hub: HubFactory) -> None:
    """Call on_reply once for each subscriber that returned a value."""
    publisher, first, second = make_hub(), make_hub(), make_hub()
    asked: list[str] = []
    first.subscribe("topic=ask", _answering(asked, "first", "one"))
    second.subscribe("topic=ask", _answering(asked, "second", {"answer": 2}))
    publisher.subscribe("topic=ask", lambda event: None)
    settle(publisher, first, second)
    replies: list[Event] = []

    publisher.publish(Event("ask"), on_reply=replies.append)
    wait_until(first, lambda: "first" in asked)
    wait_until(second, lambda: "second" in asked)
    wait_until(publisher, lambda: len(replies) == 2)
    publisher.wait(0.2)

    assert sorted(map(json.dumps, (reply["data"] for reply in replies))) == [
        '"one"',
        '{"answer": 2}',
    ]
    assert len({reply["in_reply_to_event"] for reply in replies}) == 1
    assert {reply["target"] for reply in replies} == {f"id={publisher.id}"}


def test_reply_is_delivered_only_to_the_publisher(make_hub: HubFactory) -> None:
    """Route a reply by its target to the publishing hub alone."""
    publisher, replier, other = make_hub(), make_hub(), make_hub()
    asked: list[str] = []
    replier.subscribe("topic=ask", _answering(asked, "replier", "yes"))
    seen_by_other: list[Event] = []
    other.subscribe("topic=ftrack.meta.reply", seen_by_other.append)
    settle(publisher, replier, other)
    replies: list[Event] = []

    publisher.publish(Event("ask"), on_reply=replies.append)
    wait_until(replier, lambda: asked)
    wait_until(publisher, lambda: replies)
    other.wait(0.2)
    assert seen_by_other == []


def test_target_limits_delivery_to_matching_subscribers(hub: EventHub) -> None:
    """Call only the subscribers whose metadata the target selects."""
    calls: list[str] = []
    hub.subscribe("topic=test", lambda e: calls.append("a"), {"id": "a", "role": "x"})
    hub.subscribe("topic=test", lambda e: calls.append("b"), {"id": "b", "role": "y"})
    hub.publish(Event("test", target="role=y"))
    wait_until(hub, lambda: calls)
    hub.wait(0.1)
    assert calls == ["b"]


def test_callback_error_is_logged_and_others_still_called(
    hub: EventHub, caplog: pytest.LogCaptureFixture
) -> None:
    """Log a failing subscriber and go on with the next one."""
    calls: list[str] = []

    def broken(event: Event) -> None:
        raise RuntimeError("boom")

    hub.subscribe("topic=test", broken, priority=1)
    hub.subscribe("topic=test", lambda event: calls.append("ok"), priority=2)
    assert hub.publish(Event("test"), synchronous=True) == [None]
    assert calls == ["ok"]
    assert "Error calling subscriber" in caplog.text


def test_publish_when_not_connected_raises(make_hub: HubFactory) -> None:
    """Refuse an asynchronous publish before any connection."""
    hub = make_hub(connect=False)
    with pytest.raises(EventHubConnectionError, match="not connected"):
        hub.publish(Event("test"))


def test_publish_when_not_connected_can_be_ignored(make_hub: HubFactory) -> None:
    """Swallow the error of a failed publish with on_error='ignore'."""
    hub = make_hub(connect=False)
    assert hub.publish(Event("test"), on_error="ignore") is None


def test_publish_during_connect_is_queued_then_sent_once(
    make_hub: HubFactory,
) -> None:
    """Queue events published while initialising and send them on connect."""
    hub = make_hub(connect=False)
    hub.subscribe("topic=test", lambda event: "Replied")
    replies: list[Event] = []
    hub.init_connection()
    hub.publish(Event("test"), on_reply=replies.append)
    assert hub._event_send_queue.qsize() == 1

    hub.connect()
    wait_until(hub, lambda: replies)
    hub.wait(0.2)
    assert [reply["data"] for reply in replies] == ["Replied"]
    assert hub._event_send_queue.qsize() == 0


def test_publish_logs_send_errors(
    hub: EventHub, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Log 'Error sending event <event>.' when an event cannot be sent."""

    class BrokenConnection:
        connected = True

        def send(self, packet: str) -> None:
            raise RuntimeError("cannot send")

    real = hub._connection
    monkeypatch.setattr(hub, "_connection", BrokenConnection())
    event = Event("test", data={"status": "fail"})
    hub.publish(event)
    assert f"Error sending event {event}." in [r.getMessage() for r in caplog.records]
    monkeypatch.setattr(hub, "_connection", real)


def test_publish_unserialisable_data_is_logged(
    hub: EventHub, caplog: pytest.LogCaptureFixture
) -> None:
    """Log, not raise, when event data cannot be encoded as JSON."""
    hub.publish(Event("test", data={"object": object()}))
    assert "Error sending event" in caplog.text


def test_subscribe_duplicate_identifier_raises(hub: EventHub) -> None:
    """Refuse a second subscriber with the same id."""
    hub.subscribe("topic=test", None, subscriber={"id": "dup"})
    with pytest.raises(NotUniqueError, match="dup already exists"):
        hub.subscribe("topic=test", None, subscriber={"id": "dup"})


def test_subscribe_bad_expression_raises_and_adds_nothing(hub: EventHub) -> None:
    """Raise ParseError for a bad subscription and keep no subscriber."""
    count = len(hub._subscribers)
    with pytest.raises(ParseError):
        hub.subscribe("topic=", print)
    assert len(hub._subscribers) == count


def test_unsubscribe_missing_subscriber_raises(hub: EventHub) -> None:
    """Raise NotFoundError naming the unknown subscriber id."""
    with pytest.raises(
        NotFoundError, match="missing subscriber with identifier nobody"
    ):
        hub.unsubscribe("nobody")


def test_unsubscribe_stops_delivery(make_hub: HubFactory) -> None:
    """Stop routing events to a hub once its subscriber is removed."""
    publisher, listener = make_hub(), make_hub()
    calls: list[Event] = []
    identifier = listener.subscribe("topic=test", calls.append)
    listener.unsubscribe(identifier)
    settle(listener)
    publisher.publish(Event("test"))
    listener.wait(0.3)
    assert calls == []


def test_subscribers_list_starts_with_reply_subscriber(hub: EventHub) -> None:
    """Keep the internal reply subscriber first, then subscribers in order."""

    def first(event: Event) -> None:
        """First."""

    def second(event: Event) -> None:
        """Second."""

    hub.subscribe("topic=a", first, priority=500)
    hub.subscribe("topic=b", second, priority=1)
    assert hub._subscribers[0].metadata == {"id": hub.id}
    assert [s.callback for s in hub._subscribers[1:]] == [first, second]
    assert hub.get_subscriber_by_identifier(hub.id) is hub._subscribers[0]
    assert hub.get_subscriber_by_identifier("missing") is None


def test_subscription_context_manager_unsubscribes_on_exit(hub: EventHub) -> None:
    """Subscribe inside the with block only."""
    with hub.subscription("topic=test", print, {"id": "temporary"}):
        assert hub.get_subscriber_by_identifier("temporary") is not None
    assert hub.get_subscriber_by_identifier("temporary") is None


def test_connect_twice_raises(hub: EventHub) -> None:
    """Refuse to connect a connected hub."""
    with pytest.raises(EventHubConnectionError, match="Already connected"):
        hub.connect()


def test_disconnect_when_not_connected_raises(make_hub: HubFactory) -> None:
    """Refuse to disconnect a hub that is not connected."""
    with pytest.raises(EventHubConnectionError, match="Not currently connected"):
        make_hub(connect=False).disconnect()


def test_disconnect_unsubscribes_everything(hub: EventHub) -> None:
    """Remove every subscriber, the reply subscriber included."""
    hub.subscribe("topic=test", print)
    hub.disconnect()
    assert hub._subscribers == []
    assert hub._intentional_disconnect is True
    assert hub._connection_initialised is False
    assert hub.connected is False


def test_disconnect_without_unsubscribing_keeps_subscribers(hub: EventHub) -> None:
    """Keep subscribers, and mark the connection uninitialised."""
    hub.subscribe("topic=test", print)
    hub.disconnect(unsubscribe=False)
    assert len(hub._subscribers) == 2
    assert hub._connection_initialised is False
    hub.unsubscribe(hub._subscribers[1].metadata["id"])
    assert len(hub._subscribers) == 1


def test_disconnect_with_reconnect_keeps_queueing(hub: EventHub) -> None:
    """Keep the connection initialised so that publishes queue."""
    hub.disconnect(reconnect=True)
    assert hub._connection_initialised is True
    hub.publish(Event("test"))
    assert hub._event_send_queue.qsize() == 1


def test_reconnect_resubscribes(make_hub: HubFactory) -> None:
    """Reconnect on demand and keep receiving with the same subscribers."""
    hub = make_hub()
    calls: list[Event] = []
    hub.subscribe("topic=test", calls.append)
    hub.reconnect(attempts=2, delay=0)
    assert hub.connected
    hub.publish(Event("test"))
    wait_until(hub, lambda: calls)


def test_reconnect_when_never_connected(make_hub: HubFactory) -> None:
    """Connect through reconnect() even when not connected before."""
    hub = make_hub(connect=False)
    hub.reconnect(attempts=1, delay=0)
    assert hub.connected


def test_fail_to_reconnect_names_attempts(
    make_hub: HubFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raise after the given number of failed attempts."""
    hub = make_hub()

    def refuse() -> None:
        raise OSError("refused")

    monkeypatch.setattr(hub, "_open_connection", refuse)
    with pytest.raises(EventHubConnectionError) as error:
        hub.reconnect(attempts=3, delay=0)
    assert "Failed to reconnect to event server" in str(error.value)
    assert "after 3 attempts" in str(error.value)


def test_connect_without_websocket_transport_fails(
    make_hub: HubFactory, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """Refuse a server whose handshake offers no websocket transport."""
    hub = make_hub(connect=False)
    monkeypatch.setattr(
        hub, "_get_socket_io_session", lambda: SocketIoSession("sid", "60", [])
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(EventHubConnectionError):
        hub.connect()
    assert "Server does not support websocket sessions." in caplog.text


def test_dropped_connection_reconnects_and_resubscribes(
    make_local_hub: HubFactory,
) -> None:
    """Reconnect by itself after the broker drops the connection."""
    listener, publisher = make_local_hub(), make_local_hub()
    calls: list[Event] = []
    listener.subscribe("topic=test", calls.append)
    broker = LocalBroker.for_url(listener._server_url)
    old = listener._connection

    broker.drop(old.id)
    poll(lambda: _reconnected(listener, old))
    settle(listener)

    publisher.publish(Event("test", data={"after": True}))
    wait_until(listener, lambda: calls)
    listener.wait(0.2)
    assert [event["data"] for event in calls] == [{"after": True}]


def _reconnected(hub: EventHub, old: object) -> bool:
    """Return whether *hub* is connected anew, its subscribers already sent.

    A reconnect swaps the connection and resends the subscribers while it
    holds the hub's lock, so the new connection seen under that lock has them.
    """
    with hub._lock:
        return hub._connection is not old and hub.connected


def test_wait_before_connecting_raises(make_hub: HubFactory) -> None:
    """Refuse to wait on a hub with no connection initialised."""
    with pytest.raises(EventHubConnectionError, match="connect"):
        make_hub(connect=False).wait(0.1)


def test_wait_stops_at_disconnected_event(hub: EventHub) -> None:
    """Return from wait() when a ftrack.meta.disconnected event is handled."""
    hub._event_queue.put(Event("ftrack.meta.disconnected"))
    started = time.monotonic()
    hub.wait(2 * PATIENCE)
    assert time.monotonic() - started < PATIENCE


def test_connect_queues_connected_event(hub: EventHub) -> None:
    """Turn the server's connect packet into ftrack.meta.connected."""
    seen: list[Event] = []
    hub.subscribe("topic=ftrack.meta.connected", seen.append)
    wait_until(hub, lambda: seen)
    assert seen[0]["source"]["id"] == hub.id


def test_concurrent_publishers_deliver_each_event_once(make_hub: HubFactory) -> None:
    """Deliver every event exactly once when several threads publish."""
    listener = make_hub()
    publishers = [make_hub() for _ in range(3)]
    received: list[int] = []
    listener.subscribe("topic=count", lambda event: received.append(event["data"]["n"]))
    settle(listener)

    def publish(hub: EventHub, offset: int) -> None:
        for number in range(offset, offset + 100):
            hub.publish(Event("count", data={"n": number}))

    threads = [
        threading.Thread(target=publish, args=(hub, index * 100))
        for index, hub in enumerate(publishers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wait_until(listener, lambda: len(received) >= 300)
    listener.wait(0.1)
    assert sorted(received) == list(range(300))


@pytest.mark.parametrize(
    ("server_url", "expected"),
    [
        ("https://test.example.com", "https://test.example.com"),
        ("https://test.example.com:9000", "https://test.example.com:9000"),
        ("sqlite:///studio.db", "sqlite:///studio.db"),
        ("sqlite://", "sqlite://"),
        (
            "postgresql+psycopg://user:secret@127.0.0.1:5432/test",
            "postgresql+psycopg://user@127.0.0.1:5432/test",
        ),
    ],
)
def test_get_server_url(server_url: str, expected: str) -> None:
    """Return the server URL, never with a password."""
    assert EventHub(server_url, "user", "key").get_server_url() == expected


@pytest.mark.parametrize(
    ("server_url", "location", "secure"),
    [
        ("https://test.example.com", "test.example.com", True),
        ("http://test.example.com:9000", "test.example.com:9000", False),
        ("http://[::1]:9000", "[::1]:9000", False),
    ],
)
def test_network_location_and_secure(
    server_url: str, location: str, secure: bool
) -> None:
    """Give host[:port] and whether https is used."""
    hub = EventHub(server_url, "user", "key")
    assert hub.get_network_location() == location
    assert hub.secure is secure


@pytest.mark.parametrize("server_url", ["test.example.com", "https://:9000"])
def test_server_url_needs_scheme_and_host(server_url: str) -> None:
    """Reject a server URL without scheme or host, naming it."""
    with pytest.raises(ValueError, match="server url"):
        EventHub(server_url, "user", "key")


@pytest.mark.parametrize("argument", ["headers", "cookies"])
def test_headers_and_cookies_must_be_mappings(argument: str) -> None:
    """Reject headers or cookies that are not mappings."""
    with pytest.raises(TypeError, match="Expected a mapping"):
        EventHub("https://a.example.com", "user", "key", **{argument: [("a", "b")]})


@pytest.mark.parametrize(
    "source",
    [
        {"id": "1", "user": {"username": "jane"}},
        {"user": {"username": "jane"}},
        {"id": "1"},
        None,
    ],
)
def test_prepare_event_fills_source(source: dict | None) -> None:
    """Default the source id to the hub id and the user to the API user."""
    hub = EventHub("https://a.example.com", "jane", "key")
    hub.id = "1"
    event = Event("test", id="event-id", source=source)
    hub._prepare_event(event)
    assert event == Event(
        "test", id="event-id", source={"id": "1", "user": {"username": "jane"}}
    )


def test_prepare_reply_event_targets_source() -> None:
    """Address a reply to the source hub of the original event."""
    hub = EventHub("https://a.example.com", "jane", "key")
    source_event = Event("source", source={"id": "source-id"})
    reply = Event("reply")
    hub._prepare_reply_event(reply, source_event)
    assert reply["target"] == "id=source-id"
    assert reply["in_reply_to_event"] == source_event["id"]
    hub._prepare_reply_event(reply, source_event, {"id": "replier"})
    assert reply["source"] == {"id": "replier"}


@pytest.mark.parametrize(
    "data",
    [
        {"name": "ftrack.event", "args": [Event("test", in_reply_to_event="x")]},
        {"in_reply_to_event": "x"},
    ],
)
def test_encode_uses_server_spelling(data: dict) -> None:
    """Encode in_reply_to_event as inReplyToEvent, keeping non-ASCII text."""
    hub = EventHub("https://a.example.com", "jane", "key")
    encoded = hub._encode({**data, "text": "é"})
    assert "inReplyToEvent" in encoded
    assert "in_reply_to_event" not in encoded
    assert "é" in encoded


def test_decode_uses_python_spelling() -> None:
    """Decode inReplyToEvent as in_reply_to_event."""
    hub = EventHub("https://a.example.com", "jane", "key")
    assert hub._decode(json.dumps({"inReplyToEvent": "id"})) == {
        "in_reply_to_event": "id"
    }


def test_local_broker_forgets_removed_subscribers_and_connections(
    make_local_hub: HubFactory, local_url: str
) -> None:
    """Drop routes on unsubscribe and on disconnect in the in-process broker."""
    hub = make_local_hub()
    router = LocalBroker.for_url(local_url).router
    identifier = hub.subscribe("topic=test", print)
    assert router.match({"topic": "test"})
    hub.unsubscribe(identifier)
    assert not router.match({"topic": "test"})
    hub.subscribe("topic=test", print)
    hub.disconnect(unsubscribe=False)
    assert not router.match({"topic": "test"})
    assert LocalBroker.for_url(local_url).connection_ids() == []


def test_subscribe_fills_id_into_given_metadata(hub: EventHub) -> None:
    """Add the generated id to the caller's metadata dict, as the official hub."""
    metadata = {"application": "maya"}
    identifier = hub.subscribe("topic=test", print, subscriber=metadata)
    assert metadata == {"application": "maya", "id": identifier}
    assert hub.get_subscriber_by_identifier(identifier).metadata is metadata


def test_events_queued_while_reconnecting_are_delivered_once(
    make_hub: HubFactory,
) -> None:
    """Send events published between disconnect(reconnect=True) and connect."""
    publisher, listener = make_hub(), make_hub()
    received: list[Event] = []
    listener.subscribe("topic=queued", received.append)
    publisher.subscribe("topic=queued", received.append, {"id": "own"})
    settle(publisher, listener)

    publisher.disconnect(unsubscribe=False, reconnect=True)
    for number in range(3):
        publisher.publish(Event("queued", data={"n": number}))
    assert publisher._event_send_queue.qsize() == 3
    publisher.connect()

    wait_until(listener, lambda: len(received) >= 3)
    wait_until(publisher, lambda: len(received) >= 6)
    listener.wait(0.2)
    publisher.wait(0.2)
    numbers = [event["data"]["n"] for event in received]
    assert sorted(numbers) == [0, 0, 1, 1, 2, 2]
    assert publisher._event_send_queue.qsize() == 0
