"""Tests of create, update and delete: batches, defaults and rules."""

from __future__ import annotations

import concurrent.futures
import datetime

import pytest

from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import OBJECT_TYPES, PRIORITY
from tests.local.conftest import (
    add_project,
    call,
    create,
    delete,
    fail,
    new_id,
    query,
    ref,
    update,
)


def rows(backend: Backend, expression: str) -> list[dict]:
    """Return the rows of a query."""
    (result,) = call(backend, query(expression))
    return result["data"]


def test_task_gets_project_status_type_and_context_defaults(
    backend: Backend, project: str
) -> None:
    """A Task created with only a parent gets its server-side defaults."""
    (result,) = call(backend, create("Task", name="t", parent=ref("Project", project)))
    data = result["data"]
    assert data["__entity_type__"] == "Task"
    assert data["project_id"] == project
    assert data["context_type"] == "task"
    assert data["object_type_id"] == OBJECT_TYPES["Task"]
    assert data["priority_id"] == PRIORITY
    (status,) = rows(
        backend, f"select status.name, type.name from Task where id is {data['id']}"
    )
    assert status["status"]["name"] == "Not started"
    assert status["type"]["name"] == "Generic"


def test_nested_context_takes_project_from_parent_chain(
    backend: Backend, project: str
) -> None:
    """A Shot under a Sequence created in the same batch gets the project."""
    sequence = new_id()
    results = call(
        backend,
        create("Sequence", id=sequence, name="sq", parent_id=project),
        create("Shot", name="sh", parent=ref("Sequence", sequence)),
    )
    shot = results[1]["data"]
    assert shot["project_id"] == project
    (row,) = rows(backend, f"select status.name from Shot where id is {shot['id']}")
    assert row["status"]["name"] == "Normal"


def _projects_of(backend: Backend, *ids: str) -> list[str]:
    found = {
        row["id"]: row["project_id"]
        for row in rows(backend, "select project_id from TypedContext")
    }
    return [found[context_id] for context_id in ids]


def test_moving_a_context_moves_its_descendants_to_the_new_project(
    backend: Backend, project: str
) -> None:
    """A Shot moved to another project takes its tasks along, in the same batch."""
    other = add_project(backend, "other", "Other")
    sequence, shot, task, late_task = new_id(), new_id(), new_id(), new_id()
    call(
        backend,
        create("Sequence", id=sequence, name="sq", parent_id=project),
        create("Shot", id=shot, name="sh", parent_id=sequence),
    )

    call(
        backend,
        create("Task", id=task, name="anim", parent_id=shot),
        update("Shot", [shot], parent=ref("Project", other)),
        create("Task", id=late_task, name="comp", parent_id=shot),
    )

    assert _projects_of(backend, sequence, shot, task, late_task) == [
        project,
        other,
        other,
        other,
    ]


def test_moving_a_context_within_its_project_keeps_the_project(
    backend: Backend, project: str
) -> None:
    """A Shot moved to another Sequence of the same project keeps its project."""
    first, second, shot, task = new_id(), new_id(), new_id(), new_id()
    call(
        backend,
        create("Sequence", id=first, name="sq1", parent_id=project),
        create("Sequence", id=second, name="sq2", parent_id=project),
        create("Shot", id=shot, name="sh", parent_id=first),
        create("Task", id=task, name="anim", parent_id=shot),
    )

    call(backend, update("Shot", [shot], parent_id=second))

    (row,) = rows(backend, f"select parent_id from Shot where id is {shot}")
    assert row["parent_id"] == second
    assert _projects_of(backend, shot, task) == [project, project]


@pytest.mark.parametrize("new_parent", ["itself", "its child", "its grandchild"])
def test_moving_a_context_under_itself_is_refused(
    backend: Backend, project: str, new_parent: str
) -> None:
    """A context cannot become its own ancestor; nothing of the batch is written."""
    sequence, shot, task = new_id(), new_id(), new_id()
    call(
        backend,
        create("Sequence", id=sequence, name="sq", parent_id=project),
        create("Shot", id=shot, name="sh", parent_id=sequence),
        create("Task", id=task, name="anim", parent_id=shot),
    )
    parent_id = {"itself": sequence, "its child": shot, "its grandchild": task}

    error = fail(
        backend,
        update("Task", [task], name="renamed"),
        update("Sequence", [sequence], parent_id=parent_id[new_parent]),
    )

    assert error["exception"] == "ValidationError"
    assert repr(parent_id[new_parent]) in error["content"]
    (row,) = rows(backend, f"select name, parent_id from Task where id is {task}")
    assert (row["name"], row["parent_id"]) == ("anim", shot)


def test_querying_a_base_type_returns_concrete_types(
    backend: Backend, project: str
) -> None:
    """Context and TypedContext queries return rows typed Project, Task, Shot."""
    call(
        backend,
        create("Task", name="t", parent_id=project),
        create("Shot", name="s", parent_id=project),
    )
    types = {
        row["__entity_type__"] for row in rows(backend, "select name from Context")
    }
    assert types == {"Project", "Task", "Shot"}
    typed = {row["__entity_type__"] for row in rows(backend, "TypedContext")}
    assert typed == {"Task", "Shot"}


def test_failed_batch_writes_nothing(backend: Backend, project: str) -> None:
    """When one operation fails, the earlier ones of the batch are undone."""
    error = fail(
        backend,
        create("Task", name="kept?", parent_id=project),
        create("Task", name="bad", parent_id=project, bid="lots"),
    )
    assert error["exception"] == "ValidationError"
    assert "operation 1" in error["content"]
    assert rows(backend, "Task") == []


def test_required_attributes_are_checked_at_end_of_batch(backend: Backend) -> None:
    """A Scope may be named by a later operation of the same batch."""
    scope = new_id()
    call(backend, create("Scope", id=scope), update("Scope", [scope], name="later"))
    assert rows(backend, f"select name from Scope where id is {scope}")[0]["name"] == (
        "later"
    )


def test_missing_required_attribute_names_type_and_attribute(backend: Backend) -> None:
    """A Scope never named fails the batch, naming Scope.name."""
    error = fail(backend, create("Scope"))
    assert error["exception"] == "MissingRequiredAttributeError"
    assert "Scope.name" in error["content"]
    assert "operation 0" in error["content"]
    assert rows(backend, "Scope") == []


def test_asset_versions_are_numbered_per_asset(backend: Backend, project: str) -> None:
    """Versions count from 1 per asset, across batches."""
    asset, other = new_id(), new_id()
    first = call(
        backend,
        create("Asset", id=asset, name="a", context_id=project),
        create("Asset", id=other, name="b", context_id=project),
        create("AssetVersion", asset_id=asset),
        create("AssetVersion", asset=ref("Asset", asset)),
        create("AssetVersion", asset_id=other),
    )
    assert [result["data"]["version"] for result in first[2:]] == [1, 2, 1]
    (third,) = call(backend, create("AssetVersion", asset_id=asset))
    assert third["data"]["version"] == 3
    assert third["data"]["status_id"] is not None


def test_second_timer_of_a_user_is_a_duplicate_entry(backend: Backend) -> None:
    """A user has at most one Timer."""
    (user,) = call(backend, create("User", username="timer-user"))
    user_id = user["data"]["id"]
    (timer,) = call(backend, create("Timer", user_id=user_id))
    assert timer["data"]["start"]["__type__"] == "datetime"
    error = fail(backend, create("Timer", user_id=user_id))
    assert error["exception"] == "DuplicateEntryError"
    assert "DuplicateEntryError" in error["content"]


def test_note_author_becomes_a_recipient(backend: Backend, project: str) -> None:
    """Creating a note adds its author as a recipient, next to the given one."""
    (user,) = call(backend, create("User", username="reader"))
    note = new_id()
    call(
        backend,
        create("Note", id=note, content="hi", parent_id=project, parent_type="Project"),
        create("Recipient", note_id=note, resource_id=user["data"]["id"]),
    )
    recipients = rows(
        backend, f"select resource_id from Recipient where note_id is {note}"
    )
    assert len(recipients) == 2


def test_datetimes_keep_microseconds_and_become_utc(
    backend: Backend, project: str
) -> None:
    """An aware datetime is stored as the same UTC instant with microseconds."""
    (user,) = call(backend, create("User", username="logger"))
    start = {"__type__": "datetime", "value": "2024-03-01T12:30:45.123456+02:00"}
    (log,) = call(
        backend,
        create("Timelog", user_id=user["data"]["id"], start=start, duration=10),
    )
    (row,) = rows(backend, f"select start from Timelog where id is {log['data']['id']}")
    value = datetime.datetime.fromisoformat(row["start"]["value"])
    assert value == datetime.datetime(2024, 3, 1, 10, 30, 45, 123456)


def test_unicode_and_newlines_round_trip(backend: Backend, project: str) -> None:
    """Strings keep non-ASCII characters and embedded newlines."""
    (task,) = call(backend, create("Task", name="björn\nzwei", parent_id=project))
    (row,) = rows(backend, f"select name from Task where id is {task['data']['id']}")
    assert row["name"] == "björn\nzwei"


def test_scopes_collection_is_replaced(backend: Backend, project: str) -> None:
    """Updating a many-to-many collection replaces its links."""
    first, second = new_id(), new_id()
    (task,) = call(
        backend,
        create("Scope", id=first, name="one"),
        create("Scope", id=second, name="two"),
        create("Task", name="t", parent_id=project),
    )[2:]
    task_id = task["data"]["id"]
    call(
        backend,
        update("Task", [task_id], scopes=[ref("Scope", first), ref("Scope", second)]),
    )
    assert len(rows(backend, "Task where scopes.name is two")) == 1
    call(backend, update("Task", [task_id], scopes=[ref("Scope", first)]))
    assert rows(backend, "Task where scopes.name is two") == []
    assert len(rows(backend, "Task where scopes.name is one")) == 1


def test_metadata_rows_are_key_values_with_replace(
    backend: Backend, project: str
) -> None:
    """Metadata rows attach to their parent; a replaced set drops old keys."""
    call(
        backend,
        create(
            "Metadata", parent_id=project, parent_type="Project", key="a", value="1"
        ),
        create(
            "Metadata", parent_id=project, parent_type="Project", key="b", value="2"
        ),
    )
    (row,) = rows(
        backend,
        f"select metadata.key, metadata.value from Project where id is {project}",
    )
    assert {m["key"]: m["value"] for m in row["metadata"]} == {"a": "1", "b": "2"}
    call(
        backend,
        update(
            "Project",
            [project],
            metadata=[
                {"__entity_type__": "Metadata", "parent_id": project, "key": "a"}
            ],
        ),
    )
    (row,) = rows(backend, f"select metadata.key from Project where id is {project}")
    assert [m["key"] for m in row["metadata"]] == ["a"]
    assert (
        len(rows(backend, f"Project where metadata.key is a and id is {project}")) == 1
    )


def _metadata(project: str, key: str) -> dict:
    return create(
        "Metadata", parent_id=project, parent_type="Project", key=key, value=key
    )


def _metadata_kept(project: str, *keys: str) -> dict:
    kept = [
        {"__entity_type__": "Metadata", "parent_id": project, "key": key}
        for key in keys
    ]
    return update("Project", [project], metadata=kept)


@pytest.mark.parametrize(
    "removal",
    ["collection replace", "explicit delete", "cascade from the owner"],
)
def test_deleting_a_row_removed_earlier_in_the_batch_succeeds(
    backend: Backend, project: str, removal: str
) -> None:
    """A delete of a row that an earlier operation of the batch removed succeeds."""
    call(backend, _metadata(project, "a"), _metadata(project, "b"))
    first = {
        "collection replace": _metadata_kept(project, "b"),
        "explicit delete": delete("Metadata", [project, "a"]),
        "cascade from the owner": delete("Project", [project]),
    }[removal]

    results = call(backend, first, delete("Metadata", [project, "a"]))

    assert results[-1] == {"action": "delete", "data": True}
    assert rows(backend, "select key from Metadata where key is a") == []


def test_deleting_a_row_that_never_existed_fails(
    backend: Backend, project: str
) -> None:
    """A delete of a row that no operation removed still fails and writes nothing."""
    call(backend, _metadata(project, "a"))

    error = fail(
        backend,
        _metadata_kept(project),
        delete("Metadata", [project, "never"]),
    )

    assert error["exception"] == "NotFoundError"
    assert "'never'" in error["content"] and "operation 1" in error["content"]
    assert [row["key"] for row in rows(backend, "select key from Metadata")] == ["a"]


def test_delete_project_cascades_to_everything_below(
    backend: Backend, project: str
) -> None:
    """Deleting a project removes contexts, assets, versions, components, notes."""
    sequence, shot, asset, version = new_id(), new_id(), new_id(), new_id()
    call(
        backend,
        create("Sequence", id=sequence, name="sq", parent_id=project),
        create("Shot", id=shot, name="sh", parent_id=sequence),
        create("Asset", id=asset, name="a", context_id=shot),
        create("AssetVersion", id=version, asset_id=asset),
        create("FileComponent", name="f", version_id=version),
        create("Note", content="n", parent_id=shot, parent_type="Shot"),
        create("Metadata", parent_id=shot, parent_type="Shot", key="k", value="v"),
    )
    call(backend, delete("Project", [project]))
    for expression in (
        "Context",
        "Asset",
        "AssetVersion",
        "Component",
        "Note",
        "Metadata",
    ):
        assert rows(backend, expression) == [], expression


def test_delete_child_then_parent_in_one_batch(backend: Backend, project: str) -> None:
    """Deleting a Sequence and then its Project in one batch works."""
    sequence = new_id()
    call(backend, create("Sequence", id=sequence, name="sq", parent_id=project))
    call(backend, delete("Sequence", [sequence]), delete("Project", [project]))
    assert rows(backend, "Context") == []


def test_update_of_a_row_created_in_the_same_batch(
    backend: Backend, project: str
) -> None:
    """An update may change a row created earlier in the batch."""
    task = new_id()
    call(
        backend,
        create("Task", id=task, name="old", parent_id=project),
        update("Task", [task], name="new"),
    )
    assert (
        rows(backend, f"select name from Task where id is {task}")[0]["name"] == "new"
    )


def test_reserved_location_names_are_refused(backend: Backend) -> None:
    """A new Location may not take a stock ftrack.* name."""
    error = fail(backend, create("Location", name="ftrack.mine"))
    assert "reserved" in error["content"]
    assert "'ftrack.mine'" in error["content"]
    call(backend, create("Location", name="studio.disk"))


def test_job_defaults_to_a_queued_api_job(backend: Backend) -> None:
    """A Job is queued and of type api_job unless told otherwise."""
    (job,) = call(backend, create("Job"))
    assert job["data"]["status"] == "queued"
    assert job["data"]["type"] == "api_job"


def test_user_created_with_first_name_only(backend: Backend) -> None:
    """A User needs no username; the server generates one."""
    (user,) = call(backend, create("User", first_name="Ann"))
    assert user["data"]["username"]
    assert user["data"]["resource_type"] == "user"
    assert user["data"]["user_type_id"] == "ac9fa5aa-4361-11e0-b7cc-0019bb4983d8"
    assert user["data"]["email"] is None
    assert "api_key_hash" not in user["data"]


def test_note_label_link_sets_the_note_category(backend: Backend, project: str) -> None:
    """The first label linked to a note becomes its category."""
    (label,) = rows(backend, "select name from NoteLabel where name is Internal")
    note = new_id()
    call(
        backend,
        create("Note", id=note, content="c", parent_id=project, parent_type="Project"),
        create("NoteLabelLink", note_id=note, label_id=label["id"]),
    )
    (row,) = rows(backend, f"select category.name from Note where id is {note}")
    assert row["category"]["name"] == "Internal"


def test_sequence_members_are_replaced_and_deleted_with_it(backend: Backend) -> None:
    """Members of a SequenceComponent follow its collection and its deletion."""
    sequence, first, second = new_id(), new_id(), new_id()
    call(
        backend,
        create("SequenceComponent", id=sequence, name="seq", padding=4),
        create("FileComponent", id=first, name="1"),
        create("FileComponent", id=second, name="2"),
        update(
            "SequenceComponent",
            [sequence],
            members=[ref("FileComponent", first), ref("FileComponent", second)],
        ),
    )
    (row,) = rows(
        backend, f"select members from SequenceComponent where id is {sequence}"
    )
    assert {member["id"] for member in row["members"]} == {first, second}
    call(
        backend,
        update("SequenceComponent", [sequence], members=[ref("FileComponent", first)]),
    )
    assert (
        rows(backend, f"select container_id from FileComponent where id is {second}")[
            0
        ]["container_id"]
        is None
    )
    call(backend, delete("SequenceComponent", [sequence]))
    assert [row["id"] for row in rows(backend, "Component")] == [second]


def test_event_ids_are_numbered_by_the_database(backend: Backend) -> None:
    """Types with server-generated integer keys get them on create."""
    results = call(backend, create("Event", action="x"), create("Event", action="y"))
    (row,) = rows(backend, "select action from Event where action is y")
    assert isinstance(row["id"], int)
    assert results[0]["data"]["action"] == "x"


def test_concurrent_batches_number_versions_without_gaps_or_repeats(
    backend: Backend, project: str
) -> None:
    """Versions of one asset created from several threads get 1..N once each."""
    asset = new_id()
    call(backend, create("Asset", id=asset, name="a", context_id=project))

    def publish() -> list[int]:
        return [
            call(backend, create("AssetVersion", asset_id=asset))[0]["data"]["version"]
            for _ in range(5)
        ]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [
            n for result in pool.map(lambda _: publish(), range(4)) for n in result
        ]
    assert sorted(numbers) == list(range(1, 21))


def test_status_updates_are_recorded_as_status_changes(
    backend: Backend, project: str
) -> None:
    """Changing a task's status records who changed it from what to what."""
    (task,) = call(backend, create("Task", name="t", parent_id=project))
    task_id, first = task["data"]["id"], task["data"]["status_id"]
    (approved,) = rows(backend, 'Status where name is "Approved"')
    call(backend, update("Task", [task_id], status_id=approved["id"]))
    call(backend, update("Task", [task_id], name="same status"))
    (row,) = rows(
        backend,
        f"select status_changes.from_status_id, status_changes.status_id "
        f"from Task where id is {task_id}",
    )
    (change,) = row["status_changes"]
    assert change["__entity_type__"] == "TypedContextStatusChange"
    assert (change["from_status_id"], change["status_id"]) == (first, approved["id"])
