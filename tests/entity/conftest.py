"""Fixtures for entity tests: a committed project on the embedded backend."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from ftrack_api.session import Session


@pytest.fixture
def project(ftrack_session: Session) -> Any:
    """Return a committed project on the default project schema."""
    schema = ftrack_session.query("ProjectSchema").first()
    project = ftrack_session.create(
        "Project",
        {
            "name": f"p_{uuid.uuid4().hex[:8]}",
            "full_name": "Entity tests",
            "project_schema": schema,
        },
    )
    ftrack_session.commit()
    return project


@pytest.fixture
def user(ftrack_session: Session) -> Any:
    """Return a committed user."""
    user = ftrack_session.create("User", {"username": f"u_{uuid.uuid4().hex[:8]}"})
    ftrack_session.commit()
    return user
