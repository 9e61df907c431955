"""File-like wrappers that accessors hand out, and the chunked copy between them.

``Data`` is the small interface every accessor's ``open`` returns: ``read``,
``write``, ``flush``, ``seek``, ``tell`` and ``close``. :func:`copy_data` moves
the bytes of one into another a buffer at a time, using the kernel's
file-to-file copy when both ends are real files, so no transfer ever holds a
whole file in memory.
"""

from __future__ import annotations

import errno
import io
import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import IO, Any

import ftrack_api.symbol

#: Size of the buffer used to copy between two non-file ends (8 MiB).
COPY_BUFFER_SIZE = max(ftrack_api.symbol.CHUNK_SIZE, 8 * 1024 * 1024)

#: Bytes asked of the kernel per copy call (64 MiB: few calls, no user memory).
_KERNEL_COPY_SIZE = 64 * 1024 * 1024

#: Errors meaning "this kernel copy does not apply here", so another way is tried.
_KERNEL_COPY_REFUSED = {
    errno.EXDEV,
    errno.ENOSYS,
    errno.EINVAL,
    errno.EBADF,
    errno.EOPNOTSUPP,
    errno.ENOTSUP,
}

#: Called after each copied buffer with the bytes copied so far and the total
#: (``None`` when the source size is unknown).
CopyProgress = Callable[[int, "int | None"], None]


class Data(ABC):
    """Hold data opened by an accessor, read or written in chunks."""

    def __init__(self) -> None:
        self.closed = False

    @abstractmethod
    def read(self, limit: int | None = None) -> Any:
        """Return up to *limit* bytes (everything left when ``None``)."""

    @abstractmethod
    def write(self, content: Any) -> None:
        """Write *content* at the current position."""

    def flush(self) -> None:
        """Push buffered writes to the underlying storage."""
        return None

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move the current position (unsupported by default)."""
        raise NotImplementedError("Seek not supported.")

    def tell(self) -> int:
        """Return the current position (unsupported by default)."""
        raise NotImplementedError("Tell not supported.")

    def close(self) -> None:
        """Flush and mark the data closed."""
        self.flush()
        self.closed = True

    def __enter__(self) -> Data:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class FileWrapper(Data):
    """Wrap an open file object as :class:`Data`."""

    def __init__(self, wrapped_file: IO[Any]) -> None:
        self.wrapped_file = wrapped_file
        self._read_since_write = False
        super().__init__()

    def read(self, limit: int | None = None) -> Any:
        """Return up to *limit* bytes (everything left when ``None``)."""
        self._read_since_write = True
        if limit is None:
            limit = -1
        return self.wrapped_file.read(limit)

    def write(self, content: Any) -> None:
        """Write *content*, repositioning first when the last call was a read."""
        if self._read_since_write:
            # A write straight after a read on the same stream is undefined in C
            # stdio; seeking to the current position makes it well defined.
            self.wrapped_file.seek(self.wrapped_file.tell())
            self._read_since_write = False
        self.wrapped_file.write(content)

    def flush(self) -> None:
        """Flush the wrapped file."""
        self.wrapped_file.flush()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move the current position of the wrapped file."""
        return self.wrapped_file.seek(offset, whence)

    def tell(self) -> int:
        """Return the current position of the wrapped file."""
        return self.wrapped_file.tell()

    def fileno(self) -> int:
        """Return the operating-system handle of the wrapped file."""
        return self.wrapped_file.fileno()

    def close(self) -> None:
        """Flush and close the wrapped file."""
        if self.closed:
            return
        super().close()
        self.wrapped_file.close()


class File(FileWrapper):
    """Data held in a file on disk."""

    def __init__(self, path: str, mode: str = "rb") -> None:
        self.path = path
        super().__init__(open(path, mode))  # noqa: SIM115 - closed by close()


class String(FileWrapper):
    """Data held in a temporary file; text in, text out, bytes in, bytes out."""

    def __init__(self, content: str | bytes | None = None) -> None:
        import tempfile

        self._text = isinstance(content, str)
        super().__init__(tempfile.TemporaryFile())
        if content is not None:
            self.write(content)
            self.seek(0)

    def read(self, limit: int | None = None) -> Any:
        """Return up to *limit* bytes, decoded when text was written."""
        content = super().read(limit)
        if self._text:
            return content.decode("utf-8")
        return content

    def write(self, content: Any) -> None:
        """Write *content*, encoding text as UTF-8."""
        if isinstance(content, str):
            self._text = True
            content = content.encode("utf-8")
        super().write(content)


def copy_data(
    source: Data,
    target: Data,
    progress: CopyProgress | None = None,
    total: int | None = None,
) -> int:
    """Copy everything left in *source* into *target*; return the bytes copied.

    When both are operating-system files the kernel copies the bytes
    (``copy_file_range``, then ``sendfile``); otherwise the copy goes through
    a buffer of :data:`COPY_BUFFER_SIZE` bytes.
    """
    source_fd, target_fd = _fileno(source), _fileno(target)
    if source_fd is not None and target_fd is not None:
        target.flush()
        copied = _copy_between_descriptors(source_fd, target_fd, progress, total)
        if copied is not None:
            return copied
    return _copy_through_buffer(source, target, progress, total)


def _fileno(data: Data) -> int | None:
    fileno = getattr(data, "fileno", None)
    if fileno is None or isinstance(data, String):
        return None
    try:
        return int(fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


def _copy_between_descriptors(
    source_fd: int,
    target_fd: int,
    progress: CopyProgress | None,
    total: int | None,
) -> int | None:
    """Copy with a kernel call, or return ``None`` when none applies."""
    copiers: list[Callable[[int, int, int], int]] = []
    if hasattr(os, "copy_file_range"):
        copiers.append(os.copy_file_range)
    if hasattr(os, "sendfile"):
        copiers.append(
            lambda source, target, count: os.sendfile(target, source, None, count)
        )
    for copy_once in copiers:
        copied = _kernel_copy_loop(copy_once, source_fd, target_fd, progress, total)
        if copied is not None:
            return copied
    return None


def _kernel_copy_loop(
    copy_once: Callable[[int, int, int], int],
    source_fd: int,
    target_fd: int,
    progress: CopyProgress | None,
    total: int | None,
) -> int | None:
    """Copy until the end; ``None`` when the call is refused before any byte."""
    copied = 0
    while True:
        try:
            count = copy_once(source_fd, target_fd, _KERNEL_COPY_SIZE)
        except OSError as error:
            if copied == 0 and error.errno in _KERNEL_COPY_REFUSED:
                return None
            raise
        if count == 0:
            return copied
        copied += count
        if progress is not None:
            progress(copied, total)


def _copy_through_buffer(
    source: Data,
    target: Data,
    progress: CopyProgress | None,
    total: int | None,
) -> int:
    copied = 0
    while True:
        chunk = source.read(COPY_BUFFER_SIZE)
        if not chunk:
            return copied
        target.write(chunk)
        copied += len(chunk)
        if progress is not None:
            progress(copied, total)
