"""Entities as mappings: values, states, immutability, collections, merge."""

from __future__ import annotations

from typing import Any

import pytest

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.collection import Collection
from ftrack_api.session import Session
from ftrack_api.symbol import CREATED, MODIFIED, NOT_SET


def test_new_entity_gets_defaults_and_records_one_create(
    ftrack_session: Session,
) -> None:
    """A new Task has a generated id and default values, and is CREATED."""
    before = len(ftrack_session.recorded_operations)
    task = ftrack_session.create("Task", {"name": "n"})

    assert len(task["id"]) == 36
    assert task["object_type_id"] == "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c"
    assert ftrack_api.inspection.state(task) is CREATED
    assert len(ftrack_session.recorded_operations) == before + 1


def test_new_entity_holds_only_given_values_and_schema_defaults(
    ftrack_session: Session,
) -> None:
    """A new Task stores the caller's values and the schema defaults, nothing more."""
    task = ftrack_session.create("Task", {"name": "n", "description": "d"})
    defaulted = {
        attribute.name
        for attribute in task.attributes
        if attribute.default_value is not NOT_SET
    }

    assert set(task._local) == defaulted | {"name", "description"}
    with ftrack_session.auto_populating(False):
        assert task["bid"] is NOT_SET
        assert task["status_id"] is NOT_SET


def test_unknown_keys_raise_key_error(ftrack_session: Session) -> None:
    """Reading or writing an attribute the schema lacks raises KeyError."""
    task = ftrack_session.create("Task", {"name": "n"})
    with pytest.raises(KeyError):
        task["no_such_attribute"]
    with pytest.raises(KeyError):
        task["no_such_attribute"] = 1
    assert "name" in task and "no_such_attribute" not in task
    assert len(task) == len(list(task.keys()))


def test_immutable_attribute_cannot_change_once_set(
    ftrack_session: Session, project: Any
) -> None:
    """Setting a set immutable attribute raises ImmutableAttributeError."""
    with pytest.raises(ftrack_api.exception.ImmutableAttributeError, match="id"):
        project["id"] = "other"


def test_deleting_a_key_reverts_to_the_remote_value(
    ftrack_session: Session, project: Any
) -> None:
    """del entity[key] drops the local change."""
    project["full_name"] = "changed"
    assert ftrack_api.inspection.state(project) is MODIFIED
    del project["full_name"]
    assert project["full_name"] == "Entity tests"


def test_identity_equality_hash_and_text(ftrack_session: Session, project: Any) -> None:
    """Entities compare and hash by identity and print type and key."""
    same = ftrack_session.get("Project", project["id"])
    assert same == project and hash(same) == hash(project)
    assert str(project) == f"<Project({project['id']})>"
    assert "dynamic ftrack Project object" in repr(project)
    assert repr(type(project)) == "<dynamic ftrack class 'Project'>"


def test_items_fetches_unset_scalars_in_one_call(
    ftrack_session: Session, project: Any
) -> None:
    """items() first populates every unfetched scalar with one query."""
    ftrack_session.reset()
    stub = ftrack_session.query(
        f'select id from Project where id is "{project["id"]}"'
    ).one()
    calls: list[Any] = []
    original = ftrack_session.call
    ftrack_session.call = lambda data: calls.append(data) or original(data)  # type: ignore[method-assign]

    values = dict(stub.items())

    first = calls[0][0]["expression"]
    assert "full_name" in first and "name" in first and "children" not in first
    assert values["full_name"] == "Entity tests"


def test_collection_append_records_update_and_commits(
    ftrack_session: Session, project: Any
) -> None:
    """Appending to a collection marks the owner modified and persists."""
    task = ftrack_session.create("Task", {"name": "t", "parent": project})
    ftrack_session.commit()
    scope = ftrack_session.create("Scope", {"name": "lighting"})
    task["scopes"].append(scope)
    assert isinstance(task["scopes"], Collection)
    assert ftrack_api.inspection.state(task) is MODIFIED

    ftrack_session.commit()

    ftrack_session.reset()
    scopes = ftrack_session.query(
        f'select scopes.name from Task where id is "{task["id"]}"'
    ).one()["scopes"]
    assert [item["name"] for item in scopes] == ["lighting"]


def test_collection_refuses_duplicates(ftrack_session: Session, project: Any) -> None:
    """The same entity cannot be added twice to a collection."""
    task = ftrack_session.create("Task", {"name": "t"})
    project["children"].append(task)
    with pytest.raises(ftrack_api.exception.DuplicateItemInCollectionError):
        project["children"].append(task)
    ftrack_session.rollback()


def test_remote_collection_is_immutable(ftrack_session: Session, project: Any) -> None:
    """The remote copy of a collection cannot be changed."""
    ftrack_session.create("Task", {"name": "t", "parent": project})
    ftrack_session.commit()
    project["children"]
    remote = project.attributes.get("children").get_remote_value(project)
    with pytest.raises(ftrack_api.exception.ImmutableCollectionError):
        remote.append(ftrack_session.create("Task", {"name": "x"}))


def test_metadata_behaves_like_a_dict(ftrack_session: Session, project: Any) -> None:
    """Metadata keys can be set, replaced wholesale and deleted."""
    project["metadata"]["colour"] = "red"
    project["metadata"]["size"] = "big"
    ftrack_session.commit()
    project["metadata"] = {"colour": "blue"}
    ftrack_session.commit()

    ftrack_session.reset()
    fetched = ftrack_session.query(
        f'select metadata from Project where id is "{project["id"]}"'
    ).one()
    assert dict(fetched["metadata"]) == {"colour": "blue"}

    fetched["metadata"] = {}
    ftrack_session.commit()
    ftrack_session.reset()
    again = ftrack_session.get("Project", project["id"])
    assert dict(again["metadata"]) == {}


def test_merge_reports_changes_and_keeps_one_object(
    ftrack_session: Session, project: Any
) -> None:
    """Merging a detached copy updates the attached entity in place."""
    copy = ftrack_session.types["Project"](
        ftrack_session,
        {"id": project["id"], "full_name": "from elsewhere"},
        reconstructing=True,
    )
    merged = ftrack_session.merge(copy)

    assert merged is project
    assert project.attributes.get("full_name").get_remote_value(project) == (
        "from elsewhere"
    )


def test_clear_drops_every_local_value(ftrack_session: Session, project: Any) -> None:
    """clear() reverts every attribute to its remote value."""
    project["full_name"] = "x"
    project.clear()
    with ftrack_session.auto_populating(False):
        assert project.attributes.get("full_name").get_local_value(project) is NOT_SET
    ftrack_session.rollback()


def test_reading_an_unfetched_collection_without_auto_populate_keeps_it_unknown(
    ftrack_session: Session, project: Any
) -> None:
    """An empty answer with auto-populate off does not hide the real items."""
    ftrack_session.create("Task", {"name": "child", "parent": project})
    ftrack_session.commit()
    ftrack_session.reset()
    stub = ftrack_session.get("Project", project["id"])

    with ftrack_session.auto_populating(False):
        assert list(stub["children"]) == []
    assert [child["name"] for child in stub["children"]] == ["child"]


def test_metadata_on_a_new_entity_commits_in_one_batch(
    ftrack_session: Session, project: Any
) -> None:
    """A new task with metadata is created with its metadata in one commit."""
    task = ftrack_session.create("Task", {"name": "meta", "parent": project})
    task["metadata"]["frame_range"] = "1001-1100"
    ftrack_session.commit()

    ftrack_session.reset()
    fetched = ftrack_session.query(
        f'select metadata from Task where id is "{task["id"]}"'
    ).one()
    assert dict(fetched["metadata"]) == {"frame_range": "1001-1100"}
