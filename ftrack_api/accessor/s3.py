"""Accessor for an S3 bucket, or any S3-compatible store, through boto3.

Resource identifiers are keys relative to an optional key prefix, with ``/``
between levels. Files are uploaded in parts (multipart upload) and downloaded
as a ranged stream, so a transfer holds at most about two parts in memory
whatever the file size. A container is a key prefix; ``make_container`` writes
an empty ``<key>/`` marker so that empty containers exist too.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterator
from typing import Any

import ftrack_api.data
import ftrack_api.exception
from ftrack_api.accessor.base import Accessor

logger = logging.getLogger(__name__)

#: Default size of one uploaded part; S3 needs at least 5 MiB but for the last.
DEFAULT_PART_SIZE = 8 * 1024 * 1024
_MINIMUM_PART_SIZE = 5 * 1024 * 1024

_NOT_FOUND_CODES = {"404", "NoSuchKey", "NotFound", "NoSuchBucket"}
_DENIED_CODES = {"403", "AccessDenied", "Forbidden"}


@contextlib.contextmanager
def error_handler(operation: str, resource_identifier: str) -> Iterator[None]:
    """Turn a boto3 error raised inside the block into an accessor error."""
    import botocore.exceptions

    try:
        yield
    except botocore.exceptions.ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        error_class: Any = ftrack_api.exception.AccessorOperationFailedError
        if code in _NOT_FOUND_CODES:
            error_class = ftrack_api.exception.AccessorResourceNotFoundError
        elif code in _DENIED_CODES:
            error_class = ftrack_api.exception.AccessorPermissionDeniedError
        raise error_class(
            operation=operation, resource_identifier=resource_identifier, error=error
        ) from error
    except botocore.exceptions.BotoCoreError as error:
        raise ftrack_api.exception.AccessorOperationFailedError(
            operation=operation, resource_identifier=resource_identifier, error=error
        ) from error


class S3Accessor(Accessor):
    """Store data as objects of *bucket* under *key_prefix*.

    *endpoint_url* is the store's address and is required (no default aims at
    a public service): pass your S3-compatible server's URL, or an AWS
    regional endpoint. Give a ready boto3 *client*, or keyword arguments for
    ``boto3.client("s3", ...)`` such as credentials and ``region_name``.
    """

    #: boto3 clients are thread-safe; two streams keep memory near two parts.
    parallel_transfers = 2
    implicit_containers = True

    def __init__(
        self,
        bucket: str,
        key_prefix: str = "",
        *,
        endpoint_url: str | None = None,
        client: Any = None,
        part_size: int = DEFAULT_PART_SIZE,
        **client_kwargs: Any,
    ) -> None:
        if client is None and not endpoint_url:
            raise ValueError(
                f"S3Accessor for bucket {bucket!r} needs an endpoint_url or a client."
            )
        if part_size < _MINIMUM_PART_SIZE:
            raise ValueError(
                f"part_size {part_size!r} is below the S3 minimum of "
                f"{_MINIMUM_PART_SIZE} bytes."
            )
        if client is None:
            import boto3

            client = boto3.client("s3", endpoint_url=endpoint_url, **client_kwargs)
        self.client = client
        self.bucket = bucket
        self.key_prefix = key_prefix.strip("/")
        self.part_size = part_size
        super().__init__()

    def get_key(self, resource_identifier: str) -> str:
        """Return the object key of *resource_identifier*."""
        parts = [part for part in resource_identifier.split("/") if part]
        if any(part in (".", "..") for part in parts):
            raise ftrack_api.exception.AccessorResourceIdentifierError(
                resource_identifier,
                message=(
                    f"Resource identifier {resource_identifier!r} may not contain "
                    "'.' or '..' levels."
                ),
            )
        return "/".join([self.key_prefix, *parts] if self.key_prefix else parts)

    def list(self, resource_identifier: str) -> list[str]:
        """Return the resource identifiers directly inside a container."""
        if not self.is_container(resource_identifier):
            error_class: Any = ftrack_api.exception.AccessorResourceNotFoundError
            if self.is_file(resource_identifier):
                error_class = ftrack_api.exception.AccessorResourceInvalidError
            raise error_class("list", resource_identifier)
        base = resource_identifier.strip("/")
        names = sorted(self._child_names(resource_identifier))
        return [f"{base}/{name}" if base else name for name in names]

    def _child_names(self, resource_identifier: str) -> set[str]:
        prefix = self._folder_prefix(resource_identifier)
        paginator = self.client.get_paginator("list_objects_v2")
        names: set[str] = set()
        with error_handler("list", resource_identifier):
            pages = paginator.paginate(Bucket=self.bucket, Prefix=prefix, Delimiter="/")
            for page in pages:
                for entry in page.get("CommonPrefixes", []):
                    names.add(entry["Prefix"][len(prefix) :].rstrip("/"))
                for entry in page.get("Contents", []):
                    names.add(entry["Key"][len(prefix) :])
        names.discard("")
        return names

    def _folder_prefix(self, resource_identifier: str) -> str:
        key = self.get_key(resource_identifier)
        return f"{key}/" if key else ""

    def exists(self, resource_identifier: str) -> bool:
        """Return whether an object or a container is at *resource_identifier*."""
        return self.is_file(resource_identifier) or self.is_container(
            resource_identifier
        )

    def is_file(self, resource_identifier: str) -> bool:
        """Return whether an object is at *resource_identifier* (one HEAD)."""
        key = self.get_key(resource_identifier)
        if not key:
            return False
        try:
            self._head(key, resource_identifier)
        except ftrack_api.exception.AccessorResourceNotFoundError:
            return False
        return True

    def is_container(self, resource_identifier: str) -> bool:
        """Return whether any object has *resource_identifier* as a folder."""
        prefix = self._folder_prefix(resource_identifier)
        if not prefix:
            return True
        with error_handler("is_container", resource_identifier):
            reply = self.client.list_objects_v2(
                Bucket=self.bucket, Prefix=prefix, MaxKeys=1
            )
        return bool(reply.get("KeyCount", 0))

    def is_sequence(self, resource_identifier: str) -> bool:
        """Refuse: a bucket holds no sequence as such, only its member objects."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "is_sequence", resource_identifier=resource_identifier
        )

    def open(self, resource_identifier: str, mode: str = "rb") -> ftrack_api.data.Data:
        """Open the object at *resource_identifier* for reading or writing."""
        key = self.get_key(resource_identifier)
        if mode in ("r", "rb"):
            size = int(self._head(key, resource_identifier)["ContentLength"])
            return S3ReadData(self, key, resource_identifier, size)
        if mode in ("w", "wb"):
            return S3WriteData(self, key, resource_identifier)
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "open", resource_identifier=resource_identifier, error=f"mode {mode!r}"
        )

    def _head(self, key: str, resource_identifier: str) -> dict[str, Any]:
        with error_handler("head", resource_identifier):
            return dict(self.client.head_object(Bucket=self.bucket, Key=key))

    def remove(self, resource_identifier: str) -> None:
        """Remove the object, or the empty container, at *resource_identifier*."""
        key = self.get_key(resource_identifier)
        if self.is_file(resource_identifier):
            with error_handler("remove", resource_identifier):
                self.client.delete_object(Bucket=self.bucket, Key=key)
            return
        if not self.is_container(resource_identifier):
            raise ftrack_api.exception.AccessorResourceNotFoundError(
                "remove", resource_identifier
            )
        if self._child_names(resource_identifier):
            raise ftrack_api.exception.AccessorContainerNotEmptyError(
                "remove", resource_identifier
            )
        with error_handler("remove", resource_identifier):
            self.client.delete_object(Bucket=self.bucket, Key=f"{key}/")

    def make_container(self, resource_identifier: str, recursive: bool = True) -> None:
        """Write an empty marker so the container exists; keep an existing one."""
        key = self.get_key(resource_identifier)
        if not key or self.is_container(resource_identifier):
            return
        parent = self.get_container(resource_identifier)
        if not recursive and parent and not self.is_container(parent):
            raise ftrack_api.exception.AccessorParentResourceNotFoundError(
                "make_container", resource_identifier
            )
        with error_handler("make_container", resource_identifier):
            self.client.put_object(Bucket=self.bucket, Key=f"{key}/", Body=b"")

    def get_container(self, resource_identifier: str) -> str:
        """Return the resource identifier of the container holding this one."""
        parts = [part for part in resource_identifier.split("/") if part]
        if not parts:
            raise ftrack_api.exception.AccessorParentResourceNotFoundError(
                "get_container", resource_identifier, error="the root has no parent"
            )
        return "/".join(parts[:-1])

    def get_url(self, resource_identifier: str) -> str:
        """Return a presigned download URL valid for one hour."""
        key = self.get_key(resource_identifier)
        with error_handler("get_url", resource_identifier):
            return str(
                self.client.generate_presigned_url(
                    "get_object",
                    Params={"Bucket": self.bucket, "Key": key},
                    ExpiresIn=3600,
                )
            )


class S3ReadData(ftrack_api.data.Data):
    """Read an object as a stream, restarted with a range request on seek."""

    def __init__(
        self, accessor: S3Accessor, key: str, resource_identifier: str, size: int
    ) -> None:
        self._accessor = accessor
        self._key = key
        self._resource_identifier = resource_identifier
        self._size = size
        self._position = 0
        self._stream: Any = None
        super().__init__()

    def read(self, limit: int | None = None) -> bytes:
        """Return up to *limit* bytes from the current position."""
        if self._position >= self._size:
            return b""
        if self._stream is None:
            self._stream = self._open_stream()
        with error_handler("read", self._resource_identifier):
            chunk = (
                self._stream.read(limit) if limit is not None else self._stream.read()
            )
        self._position += len(chunk)
        return bytes(chunk)

    def _open_stream(self) -> Any:
        with error_handler("read", self._resource_identifier):
            reply = self._accessor.client.get_object(
                Bucket=self._accessor.bucket,
                Key=self._key,
                Range=f"bytes={self._position}-",
            )
        return reply["Body"]

    def write(self, content: Any) -> None:
        """Refuse: the object was opened for reading."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "write", resource_identifier=self._resource_identifier, error="read only"
        )

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move the position; the next read asks for the bytes from there."""
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: self._size}
        self._position = max(0, base[whence] + offset)
        self._close_stream()
        return self._position

    def tell(self) -> int:
        """Return the current position."""
        return self._position

    def close(self) -> None:
        """Release the download stream."""
        self._close_stream()
        super().close()

    def _close_stream(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None


class S3WriteData(ftrack_api.data.Data):
    """Upload an object part by part as it is written; finish on close.

    Small objects (one part or less) are sent with one ``PutObject``. Call
    :meth:`abort` instead of :meth:`close` to drop what was written.
    """

    def __init__(
        self, accessor: S3Accessor, key: str, resource_identifier: str
    ) -> None:
        self._accessor = accessor
        self._key = key
        self._resource_identifier = resource_identifier
        self._buffer = bytearray()
        self._upload_id: str | None = None
        self._parts: list[dict[str, Any]] = []
        self._written = 0
        super().__init__()

    def read(self, limit: int | None = None) -> bytes:
        """Refuse: the object was opened for writing."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "read", resource_identifier=self._resource_identifier, error="write only"
        )

    def write(self, content: Any) -> None:
        """Buffer *content*, uploading every complete part."""
        if isinstance(content, str):
            content = content.encode("utf-8")
        self._buffer += content
        self._written += len(content)
        part_size = self._accessor.part_size
        while len(self._buffer) >= part_size:
            self._upload_part(bytes(self._buffer[:part_size]))
            del self._buffer[:part_size]

    def tell(self) -> int:
        """Return the number of bytes written."""
        return self._written

    def _upload_part(self, body: bytes) -> None:
        client, bucket = self._accessor.client, self._accessor.bucket
        with error_handler("write", self._resource_identifier):
            if self._upload_id is None:
                reply = client.create_multipart_upload(Bucket=bucket, Key=self._key)
                self._upload_id = reply["UploadId"]
            number = len(self._parts) + 1
            reply = client.upload_part(
                Bucket=bucket,
                Key=self._key,
                UploadId=self._upload_id,
                PartNumber=number,
                Body=body,
            )
        self._parts.append({"PartNumber": number, "ETag": reply["ETag"]})

    def close(self) -> None:
        """Send what is left and complete the object."""
        if self.closed:
            return
        self.closed = True
        try:
            self._finish()
        except BaseException:
            self._abort_upload()
            raise
        finally:
            self._buffer = bytearray()

    def _finish(self) -> None:
        client, bucket = self._accessor.client, self._accessor.bucket
        if self._upload_id is None:
            with error_handler("write", self._resource_identifier):
                client.put_object(
                    Bucket=bucket, Key=self._key, Body=io.BytesIO(self._buffer)
                )
            return
        if self._buffer:
            self._upload_part(bytes(self._buffer))
        with error_handler("write", self._resource_identifier):
            client.complete_multipart_upload(
                Bucket=bucket,
                Key=self._key,
                UploadId=self._upload_id,
                MultipartUpload={"Parts": self._parts},
            )
        logger.debug("Uploaded %s in %d parts.", self._key, len(self._parts))

    def abort(self) -> None:
        """Drop everything written; no object is created."""
        self.closed = True
        self._buffer = bytearray()
        self._abort_upload()

    def _abort_upload(self) -> None:
        if self._upload_id is None:
            return
        with contextlib.suppress(Exception):
            self._accessor.client.abort_multipart_upload(
                Bucket=self._accessor.bucket, Key=self._key, UploadId=self._upload_id
            )
        self._upload_id = None
