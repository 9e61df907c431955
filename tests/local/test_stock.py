"""Tests of the stock data seeded on first start."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ftrack_api.local import stock_ids, store
from ftrack_api.local.backend import Backend
from tests.local.conftest import call, create, query


def rows(backend: Backend, expression: str) -> list[dict]:
    """Return the rows of a query."""
    (result,) = call(backend, query(expression))
    return result["data"]


@pytest.mark.parametrize(
    ("name", "location_id"),
    [
        ("ftrack.origin", stock_ids.ORIGIN_LOCATION),
        ("ftrack.unmanaged", stock_ids.UNMANAGED_LOCATION),
        ("ftrack.review", stock_ids.REVIEW_LOCATION),
        ("ftrack.server", stock_ids.SERVER_LOCATION),
        ("ftrack.connect", stock_ids.CONNECT_LOCATION),
    ],
)
def test_stock_locations_have_their_fixed_ids(
    backend: Backend, name: str, location_id: str
) -> None:
    """Each stock location name matches exactly one row with the official id."""
    found = rows(backend, f'Location where name is "{name}"')
    assert [row["id"] for row in found] == [location_id]


def test_default_project_schema_and_workflows(backend: Backend) -> None:
    """The VFX Scheme is the first ProjectSchema, with its workflows."""
    schema = rows(backend, "select name from ProjectSchema")[0]
    assert (schema["id"], schema["name"]) == (stock_ids.PROJECT_SCHEMA, "VFX Scheme")
    (row,) = rows(
        backend,
        "select _task_workflow.statuses.name, _task_type_schema.types.name "
        f"from ProjectSchema where id is {stock_ids.PROJECT_SCHEMA}",
    )
    statuses = {status["name"] for status in row["_task_workflow"]["statuses"]}
    assert statuses == {"Not started", "In progress", "Awaiting approval", "Approved"}
    assert len(row["_task_type_schema"]["types"]) == 12


def test_object_types_priority_state_and_user_type(backend: Backend) -> None:
    """The fixed ids named by the schema exist."""
    object_types = {row["id"] for row in rows(backend, "ObjectType")}
    assert set(stock_ids.OBJECT_TYPES.values()) <= object_types
    assert rows(backend, f"Priority where id is {stock_ids.PRIORITY}")
    (state,) = rows(
        backend, f"select short from State where id is {stock_ids.STATE_NOT_STARTED}"
    )
    assert state["short"] == "NOT_STARTED"
    assert rows(backend, f"UserType where id is {stock_ids.USER_TYPE}")


def test_file_database_reopens_without_reseeding(tmp_path: Path) -> None:
    """A second open of a file keeps one set of stock rows and the same key."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    first = Backend(url)
    username, api_key = first.initial_credentials or ("", "")
    assert first.credentials_path is not None
    saved = json.loads(first.credentials_path.read_text())
    assert saved == {"username": username, "api_key": api_key}
    assert first.credentials_path.stat().st_mode & 0o077 == 0
    first.engine.dispose()
    second = Backend(url)
    try:
        assert second.initial_credentials is None
        assert len(rows(second, "Location")) == 5
        assert isinstance(second.call([], api_user=username, api_key=api_key), list)
    finally:
        second.engine.dispose()


@pytest.mark.postgresql
def test_postgresql_credentials_go_to_the_given_folder(
    postgresql_url: str, tmp_path: Path
) -> None:
    """The administrator's key file of a PostgreSQL database goes where asked."""
    backend = Backend(postgresql_url, credentials_folder=tmp_path)
    try:
        assert backend.credentials_path is not None
        assert backend.credentials_path.parent == tmp_path
        saved = json.loads(backend.credentials_path.read_text())
        assert saved["api_key"] == (backend.initial_credentials or ("", ""))[1]
    finally:
        backend.engine.dispose()


@pytest.mark.postgresql
def test_suite_keeps_default_credentials_out_of_the_real_user_folder(
    postgresql_url: str, user_data_folder: Path
) -> None:
    """By default the key file goes to the user data folder, a temporary one here."""
    backend = Backend(postgresql_url)
    try:
        assert backend.credentials_path is not None
        assert backend.credentials_path.is_relative_to(user_data_folder)
    finally:
        backend.engine.dispose()


def test_open_shares_one_backend_per_url() -> None:
    """Backend.open returns the same instance for the same URL."""
    url = "sqlite://"
    first = Backend.open(url)
    try:
        assert Backend.open(url) is first
    finally:
        first.close()
    assert Backend.open(url) is not first
    Backend.open(url).close()


def test_file_database_folder_is_created(tmp_path: Path) -> None:
    """A database path in a missing folder gets its folder."""
    backend = Backend(f"sqlite:///{tmp_path / 'new' / 'folder' / 'studio.db'}")
    try:
        assert (tmp_path / "new" / "folder" / "studio.db").exists()
    finally:
        backend.engine.dispose()


def test_read_only_batches_do_not_wait_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a SQLite file, queries run while another process holds the write lock."""
    monkeypatch.setattr(store, "BUSY_TIMEOUT_SECONDS", 1)
    path = tmp_path / "studio.db"
    backend = Backend(f"sqlite:///{path}")
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        assert len(rows(backend, "Location")) == 5
        blocked = backend.call([create("Scope", name="s")], trusted=True)
        assert isinstance(blocked, dict)
        assert "locked" in blocked["content"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        backend.engine.dispose()
