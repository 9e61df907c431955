"""Fixtures of the server tests: a real backend served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from server_helpers import PATIENCE, Served, serve


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Any]:
    """Return a new embedded backend on a SQLite file."""
    from ftrack_api.local import Backend

    opened = Backend.open(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def served(backend: Any, tmp_path: Path) -> Iterator[Served]:
    """Return a server on a fresh backend, with fast heartbeats.

    Silent clients are dropped only after ``PATIENCE`` seconds, so that the
    raw socket.io clients of the tests survive a loaded machine.
    """
    yield from serve(
        backend,
        tmp_path / "storage",
        heartbeat_interval=0.2,
        heartbeat_timeout=PATIENCE,
    )
