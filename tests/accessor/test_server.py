"""Tests for ftrack_api.accessor.server against a small storage server on loopback.

The server stands in for the storage endpoints of an ftrack server
(``PUT`` upload URL, ``/component/get``, ``/component/remove``) and the
session for the few members the accessor uses.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ftrack_api.data
import ftrack_api.exception
from ftrack_api.accessor.server import _ServerAccessor


class StorageHandler(http.server.BaseHTTPRequestHandler):
    """Store PUT bodies by component id; serve and remove them."""

    server: StorageServer

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_PUT(self) -> None:
        """Store the uploaded bytes, checking Content-MD5."""
        time.sleep(self.server.delay)
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        expected = self.headers.get("Content-MD5")
        actual = base64.b64encode(hashlib.md5(body).digest()).decode()
        if expected and expected != actual:
            self.send_response(400)
            self.end_headers()
            return
        self.server.files[self.path.rsplit("/", 1)[-1]] = body
        self.send_response(200)
        self.end_headers()

    def do_GET(self) -> None:
        """Serve /component/get and /component/remove."""
        time.sleep(self.server.delay)
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        self.server.queries.append(query)
        identifier = query.get("id", "")
        if identifier not in self.server.files:
            self.send_response(404)
            self.end_headers()
            return
        body = b""
        if url.path == "/component/get":
            body = self.server.files[identifier]
        elif url.path == "/component/remove":
            del self.server.files[identifier]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class StorageServer(http.server.ThreadingHTTPServer):
    """A loopback HTTP server keeping files in memory."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), StorageHandler)
        self.files: dict[str, bytes] = {}
        self.queries: list[dict[str, str]] = []
        self.delay = 0.0

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self.server_address[1]}"


class StandInSession:
    """The members of a Session that the server accessor uses."""

    def __init__(self, server: StorageServer) -> None:
        self.server_url = server.url
        self.api_user = "jane"
        self.api_key = "secret-key"
        self.request_timeout = 10.0
        self.components: dict[str, dict[str, Any]] = {}
        self.metadata_calls: list[dict[str, Any]] = []

    def get(self, entity_type: str, identifier: str) -> dict[str, Any] | None:
        return self.components.get(identifier)

    def get_upload_metadata(self, **arguments: Any) -> dict[str, Any]:
        self.metadata_calls.append(arguments)
        return {
            "url": f"{self.server_url}/upload/{arguments['component_id']}",
            "headers": {
                "Content-Type": "application/octet-stream",
                "Content-MD5": arguments["checksum"],
            },
        }


@pytest.fixture
def storage_server() -> Iterator[StorageServer]:
    """Run the storage server on loopback for one test."""
    server = StorageServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def session(storage_server: StorageServer) -> StandInSession:
    """Return a stand-in session with one known component."""
    session = StandInSession(storage_server)
    session.components["c1"] = {"id": "c1", "name": "plate", "file_type": ".exr"}
    return session


def test_upload_then_download_round_trip(
    session: StandInSession, storage_server: StorageServer, tmp_path: Path
) -> None:
    """Data written is uploaded once on close, then read back intact."""
    payload = bytes(range(256)) * 9000
    accessor = _ServerAccessor(session)
    (tmp_path / "in.exr").write_bytes(payload)
    with ftrack_api.data.File(str(tmp_path / "in.exr")) as source:
        target = accessor.open("c1", "wb")
        ftrack_api.data.copy_data(source, target)
        target.close()

    assert storage_server.files["c1"] == payload
    [call] = session.metadata_calls
    assert call["file_name"] == "plate.exr"
    assert call["file_size"] == len(payload)
    assert accessor.open("c1").read() == payload


def test_urls_carry_id_and_credentials(session: StandInSession) -> None:
    """Download and thumbnail URLs name the component and the user."""
    accessor = _ServerAccessor(session)
    query = dict(
        urllib.parse.parse_qsl(urllib.parse.urlsplit(accessor.get_url("c1")).query)
    )
    assert query == {"id": "c1", "username": "jane", "apiKey": "secret-key"}
    assert accessor.get_thumbnail_url("c1", size=10).endswith("&size=10")


def test_remove_deletes_and_missing_data_raises(
    session: StandInSession, storage_server: StorageServer
) -> None:
    """Removal deletes stored data; reading or removing missing data raises."""
    storage_server.files["c1"] = b"x"
    accessor = _ServerAccessor(session)
    accessor.remove("c1")
    assert "c1" not in storage_server.files
    with pytest.raises(ftrack_api.exception.AccessorOperationFailedError):
        accessor.remove("c1")
    with pytest.raises(ftrack_api.exception.AccessorOperationFailedError):
        accessor.open("c1").read()


@pytest.mark.parametrize("operation", ["read", "write", "remove"])
def test_slow_server_raises_timed_out(
    session: StandInSession, storage_server: StorageServer, operation: str
) -> None:
    """A transfer exceeding the session timeout raises an error saying 'timed out'."""
    storage_server.files["c1"] = b"x"
    storage_server.delay = 0.3
    session.request_timeout = 0.05
    accessor = _ServerAccessor(session)
    with pytest.raises(ftrack_api.exception.AccessorOperationFailedError) as info:
        if operation == "read":
            accessor.open("c1").read()
        elif operation == "write":
            data = accessor.open("c1", "wb")
            data.write(b"y")
            data.close()
        else:
            accessor.remove("c1")
    assert "timed out" in str(info.value)


def test_upload_of_unknown_component_is_refused(session: StandInSession) -> None:
    """Writing data for an id that is no FileComponent raises before uploading."""
    data = _ServerAccessor(session).open("unknown", "wb")
    data.write(b"x")
    with pytest.raises(ftrack_api.exception.AccessorOperationFailedError, match="no"):
        data.close()
    assert session.metadata_calls == []


def test_aborted_write_uploads_nothing(session: StandInSession) -> None:
    """An aborted write sends nothing to the server."""
    data = _ServerAccessor(session).open("c1", "wb")
    data.write(b"x")
    data.abort()
    assert session.metadata_calls == []


def test_storage_is_not_listable(session: StandInSession) -> None:
    """Listing and inspecting are not supported; containers are no-ops."""
    accessor = _ServerAccessor(session)
    assert accessor.exists("c1") is False
    assert accessor.get_container("c1") is None
    accessor.make_container("c1")
    for method in (accessor.list, accessor.is_file, accessor.is_container):
        with pytest.raises(NotImplementedError):
            method("c1")
