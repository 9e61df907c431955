"""Publish events and call subscribers: the client side of the event server.

Against an ``http(s)://`` server the hub speaks socket.io 0.9 over a
websocket (``websocket-client``): a handshake ``GET /socket.io/1/`` returns
``<session id>:<heartbeat>:<close>:<transports>``, then packets travel on
``ws(s)://<host>/socket.io/1/websocket/<session id>``. Against a database URL
(the embedded backend in-process) the same packets travel through the
process's :class:`~ftrack_api.event.local.LocalBroker` for that URL.

Received events are only queued by the background thread; :meth:`EventHub.wait`
hands them to subscribers, in ascending priority order. Asynchronous publishes
go through the server (or broker) and come back to every hub with a matching
subscriber, the publisher included. Synchronous publishes call this hub's own
subscribers directly and return their results.
"""

from __future__ import annotations

import collections
import functools
import json
import logging
import queue
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from ftrack_api.event import expression
from ftrack_api.event.base import EVENT_KEYS, Event
from ftrack_api.event.socketio import (
    EVENT_NAME,
    Packet,
    PacketType,
    decode_packet,
    encode_packet,
)
from ftrack_api.event.subscriber import Subscriber
from ftrack_api.exception import (
    EventHubConnectionError,
    EventHubPacketError,
    NotFoundError,
    NotUniqueError,
    ParseError,
)

if TYPE_CHECKING:
    import requests

#: Database URL schemes served by the in-process broker.
LOCAL_SCHEMES = frozenset({"sqlite", "postgresql", "postgres"})

#: How many ``on_reply`` callbacks are kept; the oldest go first.
MAXIMUM_REPLY_CALLBACKS = 10_000

#: Topics of the subscription bookkeeping the hub sends the server.
SUBSCRIPTION_TOPICS = frozenset({"ftrack.meta.subscribe", "ftrack.meta.unsubscribe"})

Callback = Callable[[Event], Any]


class SocketIoSession(NamedTuple):
    """The server's answer to the socket.io handshake."""

    id: str
    heartbeatTimeout: str  # noqa: N815 - official field name
    supportedTransports: list[str]  # noqa: N815 - official field name


class ServerDetails(NamedTuple):
    """The parts of the server URL the hub connects to."""

    scheme: str
    hostname: str
    port: int | None


def is_local_url(server_url: str) -> bool:
    """Return whether *server_url* names a database for the in-process broker."""
    scheme = urllib.parse.urlsplit(server_url).scheme.lower()
    return scheme.split("+", 1)[0] in LOCAL_SCHEMES


def _connection_errors() -> tuple[type[BaseException], ...]:
    """Return the errors that mean the connection is gone, not a bad event.

    ``websocket`` is only loaded once a websocket connection was opened, so
    until then an in-process connection can only fail with ``OSError``.
    """
    websocket = sys.modules.get("websocket")
    if websocket is None:
        return (OSError,)
    return (OSError, websocket.WebSocketException)


def _as_dict(mapping: Mapping[str, Any] | None, name: str) -> dict[str, Any]:
    if mapping is None:
        return {}
    if not isinstance(mapping, Mapping):
        raise TypeError(f"Expected a mapping for {name}, got {mapping!r}.")
    return dict(mapping)


class EventHub:
    """Manage subscriptions and route events through the event server."""

    def __init__(
        self,
        server_url: str,
        api_user: str,
        api_key: str,
        headers: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
        timeout: float = 60,
        requests_session: requests.Session | None = None,
    ) -> None:
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.id = uuid.uuid4().hex
        self._server_url = server_url
        self._api_user = api_user
        self._api_key = api_key
        self._timeout = timeout
        self._headers = _as_dict(headers, "headers")
        self._cookies = _as_dict(cookies, "cookies")
        self._local = is_local_url(server_url)
        self.server = self._parse_server_url(server_url)

        self._lock = threading.RLock()
        self._connection: Any = None
        self._processor_thread: _ProcessorThread | None = None
        self._connection_initialised = False
        self._intentional_disconnect = False
        self._auto_reconnect_attempts = 30
        self._auto_reconnect_delay: float = 10
        self._wait_timeout: float = 4

        self._subscribers: list[Subscriber] = []
        self._ordered_subscribers: list[Subscriber] | None = None
        self._reply_callbacks: collections.OrderedDict[str, Callback] = (
            collections.OrderedDict()
        )
        self._packet_callbacks: dict[int, Callable[..., Any]] = {}
        self._packet_counter = 0
        self._event_queue: queue.Queue[Event] = queue.Queue()
        self._event_send_queue: queue.Queue[tuple[Event, Any, Any]] = queue.Queue()
        self._expression_parser = expression.Parser()
        self._requests = requests_session
        self._owns_requests = requests_session is None

    def _parse_server_url(self, server_url: str) -> ServerDetails:
        """Return the scheme, host and port of *server_url*, checking them."""
        parts = urllib.parse.urlsplit(server_url)
        if not parts.scheme:
            raise ValueError(
                f"Could not determine scheme from server url {server_url!r}."
            )
        if not self._local and not parts.hostname:
            raise ValueError(
                f"Could not determine hostname from server url {server_url!r}."
            )
        return ServerDetails(parts.scheme, parts.hostname or "", parts.port)

    # Server details.

    def get_server_url(self) -> str:
        """Return the URL of the server (without any password)."""
        if self._local:
            parts = urllib.parse.urlsplit(self._server_url)
            if parts.password is None:
                return self._server_url
            return urllib.parse.urlunsplit(
                parts._replace(netloc=self.get_network_location())
            )
        return f"{self.server.scheme}://{self.get_network_location()}"

    def get_network_location(self) -> str:
        """Return the host name of the server, with the port when given."""
        location = self.server.hostname
        if ":" in location:
            location = f"[{location}]"
        if self._local:
            username = urllib.parse.urlsplit(self._server_url).username
            location = f"{username}@{location}" if username else location
        if self.server.port:
            return f"{location}:{self.server.port}"
        return location

    @property
    def secure(self) -> bool:
        """Return whether the connection is encrypted (https)."""
        return self.server.scheme == "https"

    # Connection.

    def init_connection(self) -> None:
        """Mark the connection as coming, so that publishes queue until then."""
        self.logger.debug("Connection initialised.")
        self._connection_initialised = True

    @property
    def connected(self) -> bool:
        """Return whether the hub is connected to the server."""
        connection = self._connection
        return connection is not None and bool(connection.connected)

    def connect(self) -> None:
        """Connect to the server, then resubscribe and send queued events.

        Raise :class:`~ftrack_api.exception.EventHubConnectionError` when
        already connected, when the connection fails, or when
        :meth:`disconnect` is called while the connection is being opened (the
        new connection is then closed, so the hub stays disconnected).
        """
        if not self._connection_initialised:
            self.init_connection()
        with self._lock:
            if self.connected:
                raise EventHubConnectionError("Already connected.")
            self._intentional_disconnect = False

        try:
            connection = self._open_connection()
        except Exception as error:
            server_url = self.get_server_url()
            self.logger.debug(
                "Failed to connect to event server at %s: %s",
                server_url,
                error,
                exc_info=True,
            )
            raise EventHubConnectionError(
                "Failed to connect to event server at {server_url}: {error}",
                details={"server_url": server_url, "error": error},
            ) from error

        with self._lock:
            if self._intentional_disconnect:
                self._abandon(connection)
            self._connection = connection
            self._processor_thread = _ProcessorThread(self, connection)
            self._processor_thread.start()
            self._ensure_reply_subscriber()
            for subscriber in list(self._subscribers):
                self._notify_server_about_subscriber(subscriber)
            self._flush_send_queue()

    def _open_connection(self) -> Any:
        """Return a new open connection (websocket or local) to the server."""
        session = self._get_socket_io_session()
        if "websocket" not in session.supportedTransports:
            raise ValueError("Server does not support websocket sessions.")
        if self._local:
            from ftrack_api.event.local import LocalBroker

            return LocalBroker.for_url(self._server_url).open(session.id)

        import websocket

        scheme = "wss" if self.secure else "ws"
        url = f"{scheme}://{self.get_network_location()}/socket.io/1/websocket/"
        cookie = ";".join(f"{name}={value}" for name, value in self._cookies.items())
        return websocket.create_connection(
            url + session.id,
            timeout=self._timeout,
            enable_multithread=True,
            header=self._headers,
            cookie=cookie or None,
        )

    def _get_socket_io_session(self) -> SocketIoSession:
        """Perform the socket.io handshake and return the server's session."""
        if self._local:
            from ftrack_api.event.local import LocalBroker

            session_id = LocalBroker.for_url(self._server_url).handshake()
            return SocketIoSession(session_id, str(self._timeout), ["websocket"])

        import requests

        url = f"{self.server.scheme}://{self.get_network_location()}/socket.io/1/"
        headers = {"ftrack-user": self._api_user, "ftrack-api-key": self._api_key}
        headers.update(self._headers)
        if self._requests is None:
            self._requests = requests.Session()
        try:
            response = self._requests.get(
                url, headers=headers, cookies=self._cookies, timeout=self._timeout
            )
        except requests.exceptions.RequestException as error:
            raise EventHubConnectionError(
                "Failed to connect to server {url}: {error}",
                details={"url": url, "error": error},
            ) from error
        if response.status_code != 200:
            raise EventHubConnectionError(
                "Received unexpected status code {status} from {url}.",
                details={"status": response.status_code, "url": url},
            )
        return self._parse_handshake(response.text)

    def _parse_handshake(self, text: str) -> SocketIoSession:
        """Return the session of handshake reply *text*."""
        parts = text.split(":")
        if len(parts) < 4 or not parts[0]:
            raise EventHubConnectionError(
                "Invalid socket.io handshake reply {reply!r}.",
                details={"reply": text[:200]},
            )
        return SocketIoSession(parts[0], parts[1], parts[3].strip().split(","))

    def _abandon(self, connection: Any) -> None:
        """Close a connection opened while :meth:`disconnect` was called; raise."""
        self.logger.debug("Disconnected while connecting; closing the connection.")
        self._close_connection(connection)
        if not self._connection_initialised:
            self._close_requests()
        raise EventHubConnectionError("Disconnected while connecting.")

    def disconnect(self, unsubscribe: bool = True, reconnect: bool = False) -> None:
        """Disconnect from the server.

        With *unsubscribe*, every subscriber is removed first (and the server
        told). With *reconnect*, events published meanwhile are queued and
        sent on the next connection. Raise
        :class:`~ftrack_api.exception.EventHubConnectionError` when not
        connected.
        """
        with self._lock:
            connected = self.connected
            self._intentional_disconnect = True
            if not reconnect:
                self._connection_initialised = False
        if not connected:
            raise EventHubConnectionError("Not currently connected.")

        if unsubscribe:
            for subscriber in list(self._subscribers):
                self.unsubscribe(subscriber.metadata["id"])

        with self._lock:
            connection, self._connection = self._connection, None
            thread, self._processor_thread = self._processor_thread, None
        self._shut_down(connection, thread)
        if not reconnect:
            self._close_requests()

    def _close_requests(self) -> None:
        """Close the HTTP session of the handshake when the hub made it."""
        if self._owns_requests and self._requests is not None:
            self._requests.close()
            self._requests = None

    def _shut_down(self, connection: Any, thread: _ProcessorThread | None) -> None:
        """Stop *thread* and close *connection*, letting sent packets land.

        Closing a socket that still has unread data resets the connection,
        and the server may then drop packets it has not read yet (such as the
        last unsubscriptions). So the hub asks the server to close, lets the
        reader drain until the server does, and only then closes the socket.
        """
        if thread is None or thread is threading.current_thread():
            self._close_connection(connection)
            return

        thread.cancel()
        if hasattr(connection, "send_close"):
            try:
                connection.send_close()
            except Exception as error:
                self.logger.debug("Error asking the server to close: %s", error)
            else:
                thread.join(self._wait_timeout)
        self._close_connection(connection)
        thread.join(self._wait_timeout)

    def _close_connection(self, connection: Any) -> None:
        """Close *connection* at once, waking its reader and freeing the socket."""
        try:
            connection.close(timeout=0)
        except Exception as error:
            self.logger.debug("Error closing connection: %s", error)
        shutdown = getattr(connection, "shutdown", None)
        if shutdown is not None:
            try:
                shutdown()
            except Exception as error:
                self.logger.debug("Error shutting the socket down: %s", error)

    def reconnect(self, attempts: int = 10, delay: float = 5) -> None:
        """Reconnect, keeping the subscribers; try *attempts* times, *delay* apart.

        Raise :class:`~ftrack_api.exception.EventHubConnectionError` when
        every attempt fails, or when :meth:`disconnect` is called meanwhile.
        """
        try:
            self.disconnect(unsubscribe=False, reconnect=True)
        except EventHubConnectionError:
            self._connection_initialised = True

        for attempt in range(1, attempts + 1):
            if attempt > 1 and self._intentional_disconnect:
                raise EventHubConnectionError(
                    "Stopped reconnecting to event server at {server_url}: "
                    "disconnected meanwhile.",
                    details={"server_url": self.get_server_url()},
                )
            try:
                self.connect()
            except EventHubConnectionError as error:
                self.logger.debug(
                    "Reconnect attempt %s of %s failed: %s", attempt, attempts, error
                )
                if attempt < attempts:
                    time.sleep(delay)
            else:
                return
        raise EventHubConnectionError(
            "Failed to reconnect to event server at {server_url} after "
            "{attempts} attempts.",
            details={"server_url": self.get_server_url(), "attempts": attempts},
        )

    def wait(self, duration: float | None = None) -> None:
        """Handle received events until *duration* seconds pass.

        Without *duration*, handle events until the hub is disconnected for
        good. Raise :class:`~ftrack_api.exception.EventHubConnectionError`
        when no connection was ever initialised.
        """
        if not self._connection_initialised:
            raise EventHubConnectionError(
                "Event hub does not have a connection to the event server and "
                "can only handle synchronous events; call connect() first."
            )

        deadline = None if duration is None else time.monotonic() + duration
        while True:
            remaining = 1.0 if deadline is None else deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                event = self._event_queue.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                continue
            self._handle(event)
            if event["topic"] == "ftrack.meta.disconnected":
                return

    # Subscribers.

    def get_subscriber_by_identifier(self, identifier: str) -> Subscriber | None:
        """Return the subscriber with *identifier*, or ``None``."""
        for subscriber in list(self._subscribers):
            if subscriber.metadata.get("id") == identifier:
                return subscriber
        return None

    def subscribe(
        self,
        subscription: str,
        callback: Callback | None,
        subscriber: Mapping[str, Any] | None = None,
        priority: int = 100,
    ) -> str:
        """Call *callback* for events *subscription* selects; return its id.

        *subscriber* is metadata describing the subscriber; its ``id`` is
        generated when missing. Lower *priority* numbers are called first.
        Raise :class:`~ftrack_api.exception.NotUniqueError` when the id is
        taken and :class:`~ftrack_api.exception.ParseError` for a bad
        *subscription*.
        """
        added = self._add_subscriber(subscription, callback, subscriber, priority)
        if self.connected:
            self._notify_server_about_subscriber(added)
        else:
            self.logger.debug(
                "Server not told of subscriber %s yet: not connected.",
                added.metadata["id"],
            )
        return str(added.metadata["id"])

    def _add_subscriber(
        self,
        subscription: str,
        callback: Callback | None,
        subscriber: Mapping[str, Any] | None = None,
        priority: int = 100,
        first: bool = False,
    ) -> Subscriber:
        """Store a subscriber locally and return it."""
        metadata = subscriber if isinstance(subscriber, dict) else None
        if metadata is None:
            metadata = _as_dict(subscriber, "subscriber")
        metadata.setdefault("id", uuid.uuid4().hex)
        added = Subscriber(subscription, callback, metadata, priority)
        with self._lock:
            if self.get_subscriber_by_identifier(metadata["id"]) is not None:
                raise NotUniqueError(
                    "Subscriber with identifier {identifier} already exists.",
                    details={"identifier": metadata["id"]},
                )
            self._subscribers.insert(0 if first else len(self._subscribers), added)
            self._ordered_subscribers = None
        return added

    def _ensure_reply_subscriber(self) -> None:
        """Add the subscriber that routes replies to ``on_reply`` callbacks."""
        if self.get_subscriber_by_identifier(self.id) is None:
            self._add_subscriber(
                "topic=ftrack.meta.reply",
                self._handle_reply,
                {"id": self.id},
                first=True,
            )

    def unsubscribe(self, subscriber_identifier: str) -> None:
        """Remove the subscriber *subscriber_identifier*, telling the server.

        Raise :class:`~ftrack_api.exception.NotFoundError` when there is no
        such subscriber.
        """
        with self._lock:
            subscriber = self.get_subscriber_by_identifier(subscriber_identifier)
            if subscriber is None:
                raise NotFoundError(
                    "Cannot unsubscribe missing subscriber with identifier "
                    "{identifier}",
                    details={"identifier": subscriber_identifier},
                )
            self._subscribers.remove(subscriber)
            self._ordered_subscribers = None

        if not self.connected:
            self.logger.debug(
                "Server not told of removed subscriber %s: not connected.",
                subscriber_identifier,
            )
            return
        event = Event(
            "ftrack.meta.unsubscribe", data={"subscriber": subscriber.metadata}
        )
        self._publish(
            event, callback=functools.partial(self._on_unsubscribed, subscriber)
        )

    def subscription(
        self,
        subscription: str,
        callback: Callback | None,
        subscriber: Mapping[str, Any] | None = None,
        priority: int = 100,
    ) -> _SubscriptionContext:
        """Return a context manager subscribing *callback* while it is entered."""
        return _SubscriptionContext(self, subscription, callback, subscriber, priority)

    def _notify_server_about_subscriber(self, subscriber: Subscriber) -> None:
        """Tell the server about *subscriber*."""
        event = Event(
            "ftrack.meta.subscribe",
            data={
                "subscriber": subscriber.metadata,
                "subscription": str(subscriber.subscription),
            },
        )
        self._publish(
            event, callback=functools.partial(self._on_subscribed, subscriber)
        )

    def _on_subscribed(self, subscriber: Subscriber, response: Any = None) -> None:
        if isinstance(response, Mapping) and response.get("success") is False:
            self.logger.warning(
                "Server failed to subscribe subscriber %s: %s",
                subscriber.metadata["id"],
                response.get("message"),
            )

    def _on_unsubscribed(self, subscriber: Subscriber, response: Any = None) -> None:
        if isinstance(response, Mapping) and response.get("success") is False:
            self.logger.warning(
                "Server failed to unsubscribe subscriber %s: %s",
                subscriber.metadata["id"],
                response.get("message"),
            )

    # Publishing.

    def _prepare_event(self, event: Event) -> None:
        """Fill the event's source with this hub's id and the API user."""
        source = event["source"]
        source.setdefault("id", self.id)
        source.setdefault("user", {"username": self._api_user})

    def _prepare_reply_event(
        self,
        event: Event,
        source_event: Mapping[str, Any],
        source: Mapping[str, Any] | None = None,
    ) -> None:
        """Address *event* as a reply to *source_event*'s publisher."""
        event["target"] = f"id={source_event['source']['id']}"
        event["in_reply_to_event"] = source_event["id"]
        if source is not None:
            event["source"] = source

    def publish(
        self,
        event: Event,
        synchronous: bool = False,
        on_reply: Callback | None = None,
        on_error: str = "raise",
    ) -> list[Any] | None:
        """Publish *event*; return the subscribers' results when *synchronous*.

        A synchronous publish calls this hub's matching subscribers directly,
        in priority order, and returns every result. Otherwise the event goes
        through the server, and *on_reply* is called with each reply. Raise
        :class:`~ftrack_api.exception.EventHubConnectionError` when not
        connected, unless *on_error* is ``"ignore"``.
        """
        try:
            return self._publish(event, synchronous=synchronous, on_reply=on_reply)
        except Exception:
            if on_error == "ignore":
                return None
            raise

    def publish_reply(
        self,
        source_event: Mapping[str, Any],
        data: Any,
        source: Mapping[str, Any] | None = None,
    ) -> None:
        """Publish a reply carrying *data* to the publisher of *source_event*."""
        reply = Event("ftrack.meta.reply", data=data)
        self._prepare_reply_event(reply, source_event, source=source)
        self.publish(reply)

    def _publish(
        self,
        event: Event,
        synchronous: bool = False,
        callback: Callable[..., Any] | None = None,
        on_reply: Callback | None = None,
    ) -> list[Any] | None:
        """Publish *event*; see :meth:`publish`."""
        self._prepare_event(event)
        if synchronous:
            return self._handle(event, synchronous=True)

        with self._lock:
            if not self.connected:
                if not self._connection_initialised:
                    raise EventHubConnectionError(
                        "Cannot publish event asynchronously as not connected "
                        "to server."
                    )
                self._queue_for_sending(event, callback, on_reply)
                return None
            connection = self._connection

        if on_reply is not None:
            self._remember_reply_callback(event["id"], on_reply)
        if callback is None:
            callback = functools.partial(self._on_published, event)
        self._send_event(connection, event, callback, on_reply)
        return None

    def _send_event(
        self,
        connection: Any,
        event: Event,
        callback: Callable[..., Any],
        on_reply: Callback | None,
    ) -> None:
        """Send *event*; queue it for the next connection if this one is lost."""
        try:
            data = self._encode({"name": EVENT_NAME, "args": [event]})
            self._send_packet(PacketType.EVENT.value, data, callback, connection)
        except _connection_errors() as error:
            self.logger.debug(
                "Connection lost sending event %s: %s", event["id"], error
            )
            with self._lock:
                self._queue_for_sending(event, callback, on_reply)
            self._close_connection(connection)
        except Exception:
            self.logger.exception("Error sending event %s.", event)

    def _queue_for_sending(
        self, event: Event, callback: Callable[..., Any] | None, on_reply: Any
    ) -> None:
        """Keep *event* to send on the next connection.

        Subscription bookkeeping is not kept: every connection starts by
        sending the current subscribers anyway.
        """
        if event["topic"] in SUBSCRIPTION_TOPICS:
            self.logger.debug("Not connected: not sending %s.", event["topic"])
            return
        self.logger.debug("Not connected: queueing event %s.", event["id"])
        self._event_send_queue.put((event, callback, on_reply))

    def _flush_send_queue(self) -> None:
        """Send the events queued while not connected, in order.

        Only the events queued before the call are taken, so an event queued
        again because the new connection dropped waits for the next one.
        """
        for _ in range(self._event_send_queue.qsize()):
            try:
                event, callback, on_reply = self._event_send_queue.get_nowait()
            except queue.Empty:
                return
            self._publish(event, callback=callback, on_reply=on_reply)

    def _on_published(self, event: Event, response: Any = None) -> None:
        if isinstance(response, Mapping) and response.get("success") is False:
            self.logger.error(
                "Server responded with error while publishing event %s: %s",
                event["id"],
                response.get("message"),
            )

    def _remember_reply_callback(self, event_id: str, on_reply: Callback) -> None:
        with self._lock:
            self._reply_callbacks[event_id] = on_reply
            while len(self._reply_callbacks) > MAXIMUM_REPLY_CALLBACKS:
                self._reply_callbacks.popitem(last=False)

    # Handling.

    def _sorted_subscribers(self) -> list[Subscriber]:
        """Return the subscribers by ascending priority, ties in order added."""
        with self._lock:
            if self._ordered_subscribers is None:
                self._ordered_subscribers = sorted(
                    self._subscribers, key=lambda subscriber: subscriber.priority
                )
            return self._ordered_subscribers

    def _handle(self, event: Event, synchronous: bool = False) -> list[Any] | None:
        """Call the interested subscribers with *event*; return their results.

        Asynchronous handling publishes each non-``None`` result as a reply.
        """
        target = self._target_expression(event)
        if target is None:
            return None

        results: list[Any] = []
        for subscriber in self._sorted_subscribers():
            if not target.match(subscriber.metadata):
                continue
            if not subscriber.interested_in(event):
                continue
            self._call_subscriber(subscriber, event, synchronous, results)
            if event.is_stopped():
                self.logger.debug(
                    "Subscriber %s stopped event %s.", subscriber, event["id"]
                )
                break
        return results

    def _target_expression(self, event: Event) -> expression.Expression | None:
        """Return the parsed target of *event*, or ``None`` if it is invalid."""
        target = event.get("target")
        if not target:
            return expression.Expression()
        try:
            return self._expression_parser.parse(target)
        except ParseError:
            self.logger.exception("Cannot handle event %s: bad target.", event["id"])
            return None

    def _call_subscriber(
        self,
        subscriber: Subscriber,
        event: Event,
        synchronous: bool,
        results: list[Any],
    ) -> None:
        """Call one subscriber, collecting its result and replying with it."""
        try:
            assert subscriber.callback is not None, "subscriber without callback"
            response = subscriber.callback(event)
        except Exception:
            self.logger.exception(
                "Error calling subscriber %s for event %s.", subscriber, event
            )
            return
        results.append(response)

        if synchronous or response is None:
            return
        try:
            self.publish_reply(event, data=response, source=subscriber.metadata)
        except Exception:
            self.logger.exception(
                "Error publishing reply from subscriber %s to event %s.",
                subscriber,
                event["id"],
            )

    def _handle_reply(self, event: Event) -> None:
        """Pass reply *event* to the ``on_reply`` callback of its event."""
        with self._lock:
            callback = self._reply_callbacks.get(event["in_reply_to_event"])
        if callback is not None:
            callback(event)

    # Socket.io packets.

    def _send_packet(
        self,
        code: str,
        data: str = "",
        callback: Callable[..., Any] | None = None,
        connection: Any = None,
    ) -> None:
        """Send one packet, registering *callback* for its acknowledgement."""
        identifier = ""
        if callback is not None:
            with self._lock:
                self._packet_counter += 1
                number = self._packet_counter
                self._packet_callbacks[number] = callback
            identifier = f"{number}+"
        target = connection if connection is not None else self._connection
        try:
            target.send(encode_packet(code, identifier, data))
        except BaseException:
            if identifier:
                with self._lock:
                    self._packet_callbacks.pop(number, None)
            raise

    def _handle_packet(self, packet: Packet, connection: Any = None) -> None:
        """Act on one packet received from the server on *connection*."""
        code = packet.code
        if code == PacketType.CONNECT.value:
            self._queue_meta_event("ftrack.meta.connected")
        elif code == PacketType.DISCONNECT.value:
            self._handle_disconnect()
        elif code == PacketType.HEARTBEAT.value:
            self._send_packet(PacketType.HEARTBEAT.value, connection=connection)
        elif code == PacketType.EVENT.value:
            self._receive_event(packet.data)
        elif code == PacketType.ACKNOWLEDGE.value:
            self._receive_acknowledgement(packet.data)
        elif code == PacketType.ERROR.value:
            self.logger.error("Event server reported error: %s.", packet.data)
        else:
            self.logger.debug("Ignoring packet of type %s: %s", code, packet.data)

    def _queue_meta_event(self, topic: str) -> None:
        event = Event(topic)
        self._prepare_event(event)
        self._event_queue.put(event)

    def _handle_disconnect(self) -> None:
        """Reconnect after an unexpected disconnection, or report it."""
        if not self._intentional_disconnect:
            self.logger.debug("Disconnected unexpectedly; reconnecting.")
            try:
                self.reconnect(
                    attempts=self._auto_reconnect_attempts,
                    delay=self._auto_reconnect_delay,
                )
            except EventHubConnectionError as error:
                self.logger.warning("Failed to reconnect automatically: %s", error)
        if not self.connected:
            self._queue_meta_event("ftrack.meta.disconnected")

    def _receive_event(self, data: str) -> None:
        """Queue the event carried by an event packet."""
        payload = self._decode(data)
        arguments = payload.get("args") if isinstance(payload, Mapping) else None
        if not isinstance(arguments, list) or len(arguments) != 1:
            self.logger.debug("Ignoring event packet without one argument.")
            return
        (fields,) = arguments
        if not isinstance(fields, Mapping) or "topic" not in fields:
            self.logger.debug("Ignoring event packet without a topic.")
            return
        unknown = set(fields) - set(EVENT_KEYS)
        if unknown:
            self.logger.debug("Dropping unknown event keys %s.", sorted(unknown))
        self._event_queue.put(
            Event(**{key: value for key, value in fields.items() if key in EVENT_KEYS})
        )

    def _receive_acknowledgement(self, data: str) -> None:
        """Call the callback registered for an acknowledged packet."""
        number, _, arguments = data.partition("+")
        try:
            with self._lock:
                callback = self._packet_callbacks.pop(int(number))
        except (KeyError, ValueError):
            return
        values = self._decode(arguments) if arguments else []
        if isinstance(values, list):
            callback(*values)
        else:
            callback(values)

    # Encoding.

    def _encode(self, data: Any) -> str:
        """Return *data* as JSON, with event keys in the server's spelling."""
        return json.dumps(
            self._to_wire(data), default=self._encode_object_hook, ensure_ascii=False
        )

    def _to_wire(self, data: Any) -> Any:
        if isinstance(data, Mapping) and not isinstance(data, Event):
            if "in_reply_to_event" in data:
                data = dict(data)
                data["inReplyToEvent"] = data.pop("in_reply_to_event")
        return data

    def _encode_object_hook(self, item: Any) -> Any:
        if isinstance(item, Event):
            fields = dict(item)
            if "in_reply_to_event" in fields:
                fields["inReplyToEvent"] = fields.pop("in_reply_to_event")
            return fields
        raise TypeError(f"{item!r} is not JSON serializable")

    def _decode(self, string: str) -> Any:
        """Return the value of JSON *string*, with event keys in Python spelling."""
        return json.loads(string, object_hook=self._decode_object_hook)

    def _decode_object_hook(self, item: dict[str, Any]) -> dict[str, Any]:
        if "inReplyToEvent" in item:
            item["in_reply_to_event"] = item.pop("inReplyToEvent")
        return item


class _SubscriptionContext:
    """Subscribe a callback on entry and unsubscribe it on exit."""

    def __init__(
        self,
        hub: EventHub,
        subscription: str,
        callback: Callback | None,
        subscriber: Mapping[str, Any] | None,
        priority: int,
    ) -> None:
        self._hub = hub
        self._subscription = subscription
        self._callback = callback
        self._subscriber = subscriber
        self._priority = priority
        self._identifier: str | None = None

    def __enter__(self) -> None:
        self._identifier = self._hub.subscribe(
            self._subscription,
            self._callback,
            subscriber=self._subscriber,
            priority=self._priority,
        )

    def __exit__(self, *exception: object) -> None:
        if self._identifier is not None:
            self._hub.unsubscribe(self._identifier)


class _ProcessorThread(threading.Thread):
    """Receive packets from one connection and hand them to the hub."""

    daemon = True

    def __init__(self, client: EventHub, connection: Any) -> None:
        super().__init__(name=f"ftrack-event-hub-{client.id[:8]}")
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.client = client
        self.connection = connection
        self.done = threading.Event()

    def run(self) -> None:
        """Receive and handle packets until cancelled or disconnected."""
        for packet in self._packets():
            try:
                self.client._handle_packet(packet, self.connection)
            except Exception:
                self.logger.exception("Error handling packet %s.", packet.code)

    def _packets(self) -> Iterator[Packet]:
        """Yield received packets; on a lost connection, report it and stop.

        Once cancelled, the thread still reads (and drops) what arrives until
        the server closes the connection, so that the socket is closed with
        nothing left unread.
        """
        while True:
            try:
                text = self.connection.recv()
            except Exception as error:
                if not self.done.is_set():
                    self.logger.debug("Connection lost: %s", error)
                    self.done.set()
                    yield Packet(PacketType.DISCONNECT.value, "", "", "")
                return
            if self.done.is_set():
                if not text:
                    return
                continue
            try:
                yield decode_packet(text)
            except EventHubPacketError as error:
                self.logger.debug("Ignoring invalid packet: %s", error)

    def cancel(self) -> None:
        """Stop handling packets as soon as possible."""
        self.done.set()
