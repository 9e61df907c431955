"""Session-level location services: built-in locations, components, availability.

The session's methods of the same names are thin wrappers over these
functions, which take the session as first argument.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any

import ftrack_api
import ftrack_api.symbol
from ftrack_api.accessor.disk import DiskAccessor
from ftrack_api.accessor.server import _ServerAccessor
from ftrack_api.entity.location import (
    OriginLocationMixin,
    ServerLocationMixin,
    UnmanagedLocationMixin,
)
from ftrack_api.structure.entity_id import EntityIdStructure
from ftrack_api.structure.origin import OriginStructure

logger = logging.getLogger(__name__)

#: Component names that ``location="auto"`` sends to ``ftrack.review``.
REVIEW_COMPONENT_NAMES = {"ftrackreview-mp4", "ftrackreview-webm", "ftrackreview-image"}

#: Most ids put in one ``in (...)`` query filter.
_QUERY_BATCH = 500

CONFIGURE_LOCATION_TOPIC = "ftrack.api.session.configure-location"
FILE_TYPE_TOPIC = "ftrack.api.session.get-file-type-from-string"
STORAGE_SCENARIO_TOPIC = "ftrack.storage-scenario.activate"


def configure_locations(session: Any) -> None:
    """Set up the built-in locations, then let plugins configure others.

    Plugins subscribe to ``ftrack.api.session.configure-location``, which is
    published synchronously with ``data={"session": session}``.
    """
    _configure_builtin(
        session,
        "ftrack.origin",
        ftrack_api.symbol.ORIGIN_LOCATION_ID,
        OriginLocationMixin,
        "OriginLocation",
        DiskAccessor(prefix=""),
        OriginStructure(),
        100,
    )
    _configure_builtin(
        session,
        "ftrack.unmanaged",
        ftrack_api.symbol.UNMANAGED_LOCATION_ID,
        UnmanagedLocationMixin,
        "UnmanagedLocation",
        DiskAccessor(prefix=""),
        OriginStructure(),
        90,
    )
    _configure_builtin(
        session,
        "ftrack.review",
        ftrack_api.symbol.REVIEW_LOCATION_ID,
        UnmanagedLocationMixin,
        "UnmanagedLocation",
        DiskAccessor(prefix=""),
        OriginStructure(),
        110,
    )
    _configure_builtin(
        session,
        "ftrack.server",
        ftrack_api.symbol.SERVER_LOCATION_ID,
        ServerLocationMixin,
        "ServerLocation",
        _ServerAccessor(session),
        EntityIdStructure(),
        150,
    )
    _activate_storage_scenario(session)
    _publish_synchronously(session, CONFIGURE_LOCATION_TOPIC, {"session": session})


def _configure_builtin(
    session: Any,
    name: str,
    identifier: str,
    mixin: type,
    class_name: str,
    accessor: Any,
    structure: Any,
    priority: float,
) -> Any:
    location = session.create(
        "Location", {"name": name, "id": identifier}, reconstructing=True
    )
    ftrack_api.mixin(location, mixin, name=class_name)
    location.accessor = accessor
    location.structure = structure
    location.priority = priority
    return location


def _activate_storage_scenario(session: Any) -> None:
    information = getattr(session, "server_information", None) or {}
    scenario = information.get("storage_scenario") or {}
    if isinstance(scenario, dict) and scenario.get("scenario"):
        _publish_synchronously(
            session, STORAGE_SCENARIO_TOPIC, {"storage_scenario": scenario}
        )


def _publish_synchronously(session: Any, topic: str, data: dict[str, Any]) -> list[Any]:
    from ftrack_api.event.base import Event

    hub = getattr(session, "event_hub", None)
    if hub is None:
        return []
    return list(hub.publish(Event(topic=topic, data=data), synchronous=True) or [])


def create_component(
    session: Any, path: str, data: dict[str, Any] | None = None, location: Any = "auto"
) -> Any:
    """Create a file or sequence component from *path* and add it to *location*.

    *path* is a file, or a sequence in clique's format
    (``/shots/plate.%04d.exr [1001-1100]``). With ``location="auto"`` the
    location comes from :func:`pick_location` (``ftrack.review`` for review
    component names); with ``None`` the component stays in ``ftrack.origin``.
    """
    import clique

    data = dict(data or {})
    if location == "auto":
        location = _auto_location(session, data)
    try:
        collection = clique.parse(path)
    except ValueError:
        return _create_file_component(session, path, data, location)
    return _create_sequence_component(session, collection, data, location)


def _auto_location(session: Any, data: dict[str, Any]) -> Any:
    if data.get("name") in REVIEW_COMPONENT_NAMES:
        return session.get("Location", ftrack_api.symbol.REVIEW_LOCATION_ID)
    return pick_location(session)


def _origin(session: Any) -> Any:
    return session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)


def _file_type(session: Any, path: str) -> str:
    for result in _publish_synchronously(session, FILE_TYPE_TOPIC, {"file_path": path}):
        if result:
            return str(result)
    return os.path.splitext(path)[-1]


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _create_file_component(
    session: Any, path: str, data: dict[str, Any], location: Any
) -> Any:
    data.setdefault("file_type", _file_type(session, path))
    if "size" not in data:
        data["size"] = _file_size(path)
    component = session.create("FileComponent", data)
    origin = _origin(session)
    origin.add_component(component, path, recursive=False)
    if location is not None:
        location.add_component(component, origin, recursive=False)
    return component


def _create_sequence_component(
    session: Any, collection: Any, data: dict[str, Any], location: Any
) -> Any:
    container_path = collection.format("{head}{padding}{tail}")
    indexes = sorted(collection.indexes)
    member_paths = list(collection)
    file_type = data.setdefault("file_type", _file_type(session, container_path))
    data.setdefault("padding", collection.padding)
    sizes = _member_sizes(member_paths, data.get("size"))
    data.setdefault("size", sum(sizes))

    container = session.create("SequenceComponent", data)
    origin = _origin(session)
    origin.add_component(container, container_path, recursive=False)
    members = []
    for index, size in zip(indexes, sizes, strict=True):
        name = f"%0{collection.padding}d" % index if collection.padding else str(index)
        member = session.create(
            "FileComponent",
            {
                "name": name,
                "container": container,
                "size": size,
                "file_type": file_type,
            },
        )
        members.append(member)
    origin.add_components(members, member_paths, recursive=False)
    _attach_members(session, container, members)
    if location is not None:
        location.add_component(container, origin, recursive=True)
    return container


def _member_sizes(paths: list[str], total: int | None) -> list[int]:
    if total is None:
        return [_file_size(path) for path in paths]
    share = int(round(total / len(paths))) if paths else 0
    return [share] * len(paths)


def _attach_members(session: Any, container: Any, members: list[Any]) -> None:
    """Show the members in the container's collection without extra operations.

    Each member's ``container`` already records the relation for the server.
    """
    with session.operation_recording(False):
        collection = container["members"]
        for member in members:
            if member not in collection:
                collection.append(member)


def pick_location(session: Any, component: Any = None) -> Any:
    """Return the preferred configured location (for *component* when given)."""
    if component is not None:
        return pick_locations(session, [component])[0]
    candidates = _configured_locations(session)
    return candidates[0] if candidates else None


def pick_locations(session: Any, components: Sequence[Any]) -> list[Any]:
    """Return, per component, the preferred configured location holding it."""
    candidates = _configured_locations(session)
    availabilities = get_component_availabilities(
        session, components, locations=candidates
    )
    picked = []
    for availability in availabilities:
        chosen = None
        for location in candidates:
            if availability.get(location["id"], 0) > 0:
                chosen = location
                break
        picked.append(chosen)
    return picked


def _configured_locations(session: Any) -> list[Any]:
    locations = [
        location
        for location in session.query("Location").all()
        if getattr(location, "accessor", ftrack_api.symbol.NOT_SET)
    ]
    return sorted(locations, key=lambda location: location.priority)


def get_component_availability(
    session: Any, component: Any, locations: Sequence[Any] | None = None
) -> dict[str, float]:
    """Return ``{location id: percent of component present}``."""
    return get_component_availabilities(session, [component], locations)[0]


def get_component_availabilities(
    session: Any, components: Sequence[Any], locations: Sequence[Any] | None = None
) -> list[dict[str, float]]:
    """Return, per component, ``{location id: percent present}`` (0 to 100).

    A file is 0 or 100; a container is the mean of its members. Locations
    default to every location; the origin's in-memory registrations count as
    absent, as in the official client.
    """
    if locations is None:
        locations = session.query("Location").all()
    location_ids = [location["id"] for location in locations]
    components = list(components)
    members = _load_members(session, components)
    every_id = _all_ids(components, members)
    registrations = _load_registrations(session, every_id, set(location_ids))

    def availability(component_id: str, location_id: str) -> float:
        member_ids = members.get(component_id)
        if member_ids:
            shares = [availability(member, location_id) for member in member_ids]
            return sum(shares) / len(shares)
        return 100.0 if location_id in registrations.get(component_id, ()) else 0.0

    return [
        {
            location_id: min(
                100.0, max(0.0, round(availability(c["id"], location_id), 9))
            )
            for location_id in location_ids
        }
        for c in components
    ]


def _load_members(session: Any, components: list[Any]) -> dict[str, list[str]]:
    """Return member ids by container id, through nested containers."""
    members: dict[str, list[str]] = {}
    pending = [c["id"] for c in components if "members" in c.keys()]
    while pending:
        found = []
        for batch in _batches(pending):
            for member in session.query(
                "select id, container_id from Component where container_id in "
                f"({_quoted(batch)})"
            ):
                members.setdefault(member["container_id"], []).append(member["id"])
                if "members" in member.keys():
                    found.append(member["id"])
        pending = [identifier for identifier in found if identifier not in members]
    return members


def _all_ids(components: list[Any], members: dict[str, list[str]]) -> list[str]:
    identifiers = {component["id"] for component in components}
    for member_ids in members.values():
        identifiers.update(member_ids)
    return sorted(identifiers)


def _load_registrations(
    session: Any, component_ids: list[str], location_ids: set[str]
) -> dict[str, set[str]]:
    """Return the location ids holding each component, among *location_ids*."""
    registrations: dict[str, set[str]] = {}
    for batch in _batches(component_ids):
        for registration in session.query(
            "select component_id, location_id from ComponentLocation where "
            f"component_id in ({_quoted(batch)})"
        ):
            if registration["location_id"] in location_ids:
                registrations.setdefault(registration["component_id"], set()).add(
                    registration["location_id"]
                )
    return registrations


def _batches(identifiers: list[str]) -> list[list[str]]:
    return [
        identifiers[start : start + _QUERY_BATCH]
        for start in range(0, len(identifiers), _QUERY_BATCH)
    ]


def _quoted(identifiers: list[str]) -> str:
    return ", ".join(f'"{identifier}"' for identifier in identifiers)
