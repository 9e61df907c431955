"""Fixtures of the backend tests: a fresh backend on SQLite or PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import PROJECT_SCHEMA


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Return a new backend on an empty database (SQLite, then PostgreSQL)."""
    if request.param == "sqlite":
        url = "sqlite://"
    else:
        url = request.getfixturevalue("postgresql_url")
    instance = Backend(url, credentials_folder=tmp_path)
    try:
        yield instance
    finally:
        instance.engine.dispose()


def call(backend: Backend, *operations: dict[str, Any]) -> list[Any]:
    """Run *operations* as one trusted batch and return their results."""
    result = backend.call(list(operations), trusted=True)
    assert isinstance(result, list), result
    return result


def fail(backend: Backend, *operations: dict[str, Any]) -> dict[str, Any]:
    """Run *operations*, which must fail, and return the error object."""
    result = backend.call(list(operations), trusted=True)
    assert isinstance(result, dict), result
    assert set(result) == {"exception", "content", "error_code"}
    return result


def create(type_name: str, /, **data: Any) -> dict[str, Any]:
    """Return a create operation of *type_name* with *data*."""
    return {
        "action": "create",
        "entity_type": type_name,
        "entity_data": {"__entity_type__": type_name, **data},
    }


def update(type_name: str, key: list[Any], /, **data: Any) -> dict[str, Any]:
    """Return an update operation."""
    return {
        "action": "update",
        "entity_type": type_name,
        "entity_key": key,
        "entity_data": {"__entity_type__": type_name, **data},
    }


def delete(entity_type: str, key: list[Any]) -> dict[str, Any]:
    """Return a delete operation."""
    return {"action": "delete", "entity_type": entity_type, "entity_key": key}


def query(expression: str) -> dict[str, Any]:
    """Return a query operation."""
    return {"action": "query", "expression": expression}


def ref(entity_type: str, entity_id: str) -> dict[str, str]:
    """Return an entity reference."""
    return {"__entity_type__": entity_type, "id": entity_id}


def new_id() -> str:
    """Return a new uuid string."""
    return str(uuid.uuid4())


def add_project(backend: Backend, name: str, full_name: str) -> str:
    """Create a project on the default schema and return its id."""
    project_id = new_id()
    call(
        backend,
        create(
            "Project",
            id=project_id,
            name=name,
            full_name=full_name,
            project_schema_id=PROJECT_SCHEMA,
        ),
    )
    return project_id


@pytest.fixture
def project(backend: Backend) -> str:
    """Return the id of a new project on the default schema."""
    return add_project(backend, "proj", "Project")
