"""Accessor for the ``ftrack.server`` location: the server's own file storage.

Resource identifiers are component ids. Uploads ask the server where to put
the bytes (``get_upload_metadata``) and ``PUT`` them there; downloads and
removals use the server's ``/component/get`` and ``/component/remove``
endpoints. Both stream through a temporary file in chunks, never holding the
whole file in memory.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import urllib.parse
from typing import TYPE_CHECKING, Any

import ftrack_api.data
import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.accessor.base import Accessor

if TYPE_CHECKING:
    import requests

logger = logging.getLogger(__name__)


def _failure(
    operation: str, resource_identifier: str, error: Any, timeout: float | None = None
) -> ftrack_api.exception.AccessorOperationFailedError:
    """Return the accessor error for a failed request, saying when it timed out."""
    import requests

    if isinstance(error, requests.exceptions.Timeout):
        error = f"timed out after {timeout} seconds ({error})"
    return ftrack_api.exception.AccessorOperationFailedError(
        operation=operation, resource_identifier=resource_identifier, error=error
    )


class ServerFile(ftrack_api.data.String):
    """Data of a component stored on the server, staged in a temporary file.

    In ``rb`` mode the first read downloads the whole file into the temporary
    file, in chunks. In ``wb`` mode writes go to the temporary file and
    :meth:`close` uploads it once (the official client uploads on every
    ``flush``; one upload per file is what every caller wants).
    """

    def __init__(self, resource_identifier: str, session: Any, mode: str = "rb"):
        self.mode = mode
        self.resource_identifier = resource_identifier
        self._session = session
        self._has_read = False
        self._aborted = False
        super().__init__()

    def read(self, limit: int | None = None) -> Any:
        """Download the file on first use, then return up to *limit* bytes."""
        if not self._has_read:
            self._download()
            self._has_read = True
        return super().read(limit)

    def _download(self) -> None:
        accessor = _ServerAccessor(self._session)
        url = accessor.get_url(self.resource_identifier)
        timeout = self._session.request_timeout
        try:
            with _http(self._session).get(url, stream=True, timeout=timeout) as reply:
                reply.raise_for_status()
                for chunk in reply.iter_content(ftrack_api.symbol.CHUNK_SIZE):
                    self.wrapped_file.write(chunk)
        except Exception as error:
            raise _failure("read", self.resource_identifier, error, timeout) from error
        self.wrapped_file.seek(0)

    def abort(self) -> None:
        """Drop what was written; nothing is uploaded."""
        self._aborted = True
        self.close()

    def close(self) -> None:
        """Upload what was written (in ``wb`` mode), then discard the stage."""
        if self.closed:
            return
        try:
            if "w" in self.mode and not self._aborted:
                self.flush()
                self._upload()
        finally:
            super().close()

    def _upload(self) -> None:
        component = self._session.get("FileComponent", self.resource_identifier)
        if component is None:
            raise ftrack_api.exception.AccessorOperationFailedError(
                operation="write",
                resource_identifier=self.resource_identifier,
                error="no FileComponent has this id",
            )
        size, checksum = self._size_and_checksum()
        timeout = self._session.request_timeout
        try:
            metadata = self._session.get_upload_metadata(
                component_id=self.resource_identifier,
                file_name=_file_name(component),
                file_size=size,
                checksum=checksum,
            )
            self.wrapped_file.seek(0)
            reply = _http(self._session).put(
                metadata["url"],
                data=_Body(self.wrapped_file, size),
                headers=metadata.get("headers") or {},
                timeout=timeout,
            )
            reply.raise_for_status()
        except Exception as error:
            raise _failure("write", self.resource_identifier, error, timeout) from error

    def _size_and_checksum(self) -> tuple[int, str]:
        digest = hashlib.md5()  # noqa: S324 - Content-MD5, not security
        self.wrapped_file.seek(0)
        while chunk := self.wrapped_file.read(ftrack_api.symbol.CHUNK_SIZE):
            digest.update(chunk)
        size = self.wrapped_file.tell()
        return size, base64.b64encode(digest.digest()).decode("ascii")


class _Body:
    """A file object with a known length, so requests streams it."""

    def __init__(self, wrapped: Any, size: int) -> None:
        self._wrapped = wrapped
        self.len = size

    def read(self, limit: int = -1) -> bytes:
        return bytes(self._wrapped.read(limit))


def _file_name(component: Any) -> str:
    name = str(component["name"])
    file_type = component["file_type"]
    if file_type:
        return f"{name}.{str(file_type).lstrip('.')}"
    return name


def _http(session: Any) -> requests.Session:
    """Return the session's HTTP client, or a new one without credentials."""
    client = getattr(session, "_request", None)
    import requests

    if isinstance(client, requests.Session):
        return client
    return requests.Session()


class _ServerAccessor(Accessor):
    """Read, write and remove component data on the ftrack server."""

    def __init__(self, session: Any, **kw: Any) -> None:
        self.session = session
        super().__init__(**kw)

    def open(self, resource_identifier: str, mode: str = "rb") -> ServerFile:
        """Open the component data stored under *resource_identifier*."""
        return ServerFile(resource_identifier, session=self.session, mode=mode)

    def remove(self, resource_identifier: str) -> None:
        """Ask the server to delete the stored data."""
        url = self._endpoint("remove", resource_identifier)
        timeout = self.session.request_timeout
        try:
            reply = _http(self.session).get(url, timeout=timeout)
            reply.raise_for_status()
        except Exception as error:
            raise _failure("remove", resource_identifier, error, timeout) from error

    def get_container(self, resource_identifier: str) -> None:
        """Return ``None``: server storage has no containers."""
        return None

    def make_container(self, resource_identifier: str, recursive: bool = True) -> None:
        """Do nothing: server storage has no containers."""
        return None

    def list(self, resource_identifier: str) -> list[str]:
        """Refuse: the server does not list its storage."""
        raise NotImplementedError("The server accessor cannot list its storage.")

    def exists(self, resource_identifier: str) -> bool:
        """Return ``False``: the server does not say, and never refuses a write."""
        return False

    def is_file(self, resource_identifier: str) -> bool:
        """Refuse: the server does not describe its storage."""
        raise NotImplementedError("The server accessor cannot inspect its storage.")

    def is_container(self, resource_identifier: str) -> bool:
        """Refuse: the server does not describe its storage."""
        raise NotImplementedError("The server accessor cannot inspect its storage.")

    def is_sequence(self, resource_identifier: str) -> bool:
        """Refuse: the server does not describe its storage."""
        raise NotImplementedError("The server accessor cannot inspect its storage.")

    def get_url(self, resource_identifier: str) -> str:
        """Return the download URL, credentials included."""
        return self._endpoint("get", resource_identifier)

    def get_thumbnail_url(
        self, resource_identifier: str, size: int | None = None
    ) -> str:
        """Return the thumbnail URL, at *size* pixels when given."""
        return self._endpoint("thumbnail", resource_identifier, size=size)

    def _endpoint(self, name: str, resource_identifier: str, **extra: Any) -> str:
        query = {
            "id": resource_identifier,
            "username": self.session.api_user,
            "apiKey": self.session.api_key,
        }
        query.update({key: value for key, value in extra.items() if value})
        server_url = str(self.session.server_url).rstrip("/")
        return f"{server_url}/component/{name}?{urllib.parse.urlencode(query)}"
