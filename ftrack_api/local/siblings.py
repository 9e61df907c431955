"""Unique names of sibling contexts, typed assets and locations.

As on the real server: two projects cannot share a name, two contexts under
one parent cannot share a name, two assets of one type in one context cannot
share a name, and two locations cannot share a name. The ``check_*``
functions refuse a create, rename or move that would break a rule with a
``DuplicateEntryError`` naming the type, the parent and the name. The rules
hold under concurrency: SQLite writers hold the database's write lock for
their whole batch (``BEGIN IMMEDIATE``), and on PostgreSQL a
transaction-scoped advisory lock on the parent makes a second writer under
it wait until the first commits, then see its row. The unique indexes of
:func:`add_indexes` back the rules up in the database itself.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.batch import Batch, Context, chunks
from ftrack_api.local.errors import DuplicateEntryError
from ftrack_api.local.model import DISCRIMINATOR, EntityType, Model

logger = logging.getLogger(__name__)

#: Names of the unique indexes behind the rules.
CONTEXT_INDEX = "ux_context_parent_name"
ASSET_INDEX = "ux_asset_context_type_name"
LOCATION_INDEX = "ux_location_name"
#: Batch cache keys: slot -> owner id, and owner id -> slot.
_CLAIMED = "sibling_names"
_SLOTS = "sibling_slots"
_LOCKED = "sibling_locks"
#: Batch cache keys: context id -> (parent id, name) read once per batch, and
#: parent id -> names its children held when first looked at.
_ROWS = "sibling_rows"
_CHILDREN = "sibling_children"
_CONTEXT_TABLE = "sibling_context_table"


def unique_indexes(model: Model) -> list[sa.Index]:
    """Return the unique indexes of the rules, attached to the model once.

    Projects have no parent; the context index reads a missing parent as an
    empty string so that project names are unique among projects too. Assets
    without a type never collide (NULLs are distinct in a unique index).
    """
    context = model.get("Context").table
    asset = model.get("Asset").table
    location = model.get("Location").table
    existing: dict[Any, sa.Index] = {
        index.name: index
        for table in (context, asset, location)
        for index in table.indexes
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
    if LOCATION_INDEX not in existing:
        existing[LOCATION_INDEX] = sa.Index(
            LOCATION_INDEX, location.c.name, unique=True
        )
    return [existing[name] for name in (CONTEXT_INDEX, ASSET_INDEX, LOCATION_INDEX)]


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
    parameters: tuple = (name, context_id)
    parent, kind = None, "project"
    if not entity_type.is_a("Project"):
        parent, kind = parent_id, "context"
        parameters = (parent_id, *parameters)
    if _claim(batch, ("context", parent, name), context_id, kind, parameters):
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
    slot = ("asset", parent, type_id, name)
    if _claim(batch, slot, asset_id, "asset", (*slot[1:], asset_id)):
        raise DuplicateEntryError(
            f"{context.describe()}: DuplicateEntryError: an Asset named {name!r} "
            f"of type {type_id!r} already exists in context {parent!r}."
        )


def check_location_name(
    batch: Batch, location_id: Any, name: Any, context: Context
) -> None:
    """Refuse a second location of one name."""
    if name is None:
        return
    if _claim(batch, ("location", name), location_id, "location", (name, location_id)):
        raise DuplicateEntryError(
            f"{context.describe()}: DuplicateEntryError: a Location named "
            f"{name!r} already exists."
        )


#: Lookups of another row holding a slot: (table type, SQL with {p} markers).
_LOOKUPS = {
    "project": (
        "Context",
        "parent_id IS NULL AND name = {p} AND "
        f"{DISCRIMINATOR} = 'Project' AND id <> {{p}}",
    ),
    "context": ("Context", "parent_id = {p} AND name = {p} AND id <> {p}"),
    "location": ("Location", "name = {p} AND id <> {p}"),
    "asset": (
        "Asset",
        "context_id = {p} AND type_id = {p} AND name = {p} AND id <> {p}",
    ),
}


def _claim(batch: Batch, slot: tuple, owner: Any, kind: str, parameters: tuple) -> bool:
    """Claim *slot* for *owner*; return whether another row already holds it."""
    cache = batch.cache
    claimed: dict[tuple, Any] | None = cache.get(_CLAIMED)
    if claimed is None:
        claimed = cache[_CLAIMED] = {}
    slots: dict[Any, tuple] | None = cache.get(_SLOTS)
    if slots is None:
        slots = cache[_SLOTS] = {}
    holder = claimed.get(slot)
    if holder is not None and holder != owner:
        return True
    stored = None
    if not _under_new_context(batch, kind, slot):
        _lock(batch, slot)
        if kind != "context" or slot[2] in _child_names(batch, slot[1]):
            stored = _stored_holder(batch, kind, parameters)
    if stored is not None and _changing(batch, kind, stored):
        # An earlier operation of the batch renames or moves it: write
        # that change first, then look again.
        batch.flush()
        stored = _stored_holder(batch, kind, parameters)
    if stored is not None:
        return True
    previous = slots.pop(owner, None)
    if previous is not None:
        claimed.pop(previous, None)
    claimed[slot] = owner
    slots[owner] = slot
    return False


def current_values(
    batch: Batch, entity_type: EntityType, key: tuple, columns: tuple[str, ...]
) -> dict[str, Any] | None:
    """Return *columns* of a row as the batch sees it now, or None if gone.

    A lighter :meth:`Batch.get_row` for checks that run on every update.
    """
    table = entity_type.table
    identity = (table.name, key)
    if identity in batch.deleted:
        return None
    pending = batch.created.get(identity)
    if pending is not None:
        return pending.values
    rows = batch.cache.get(_ROWS)
    known = rows.get(key[0]) if rows is not None and len(key) == 1 else None
    if known is not None and columns == ("parent_id", "name"):
        return _overlay(batch, identity, {"parent_id": known[0], "name": known[1]})
    connection = batch.connection
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(columns)
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT {names} FROM {table.name} WHERE id = {marker}", key)
        row = cursor.fetchone()
    finally:
        cursor.close()
    if row is None:
        return None
    return _overlay(batch, identity, dict(zip(columns, row, strict=True)))


def _overlay(batch: Batch, identity: tuple, values: dict[str, Any]) -> dict[str, Any]:
    """Return *values* with the batch's pending changes to them applied."""
    update = batch.updates.get(identity)
    if update is not None:
        values.update(
            {name: update.values[name] for name in values if name in update.values}
        )
    return values


def prefetch(batch: Batch, operations: Any) -> None:
    """Read the parent and name of every context the batch renames or moves.

    One query per chunk of ids instead of one per update; rows that are not
    contexts are simply not found and are read one by one later.
    """
    ids = set()
    for operation in operations if isinstance(operations, list) else ():
        if not isinstance(operation, dict) or operation.get("action") != "update":
            continue
        data = operation.get("entity_data")
        if not isinstance(data, dict) or not {"name", "parent", "parent_id"} & set(
            data
        ):
            continue
        key = operation.get("entity_key")
        entity_id = (
            key[0] if isinstance(key, list) and len(key) == 1 else data.get("id")
        )
        if isinstance(entity_id, str):
            ids.add(entity_id)
    if not ids:
        return
    rows: dict[Any, tuple] = batch.cache.setdefault(_ROWS, {})
    table = batch.model.get("Context").table.name
    for part in chunks(sorted(ids)):
        sql = f"SELECT id, parent_id, name FROM {table} WHERE id IN ({{}})"
        for row in _fetch(batch, sql, tuple(part)):
            rows[row[0]] = (row[1], row[2])


def remember(batch: Batch, context_id: Any, parent_id: Any, name: Any) -> None:
    """Record the parent and name a context has after this batch's change."""
    rows = batch.cache.get(_ROWS)
    if rows is not None and context_id in rows:
        rows[context_id] = (parent_id, name)


def _child_names(batch: Batch, parent_id: Any) -> set[Any]:
    """Return the names stored under *parent_id*, read once per batch.

    Called under the parent's lock. A name missing from the set is free in
    the database unless this batch itself wrote it since, which the claims
    of :func:`_claim` catch; a name in the set is checked row by row.
    """
    children: dict[Any, set] = batch.cache.setdefault(_CHILDREN, {})
    names = children.get(parent_id)
    if names is None:
        table = _context_table(batch)
        sql = f"SELECT name FROM {table} WHERE parent_id = {{}}"
        names = {row[0] for row in _fetch(batch, sql, (parent_id,))}
        children[parent_id] = names
    return names


def _fetch(batch: Batch, sql: str, parameters: tuple) -> list[tuple]:
    """Run *sql* (``{}`` for the markers) on the driver's cursor."""
    connection = batch.connection
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql.format(", ".join([marker] * len(parameters))), parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _under_new_context(batch: Batch, kind: str, slot: tuple) -> bool:
    """Return whether *slot* is under a context this batch creates.

    No other transaction can see that context, so every name under it was
    claimed in this batch: the database need not be asked.
    """
    if kind not in ("context", "asset"):
        return False
    return (_context_table(batch), (slot[1],)) in batch.created


def _context_table(batch: Batch) -> str:
    """Return the name of the context table, looked up once per batch."""
    name = batch.cache.get(_CONTEXT_TABLE)
    if name is None:
        name = batch.cache[_CONTEXT_TABLE] = batch.model.get("Context").table.name
    return name


def _stored_holder(batch: Batch, kind: str, parameters: tuple) -> Any:
    """Return the id of a stored row holding the slot, or None.

    Runs on the driver's cursor with cached SQL: this check runs for every
    new context, and the statement machinery would cost more than the query.
    """
    connection = batch.connection
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    type_name, condition = _LOOKUPS[kind]
    table = batch.model.get(type_name).table.name
    sql = f"SELECT id FROM {table} WHERE {condition.format(p=marker)} LIMIT 1"
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, parameters)
        row = cursor.fetchone()
    finally:
        cursor.close()
    return None if row is None else row[0]


def _changing(batch: Batch, kind: str, row_id: Any) -> bool:
    table = batch.model.get(_LOOKUPS[kind][0]).table
    update = batch.updates.get((table.name, (row_id,)))
    names = {"name", "parent_id", "context_id", "type_id"}
    return update is not None and bool(names & set(update.values))


def _lock(batch: Batch, slot: tuple) -> None:
    """Hold a PostgreSQL advisory lock on the parent of *slot*.

    The lock covers every name under one parent (``slot[:2]``) and lasts
    until the transaction ends, so a batch creating many children of one
    parent takes it once; a concurrent writer under that parent waits.
    """
    connection = batch.connection
    if connection.dialect.name != "postgresql":
        return
    held: set[tuple] = batch.cache.setdefault(_LOCKED, set())
    scope = slot[:2]
    if scope in held:
        return
    text = "\x00".join(str(part) for part in scope).encode()
    digest = hashlib.blake2b(text, digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
    finally:
        cursor.close()
    held.add(scope)
