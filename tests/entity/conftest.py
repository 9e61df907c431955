"""Fixtures for entity tests (the committed ``project`` is in tests/conftest.py)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from ftrack_api.session import Session


@pytest.fixture
def session(ftrack_session: Session) -> Session:
    """Return the test's session on a fresh embedded SQLite backend."""
    return ftrack_session


@pytest.fixture
def project_full_name() -> str:
    """Name the shared ``project`` fixture's project for the entity tests."""
    return "Entity tests"


@pytest.fixture
def user(ftrack_session: Session) -> Any:
    """Return a committed user."""
    user = ftrack_session.create("User", {"username": f"u_{uuid.uuid4().hex[:8]}"})
    ftrack_session.commit()
    return user
