"""The locations tutorial (tests/data/locations_tutorial.txt), run as written.

Each step below is the tutorial's code, in its order, with the lines lost in
extraction restored (closing parentheses, ``.one()``, the ``ensure`` call,
the accessor prefix, the removal, path and availability calls and the event
subscriptions). The session runs on the embedded backend; the components are
real files, including the sample movie and a 100-frame image sequence under a
non-ASCII folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.event.helpers import wait_until

TUTORIAL = Path(__file__).parent / "data" / "locations_tutorial.txt"


@pytest.fixture
def environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: Path
) -> dict[str, Any]:
    """Point FTRACK_SERVER at a fresh embedded backend and prepare media."""
    monkeypatch.setenv("FTRACK_SERVER", f"sqlite:///{tmp_path / 'studio.db'}")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    movie = tmp_path / "media" / "colour_wheel.mov"
    movie.parent.mkdir()
    shutil.copy(reference / "media" / "colour_wheel.mov", movie)
    plates = tmp_path / "Noël"
    plates.mkdir()
    for frame in range(1001, 1101):
        (plates / f"プレート.{frame:04d}.exr").write_bytes(os.urandom(2048))
    return {
        "movie": str(movie),
        "sequence": str(plates / "プレート.%04d.exr [1001-1100]"),
    }


def test_tutorial_text_still_has_the_steps_we_run() -> None:
    """The tutorial's headings are those the integration test follows."""
    text = TUTORIAL.read_text(encoding="utf-8")
    for heading in (
        "Creating locations",
        "Retrieving locations",
        "Configuring locations",
        "Using components with locations",
        "Accessing paths",
        "Obtaining component availability",
        "Location events",
    ):
        assert f"\n{heading}\n" in text


def test_locations_tutorial_runs_as_written(environment: dict[str, Any]) -> None:
    """Every step of the locations tutorial works on the embedded backend."""
    import ftrack_api

    session = ftrack_api.Session()
    try:
        run_tutorial(session, environment)
    finally:
        session.close()


def run_tutorial(session: Any, environment: dict[str, Any]) -> None:
    """Run the tutorial's code against *session*, checking each outcome."""
    import ftrack_api.symbol

    events = subscribe_to_location_events(session)

    # Creating locations
    location = session.create("Location", dict(name="my.location"))
    session.commit()
    location = session.ensure("Location", dict(name="my.location"))
    assert session.query('Location where name is "my.location"').all() == [location]

    # Retrieving locations
    location_by_id = session.get("Location", location["id"])
    location_by_name = session.query('Location where name is "my.location"').one()
    assert location_by_id is location_by_name is location
    assert session.get("Location", "unique-id") is None
    all_locations = session.query("Location").all()
    names = []
    for existing_location in all_locations:
        names.append(existing_location["name"])
    assert {"ftrack.origin", "ftrack.unmanaged", "ftrack.server", "my.location"} <= set(
        names
    )

    # Configuring locations
    import tempfile

    import ftrack_api.accessor.disk
    import ftrack_api.structure.id

    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=tempfile.mkdtemp())
    location.structure = ftrack_api.structure.id.IdStructure()
    location.priority = 30

    # Using components with locations
    (_, component_path) = tempfile.mkstemp(suffix=".txt")
    component_a = session.create_component(path=component_path)
    assert session.pick_location(component_a) is location

    (_, component_path) = tempfile.mkstemp(suffix=".txt")
    component_b = session.create_component(path=component_path, location=location)

    (_, component_path) = tempfile.mkstemp(suffix=".txt")
    component_c = session.create_component(path=component_path, location=None)
    assert set(component_c.get_availability().values()) == {0.0}

    origin_location = session.query('Location where name is "ftrack.origin"').one()
    location.add_component(component_c, origin_location)

    location.remove_component(component_b)
    assert location.get_component_availability(component_b) == 0.0

    # The tutorial's media: a movie and a 100-frame sequence.
    movie = session.create_component(path=environment["movie"], location=location)
    sequence = session.create_component(path=environment["sequence"], location=location)
    assert len(sequence["members"]) == 100
    movie_path = location.get_filesystem_path(movie)
    assert Path(movie_path).read_bytes() == Path(environment["movie"]).read_bytes()

    import ftrack_api.entity.location

    ftrack_api.mixin(location, ftrack_api.entity.location.UnmanagedLocationMixin)
    (_, component_path) = tempfile.mkstemp(suffix=".txt")
    component_d = session.create_component(path=component_path, location=location)
    assert not os.path.exists(location.get_filesystem_path(component_d))

    # Accessing paths
    path = location.get_filesystem_path(component_c)
    assert path.startswith(location.accessor.prefix) and os.path.isfile(path)

    # Obtaining component availability
    availability = session.get_component_availability(component_c)
    assert availability[location["id"]] == 100.0
    assert component_c.get_availability()[location["id"]] == 100.0
    assert location.get_component_availability(component_c) == 100.0
    assert location.get_component_availability(sequence) == 100.0

    # Location events
    def added() -> set[str]:
        return {
            data["component_id"]
            for topic, data in events
            if topic == ftrack_api.symbol.COMPONENT_ADDED_TO_LOCATION_TOPIC
            and data["location_id"] == location["id"]
        }

    def removed() -> set[str]:
        return {
            data["component_id"]
            for topic, data in events
            if topic == ftrack_api.symbol.COMPONENT_REMOVED_FROM_LOCATION_TOPIC
        }

    expected_added = {component_a["id"], component_b["id"], component_c["id"]}
    wait_until(session.event_hub, lambda: expected_added <= added() and removed())
    assert removed() == {component_b["id"]}


def subscribe_to_location_events(session: Any) -> list[tuple[str, dict[str, Any]]]:
    """Subscribe to both location topics, as the tutorial's last section shows."""
    import ftrack_api.symbol

    received: list[tuple[str, dict[str, Any]]] = []

    def callback(event: Any) -> None:
        received.append((event["topic"], dict(event["data"])))

    session.event_hub.connect()
    session.event_hub.subscribe(
        f"topic={ftrack_api.symbol.COMPONENT_ADDED_TO_LOCATION_TOPIC}", callback
    )
    session.event_hub.subscribe(
        f"topic={ftrack_api.symbol.COMPONENT_REMOVED_FROM_LOCATION_TOPIC}", callback
    )
    return received
