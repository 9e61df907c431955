"""The HTTP transport against real servers on 127.0.0.1.

One server is the embedded backend behind ``ftrack-api serve`` (the same
payloads as the in-process transport); the other is a tiny scripted HTTP
server that answers with proxy pages, slow replies and 503s.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ftrack_api.exception
from ftrack_api._transport import HTTPTransport, Request
from ftrack_api.session import Session


class ScriptedHandler(http.server.BaseHTTPRequestHandler):
    """Answer POST /api with the next scripted (status, body, delay)."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        """Record the request and send the scripted reply."""
        length = int(self.headers.get("content-length", 0))
        server: Any = self.server
        server.requests.append((dict(self.headers), self.rfile.read(length)))
        status, body, delay = server.script.pop(0) if server.script else (200, b"[]", 0)
        time.sleep(delay)
        self.send_response(status)
        self.send_header(
            "content-type", "text/html" if body[:1] == b"<" else "application/json"
        )
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay quiet."""


@pytest.fixture
def scripted() -> Iterator[Any]:
    """Run a scripted HTTP server on a free loopback port."""
    server: Any = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ScriptedHandler)
    server.script = []
    server.requests = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def _transport(url: str, timeout: float = 5) -> HTTPTransport:
    return HTTPTransport(
        url,
        "jane",
        "secret",
        {"x-studio": "s1", "ftrack-strict-api": "false"},
        {"session": "abc"},
        timeout,
    )


def test_every_request_carries_the_official_headers(scripted: Any) -> None:
    """Credentials, strict flag, JSON types, custom headers and cookies are sent."""
    transport = _transport(scripted.url)
    transport.handle_request(Request(b"[]"))
    headers = {key.lower(): value for key, value in scripted.requests[0][0].items()}

    assert headers["ftrack-user"] == "jane"
    assert headers["ftrack-api-key"] == "secret"
    assert headers["ftrack-strict-api"] == "false"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    assert headers["x-studio"] == "s1"
    assert "session=abc" in headers["cookie"]
    transport.close()


def test_reads_are_retried_on_unavailable_server(scripted: Any) -> None:
    """A read-only batch is repeated after a 503 and then succeeds."""
    scripted.script = [(503, b"<html>busy</html>", 0), (200, b"[{}]", 0)]
    transport = _transport(scripted.url)
    response = transport.handle_request(Request(b"[]", idempotent=True))
    assert response.status_code == 200
    assert len(scripted.requests) == 2
    transport.close()


def test_writes_are_never_repeated(scripted: Any) -> None:
    """A batch that writes is sent once even when the server answers 503."""
    scripted.script = [(503, b"<html>busy</html>", 0)]
    transport = _transport(scripted.url)
    response = transport.handle_request(Request(b"[]", idempotent=False))
    assert response.status_code == 503
    assert len(scripted.requests) == 1
    transport.close()


def test_slow_server_times_out_with_server_error(scripted: Any) -> None:
    """A reply slower than the timeout gives a readable ServerError."""
    scripted.script = [(200, b"[]", 1.5)]
    transport = _transport(scripted.url, timeout=0.3)
    with pytest.raises(ftrack_api.exception.ServerError, match="did not answer within"):
        transport.handle_request(Request(b"[]", idempotent=False))
    transport.close()


def test_proxy_page_gives_server_error_naming_html(
    scripted: Any, tmp_path: Path
) -> None:
    """A Session pointed at a proxy login page explains what it got."""
    scripted.script = [(200, b"<html><body>Please log in</body></html>", 0)]
    with pytest.raises(ftrack_api.exception.ServerError, match="HTML page"):
        Session(
            server_url=scripted.url,
            api_user="jane",
            api_key="secret",
            plugin_paths=[],
            schema_cache_path=str(tmp_path),
        )


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """Serve a new embedded backend over HTTP; return (url, user, api key)."""
    from ftrack_api.local import Backend
    from ftrack_api.local.server.thread import ServerThread

    backend = Backend.open(f"sqlite:///{tmp_path / 'served.db'}")
    username, api_key = backend.initial_credentials
    with ServerThread(backend, tmp_path / "storage") as server:
        yield server.url, username, api_key
    backend.close()


def test_session_over_http_creates_and_queries(
    served: tuple[str, str, str], tmp_path: Path
) -> None:
    """The same create, commit and query work through the HTTP server."""
    url, username, api_key = served
    with Session(
        server_url=url,
        api_user=username,
        api_key=api_key,
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
    ) as session:
        schema = session.query("ProjectSchema").first()
        project = session.create(
            "Project",
            {"name": "http", "full_name": "Over HTTP", "project_schema": schema},
        )
        session.commit()
        session.reset()
        fetched = session.query(f'Project where id is "{project["id"]}"').one()
        assert fetched["full_name"] == "Over HTTP"
        assert session.server_information["schema_hash"]


def test_wrong_api_key_over_http_is_a_server_error(
    served: tuple[str, str, str], tmp_path: Path
) -> None:
    """Bad credentials surface the server's error text."""
    url, username, _api_key = served
    with pytest.raises(ftrack_api.exception.ServerError, match="Server reported error"):
        Session(
            server_url=url,
            api_user=username,
            api_key="wrong",
            plugin_paths=[],
            schema_cache_path=str(tmp_path),
        )


def test_requests_are_json_lists(scripted: Any) -> None:
    """The body is exactly the JSON text handed to the transport."""
    transport = _transport(scripted.url)
    transport.handle_request(Request(json.dumps([{"action": "x"}]).encode()))
    assert json.loads(scripted.requests[0][1]) == [{"action": "x"}]
    transport.close()
