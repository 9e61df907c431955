"""Writes of the embedded backend as a client Session sends them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import ftrack_api
import ftrack_api.exception
from ftrack_api.session import Session
from ftrack_api.testing import create_session


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    """Yield a Session on a fresh embedded backend (SQLite, then PostgreSQL)."""
    if request.param == "sqlite":
        opened = create_session(tmp_path / "ftrack")
    else:
        opened = ftrack_api.Session(
            server_url=request.getfixturevalue("postgresql_url"),
            plugin_paths=[],
            schema_cache_path=str(tmp_path),
        )
    try:
        yield opened
    finally:
        opened.close()


def _project(session: Session, name: str = "metadata_project") -> ftrack_api.Entity:
    schema = session.query("ProjectSchema").first()
    project = session.create(
        "Project", {"name": name, "full_name": name, "project_schema": schema}
    )
    session.commit()
    return project


def _stored_metadata(session: Session, project_id: str) -> dict[str, str]:
    rows = session.query(
        f"select key, value from Metadata where parent_id is {project_id}"
    ).all()
    return {row["key"]: row["value"] for row in rows}


def test_deleting_a_metadata_key_commits(session: Session) -> None:
    """``del entity["metadata"][key]`` commits and removes only that key."""
    project = _project(session)
    project["metadata"]["a"] = "1"
    project["metadata"]["b"] = "2"
    session.commit()

    del project["metadata"]["a"]
    session.commit()

    assert dict(project["metadata"]) == {"b": "2"}
    assert _stored_metadata(session, project["id"]) == {"b": "2"}


def test_deleting_an_entity_that_no_longer_exists_fails(session: Session) -> None:
    """Deleting an entity removed behind the session's back names it in the error."""
    project = _project(session)
    sequence = session.create("Sequence", {"name": "sq", "parent": project})
    session.commit()
    removal = {"action": "delete", "entity_type": "Sequence"}
    session.call([{**removal, "entity_key": [sequence["id"]]}])

    session.delete(sequence)
    with pytest.raises(ftrack_api.exception.ServerError, match="NotFoundError"):
        session.commit()


def test_moving_a_shot_to_another_project_moves_its_tasks(session: Session) -> None:
    """Setting a Shot's parent to another project's Sequence moves its tasks too."""
    first, second = _project(session, "first"), _project(session, "second")
    old_sequence = session.create("Sequence", {"name": "sq1", "parent": first})
    new_sequence = session.create("Sequence", {"name": "sq2", "parent": second})
    shot = session.create("Shot", {"name": "sh", "parent": old_sequence})
    task = session.create("Task", {"name": "anim", "parent": shot})
    session.commit()

    shot["parent"] = new_sequence
    session.commit()

    rows = session.query(
        f"select project_id from TypedContext where project_id is {second['id']}"
    ).all()
    assert {row["id"] for row in rows} == {new_sequence["id"], shot["id"], task["id"]}
