"""A plain-text progress bar for component transfers."""

from __future__ import annotations

import sys
import threading
import time
from typing import IO, Any


class ProgressBar:
    """Draw the progress of a transfer of *total* bytes on a text stream.

    On a terminal the bar is redrawn in place; elsewhere (a log, a pipe) one
    line is printed for every tenth of the transfer. Locations copy several
    files at once from worker threads, so every update takes a lock.
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
        self._copied: dict[Any, int] = {}
        self._lock = threading.Lock()
        self._last_draw = 0.0

    def advance(self, count: int) -> None:
        """Record *count* more bytes moved and redraw when due."""
        with self._lock:
            self.done += count
            self._draw(final=False)

    def component_progress(
        self, component: Any, bytes_copied: int, component_size: int | None
    ) -> None:
        """Record a location's report that *bytes_copied* of a file are copied.

        It has the signature of the ``progress_callback`` of
        :meth:`Location.add_components
        <ftrack_api.entity.location.Location.add_components>`.
        """
        key = component["id"]
        with self._lock:
            previous = self._copied.get(key, 0)
            self._copied[key] = bytes_copied
        self.advance(bytes_copied - previous)

    def finish(self) -> None:
        """Draw the final state and end the line."""
        with self._lock:
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
