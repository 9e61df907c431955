"""The ``ftrack-api publish`` command: publish files as a new asset version.

It creates (or reuses) a project, sequence, shot, task and asset, creates a
new version, turns each path into a component (a file, or an image sequence
in clique notation), transfers the data into a disk location with a progress
bar, and reports where each component now lives, its availability in every
location and the ``ftrack.location.component-added`` events received.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.cli import _common
from ftrack_api.cli._progress import ProgressBar, format_size

if TYPE_CHECKING:
    from ftrack_api.session import Session

logger = logging.getLogger(__name__)

#: Topic of the event a location publishes for each component added to it.
COMPONENT_ADDED_TOPIC = "ftrack.location.component-added"

#: Structure names accepted by ``--structure``, with the class each picks.
STRUCTURES = {
    "standard": "ftrack_api.structure.standard:StandardStructure",
    "id": "ftrack_api.structure.id:IdStructure",
    "entity-id": "ftrack_api.structure.entity_id:EntityIdStructure",
}

#: How many component-added events of the target location the report lists.
EVENTS_LISTED = 5

#: Seconds to wait for the component-added events after the transfer.
EVENT_WAIT_SECONDS = 5.0

_SEQUENCE_MARKERS = re.compile(r"%\d*d|\[")

EXAMPLES = """\
examples:
  ftrack-api publish
      publish a generated 10-frame PNG sequence
  ftrack-api publish '/shots/plate.%04d.exr [1001-1100]' /shots/review.mov
      publish an image sequence (quoted as one argument) and a movie
  ftrack-api publish --structure id --location my.disk --root /mnt/store a.exr
"""


@dataclass
class Source:
    """One component to publish: a file or an image sequence on disk."""

    path: str
    name: str
    files: list[str] = field(default_factory=list)
    ranges: str = ""

    @property
    def size(self) -> int:
        """Return the total size in bytes of the files."""
        return sum(os.path.getsize(path) for path in self.files)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``publish`` parser to *subparsers*."""
    parser = subparsers.add_parser(
        "publish",
        help="publish files or image sequences as a new asset version",
        description=(
            "Publish files as components of a new asset version, transferring "
            "them into a disk location. With no PATH, a small generated image "
            "sequence is published."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=(
            "a file, or an image sequence in clique notation quoted as one "
            "argument, e.g. '/path/plate.%%04d.exr [1001-1100]'"
        ),
    )
    _common.add_server_argument(parser)
    _add_location_arguments(parser)
    _add_context_arguments(parser)
    parser.set_defaults(run=run)
    return parser


def _add_location_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("location")
    group.add_argument(
        "--location",
        default="studio.disk",
        metavar="NAME",
        help="name of the disk location to publish into (default: %(default)s)",
    )
    group.add_argument(
        "--root",
        metavar="FOLDER",
        help="folder the location stores data in (default: locations/NAME/ID "
        "in the user data folder, ID being the location's id in the database "
        "used, so each database or server gets its own folder)",
    )
    group.add_argument(
        "--structure",
        choices=sorted(STRUCTURES),
        default="standard",
        help="how paths inside the location are built (default: %(default)s)",
    )
    group.add_argument(
        "--no-progress", action="store_true", help="do not draw a progress bar"
    )


def _add_context_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where to publish (created when missing)")
    defaults = {
        "project": "demo",
        "sequence": "sq010",
        "shot": "sh0010",
        "task": "compositing",
        "asset": "plate",
    }
    for name, default in defaults.items():
        group.add_argument(
            f"--{name}",
            default=default,
            metavar="NAME",
            help=f"{name} name (default: %(default)s)",
        )
    group.add_argument("--comment", default="", help="comment of the new version")


def run(arguments: argparse.Namespace) -> int:
    """Publish the paths in *arguments*; return the exit status."""
    try:
        _check_names(arguments)
        with contextlib.ExitStack() as stack:
            paths = arguments.paths or [_generated_sequence(stack)]
            sources = _unique_names([parse_source(path) for path in paths])
            session = stack.enter_context(_common.open_session(arguments.server))
            publish(session, arguments, sources, sys.stdout)
    except _common.CommandError as error:
        return _common.report_error("publish", error)
    except ftrack_api.exception.Error as error:
        return _common.report_error("publish", _common.CommandError(str(error)))
    return 0


def _generated_sequence(stack: contextlib.ExitStack) -> str:
    from ftrack_api.cli._samples import write_image_sequence

    folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    return write_image_sequence(folder)


def _check_names(arguments: argparse.Namespace) -> None:
    for option in ("project", "sequence", "shot", "task", "asset", "location"):
        value = getattr(arguments, option)
        if not value or '"' in value or "\\" in value:
            raise _common.InputError(
                f"--{option} must be a non-empty name without quotes or "
                f"backslashes, not {value!r}."
            )


def parse_source(text: str) -> Source:
    """Return the :class:`Source` that a command-line *text* names.

    Raise :class:`~ftrack_api.cli._common.InputError` for a missing file, a
    folder, a malformed sequence pattern or missing sequence members.
    """
    if os.path.isfile(text):
        name = os.path.splitext(os.path.basename(text))[0]
        return Source(path=text, name=name or "file", files=[text])
    if os.path.isdir(text):
        raise _common.InputError(f"{text!r} is a folder; give files or sequences.")
    if not _SEQUENCE_MARKERS.search(text):
        raise _common.InputError(f"No such file: {text!r}.")
    return _parse_sequence(text)


def _parse_sequence(text: str) -> Source:
    import clique

    try:
        collection = clique.parse(text)
    except ValueError as error:
        raise _common.InputError(
            f"Bad image sequence pattern {text!r}: expected clique notation such "
            "as '/path/plate.%04d.exr [1001-1100]'."
        ) from error
    files = list(collection)
    if not files:
        raise _common.InputError(f"The image sequence {text!r} has no frames.")

    missing = [path for path in files if not os.path.isfile(path)]
    if missing:
        shown = ", ".join(repr(path) for path in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise _common.InputError(
            f"Missing frames of the sequence {text!r}: {shown}{more}."
        )
    name = os.path.basename(collection.head).rstrip("._- ") or "sequence"
    return Source(
        path=text, name=name, files=files, ranges=collection.format("{ranges}")
    )


def _unique_names(sources: list[Source]) -> list[Source]:
    seen: dict[str, int] = {}
    for source in sources:
        count = seen.get(source.name, 0) + 1
        seen[source.name] = count
        if count > 1:
            source.name = f"{source.name}_{count}"
    return sources


def publish(
    session: Session,
    arguments: argparse.Namespace,
    sources: list[Source],
    output: Any,
) -> None:
    """Publish *sources* as a new version and print the report on *output*."""
    events = _EventRecorder(session)
    location = ensure_location(
        session, arguments.location, arguments.root, arguments.structure
    )
    version = create_version(session, arguments)
    progress = ProgressBar(
        sum(source.size for source in sources), enabled=not arguments.no_progress
    )
    components: list[Any] = []
    try:
        _transfer(session, version, sources, location, progress, components)
    except _common.CommandError as error:
        progress.finish()
        outcome = _roll_back(session, version, components, location)
        raise _common.CommandError(f"{error} {outcome}") from error
    except BaseException:
        progress.finish()
        _roll_back(session, version, components, location)
        raise
    progress.finish()

    try:
        # Each component is added to the origin location first, then the target.
        events.wait_for(2 * sum(1 + len(_members(c)) for c in components))
        _report(session, version, sources, components, location, events, output)
    except KeyboardInterrupt:
        print(
            f"\n{_published_line(version, location)} Interrupted before the end "
            "of the report; the version is complete.",
            file=output,
        )
        raise


def ensure_location(
    session: Session, name: str, root: str | None, structure: str
) -> Any:
    """Return the location *name*, created if missing, set up on disk at *root*."""
    import ftrack_api.accessor.disk

    location: Any = _ensure_location_entity(session, name)
    folder = Path(root) if root else default_location_root(location)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _common.CommandError(
            f"Cannot create the location folder {str(folder)!r}: {error}"
        ) from error

    location.accessor = ftrack_api.accessor.disk.DiskAccessor(prefix=str(folder))
    location.structure = _structure(structure)
    location.priority = 1
    return location


def _ensure_location_entity(session: Session, name: str) -> Any:
    """Return the Location *name*, created if missing, even when racing."""
    try:
        return session.ensure("Location", {"name": name})
    except ftrack_api.exception.ServerError as error:
        if "DuplicateEntryError" not in str(error):
            raise
        session.rollback()
        return session.ensure("Location", {"name": name})


def default_location_root(location: Any) -> Path:
    """Return the default folder of *location*: ``locations/NAME/ID``.

    The id is the location's in the database the session uses, so two
    databases (the default one, a ``serve``, a PostgreSQL one) never share a
    folder, and their versions never collide on disk.
    """
    return _common.data_folder() / "locations" / location["name"] / location["id"]


def _structure(name: str) -> Any:
    import importlib

    module_name, class_name = STRUCTURES[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)()


def create_version(session: Session, arguments: argparse.Namespace) -> Any:
    """Create a new version under the project, shot, task and asset named."""
    schema = session.query("ProjectSchema").first()
    project = _find_or_create(
        session,
        f'Project where name is "{arguments.project}"',
        "Project",
        {
            "name": arguments.project,
            "full_name": arguments.project,
            "project_schema": schema,
        },
    )
    sequence = _find_child(session, "Sequence", arguments.sequence, project)
    shot = _find_child(session, "Shot", arguments.shot, sequence)
    task = _find_child(session, "Task", arguments.task, shot)
    asset = _find_or_create(
        session,
        f'Asset where name is "{arguments.asset}" and context_id is "{shot["id"]}"',
        "Asset",
        {"name": arguments.asset, "parent": shot, "type": _asset_type(session)},
    )
    version = session.create(
        "AssetVersion", {"asset": asset, "task": task, "comment": arguments.comment}
    )
    session.commit()
    return version


def _find_child(session: Session, entity_type: str, name: str, parent: Any) -> Any:
    expression = (
        f'{entity_type} where name is "{name}" and parent_id is "{parent["id"]}"'
    )
    return _find_or_create(
        session, expression, entity_type, {"name": name, "parent": parent}
    )


def _find_or_create(
    session: Session, expression: str, entity_type: str, data: dict[str, Any]
) -> Any:
    """Return the entity *expression* finds, else create and commit it.

    A concurrent publish may create the same context first: the server then
    refuses ours as a duplicate, and the one it holds is used instead.
    """
    found = session.query(expression).first()
    if found is not None:
        return found
    entity = session.create(entity_type, data)
    try:
        session.commit()
    except ftrack_api.exception.ServerError as error:
        if "DuplicateEntryError" not in str(error):
            raise
        session.rollback()
        found = session.query(expression).first()
        if found is None:
            raise
        return found
    return entity


def _asset_type(session: Session) -> Any:
    return session.query('AssetType where short is "img"').first()


def _transfer(
    session: Session,
    version: Any,
    sources: list[Source],
    location: Any,
    progress: ProgressBar,
    components: list[Any],
) -> None:
    """Publish each source into *location*, appending to *components* as it goes.

    Raise :exc:`~ftrack_api.cli._common.CommandError` naming the source that
    failed; the location has already removed what it copied for that one.
    """
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)
    for source in sources:
        try:
            component = session.create_component(
                source.path,
                data={"name": source.name, "version": version},
                location=None,
            )
            location.add_component(
                component, origin, progress_callback=progress.component_progress
            )
        except Exception as error:
            raise _transfer_error(source, location, error) from error
        components.append(component)


def _roll_back(
    session: Session, version: Any, components: list[Any], location: Any
) -> str:
    """Remove the new version and what was published of it; return what happened.

    A publish is all or nothing: the components already in *location* lose
    their data and registrations, then they and the version are deleted.
    """
    label = f"v{version['version']:03d} (AssetVersion {version['id']})"
    try:
        session.rollback()
        for component in components:
            location.remove_component(component)
        for component in reversed(components):
            session.delete(component)
        session.delete(version)
        session.commit()
    except Exception as error:
        logger.debug("Could not roll back the new version.", exc_info=True)
        names = ", ".join(repr(component["name"]) for component in components)
        kept = f" with the components {names}" if names else " with no components"
        return f"Could not remove the new version ({error}); {label} was kept{kept}."
    return f"Nothing was published: {label} was removed."


def _transfer_error(source: Source, location: Any, error: Exception) -> Exception:
    if _errno_in_chain(error) == errno.ENOSPC:
        return _common.CommandError(
            f"No space left on the device of location {location['name']!r} while "
            f"publishing {source.path!r}; its partial files were removed."
        )
    return _common.CommandError(
        f"Could not publish {source.path!r} to {location['name']!r}: {error}"
    )


def _errno_in_chain(error: BaseException | None) -> int | None:
    """Return the first ``errno`` of *error* or the errors it was raised from."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno is not None:
            return error.errno
        error = error.__cause__ or error.__context__
    return None


def _members(component: Any) -> list[Any]:
    if "members" not in component.keys():
        return []
    return list(component["members"])


class _EventRecorder:
    """Collect the component-added events that reach this session."""

    def __init__(self, session: Session) -> None:
        self.hub = session.event_hub
        self.events: list[Any] = []
        self.error: str | None = None
        try:
            if not self.hub.connected:
                self.hub.connect()
            self.hub.subscribe(f"topic={COMPONENT_ADDED_TOPIC}", self.events.append)
        except Exception as error:
            self.error = str(error)

    def wait_for(self, count: int) -> None:
        """Process incoming events until *count* arrived or a timeout."""
        if self.error is not None:
            return
        deadline = time.monotonic() + EVENT_WAIT_SECONDS
        while len(self.events) < count and time.monotonic() < deadline:
            self.hub.wait(0.1)


def _report(
    session: Session,
    version: Any,
    sources: list[Source],
    components: list[Any],
    location: Any,
    events: _EventRecorder,
    output: Any,
) -> None:
    names = {item["id"]: item["name"] for item in session.query("Location").all()}
    print(_published_line(version, location), file=output)
    for source, component in zip(sources, components, strict=True):
        _report_component(session, source, component, location, names, output)
    _report_events(events, names, location, output)


def _published_line(version: Any, location: Any) -> str:
    """Return the sentence saying which version went into *location*."""
    return (
        f"Published {version['asset']['name']} v{version['version']:03d} "
        f"(AssetVersion {version['id']}) into {location['name']}."
    )


def _report_component(
    session: Session,
    source: Source,
    component: Any,
    location: Any,
    names: dict[str, str],
    output: Any,
) -> None:
    kind = component.entity_type
    files = len(source.files)
    count = f", {files} file{'' if files == 1 else 's'}" if source.ranges else ""
    print(
        f"\n{kind} {component['name']!r} ({format_size(source.size)}{count})",
        file=output,
    )
    print(f"  lives at:     {_where(location, component, source)}", file=output)
    availability = session.get_component_availability(component)
    shown = ", ".join(
        f"{names.get(location_id, location_id)} {percent:g}%"
        for location_id, percent in sorted(
            availability.items(), key=lambda item: (-item[1], names.get(item[0], ""))
        )
    )
    print(f"  availability: {shown}", file=output)


def _where(location: Any, component: Any, source: Source) -> str:
    """Return where the data of *component* really is in *location*.

    A sequence shows as the pattern of its members' paths with the frame
    ranges; when the structure names members without a common pattern
    (``entity-id``), as the first member's path and the count of the rest.
    """
    members = _members(component)
    if not members:
        return _path_of(location, component)
    import clique

    paths = sorted(_paths_of(location, members))
    pattern = f"{_path_of(location, component)} [{source.ranges}]"
    with contextlib.suppress(ValueError):
        if sorted(clique.parse(pattern)) == paths:
            return pattern
    collections, remainder = clique.assemble(paths)
    if len(collections) == 1 and not remainder:
        return str(collections[0].format("{head}{padding}{tail} [{ranges}]"))
    more = len(paths) - 1
    return f"{paths[0]} and {more} more member file{'' if more == 1 else 's'}"


def _path_of(location: Any, component: Any) -> str:
    try:
        return str(location.get_filesystem_path(component))
    except Exception:
        return str(location.get_resource_identifier(component))


def _paths_of(location: Any, components: list[Any]) -> list[str]:
    try:
        return [str(path) for path in location.get_filesystem_paths(components)]
    except Exception:
        return [str(path) for path in location.get_resource_identifiers(components)]


def _report_events(
    events: _EventRecorder, names: dict[str, str], location: Any, output: Any
) -> None:
    if events.error is not None:
        print(f"\nEvents: not available ({events.error})", file=output)
        return
    per_location: dict[str, list[Any]] = {}
    for event in events.events:
        location_id = event["data"].get("location_id")
        per_location.setdefault(names.get(location_id, location_id), []).append(event)
    counts = ", ".join(
        f"{len(found)} for {name}" for name, found in sorted(per_location.items())
    )
    print(
        f"\nEvents received: {len(events.events)} {COMPONENT_ADDED_TOPIC}"
        + (f" ({counts})" if counts else ""),
        file=output,
    )
    shown = per_location.get(location["name"], [])
    for event in shown[:EVENTS_LISTED]:
        component_id = event["data"].get("component_id")
        print(f"  component {component_id} -> {location['name']}", file=output)
    if len(shown) > EVENTS_LISTED:
        print(f"  ... and {len(shown) - EVENTS_LISTED} more", file=output)
