"""Open the database behind a backend URL and create its tables.

URLs: ``sqlite:///path.db`` (a file: WAL journal, foreign keys on, busy
timeout), ``sqlite://`` (in memory, one shared connection), and
``postgresql://...`` or ``postgresql+psycopg://...`` (psycopg 3).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from ftrack_api.local.errors import StorageError
from ftrack_api.local.model import Model

logger = logging.getLogger(__name__)

#: Seconds SQLite waits for a lock held by another connection.
BUSY_TIMEOUT_SECONDS = 30

#: Rows per index SQLite's ANALYZE samples (bounds its cost).
ANALYSIS_LIMIT_ROWS = 1000

#: Version of the index layout; databases with an older one are upgraded.
#: 2: (project_id, type, id), (parent_id, type, id) and (type, id) indexes.
INDEX_LAYOUT = "2"
_STATE_INDEXES = "index_layout"

#: Execution option marking a transaction that will not write.
READ_ONLY = "ftrack_read_only"

state_metadata = sa.MetaData()
#: Backend bookkeeping (not an entity type): seeding version, administrator.
backend_state = sa.Table(
    "backend_state",
    state_metadata,
    sa.Column("key", sa.Unicode, primary_key=True),
    sa.Column("value", sa.UnicodeText),
)


def normalise_url(url: str) -> str:
    """Return the SQLAlchemy URL for a backend *url*."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://") :]
    return url


def is_sqlite(url: str) -> bool:
    """Return whether *url* names an SQLite database."""
    return url.startswith("sqlite")


def create_engine(url: str) -> Engine:
    """Return an engine for backend *url*, configured for our use."""
    url = normalise_url(url)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as error:
        raise StorageError(f"Invalid database URL {url!r}: {error}") from error
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")
        if not in_memory and parsed.database:
            _create_folder(Path(parsed.database).parent)
        return _sqlite_engine(url, in_memory=in_memory)
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(url, pool_pre_ping=True)
    raise StorageError(f"Unsupported database URL {url!r}: use sqlite or postgresql.")


def _create_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"Could not create the database folder {str(folder)!r}: {error}"
        ) from error


def _sqlite_engine(url: str, in_memory: bool) -> Engine:
    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        options["poolclass"] = StaticPool
    engine = sa.create_engine(url, **options)

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling is replaced by explicit
        # BEGIN so that a batch is one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        # Writers take the write lock up front so that concurrent batches
        # queue on the busy timeout instead of failing mid-way; readers
        # (READ_ONLY option) share the database.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def create_tables(engine: Engine, model: Model) -> None:
    """Create every missing table of *model* and the bookkeeping table.

    A database created before the current index layout gets its indexes
    rebuilt once (see :data:`INDEX_LAYOUT`).
    """
    try:
        with engine.begin() as connection:
            new = not sa.inspect(connection).has_table(backend_state.name)
            layout = None if new else read_state(connection, _STATE_INDEXES)
            model.metadata.create_all(connection, checkfirst=True)
            state_metadata.create_all(connection, checkfirst=True)
            if layout != INDEX_LAYOUT:
                if not new:
                    _rebuild_changed_indexes(connection, model)
                write_state(connection, _STATE_INDEXES, INDEX_LAYOUT)
    except sa.exc.SQLAlchemyError as error:
        raise StorageError(f"Could not create the database tables: {error}") from error


def _rebuild_changed_indexes(connection: sa.Connection, model: Model) -> None:
    """Drop and recreate each index whose columns differ from the model's."""
    inspector = sa.inspect(connection)
    for table in model.metadata.sorted_tables:
        with warnings.catch_warnings():
            # Expression indexes are not reflected; none of ours is rebuilt.
            warnings.filterwarnings("ignore", category=sa.exc.SAWarning)
            reflected = inspector.get_indexes(table.name)
        existing = {index["name"]: index["column_names"] for index in reflected}
        for index in table.indexes:
            columns = [column.name for column in index.columns]
            if index.name in existing and existing[index.name] != columns:
                logger.info("Rebuilding index %s on %s.", index.name, columns)
                index.drop(connection)
                index.create(connection)


def analyse(engine: Engine) -> None:
    """Refresh the query planner's statistics, at a bounded cost.

    SQLite without statistics may pick an unselective index (the entity type)
    and sort every row of a type for each page; ``analysis_limit`` makes
    ``ANALYZE`` sample a bounded number of rows per index, so it takes
    milliseconds whatever the size of the database. A failure is logged and
    ignored: statistics only speed queries up.
    """
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql(
                    f"PRAGMA analysis_limit={ANALYSIS_LIMIT_ROWS}"
                )
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    except sa.exc.SQLAlchemyError as error:
        logger.warning("Could not analyse the database: %s", error)


def read_state(connection: sa.Connection, key: str) -> str | None:
    """Return bookkeeping value *key*, or None."""
    return connection.execute(
        sa.select(backend_state.c.value).where(backend_state.c.key == key)
    ).scalar()


def write_state(connection: sa.Connection, key: str, value: str) -> None:
    """Store bookkeeping value *key*."""
    connection.execute(backend_state.delete().where(backend_state.c.key == key))
    connection.execute(backend_state.insert().values(key=key, value=value))
