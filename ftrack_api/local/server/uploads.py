"""Signed upload URLs for the ``ftrack.server`` location.

The official client uploads component data with a plain ``PUT`` to the URL
returned by the ``get_upload_metadata`` action, sending only the headers of
that reply. The URL therefore carries its own authorisation: the component
id and an expiry time, signed with a secret that only the server knows (in
the spirit of presigned S3 URLs). No API key ever appears in it.
"""

from __future__ import annotations

import hashlib
import hmac
import mimetypes
import secrets
import time
import urllib.parse
from typing import Any

#: Path of the upload endpoint, relative to the server URL.
UPLOAD_PATH = "/component/upload"


class UploadSigner:
    """Build and check signed upload URLs for one server."""

    def __init__(
        self, server_url: str, secret: bytes | None = None, lifetime: float = 3600.0
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.lifetime = lifetime

    def upload_metadata(
        self,
        component_id: str,
        file_name: str,
        file_size: int | None = None,
        checksum: str | None = None,
    ) -> dict[str, Any]:
        """Return the ``get_upload_metadata`` reply for one component.

        The reply has the official keys ``url``, ``headers`` and
        ``component_id``; *file_size* is accepted for the same signature and
        checked by the ``PUT`` itself.
        """
        expires = int(time.time() + self.lifetime)
        query = urllib.parse.urlencode(
            {
                "id": component_id,
                "expires": expires,
                "signature": self.signature(component_id, expires),
            }
        )
        content_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        headers = {
            "Content-Type": content_type,
            "Content-Disposition": _content_disposition(file_name),
        }
        if checksum:
            headers["Content-MD5"] = checksum
        return {
            "url": f"{self.server_url}{UPLOAD_PATH}?{query}",
            "headers": headers,
            "component_id": component_id,
        }

    def signature(self, component_id: str, expires: int) -> str:
        """Return the signature of an upload of *component_id* until *expires*."""
        message = f"{component_id}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def verify(self, component_id: str, expires: str, signature: str) -> bool:
        """Return whether *signature* allows uploading *component_id* now."""
        try:
            expiry = int(expires)
        except ValueError:
            return False
        if expiry < time.time():
            return False
        expected = self.signature(component_id, expiry)
        return hmac.compare_digest(expected, signature)


def _content_disposition(file_name: str) -> str:
    """Return an attachment disposition naming *file_name* (RFC 6266)."""
    quoted = urllib.parse.quote(file_name, safe="")
    return f"attachment; filename*=UTF-8''{quoted}"
