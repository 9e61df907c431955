"""A small socket.io 0.9 event server on 127.0.0.1 for testing the hub.

It frames packets with its own code (not the hub's), routes with
:class:`ftrack_api.event.router.Router` like the real server, records what it
receives, and can refuse handshakes or drop connections on demand.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from ftrack_api.event.router import Router

HANDSHAKE_PATH = "/socket.io/1/"
WEBSOCKET_PATH = "/socket.io/1/websocket/"


class SocketIoTestServer:
    """Serve the socket.io 0.9 handshake and websocket in a background thread."""

    def __init__(self, transports: str = "websocket,xhr-polling") -> None:
        self.transports = transports
        self.router = Router()
        self.accept_handshakes = threading.Event()
        self.accept_handshakes.set()
        self.handshake_headers: list[Headers] = []
        self.websocket_headers: list[Headers] = []
        self.received: list[str] = []
        self.connections: dict[str, ServerConnection] = {}
        self.subscriber_sessions: dict[str, str] = {}
        self.closed_sessions: list[str] = []
        self._lock = threading.Lock()
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Return the http URL clients connect to."""
        assert self._server is not None
        port = self._server.socket.getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> SocketIoTestServer:
        """Start serving on a free port of 127.0.0.1."""
        self._server = serve(
            self._handle,
            "127.0.0.1",
            0,
            process_request=self._process_request,
            compression=None,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every connection and stop serving."""
        for connection in self.open_connections():
            connection.close()
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(5)

    def open_connections(self) -> list[ServerConnection]:
        """Return the open websocket connections."""
        with self._lock:
            return list(self.connections.values())

    def drop(self, session_id: str) -> None:
        """Close one client's websocket from the server side."""
        with self._lock:
            connection = self.connections.get(session_id)
        assert connection is not None, f"no connection {session_id!r}"
        connection.close()

    def send(self, session_id: str, packet: str) -> None:
        """Send a raw packet to one client."""
        with self._lock:
            connection = self.connections[session_id]
        connection.send(packet)

    def received_events(self, topic: str) -> list[dict[str, Any]]:
        """Return the events with *topic* that clients sent, in order."""
        events = []
        for packet in list(self.received):
            code, _, _, data = packet.split(":", 3)
            if code == "5":
                event = json.loads(data)["args"][0]
                if event.get("topic") == topic:
                    events.append(event)
        return events

    def _process_request(
        self, connection: ServerConnection, request: Request
    ) -> Response | None:
        if request.path.startswith(WEBSOCKET_PATH):
            self.websocket_headers.append(request.headers)
            return None
        if request.path != HANDSHAKE_PATH:
            return connection.respond(404, "Not found\n")
        self.handshake_headers.append(request.headers)
        if not self.accept_handshakes.is_set():
            return connection.respond(503, "Unavailable\n")
        return connection.respond(200, f"{uuid.uuid4().hex}:60:60:{self.transports}")

    def _handle(self, connection: ServerConnection) -> None:
        session_id = connection.request.path[len(WEBSOCKET_PATH) :]
        with self._lock:
            self.connections[session_id] = connection
        try:
            _send_quietly(connection, "1::")
            for message in connection:
                assert isinstance(message, str)
                self.received.append(message)
                self._handle_packet(session_id, connection, message)
        finally:
            with self._lock:
                self.connections.pop(session_id, None)
            self.router.remove_connection(session_id)
            self.closed_sessions.append(session_id)

    def _handle_packet(
        self, session_id: str, connection: ServerConnection, message: str
    ) -> None:
        code, identifier, _, data = (message.split(":", 3) + ["", "", ""])[:4]
        if code != "5":
            return
        event = json.loads(data)["args"][0]
        reply = self._apply(session_id, event)
        if identifier.endswith("+"):
            _send_quietly(connection, f"6:::{identifier[:-1]}+{json.dumps([reply])}")

    def _apply(self, session_id: str, event: dict[str, Any]) -> dict[str, Any]:
        topic = event["topic"]
        if topic == "ftrack.meta.subscribe":
            subscriber = event["data"]["subscriber"]
            self.router.add_subscription(
                session_id, subscriber, event["data"]["subscription"]
            )
            self.subscriber_sessions[subscriber["id"]] = session_id
        elif topic == "ftrack.meta.unsubscribe":
            self.router.remove_subscriber(session_id, event["data"]["subscriber"]["id"])
        else:
            packet = "5:::" + json.dumps({"name": "ftrack.event", "args": [event]})
            for receiver in self.router.match(event):
                with self._lock:
                    target = self.connections.get(str(receiver))
                if target is not None:
                    _send_quietly(target, packet)
        return {"success": True}


def _send_quietly(connection: ServerConnection, packet: str) -> None:
    """Send *packet*, ignoring a connection that closed meanwhile."""
    try:
        connection.send(packet)
    except ConnectionClosed:
        pass
