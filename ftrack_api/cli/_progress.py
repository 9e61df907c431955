"""A plain-text progress bar and an accessor that reports the bytes it writes."""

from __future__ import annotations

import sys
import time
from typing import IO, Any

import ftrack_api.accessor.base
import ftrack_api.data


class ProgressBar:
    """Draw the progress of a transfer of *total* bytes on a text stream.

    On a terminal the bar is redrawn in place; elsewhere (a log, a pipe) one
    line is printed for every tenth of the transfer.
    """

    width = 30

    def __init__(
        self, total: int, stream: IO[str] | None = None, enabled: bool = True
    ) -> None:
        self.total = max(total, 0)
        self.enabled = enabled
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self._interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_tenth = -1
        self._last_draw = 0.0

    def advance(self, count: int) -> None:
        """Record *count* more bytes moved and redraw when due."""
        self.done += count
        self._draw(final=False)

    def finish(self) -> None:
        """Draw the final state and end the line."""
        self._draw(final=True)
        if self._interactive and self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def _fraction(self) -> float:
        if self.total == 0:
            return 1.0
        return min(self.done / self.total, 1.0)

    def _draw(self, final: bool) -> None:
        if not self.enabled:
            return
        fraction = self._fraction()
        if self._interactive:
            now = time.monotonic()
            if not final and now - self._last_draw < 0.1:
                return
            self._last_draw = now
            self.stream.write("\r" + self._line(fraction))
        else:
            tenth = int(fraction * 10)
            if tenth == self._last_tenth:
                return
            self._last_tenth = tenth
            self.stream.write(self._line(fraction) + "\n")
        self.stream.flush()

    def _line(self, fraction: float) -> str:
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        return (
            f"Transferring [{bar}] {fraction * 100:5.1f}% "
            f"{format_size(self.done)} of {format_size(self.total)}"
        )


def format_size(size: float) -> str:
    """Return *size* bytes as a short human-readable text."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"


class _CountingData(ftrack_api.data.Data):
    """Pass writes through to *wrapped* and count them on a progress bar."""

    def __init__(self, wrapped: ftrack_api.data.Data, progress: ProgressBar) -> None:
        super().__init__()
        self.wrapped = wrapped
        self.progress = progress

    def read(self, limit: int | None = None) -> Any:
        """Read from the wrapped data."""
        return self.wrapped.read(limit)

    def write(self, content: Any) -> None:
        """Write to the wrapped data and report the bytes."""
        self.wrapped.write(content)
        self.progress.advance(len(content))

    def flush(self) -> None:
        """Flush the wrapped data."""
        self.wrapped.flush()

    def close(self) -> None:
        """Close the wrapped data."""
        if not self.closed:
            self.wrapped.close()
            self.closed = True


class ProgressAccessor(ftrack_api.accessor.base.Accessor):
    """Delegate to another accessor, reporting the bytes written through it.

    It also remembers the resource identifiers it opened for writing, so a
    failed publish can remove the files it left half written.
    """

    def __init__(
        self, wrapped: ftrack_api.accessor.base.Accessor, progress: ProgressBar
    ) -> None:
        self.wrapped = wrapped
        self.progress = progress
        self.written: list[str] = []

    def open(self, resource_identifier: str, mode: str = "rb") -> ftrack_api.data.Data:
        """Open through the wrapped accessor, counting writes."""
        data = self.wrapped.open(resource_identifier, mode)
        if "w" not in mode and "a" not in mode:
            return data
        self.written.append(resource_identifier)
        return _CountingData(data, self.progress)

    def list(self, resource_identifier: str) -> list[str]:
        """List through the wrapped accessor."""
        return self.wrapped.list(resource_identifier)

    def exists(self, resource_identifier: str) -> bool:
        """Ask the wrapped accessor."""
        return self.wrapped.exists(resource_identifier)

    def is_file(self, resource_identifier: str) -> bool:
        """Ask the wrapped accessor."""
        return self.wrapped.is_file(resource_identifier)

    def is_container(self, resource_identifier: str) -> bool:
        """Ask the wrapped accessor."""
        return self.wrapped.is_container(resource_identifier)

    def is_sequence(self, resource_identifier: str) -> bool:
        """Ask the wrapped accessor."""
        return self.wrapped.is_sequence(resource_identifier)

    def remove(self, resource_identifier: str) -> None:
        """Remove through the wrapped accessor."""
        self.wrapped.remove(resource_identifier)

    def make_container(self, resource_identifier: str, recursive: bool = True) -> None:
        """Make a container through the wrapped accessor."""
        self.wrapped.make_container(resource_identifier, recursive)

    def get_container(self, resource_identifier: str) -> str | None:
        """Ask the wrapped accessor."""
        return self.wrapped.get_container(resource_identifier)

    def get_filesystem_path(self, resource_identifier: str) -> str:
        """Ask the wrapped accessor."""
        return self.wrapped.get_filesystem_path(resource_identifier)

    def get_url(self, resource_identifier: str) -> str:
        """Ask the wrapped accessor."""
        return self.wrapped.get_url(resource_identifier)
