"""The Session: the entry point to an ftrack server or an embedded backend.

``Session`` is a facade. Transports live in :mod:`ftrack_api._transport`,
encoding in :mod:`ftrack_api._encoding`, the identity map merge in
:mod:`ftrack_api._merge`, commit batching in :mod:`ftrack_api._commit`,
schema loading in :mod:`ftrack_api._schemas` and paging in
:mod:`ftrack_api.query`.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ftrack_api._actions
import ftrack_api._commit
import ftrack_api._configuration
import ftrack_api._encoding
import ftrack_api._merge
import ftrack_api._schemas
import ftrack_api._transport
import ftrack_api.cache
import ftrack_api.exception
import ftrack_api.inspection
import ftrack_api.operation
import ftrack_api.query
from ftrack_api._encoding import OperationPayload
from ftrack_api.symbol import CREATED, DELETED, MODIFIED

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity
    from ftrack_api.event.hub import EventHub

__all__ = [
    "AutoPopulatingContext",
    "OperationPayload",
    "OperationRecordingContext",
    "Session",
    "SessionAuthentication",
]

SessionAuthentication = ftrack_api._transport._ApiKeyAuth

#: Seconds :meth:`Session.close` waits for a background hub connection to end
#: before disconnecting; a connection still opening after that is closed by
#: the hub as soon as it opens.
AUTO_CONNECT_JOIN_TIMEOUT = 10.0


class _ThreadFlags(threading.local):
    """Per-thread switches: auto-populate and operation recording."""

    def __init__(self, auto_populate: bool) -> None:
        self.auto_populate = auto_populate
        self.record_operations = True


class _FlagContext:
    """Set one per-thread flag of a session for the duration of a block."""

    flag = ""

    def __init__(self, session: Session, value: bool) -> None:
        self._flags = session._flags
        self._value = value
        self._previous: list[bool] = []

    def __enter__(self) -> None:
        self._previous.append(getattr(self._flags, self.flag))
        setattr(self._flags, self.flag, self._value)

    def __exit__(self, *exception: Any) -> None:
        setattr(self._flags, self.flag, self._previous.pop())


class AutoPopulatingContext(_FlagContext):
    """Turn auto-populate on or off for this thread within a ``with`` block."""

    flag = "auto_populate"


class OperationRecordingContext(_FlagContext):
    """Turn operation recording on or off for this thread within a ``with`` block."""

    flag = "record_operations"


class Session:
    """Talk to an ftrack server, or to the embedded backend of a database URL."""

    def __init__(
        self,
        server_url: str | None = None,
        api_key: str | None = None,
        api_user: str | None = None,
        auto_populate: bool = True,
        plugin_paths: list[str] | None = None,
        cache: Any = None,
        cache_key_maker: Any = None,
        auto_connect_event_hub: bool = False,
        schema_cache_path: Any = None,
        plugin_arguments: dict[str, Any] | None = None,
        timeout: float | None = 60,
        cookies: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        strict_api: bool = False,
    ) -> None:
        """Connect, load schemas, build entity classes and configure locations."""
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.closed = False
        self._server_url, self._api_user, self._api_key = (
            ftrack_api._configuration.credentials(server_url, api_user, api_key)
        )
        self._headers, self._cookies = ftrack_api._configuration.validate_http_options(
            headers, cookies, strict_api
        )
        self.request_timeout = timeout
        self._flags = _ThreadFlags(auto_populate)
        self._lock = threading.RLock()
        self._commit_lock = threading.Lock()
        self.recorded_operations = ftrack_api.operation.Operations()
        self._custom_attribute_configurations: list[Any] | None = None
        self._set_up_cache(cache, cache_key_maker)
        self._auto_connect_thread: threading.Thread | None = None
        self._transport = self._make_transport()
        try:
            self._start(
                auto_connect_event_hub,
                plugin_paths,
                plugin_arguments,
                schema_cache_path,
            )
        except BaseException:
            self.close()
            raise

    def _start(
        self,
        auto_connect_event_hub: bool,
        plugin_paths: list[str] | None,
        plugin_arguments: dict[str, Any] | None,
        schema_cache_path: Any,
    ) -> None:
        """Run the official start-up steps, in the official order."""
        self._server_information = self._call_raw(
            [{"action": "query_server_information"}]
        )[0]
        self.check_server_compatibility()
        self._event_hub = self._make_event_hub()
        if auto_connect_event_hub:
            self._start_event_hub_thread()
        atexit.register(_close_if_alive, weakref.ref(self))

        self._discover_plugins(plugin_paths, plugin_arguments)
        self.schemas = self._load_schemas(schema_cache_path)
        self.types = self._build_entity_type_classes(self.schemas)
        self._register_storage_scenarios()
        self._configure_locations()
        self._publish_local("ftrack.api.session.ready", {"session": self})

    # Set-up -------------------------------------------------------------

    def _set_up_cache(self, cache: Any, cache_key_maker: Any) -> None:
        self.cache_key_maker = cache_key_maker or ftrack_api.cache.StringKeyMaker()
        self._string_keys = (
            type(self.cache_key_maker) is ftrack_api.cache.StringKeyMaker
        )
        self._local_cache = ftrack_api._merge.IdentityMap()
        layers: list[Any] = [self._local_cache]
        if callable(cache) and not isinstance(cache, ftrack_api.cache.Cache):
            cache = cache(self)
        if cache is not None:
            layers.append(cache)
        self.cache = ftrack_api.cache.LayeredCache(layers)
        self._identity_map = self._local_cache.entities
        self._has_deeper_cache = len(layers) > 1

    def _make_transport(self) -> Any:
        if ftrack_api._transport.is_database_url(self._server_url):
            transport = ftrack_api._transport.LocalTransport(
                self._server_url, self._api_user
            )
            if self._api_user is None:
                self._api_user = transport.backend.administrator_username
                transport.api_user = self._api_user
            return transport
        return ftrack_api._transport.HTTPTransport(
            self._server_url,
            str(self._api_user),
            str(self._api_key),
            self._headers,
            self._cookies,
            self.request_timeout,
        )

    def _make_event_hub(self) -> EventHub:
        from ftrack_api.event.hub import EventHub

        return EventHub(
            self._server_url,
            str(self._api_user),
            self._api_key or "",
            headers=dict(self._headers),
            cookies=dict(self._cookies),
        )

    def _start_event_hub_thread(self) -> None:
        self._event_hub.init_connection()
        thread = threading.Thread(
            target=self._connect_event_hub, name="ftrack-event-hub", daemon=True
        )
        self._auto_connect_thread = thread
        thread.start()

    def _connect_event_hub(self) -> None:
        """Connect the hub (in the background); log instead of raising."""
        try:
            self._event_hub.connect()
        except ftrack_api.exception.EventHubConnectionError as error:
            level = logging.DEBUG if self.closed else logging.WARNING
            self.logger.log(level, "Event hub did not connect: %s", error)

    def _discover_plugins(
        self, plugin_paths: list[str] | None, plugin_arguments: dict[str, Any] | None
    ) -> None:
        import ftrack_api.plugin

        if plugin_paths is None:
            plugin_paths = os.environ.get("FTRACK_EVENT_PLUGIN_PATH", "").split(
                os.pathsep
            )
        self._plugin_paths = plugin_paths
        ftrack_api.plugin.discover(plugin_paths, [self], plugin_arguments or {})

    def _load_schemas(self, schema_cache_path: Any) -> list[dict[str, Any]]:
        return ftrack_api._schemas.load_schemas(self, schema_cache_path)

    def _fetch_schemas(self) -> list[dict[str, Any]]:
        return list(self._call_raw([{"action": "query_schemas"}])[0])

    def _read_schemas_from_cache(
        self, schema_cache_path: str
    ) -> tuple[list[dict[str, Any]], str]:
        return ftrack_api._schemas.read_schemas_from_cache(schema_cache_path)

    def _write_schemas_to_cache(
        self, schemas: list[dict[str, Any]], schema_cache_path: str
    ) -> None:
        ftrack_api._schemas.write_schemas_to_cache(schemas, schema_cache_path)

    def _build_entity_type_classes(
        self, schemas: list[dict[str, Any]]
    ) -> dict[str, type[Entity]]:
        from ftrack_api.entity.factory import StandardFactory

        factory = StandardFactory()
        types: dict[str, type[Entity]] = {}
        for schema in schemas:
            results = self._publish_local(
                "ftrack.api.session.construct-entity-type",
                {"schema": schema, "schemas": schemas},
            )
            classes = [result for result in results if result is not None]
            if len(classes) > 1:
                raise ValueError(
                    f"Expected one class for entity type {schema['id']!r}, got "
                    f"{len(classes)} from construct-entity-type handlers."
                )
            types[str(schema["id"])] = classes[0] if classes else factory.create(schema)
        return types

    def _register_storage_scenarios(self) -> None:
        import ftrack_api._centralized_storage_scenario

        ftrack_api._centralized_storage_scenario.register(self)

    def _configure_locations(self) -> None:
        import ftrack_api._locations

        ftrack_api._locations.configure_locations(self)

    def _publish_local(self, topic: str, data: dict[str, Any]) -> list[Any]:
        from ftrack_api.event.base import Event

        return list(
            self._event_hub.publish(Event(topic=topic, data=data), synchronous=True)
            or []
        )

    # Properties ----------------------------------------------------------

    @property
    def server_url(self) -> str:
        """Return the server URL (or database URL) of this session."""
        return self._server_url

    @property
    def api_user(self) -> str:
        """Return the user name this session acts as."""
        return str(self._api_user)

    @property
    def api_key(self) -> str | None:
        """Return the API key (None for an embedded backend without one)."""
        return self._api_key

    @property
    def server_information(self) -> dict[str, Any]:
        """Return a copy of what ``query_server_information`` answered."""
        return dict(self._server_information)

    @property
    def event_hub(self) -> EventHub:
        """Return the event hub of this session."""
        return self._event_hub

    @property
    def auto_populate(self) -> bool:
        """Return whether reading an unset attribute fetches it (this thread)."""
        return self._flags.auto_populate

    @auto_populate.setter
    def auto_populate(self, value: bool) -> None:
        self._flags.auto_populate = value

    @property
    def record_operations(self) -> bool:
        """Return whether changes record operations (this thread)."""
        return self._flags.record_operations

    @record_operations.setter
    def record_operations(self, value: bool) -> None:
        self._flags.record_operations = value

    @property
    def _request(self) -> Any:
        if self.closed:
            raise ftrack_api.exception.ConnectionClosedError()
        return getattr(self._transport, "session", self._transport)

    @property
    def created(self) -> list[Entity]:
        """Return the entities created since the last commit."""
        return self._entities_in_state(CREATED)

    @property
    def modified(self) -> list[Entity]:
        """Return the entities modified since the last commit."""
        return self._entities_in_state(MODIFIED)

    @property
    def deleted(self) -> list[Entity]:
        """Return the entities deleted since the last commit."""
        return self._entities_in_state(DELETED)

    def _entities_in_state(self, state: Any) -> list[Entity]:
        entities = []
        for (entity_type, key), current in self.recorded_operations.states().items():
            if current is not state:
                continue
            try:
                entities.append(
                    self._local_cache.get(self._cache_key(entity_type, list(key)))
                )
            except KeyError:
                continue
        return entities

    def _cache_key(self, entity_type: str, primary_key: list[str]) -> Any:
        if self._string_keys:
            return str((entity_type, primary_key))
        return self.cache_key_maker.key((entity_type, primary_key))

    # Life cycle ----------------------------------------------------------

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exception: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._server_url} as {self._api_user}>"

    def check_server_compatibility(self) -> None:
        """Raise :exc:`ServerCompatibilityError` if the server is too old."""
        ftrack_api._configuration.check_version(self._server_information)

    def close(self) -> None:
        """Close the session: drop pending changes, connections and the hub."""
        if self.closed:
            return
        self._warn_pending("close")
        self.recorded_operations.clear()
        self._local_cache.clear()
        self._transport.close()
        self.closed = True
        thread = getattr(self, "_auto_connect_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=AUTO_CONNECT_JOIN_TIMEOUT)
        hub = getattr(self, "_event_hub", None)
        if hub is not None:
            with contextlib.suppress(ftrack_api.exception.EventHubConnectionError):
                hub.disconnect()

    def reset(self) -> None:
        """Drop pending changes and cached entities, and reconfigure locations."""
        self._warn_pending("reset")
        self.recorded_operations.clear()
        self._local_cache.clear()
        self._configure_locations()
        self._publish_local("ftrack.api.session.reset", {"session": self})

    def _warn_pending(self, action: str) -> None:
        if len(self.recorded_operations):
            self.logger.warning(
                "Session %s with %s pending operations; they are discarded.",
                action,
                len(self.recorded_operations),
            )

    def auto_populating(self, auto_populate: bool) -> AutoPopulatingContext:
        """Set auto-populate for this thread within a ``with`` block."""
        return AutoPopulatingContext(self, auto_populate)

    def operation_recording(self, record_operations: bool) -> OperationRecordingContext:
        """Set operation recording for this thread within a ``with`` block."""
        return OperationRecordingContext(self, record_operations)

    # Entities ------------------------------------------------------------

    def create(
        self,
        entity_type: str,
        data: dict[str, Any] | None = None,
        reconstructing: bool = False,
    ) -> Entity:
        """Create an entity of *entity_type* (commit to save it); return it."""
        entity = self._create(entity_type, data, reconstructing=reconstructing)
        return self.merge(entity)

    def _create(
        self,
        entity_type: str,
        data: dict[str, Any] | None,
        reconstructing: bool,
    ) -> Entity:
        entity_class = self.types.get(entity_type)
        if entity_class is None:
            raise ftrack_api.exception.UnrecognisedEntityTypeError(entity_type)
        return entity_class(self, data=data, reconstructing=reconstructing)

    def ensure(
        self,
        entity_type: str,
        data: dict[str, Any],
        identifying_keys: list[str] | None = None,
    ) -> Entity:
        """Return the entity matching *data*, creating or updating it as needed."""
        from ftrack_api._ensure import ensure

        return ensure(self, entity_type, data, identifying_keys)

    def delete(self, entity: Entity) -> None:
        """Mark *entity* for deletion at the next commit."""
        if self.record_operations:
            self.recorded_operations.push(
                ftrack_api.operation.DeleteEntityOperation(
                    entity.entity_type, ftrack_api.inspection.primary_key(entity)
                )
            )

    def get(self, entity_type: str, entity_key: Any) -> Entity | None:
        """Return the entity of *entity_type* with primary key *entity_key*."""
        entity_class = self.types[entity_type]
        if isinstance(entity_key, str):
            entity_key = [entity_key]
        names = entity_class.primary_key_attributes
        if len(entity_key) != len(names):
            raise ValueError(
                f"Incompatible entity_key {entity_key!r} for {entity_type!r}: its "
                f"primary key is {names!r}."
            )
        key = self._cache_key(entity_type, [str(value) for value in entity_key])
        with self._lock, self.auto_populating(False):
            with self.operation_recording(False):
                cached = ftrack_api._merge.cached_entity(self, key)
        if cached is not None:
            return cached
        criteria = " and ".join(
            f'{name} is "{value}"'
            for name, value in zip(names, entity_key, strict=True)
        )
        results = self.query(f"{entity_type} where ({criteria})").all()
        return results[0] if results else None

    def query(
        self, expression: str, page_size: int = 500
    ) -> ftrack_api.query.QueryResult:
        """Return a lazily fetched result of *expression*.

        Raise :exc:`TypeError` when *expression* is not text and
        :exc:`ValueError` when it is empty.
        """
        if not isinstance(expression, str):
            raise TypeError(f"The query expression must be text, not {expression!r}.")
        if not expression.strip():
            raise ValueError(f"The query expression is empty: {expression!r}.")
        if not expression.lstrip().lower().startswith("select"):
            entity_type = expression.split()[0]
            entity_class = self.types[entity_type]
            projections = list(entity_class.default_projections) or list(
                entity_class.primary_key_attributes
            )
            expression = f"select {', '.join(projections)} from {expression}"
        return ftrack_api.query.QueryResult(self, expression, page_size=page_size)

    def _query(self, expression: str) -> tuple[list[Any], dict[str, Any]]:
        result = self.call([{"action": "query", "expression": expression}])[0]
        return result["data"], result.get("metadata", {})

    def merge(self, value: Any, merged: dict[Any, Any] | None = None) -> Any:
        """Merge *value* (entity, collection, other) into the identity map."""
        with self._lock, self.auto_populating(False), self.operation_recording(False):
            return ftrack_api._merge.merge_object(
                self, value, {} if merged is None else merged
            )

    _merge = merge

    def populate(self, entities: Any, projections: str) -> None:
        """Fetch *projections* (comma separated) for *entities* in one query."""
        from ftrack_api._ensure import populate

        populate(self, entities, projections)

    def entity_reference(self, entity: Entity) -> dict[str, Any]:
        """Return the wire reference of *entity*."""
        return ftrack_api._encoding.entity_reference(entity)

    # Commit --------------------------------------------------------------

    def commit(self) -> None:
        """Send every recorded operation to the server in one batch.

        On failure the operations stay recorded (see :meth:`rollback`).
        """
        with self._commit_lock:
            operations = self.recorded_operations.take()
            try:
                with self.auto_populating(False):
                    batch = ftrack_api._commit.build_batch(operations)
                if batch:
                    self._send_batch(batch, operations)
            except BaseException:
                self.recorded_operations.restore(operations)
                raise

    def _send_batch(
        self,
        batch: list[OperationPayload],
        operations: list[ftrack_api.operation.Operation],
    ) -> None:
        with self._lock:
            promotions = self._promote_committed_values(operations)
        try:
            self.call(batch)
        except BaseException:
            with self._lock:
                for promotion in reversed(promotions):
                    ftrack_api._merge.undo_promotion(promotion)
            raise

    def _promote_committed_values(
        self, operations: list[ftrack_api.operation.Operation]
    ) -> list[ftrack_api._merge.Promotion]:
        promotions = []
        for operation in operations:
            key = self._cache_key(
                operation.entity_type, list(operation.entity_key.values())
            )
            entity = self._identity_map.get(key)
            if entity is None:
                continue
            if isinstance(operation, ftrack_api.operation.CreateEntityOperation):
                values = list(operation.entity_data.items())
            elif isinstance(operation, ftrack_api.operation.UpdateEntityOperation):
                values = [(operation.attribute_name, operation.new_value)]
            else:
                continue
            for name, value in values:
                promotion = ftrack_api._merge.promote_committed_value(
                    entity, name, value
                )
                if promotion is not None:
                    promotions.append(promotion)
        return promotions

    def rollback(self) -> None:
        """Drop every recorded operation and local change; forget new entities."""
        with self._lock, self.auto_populating(False), self.operation_recording(False):
            for operation in self.recorded_operations.snapshot():
                if isinstance(operation, ftrack_api.operation.CreateEntityOperation):
                    key = self._cache_key(
                        operation.entity_type, list(operation.entity_key.values())
                    )
                    with contextlib.suppress(KeyError):
                        self.cache.remove(key)
            for entity in self._local_cache.values():
                entity.clear()
            self.recorded_operations.clear()

    # Wire ----------------------------------------------------------------

    def call(self, data: list[Any]) -> list[Any]:
        """Send a batch of actions; return their results, entities merged."""
        response = self._send(data)
        with ftrack_api._merge.paused_garbage_collection():
            results = ftrack_api._transport.read_reply(response)
            with self._lock, self.auto_populating(False):
                with self.operation_recording(False):
                    return ftrack_api._merge.merge_results(self, results)

    def _call_raw(self, data: list[Any]) -> list[Any]:
        return ftrack_api._transport.read_reply(self._send(data))

    def _send(self, data: list[Any]) -> ftrack_api._transport.Response:
        if self.closed:
            raise ftrack_api.exception.ConnectionClosedError()
        body = self.encode(data, entity_attribute_strategy="modified_only")
        request = ftrack_api._transport.Request(
            body.encode("utf-8"), idempotent=ftrack_api._transport.is_read_only(data)
        )
        self.logger.debug("Calling server with %s action(s).", len(data))
        return self._transport.handle_request(request)

    def encode(self, data: Any, entity_attribute_strategy: str = "set_only") -> str:
        """Return *data* as wire JSON; entities per *entity_attribute_strategy*."""
        return ftrack_api._encoding.encode(self, data, entity_attribute_strategy)

    def decode(self, string: str | bytes) -> Any:
        """Return the Python value of wire JSON *string*."""
        return ftrack_api._encoding.decode(self, string)

    # Locations -----------------------------------------------------------

    def pick_location(self, component: Entity | None = None) -> Any:
        """Return the preferred accessible location (holding *component*)."""
        import ftrack_api._locations

        return ftrack_api._locations.pick_location(self, component)

    def pick_locations(self, components: list[Entity]) -> list[Any]:
        """Return the preferred location holding each of *components*."""
        import ftrack_api._locations

        return ftrack_api._locations.pick_locations(self, components)

    def create_component(
        self, path: str, data: dict[str, Any] | None = None, location: Any = "auto"
    ) -> Entity:
        """Create a component from *path* and add it to *location*."""
        import ftrack_api._locations

        return ftrack_api._locations.create_component(self, path, data, location)

    def get_component_availability(
        self, component: Entity, locations: list[Any] | None = None
    ) -> dict[str, float]:
        """Return the availability of *component* per location id."""
        import ftrack_api._locations

        return ftrack_api._locations.get_component_availability(
            self, component, locations
        )

    def get_component_availabilities(
        self, components: list[Entity], locations: list[Any] | None = None
    ) -> list[dict[str, float]]:
        """Return the availability of each of *components* per location id."""
        import ftrack_api._locations

        return ftrack_api._locations.get_component_availabilities(
            self, components, locations
        )

    # Other actions --------------------------------------------------------

    def get_widget_url(
        self, name: str, entity: Entity | None = None, theme: str | None = None
    ) -> str:
        """Return a URL of the web widget *name* (for *entity*)."""
        return ftrack_api._actions.get_widget_url(self, name, entity, theme)

    def encode_media(
        self, media: Any, version_id: str | None = None, keep_original: Any = "auto"
    ) -> Any:
        """Start encoding *media* (a path or component) for review; return the Job."""
        return ftrack_api._actions.encode_media(self, media, version_id, keep_original)

    def get_upload_metadata(
        self,
        component_id: str,
        file_name: str,
        file_size: int,
        checksum: str | None = None,
    ) -> dict[str, Any]:
        """Return where and how to upload a component's file (url, headers)."""
        return ftrack_api._actions.get_upload_metadata(
            self, component_id, file_name, file_size, checksum
        )

    def send_user_invite(self, user: Entity) -> None:
        """Send an invite e-mail to *user*."""
        self.send_user_invites([user])

    def send_user_invites(self, users: list[Entity]) -> None:
        """Send an invite e-mail to each of *users* in one call."""
        ftrack_api._actions.send_invites(self, "send_user_invite", "user_id", users)

    def send_review_session_invite(self, invitee: Entity) -> None:
        """Send a review session invite to *invitee*."""
        self.send_review_session_invites([invitee])

    def send_review_session_invites(self, invitees: list[Entity]) -> None:
        """Send a review session invite to each of *invitees* in one call."""
        ftrack_api._actions.send_invites(
            self, "send_review_session_invite", "review_session_invitee_id", invitees
        )

    def reset_remote(self, reset_type: str, entity: Entity | None = None) -> Any:
        """Reset a server-side value (e.g. ``api_key`` of a User); return it."""
        return ftrack_api._actions.reset_remote(self, reset_type, entity)


def _close_if_alive(reference: Callable[[], Session | None]) -> None:
    session = reference()
    if session is not None and not session.closed:
        session.close()
