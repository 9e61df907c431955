"""Component data of the ``ftrack.server`` location, kept in a folder on disk.

Each component's bytes live in one file named after the component id, under a
two-character shard folder so that no folder grows too large::

    <root>/ab/ab12cd34-...-ef

An upload is written to a hidden temporary file in the same shard folder and
renamed over the final name only once every byte has arrived (and the optional
``Content-MD5`` matched), so a broken transfer never leaves a partial file
behind. Ids are checked against a strict pattern before they touch a path.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import BinaryIO

import anyio.to_thread

logger = logging.getLogger(__name__)

#: Component ids are UUIDs in practice; allow any short id made of safe
#: characters, which rules out separators, dots and empty names.
COMPONENT_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")

TEMPORARY_PREFIX = ".upload-"


class StorageError(Exception):
    """Base of the errors of the component storage."""


class InvalidComponentIdError(StorageError, ValueError):
    """Raise when a component id could not safely name a file."""


class ComponentDataNotFoundError(StorageError, LookupError):
    """Raise when no data is stored for a component."""


class ChecksumMismatchError(StorageError, ValueError):
    """Raise when uploaded bytes do not match the announced ``Content-MD5``."""


class ComponentStorage:
    """Store, read and remove the bytes of components under one folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, component_id: str) -> Path:
        """Return the file that holds *component_id*'s data.

        Raise :exc:`InvalidComponentIdError` for an id that is not a plain
        name, so that no id can point outside :attr:`root`.
        """
        if not isinstance(component_id, str) or not COMPONENT_ID_PATTERN.fullmatch(
            component_id
        ):
            raise InvalidComponentIdError(f"Invalid component id {component_id!r}.")
        return self.root / component_id[:2].lower() / component_id

    def exists(self, component_id: str) -> bool:
        """Return whether data is stored for *component_id*."""
        return self.path(component_id).is_file()

    def open(self, component_id: str) -> BinaryIO:
        """Return *component_id*'s data opened for binary reading."""
        path = self.path(component_id)
        try:
            return path.open("rb")
        except FileNotFoundError as error:
            raise ComponentDataNotFoundError(
                f"No data stored for component {component_id!r}."
            ) from error

    def remove(self, component_id: str) -> bool:
        """Remove *component_id*'s data; return whether there was any."""
        path = self.path(component_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        logger.debug("Removed data of component %s.", component_id)
        return True

    async def write(
        self,
        component_id: str,
        chunks: AsyncIterator[bytes],
        content_md5: str | None = None,
    ) -> int:
        """Store the bytes of *chunks* as *component_id*'s data, atomically.

        *content_md5* is the base64 MD5 digest of the whole body (the
        ``Content-MD5`` header); when given, a mismatch raises
        :exc:`ChecksumMismatchError` and keeps the previous data. Return the
        number of bytes stored.
        """
        path = self.path(component_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.md5(usedforsecurity=False)
        size = 0
        descriptor, temporary = tempfile.mkstemp(
            prefix=TEMPORARY_PREFIX, dir=path.parent
        )
        try:
            with os.fdopen(descriptor, "wb") as stream:
                async for chunk in chunks:
                    stream.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                _check_md5(component_id, digest, content_md5)
                await anyio.to_thread.run_sync(_flush_to_disk, stream)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        logger.debug("Stored %d bytes for component %s.", size, component_id)
        return size

    def remove_leftovers(self) -> int:
        """Delete temporary files of interrupted uploads; return how many."""
        count = 0
        for leftover in self.root.glob(f"*/{TEMPORARY_PREFIX}*"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                count += 1
        return count


def _flush_to_disk(stream: BinaryIO) -> None:
    """Write *stream*'s buffered bytes through to the disk."""
    stream.flush()
    os.fsync(stream.fileno())


def _check_md5(
    component_id: str, digest: hashlib._Hash, content_md5: str | None
) -> None:
    """Raise :exc:`ChecksumMismatchError` if *digest* differs from *content_md5*."""
    if not content_md5:
        return
    actual = base64.b64encode(digest.digest()).decode("ascii")
    if actual != content_md5.strip():
        raise ChecksumMismatchError(
            f"Content-MD5 {content_md5!r} does not match the {actual!r} of the "
            f"data uploaded for component {component_id!r}."
        )
