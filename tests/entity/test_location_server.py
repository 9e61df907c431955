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


def test_create_thumbnail_uploads_to_server_location(
    http_session: Any, reference: Path
) -> None:
    """create_thumbnail stores the image on ftrack.server and links it."""
    project = http_session.create(
        "Project",
        {
            "name": "noel",
            "full_name": "Noël",
            "project_schema": http_session.query("ProjectSchema").first(),
        },
    )
    http_session.commit()
    image = reference / "media" / "image.png"

    thumbnail = project.create_thumbnail(str(image))

    assert project["thumbnail_id"] == thumbnail["id"]
    assert thumbnail["name"] == "thumbnail"
    server_location = http_session.get("Location", ftrack_api.symbol.SERVER_LOCATION_ID)
    reply = requests.get(server_location.get_url(thumbnail), timeout=30)
    assert reply.content == image.read_bytes()
    assert "size=10" in server_location.get_thumbnail_url(thumbnail, size=10)
