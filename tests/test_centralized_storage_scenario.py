"""Tests for the centralized storage scenario: activation and the wizard."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ftrack_api.exception
import ftrack_api.local.actions
from ftrack_api._centralized_storage_scenario import (
    ActivateCentralizedStorageScenario,
    platform_key,
    register_configuration,
    scenario_name,
)
from ftrack_api.accessor.disk import DiskAccessor
from ftrack_api.event.base import Event
from ftrack_api.session import Session
from ftrack_api.structure.standard import StandardStructure
from tests.event.helpers import settle, wait_until

LOCATION_ID = "6b8f6a80-38a4-11ef-9c2b-0242ac120002"
PLATFORM_KEYS = ("linux", "osx", "windows")


def _scenario(mount_point: Path, location_id: str = LOCATION_ID) -> dict[str, Any]:
    """Return the server's storage_scenario value for a centralized storage."""
    return {
        "scenario": scenario_name,
        "data": {
            "location_id": location_id,
            "location_name": "studio.central",
            "accessor": {
                "mount_points": {key: str(mount_point) for key in PLATFORM_KEYS}
            },
        },
    }


def _open(tmp_path: Path) -> Session:
    return Session(
        f"sqlite:///{tmp_path / 'studio.db'}",
        plugin_paths=[],
        schema_cache_path=str(tmp_path),
    )


def _asset_version(session: Session) -> Any:
    """Return a new committed AssetVersion in a new project."""
    project = session.create(
        "Project",
        {
            "name": "central",
            "full_name": "Central",
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    asset = session.create(
        "Asset",
        {
            "name": "plate",
            "parent": project,
            "type": session.query("AssetType").first(),
        },
    )
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    return version


def _report_scenario(monkeypatch: pytest.MonkeyPatch, value: dict[str, Any]) -> None:
    """Make the embedded backend's query_server_information report *value*."""
    monkeypatch.setattr(ftrack_api.local.actions, "STORAGE_SCENARIO", value)


@pytest.fixture()
def mount_point(tmp_path: Path) -> Path:
    """Return an empty folder standing for the studio's mounted storage."""
    folder = tmp_path / "mount"
    folder.mkdir()
    return folder


@pytest.fixture()
def studio_location(tmp_path: Path) -> Iterator[None]:
    """Create the scenario's Location in the database, as the wizard would."""
    with _open(tmp_path) as session:
        session.create("Location", {"id": LOCATION_ID, "name": "studio.central"})
        session.commit()
    yield


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("darwin", "osx"),
        ("linux", "linux"),
        ("win32", "windows"),
        ("cygwin", "windows"),
        ("freebsd14", None),
    ],
)
def test_platform_key_names_the_mount_point(
    platform: str, expected: str | None
) -> None:
    """Map sys.platform to a mount point key, darwin before win."""
    assert platform_key(platform) == expected


@pytest.mark.usefixtures("studio_location")
def test_session_configures_the_scenario_location(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mount_point: Path
) -> None:
    """A server on this scenario gives a priority-1 location on the mount point."""
    _report_scenario(monkeypatch, _scenario(mount_point))
    source = tmp_path / "plate.exr"
    source.write_bytes(b"pixels")
    with _open(tmp_path) as session:
        location: Any = session.get("Location", LOCATION_ID)
        assert isinstance(location.accessor, DiskAccessor)
        assert location.accessor.prefix == str(mount_point)
        assert isinstance(location.structure, StandardStructure)
        assert location.priority == 1
        assert session.pick_location() is location

        version: Any = _asset_version(session)
        component = version.create_component(
            str(source), {"name": "main"}, location="auto"
        )
        session.commit()
        path = Path(location.get_filesystem_path(component))
        assert path.is_relative_to(mount_point)
        assert path.read_bytes() == b"pixels"

        session.reset()
        again: Any = session.pick_location()
        assert again["id"] == LOCATION_ID and again.accessor.prefix == str(mount_point)


def test_incomplete_scenario_is_logged_and_session_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A scenario without mount points leaves a logged error, not a dead session."""
    broken = {"scenario": scenario_name, "data": {"location_id": LOCATION_ID}}
    _report_scenario(monkeypatch, broken)
    with caplog.at_level(logging.ERROR), _open(tmp_path) as session:
        location: Any = session.pick_location()
        assert location["name"] == "ftrack.unmanaged"
    assert "lacks 'location_name'" in caplog.text


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"location_name": "x", "location_id": LOCATION_ID},
        {"location_name": "x", "location_id": LOCATION_ID, "accessor": {}},
    ],
)
def test_activate_names_what_the_scenario_lacks(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    """Raise LocationError naming the missing part of the scenario."""
    handler = ActivateCentralizedStorageScenario()
    with _open(tmp_path) as session:
        handler.register(session)
        event = Event(
            "ftrack.storage-scenario.activate",
            data={"storage_scenario": {"scenario": scenario_name, "data": data}},
        )
        with pytest.raises(ftrack_api.exception.LocationError, match="lacks"):
            handler.activate(event)


def test_activate_refuses_a_platform_without_mount_point(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Raise LocationError when this platform has no mount point."""
    scenario = _scenario(tmp_path)
    del scenario["data"]["accessor"]["mount_points"]["linux"]
    monkeypatch.setattr("sys.platform", "linux")
    handler = ActivateCentralizedStorageScenario()
    with _open(tmp_path) as session:
        handler.register(session)
        event = Event(
            "ftrack.storage-scenario.activate", data={"storage_scenario": scenario}
        )
        with pytest.raises(ftrack_api.exception.LocationError, match="'linux'"):
            handler.activate(event)


@pytest.mark.parametrize(
    ("mount", "warning"),
    [("mount", None), ("absent", "is not a folder"), ("", "no mount point")],
)
def test_verify_startup_warns_about_unusable_mount_points(
    tmp_path: Path, mount_point: Path, mount: str, warning: str | None
) -> None:
    """Answer ftrack.connect.verify-startup with a warning or nothing."""
    scenario = _scenario(tmp_path / mount)
    if not mount:
        scenario["data"]["accessor"]["mount_points"] = dict.fromkeys(PLATFORM_KEYS, "")
    with _open(tmp_path) as session:
        results = _publish(
            session,
            Event("ftrack.connect.verify-startup", data={"storage_scenario": scenario}),
        )
    if warning is None:
        assert results == [None]
    else:
        assert len(results) == 1 and warning in results[0]


def _publish(session: Session, event: Event) -> list[Any]:
    """Publish *event* synchronously on *session*'s hub; return the results."""
    return list(session.event_hub.publish(event, synchronous=True) or [])


def _configure(session: Session, values: dict[str, Any] | None) -> dict[str, Any]:
    """Publish one wizard step synchronously; return the single reply."""
    data: dict[str, Any] = {"scenario_id": scenario_name}
    if values is not None:
        data["values"] = values
    results = _publish(session, Event("ftrack.storage-scenario.configure", data=data))
    assert len(results) == 1
    reply: dict[str, Any] = results[0]
    return reply


def _answer(reply: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Return the values a user submits: the hidden items plus *values*."""
    hidden = {
        item["name"]: item["value"]
        for item in reply["items"]
        if item["type"] == "hidden"
    }
    return {**hidden, **values}


def _names(reply: dict[str, Any]) -> list[str]:
    return [item["name"] for item in reply["items"] if item["type"] != "label"]


def test_discover_describes_the_scenario(tmp_path: Path) -> None:
    """Answer discovery with the scenario's id, name and description."""
    with _open(tmp_path) as session:
        register_configuration(session)
        results = _publish(session, Event("ftrack.storage-scenario.discover"))
    assert [result["id"] for result in results] == [scenario_name]
    assert results[0]["name"] and results[0]["description"]


def test_wizard_creates_location_and_saves_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mount_point: Path
) -> None:
    """Walk the wizard with a new location; the saved scenario then activates."""
    with _open(tmp_path) as session:
        register_configuration(session)
        reply = _configure(session, None)
        assert _names(reply) == ["location_id", "step", "configuration"]
        choices = [choice["value"] for choice in reply["items"][1]["data"]]
        assert choices == ["create_new_location"]

        reply = _configure(session, _answer(reply, location_id="create_new_location"))
        assert _names(reply)[:3] == [
            "location_name",
            "location_label",
            "location_description",
        ]
        reply = _configure(session, _answer(reply, location_name="ftrack.origin"))
        assert "exists already" in reply["items"][0]["value"]

        reply = _configure(session, _answer(reply, location_name="studio.central"))
        assert _names(reply)[0] == "structure"
        reply = _configure(session, _answer(reply, structure="standard"))
        reply = _configure(session, _answer(reply))
        assert "at least one" in reply["items"][0]["value"]

        points = {f"{key}_mount_point": str(mount_point) for key in PLATFORM_KEYS}
        reply = _configure(session, _answer(reply, **points))
        assert reply["state"] == "confirm"
        assert "studio.central (new)" in reply["items"][0]["value"]
        reply = _configure(session, _answer(reply))
        assert reply["state"] == "done"

        setting = session.query(
            'select value from Setting where name is "storage_scenario" '
            'and group is "STORAGE"'
        ).one()
        saved = json.loads(setting["value"])
        location = session.query('Location where name is "studio.central"').one()

    assert saved == _scenario(mount_point, location["id"])
    _report_scenario(monkeypatch, saved)
    with _open(tmp_path) as session:
        picked: Any = session.pick_location()
        assert picked["name"] == "studio.central"
        assert picked.accessor.prefix == str(mount_point)


@pytest.mark.usefixtures("studio_location")
def test_wizard_reuses_an_existing_location_and_setting(
    tmp_path: Path, mount_point: Path
) -> None:
    """Offer existing locations, prefill the saved scenario and update it."""
    with _open(tmp_path) as session:
        session.create(
            "Setting",
            {
                "name": "storage_scenario",
                "group": "STORAGE",
                "value": json.dumps(_scenario(tmp_path / "old")),
            },
        )
        session.commit()
        register_configuration(session)
        reply = _configure(session, None)
        picker = reply["items"][1]
        assert picker["value"] == LOCATION_ID
        assert "studio.central" in reply["items"][0]["value"]

        reply = _configure(session, _answer(reply, location_id=LOCATION_ID))
        reply = _configure(session, _answer(reply, structure="standard"))
        mount_names = [name for name in _names(reply) if name.endswith("_mount_point")]
        assert [item["value"] for item in reply["items"][1:4]] == [
            str(tmp_path / "old")
        ] * 3
        reply = _configure(
            session, _answer(reply, **{name: str(mount_point) for name in mount_names})
        )
        reply = _configure(session, _answer(reply))
        assert reply["state"] == "done"
        session.reset()
        setting = session.query(
            'select value from Setting where name is "storage_scenario"'
        ).one()
        assert json.loads(setting["value"]) == _scenario(mount_point)


def test_wizard_answers_another_session_through_the_hub(tmp_path: Path) -> None:
    """Reply to discovery and configuration events published by another session."""
    with _open(tmp_path) as connect, _open(tmp_path) as browser:
        register_configuration(connect)
        connect.event_hub.connect()
        browser.event_hub.connect()
        settle(connect.event_hub, browser.event_hub)
        replies: list[Event] = []

        browser.event_hub.publish(
            Event("ftrack.storage-scenario.discover"), on_reply=replies.append
        )
        browser.event_hub.publish(
            Event(
                "ftrack.storage-scenario.configure", data={"scenario_id": scenario_name}
            ),
            on_reply=replies.append,
        )
        wait_until(
            browser.event_hub, lambda: len(replies) == 2, others=[connect.event_hub]
        )

    answers = sorted(replies, key=lambda reply: "items" in reply["data"])
    assert answers[0]["data"]["id"] == scenario_name
    assert answers[1]["data"]["state"] == "configuring"
