"""The embedded backend: one store, one model, and the JSON API over them.

``Backend.open(url)`` returns the process-wide backend of a database URL,
creating tables, stock data and an administrator on first use.
``Backend.call(operations)`` runs one batch in one transaction and returns
the list of results, or the wire error object if any operation failed (then
nothing of the batch is written).

First start: the administrator's API key is generated once and never
stored in clear. ``Backend.initial_credentials`` holds ``(username,
api_key)`` for the process that created it, and for file and PostgreSQL
databases the pair is also written to a file readable by the owner only;
its path is logged (``Backend.credentials_path``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import sqlalchemy as sa

from ftrack_api.local import actions, credentials, siblings, startup, stock, store
from ftrack_api.local.batch import Batch
from ftrack_api.local.errors import (
    BackendError,
    InvalidCredentialsError,
    ParseError,
    StorageError,
)
from ftrack_api.local.model import DISCRIMINATOR, Model, get_model
from ftrack_api.local.serialize import to_wire

logger = logging.getLogger(__name__)

ADMINISTRATOR_USERNAME = "administrator"
_STATE_SEEDED = "seeded"
_STATE_ADMINISTRATOR = "administrator"
#: Entities created (since the last ANALYZE) after which SQLite is analysed.
ANALYSE_AFTER_CREATES = 1000


class Backend:
    """The JSON API answered from one database."""

    _registry: ClassVar[dict[str, Backend]] = {}
    _registry_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        url: str,
        model: Model | None = None,
        *,
        credentials_folder: Path | None = None,
    ) -> None:
        self.url = url
        self._credentials_folder = credentials_folder
        self.model = model or get_model()
        self.engine = store.create_engine(url)
        self._lock: threading.RLock | None = (
            threading.RLock() if store.is_sqlite(url) else None
        )
        #: (username, api key) when this process created the administrator.
        self.initial_credentials: tuple[str, str] | None = None
        self.credentials_path: Path | None = None
        self.administrator_username = ADMINISTRATOR_USERNAME
        #: Base URL of the HTTP server serving this backend, set by the server.
        self.server_url: str | None = None
        #: Optional builder of get_upload_metadata replies, set by the server.
        self.upload_metadata: Callable[..., dict[str, Any]] | None = None
        #: Entities created since the statistics were last refreshed.
        self._creates_since_analyse = 0
        with startup.exclusive(self.engine):
            store.create_tables(self.engine, self.model)
            self._first_start()

    @classmethod
    def open(cls, url: str, *, credentials_folder: Path | None = None) -> Backend:
        """Return the backend of *url*, shared by every caller in the process.

        *credentials_folder* is where the administrator's key file goes when
        a PostgreSQL database is first set up (default: the user data folder).
        """
        with cls._registry_lock:
            backend = cls._registry.get(url)
            if backend is None:
                backend = cls(url, credentials_folder=credentials_folder)
                cls._registry[url] = backend
            return backend

    def close(self) -> None:
        """Release the database and forget this backend."""
        with self._registry_lock:
            if self._registry.get(self.url) is self:
                del self._registry[self.url]
        self.engine.dispose()

    # Setup -------------------------------------------------------------

    def _first_start(self) -> None:
        with self.engine.begin() as connection:
            siblings.add_indexes(connection, self.model)
            administrator = store.read_state(connection, _STATE_ADMINISTRATOR)
            if administrator is not None:
                self.administrator_username = administrator
                return
            if store.read_state(connection, _STATE_SEEDED) is None:
                stock.seed(connection, self.model)
                store.write_state(connection, _STATE_SEEDED, "1")
            api_key = self._create_administrator(connection)
            store.write_state(connection, _STATE_ADMINISTRATOR, ADMINISTRATOR_USERNAME)
        store.analyse(self.engine)
        self.initial_credentials = (ADMINISTRATOR_USERNAME, api_key)
        self._announce_credentials(api_key)

    def _create_administrator(self, connection: sa.Connection) -> str:
        user = self.model.get("User")
        api_key = credentials.new_api_key()
        connection.execute(
            user.table.insert().values(
                {
                    "id": str(uuid.uuid4()),
                    DISCRIMINATOR: "User",
                    "resource_type": "user",
                    "username": ADMINISTRATOR_USERNAME,
                    "first_name": "Administrator",
                    "is_active": True,
                    "is_otp_enabled": False,
                    "is_totp_enabled": False,
                    "require_details_update": False,
                    "user_type_id": stock.ids.USER_TYPE,
                    "api_key_hash": credentials.hash_api_key(api_key),
                }
            )
        )
        return api_key

    def _announce_credentials(self, api_key: str) -> None:
        path = self.save_credentials(api_key)
        if path is None:
            logger.info(
                "Created administrator %r of the in-memory backend; its API key is "
                "in Backend.initial_credentials.",
                ADMINISTRATOR_USERNAME,
            )
            return
        logger.warning(
            "Created administrator %r; its API key is in %s (readable by you only).",
            ADMINISTRATOR_USERNAME,
            path,
        )

    def save_credentials(self, api_key: str) -> Path | None:
        """Write the administrator's *api_key* to its credentials file.

        The file (``<database>.credentials.json`` next to a SQLite file, else
        in the user data folder) is readable by its owner only. Return its
        path, or ``None`` for an in-memory database, which has none.
        """
        path = self._credentials_file()
        if path is None:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"username": ADMINISTRATOR_USERNAME, "api_key": api_key})
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        self.credentials_path = path
        return path

    def _credentials_file(self) -> Path | None:
        parsed = sa.engine.make_url(store.normalise_url(self.url))
        if parsed.get_backend_name() == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                return None
            database = Path(parsed.database)
            return database.with_name(database.name + ".credentials.json")
        import platformdirs

        digest = hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:16]
        folder = self._credentials_folder or Path(
            platformdirs.user_data_dir("openftrack")
        )
        return folder / f"administrator-{digest}.json"

    # Calls -------------------------------------------------------------

    def call(
        self,
        operations: list[dict[str, Any]],
        *,
        api_user: str | None = None,
        api_key: str | None = None,
        trusted: bool = False,
    ) -> list[Any] | dict[str, Any]:
        """Run one batch; return its results or the wire error object."""
        try:
            if self._lock is None:
                return self._call(operations, api_user, api_key, trusted)
            with self._lock:
                result = self._call(operations, api_user, api_key, trusted)
                self._analyse_after(operations)
                return result
        except BackendError as error:
            logger.info("Batch failed: %s: %s", error.exception_name, error.content)
            return error.to_wire()
        except Exception as error:  # a bug must not take the server down
            logger.exception("Unexpected error while running a batch.")
            failure = BackendError(
                f"Internal error: {error.__class__.__name__}: {error}"
            )
            return failure.to_wire()

    def _call(
        self, operations: Any, api_user: str | None, api_key: str | None, trusted: bool
    ) -> list[Any]:
        read_only = actions.is_read_only(operations)
        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(
                    **{store.READ_ONLY: read_only}
                )
                with connection.begin():
                    user_id = self._user_id(connection, api_user, api_key, trusted)
                    batch = Batch(connection, self.model, user_id)
                    return actions.run(self, batch, operations)
        except BackendError:
            raise
        except sa.exc.SQLAlchemyError as error:
            logger.exception("Database error while running a batch.")
            raise StorageError(
                f"Database error: {error.__class__.__name__}: {error}"
            ) from error

    def _analyse_after(self, operations: Any) -> None:
        """Refresh SQLite's statistics once many entities were created.

        Called under the lock after a successful batch, so the planner keeps
        choosing key-ordered indexes as tables grow; PostgreSQL's autovacuum
        analyses by itself.
        """
        creates = sum(
            1
            for operation in operations
            if isinstance(operation, dict) and operation.get("action") == "create"
        )
        self._creates_since_analyse += creates
        if self._creates_since_analyse >= ANALYSE_AFTER_CREATES:
            self._creates_since_analyse = 0
            store.analyse(self.engine)

    def _user_id(
        self,
        connection: sa.Connection,
        api_user: str | None,
        api_key: str | None,
        trusted: bool,
    ) -> str:
        if not trusted:
            return credentials.authenticate(connection, self.model, api_user, api_key)
        table = self.model.get("User").table
        for username in (api_user, self.administrator_username):
            if username is None:
                continue
            user_id = connection.execute(
                sa.select(table.c.id).where(
                    table.c.username == username, table.c[DISCRIMINATOR] == "User"
                )
            ).scalar()
            if user_id is not None:
                return user_id
        raise InvalidCredentialsError(f"Unknown API user {api_user!r}.")

    def handle_http(self, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """Answer one ``POST /api`` request: return (status, JSON body)."""
        lowered = {key.lower(): value for key, value in headers.items()}
        strict = lowered.get("ftrack-strict-api", "").lower() == "true"
        try:
            operations = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            result: Any = ParseError(f"Malformed JSON body: {error}").to_wire()
        except RecursionError:
            result = ParseError("Malformed JSON body: nested too deeply.").to_wire()
        else:
            result = self.call(
                operations,
                api_user=lowered.get("ftrack-user"),
                api_key=lowered.get("ftrack-api-key"),
            )
        status = 200
        if isinstance(result, dict) and strict:
            status = 401 if result["exception"] == "InvalidCredentialsError" else 400
        try:
            text = json.dumps(result, default=_json_default)
        except (TypeError, ValueError) as error:
            logger.exception("Could not encode a reply.")
            text = json.dumps(
                BackendError(f"Could not encode the reply: {error}").to_wire()
            )
            status = 500 if strict else 200
        return status, text.encode("utf-8")


def _json_default(value: Any) -> Any:
    """Encode datetimes left in a reply in their wire form."""
    encoded = to_wire(value)
    if encoded is value:
        raise TypeError(f"{type(value).__name__} {value!r} is not JSON serialisable")
    return encoded
