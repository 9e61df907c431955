"""Serialise the first start of a database across processes.

Several processes may open a new database at once (server workers, parallel
publishes). Creating tables is not atomic on PostgreSQL (two ``CREATE
TABLE`` of one name collide in ``pg_type``), and stock data must be seeded
once. :func:`exclusive` lets one process at a time run the setup: on
PostgreSQL with a session-level advisory lock held on a connection of its
own, on SQLite through the write lock every setup transaction takes
(``BEGIN IMMEDIATE``). Each step checks what already exists, so the
processes that wait find the work done.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ftrack_api.local.errors import StorageError

logger = logging.getLogger(__name__)

#: Advisory lock key of the setup ("openftrack setup" as a 64-bit number).
SETUP_LOCK_KEY = int.from_bytes(b"oftsetup", "big", signed=True)


@contextlib.contextmanager
def exclusive(engine: Engine) -> Iterator[None]:
    """Hold the database's setup lock for the duration of the block."""
    if engine.dialect.name != "postgresql":
        yield
        return
    try:
        connection = engine.connect()
        connection.execute(sa.select(sa.func.pg_advisory_lock(SETUP_LOCK_KEY)))
        connection.commit()
    except sa.exc.SQLAlchemyError as error:
        raise StorageError(f"Could not lock the database for setup: {error}") from error
    try:
        yield
    finally:
        try:
            connection.execute(sa.select(sa.func.pg_advisory_unlock(SETUP_LOCK_KEY)))
            connection.commit()
        except sa.exc.SQLAlchemyError as error:
            logger.warning("Could not release the setup lock: %s", error)
        finally:
            connection.close()
