"""The ASGI application of ``ftrack-api serve``.

One Starlette app serves the whole ftrack surface the official clients use:

* ``POST /api``: the JSON API, answered by the embedded backend's
  :meth:`~ftrack_api.local.Backend.handle_http` (the same action handler as
  the in-process transport);
* ``GET /socket.io/1/`` and ``/socket.io/1/websocket/<sid>``: the event server
  (:mod:`ftrack_api.local.server.socketio`);
* ``/component/...``: the data of the ``ftrack.server`` location
  (:mod:`ftrack_api.local.server.components`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Mapping
from typing import Protocol

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ftrack_api.local.server.auth import (
    Authenticator,
    CredentialChecker,
    find_credentials,
)
from ftrack_api.local.server.broker import EventBroker, LocalBroker
from ftrack_api.local.server.components import ComponentEndpoints
from ftrack_api.local.server.socketio import EventServer
from ftrack_api.local.server.storage import ComponentStorage
from ftrack_api.local.server.uploads import UploadSigner

logger = logging.getLogger(__name__)


class ServedBackend(CredentialChecker, Protocol):
    """What the server needs from :class:`ftrack_api.local.Backend`."""

    def handle_http(self, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """Answer one ``POST /api`` request."""


def create_app(
    backend: ServedBackend,
    storage_path: str | os.PathLike[str],
    *,
    server_url: str | None = None,
    broker: EventBroker | None = None,
    heartbeat_interval: float = 25.0,
    heartbeat_timeout: float = 60.0,
) -> Starlette:
    """Return the ASGI app serving *backend* and the files in *storage_path*.

    *server_url* is the address clients reach the server at; it is the base
    of the upload URLs that ``get_upload_metadata`` hands out.
    """
    authenticator = Authenticator(backend)
    storage = ComponentStorage(storage_path)
    signer = UploadSigner(server_url) if server_url else None
    if signer is not None:
        attach_upload_signer(backend, signer)
    events = EventServer(
        authenticator,
        broker if broker is not None else LocalBroker(),
        heartbeat_interval=heartbeat_interval,
        heartbeat_timeout=heartbeat_timeout,
    )
    components = ComponentEndpoints(storage, authenticator, signer)

    async def api(request: Request) -> Response:
        """Answer a batch of JSON API operations."""
        body = await request.body()
        headers: Mapping[str, str] = request.headers
        credentials = find_credentials(headers, request.query_params)
        if credentials is not None:
            user, key = credentials
            headers = {**headers, "ftrack-user": user, "ftrack-api-key": key}
        status, content = await run_in_threadpool(backend.handle_http, body, headers)
        return Response(content, status_code=status, media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        removed = storage.remove_leftovers()
        if removed:
            logger.info("Removed %d unfinished uploads.", removed)
        yield
        await events.close_all()

    routes = [
        Route("/api", api, methods=["POST"]),
        Route("/socket.io/1/", events.handshake, methods=["GET"]),
        Route("/socket.io/1", events.handshake, methods=["GET"]),
        WebSocketRoute("/socket.io/1/websocket/{session_id}", events.websocket),
        Route("/component/upload", components.upload, methods=["PUT", "POST"]),
        Route("/component/get", components.get, methods=["GET"]),
        Route("/component/remove", components.remove, methods=["GET", "DELETE"]),
        Route("/component/thumbnail", components.thumbnail, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(RequestLogMiddleware)
    app.state.events = events
    app.state.storage = storage
    return app


def attach_upload_signer(backend: ServedBackend, signer: UploadSigner) -> None:
    """Let *backend*'s ``get_upload_metadata`` hand out *signer*'s URLs.

    The backend reads ``server_url`` (the base URL of the server) and calls
    ``upload_metadata(component_id, file_name, file_size, checksum)`` to build
    the reply of ``get_upload_metadata``.
    """
    backend.server_url = signer.server_url  # type: ignore[attr-defined]
    backend.upload_metadata = signer.upload_metadata  # type: ignore[attr-defined]


class RequestLogMiddleware:
    """Log one line per HTTP request and per websocket session.

    Only the path is logged: query strings may hold API keys.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [0]

        async def send_and_record(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "websocket.accept":
                status[0] = 101
            elif message["type"] == "websocket.close" and not status[0]:
                status[0] = 403
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            _log_request(scope, status[0], time.perf_counter() - started)


def _log_request(scope: Scope, status: int, duration: float) -> None:
    """Write the one log line of a finished request."""
    state = scope.get("state") or {}
    headers = dict(scope.get("headers") or [])
    user = state.get("ftrack_user") or headers.get(b"ftrack-user", b"-").decode(
        "latin-1"
    )
    method = scope.get("method", "WEBSOCKET")
    logger.info(
        "%s %s %s %.1fms user=%s",
        method,
        scope.get("path", ""),
        status or "-",
        duration * 1000,
        user,
    )
