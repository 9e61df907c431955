"""Tests for the socket.io 0.9 event server, driven with raw frames."""

from __future__ import annotations

import json
import time
import uuid

import pytest
import requests
import websocket
from server_helpers import PATIENCE, Served, SocketClient

from ftrack_api.local.server import socketio


def _client(served: Served) -> SocketClient:
    return SocketClient(served.url, served.headers)


@pytest.mark.parametrize(
    "how", ["headers", "username/apiKey query", "api_user/api_key query"]
)
def test_handshake_accepts_every_credential_form(served: Served, how: str) -> None:
    """The handshake answers sid:heartbeat:close:websocket for valid credentials."""
    headers, params = {}, {}
    if how == "headers":
        headers = served.headers
    elif how.startswith("username"):
        params = served.query
    else:
        params = {"api_user": served.username, "api_key": served.api_key}

    reply = requests.get(
        f"{served.url}/socket.io/1/", headers=headers, params=params, timeout=PATIENCE
    )

    assert reply.status_code == 200
    parts = reply.text.split(":")
    assert len(parts) == 4
    assert "websocket" in parts[3].split(",")


@pytest.mark.parametrize("key", [None, "wrong key"])
def test_handshake_refuses_missing_or_wrong_credentials(
    served: Served, key: str | None
) -> None:
    """Without a valid API key there is no session id."""
    headers = (
        {} if key is None else {"ftrack-user": served.username, "ftrack-api-key": key}
    )

    reply = requests.get(
        f"{served.url}/socket.io/1/", headers=headers, timeout=PATIENCE
    )

    assert reply.status_code == 401


def test_websocket_with_an_unknown_session_id_is_refused(served: Served) -> None:
    """Only session ids from a handshake open a websocket."""
    address = served.url.replace("http://", "ws://")

    with pytest.raises(websocket.WebSocketException):
        connection = websocket.create_connection(
            f"{address}/socket.io/1/websocket/{uuid.uuid4().hex}", timeout=PATIENCE
        )
        connection.recv()


def test_connection_starts_with_a_connect_packet_and_gets_heartbeats(
    served: Served,
) -> None:
    """The server greets with 1:: and then sends 2:: heartbeats."""
    client = _client(served)

    heartbeat = client.receive(lambda frame: frame.startswith("2:"))

    assert client.greeting == "1::"
    assert heartbeat == "2::"
    client.close()


def test_published_event_comes_back_to_the_publisher_with_official_keys_only(
    served: Served,
) -> None:
    """A matching subscriber on the publishing connection receives the event."""
    client = _client(served)
    client.subscribe("topic=test.loopback")

    reply = client.call(
        {"topic": "test.loopback", "id": "e1", "data": {"n": 1}, "extra": "dropped"}
    )
    event = client.receive_event()

    assert reply["success"] is True
    assert event["id"] == "e1"
    assert event["data"] == {"n": 1}
    assert set(event) <= {
        "topic",
        "id",
        "data",
        "sent",
        "source",
        "target",
        "inReplyToEvent",
    }
    assert event["source"]["user"]["username"] == served.username
    client.close()


def test_events_go_only_to_connections_with_a_matching_subscriber(
    served: Served,
) -> None:
    """Routing follows the subscription expressions, data fields included."""
    publisher, interested, other = _client(served), _client(served), _client(served)
    interested.subscribe("topic=test.route and data.kind=shot")
    other.subscribe("topic=test.route and data.kind=asset")

    publisher.call({"topic": "test.route", "data": {"kind": "shot"}, "id": "r1"})

    assert interested.receive_event()["id"] == "r1"
    assert not [f for f in other.frames_for(0.5) if f.startswith("5:")]
    for client in (publisher, interested, other):
        client.close()


def test_target_limits_delivery_to_the_named_subscriber(served: Served) -> None:
    """A reply targeted at one hub id reaches only that hub's subscriber."""
    asker, bystander, replier = _client(served), _client(served), _client(served)
    asker.subscribe("topic=ftrack.meta.reply", subscriber_id="asker-hub")
    bystander.subscribe("topic=ftrack.meta.reply", subscriber_id="other-hub")

    replier.call(
        {
            "topic": "ftrack.meta.reply",
            "target": "id=asker-hub",
            "inReplyToEvent": "q1",
            "data": {"answer": 42},
        }
    )

    reply = asker.receive_event()
    assert reply["inReplyToEvent"] == "q1"
    assert reply["data"] == {"answer": 42}
    assert not [f for f in bystander.frames_for(0.5) if f.startswith("5:")]
    for client in (asker, bystander, replier):
        client.close()


def test_unsubscribe_stops_delivery(served: Served) -> None:
    """After ftrack.meta.unsubscribe the connection gets no more events."""
    client = _client(served)
    subscriber_id = client.subscribe("topic=test.unsubscribe")

    reply = client.call(
        {
            "topic": "ftrack.meta.unsubscribe",
            "data": {"subscriber": {"id": subscriber_id}},
        }
    )
    client.call({"topic": "test.unsubscribe"})

    assert reply["success"] is True
    assert not [f for f in client.frames_for(0.5) if f.startswith("5:")]
    client.close()


def test_bad_subscription_is_acknowledged_with_failure(served: Served) -> None:
    """An unparsable expression gets success false and keeps the connection."""
    client = _client(served)

    reply = client.call(
        {
            "topic": "ftrack.meta.subscribe",
            "data": {"subscriber": {"id": "s"}, "subscription": "topic=(("},
        }
    )

    assert reply["success"] is False
    assert client.call({"topic": "still.alive"})["success"] is True
    client.close()


def test_packets_of_one_connection_are_handled_in_order(served: Served) -> None:
    """A subscribe followed at once by publishes sees every one of them."""
    client = _client(served)
    client.emit(
        {
            "topic": "ftrack.meta.subscribe",
            "data": {"subscriber": {"id": "s"}, "subscription": "topic=test.order"},
        }
    )
    for number in range(20):
        client.emit({"topic": "test.order", "data": {"n": number}})

    numbers = [client.receive_event()["data"]["n"] for _ in range(20)]

    assert numbers == list(range(20))
    client.close()


def test_silent_client_is_disconnected_after_the_heartbeat_timeout(
    backend: object, tmp_path
) -> None:
    """A client that never answers heartbeats is dropped."""
    from server_helpers import serve

    for served in serve(
        backend, tmp_path / "s", heartbeat_interval=0.1, heartbeat_timeout=0.5
    ):
        client = _client(served)
        client.socket.settimeout(2 * PATIENCE)
        started = time.monotonic()
        with pytest.raises(websocket.WebSocketConnectionClosedException):
            while time.monotonic() - started < 2 * PATIENCE:
                client.socket.recv()
        assert time.monotonic() - started < PATIENCE


def test_event_payload_is_json_with_non_ascii_text(served: Served) -> None:
    """Non-ASCII data survives the round trip unchanged."""
    client = _client(served)
    client.subscribe("topic=test.text")

    client.call({"topic": "test.text", "data": {"name": "plan séquence 東京"}})

    assert client.receive_event()["data"]["name"] == "plan séquence 東京"
    assert json.dumps(client.call({"topic": "x"}))
    client.close()


def test_javascript_style_connection_with_query_credentials_works(
    served: Served,
) -> None:
    """Credentials as api_user/api_key query parameters on both URLs work."""
    params = {"api_user": served.username, "api_key": served.api_key}
    handshake = requests.get(
        f"{served.url}/socket.io/1/", params=params, timeout=PATIENCE
    )
    session_id = handshake.text.split(":")[0]
    address = served.url.replace("http://", "ws://")
    query = f"api_user={served.username}&api_key={served.api_key}"

    connection = websocket.create_connection(
        f"{address}/socket.io/1/websocket/{session_id}?{query}", timeout=PATIENCE
    )

    assert connection.recv() == "1::"
    connection.send("2::")
    connection.close()


def test_client_that_stops_reading_is_dropped_without_blocking_others(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A subscriber whose outbox overflows is disconnected; the rest go on."""
    monkeypatch.setattr(socketio, "MAX_PENDING_PACKETS", 20)
    monkeypatch.setattr(socketio, "CLOSE_TIMEOUT", 0.5)
    stuck, publisher = _client(served), _client(served)
    stuck.subscribe("topic=test.flood")
    stuck_id = stuck.session_id
    connections = served.thread.app.state.events.connections
    payload = "x" * 65536

    for _ in range(400):
        publisher.emit({"topic": "test.flood", "data": {"payload": payload}})
        if stuck_id not in connections:
            break

    assert publisher.call({"topic": "test.after"})["success"] is True
    deadline = time.monotonic() + PATIENCE
    while stuck_id in connections and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stuck_id not in connections
    publisher.close()
    stuck.close()
