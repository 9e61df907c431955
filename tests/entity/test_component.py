"""Tests for Session.create_component and ftrack_api.entity.component."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import ftrack_api
import ftrack_api.symbol


@pytest.fixture
def frames(tmp_path: Path) -> str:
    """Write five frames of different sizes; return the clique sequence path."""
    folder = tmp_path / "Noël"
    folder.mkdir()
    for frame in range(1001, 1006):
        (folder / f"プレート.{frame:04d}.exr").write_bytes(b"x" * frame)
    return str(folder / "プレート.%04d.exr [1001-1005]")


def origin_of(session: Any) -> Any:
    """Return the session's origin location."""
    return session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)


def test_file_component_gets_type_size_and_origin_path(
    session: Any, tmp_path: Path
) -> None:
    """A file component records its type and size and sits in origin at its path."""
    path = tmp_path / "movie.mov"
    path.write_bytes(b"m" * 1234)
    component = session.create_component(str(path), location=None)

    assert component.entity_type == "FileComponent"
    assert (component["name"], component["file_type"], component["size"]) == (
        "main",
        ".mov",
        1234,
    )
    assert origin_of(session).get_resource_identifier(component) == str(path)


def test_sequence_component_has_members_padding_and_sizes(
    session: Any, frames: str
) -> None:
    """A sequence gets padding, file type, total size and one member per frame."""
    sequence = session.create_component(frames, location=None)

    assert sequence.entity_type == "SequenceComponent"
    assert (sequence["padding"], sequence["file_type"]) == (4, ".exr")
    assert sequence["size"] == sum(range(1001, 1006))
    members = sorted(sequence["members"], key=lambda member: member["name"])
    assert [member["name"] for member in members] == [
        "1001",
        "1002",
        "1003",
        "1004",
        "1005",
    ]
    assert [member["size"] for member in members] == list(range(1001, 1006))
    origin = origin_of(session)
    assert origin.get_resource_identifier(sequence).endswith("プレート.%04d.exr")
    assert origin.get_resource_identifier(members[0]).endswith("プレート.1001.exr")


def test_given_sequence_size_is_split_evenly(session: Any, frames: str) -> None:
    """A size given for a sequence is shared evenly by its members."""
    sequence = session.create_component(frames, data={"size": 50}, location=None)
    assert sequence["size"] == 50
    assert {member["size"] for member in sequence["members"]} == {10}


def test_location_none_keeps_component_in_origin_only(
    session: Any, tmp_path: Path
) -> None:
    """With location=None nothing is registered on the server."""
    path = tmp_path / "a.txt"
    path.write_text("a")
    component = session.create_component(str(path), location=None)
    session.commit()
    assert set(component.get_availability().values()) == {0.0}


def test_auto_location_falls_back_to_unmanaged(session: Any, tmp_path: Path) -> None:
    """With nothing better configured, "auto" registers in ftrack.unmanaged."""
    path = tmp_path / "a.txt"
    path.write_text("a")
    component = session.create_component(str(path))
    availability = component.get_availability()
    assert availability[ftrack_api.symbol.UNMANAGED_LOCATION_ID] == 100.0
    unmanaged = session.get("Location", ftrack_api.symbol.UNMANAGED_LOCATION_ID)
    assert unmanaged.get_filesystem_path(component) == str(path)


def test_auto_location_sends_review_names_to_review(
    session: Any, reference: Path
) -> None:
    """A component named ftrackreview-mp4 lands in ftrack.review."""
    movie = str(reference / "media" / "colour_wheel.mov")
    component = session.create_component(movie, data={"name": "ftrackreview-mp4"})
    assert session.pick_location(component)["name"] == "ftrack.review"


def test_file_type_plugin_answer_wins(session: Any, tmp_path: Path) -> None:
    """A get-file-type-from-string subscriber decides the file type."""
    session.event_hub.subscribe(
        "topic=ftrack.api.session.get-file-type-from-string", lambda event: ".custom"
    )
    path = tmp_path / "a.txt"
    path.write_text("a")
    assert session.create_component(str(path), location=None)["file_type"] == ".custom"


def test_asset_version_create_component_links_version(
    session: Any, tmp_path: Path
) -> None:
    """AssetVersion.create_component attaches the component to the version."""
    project_schema = session.query("ProjectSchema").first()
    project = session.create(
        "Project",
        {"name": "noel", "full_name": "Noël", "project_schema": project_schema},
    )
    asset_type = session.query("AssetType").first()
    asset = session.create(
        "Asset", {"name": "plate", "parent": project, "type": asset_type}
    )
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    path = tmp_path / "a.txt"
    path.write_text("a")

    component = version.create_component(str(path), data={"version_id": "ignored"})
    session.commit()
    assert component["version"] is version
    assert component in version["components"]
