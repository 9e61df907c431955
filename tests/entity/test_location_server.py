"""The ftrack.server location against our own server, on loopback over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import ftrack_api
import ftrack_api.exception
import ftrack_api.symbol


@pytest.fixture
def http_session(tmp_path: Path) -> Iterator[Any]:
    """Serve a fresh backend on 127.0.0.1 and return an HTTP session to it."""
    from ftrack_api.local import Backend
    from ftrack_api.local.server.thread import ServerThread

    backend = Backend.open(f"sqlite:///{tmp_path / 'server.db'}")
    username, api_key = backend.initial_credentials
    try:
        with ServerThread(backend, tmp_path / "storage") as server:
            session = ftrack_api.Session(
                server_url=server.url,
                api_user=username,
                api_key=api_key,
                schema_cache_path=False,
            )
            try:
                yield session
            finally:
                session.close()
    finally:
        backend.close()


def test_server_location_uploads_downloads_and_removes(
    http_session: Any, reference: Path
) -> None:
    """A movie added to ftrack.server is stored, served back and removed."""
    movie = reference / "media" / "colour_wheel.mov"
    server_location = http_session.get("Location", ftrack_api.symbol.SERVER_LOCATION_ID)
    component = http_session.create_component(str(movie), location=server_location)

    assert server_location.get_resource_identifier(component) == component["id"]
    assert server_location.get_component_availability(component) == 100.0
    url = server_location.get_url(component)
    reply = requests.get(url, timeout=30)
    assert reply.status_code == 200
    assert reply.content == movie.read_bytes()
    with server_location.accessor.open(component["id"]) as data:
        assert data.read() == movie.read_bytes()

    server_location.remove_component(component)
    assert requests.get(url, timeout=30).status_code >= 400
    with pytest.raises(ftrack_api.exception.ComponentNotInLocationError):
        server_location.get_url(component)


def test_server_location_timeout_says_timed_out(
    http_session: Any, tmp_path: Path
) -> None:
    """A tiny session timeout makes the server transfer fail with 'timed out'."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"a")
    server_location = http_session.get("Location", ftrack_api.symbol.SERVER_LOCATION_ID)
    component = http_session.create_component(str(path), location=None)
    http_session.request_timeout = 0.0001
    with pytest.raises(ftrack_api.exception.LocationError, match="timed out"):
        server_location.add_component(
            component,
            http_session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID),
        )
