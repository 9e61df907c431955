"""HTTP endpoints of the ``ftrack.server`` location's component data.

* ``PUT /component/upload?id=…&expires=…&signature=…``: store the body, from
  the signed URL of ``get_upload_metadata`` (or with API credentials).
* ``GET /component/get?id=…``: return the stored bytes, 404 when missing.
* ``GET /component/remove?id=…``: delete the stored bytes.
* ``GET /component/thumbnail?id=…&size=…``: return the stored image as is.

Reads and removals need the API user and key (``username``/``apiKey`` in the
query string, as the official client sends them, or the usual headers).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Iterator
from typing import BinaryIO

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from ftrack_api.local.server.auth import Authenticator
from ftrack_api.local.server.storage import (
    ChecksumMismatchError,
    ComponentDataNotFoundError,
    ComponentStorage,
    InvalidComponentIdError,
)
from ftrack_api.local.server.uploads import UploadSigner

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024

Endpoint = Callable[[Request], Awaitable[Response]]


class ComponentEndpoints:
    """Serve the upload, download, removal and thumbnail of component data."""

    def __init__(
        self,
        storage: ComponentStorage,
        authenticator: Authenticator,
        signer: UploadSigner | None,
    ) -> None:
        self.storage = storage
        self.authenticator = authenticator
        self.signer = signer

    async def upload(self, request: Request) -> Response:
        """Store the request body as the data of the component ``id``."""
        component_id = request.query_params.get("id", "")
        if not await self._upload_allowed(request, component_id):
            return _error(403, "The upload URL is not valid or has expired.")
        try:
            size = await self.storage.write(
                component_id, request.stream(), request.headers.get("content-md5")
            )
        except (InvalidComponentIdError, ChecksumMismatchError) as error:
            return _error(400, str(error))
        except ClientDisconnect:
            logger.info("Upload of component %s was interrupted.", component_id)
            return _error(400, "The upload was interrupted.")
        return JSONResponse({"component_id": component_id, "size": size})

    async def get(self, request: Request) -> Response:
        """Return the data of the component ``id``."""
        return await self._send(request, "application/octet-stream")

    async def thumbnail(self, request: Request) -> Response:
        """Return the stored image of the component ``id``, whatever ``size``."""
        return await self._send(request, None)

    async def remove(self, request: Request) -> Response:
        """Delete the data of the component ``id``; removing nothing is fine."""
        rejection = await self._authenticate(request)
        if rejection is not None:
            return rejection
        try:
            removed = self.storage.remove(request.query_params.get("id", ""))
        except InvalidComponentIdError as error:
            return _error(400, str(error))
        return JSONResponse({"removed": removed})

    async def _send(self, request: Request, media_type: str | None) -> Response:
        """Stream the data of the component ``id`` back."""
        rejection = await self._authenticate(request)
        if rejection is not None:
            return rejection
        try:
            stream = self.storage.open(request.query_params.get("id", ""))
        except InvalidComponentIdError as error:
            return _error(400, str(error))
        except ComponentDataNotFoundError as error:
            return _error(404, str(error))
        size = os.fstat(stream.fileno()).st_size
        return StreamingResponse(
            _read_chunks(stream),
            media_type=media_type or _sniff_image_type(stream),
            headers={"Content-Length": str(size)},
        )

    async def _authenticate(self, request: Request) -> Response | None:
        """Return a 401 response unless the request has valid credentials."""
        username = await self.authenticator.authenticate(
            request.headers, request.query_params
        )
        if username is None:
            return _error(401, "Invalid API user or key.")
        request.scope.setdefault("state", {})["ftrack_user"] = username
        return None

    async def _upload_allowed(self, request: Request, component_id: str) -> bool:
        """Return whether the request may upload *component_id*'s data."""
        parameters = request.query_params
        if self.signer is not None and "signature" in parameters:
            return self.signer.verify(
                component_id, parameters.get("expires", ""), parameters["signature"]
            )
        return await self._authenticate(request) is None


def _read_chunks(stream: BinaryIO) -> Iterator[bytes]:
    """Yield the content of *stream* in chunks, closing it at the end."""
    with stream:
        while chunk := stream.read(CHUNK_SIZE):
            yield chunk


def _sniff_image_type(stream: BinaryIO) -> str:
    """Return the media type of the image in *stream* from its first bytes."""
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"\x89PNG"):
        return "image/png"
    if head.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if head[:4] in (b"GIF8",):
        return "image/gif"
    return "application/octet-stream"


def _error(status: int, message: str) -> Response:
    """Return a JSON error response."""
    return JSONResponse({"message": message}, status_code=status)
