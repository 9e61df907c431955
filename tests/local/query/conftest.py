"""Fixtures for the query language tests: a small studio in a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from query_studio import studio_engine

from ftrack_api.local.model import Model, get_model


@pytest.fixture(scope="module")
def model() -> Model:
    """Return the backend's model."""
    return get_model()


@pytest.fixture(scope="module")
def sqlite_studio(model: Model) -> Iterator[sa.Connection]:
    """Return a connection to an in-memory SQLite database holding the studio."""
    engine = studio_engine("sqlite://", model)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


@pytest.fixture
def postgresql_studio(postgresql_url: str, model: Model) -> Iterator[sa.Connection]:
    """Return a connection to a fresh PostgreSQL database holding the studio."""
    engine = studio_engine(
        postgresql_url.replace("postgresql://", "postgresql+psycopg://"), model
    )
    with engine.connect() as connection:
        yield connection
    engine.dispose()
