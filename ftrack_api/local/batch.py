"""The state of one ``call`` batch: one transaction and its buffered writes.

Creates and updates are buffered and written with one ``executemany`` per
table and column set when something needs the database to be current (a
query, a delete, a collection change, the end of the batch). Rows created
earlier in the batch can be read and changed before they reach the
database. At the end, required attributes and references are checked, so an
operation may be completed by a later one.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.errors import (
    BackendError,
    DuplicateEntryError,
    MissingRequiredAttributeError,
    NotFoundError,
)
from ftrack_api.local.model import EntityType, Model

logger = logging.getLogger(__name__)

#: Largest number of bound values in one IN clause.
CHUNK = 500


@dataclass(slots=True)
class Context:
    """Where a write comes from, for error messages."""

    index: int
    action: str
    type_name: str
    key: tuple[Any, ...]

    def describe(self) -> str:
        """Return e.g. ``operation 2 (create Task 'abc')``."""
        key = ", ".join(repr(part) for part in self.key)
        return f"operation {self.index} ({self.action} {self.type_name} {key})"


@dataclass(slots=True)
class PendingRow:
    """A row created in this batch."""

    entity_type: EntityType
    values: dict[str, Any]
    context: Context
    automatic: bool = False
    flushed: bool = False


@dataclass(slots=True)
class PendingUpdate:
    """Changes to a row that existed before this batch."""

    entity_type: EntityType
    key: tuple[Any, ...]
    values: dict[str, Any]
    context: Context


@dataclass(slots=True)
class ReferenceCheck:
    """A written value that must name an existing row."""

    target: EntityType
    value: Any
    context: Context
    attribute: str


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """Yield *items* in slices of at most *size*."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def key_clause(table: sa.Table, columns: Sequence[str], keys: Iterable[tuple]):
    """Return a WHERE clause matching rows whose *columns* equal one of *keys*."""
    keys = list(keys)
    if len(columns) == 1:
        return table.c[columns[0]].in_([key[0] for key in keys])
    return sa.tuple_(*(table.c[name] for name in columns)).in_(keys)


@dataclass
class Batch:
    """Buffered writes and bookkeeping of one transaction."""

    connection: sa.Connection
    model: Model
    user_id: str | None
    now: datetime.datetime = field(
        default_factory=lambda: datetime.datetime.now(datetime.timezone.utc).replace(
            tzinfo=None
        )
    )
    created: dict[tuple[str, tuple], PendingRow] = field(default_factory=dict)
    updates: dict[tuple[str, tuple], PendingUpdate] = field(default_factory=dict)
    references: list[ReferenceCheck] = field(default_factory=list)
    deleted: set[tuple[str, tuple]] = field(default_factory=set)
    cache: dict[Any, Any] = field(default_factory=dict)

    # Reading -----------------------------------------------------------

    def get_row(self, entity_type: EntityType, key: tuple) -> dict[str, Any] | None:
        """Return the current values of a row (pending or stored), or None."""
        identity = (entity_type.table.name, key)
        if identity in self.deleted:
            return None
        pending = self.created.get(identity)
        if pending is not None:
            return pending.values
        table = entity_type.table
        row = (
            self.connection.execute(
                sa.select(table).where(
                    key_clause(table, entity_type.primary_key, [key])
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        values = dict(row)
        update = self.updates.get(identity)
        if update is not None:
            values.update(update.values)
        return values

    def get_by_id(self, type_name: str, entity_id: Any) -> dict[str, Any] | None:
        """Return the row of *type_name* with id *entity_id*, or None."""
        if entity_id is None:
            return None
        return self.get_row(self.model.get(type_name), (entity_id,))

    # Writing -----------------------------------------------------------

    def add_created(self, pending: PendingRow) -> None:
        """Buffer a new row; raise DuplicateEntryError if its key is taken."""
        entity_type = pending.entity_type
        key = tuple(pending.values.get(name) for name in entity_type.primary_key)
        if None in key:
            key = self._insert_numbered(pending)
        identity = (entity_type.table.name, key)
        existing = self.created.get(identity)
        if existing is not None and existing.automatic and not existing.flushed:
            existing.values.update(pending.values)
            return
        if existing is not None:
            raise DuplicateEntryError(
                f"{pending.context.describe()}: {entity_type.name} with key "
                f"{key!r} is already created in this batch."
            )
        self.deleted.discard(identity)
        self.created[identity] = pending

    def _insert_numbered(self, pending: PendingRow) -> tuple:
        """Insert a row whose key the database numbers; return its key."""
        table = pending.entity_type.table
        values = {
            name: value
            for name, value in pending.values.items()
            if name in table.c and not (value is None and table.c[name].primary_key)
        }
        result = self.connection.execute(table.insert().values(values))
        key = tuple(result.inserted_primary_key or ())
        pending.values.update(zip(pending.entity_type.primary_key, key, strict=True))
        pending.flushed = True
        return key

    def add_update(
        self,
        entity_type: EntityType,
        key: tuple,
        values: dict[str, Any],
        context: Context,
    ) -> None:
        """Buffer changes to an existing or pending row."""
        identity = (entity_type.table.name, key)
        pending = self.created.get(identity)
        if pending is not None:
            pending.values.update(values)
            if not pending.flushed:
                return
        update = self.updates.get(identity)
        if update is None:
            self.updates[identity] = PendingUpdate(
                entity_type, key, dict(values), context
            )
        else:
            update.values.update(values)

    def flush(self) -> None:
        """Write every buffered create and update to the database."""
        self._flush_creates()
        self._flush_updates()

    def _flush_creates(self) -> None:
        groups: dict[str, list[PendingRow]] = {}
        for pending in self.created.values():
            if not pending.flushed:
                groups.setdefault(pending.entity_type.table.name, []).append(pending)
        for rows in groups.values():
            table = rows[0].entity_type.table
            columns = [
                column.name
                for column in table.columns
                if not _generated_by_database(column, rows)
            ]
            parameters = [
                {name: row.values.get(name) for name in columns} for row in rows
            ]
            try:
                with self.connection.begin_nested():
                    self.connection.execute(table.insert(), parameters)
            except sa.exc.IntegrityError as error:
                self._explain_duplicate(rows)
                raise DuplicateEntryError(
                    f"{rows[0].context.describe()}: writing {len(rows)} "
                    f"{rows[0].entity_type.name} row(s) breaks a uniqueness rule: "
                    f"{error.orig}"
                ) from error
            for row in rows:
                row.flushed = True

    def _explain_duplicate(self, rows: list[PendingRow]) -> None:
        entity_type = rows[0].entity_type
        table = entity_type.table
        names = entity_type.primary_key
        keys = [tuple(row.values.get(name) for name in names) for row in rows]
        existing: set[tuple] = set()
        for part in chunks(keys):
            result = self.connection.execute(
                sa.select(*(table.c[name] for name in names)).where(
                    key_clause(table, names, part)
                )
            )
            existing.update(tuple(row) for row in result)
        for row, key in zip(rows, keys, strict=False):
            if key in existing:
                raise DuplicateEntryError(
                    f"{row.context.describe()}: an entity with "
                    f"key {dict(zip(names, key, strict=False))!r} already exists."
                )

    def _flush_updates(self) -> None:
        if not self.updates:
            return
        pending = list(self.updates.values())
        self.updates = {}
        groups: dict[tuple[str, tuple[str, ...]], list[PendingUpdate]] = {}
        for update in pending:
            columns = tuple(sorted(update.values))
            groups.setdefault((update.entity_type.name, columns), []).append(update)
        for (_, columns), updates in groups.items():
            if not columns:
                self._check_updated_rows_exist(updates)
                continue
            matched = self._write_updates(updates, columns)
            if matched != len(updates):
                self._check_updated_rows_exist(updates)

    def _write_updates(self, updates: list[PendingUpdate], columns: tuple) -> int:
        """Write one group of updates; return the rows matched, or -1."""
        entity_type = updates[0].entity_type
        table = entity_type.table
        names = entity_type.primary_key
        statement = (
            table.update()
            .where(
                sa.and_(
                    *(table.c[name] == sa.bindparam(f"key_{name}") for name in names)
                )
            )
            .values({name: sa.bindparam(f"value_{name}") for name in columns})
        )
        type_filter = entity_type.type_filter()
        if type_filter is not None:
            statement = statement.where(type_filter)
        key_names = [f"key_{name}" for name in names]
        pairs = [(f"value_{name}", name) for name in columns]
        parameters = []
        for update in updates:
            parameter = dict(zip(key_names, update.key, strict=True))
            values = update.values
            for parameter_name, column in pairs:
                parameter[parameter_name] = values[column]
            parameters.append(parameter)
        compiled = self._plain_compiled(statement, entity_type, (*names, *columns))
        if compiled is None:
            result = self.connection.execute(statement, parameters)
        else:
            result = self._execute_compiled(compiled, parameters)
        if not self.connection.dialect.supports_sane_multi_rowcount:
            return -1
        return result.rowcount

    def _plain_compiled(
        self, statement: sa.Update, entity_type: EntityType, columns: Sequence[str]
    ) -> sa.engine.Compiled | None:
        """Return *statement* compiled if its values pass to the driver as is.

        That is when no column of *columns* (nor the type discriminator)
        converts its bound values and no IN list expands at execution: the
        driver then takes the rows without SQLAlchemy building each one.
        """
        dialect = self.connection.dialect
        table = entity_type.table
        names = [*columns]
        if entity_type.discriminator is not None:
            names.append(entity_type.discriminator)
        for name in names:
            column_type = table.c[name].type
            if column_type.dialect_impl(dialect).bind_processor(dialect) is not None:
                return None
        compiled = statement.compile(dialect=dialect)
        if "POSTCOMPILE" in compiled.string:
            return None
        return compiled

    def _execute_compiled(
        self, compiled: sa.engine.Compiled, parameters: list[dict[str, Any]]
    ) -> sa.CursorResult[Any]:
        """Run *compiled* once per row of *parameters* on the driver's SQL."""
        fixed = compiled.params
        order = getattr(compiled, "positiontup", None)
        if order is not None:
            rows: list[Any] = [
                tuple(row[name] if name in row else fixed[name] for name in order)
                for row in parameters
            ]
        else:
            rows = [{**fixed, **row} for row in parameters]
        return self.connection.exec_driver_sql(compiled.string, rows)

    def _check_updated_rows_exist(self, updates: list[PendingUpdate]) -> None:
        by_type: dict[str, list[PendingUpdate]] = {}
        for update in updates:
            by_type.setdefault(update.entity_type.name, []).append(update)
        for group in by_type.values():
            entity_type = group[0].entity_type
            table = entity_type.table
            names = entity_type.primary_key
            type_filter = entity_type.type_filter()
            found: set[tuple] = set()
            for part in chunks([update.key for update in group]):
                statement = sa.select(*(table.c[name] for name in names)).where(
                    key_clause(table, names, part)
                )
                if type_filter is not None:
                    statement = statement.where(type_filter)
                result = self.connection.execute(statement)
                found.update(tuple(row) for row in result)
            for update in group:
                if update.key not in found:
                    key = dict(zip(names, update.key, strict=False))
                    raise NotFoundError(
                        f"{update.context.describe()}: no {update.entity_type.name} "
                        f"with key {key!r} exists."
                    )

    def was_deleted(self, entity_type: EntityType, key: tuple) -> bool:
        """Return whether an earlier operation of this batch deleted the row."""
        return (entity_type.table.name, key) in self.deleted

    def forget(self, entity_type: EntityType, keys: Iterable[tuple]) -> None:
        """Drop bookkeeping of deleted rows."""
        table_name = entity_type.table.name
        for key in keys:
            identity = (table_name, key)
            self.created.pop(identity, None)
            self.updates.pop(identity, None)
            self.deleted.add(identity)

    # End-of-batch checks ---------------------------------------------

    def finish(self) -> None:
        """Flush, then check required attributes and references."""
        self.flush()
        self._check_required()
        self._check_references()

    def _check_required(self) -> None:
        for pending in self.created.values():
            entity_type = pending.entity_type
            for name in entity_type.required:
                attribute = entity_type.attributes.get(name)
                if attribute is None or attribute.computed:
                    continue
                if attribute.column is not None:
                    columns: tuple[str, ...] = (attribute.column,)
                elif attribute.kind == "reference" and attribute.join is not None:
                    columns = attribute.join.local
                else:
                    continue
                if any(pending.values.get(column) is None for column in columns):
                    raise MissingRequiredAttributeError(
                        f"{pending.context.describe()}: missing required attribute "
                        f"{entity_type.name}.{name} (value None)."
                    )

    def _check_references(self) -> None:
        by_table: dict[str, list[ReferenceCheck]] = {}
        for check in self.references:
            by_table.setdefault(check.target.table.name, []).append(check)
        for checks in by_table.values():
            target = checks[0].target
            table = target.table
            (column,) = target.primary_key
            values = sorted({check.value for check in checks}, key=str)
            found: set[Any] = set()
            for part in chunks(values):
                result = self.connection.execute(
                    sa.select(table.c[column]).where(table.c[column].in_(part))
                )
                found.update(row[0] for row in result)
            for check in checks:
                if check.value not in found:
                    raise NotFoundError(
                        f"{check.context.describe()}: attribute {check.attribute!r} "
                        f"refers to {target.name} {check.value!r}, which does not "
                        "exist."
                    )


def _generated_by_database(column: sa.Column, rows: list[PendingRow]) -> bool:
    """Return whether *column* is an integer key the database numbers itself."""
    if not column.primary_key or not isinstance(column.type, sa.Integer):
        return False
    return all(row.values.get(column.name) is None for row in rows)


def describe_error(error: BackendError, context: Context) -> BackendError:
    """Return *error* with the operation named, if it is not already."""
    if "operation " in error.content:
        return error
    error.content = f"{context.describe()}: {error.content}"
    error.args = (error.content,)
    return error
