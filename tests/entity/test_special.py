"""Behaviour of the special entity classes on the embedded backend."""

from __future__ import annotations

import time
from typing import Any

import pytest

import ftrack_api.exception
from ftrack_api.session import Session


def test_user_timer_starts_once_and_stops_into_a_timelog(
    ftrack_session: Session, user: Any, project: Any
) -> None:
    """start_timer refuses a second timer; stop_timer logs the time."""
    timer = user.start_timer(context=project, comment="work", name="t")
    assert timer["comment"] == "work"
    with pytest.raises(ftrack_api.exception.NotUniqueError):
        user.start_timer()
    time.sleep(1.1)

    timelog = user.stop_timer()

    assert timelog["duration"] >= 1
    assert timelog["comment"] == "work"
    with pytest.raises(ftrack_api.exception.NoResultFoundError):
        user.stop_timer()
    user.start_timer(force=True)
    user.start_timer(force=True)


def test_project_schema_lists_statuses_and_types(ftrack_session: Session) -> None:
    """The default schema gives task, version and shot statuses and task types."""
    schema = ftrack_session.query("ProjectSchema").first()

    task_statuses = [status["name"] for status in schema.get_statuses("Task")]
    version_statuses = [
        status["name"] for status in schema.get_statuses("AssetVersion")
    ]
    shot_statuses = [status["name"] for status in schema.get_statuses("Shot")]
    task_types = [item["name"] for item in schema.get_types("Task")]
    build_types = [item["name"] for item in schema.get_types("AssetBuild")]

    assert "In progress" in task_statuses and "Approved" in task_statuses
    assert "Pending" in version_statuses
    assert set(shot_statuses) == {"Normal", "Omitted", "On Hold"}
    assert "Compositing" in task_types
    assert "Character" in build_types
    with pytest.raises(ValueError):
        schema.get_statuses("Status")


def test_notes_and_replies_are_created_on_an_entity(
    ftrack_session: Session, project: Any, user: Any
) -> None:
    """create_note adds a note with recipients; create_reply answers it."""
    recipient = ftrack_session.create("User", {"username": f"r_{user['username']}"})
    note = project.create_note("Looks good", author=user, recipients=[recipient])
    reply = note.create_reply("Thanks", author=user)
    ftrack_session.commit()

    ftrack_session.reset()
    fetched = ftrack_session.query(
        "select content, replies.content, recipients.resource_id from Note "
        f'where id is "{note["id"]}"'
    ).one()
    resources = {item["resource_id"] for item in fetched["recipients"]}
    assert recipient["id"] in resources
    assert fetched["content"] == "Looks good"
    assert [item["content"] for item in fetched["replies"]] == ["Thanks"]
    assert reply["id"] in {item["id"] for item in fetched["replies"]}


def test_note_with_both_category_and_labels_is_refused(
    ftrack_session: Session, project: Any, user: Any
) -> None:
    """Category and labels are mutually exclusive."""
    label = ftrack_session.create("NoteLabel", {"name": "l"})
    with pytest.raises(ValueError, match="not both"):
        project.create_note("x", author=user, category=label, labels=[label])
    ftrack_session.rollback()


def test_only_api_jobs_can_be_created(ftrack_session: Session, user: Any) -> None:
    """A Job of another type is refused before anything is recorded."""
    with pytest.raises(ValueError, match="api_job"):
        ftrack_session.create("Job", {"type": "sync_users", "user": user})
    job = ftrack_session.create("Job", {"user": user, "status": "running"})
    assert job["status"] == "running"
    ftrack_session.rollback()
