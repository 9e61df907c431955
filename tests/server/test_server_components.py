"""Tests for the ftrack.server location's storage endpoints over HTTP."""

from __future__ import annotations

import base64
import hashlib
import logging
import socket
import time
import urllib.parse
from pathlib import Path

import pytest
import requests
from server_helpers import PATIENCE, Served

COMPONENT_ID = "0d6f6a2e-5c43-4f1a-9d8e-3b2f1c0a9e77"


def _upload_metadata(served: Served, data: bytes, name: str = "file.bin") -> dict:
    reply = requests.post(
        f"{served.url}/api",
        headers=served.headers,
        json=[
            {
                "action": "get_upload_metadata",
                "component_id": COMPONENT_ID,
                "file_name": name,
                "file_size": len(data),
                "checksum": base64.b64encode(hashlib.md5(data).digest()).decode(),
            }
        ],
        timeout=PATIENCE,
    )
    reply.raise_for_status()
    return reply.json()[0]


def _upload(served: Served, data: bytes) -> requests.Response:
    metadata = _upload_metadata(served, data)
    return requests.put(
        metadata["url"], data=data, headers=metadata["headers"], timeout=PATIENCE
    )


def _get(served: Served, endpoint: str, component_id: str = COMPONENT_ID, **extra):
    return requests.get(
        f"{served.url}/component/{endpoint}",
        params={"id": component_id, **served.query, **extra},
        timeout=PATIENCE,
    )


def test_uploaded_data_downloads_byte_for_byte(served: Served) -> None:
    """PUT to the get_upload_metadata URL, then /component/get, same bytes."""
    data = bytes(range(256)) * 4096

    upload = _upload(served, data)
    download = _get(served, "get")

    assert upload.status_code == 200
    assert download.status_code == 200
    assert download.content == data


def test_upload_url_carries_no_api_key(served: Served) -> None:
    """The signed upload URL authorises the PUT without the API key in it."""
    metadata = _upload_metadata(served, b"x")

    assert served.api_key not in metadata["url"]
    assert metadata["component_id"] == COMPONENT_ID


def test_upload_with_tampered_signature_is_refused(served: Served) -> None:
    """A changed signature gives 403 and stores nothing."""
    metadata = _upload_metadata(served, b"data")
    url = metadata["url"].replace("signature=", "signature=0")

    reply = requests.put(
        url, data=b"data", headers=metadata["headers"], timeout=PATIENCE
    )

    assert reply.status_code == 403
    assert _get(served, "get").status_code == 404


def test_upload_with_wrong_checksum_stores_nothing(served: Served) -> None:
    """Bytes that do not match Content-MD5 are refused and not kept."""
    metadata = _upload_metadata(served, b"expected")

    reply = requests.put(
        metadata["url"],
        data=b"corrupted",
        headers=metadata["headers"],
        timeout=PATIENCE,
    )

    assert reply.status_code == 400
    assert _get(served, "get").status_code == 404


def test_remove_deletes_the_data(served: Served) -> None:
    """After /component/remove, /component/get answers 404."""
    _upload(served, b"bytes")

    removed = _get(served, "remove")

    assert removed.status_code == 200
    assert _get(served, "get").status_code == 404


@pytest.mark.parametrize("endpoint", ["get", "remove", "thumbnail"])
def test_storage_endpoints_need_credentials(served: Served, endpoint: str) -> None:
    """Reads and removals without a valid key get 401."""
    reply = requests.get(
        f"{served.url}/component/{endpoint}",
        params={"id": COMPONENT_ID, "username": served.username, "apiKey": "bad"},
        timeout=PATIENCE,
    )

    assert reply.status_code == 401


@pytest.mark.parametrize("component_id", ["../server.db", "..", "a/../../b"])
def test_storage_endpoints_refuse_ids_that_escape_the_folder(
    served: Served, component_id: str
) -> None:
    """Path-like ids give 400 and never reach the file system."""
    assert _get(served, "get", component_id).status_code == 400


def test_thumbnail_returns_the_stored_image(served: Served, reference: Path) -> None:
    """/component/thumbnail returns the image bytes with an image type."""
    image = (reference / "media" / "image.png").read_bytes()
    _upload(served, image)

    reply = _get(served, "thumbnail", size="10")

    assert reply.status_code == 200
    assert reply.headers["content-type"] == "image/png"
    assert reply.content == image


def test_every_request_logs_one_line_without_the_api_key(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    """The request log names method, path and status but never the key."""
    with caplog.at_level(logging.INFO, logger="ftrack_api.local.server.app"):
        _get(served, "get")

    lines = [r.getMessage() for r in caplog.records if r.name.endswith("server.app")]
    assert len(lines) == 1
    assert lines[0].startswith("GET /component/get 404")
    assert served.api_key not in lines[0]


def test_upload_cut_off_midway_stores_nothing(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    """A PUT whose connection drops before the declared length leaves no file."""
    metadata = _upload_metadata(served, b"x" * 1000)
    parts = urllib.parse.urlsplit(metadata["url"])
    request = (
        f"PUT {parts.path}?{parts.query} HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\nContent-Length: 1000\r\n\r\n"
    ).encode() + b"x" * 100

    with caplog.at_level(logging.INFO, logger="ftrack_api.local.server.app"):
        with socket.create_connection(
            (parts.hostname, parts.port), timeout=PATIENCE
        ) as raw:
            raw.sendall(request)
        deadline = time.monotonic() + PATIENCE
        while "PUT /component/upload" not in caplog.text:
            assert time.monotonic() < deadline, "the server never finished the PUT"
            time.sleep(0.05)

    assert _get(served, "get").status_code == 404
    assert [path for path in served.storage.rglob("*") if path.is_file()] == []
