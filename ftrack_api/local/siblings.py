"""One name per sibling context (and per asset type), as the real server enforces.

Two projects cannot share a name, two contexts under one parent cannot share
a name, and two assets of one type in one context cannot share a name.
:func:`check_name` and :func:`check_asset_name` refuse a create, rename or
move that would break a rule with a ``DuplicateEntryError`` naming the type,
the parent and the name. It holds under concurrency: SQLite writers hold the database's
write lock for their whole batch (``BEGIN IMMEDIATE``), and on PostgreSQL a
transaction-scoped advisory lock on the (parent, name) pair makes a second
writer wait until the first commits, then see its row. The unique indexes of
:func:`add_indexes` back the rules up in the database itself.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.batch import Batch, Context
from ftrack_api.local.errors import DuplicateEntryError
from ftrack_api.local.model import DISCRIMINATOR, EntityType, Model

logger = logging.getLogger(__name__)

#: Names of the unique indexes behind the rules.
CONTEXT_INDEX = "ux_context_parent_name"
ASSET_INDEX = "ux_asset_context_type_name"
#: Batch cache keys: slot -> owner id, and owner id -> slot.
_CLAIMED = "sibling_names"
_SLOTS = "sibling_slots"


def unique_indexes(model: Model) -> list[sa.Index]:
    """Return the unique indexes of the rules, attached to the model once.

    Projects have no parent; the context index reads a missing parent as an
    empty string so that project names are unique among projects too. Assets
    without a type never collide (NULLs are distinct in a unique index).
    """
    context = model.get("Context").table
    asset = model.get("Asset").table
    existing: dict[Any, sa.Index] = {
        index.name: index for index in (*context.indexes, *asset.indexes)
    }
    if CONTEXT_INDEX not in existing:
        existing[CONTEXT_INDEX] = sa.Index(
            CONTEXT_INDEX,
            sa.func.coalesce(context.c.parent_id, ""),
            context.c.name,
            unique=True,
        )
    if ASSET_INDEX not in existing:
        existing[ASSET_INDEX] = sa.Index(
            ASSET_INDEX,
            asset.c.context_id,
            asset.c.type_id,
            asset.c.name,
            unique=True,
        )
    return [existing[CONTEXT_INDEX], existing[ASSET_INDEX]]


def add_indexes(connection: sa.Connection, model: Model) -> None:
    """Create the unique indexes of the rules where missing.

    A database written before the rules may already hold duplicates; it then
    stays without that index (logged) and the checks of this module alone
    keep new names unique.
    """
    for index in unique_indexes(model):
        try:
            with connection.begin_nested():
                # Reflection skips expression indexes: let the database check.
                connection.execute(sa.schema.CreateIndex(index, if_not_exists=True))
        except sa.exc.IntegrityError as error:
            logger.warning(
                "Duplicate names in this database keep index %s from being created: %s",
                index.name,
                error.orig,
            )


def check_name(
    batch: Batch,
    entity_type: EntityType,
    context_id: Any,
    parent_id: Any,
    name: Any,
    context: Context,
) -> None:
    """Refuse *name* for context *context_id* if a sibling already holds it."""
    if name is None:
        return
    parent = None if entity_type.is_a("Project") else parent_id
    table = batch.model.get("Context").table
    clauses = [
        table.c.parent_id.is_(None) if parent is None else table.c.parent_id == parent,
        table.c.name == name,
    ]
    if parent is None:
        clauses.append(table.c[DISCRIMINATOR] == "Project")
    if _claim(batch, ("context", parent, name), context_id, table, clauses):
        where = "among projects" if parent is None else f"under parent {parent!r}"
        raise DuplicateEntryError(
            f"{context.describe()}: DuplicateEntryError: a context named "
            f"{name!r} already exists {where}; {entity_type.name} names must be "
            "unique among siblings."
        )


def check_asset_name(
    batch: Batch, asset_id: Any, values: dict[str, Any], context: Context
) -> None:
    """Refuse a second asset of one name and type in one context.

    Assets without a type may share names, as on the real server.
    """
    parent, type_id, name = (values.get(n) for n in ("context_id", "type_id", "name"))
    if None in (parent, type_id, name):
        return
    table = batch.model.get("Asset").table
    clauses = [
        table.c.context_id == parent,
        table.c.type_id == type_id,
        table.c.name == name,
    ]
    if _claim(batch, ("asset", parent, type_id, name), asset_id, table, clauses):
        raise DuplicateEntryError(
            f"{context.describe()}: DuplicateEntryError: an Asset named {name!r} "
            f"of type {type_id!r} already exists in context {parent!r}."
        )


def _claim(
    batch: Batch, slot: tuple, owner: Any, table: sa.Table, clauses: list
) -> bool:
    """Claim *slot* for *owner*; return whether another row already holds it."""
    claimed: dict[tuple, Any] = batch.cache.setdefault(_CLAIMED, {})
    slots: dict[Any, tuple] = batch.cache.setdefault(_SLOTS, {})
    holder = claimed.get(slot)
    if holder is not None and holder != owner:
        return True
    _lock(batch.connection, slot)
    statement = sa.select(table.c.id).where(*clauses, table.c.id != owner).limit(1)
    stored = batch.connection.execute(statement).scalar()
    if stored is not None and _changing(batch, table, stored):
        # An earlier operation of the batch renames or moves it: write
        # that change first, then look again.
        batch.flush()
        stored = batch.connection.execute(statement).scalar()
    if stored is not None:
        return True
    previous = slots.pop(owner, None)
    if previous is not None:
        claimed.pop(previous, None)
    claimed[slot] = owner
    slots[owner] = slot
    return False


def _changing(batch: Batch, table: sa.Table, row_id: Any) -> bool:
    update = batch.updates.get((table.name, (row_id,)))
    names = {"name", "parent_id", "context_id", "type_id"}
    return update is not None and bool(names & set(update.values))


def _lock(connection: sa.Connection, slot: tuple) -> None:
    """Hold a PostgreSQL advisory lock on *slot* until the transaction ends."""
    if connection.dialect.name != "postgresql":
        return
    text = "\x00".join(str(part) for part in slot).encode()
    digest = hashlib.blake2b(text, digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    connection.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
