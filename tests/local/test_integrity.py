"""Tests of name uniqueness, number values and non-finite numbers in the backend."""

from __future__ import annotations

import concurrent.futures
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import OBJECT_TYPES, PROJECT_SCHEMA
from tests.local.conftest import call, create, delete, fail, new_id, query, update

ROOT = Path(__file__).resolve().parents[2]


def new_project(name: str, **data: object) -> dict:
    """Return a create operation of a project on the default schema."""
    return create(
        "Project", name=name, full_name=name, project_schema_id=PROJECT_SCHEMA, **data
    )


def test_project_names_are_unique_among_projects(backend: Backend) -> None:
    """A second project of one name is refused with DuplicateEntryError."""
    call(backend, new_project("race"))
    error = fail(backend, new_project("race"))
    assert error["exception"] == "DuplicateEntryError"
    assert "'race'" in error["content"] and "among projects" in error["content"]
    (result,) = call(backend, query('select id from Project where name is "race"'))
    assert len(result["data"]) == 1


def test_sibling_context_names_are_unique_under_one_parent(
    backend: Backend, project: str
) -> None:
    """Creates, renames and moves onto a sibling's name fail; cousins may match."""
    shot, other, folder = new_id(), new_id(), new_id()
    call(
        backend,
        create("Shot", id=shot, name="sh010", parent_id=project),
        create("Shot", id=other, name="sh020", parent_id=project),
        create("Folder", id=folder, name="f", parent_id=project),
        create("Task", name="sh010", parent_id=folder),
    )
    failures = [
        fail(backend, create("Folder", name="sh010", parent_id=project)),
        fail(
            backend,
            create("Shot", name="x", parent_id=folder),
            create("Shot", name="x", parent_id=folder),
        ),
        fail(
            backend,
            create("Folder", id=(new_folder := new_id()), name="n", parent_id=project),
            create("Shot", name="y", parent_id=new_folder),
            create("Shot", name="y", parent_id=new_folder),
        ),
        fail(backend, update("Shot", [other], name="sh010")),
        fail(backend, update("Shot", [shot], parent_id=folder)),
    ]
    for error in failures:
        assert error["exception"] == "DuplicateEntryError", error
        assert "DuplicateEntryError" in error["content"]
    assert repr(project) in failures[0]["content"]
    assert "'sh010'" in failures[0]["content"]
    call(
        backend,
        update("Shot", [shot], name="tmp"),
        update("Shot", [other], name="sh010"),
        update("Shot", [shot], name="sh020"),
    )


def test_assets_of_one_name_and_type_are_unique_per_context(
    backend: Backend, project: str
) -> None:
    """A second asset of one name and type fails; untyped assets may repeat."""
    (asset_type,) = call(
        backend, query('select id from AssetType where short is "img"')
    )
    type_id = asset_type["data"][0]["id"]
    call(
        backend,
        create("Asset", name="plate", context_id=project, type_id=type_id),
        create("Asset", name="plain", context_id=project),
        create("Asset", name="plain", context_id=project),
    )
    error = fail(
        backend, create("Asset", name="plate", context_id=project, type_id=type_id)
    )
    assert error["exception"] == "DuplicateEntryError"
    assert "'plate'" in error["content"]


def test_unique_index_backs_the_rule_in_the_database(
    backend: Backend, project: str
) -> None:
    """Rows written around the rules still cannot repeat a sibling name."""
    table = backend.model.get("Context").table
    row = {
        "_entity_type": "Folder",
        "context_type": "task",
        "name": "dup",
        "parent_id": project,
        "project_id": project,
    }
    with pytest.raises(sa.exc.IntegrityError), backend.engine.begin() as connection:
        connection.execute(
            table.insert(), [{**row, "id": new_id()}, {**row, "id": new_id()}]
        )


def test_concurrent_creates_of_one_project_keep_one(backend: Backend) -> None:
    """Four threads creating one project name end with one project."""

    def attempt(_: int) -> object:
        return backend.call([new_project("race1")], trusted=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(attempt, range(4)))
    errors = [result for result in results if isinstance(result, dict)]
    assert len(errors) == 3
    assert {error["exception"] for error in errors} == {"DuplicateEntryError"}
    (found,) = call(backend, query('select id from Project where name is "race1"'))
    assert len(found["data"]) == 1


@pytest.mark.parametrize("given", [24, 24.0, 24.5])
def test_number_custom_attributes_read_as_floats(
    backend: Backend, project: str, given: float
) -> None:
    """A number attribute's default and stored values read back as floats."""
    (kind,) = call(backend, query('CustomAttributeType where name is "number"'))
    task = new_id()
    results = call(
        backend,
        create(
            "CustomAttributeConfiguration",
            key="fps",
            label="fps",
            entity_type="task",
            default=given,
            config="{}",
            object_type_id=OBJECT_TYPES["Task"],
            type_id=kind["data"][0]["id"],
        ),
        create("Task", id=task, name="t", parent_id=project),
    )
    expression = f"select custom_attributes from Task where id is {task}"
    (default,) = call(backend, query(expression))
    call(
        backend,
        update(
            "ContextCustomAttributeValue", [results[0]["data"]["id"], task], value=given
        ),
    )
    (stored,) = call(backend, query(expression))
    for result in (default, stored):
        (value,) = result["data"][0]["custom_attributes"]
        assert value["value"] == float(given)
        assert type(value["value"]) is float


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_non_finite_numbers_are_refused(
    backend: Backend, project: str, number: float
) -> None:
    """NaN and infinities fail with a ValidationError naming the attribute."""
    task = new_id()
    call(backend, create("Task", id=task, name="t", parent_id=project, bid=2))
    for operation, attribute in (
        (update("Task", [task], bid=number), "Task.bid"),
        (create("Task", name="u", parent_id=project, bid=number), "Task.bid"),
        (
            create(
                "CustomAttributeConfiguration",
                key="k",
                label="k",
                entity_type="task",
                default=[1, {"x": number}],
                config="{}",
            ),
            "CustomAttributeConfiguration.default",
        ),
    ):
        error = fail(backend, operation)
        assert error["exception"] == "ValidationError", error
        assert repr(number) in error["content"] and attribute in error["content"]
    (row,) = call(backend, query(f"select bid from Task where id is {task}"))
    assert row["data"][0]["bid"] == 2.0


def _start_backends(
    url: str, folder: Path, count: int
) -> list[subprocess.CompletedProcess]:
    script = (
        "import sys; from pathlib import Path; "
        "from ftrack_api.local.backend import Backend; "
        "Backend(sys.argv[1], credentials_folder=Path(sys.argv[2])).engine.dispose()"
    )
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(count)
    ]
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        results.append(
            subprocess.CompletedProcess(
                process.args, process.returncode, stdout, stderr
            )
        )
    return results


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_first_start_from_several_processes_at_once(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Four processes opening a new database at once all start; seeding runs once."""
    if database == "sqlite":
        url = f"sqlite:///{tmp_path / 'new.db'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    results = _start_backends(url, tmp_path, 4)
    assert [result.returncode for result in results] == [0] * 4, [
        result.stderr for result in results
    ]
    backend = Backend(url, credentials_folder=tmp_path)
    try:
        (users,) = call(
            backend, query('select id from User where username is "administrator"')
        )
        (statuses,) = call(backend, query("select id from Status"))
        assert len(users["data"]) == 1
        assert len({row["id"] for row in statuses["data"]}) == len(statuses["data"]) > 0
    finally:
        backend.engine.dispose()


def test_location_names_are_unique(backend: Backend) -> None:
    """A second location, or a rename onto a taken name, is refused."""
    first, second = new_id(), new_id()
    call(
        backend,
        create("Location", id=first, name="studio.disk"),
        create("Location", id=second, name="other"),
    )
    for operation in (
        create("Location", name="studio.disk"),
        update("Location", [second], name="studio.disk"),
    ):
        error = fail(backend, operation)
        assert error["exception"] == "DuplicateEntryError"
        assert "'studio.disk'" in error["content"]


@pytest.mark.parametrize(
    ("steps", "accepted"),
    [
        ([(0, "tmp"), (1, "a"), (0, "b")], True),
        ([(0, "x"), (1, "x")], False),
        ([(0, "b")], False),
        ([(0, "x"), (0, "a"), (1, "x")], True),
        ([(0, "x"), (1, "a"), (2, "x")], False),
        ([(0, "delete"), (1, "a")], True),
        ([(0, "x"), (1, "x"), (0, "y")], False),
        ([(2, "z"), (0, "c"), (1, "z")], False),
    ],
)
def test_batch_renames_see_earlier_renames_and_deletes_of_the_batch(
    backend: Backend, project: str, steps: list[tuple[int, str]], accepted: bool
) -> None:
    """Renames in one batch are checked against the batch's own earlier writes."""
    ids = [new_id() for _ in "abc"]
    call(
        backend,
        *(
            create("Shot", id=i, name=n, parent_id=project)
            for i, n in zip(ids, "abc", strict=True)
        ),
    )
    operations = [
        delete("Shot", [ids[index]])
        if name == "delete"
        else update("Shot", [ids[index]], name=name)
        for index, name in steps
    ]
    if not accepted:
        error = fail(backend, *operations)
        assert error["exception"] == "DuplicateEntryError", error
        assert "must be unique among siblings" in error["content"]
        return
    call(backend, *operations)
    expected = dict(zip(ids, "abc", strict=True))
    for index, name in steps:
        if name == "delete":
            expected.pop(ids[index])
        else:
            expected[ids[index]] = name
    (result,) = call(
        backend, query(f'select id, name from Shot where parent_id is "{project}"')
    )
    assert {row["id"]: row["name"] for row in result["data"]} == expected
