"""Deliver events between hubs of one process when there is no server.

A session on the embedded backend in-process (a ``sqlite:`` or
``postgresql:`` server URL) has no event server to connect to. Its hub
connects instead to the :class:`LocalBroker` of that URL, which plays the
server's part inside the process: it answers the handshake, keeps the
subscriptions of every connected hub in a
:class:`~ftrack_api.event.router.Router`, acknowledges packets and routes each
published event to every hub with a matching subscriber, the publisher
included.

The broker and the hub exchange the same socket.io 0.9 packets (JSON text) as
over a websocket, through a :class:`LocalConnection` with the websocket's
``send``/``recv``/``close`` surface. So the hub runs one code path whatever
the transport, events cross as JSON exactly as they would through a server,
and every receiver gets its own copy.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from collections.abc import Mapping
from typing import Any

from ftrack_api.event.router import Router
from ftrack_api.event.socketio import (
    EVENT_NAME,
    PacketType,
    decode_packet,
    encode_packet,
)
from ftrack_api.exception import EventHubPacketError, ParseError

logger = logging.getLogger(__name__)

#: The keys an event may carry on the wire; others are not forwarded.
WIRE_EVENT_KEYS = ("topic", "id", "data", "sent", "source", "target", "inReplyToEvent")

_CLOSED = object()


class LocalConnectionClosedError(ConnectionError):
    """Raise when a closed local connection is used."""


class LocalConnection:
    """Carry packets between one hub and its :class:`LocalBroker`."""

    def __init__(self, broker: LocalBroker, connection_id: str) -> None:
        self.id = connection_id
        self._broker = broker
        self._inbound: queue.Queue[object] = queue.Queue()
        self._closed = threading.Event()

    @property
    def connected(self) -> bool:
        """Return whether the connection is open."""
        return not self._closed.is_set()

    def send(self, packet: str) -> None:
        """Hand *packet* to the broker."""
        if self._closed.is_set():
            raise LocalConnectionClosedError(f"Local connection {self.id} is closed.")
        self._broker.receive(self.id, packet)

    def recv(self) -> str:
        """Return the next packet from the broker, waiting for one."""
        item = self._inbound.get()
        if item is _CLOSED:
            self._inbound.put(_CLOSED)
            raise LocalConnectionClosedError(f"Local connection {self.id} is closed.")
        assert isinstance(item, str)
        return item

    def close(self, **_options: Any) -> None:
        """Close the connection from the hub's side."""
        if self._end():
            self._broker.forget(self.id)

    abort = close

    def deliver(self, packet: str) -> None:
        """Queue *packet* for the hub to receive."""
        if not self._closed.is_set():
            self._inbound.put(packet)

    def _end(self) -> bool:
        """Mark the connection closed and wake the reader; return if it was open."""
        if self._closed.is_set():
            return False
        self._closed.set()
        self._inbound.put(_CLOSED)
        return True


class LocalBroker:
    """Route events between the hubs of this process on one server URL."""

    _registry: dict[str, LocalBroker] = {}
    _registry_lock = threading.Lock()

    def __init__(self, url: str) -> None:
        self.url = url
        self.router = Router()
        self._connections: dict[str, LocalConnection] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_url(cls, url: str) -> LocalBroker:
        """Return the broker shared by every hub of this process on *url*."""
        with cls._registry_lock:
            broker = cls._registry.get(url)
            if broker is None:
                broker = cls._registry[url] = cls(url)
            return broker

    def handshake(self) -> str:
        """Return a new session id for :meth:`open`."""
        return uuid.uuid4().hex

    def open(self, session_id: str) -> LocalConnection:
        """Open the connection of handshake *session_id* and greet it."""
        connection = LocalConnection(self, session_id)
        with self._lock:
            self._connections[session_id] = connection
        connection.deliver(encode_packet(PacketType.CONNECT.value))
        return connection

    def drop(self, connection_id: str) -> None:
        """Close a connection from the broker's side, as a server going away."""
        with self._lock:
            connection = self._connections.get(connection_id)
        if connection is not None and connection._end():
            self.forget(connection_id)

    def connection_ids(self) -> list[str]:
        """Return the ids of the open connections."""
        with self._lock:
            return list(self._connections)

    def forget(self, connection_id: str) -> None:
        """Remove a closed connection and its subscriptions."""
        with self._lock:
            self._connections.pop(connection_id, None)
        self.router.remove_connection(connection_id)

    def receive(self, connection_id: str, text: str) -> None:
        """Handle one packet sent by the hub of *connection_id*."""
        try:
            packet = decode_packet(text)
        except EventHubPacketError as error:
            logger.debug("Ignoring packet from %s: %s", connection_id, error)
            return

        if packet.code == PacketType.EVENT.value:
            self._receive_event(connection_id, packet.identifier, packet.data)
        elif packet.code == PacketType.DISCONNECT.value:
            self.drop(connection_id)

    def _receive_event(self, connection_id: str, identifier: str, data: str) -> None:
        """Apply one ``ftrack.event`` packet and acknowledge it."""
        try:
            payload = json.loads(data)
            name, (event,) = payload["name"], payload["args"]
            if name != EVENT_NAME or not isinstance(event, Mapping):
                raise ValueError(f"not an {EVENT_NAME} packet")
            reply = self._apply(connection_id, event)
        except (ValueError, KeyError, TypeError) as error:
            reply = {"success": False, "message": f"Invalid event packet: {error}"}
        if identifier:
            self._acknowledge(connection_id, identifier, reply)

    def _apply(self, connection_id: str, event: Mapping[str, Any]) -> dict[str, Any]:
        """Subscribe, unsubscribe or route *event*; return the acknowledgement."""
        topic = event.get("topic")
        data = event.get("data") or {}
        try:
            if topic == "ftrack.meta.subscribe":
                self.router.add_subscription(
                    connection_id, data["subscriber"], data["subscription"]
                )
            elif topic == "ftrack.meta.unsubscribe":
                self.router.remove_subscriber(connection_id, data["subscriber"]["id"])
            else:
                self._route(event)
        except (ParseError, ValueError, KeyError, TypeError) as error:
            return {"success": False, "message": str(error)}
        return {"success": True}

    def _route(self, event: Mapping[str, Any]) -> None:
        """Send *event* to every connection with a matching subscriber."""
        wire_event = {key: event[key] for key in WIRE_EVENT_KEYS if key in event}
        packet = encode_packet(
            PacketType.EVENT.value,
            data=json.dumps(
                {"name": EVENT_NAME, "args": [wire_event]}, ensure_ascii=False
            ),
        )
        matched = self.router.match(wire_event)
        with self._lock:
            receivers = [self._connections.get(str(match)) for match in matched]
        for receiver in receivers:
            if receiver is not None:
                receiver.deliver(packet)

    def _acknowledge(
        self, connection_id: str, identifier: str, reply: dict[str, Any]
    ) -> None:
        """Send the acknowledgement of packet *identifier*."""
        with self._lock:
            connection = self._connections.get(connection_id)
        if connection is None:
            return
        number = identifier.rstrip("+")
        data = f"{number}+{json.dumps([reply])}" if identifier.endswith("+") else number
        connection.deliver(encode_packet(PacketType.ACKNOWLEDGE.value, data=data))
