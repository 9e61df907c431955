"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.session import Session

pytest_plugins = ["ftrack_api.testing"]

REFERENCE = Path(__file__).resolve().parent / "data"
POSTGRESQL_SERVER = os.environ.get(
    "FTRACK_TEST_POSTGRESQL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgresql_unavailable_reason() -> str | None:
    try:
        import sqlalchemy
    except ImportError as error:
        return f"SQLAlchemy is not installed: {error}"

    engine = sqlalchemy.create_engine(POSTGRESQL_SERVER)
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("select 1"))
    except Exception as error:  # any driver or connection failure means "not here"
        return f"PostgreSQL at {POSTGRESQL_SERVER} is not reachable: {error}"
    finally:
        engine.dispose()
    return None


@pytest.fixture(scope="session", autouse=True)
def user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the user data folder at a temporary one for the whole run.

    The backend writes the administrator's key file of a PostgreSQL database
    there, and ``ftrack-api serve`` its default database; through
    ``XDG_DATA_HOME`` (which platformdirs honours, and child processes
    inherit) no test leaves files in the real one.
    """
    folder = tmp_path_factory.mktemp("user_data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session")
def reference() -> Path:
    """Return the folder of reference data (recorded replies, schemas, media)."""
    return REFERENCE


@pytest.fixture(scope="session")
def postgresql_server() -> str:
    """Return the URL of the PostgreSQL test server, or skip outside CI."""
    reason = _postgresql_unavailable_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL: {reason}")
        pytest.skip(reason)
    return POSTGRESQL_SERVER


@pytest.fixture
def postgresql_url(postgresql_server: str) -> Iterator[str]:
    """Return the URL of a new, empty PostgreSQL database, dropped afterwards."""
    import sqlalchemy

    name = f"ftrack_test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(postgresql_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    url = postgresql_server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(
                sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )
        admin.dispose()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Start moto's S3-compatible server on 127.0.0.1 and return its URL."""
    moto_server = pytest.importorskip("moto.server")
    server = moto_server.ThreadedMotoServer(
        ip_address="127.0.0.1", port=0, verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def project_full_name() -> str:
    """Return the full name the ``project`` fixture gives its project."""
    return "Test"


@pytest.fixture
def project(ftrack_session: Session, project_full_name: str) -> Any:
    """Return a committed project on the default project schema."""
    schema = ftrack_session.query("ProjectSchema").first()
    project = ftrack_session.create(
        "Project",
        {
            "name": f"p_{uuid.uuid4().hex[:8]}",
            "full_name": project_full_name,
            "project_schema": schema,
        },
    )
    ftrack_session.commit()
    return project
