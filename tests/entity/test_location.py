"""Tests for ftrack_api.entity.location on the embedded backend, with real files."""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path
from typing import Any

import pytest

import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.data
import ftrack_api.entity.location
import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.resource_identifier_transformer.base import (
    ResourceIdentifierTransformer,
)
from ftrack_api.structure.id import IdStructure
from tests.event.helpers import wait_until


def make_location(session: Any, root: Path, priority: float = 30) -> Any:
    """Create, commit and configure a disk location under *root*."""
    location = session.create("Location", {"name": f"test.{uuid.uuid4().hex[:8]}"})
    session.commit()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(str(root))
    location.structure = IdStructure()
    location.priority = priority
    return location


def write_file(path: Path, content: bytes) -> str:
    """Write *content* to *path* (making folders) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return str(path)


def registrations(session: Any, location: Any) -> list[Any]:
    """Return the ComponentLocation rows of *location* on the server."""
    return session.query(
        "select component_id from ComponentLocation where location_id is "
        f'"{location["id"]}"'
    ).all()


def test_builtin_locations_are_configured(session: Any) -> None:
    """The session configures origin, unmanaged, review and server as documented."""
    expected = {
        ftrack_api.symbol.ORIGIN_LOCATION_ID: ("ftrack.origin", "OriginLocation", 100),
        ftrack_api.symbol.UNMANAGED_LOCATION_ID: (
            "ftrack.unmanaged",
            "UnmanagedLocation",
            90,
        ),
        ftrack_api.symbol.REVIEW_LOCATION_ID: (
            "ftrack.review",
            "UnmanagedLocation",
            110,
        ),
        ftrack_api.symbol.SERVER_LOCATION_ID: ("ftrack.server", "ServerLocation", 150),
    }
    for identifier, (name, class_name, priority) in expected.items():
        location = session.get("Location", identifier)
        assert (location["name"], type(location).__name__, location.priority) == (
            name,
            class_name,
            priority,
        )
        assert location.accessor and location.structure


def test_pick_location_prefers_lowest_priority_configured(
    session: Any, tmp_path: Path
) -> None:
    """pick_location returns the configured location with the lowest priority."""
    assert session.pick_location()["name"] == "ftrack.unmanaged"
    location = make_location(session, tmp_path / "store", priority=30)
    assert session.pick_location() is location
    unconfigured = session.create("Location", {"name": "not.configured"})
    session.commit()
    assert unconfigured in session.query("Location").all()
    assert session.pick_location() is location


def test_add_component_copies_data_and_registers(session: Any, tmp_path: Path) -> None:
    """A file added to a disk location is copied there and registered."""
    location = make_location(session, tmp_path / "store")
    source = write_file(tmp_path / "Noël" / "プレート.exr", os.urandom(300_000))
    component = session.create_component(source, location=location)

    path = location.get_filesystem_path(component)
    assert path.startswith(str(tmp_path / "store"))
    assert Path(path).read_bytes() == Path(source).read_bytes()
    assert component["file_type"] == ".exr"
    assert component["size"] == 300_000
    assert session.get_component_availability(component)[location["id"]] == 100.0
    assert [row["component_id"] for row in registrations(session, location)] == [
        component["id"]
    ]


def test_adding_component_twice_raises_component_in_location(
    session: Any, tmp_path: Path
) -> None:
    """Adding a component that is already in the location raises."""
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=location
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    with pytest.raises(ftrack_api.exception.ComponentInLocationError) as info:
        location.add_component(component, origin)
    assert component["id"] in str(info.value)


def test_removing_absent_component_raises_component_not_in_location(
    session: Any, tmp_path: Path
) -> None:
    """Removing a component that is not in the location raises."""
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=None
    )
    with pytest.raises(ftrack_api.exception.ComponentNotInLocationError):
        location.remove_component(component)


def test_remove_component_deletes_data_and_registration(
    session: Any, tmp_path: Path
) -> None:
    """Removal deletes the copied file and the ComponentLocation."""
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=location
    )
    path = location.get_filesystem_path(component)
    location.remove_component(component)
    assert not os.path.exists(path)
    assert registrations(session, location) == []
    assert location.get_component_availability(component) == 0.0


class FailingData(ftrack_api.data.FileWrapper):
    """File data that writes ten bytes, then fails as a full disk would."""

    def fileno(self) -> int:
        """Refuse a descriptor, so the copy goes through write()."""
        raise io.UnsupportedOperation("no descriptor")

    def write(self, content: bytes) -> None:
        """Write a little, then fail."""
        super().write(content[:10])
        raise OSError(28, "No space left on device")


class FailingAccessor(ftrack_api.accessor.disk.DiskAccessor):
    """A disk accessor whose writes fail after *limit* files."""

    def __init__(self, prefix: str, limit: int) -> None:
        super().__init__(prefix)
        self.limit = limit

    def open(self, resource_identifier: str, mode: str = "rb") -> Any:
        """Open normally, but fail the write of the file past the limit."""
        data = super().open(resource_identifier, mode)
        if "w" in mode:
            self.limit -= 1
            if self.limit < 0:
                return FailingData(data.wrapped_file)
        return data


def test_failed_transfer_removes_written_data_and_registers_nothing(
    session: Any, tmp_path: Path
) -> None:
    """A failure half-way leaves no data, no registration, and names the cause."""
    location = make_location(session, tmp_path / "store")
    location.accessor = FailingAccessor(str(tmp_path / "store"), limit=3)
    for frame in range(1, 7):
        write_file(tmp_path / "seq" / f"plate.{frame:04d}.exr", b"x" * 1000)
    sequence_path = str(tmp_path / "seq" / "plate.%04d.exr [1-6]")

    with pytest.raises(ftrack_api.exception.LocationError) as info:
        session.create_component(sequence_path, location=location)

    assert "No space left on device" in str(info.value)
    assert "Failed to add component" in str(info.value)
    assert [files for _, _, files in os.walk(tmp_path / "store") if files] == []
    assert registrations(session, location) == []


def test_interrupted_transfer_removes_written_data_and_reraises(
    session: Any, tmp_path: Path
) -> None:
    """Ctrl-C (KeyboardInterrupt) mid-sequence leaves no data and no registration."""
    location = make_location(session, tmp_path / "store")
    for frame in range(1, 21):
        write_file(tmp_path / "seq" / f"plate.{frame:04d}.exr", b"x" * 1000)
    sequence = session.create_component(
        str(tmp_path / "seq" / "plate.%04d.exr [1-20]"), location=None
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    calls: list[int] = []

    def interrupt(component: Any, copied: int, size: int | None) -> None:
        calls.append(copied)
        if len(calls) == 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        location.add_component(sequence, origin, progress_callback=interrupt)

    assert [files for _, _, files in os.walk(tmp_path / "store") if files] == []
    assert registrations(session, location) == []


def test_sequence_availability_is_share_of_members(
    session: Any, tmp_path: Path
) -> None:
    """A sequence's availability is the share of its members present."""
    location = make_location(session, tmp_path / "store")
    for frame in range(1, 11):
        write_file(tmp_path / "seq" / f"plate.{frame:04d}.exr", b"x")
    sequence = session.create_component(
        str(tmp_path / "seq" / "plate.%04d.exr [1-10]"), location=location
    )
    assert location.get_component_availability(sequence) == 100.0

    members = sorted(sequence["members"], key=lambda member: member["name"])
    location.remove_components(members[:4])
    assert location.get_component_availability(sequence) == 60.0
    assert sequence.get_availability([location]) == {location["id"]: 60.0}
    location.remove_component(sequence)
    assert location.get_component_availability(sequence) == 0.0


def test_container_component_copies_members_into_folder(
    session: Any, tmp_path: Path
) -> None:
    """A container is added with its members, each copied."""
    location = make_location(session, tmp_path / "store")
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    container = session.create("ContainerComponent", {"name": "bundle"})
    origin.add_component(container, str(tmp_path), recursive=False)
    for name in ("a", "b"):
        member = session.create(
            "FileComponent", {"name": name, "container": container, "file_type": ".txt"}
        )
        origin.add_component(
            member, write_file(tmp_path / f"{name}.txt", name.encode())
        )
        container["members"].append(member)
    location.add_component(container, origin)

    folder = Path(location.get_filesystem_path(container))
    assert folder.is_dir()
    assert sorted(path.read_bytes() for path in folder.iterdir()) == [b"a", b"b"]
    assert location.get_component_availability(container) == 100.0


def test_unmanaged_mixin_registers_without_moving_data(
    session: Any, tmp_path: Path
) -> None:
    """An unmanaged location records components but copies nothing."""
    location = make_location(session, tmp_path / "store")
    ftrack_api.mixin(location, ftrack_api.entity.location.UnmanagedLocationMixin)
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=location
    )
    assert not os.path.exists(location.get_filesystem_path(component))
    assert location.get_component_availability(component) == 100.0
    location.remove_component(component)
    assert (tmp_path / "a.txt").exists()


def test_location_without_structure_refuses_components(
    session: Any, tmp_path: Path
) -> None:
    """A location with no structure explains what is missing."""
    location = make_location(session, tmp_path / "store")
    location.structure = ftrack_api.symbol.NOT_SET
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=None
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    with pytest.raises(ftrack_api.exception.LocationError, match="structure"):
        location.add_component(component, origin)


def test_unconfigured_location_answers_availability(
    session: Any, tmp_path: Path
) -> None:
    """A location with no accessor still reports availability of its components."""
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=location
    )
    location.accessor = ftrack_api.symbol.NOT_SET
    assert location.get_component_availability(component) == 100.0
    with pytest.raises(ftrack_api.exception.LocationError, match="accessor"):
        location.get_filesystem_path(component)


def test_resource_identifier_transformer_encodes_and_decodes(
    session: Any, tmp_path: Path
) -> None:
    """Stored identifiers pass through the transformer both ways."""

    class Prefixing(ResourceIdentifierTransformer):
        def encode(self, resource_identifier: str, context: Any = None) -> str:
            return f"stored:{resource_identifier}"

        def decode(self, resource_identifier: str, context: Any = None) -> str:
            return resource_identifier.removeprefix("stored:")

    location = make_location(session, tmp_path / "store")
    location.resource_identifier_transformer = Prefixing(session)
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=location
    )
    [row] = session.query(
        "select resource_identifier from ComponentLocation where component_id is "
        f'"{component["id"]}"'
    ).all()
    assert row["resource_identifier"].startswith("stored:")
    assert not location.get_resource_identifier(component).startswith("stored:")
    assert Path(location.get_filesystem_path(component)).read_bytes() == b"a"


def test_progress_callback_reports_bytes_per_component(
    session: Any, tmp_path: Path
) -> None:
    """The progress callback receives the component, bytes copied and its size."""
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.bin", b"z" * 5000), location=None
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    calls: list[tuple[Any, int, int | None]] = []
    location.add_component(
        component, origin, progress_callback=lambda *args: calls.append(args)
    )
    assert calls[-1] == (component, 5000, 5000)


def test_add_and_remove_publish_location_events(session: Any, tmp_path: Path) -> None:
    """component-added and component-removed reach subscribers with their payload."""
    received: list[tuple[str, dict[str, Any]]] = []
    session.event_hub.connect()
    for topic in (
        ftrack_api.symbol.COMPONENT_ADDED_TO_LOCATION_TOPIC,
        ftrack_api.symbol.COMPONENT_REMOVED_FROM_LOCATION_TOPIC,
    ):
        session.event_hub.subscribe(
            f"topic={topic}",
            lambda event: received.append((event["topic"], dict(event["data"]))),
        )
    location = make_location(session, tmp_path / "store")
    component = session.create_component(
        write_file(tmp_path / "a.txt", b"a"), location=None
    )
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    location.add_component(component, origin)
    location.remove_component(component)

    payload = {"component_id": component["id"], "location_id": location["id"]}
    expected = [
        (ftrack_api.symbol.COMPONENT_ADDED_TO_LOCATION_TOPIC, payload),
        (ftrack_api.symbol.COMPONENT_REMOVED_FROM_LOCATION_TOPIC, payload),
    ]
    wait_until(session.event_hub, lambda: all(item in received for item in expected))


def test_plugin_configures_location_at_session_start(tmp_path: Path) -> None:
    """A plugin answering configure-location configures a location."""
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    first = ftrack_api.Session(server_url=url, schema_cache_path=False)
    first.create("Location", {"name": "plugin.location"})
    first.commit()
    first.close()
    plugin = tmp_path / "plugins" / "configure.py"
    plugin.parent.mkdir()
    plugin.write_text(
        "import ftrack_api, ftrack_api.accessor.disk, ftrack_api.structure.id\n"
        "def configure(event):\n"
        "    session = event['data']['session']\n"
        "    location = session.query(\n"
        "        'Location where name is \"plugin.location\"').one()\n"
        "    location.accessor = ftrack_api.accessor.disk.DiskAccessor(\n"
        f"        {str(tmp_path)!r})\n"
        "    location.structure = ftrack_api.structure.id.IdStructure()\n"
        "    location.priority = 5\n"
        "def register(session, **kw):\n"
        "    if not isinstance(session, ftrack_api.Session):\n"
        "        return\n"
        "    session.event_hub.subscribe(\n"
        "        'topic=ftrack.api.session.configure-location', configure)\n"
    )
    session = ftrack_api.Session(
        server_url=url, schema_cache_path=False, plugin_paths=[str(plugin.parent)]
    )
    try:
        assert session.pick_location()["name"] == "plugin.location"
    finally:
        session.close()


def test_standard_structure_paths_from_real_entities(
    session: Any, tmp_path: Path
) -> None:
    """A StandardStructure location files components by project hierarchy."""
    from ftrack_api.structure.standard import StandardStructure

    location = make_location(session, tmp_path / "store")
    location.structure = StandardStructure()
    project = session.create(
        "Project",
        {
            "name": "Noël Film",
            "full_name": "Noël Film",
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    sequence = session.create("Sequence", {"name": "SQ01", "parent": project})
    shot = session.create("Shot", {"name": "SH010", "parent": sequence})
    asset = session.create(
        "Asset",
        {"name": "Plate", "parent": shot, "type": session.query("AssetType").first()},
    )
    version = session.create("AssetVersion", {"asset": asset})
    movie = write_file(tmp_path / "movie.mov", b"frames")

    with pytest.raises(ftrack_api.exception.LocationError, match="not committed"):
        version.create_component(movie, location=location)
    session.commit()
    component = version.create_component(
        movie, data={"name": "Main Movie"}, location=location
    )

    assert location.get_resource_identifier(component) == (
        "noel_film/sq01/sh010/plate/v001/main_movie.mov"
    )
    assert Path(location.get_filesystem_path(component)).read_bytes() == b"frames"


def test_reset_configures_builtin_locations_again(session: Any) -> None:
    """After Session.reset the built-in locations are configured afresh."""
    session.reset()
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    assert type(origin).__name__ == "OriginLocation"
    assert origin.priority == 100
    assert isinstance(origin.accessor, ftrack_api.accessor.disk.DiskAccessor)


@pytest.mark.postgresql
def test_sequence_round_trip_on_postgresql(postgresql_url: str, tmp_path: Path) -> None:
    """Adding, measuring and removing a sequence works on PostgreSQL too."""
    session = ftrack_api.Session(server_url=postgresql_url, schema_cache_path=False)
    try:
        location = make_location(session, tmp_path / "store")
        for frame in range(1, 5):
            write_file(tmp_path / "Noël" / f"プレート.{frame:04d}.exr", b"x")
        sequence = session.create_component(
            str(tmp_path / "Noël" / "プレート.%04d.exr [1-4]"), location=location
        )
        assert location.get_component_availability(sequence) == 100.0
        members = sorted(sequence["members"], key=lambda member: member["name"])
        location.remove_component(members[0])
        assert location.get_component_availability(sequence) == 75.0
        location.remove_component(sequence)
        assert registrations(session, location) == []
    finally:
        session.close()


def test_pick_locations_returns_best_holder_per_component(
    session: Any, tmp_path: Path
) -> None:
    """pick_locations gives each component its preferred location holding it."""
    preferred = make_location(session, tmp_path / "preferred", priority=10)
    fallback = make_location(session, tmp_path / "fallback", priority=20)
    both = session.create_component(write_file(tmp_path / "a.txt", b"a"))
    fallback.add_component(
        both, session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    )
    only_fallback = session.create_component(
        write_file(tmp_path / "b.txt", b"b"), location=fallback
    )
    nowhere = session.create_component(
        write_file(tmp_path / "c.txt", b"c"), location=None
    )
    assert session.pick_locations([both, only_fallback, nowhere]) == [
        preferred,
        fallback,
        None,
    ]
