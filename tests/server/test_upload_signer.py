"""Tests for the signed upload URLs of get_upload_metadata."""

from __future__ import annotations

import time
import urllib.parse

import pytest

from ftrack_api.local.server.uploads import UploadSigner


def _query(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def test_upload_metadata_has_the_official_keys_and_a_valid_signature() -> None:
    """The reply carries url, headers and component_id; its URL verifies."""
    signer = UploadSigner("http://127.0.0.1:1234/", secret=b"s")

    metadata = signer.upload_metadata("abc", "image.png", 10, "bWQ1")

    assert set(metadata) == {"url", "headers", "component_id"}
    assert metadata["url"].startswith("http://127.0.0.1:1234/component/upload?")
    assert metadata["headers"]["Content-Type"] == "image/png"
    assert metadata["headers"]["Content-MD5"] == "bWQ1"
    query = _query(metadata["url"])
    assert signer.verify("abc", query["expires"], query["signature"])


@pytest.mark.parametrize(
    ("component_id", "expires_offset", "secret"),
    [
        ("other", 100, b"s"),
        ("abc", -1, b"s"),
        ("abc", 100, b"another secret"),
    ],
)
def test_verify_rejects_other_ids_expired_urls_and_other_servers(
    component_id: str, expires_offset: int, secret: bytes
) -> None:
    """A signature is bound to its id, its expiry and its server's secret."""
    signer = UploadSigner("http://127.0.0.1:1", secret=b"s")
    expires = int(time.time()) + expires_offset
    signature = UploadSigner("http://x", secret=secret).signature("abc", expires)

    assert not signer.verify(component_id, str(expires), signature)


def test_verify_rejects_a_non_numeric_expiry() -> None:
    """A tampered expiry is refused rather than raising."""
    signer = UploadSigner("http://127.0.0.1:1", secret=b"s")

    assert not signer.verify("abc", "soon", "0" * 64)
