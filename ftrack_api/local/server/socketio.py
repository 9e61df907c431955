"""The event server: socket.io 0.9 over a websocket, as the ftrack clients speak it.

A client first asks ``GET /socket.io/1/`` for a session id (authenticated like
any request), then opens ``/socket.io/1/websocket/<session id>``. The server
greets it with a connect packet, sends a heartbeat every
``heartbeat_interval`` seconds and closes the connection when the client has
been silent for ``heartbeat_timeout`` seconds.

Events arrive as ``5:<n>+::{"name": "ftrack.event", "args": [<event>]}``.
``ftrack.meta.subscribe`` and ``ftrack.meta.unsubscribe`` change the
connection's subscribers; any other topic is published through the
:class:`~ftrack_api.local.server.broker.EventBroker` to every connection with
a matching subscriber, the publisher included. Each one is acknowledged with
``6:::<n>+[{"success": ...}]``. Packets of one connection are handled in the
order they arrive.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.websockets import WebSocket, WebSocketDisconnect

from ftrack_api.local.server import packet
from ftrack_api.local.server.auth import Authenticator
from ftrack_api.local.server.broker import EventBroker
from ftrack_api.local.server.packet import Packet, PacketError, PacketType

logger = logging.getLogger(__name__)

#: The only keys an event may carry on the wire: the official Python client
#: builds ``Event(**payload)`` and drops any event with another key.
EVENT_KEYS = ("topic", "id", "data", "sent", "source", "target", "inReplyToEvent")

EVENT_NAME = "ftrack.event"
SUBSCRIBE_TOPIC = "ftrack.meta.subscribe"
UNSUBSCRIBE_TOPIC = "ftrack.meta.unsubscribe"

#: Outgoing packets a connection may have waiting before it counts as stuck.
MAX_PENDING_PACKETS = 10_000

#: Close code sent when the server shuts down or drops a connection.
GOING_AWAY = 1001

#: Seconds a closing connection waits for its goodbye to be sent.
CLOSE_TIMEOUT = 5.0


class InvalidEventError(ValueError):
    """Raise when a published event is not an event object."""


def clean_event(payload: Any, username: str) -> dict[str, Any]:
    """Return the event to deliver for the published *payload*.

    Keep only the official keys, fill in the missing ones and set
    ``source.user.username`` to the authenticated *username*, so that a
    client cannot publish in another user's name.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("topic"), str):
        raise InvalidEventError(f"Invalid event {str(payload)[:200]!r}.")
    event = {key: payload[key] for key in EVENT_KEYS if key in payload}
    if "inReplyToEvent" not in event and "in_reply_to_event" in payload:
        event["inReplyToEvent"] = payload["in_reply_to_event"]
    event.setdefault("id", uuid.uuid4().hex)
    event.setdefault("data", {})
    event.setdefault("target", "")
    event.setdefault("inReplyToEvent", None)
    event.setdefault("sent", None)
    source = event.get("source")
    source = dict(source) if isinstance(source, dict) else {}
    user = source.get("user")
    source["user"] = {**(user if isinstance(user, dict) else {}), "username": username}
    event["source"] = source
    return event


class HandshakeRegistry:
    """Session ids handed out by the handshake, waiting for their websocket."""

    def __init__(self, lifetime: float = 60.0) -> None:
        self.lifetime = lifetime
        self._pending: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def create(self, username: str) -> str:
        """Return a new session id for *username*."""
        now = time.monotonic()
        session_id = secrets.token_hex(16)
        with self._lock:
            self._pending = {
                key: value for key, value in self._pending.items() if value[1] > now
            }
            self._pending[session_id] = (username, now + self.lifetime)
        return session_id

    def claim(self, session_id: str) -> str | None:
        """Return the user of *session_id* and forget it; ``None`` if unknown."""
        with self._lock:
            entry = self._pending.pop(session_id, None)
        if entry is None or entry[1] <= time.monotonic():
            return None
        return entry[0]


class EventServer:
    """Answer the socket.io handshake and run the event websockets."""

    def __init__(
        self,
        authenticator: Authenticator,
        broker: EventBroker,
        heartbeat_interval: float = 25.0,
        heartbeat_timeout: float = 60.0,
    ) -> None:
        self.authenticator = authenticator
        self.broker = broker
        self.heartbeat_interval = heartbeat_interval
        self.heartbeat_timeout = heartbeat_timeout
        self.handshakes = HandshakeRegistry(lifetime=heartbeat_timeout)
        self.connections: dict[str, EventConnection] = {}
        self._last_frame: tuple[Mapping[str, Any], str] | None = None

    async def handshake(self, request: Request) -> Response:
        """Return ``<sid>:<heartbeat>:<close>:websocket`` for a valid user."""
        username = await self.authenticator.authenticate(
            request.headers, request.query_params
        )
        if username is None:
            return PlainTextResponse("Invalid API user or key.", status_code=401)
        request.scope.setdefault("state", {})["ftrack_user"] = username
        session_id = self.handshakes.create(username)
        timeout = int(self.heartbeat_timeout)
        return PlainTextResponse(f"{session_id}:{timeout}:{timeout}:websocket")

    async def websocket(self, websocket: WebSocket) -> None:
        """Run the websocket of a session id from the handshake."""
        session_id = websocket.path_params["session_id"]
        username = self.handshakes.claim(session_id)
        if username is None:
            logger.info("Refused a websocket with an unknown session id.")
            await websocket.close(code=1008)
            return
        websocket.scope.setdefault("state", {})["ftrack_user"] = username
        await websocket.accept()
        connection = EventConnection(websocket, session_id, username, self)
        self.connections[session_id] = connection
        try:
            await connection.run()
        finally:
            self.connections.pop(session_id, None)

    def event_frame(self, event: Mapping[str, Any]) -> str:
        """Return the delivery frame of *event*, encoded once per event.

        The broker hands the same event object to every matching connection,
        so the last frame is kept and reused while the object is the same.
        """
        last = self._last_frame
        if last is not None and last[0] is event:
            return last[1]
        frame = packet.event(EVENT_NAME, event).encode()
        self._last_frame = (event, frame)
        return frame

    async def close_all(self) -> None:
        """Tell every connected client that the server goes away."""
        for connection in list(self.connections.values()):
            await connection.close()


class EventConnection:
    """One client's websocket: its packet loop, heartbeats and outbox."""

    def __init__(
        self,
        websocket: WebSocket,
        connection_id: str,
        username: str,
        server: EventServer,
    ) -> None:
        self.websocket = websocket
        self.connection_id = connection_id
        self.username = username
        self.server = server
        self._loop = asyncio.get_running_loop()
        self._outbox: asyncio.Queue[str] = asyncio.Queue(MAX_PENDING_PACKETS)
        self._closed = False
        self._tasks: list[asyncio.Task[None]] = []

    def deliver(self, event: Mapping[str, Any]) -> None:
        """Queue *event* for this client; callable from any thread."""
        frame = self.server.event_frame(event)
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._send_later(frame)
        else:
            self._loop.call_soon_threadsafe(self._send_later, frame)

    async def run(self) -> None:
        """Serve the connection until the client or the server closes it."""
        logger.info(
            "Event client %s connected as %r.", self.connection_id, self.username
        )
        self.server.broker.add_connection(self.connection_id, self.deliver)
        self._send_later(packet.CONNECT.encode())
        self._tasks = [
            asyncio.create_task(self._send_loop()),
            asyncio.create_task(self._heartbeat_loop()),
            asyncio.create_task(self._receive_loop()),
        ]
        try:
            await asyncio.wait([self._tasks[-1]])
        finally:
            self.server.broker.remove_connection(self.connection_id)
            self._closed = True
            for task in self._tasks:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            logger.info("Event client %s disconnected.", self.connection_id)

    async def close(self) -> None:
        """Stop the connection: say goodbye if the client still listens.

        The goodbye (a disconnect packet, then the close frame) gets
        ``CLOSE_TIMEOUT`` seconds, so a client that stopped reading cannot
        hold the connection open.
        """
        if self._closed:
            return
        self._closed = True
        current = asyncio.current_task()
        for task in self._tasks[:2]:
            task.cancel()
        try:
            await asyncio.wait_for(self._say_goodbye(), CLOSE_TIMEOUT)
        except (asyncio.TimeoutError, RuntimeError, OSError, WebSocketDisconnect):
            logger.debug(
                "Event client %s did not take the goodbye.", self.connection_id
            )
        for task in self._tasks[2:]:
            if task is not current:
                task.cancel()

    async def _say_goodbye(self) -> None:
        """Send a disconnect packet and close the websocket."""
        await self.websocket.send_text(packet.DISCONNECT.encode())
        await self.websocket.close(code=GOING_AWAY)

    def _send_later(self, frame: str) -> None:
        """Put *frame* in the outbox, dropping the client if it is stuck."""
        if self._closed:
            return
        try:
            self._outbox.put_nowait(frame)
        except asyncio.QueueFull:
            logger.warning(
                "Event client %s has %d packets waiting; disconnecting it.",
                self.connection_id,
                MAX_PENDING_PACKETS,
            )
            self._loop.create_task(self.close())

    async def _send_loop(self) -> None:
        """Write queued frames to the websocket, in order."""
        while True:
            frame = await self._outbox.get()
            await self.websocket.send_text(frame)

    async def _heartbeat_loop(self) -> None:
        """Queue a heartbeat every ``heartbeat_interval`` seconds."""
        while True:
            await asyncio.sleep(self.server.heartbeat_interval)
            self._send_later(packet.HEARTBEAT.encode())

    async def _receive_loop(self) -> None:
        """Handle the client's packets until it leaves or falls silent."""
        while not self._closed:
            try:
                frame = await asyncio.wait_for(
                    self.websocket.receive_text(), self.server.heartbeat_timeout
                )
            except asyncio.TimeoutError:
                logger.info("Event client %s timed out.", self.connection_id)
                await self.close()
                return
            except (WebSocketDisconnect, RuntimeError):
                return
            if not self._handle_frame(frame):
                return

    def _handle_frame(self, frame: str) -> bool:
        """Handle one packet; return ``False`` when the client disconnects."""
        try:
            received = packet.decode(frame)
        except PacketError as error:
            logger.warning("Event client %s: %s", self.connection_id, error)
            return True
        if received.type == PacketType.DISCONNECT:
            return False
        if received.type == PacketType.EVENT:
            self._handle_event(received)
        elif received.type not in (PacketType.HEARTBEAT, PacketType.CONNECT):
            logger.debug(
                "Event client %s sent an unhandled packet of type %s.",
                self.connection_id,
                received.type.name,
            )
        return True

    def _handle_event(self, received: Packet) -> None:
        """Apply a subscribe, unsubscribe or publish and acknowledge it.

        A published event is acknowledged before it is delivered, so the
        publisher sees its acknowledgement first when it is a subscriber too.
        """
        published = None
        try:
            name, args = packet.event_payload(received)
            if name != EVENT_NAME or not args:
                raise InvalidEventError(f"Unsupported event {name!r}.")
            event = clean_event(args[0], self.username)
            if event["topic"] in (SUBSCRIBE_TOPIC, UNSUBSCRIBE_TOPIC):
                self._change_subscription(event)
            else:
                published = event
            reply: dict[str, Any] = {"success": True}
        except Exception as error:  # any failure is reported back in the ack
            logger.info("Event client %s: %s", self.connection_id, error)
            reply = {"success": False, "message": str(error)}
        if received.message_id:
            self._acknowledge(received, reply)
        if published is not None:
            self._publish(published)

    def _publish(self, event: dict[str, Any]) -> None:
        """Hand *event* to the broker; a routing failure only gets logged."""
        try:
            self.server.broker.publish(event)
        except Exception:  # one bad event must not end the connection
            logger.exception("Could not route event %s.", event.get("id"))

    def _change_subscription(self, event: dict[str, Any]) -> None:
        """Apply an ``ftrack.meta.subscribe`` or ``ftrack.meta.unsubscribe``."""
        data = event["data"] if isinstance(event["data"], dict) else {}
        subscriber = data.get("subscriber")
        if not isinstance(subscriber, dict):
            raise InvalidEventError(f"Invalid subscriber {subscriber!r}.")
        if event["topic"] == UNSUBSCRIBE_TOPIC:
            self.server.broker.unsubscribe(
                self.connection_id, str(subscriber.get("id"))
            )
            return
        subscription = data.get("subscription")
        if not isinstance(subscription, str):
            raise InvalidEventError(f"Invalid subscription {subscription!r}.")
        self.server.broker.subscribe(self.connection_id, subscriber, subscription)

    def _acknowledge(self, received: Packet, reply: dict[str, Any]) -> None:
        """Queue the acknowledgement of *received* carrying *reply*."""
        if received.wants_ack_data:
            frame = packet.ack(received.ack_id, reply).encode()
        else:
            frame = Packet(PacketType.ACK, data=received.ack_id).encode()
        self._send_later(frame)
