"""Fixtures for structure tests."""

from __future__ import annotations

import pytest
from structure_fakes import FakeSession


@pytest.fixture
def fake_session() -> FakeSession:
    """Return an empty fake session."""
    return FakeSession()
