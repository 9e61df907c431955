"""Tests of dense custom attributes and computed attributes."""

from __future__ import annotations

from ftrack_api.local import computed, custom_attributes
from ftrack_api.local.backend import Backend
from ftrack_api.local.stock_ids import OBJECT_TYPES
from tests.local.conftest import call, create, new_id, query, update


def configuration(key: str, entity_type: str, default, **extra) -> dict:
    """Return a create operation of a custom attribute configuration."""
    return create(
        "CustomAttributeConfiguration",
        key=key,
        label=key,
        entity_type=entity_type,
        default=default,
        config="{}",
        **extra,
    )


def test_values_are_dense_with_defaults_and_upsert(
    backend: Backend, project: str
) -> None:
    """Every applicable key is listed; an update upserts its value."""
    task = new_id()
    results = call(
        backend,
        configuration("fps", "task", 24, object_type_id=OBJECT_TYPES["Task"]),
        configuration("shot_only", "task", "x", object_type_id=OBJECT_TYPES["Shot"]),
        configuration("budget", "show", 0),
        create("Task", id=task, name="t", parent_id=project),
    )
    fps = results[0]["data"]["id"]
    call(
        backend,
        update("ContextCustomAttributeValue", [fps, task], value=25),
    )
    with backend.engine.connect() as connection:
        model = backend.model
        values = custom_attributes.load_values(
            connection, model, model.get("Task"), [task]
        )
        shown = custom_attributes.load_values(
            connection, model, model.get("Project"), [project]
        )
    assert {v["key"]: v["value"] for v in values[task]} == {"fps": 25}
    assert values[task][0]["__entity_type__"] == "ContextCustomAttributeValue"
    assert {v["key"]: v["value"] for v in shown[project]} == {"budget": 0}


def test_custom_attribute_upsert_for_entity_of_same_batch(
    backend: Backend, project: str
) -> None:
    """A value may be set on a task created earlier in the same batch."""
    (config,) = call(
        backend, configuration("note", "task", "", object_type_id=OBJECT_TYPES["Task"])
    )
    task = new_id()
    call(
        backend,
        create("Task", id=task, name="t", parent_id=project),
        update(
            "ContextCustomAttributeValue", [config["data"]["id"], task], value="hello"
        ),
    )
    (result,) = call(
        backend, query(f"select custom_attributes from Task where id is {task}")
    )
    values = result["data"][0]["custom_attributes"]
    assert [(v["key"], v["value"]) for v in values] == [("note", "hello")]


def test_link_of_a_task_and_of_a_version(backend: Backend, project: str) -> None:
    """link runs from the project down; a version adds one final element."""
    folder, task, asset, version = new_id(), new_id(), new_id(), new_id()
    call(
        backend,
        create("Folder", id=folder, name="f", parent_id=project),
        create("Task", id=task, name="t", parent_id=folder),
        create("Asset", id=asset, name="hero", context_id=folder),
        create("AssetVersion", id=version, asset_id=asset),
    )
    model = backend.model
    with backend.engine.connect() as connection:
        task_link = computed.compute(
            connection, model, model.get("Task"), "link", [task]
        )
        version_link = computed.compute(
            connection, model, model.get("AssetVersion"), "link", [version]
        )
    assert [(item["name"], item["type"]) for item in task_link[task]] == [
        ("proj", "Project"),
        ("f", "TypedContext"),
        ("t", "TypedContext"),
    ]
    assert [item["id"] for item in version_link[version]] == [project, folder, version]
    assert version_link[version][-1]["type"] == "AssetVersion"


def test_time_logged_and_latest_version(backend: Backend, project: str) -> None:
    """time_logged sums timelogs; latest_version is the highest version."""
    task, asset = new_id(), new_id()
    (user,) = call(backend, create("User", username="worker"))
    start = {"__type__": "datetime", "value": "2024-01-01T00:00:00"}
    results = call(
        backend,
        create("Task", id=task, name="t", parent_id=project),
        create(
            "Timelog",
            context_id=task,
            user_id=user["data"]["id"],
            start=start,
            duration=60,
        ),
        create(
            "Timelog",
            context_id=task,
            user_id=user["data"]["id"],
            start=start,
            duration=30,
        ),
        create("Asset", id=asset, name="a", context_id=project),
        create("AssetVersion", asset_id=asset),
        create("AssetVersion", asset_id=asset),
    )
    model = backend.model
    with backend.engine.connect() as connection:
        logged = computed.compute(
            connection, model, model.get("Task"), "time_logged", [task]
        )
        latest = computed.compute(
            connection, model, model.get("Asset"), "latest_version", [asset]
        )
    assert logged == {task: 90.0}
    assert latest[asset]["id"] == results[-1]["data"]["id"]


def test_values_are_checked_against_the_configuration_type(
    backend: Backend, project: str
) -> None:
    """A number attribute refuses text; a date is kept as a UTC datetime."""
    (number_type,) = call(backend, query('CustomAttributeType where name is "number"'))
    (date_type,) = call(backend, query('CustomAttributeType where name is "date"'))
    task = new_id()
    results = call(
        backend,
        configuration(
            "frames",
            "task",
            1,
            object_type_id=OBJECT_TYPES["Task"],
            type_id=number_type["data"][0]["id"],
        ),
        configuration(
            "due",
            "task",
            None,
            object_type_id=OBJECT_TYPES["Task"],
            type_id=date_type["data"][0]["id"],
        ),
        create("Task", id=task, name="t", parent_id=project),
    )
    frames, due = results[0]["data"]["id"], results[1]["data"]["id"]
    error = backend.call(
        [update("ContextCustomAttributeValue", [frames, task], value="many")],
        trusted=True,
    )
    assert isinstance(error, dict)
    assert "'frames'" in error["content"] and "'many'" in error["content"]
    moment = {"__type__": "datetime", "value": "2024-05-01T12:00:00+02:00"}
    call(backend, update("ContextCustomAttributeValue", [due, task], value=moment))
    (result,) = call(
        backend, query(f"select custom_attributes from Task where id is {task}")
    )
    values = {v["key"]: v["value"] for v in result["data"][0]["custom_attributes"]}
    assert values["due"] == {"__type__": "datetime", "value": "2024-05-01T10:00:00"}


def test_hierarchical_values_are_inherited_from_the_nearest_ancestor(
    backend: Backend, project: str
) -> None:
    """An unset hierarchical value comes from the nearest context that sets it."""
    sequence, shot = new_id(), new_id()
    (config,) = call(
        backend, configuration("fstart", "show", 1001, is_hierarchical=True)
    )
    config_id = config["data"]["id"]
    call(
        backend,
        create("Sequence", id=sequence, name="sq", parent_id=project),
        create("Shot", id=shot, name="sh", parent_id=sequence),
        update("ContextCustomAttributeValue", [config_id, project], value=1),
        update("ContextCustomAttributeValue", [config_id, sequence], value=2),
    )
    with backend.engine.connect() as connection:
        model = backend.model
        values = custom_attributes.load_values(
            connection, model, model.get("Shot"), [shot]
        )
    assert [(v["key"], v["value"]) for v in values[shot]] == [("fstart", 2)]
