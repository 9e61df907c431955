"""The Location entity: where component data lives, and how it gets there.

A location is an ordinary entity on the server. In a session it becomes
usable for data once it is *configured*: given an :attr:`Location.accessor`
(how to read and write bytes), a :attr:`Location.structure` (where each
component goes) and a :attr:`Location.priority` (lower is preferred). Mixins,
applied per instance with :func:`ftrack_api.mixin`, change how a location
manages data (:class:`UnmanagedLocationMixin`) or registrations
(:class:`MemoryLocationMixin`).
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ftrack_api.data
import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.entity.base import Entity
from ftrack_api.symbol import NOT_SET

logger = logging.getLogger(__name__)

#: Called while data is copied, with the component, the bytes copied so far
#: and the component's size (``None`` when unknown).
ProgressCallback = Callable[[Any, int, "int | None"], None]

#: Most ids put in one ``in (...)`` query filter.
_QUERY_BATCH = 500


class Location(Entity):
    """A place that holds component data, as an entity of the session."""

    def __init__(
        self,
        session: Any,
        data: dict[str, Any] | None = None,
        reconstructing: bool = False,
    ) -> None:
        """Build the location entity, unconfigured (no accessor or structure)."""
        self.accessor: Any = NOT_SET
        self.structure: Any = NOT_SET
        self.resource_identifier_transformer: Any = NOT_SET
        self.priority: float = 95
        super().__init__(session, data=data, reconstructing=reconstructing)

    def __str__(self) -> str:
        text = super().__str__()
        with self.session.auto_populating(False):
            name = self["name"]
        if name is NOT_SET:
            return text
        return text.replace("(", f'("{name}", ', 1)

    def add_component(
        self,
        component: Any,
        source: Any,
        recursive: bool = True,
        progress_callback: ProgressCallback | None = None,
    ) -> None:
        """Copy *component*'s data from the location *source* here and register it.

        See :meth:`add_components`.
        """
        self.add_components(
            [component],
            source,
            recursive=recursive,
            progress_callback=progress_callback,
        )

    def add_components(
        self,
        components: Sequence[Any],
        sources: Any,
        recursive: bool = True,
        progress_callback: ProgressCallback | None = None,
    ) -> None:
        """Copy the data of *components* from *sources* here, then register them.

        *sources* is one location for all, or one per component. Containers
        bring their members when *recursive*. Data moves through the two
        accessors in chunks; the registrations (``ComponentLocation``) are
        committed together at the end. If anything fails, the data written so
        far is removed, nothing is registered and :exc:`LocationError` names
        the component and the reason.

        *progress_callback* is called as ``progress_callback(component,
        bytes_copied, component_size)`` while each file is copied.

        Raise :exc:`ComponentInLocationError` when any of them is already
        here.
        """
        components = list(components)
        pairs = self._expand(
            components, _normalise_sources(components, sources), recursive
        )
        if self.structure is NOT_SET:
            raise ftrack_api.exception.LocationError(
                f"Location {self['name']!r} has no structure configured; set "
                "location.structure before adding components."
            )
        if not pairs:
            return

        everything = [component for component, _ in pairs]
        present = self._registered_resource_identifiers(everything)
        if present:
            raise ftrack_api.exception.ComponentInLocationError(
                [component for component in everything if component["id"] in present],
                self,
            )

        transfer = _Transfer(self)
        resource_identifiers = self._transfer_all(pairs, transfer, progress_callback)
        self._register_or_undo(everything, resource_identifiers, transfer)
        self._publish(ftrack_api.symbol.COMPONENT_ADDED_TO_LOCATION_TOPIC, everything)

    def _expand(
        self, components: list[Any], sources: list[Any], recursive: bool
    ) -> list[tuple[Any, Any]]:
        """Return (component, source) pairs, each container before its members."""
        pairs: list[tuple[Any, Any]] = []
        for component, source in zip(components, sources, strict=True):
            pairs.append((component, source))
            if recursive and _is_container(component):
                members = list(component["members"])
                pairs.extend(self._expand(members, [source] * len(members), True))
        return pairs

    def _transfer_all(
        self,
        pairs: list[tuple[Any, Any]],
        transfer: _Transfer,
        progress_callback: ProgressCallback | None,
    ) -> list[str]:
        source_identifiers = _source_resource_identifiers(pairs)
        resource_identifiers = []
        component: Any = None
        try:
            for component, source in pairs:
                context = {}
                if component["id"] in source_identifiers:
                    context["source_resource_identifier"] = source_identifiers[
                        component["id"]
                    ]
                resource_identifier = self.structure.get_resource_identifier(
                    component, context
                )
                self._add_data(
                    component,
                    resource_identifier,
                    source,
                    context=context,
                    transfer=transfer,
                    progress_callback=progress_callback,
                )
                resource_identifiers.append(resource_identifier)
            transfer.finish()
        except BaseException as error:
            transfer.undo()
            if not isinstance(error, Exception):
                raise
            reason: Exception = error
            if isinstance(error, _CopyFailed):
                component, reason = error.component, error.error
            raise ftrack_api.exception.LocationError(
                f"Failed to add component {component['id']!r} "
                f"({component['name']!r}) to location {self['name']!r}: "
                f"{str(reason).rstrip('.')}. "
                "Data already copied was removed and nothing was registered."
            ) from reason
        return resource_identifiers

    def _register_or_undo(
        self,
        components: list[Any],
        resource_identifiers: list[str],
        transfer: _Transfer,
    ) -> None:
        encoded = [
            self._encode(resource_identifier, component)
            for component, resource_identifier in zip(
                components, resource_identifiers, strict=True
            )
        ]
        try:
            self._register_components_in_location(components, encoded)
        except BaseException as error:
            transfer.undo()
            if not isinstance(error, Exception):
                raise
            raise ftrack_api.exception.LocationError(
                f"Failed to register {_describe(components)} in location "
                f"{self['name']!r}: {str(error).rstrip('.')}. Their copied data was "
                "removed."
            ) from error

    def _add_data(
        self,
        component: Any,
        resource_identifier: str,
        source: Any,
        context: dict[str, Any] | None = None,
        transfer: _Transfer | None = None,
        progress_callback: ProgressCallback | None = None,
    ) -> None:
        """Copy the data of *component* from *source* to *resource_identifier*."""
        if transfer is None:
            transfer = _Transfer(self)
        _require_accessor(self, "write to")
        _require_accessor(source, "read from")
        if _is_container(component):
            if component.entity_type != "SequenceComponent":
                transfer.make_container(resource_identifier)
            return

        if not getattr(self.accessor, "implicit_containers", False):
            parent = _container_of(self.accessor, resource_identifier)
            if parent:
                transfer.make_container(parent)
        if self.accessor.exists(resource_identifier):
            raise ftrack_api.exception.LocationError(
                f"{resource_identifier!r} already exists in location "
                f"{self['name']!r}; refusing to overwrite it."
            )
        source_identifier = (context or {}).get("source_resource_identifier")
        if source_identifier is None:
            source_identifier = source.get_resource_identifier(component)
        transfer.copy(
            component, source, source_identifier, resource_identifier, progress_callback
        )

    def _register_components_in_location(
        self, components: Sequence[Any], resource_identifiers: Sequence[str]
    ) -> None:
        """Commit pending changes, then create every ``ComponentLocation`` at once.

        The creates go out as one batch (one transaction), skipping the
        per-entity bookkeeping of ``Session.create``: registering a
        1,000-frame sequence costs one round trip.
        """
        self.session.commit()
        operations = [
            _create_registration(component["id"], self["id"], resource_identifier)
            for component, resource_identifier in zip(
                components, resource_identifiers, strict=True
            )
        ]
        if operations:
            self.session.call(operations)

    def remove_component(self, component: Any, recursive: bool = True) -> None:
        """Remove *component*'s data from this location and deregister it."""
        self.remove_components([component], recursive=recursive)

    def remove_components(
        self, components: Sequence[Any], recursive: bool = True
    ) -> None:
        """Remove the data of *components* (members first) and deregister them.

        Raise :exc:`ComponentNotInLocationError` when one is not here.
        """
        components = list(components)
        self._require_registered(components)
        ordered = self._members_first(components, recursive)
        resource_identifiers = self.get_resource_identifiers(ordered)
        for component, resource_identifier in zip(
            ordered, resource_identifiers, strict=True
        ):
            self._remove_data(component, resource_identifier=resource_identifier)
        self._deregister_components_in_location(ordered)
        self._publish(ftrack_api.symbol.COMPONENT_REMOVED_FROM_LOCATION_TOPIC, ordered)

    def _members_first(self, components: list[Any], recursive: bool) -> list[Any]:
        """Return the registered members of containers, then the components."""
        ordered: list[Any] = []
        for component in components:
            if recursive and _is_container(component):
                members = list(component["members"])
                present = self._registered_resource_identifiers(members)
                registered = [member for member in members if member["id"] in present]
                ordered.extend(self._members_first(registered, True))
            ordered.append(component)
        return ordered

    def _remove_data(
        self, component: Any, resource_identifier: str | None = None
    ) -> None:
        """Remove the data of *component* through the accessor."""
        _require_accessor(self, "remove from")
        if resource_identifier is None:
            resource_identifier = self.get_resource_identifier(component)
        try:
            if _is_container(component):
                if component.entity_type != "SequenceComponent":
                    self.accessor.remove_container(resource_identifier)
                return
            self.accessor.remove(resource_identifier)
        except ftrack_api.exception.AccessorResourceNotFoundError:
            logger.warning(
                "Data of component %s was already gone from %s.", component["id"], self
            )

    def _deregister_components_in_location(self, components: Sequence[Any]) -> None:
        """Commit pending changes, then delete the components' registrations at once."""
        self.session.commit()
        operations = []
        for batch in _batches([component["id"] for component in components]):
            for registration in self.session.query(
                "select id from ComponentLocation where location_id is "
                f'"{self["id"]}" and component_id in ({_quoted(batch)})'
            ):
                operations.append(
                    {
                        "action": "delete",
                        "entity_type": "ComponentLocation",
                        "entity_key": [registration["id"]],
                    }
                )
        if operations:
            self.session.call(operations)

    def _deregister_component_in_location(self, component: Any) -> None:
        """Deregister one component (see :meth:`_deregister_components_in_location`)."""
        self._deregister_components_in_location([component])

    def get_component_availability(self, component: Any) -> float:
        """Return the percentage of *component* present here."""
        return self.get_component_availabilities([component])[0]

    def get_component_availabilities(self, components: Sequence[Any]) -> list[float]:
        """Return the percentage of each of *components* present here."""
        availabilities = self.session.get_component_availabilities(
            list(components), locations=[self]
        )
        return [float(availability[self["id"]]) for availability in availabilities]

    def get_resource_identifier(self, component: Any) -> str:
        """Return the resource identifier of *component* in this location."""
        return self.get_resource_identifiers([component])[0]

    def get_resource_identifiers(self, components: Sequence[Any]) -> list[str]:
        """Return the resource identifiers of *components* in this location.

        Raise :exc:`ComponentNotInLocationError` naming those not here.
        """
        components = list(components)
        found = self._require_registered(components)
        return [
            self._decode(found[component["id"]], component) for component in components
        ]

    def _require_registered(self, components: list[Any]) -> dict[str, str]:
        """Return the stored identifiers of *components*; raise if one is not here."""
        found = self._registered_resource_identifiers(components)
        missing = [
            component for component in components if component["id"] not in found
        ]
        if missing:
            raise ftrack_api.exception.ComponentNotInLocationError(missing, self)
        return found

    def _registered_resource_identifiers(
        self, components: Sequence[Any]
    ) -> dict[str, str]:
        """Return stored resource identifiers of those of *components* here, by id."""
        found: dict[str, str] = {}
        identifiers = [component["id"] for component in components]
        for batch in _batches(identifiers):
            for registration in self.session.query(
                "select component_id, resource_identifier from ComponentLocation "
                f'where location_id is "{self["id"]}" and component_id in '
                f"({_quoted(batch)})"
            ):
                found[registration["component_id"]] = registration[
                    "resource_identifier"
                ]
        return found

    def get_filesystem_path(self, component: Any) -> str:
        """Return the filesystem path of *component*'s data here."""
        _require_accessor(self, "get a path from")
        return str(
            self.accessor.get_filesystem_path(self.get_resource_identifier(component))
        )

    def get_filesystem_paths(self, components: Sequence[Any]) -> list[str]:
        """Return the filesystem paths of the data of *components* here."""
        _require_accessor(self, "get a path from")
        return [
            str(self.accessor.get_filesystem_path(resource_identifier))
            for resource_identifier in self.get_resource_identifiers(components)
        ]

    def get_url(self, component: Any) -> str:
        """Return a URL for *component*'s data here."""
        _require_accessor(self, "get a URL from")
        return str(self.accessor.get_url(self.get_resource_identifier(component)))

    def _encode(self, resource_identifier: str, component: Any) -> str:
        transformer = self.resource_identifier_transformer
        if transformer is NOT_SET or transformer is None:
            return resource_identifier
        return str(
            transformer.encode(resource_identifier, context={"component": component})
        )

    def _decode(self, resource_identifier: str, component: Any) -> str:
        transformer = self.resource_identifier_transformer
        if transformer is NOT_SET or transformer is None:
            return resource_identifier
        return str(
            transformer.decode(resource_identifier, context={"component": component})
        )

    def _publish(self, topic: str, components: Iterable[Any]) -> None:
        """Publish *topic* for each component; a missing hub is not an error."""
        from ftrack_api.event.base import Event

        hub = getattr(self.session, "event_hub", None)
        if hub is None:
            return
        for component in components:
            event = Event(
                topic=topic,
                data={"component_id": component["id"], "location_id": self["id"]},
            )
            try:
                hub.publish(event, on_error="ignore")
            except Exception as error:
                logger.debug("Could not publish %s: %s", topic, error)


class MemoryLocationMixin:
    """Keep registrations in this session's memory instead of on the server."""

    @property
    def _memory_registrations(self) -> dict[str, str]:
        registrations: dict[str, str] | None = self.__dict__.get("_registrations")
        if registrations is None:
            registrations = {}
            self.__dict__["_registrations"] = registrations
        return registrations

    def _register_components_in_location(
        self, components: Sequence[Any], resource_identifiers: Sequence[str]
    ) -> None:
        """Remember the resource identifiers, without touching the server."""
        for component, resource_identifier in zip(
            components, resource_identifiers, strict=True
        ):
            self._memory_registrations[component["id"]] = resource_identifier

    def _deregister_components_in_location(self, components: Sequence[Any]) -> None:
        """Forget the registrations of *components*."""
        for component in components:
            self._memory_registrations.pop(component["id"], None)

    def _registered_resource_identifiers(
        self, components: Sequence[Any]
    ) -> dict[str, str]:
        """Return the remembered resource identifiers of *components*, by id."""
        registrations = self._memory_registrations
        return {
            component["id"]: registrations[component["id"]]
            for component in components
            if component["id"] in registrations
        }


class UnmanagedLocationMixin:
    """Register components where their data already is; never move data."""

    def _add_data(
        self, component: Any, resource_identifier: str, source: Any, **kw: Any
    ) -> None:
        """Move nothing: the data stays where it is."""
        return None

    def _remove_data(self, component: Any, **kw: Any) -> None:
        """Delete nothing: the data is not ours."""
        return None


class OriginLocationMixin(MemoryLocationMixin, UnmanagedLocationMixin):
    """The session's origin: sources are file paths, registrations in memory."""

    def _expand(
        self, components: list[Any], sources: list[Any], recursive: bool
    ) -> list[tuple[Any, Any]]:
        """Pair each component with its path; members are added one by one."""
        return list(zip(components, sources, strict=True))

    def _transfer_all(
        self,
        pairs: list[tuple[Any, Any]],
        transfer: Any,
        progress_callback: Any,
    ) -> list[str]:
        """Return the structure's identifier for each path (data stays put)."""
        return [
            self.structure.get_resource_identifier(  # type: ignore[attr-defined]
                component, {"source_resource_identifier": path}
            )
            for component, path in pairs
        ]


class ServerLocationMixin:
    """The ``ftrack.server`` location, which also serves thumbnails."""

    def get_thumbnail_url(self, component: Any, size: int | None = None) -> str:
        """Return the URL of *component*'s thumbnail, *size* pixels wide if given."""
        resource_identifier = self.get_resource_identifier(component)  # type: ignore[attr-defined]
        accessor = self.accessor  # type: ignore[attr-defined]
        return str(accessor.get_thumbnail_url(resource_identifier, size))


class _CopyFailed(Exception):
    """A queued copy failed; carries the component and the original error."""

    def __init__(self, component: Any, error: Exception) -> None:
        super().__init__(str(error))
        self.component = component
        self.error = error


class _Transfer:
    """Copy files into a location and record what was written, to undo it.

    Copies between accessors that allow it (``parallel_transfers`` above one
    on both) run on a small thread pool; the kernel copy releases the GIL, so
    a sequence's frames copy side by side. Progress callbacks may therefore
    come from worker threads.
    """

    def __init__(self, location: Any) -> None:
        self._accessor = location.accessor
        self._written: list[tuple[str, str]] = []
        self._known_containers: set[str] = set()
        self._lock = threading.Lock()
        self._workers = int(getattr(self._accessor, "parallel_transfers", 1) or 1)
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._pending: list[tuple[Any, concurrent.futures.Future[None]]] = []

    def make_container(self, resource_identifier: str) -> None:
        """Create a container and any missing parents, remembering the new ones."""
        if resource_identifier in self._known_containers:
            return
        missing = []
        current: str | None = resource_identifier
        while current and not self._accessor.exists(current):
            missing.append(current)
            current = _container_of(self._accessor, current)
        self._accessor.make_container(resource_identifier, recursive=True)
        with self._lock:
            self._written.extend(("container", path) for path in reversed(missing))
        self._known_containers.add(resource_identifier)

    def copy(
        self,
        component: Any,
        source: Any,
        source_identifier: str,
        resource_identifier: str,
        progress_callback: ProgressCallback | None,
    ) -> None:
        """Copy one file, now or on the pool; :meth:`finish` waits for all."""
        arguments = (component, source, source_identifier, resource_identifier)
        workers = min(
            self._workers, int(getattr(source.accessor, "parallel_transfers", 1) or 1)
        )
        if workers <= 1:
            self._copy_now(*arguments, progress_callback)
            return
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                workers, thread_name_prefix="ftrack-transfer"
            )
        future = self._executor.submit(self._copy_now, *arguments, progress_callback)
        self._pending.append((component, future))

    def _copy_now(
        self,
        component: Any,
        source: Any,
        source_identifier: str,
        resource_identifier: str,
        progress_callback: ProgressCallback | None,
    ) -> None:
        """Copy one file in chunks, remembering it before the first byte."""
        size = _size_of(component)
        progress = None
        if progress_callback is not None:

            def progress(copied: int, total: int | None) -> None:
                progress_callback(component, copied, size)

        with source.accessor.open(source_identifier, "rb") as source_data:
            target_data = self._accessor.open(resource_identifier, "wb")
            with self._lock:
                self._written.append(("file", resource_identifier))
            try:
                ftrack_api.data.copy_data(source_data, target_data, progress, size)
            except BaseException:
                _discard(target_data)
                raise
            target_data.close()

    def finish(self) -> None:
        """Wait for queued copies; raise :exc:`_CopyFailed` for the first failure."""
        failure: _CopyFailed | None = None
        try:
            for component, future in self._pending:
                try:
                    future.result()
                except concurrent.futures.CancelledError:
                    continue
                except Exception as error:
                    if failure is None:
                        failure = _CopyFailed(component, error)
                        self._cancel_pending()
        finally:
            self._stop()
        if failure is not None:
            raise failure

    def _cancel_pending(self) -> None:
        for _, future in self._pending:
            future.cancel()

    def _stop(self) -> None:
        self._pending.clear()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def undo(self) -> None:
        """Stop queued copies, then remove everything written, newest first."""
        self._cancel_pending()
        self._stop()
        for kind, resource_identifier in reversed(self._written):
            try:
                if kind == "file":
                    if self._accessor.exists(resource_identifier):
                        self._accessor.remove(resource_identifier)
                else:
                    self._accessor.remove_container(resource_identifier)
            except Exception as error:
                logger.warning(
                    "Could not remove %s after a failed transfer: %s",
                    resource_identifier,
                    error,
                )
        self._written.clear()


def _discard(data: Any) -> None:
    abort = getattr(data, "abort", None)
    try:
        if abort is not None:
            abort()
        else:
            data.close()
    except Exception as error:
        logger.debug("Ignoring error while discarding partial data: %s", error)


def _create_registration(
    component_id: str, location_id: str, resource_identifier: str
) -> dict[str, Any]:
    """Return the ``create`` action of one ``ComponentLocation``."""
    identifier = str(uuid.uuid4())
    return {
        "action": "create",
        "entity_type": "ComponentLocation",
        "entity_key": [identifier],
        "entity_data": {
            "__entity_type__": "ComponentLocation",
            "id": identifier,
            "component_id": component_id,
            "location_id": location_id,
            "resource_identifier": resource_identifier,
        },
    }


def _describe(components: list[Any]) -> str:
    """Name up to three components, and count the rest."""
    shown = ", ".join(repr(component["id"]) for component in components[:3])
    if len(components) > 3:
        return f"components {shown} and {len(components) - 3} more"
    return f"component(s) {shown}"


def _normalise_sources(components: list[Any], sources: Any) -> list[Any]:
    if isinstance(sources, str) or not isinstance(sources, (list, tuple)):
        sources = [sources]
    if len(sources) == 1:
        return list(sources) * len(components)
    if len(sources) != len(components):
        raise ValueError(
            f"Got {len(sources)} sources for {len(components)} components; give "
            "one source, or one per component."
        )
    return list(sources)


def _source_resource_identifiers(pairs: list[tuple[Any, Any]]) -> dict[str, str]:
    """Return where each component's data is in its source, when known."""
    by_source: dict[int, tuple[Any, list[Any]]] = {}
    for component, source in pairs:
        by_source.setdefault(id(source), (source, []))[1].append(component)
    found: dict[str, str] = {}
    for source, components in by_source.values():
        lookup = getattr(source, "_registered_resource_identifiers", None)
        if lookup is None:
            continue
        stored = lookup(components)
        for component in components:
            if component["id"] in stored:
                found[component["id"]] = source._decode(
                    stored[component["id"]], component
                )
    return found


def _require_accessor(location: Any, action: str) -> None:
    accessor = getattr(location, "accessor", NOT_SET)
    if accessor is NOT_SET or accessor is None:
        raise ftrack_api.exception.LocationError(
            f"Cannot {action} location {location}: it has no accessor configured "
            "in this session."
        )


def _container_of(accessor: Any, resource_identifier: str) -> str | None:
    try:
        container = accessor.get_container(resource_identifier)
    except ftrack_api.exception.AccessorParentResourceNotFoundError:
        return None
    return container or None


def _is_container(component: Any) -> bool:
    return "members" in component.keys()


def _size_of(component: Any) -> int | None:
    size = component.get("size") if "size" in component.keys() else None
    if isinstance(size, int) and size > 0:
        return size
    return None


def _batches(identifiers: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(identifiers), _QUERY_BATCH):
        yield identifiers[start : start + _QUERY_BATCH]


def _quoted(identifiers: list[str]) -> str:
    return ", ".join(f'"{identifier}"' for identifier in identifiers)
