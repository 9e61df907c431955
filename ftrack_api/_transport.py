"""Carry one batch of actions to a server and bring back its reply.

A transport has one method, :meth:`Transport.handle_request`: a
:class:`Request` (the JSON body) in, a :class:`Response` (status and body)
out. :class:`HTTPTransport` posts to ``<server>/api`` with requests;
:class:`LocalTransport` hands the same body to the embedded backend in this
process. :func:`read_reply` turns a response into results or a
:exc:`~ftrack_api.exception.ServerError`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from typing import Any, Protocol

import ftrack_api.exception

logger = logging.getLogger(__name__)

DATABASE_SCHEMES = ("sqlite:", "postgresql:", "postgresql+")
READ_ACTIONS = frozenset({"query", "query_schemas", "query_server_information"})
RETRY_DELAYS = (0.25, 0.5, 1.0)
RETRY_STATUSES = frozenset({502, 503, 504})


class Request:
    """One batch of actions: the JSON body and whether repeating it is safe."""

    __slots__ = ("body", "idempotent")

    def __init__(self, body: bytes, idempotent: bool = False) -> None:
        self.body = body
        self.idempotent = idempotent


class Response:
    """A server reply: HTTP status, body and content type."""

    __slots__ = ("status_code", "body", "content_type", "headers")

    def __init__(
        self,
        status_code: int,
        body: bytes,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}

    def __repr__(self) -> str:
        return f"<Response {self.status_code} {self.body[:60]!r}>"


class Transport(Protocol):
    """Send a :class:`Request` and return the :class:`Response`."""

    def handle_request(self, request: Request) -> Response:
        """Send *request*; raise :exc:`ServerError` when no reply came back."""

    def close(self) -> None:
        """Release connections."""


def is_database_url(url: str) -> bool:
    """Return whether *url* names a database for the embedded backend."""
    return url.startswith(DATABASE_SCHEMES)


def is_read_only(actions: list[Any]) -> bool:
    """Return whether every action of a batch only reads."""
    return all(
        isinstance(action, Mapping) and action.get("action") in READ_ACTIONS
        for action in actions
    )


class HTTPTransport:
    """Post batches to ``<server_url>/api`` over a pooled requests session."""

    def __init__(
        self,
        server_url: str,
        api_user: str,
        api_key: str,
        headers: Mapping[str, str],
        cookies: Mapping[str, str],
        timeout: float | None,
    ) -> None:
        import requests

        self.url = f"{server_url}/api"
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update(
            {"content-type": "application/json", "accept": "application/json"}
        )
        self.session.headers.update(headers)
        self.session.cookies.update(dict(cookies))
        self.session.auth = _ApiKeyAuth(api_user, api_key)

    def handle_request(self, request: Request) -> Response:
        """Post *request*, retrying only what is safe to repeat."""
        import requests

        attempts = len(RETRY_DELAYS) + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                reply = self.session.post(
                    self.url, data=request.body, timeout=self.timeout
                )
            except requests.exceptions.ConnectTimeout as error:
                if last:
                    raise _unreachable(self.url, error) from error
            except requests.exceptions.Timeout as error:
                if last or not request.idempotent:
                    raise ftrack_api.exception.ServerError(
                        f"Server at {self.url} did not answer within "
                        f"{self.timeout} seconds."
                    ) from error
            except requests.exceptions.ConnectionError as error:
                if last or not (request.idempotent or _not_sent(error)):
                    raise _unreachable(self.url, error) from error
            except requests.exceptions.RequestException as error:
                raise ftrack_api.exception.ServerError(
                    f"Request to {self.url} failed: {error}"
                ) from error
            else:
                if not (
                    request.idempotent
                    and reply.status_code in RETRY_STATUSES
                    and not last
                ):
                    return Response(
                        reply.status_code,
                        reply.content,
                        reply.headers.get("content-type", ""),
                        dict(reply.headers),
                    )
            logger.warning(
                "Retrying request to %s (attempt %s of %s).",
                self.url,
                attempt + 2,
                attempts,
            )
            time.sleep(RETRY_DELAYS[attempt])
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()


def _not_sent(error: Exception) -> bool:
    """Return whether a connection error happened before the request was sent.

    Only then (refused connection, unknown host) is repeating a write safe.
    """
    from urllib3.exceptions import NewConnectionError

    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError) or isinstance(
        error.__context__, NewConnectionError
    )


def _unreachable(url: str, error: Exception) -> ftrack_api.exception.ServerError:
    text = str(error)
    cause = text[text.rfind("[Errno") :].rstrip("')\"") if "[Errno" in text else text
    return ftrack_api.exception.ServerError(
        f"Could not connect to the server at {url}: {cause}"
    )


class _ApiKeyAuth:
    """Set the ftrack credential headers on every request."""

    def __init__(self, api_user: str, api_key: str) -> None:
        self.api_user = api_user
        self.api_key = api_key

    def __call__(self, request: Any) -> Any:
        request.headers["ftrack-user"] = self.api_user
        request.headers["ftrack-api-key"] = self.api_key
        return request


class LocalTransport:
    """Hand batches to the embedded backend of *database_url* in this process."""

    def __init__(self, database_url: str, api_user: str | None) -> None:
        import importlib

        backend_class = importlib.import_module("ftrack_api.local").Backend
        self.backend = backend_class.open(database_url)
        self.api_user = api_user
        self.headers: dict[str, str] = {}
        self.cookies: dict[str, str] = {}

    def handle_request(self, request: Request) -> Response:
        """Call the backend's action handler with the decoded body."""
        actions = json.loads(request.body)
        result = self.backend.call(actions, api_user=self.api_user, trusted=True)
        return Response(200, json.dumps(result).encode("utf-8"))

    def close(self) -> None:
        """Do nothing: the backend is shared by every session on its URL."""


def read_reply(response: Response) -> Any:
    """Return the parsed results of *response* or raise :exc:`ServerError`."""
    from ftrack_api._encoding import loads

    try:
        data = loads(response.body)
    except ValueError as error:
        raise ftrack_api.exception.ServerError(
            _unexpected_format_message(response)
        ) from error

    if isinstance(data, dict) and "exception" in data:
        raise ftrack_api.exception.ServerError(
            f"Server reported error: {data['exception']}({data.get('content', '')})",
            details={"error_code": data.get("error_code")},
        )
    if response.status_code >= 400:
        raise ftrack_api.exception.ServerError(
            f"Server reported error: HTTP {response.status_code} with body "
            f"{_excerpt(response.body)!r}"
        )
    if not isinstance(data, list):
        raise ftrack_api.exception.ServerError(
            "Server reported error in unexpected format: expected a list of "
            f"results, got {_excerpt(response.body)!r}"
        )
    return data


def _excerpt(body: bytes, limit: int = 300) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return text if len(text) <= limit else f"{text[:limit]}..."


def _unexpected_format_message(response: Response) -> str:
    hint = ""
    if "html" in response.content_type.lower() or response.body.lstrip()[:1] == b"<":
        hint = (
            " The reply is an HTML page: is the server URL right, or is a proxy "
            "answering instead of ftrack?"
        )
    return (
        f"Server reported error in unexpected format (HTTP {response.status_code})."
        f"{hint} Raw error was: {_excerpt(response.body)!r}"
    )
