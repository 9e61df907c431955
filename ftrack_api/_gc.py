"""Pause Python's cyclic garbage collector around bulk work.

Decoding and merging a reply of many rows, and running a batch of many
operations in the embedded backend, keep tens of thousands of objects alive.
Each allocation burst would otherwise trigger collections that walk every one
of them again, so the cost per row would grow with the size of the work.
Reference counting still frees memory while the collector is paused.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextlib.contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """Keep the cyclic collector off inside the block when *pause* is true.

    Nested and concurrent pauses share one count: the collector is turned
    back on by the last block to leave, and only if it was on before the
    first one entered.
    """
    global _pauses, _was_enabled
    if not pause:
        yield
        return

    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
