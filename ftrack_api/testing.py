"""Test helpers: a Session on a fresh embedded backend.

Use the pytest fixture in your own pipeline tests by adding this line to
your ``conftest.py``::

    pytest_plugins = ["ftrack_api.testing"]

and asking for ``ftrack_session`` in a test::

    def test_publish(ftrack_session):
        project = ftrack_session.query("Project").first()
        ...

Each test gets a new SQLite database in its own temporary directory, so tests
never see each other's data.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ftrack_api.session import Session

__all__ = ["create_session", "ftrack_session"]


def create_session(directory: str | os.PathLike[str], **kw: Any) -> Session:
    """Return a Session on a new SQLite backend stored in *directory*.

    Keyword arguments go to :class:`~ftrack_api.session.Session`; by default
    no event plugins are loaded and schemas are cached in *directory*.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    kw.setdefault("plugin_paths", [])
    kw.setdefault("schema_cache_path", str(directory))
    return Session(server_url=f"sqlite:///{directory / 'ftrack.db'}", **kw)


try:
    import pytest
except ImportError:  # pytest is only needed for the fixture
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture
    def ftrack_session(tmp_path: Path) -> Iterator[Session]:
        """Yield a Session on a fresh embedded backend; close it afterwards."""
        session = create_session(tmp_path / "ftrack")
        try:
            yield session
        finally:
            session.close()
