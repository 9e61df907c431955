"""The Session against the embedded backend, in-process."""

from __future__ import annotations

import datetime
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest

import ftrack_api
import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.session import Session
from ftrack_api.symbol import CREATED, DELETED, MODIFIED, NOT_SET


def _task(session: Session, project: Any, name: str = "task") -> Any:
    return session.create("Task", {"name": name, "parent": project})


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"server_url": None}, "server_url"),
        ({"server_url": "http://127.0.0.1:9", "api_user": "u"}, "api_key"),
        ({"server_url": "sqlite://", "headers": ["x"]}, "headers"),
        ({"server_url": "sqlite://", "cookies": "a=b"}, "cookies"),
        ({"server_url": "sqlite://", "strict_api": 1}, "strict_api"),
    ],
)
def test_constructor_rejects_missing_or_wrong_arguments(
    monkeypatch: pytest.MonkeyPatch, arguments: dict[str, Any], message: str
) -> None:
    """Missing credentials and wrongly typed options raise TypeError early."""
    for name in ("FTRACK_SERVER", "FTRACK_API_KEY", "FTRACK_APIKEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(TypeError, match=message):
        Session(**arguments)


def test_environment_variables_configure_the_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """FTRACK_SERVER may name a database; the user defaults to the administrator."""
    monkeypatch.setenv("FTRACK_SERVER", f"sqlite:///{tmp_path / 'env.db'}/")
    monkeypatch.setenv("FTRACK_API_SCHEMA_CACHE_PATH", str(tmp_path))
    monkeypatch.setenv("FTRACK_EVENT_PLUGIN_PATH", "")
    monkeypatch.delenv("FTRACK_API_USER", raising=False)
    with Session() as session:
        assert session.server_url == f"sqlite:///{tmp_path / 'env.db'}"
        assert session.api_user == "administrator"
        assert (tmp_path / "ftrack_api_schema_cache.json").exists()
    assert session.closed


def test_closed_session_refuses_calls(ftrack_session: Session) -> None:
    """After close, any server call raises ConnectionClosedError."""
    ftrack_session.close()
    ftrack_session.close()
    with pytest.raises(ftrack_api.exception.ConnectionClosedError):
        ftrack_session.query("User").all()
    with pytest.raises(ftrack_api.exception.ConnectionClosedError):
        ftrack_session._request.close()


@pytest.mark.parametrize(
    ("version", "accepted"),
    [
        ("dev", True),
        ("4.13.1", True),
        ("3.3.11", True),
        ("3.3.10", False),
        ("3.4", True),
    ],
)
def test_server_version_check(version: str, accepted: bool) -> None:
    """Servers older than 3.3.11 are refused; dev and short versions pass."""
    from ftrack_api._configuration import check_version as _check_version

    if accepted:
        _check_version({"version": version})
    else:
        with pytest.raises(ftrack_api.exception.ServerCompatibilityError):
            _check_version({"version": version})


def test_created_entity_is_committed_and_seen_by_another_session(
    ftrack_session: Session,
    project: Any,
    tmp_path: Path,
) -> None:
    """A task created and committed in one session is queried in another."""
    task = _task(ftrack_session, project, "shared")
    assert ftrack_api.inspection.state(task) is CREATED
    assert ftrack_session.created == [task]
    ftrack_session.commit()
    assert ftrack_api.inspection.state(task) is NOT_SET

    other = Session(
        server_url=ftrack_session.server_url,
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
    )
    found = other.query(f'Task where id is "{task["id"]}"').one()
    assert found["name"] == "shared"
    assert found["parent"]["id"] == project["id"]
    other.close()


def test_query_returns_one_object_per_entity(
    ftrack_session: Session,
    project: Any,
) -> None:
    """The same entity reached by two queries is the same Python object."""
    task = _task(ftrack_session, project)
    ftrack_session.commit()

    by_id = ftrack_session.query(f'Task where id is "{task["id"]}"').one()
    by_parent = ftrack_session.query(f'Task where parent_id is "{project["id"]}"').one()
    assert by_id is by_parent is task


def test_local_changes_survive_a_later_query(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Merging a query reply keeps uncommitted local values."""
    task = _task(ftrack_session, project, "before")
    ftrack_session.commit()
    task["name"] = "edited"
    assert ftrack_session.modified == [task]

    again = ftrack_session.query(
        f'select name from Task where id is "{task["id"]}"'
    ).one()
    assert again["name"] == "edited"
    assert task.attributes.get("name").get_remote_value(task) == "before"


def test_rollback_forgets_new_entities_and_local_values(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Rollback drops recorded operations, local values and created entities."""
    project["full_name"] = "changed"
    task = _task(ftrack_session, project)
    key = str(ftrack_api.inspection.identity(task))

    ftrack_session.rollback()

    assert len(ftrack_session.recorded_operations) == 0
    assert project["full_name"] == "Test"
    with pytest.raises(KeyError):
        ftrack_session.cache.get(key)


def test_delete_then_commit_removes_the_entity(
    ftrack_session: Session,
    project: Any,
) -> None:
    """A deleted entity shows as DELETED until the commit removes it."""
    task = _task(ftrack_session, project)
    ftrack_session.commit()
    ftrack_session.delete(task)
    assert ftrack_api.inspection.state(task) is DELETED
    assert ftrack_session.deleted == [task]

    ftrack_session.commit()

    assert ftrack_session.query(f'Task where id is "{task["id"]}"').first() is None


def test_created_and_deleted_entity_never_reaches_the_server(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Create followed by delete in one batch sends nothing."""
    task = _task(ftrack_session, project)
    ftrack_session.delete(task)
    ftrack_session.commit()
    assert ftrack_session.query(f'Task where id is "{task["id"]}"').first() is None


def test_failed_commit_keeps_operations_for_rollback(
    ftrack_session: Session,
) -> None:
    """A rejected batch raises ServerError and leaves the operations recorded."""
    ftrack_session.create("Task", {"name": "orphan"})
    with pytest.raises(ftrack_api.exception.ServerError):
        ftrack_session.commit()
    assert len(ftrack_session.recorded_operations) > 0
    ftrack_session.rollback()
    assert len(ftrack_session.recorded_operations) == 0


def test_get_uses_the_cache_then_the_server(
    ftrack_session: Session,
    project: Any,
) -> None:
    """get returns the cached object, queries on a miss and checks the key."""
    assert ftrack_session.get("Project", project["id"]) is project
    ftrack_session.reset()
    fetched = ftrack_session.get("Project", [project["id"]])
    assert fetched is not None and fetched["name"] == project["name"]
    assert ftrack_session.get("Project", str(uuid.uuid4())) is None
    with pytest.raises(ValueError, match="entity_key"):
        ftrack_session.get("Project", ["a", "b"])
    with pytest.raises(KeyError):
        ftrack_session.get("NoSuchType", "x")


def test_ensure_creates_once_then_updates(
    ftrack_session: Session,
) -> None:
    """ensure creates a missing entity and updates non-identifying values."""
    username = f"u_{uuid.uuid4().hex[:8]}"
    user = ftrack_session.ensure("User", {"username": username, "first_name": "A"})
    again = ftrack_session.ensure(
        "User", {"username": username, "first_name": "B"}, identifying_keys=["username"]
    )
    assert again is user
    assert user["first_name"] == "B"
    with pytest.raises(ValueError):
        ftrack_session.ensure("User", {})
    with pytest.raises(KeyError):
        ftrack_session.ensure("User", {"username": "x"}, identifying_keys=["email"])


def test_auto_populate_off_returns_not_set(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Without auto-populate an unfetched attribute reads as NOT_SET."""
    ftrack_session.reset()
    stub = ftrack_session.query(
        f'select id from Project where id is "{project["id"]}"'
    ).one()
    with ftrack_session.auto_populating(False):
        assert stub["full_name"] is NOT_SET
    assert stub["full_name"] == "Test"


def test_populate_fetches_attributes_for_many_entities_in_one_query(
    ftrack_session: Session,
    project: Any,
) -> None:
    """populate fills one projection of several entities at once."""
    tasks = [_task(ftrack_session, project, f"t{index}") for index in range(3)]
    ftrack_session.commit()
    ftrack_session.reset()
    stubs = ftrack_session.query(
        f'select id from Task where parent_id is "{project["id"]}"'
    ).all()
    calls: list[Any] = []
    original = ftrack_session.call
    ftrack_session.call = lambda data: calls.append(data) or original(data)  # type: ignore[method-assign]

    ftrack_session.populate(stubs, "name")

    assert len(calls) == 1
    with ftrack_session.auto_populating(False):
        assert sorted(stub["name"] for stub in stubs) == sorted(
            t["name"] for t in tasks
        )


@pytest.mark.parametrize(("count", "chunk", "calls"), [(7, 5000, 1), (6, 3, 2)])
def test_populate_fetches_each_chunk_of_ids_in_one_call(
    ftrack_session: Session,
    project: Any,
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    chunk: int,
    calls: int,
) -> None:
    """populate sends one 'id in (...)' query per chunk, each read in one page."""
    import ftrack_api._ensure

    monkeypatch.setattr(ftrack_api._ensure, "DEFAULT_PAGE_SIZE", 2)
    monkeypatch.setattr(ftrack_api._ensure, "POPULATE_CHUNK", chunk)
    for index in range(count):
        _task(ftrack_session, project, f"t{index}")
    ftrack_session.commit()
    ftrack_session.reset()
    stubs = ftrack_session.query(
        f'select id from Task where parent_id is "{project["id"]}"'
    ).all()
    sent: list[str] = []
    original = ftrack_session.call

    def record(data: list[dict[str, Any]]) -> Any:
        sent.extend(operation["expression"] for operation in data)
        return original(data)

    monkeypatch.setattr(ftrack_session, "call", record)

    ftrack_session.populate(stubs, "name")

    assert len(sent) == calls
    assert all(
        expression.startswith("select name from Task where id in (")
        for expression in sent
    )
    with ftrack_session.auto_populating(False):
        assert all(stub["name"] is not NOT_SET for stub in stubs)


def test_updates_of_one_attribute_are_sent_once(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Several changes of one attribute commit as one update with the last value."""
    sent: list[Any] = []
    original = ftrack_session.call
    ftrack_session.call = lambda data: sent.append(data) or original(data)  # type: ignore[method-assign]
    project["full_name"] = "one"
    project["full_name"] = "two"
    assert ftrack_api.inspection.state(project) is MODIFIED

    ftrack_session.commit()

    (batch,) = sent
    assert [payload["action"] for payload in batch] == ["update"]
    assert batch[0]["entity_data"]["full_name"] == "two"
    ftrack_session.reset()
    assert ftrack_session.get("Project", project["id"])["full_name"] == "two"


def test_eight_threads_share_one_session(
    ftrack_session: Session,
    project: Any,
) -> None:
    """Threads that query, create and commit at once keep one object per entity."""
    errors: list[BaseException] = []
    seen: dict[str, set[int]] = {}
    lock = threading.Lock()

    def work(number: int) -> None:
        try:
            for round_ in range(3):
                task = _task(ftrack_session, project, f"thread{number}_{round_}")
                ftrack_session.commit()
                task["description"] = f"described by {number}"
                ftrack_session.commit()
                for task in ftrack_session.query(
                    f'select name from Task where parent_id is "{project["id"]}"'
                ):
                    with lock:
                        seen.setdefault(task["id"], set()).add(id(task))
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert all(len(objects) == 1 for objects in seen.values())
    ftrack_session.reset()
    rows = ftrack_session.query(
        f'select name, description from Task where parent_id is "{project["id"]}"'
    ).all()
    assert sorted(task["name"] for task in rows) == sorted(
        f"thread{n}_{r}" for n in range(8) for r in range(3)
    )
    assert all(
        task["description"] == f"described by {task['name'][6]}" for task in rows
    )


def test_schema_cache_is_refreshed_when_stale_or_unreadable(tmp_path: Path) -> None:
    """A cache file with the wrong hash or bad JSON is replaced from the server."""
    url = f"sqlite:///{tmp_path / 'schemas.db'}"
    cache_file = tmp_path / "ftrack_api_schema_cache.json"
    for content in ('[{"id": "Stale", "properties": {}, "primary_key": ["id"]}]', "{"):
        cache_file.write_text(content)
        with Session(
            server_url=url, plugin_paths=[], schema_cache_path=str(tmp_path)
        ) as s:
            assert "Task" in s.types and "Stale" not in s.types
        assert "Task" in cache_file.read_text()


def test_schema_cache_can_be_switched_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """schema_cache_path=False always asks the server and writes no file."""
    monkeypatch.setenv("FTRACK_API_SCHEMA_CACHE_PATH", str(tmp_path))
    with Session(
        server_url=f"sqlite:///{tmp_path / 'nocache.db'}",
        plugin_paths=[],
        schema_cache_path=False,
    ) as session:
        assert "Task" in session.types
    assert not (tmp_path / "ftrack_api_schema_cache.json").exists()


def test_persistent_cache_layer_serves_entities_to_a_new_session(
    ftrack_session: Session, project: Any, tmp_path: Path
) -> None:
    """Entities cached in a FileCache layer are found by a later session."""
    import ftrack_api.cache

    def cache_maker(session: Session) -> Any:
        return ftrack_api.cache.SerialisedCache(
            ftrack_api.cache.FileCache(str(tmp_path / "entities.cache")),
            encode=session.encode,
            decode=session.decode,
        )

    options = {"plugin_paths": [], "schema_cache_path": str(tmp_path)}
    with Session(
        server_url=ftrack_session.server_url, cache=cache_maker, **options
    ) as first:
        fetched = first.query(f'Project where id is "{project["id"]}"').one()
        assert fetched["project_schema"]["name"] and fetched["full_name"]

    with Session(
        server_url=ftrack_session.server_url, cache=cache_maker, **options
    ) as second:
        second.call = None  # type: ignore[assignment, method-assign]
        cached = second.get("Project", project["id"])
        assert cached is not None and cached["full_name"] == "Test"
        assert second.get("Project", project["id"]) is cached
        schema = cached["project_schema"]
        assert second.get("ProjectSchema", schema["id"]) is schema


def test_auto_connect_event_hub_connects_in_the_background(tmp_path: Path) -> None:
    """With auto_connect_event_hub the hub connects without blocking start-up."""
    session = Session(
        server_url=f"sqlite:///{tmp_path / 'hub.db'}",
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
        auto_connect_event_hub=True,
    )
    thread = session._auto_connect_thread
    assert thread is not None
    thread.join(10)
    assert session.event_hub.connected
    session.close()
    assert not thread.is_alive()


class _SlowConnect:
    """Hold EventHub._open_connection until released, counting the calls."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from ftrack_api.event.hub import EventHub

        self.release = threading.Event()
        self.started = threading.Event()
        original = EventHub._open_connection

        def open_connection(hub: EventHub) -> Any:
            self.started.set()
            self.release.wait(60)
            return original(hub)

        monkeypatch.setattr(EventHub, "_open_connection", open_connection)


@pytest.mark.parametrize(
    ("join_timeout", "release_after", "dropped"),
    [(60.0, 0.3, False), (0.1, None, True)],
    ids=["connect-ends-in-time", "connect-outlasts-the-wait"],
)
def test_close_leaves_a_connecting_hub_disconnected(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    join_timeout: float,
    release_after: float | None,
    dropped: bool,
) -> None:
    """Close waits for the background connect, or has the hub drop it after.

    Without *release_after*, the connect is released once close returned, so
    it outlasts the wait however slow the machine is.
    """
    import ftrack_api.session

    monkeypatch.setattr(ftrack_api.session, "AUTO_CONNECT_JOIN_TIMEOUT", join_timeout)
    slow = _SlowConnect(monkeypatch)
    session = Session(
        server_url=f"sqlite:///{tmp_path / 'hub.db'}",
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
        auto_connect_event_hub=True,
    )
    thread = session._auto_connect_thread
    assert thread is not None and slow.started.wait(60)
    if release_after is not None:
        threading.Timer(release_after, slow.release.set).start()
    with caplog.at_level("DEBUG", logger="ftrack_api.session"):
        session.close()
        slow.release.set()
        thread.join(60)
    assert not thread.is_alive()
    assert not session.event_hub.connected
    assert ("Disconnected while connecting" in caplog.text) is dropped


def test_session_module_leaves_the_backend_unloaded() -> None:
    """Importing the session loads neither SQLAlchemy nor the ASGI stack."""
    import subprocess
    import sys

    code = (
        "import sys, ftrack_api.session; "
        "print(sorted(m for m in ('sqlalchemy', 'starlette', 'uvicorn') "
        "if m in sys.modules))"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "[]"


@pytest.mark.postgresql
def test_session_on_postgresql_commits_and_queries(
    postgresql_url: str, tmp_path: Path
) -> None:
    """A postgresql:// URL runs the same session against PostgreSQL in-process."""
    with Session(
        server_url=postgresql_url, plugin_paths=[], schema_cache_path=str(tmp_path)
    ) as session:
        schema = session.query("ProjectSchema").first()
        project = session.create(
            "Project",
            {"name": "pg", "full_name": "On PostgreSQL", "project_schema": schema},
        )
        _task(session, project, "pg task")
        session.commit()
        session.reset()
        task = session.query(f'Task where parent_id is "{project["id"]}"').one()
        assert task["name"] == "pg task"
        assert task["parent"]["full_name"] == "On PostgreSQL"


def test_in_memory_database_url_keeps_its_slashes(tmp_path: Path) -> None:
    """sqlite:// names the in-memory backend; its slashes are not stripped."""
    with Session(
        server_url="sqlite://", plugin_paths=[], schema_cache_path=str(tmp_path)
    ) as session:
        assert session.server_url == "sqlite://"
        assert session.query("ProjectSchema").first() is not None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://127.0.0.1:9/", "http://127.0.0.1:9"),
        ("HTTPS://example.invalid//", "HTTPS://example.invalid"),
        ("sqlite://", "sqlite://"),
        ("sqlite:///", "sqlite:///"),
        ("sqlite:////tmp/data.db/", "sqlite:////tmp/data.db"),
        ("postgresql://localhost/test/", "postgresql://localhost/test"),
        ("postgresql:///test?host=/run/", "postgresql:///test?host=/run/"),
    ],
)
def test_trailing_slashes_go_where_they_mean_nothing(given: str, expected: str) -> None:
    """Strip http(s) URLs and database paths, never sqlite:// or a query."""
    from ftrack_api._configuration import credentials

    assert credentials(given, "user", "key")[0] == expected


def test_sessions_on_in_memory_url_share_one_backend(tmp_path: Path) -> None:
    """Two sessions on sqlite:// in one process see each other's commits."""
    name = f"shared-{uuid.uuid4().hex}"
    with Session("sqlite://", plugin_paths=[], schema_cache_path=str(tmp_path)) as one:
        schema = one.query("ProjectSchema").first()
        one.create(
            "Project", {"name": name, "full_name": name, "project_schema": schema}
        )
        one.commit()
        with Session(
            "sqlite://", plugin_paths=[], schema_cache_path=str(tmp_path)
        ) as two:
            assert two.query(f'Project where name is "{name}"').one()["name"] == name


def test_reset_remote_returns_a_new_api_key(ftrack_session: Session) -> None:
    """reset_remote("api_key") and User.reset_api_key give fresh keys."""
    user = ftrack_session.create("User", {"username": f"k_{uuid.uuid4().hex[:6]}"})
    ftrack_session.commit()

    first = ftrack_session.reset_remote("api_key", entity=user)["api_key"]
    second = user.reset_api_key()

    assert first and second and first != second


def test_unknown_optional_action_is_a_compatibility_error(
    ftrack_session: Session,
) -> None:
    """An 'Invalid action' reply becomes ServerCompatibilityError."""
    import ftrack_api._actions

    with pytest.raises(ftrack_api.exception.ServerCompatibilityError):
        ftrack_api._actions.call_optional(
            ftrack_session, "no_such_action", [{"action": "no_such_action"}]
        )


def test_custom_cache_key_maker_keys_the_identity_map(tmp_path: Path) -> None:
    """An ObjectKeyMaker makes bytes keys; identity still holds."""
    import ftrack_api.cache

    with Session(
        server_url=f"sqlite:///{tmp_path / 'keys.db'}",
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
        cache_key_maker=ftrack_api.cache.ObjectKeyMaker(),
    ) as session:
        schema = session.query("ProjectSchema").first()
        assert session.get("ProjectSchema", schema["id"]) is schema
        assert all(isinstance(key, bytes) for key in session.cache.keys())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text", '"text"'),
        (5, "5"),
        (None, "None"),
        (
            datetime.datetime(2015, 1, 1, 12, 30, 5, 123),
            '"2015-01-01T12:30:05"',
        ),
        (datetime.date(2015, 1, 1), '"2015-01-01T00:00:00"'),
    ],
)
def test_ensure_formats_criteria_values(value: Any, expected: str) -> None:
    """Strings and dates are quoted (dates without microseconds); others are not."""
    from ftrack_api._ensure import format_value

    assert format_value(value) == expected


def test_switches_are_per_thread(ftrack_session: Session) -> None:
    """auto_populate and record_operations changed in one thread stay there."""
    seen: dict[str, bool] = {}

    def other() -> None:
        seen["auto_populate"] = ftrack_session.auto_populate
        seen["record_operations"] = ftrack_session.record_operations

    with (
        ftrack_session.auto_populating(False),
        ftrack_session.operation_recording(False),
    ):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
        assert not ftrack_session.auto_populate
        assert not ftrack_session.record_operations

    assert seen == {"auto_populate": True, "record_operations": True}
    assert ftrack_session.auto_populate and ftrack_session.record_operations
