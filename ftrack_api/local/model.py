"""The runtime data model of the embedded backend.

Built once from :mod:`ftrack_api.local.schema_definition` (our one schema
definition). Everything else reads it: the ``query_schemas`` reply, the
database tables, write validation and the query compiler.

Use :func:`get_model` (cached) and look types up with :meth:`Model.get`::

    model = get_model()
    task = model.get("Task")             # EntityType, raises on unknown names
    task.table                           # sqlalchemy.Table holding Task rows
    task.type_filter()                   # WHERE clause selecting Task rows only
    task.attributes["parent"]            # Attribute

Entity types
    ``EntityType.name``, ``primary_key`` (attribute names, equal to column
    names), ``base`` / ``root`` (inheritance), ``concrete_names`` (this type
    and every subtype; a query on ``Context`` returns Project, Task, Shot...
    rows), ``discriminator`` (name of the column holding each row's concrete
    type name, or ``None`` when the table holds one type only, see
    :meth:`EntityType.concrete_name`), ``default_projections``,
    ``system_projections``, ``required``, ``immutable``.

Attributes (``EntityType.attributes[name]``)
    ``kind`` is one of ``"scalar"``, ``"reference"``, ``"collection"``,
    ``"mapped_collection"``.

    * scalar: ``column`` is the column name on ``entity_type.table`` (always
      equal to the attribute name), or ``None`` when ``computed`` is true.
      ``data_type`` is ``string``, ``integer``, ``number``, ``boolean``,
      ``datetime``, ``json`` (a JSON string on the wire), ``variable`` (any
      JSON value), ``object`` (computed objects).
    * reference: many-to-one. ``target`` names the type; ``join.local`` are
      columns on this type's table, ``join.remote`` the matching columns on
      the target's table (its primary key unless stated). ``computed``
      references (``Asset.latest_version``) have no join: ask
      :func:`ftrack_api.local.computed.compute`.
    * collection / mapped_collection: ``target`` names the item type. Either
      ``join.remote`` (columns on the target's table equal to this type's
      primary key, one-to-many), or ``join.link_table`` with
      ``join.link_local`` (equal to this type's ``id``) and
      ``join.link_remote`` (equal to the target's ``id``), many-to-many.
      ``join.where`` holds extra equality filters on the target table
      (``assignments`` = Appointments with ``type`` ``assignment``).
      ``join.tree`` is ``"ancestors"`` or ``"descendants"`` for the context
      tree (``parent_id`` chains of the Context table).
      ``custom_attributes`` is special: read it with
      :func:`ftrack_api.local.custom_attributes.load_values`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ftrack_api.local import schema_definition
from ftrack_api.local.errors import UnknownAttributeError, UnknownEntityTypeError
from ftrack_api.local.schema_language import (
    Attribute as Declaration,
)
from ftrack_api.local.schema_language import (
    CollectionDeclaration,
    ReferenceDeclaration,
    ScalarDeclaration,
    TypeDeclaration,
)

#: Column holding the concrete type name in tables shared by a type family.
DISCRIMINATOR = "_entity_type"

_SQL_TYPES: dict[str, Any] = {
    "string": sa.Unicode,
    "integer": sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
    "number": sa.Float,
    "boolean": sa.Boolean,
    "datetime": sa.DateTime,
    "json": sa.UnicodeText,
    "variable": sa.JSON,
    "object": sa.JSON,
}


@dataclass(frozen=True)
class Join:
    """How a relation joins its owner to its target."""

    local: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()
    link_table: sa.Table | None = None
    link_local: str | None = None
    link_remote: str | None = None
    where: dict[str, Any] = field(default_factory=dict)
    tree: str | None = None


@dataclass(frozen=True)
class Attribute:
    """One attribute of an entity type."""

    name: str
    kind: str
    data_type: str | None
    target: str | None
    column: str | None
    computed: bool
    join: Join | None
    declaration: Declaration

    @property
    def is_relation(self) -> bool:
        """Return whether the attribute points at other entities."""
        return self.kind != "scalar"

    @property
    def is_collection(self) -> bool:
        """Return whether the attribute holds a list of entities."""
        return self.kind in ("collection", "mapped_collection")


class EntityType:
    """One entity type: its attributes, keys, inheritance and table."""

    def __init__(self, declaration: TypeDeclaration) -> None:
        self.declaration = declaration
        self.name = declaration.name
        self.primary_key: tuple[str, ...] = tuple(declaration.key)
        self.required: tuple[str, ...] = tuple(declaration.required)
        self.immutable: tuple[str, ...] = tuple(declaration.immutable)
        self.default_projections: tuple[str, ...] = tuple(declaration.projections)
        self.system_projections: tuple[str, ...] = tuple(declaration.system or ())
        self.base: EntityType | None = None
        self.root: EntityType = self
        self.subtypes: list[EntityType] = []
        self.table: sa.Table = None  # type: ignore[assignment]
        self.discriminator: str | None = None
        self.attributes: dict[str, Attribute] = {}

    def __repr__(self) -> str:
        return f"<EntityType {self.name}>"

    @property
    def concrete_names(self) -> tuple[str, ...]:
        """Return this type's name and those of every subtype."""
        names = [self.name]
        for subtype in self.subtypes:
            names.extend(subtype.concrete_names)
        return tuple(names)

    def is_a(self, name: str) -> bool:
        """Return whether this type is *name* or inherits from it."""
        return name in self.lineage

    @functools.cached_property
    def stored_attributes(self) -> tuple[str, ...]:
        """Return the names of the attributes stored in a column."""
        return tuple(
            name
            for name, attribute in self.attributes.items()
            if attribute.column is not None
        )

    @functools.cached_property
    def lineage(self) -> frozenset[str]:
        """Return the names of this type and of its bases."""
        names = set()
        current: EntityType | None = self
        while current is not None:
            names.add(current.name)
            current = current.base
        return frozenset(names)

    def attribute(self, name: str) -> Attribute:
        """Return attribute *name*, or raise UnknownAttributeError."""
        try:
            return self.attributes[name]
        except KeyError:
            raise UnknownAttributeError(
                f"Entity type {self.name!r} has no attribute {name!r}."
            ) from None

    def type_filter(self) -> sa.ColumnElement[bool] | None:
        """Return the WHERE clause selecting this type's rows, or None."""
        if self.discriminator is None or self.base is None and not self.subtypes:
            return None
        if self.base is None:
            return None
        column = self.table.c[self.discriminator]
        names = self.concrete_names
        if len(names) == 1:
            return column == names[0]
        return column.in_(names)

    def concrete_name(self, row: Any) -> str:
        """Return the concrete type name of a *row* read from this table."""
        if self.discriminator is None:
            return self.name
        return (
            getattr(row, self.discriminator, None) or row._mapping[self.discriminator]
        )

    def schema(self) -> dict[str, Any]:
        """Return this type's entry of the ``query_schemas`` reply."""
        declaration = self.declaration
        result: dict[str, Any] = {
            "id": self.name,
            "type": "object",
            "properties": {
                name: _property_schema(attribute.declaration, attribute)
                for name, attribute in self.attributes.items()
            },
            "primary_key": list(declaration.key),
            "required": list(declaration.required),
            "immutable": list(declaration.immutable),
            "default_projections": list(declaration.projections),
        }
        if declaration.system is not None:
            result["system_projections"] = list(declaration.system)
        if declaration.computed is not None:
            result["computed"] = list(declaration.computed)
        if declaration.alias is not None:
            result["alias_for"] = declaration.alias
        return result

    def defaults(self) -> dict[str, Any]:
        """Return the declared default of each attribute that has one."""
        return dict(self._declared_defaults)

    @functools.cached_property
    def _declared_defaults(self) -> tuple[tuple[str, Any], ...]:
        """Return (name, default) of each attribute with a declared default."""
        return tuple(
            (name, attribute.declaration.default)
            for name, attribute in self.attributes.items()
            if attribute.declaration.has_default
        )


def _property_schema(declaration: Declaration, attribute: Attribute) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if isinstance(declaration, ReferenceDeclaration):
        result["$ref"] = declaration.target
        if declaration.type is not None:
            result["type"] = declaration.type
    elif isinstance(declaration, CollectionDeclaration):
        result["type"] = "mapped_array" if declaration.mapped else "array"
        result["items"] = {"$ref": declaration.target}
    elif isinstance(declaration, ScalarDeclaration) and declaration.type is not None:
        result["type"] = declaration.type
    if declaration.fmt is not None:
        result["format"] = declaration.fmt
    if declaration.alias is not None:
        result["alias_for"] = declaration.alias
    if declaration.has_default:
        result["default"] = declaration.default
    if declaration.fk is not None:
        result["description"] = f"Foreign key(s): {declaration.fk}"
    elif declaration.doc is not None:
        result["description"] = declaration.doc
    if declaration.restricted:
        result["restricted_projection"] = True
    if declaration.kv is not None:
        result["key_value_attributes"] = dict(declaration.kv)
    if declaration.transform is not None:
        result["transform"] = dict(declaration.transform)
    if declaration.enum is not None:
        result["enum"] = list(declaration.enum)
    return result


def _data_type(declaration: ScalarDeclaration) -> str:
    if declaration.fmt == "date-time":
        return "datetime"
    if declaration.fmt == "json":
        return "json"
    return declaration.type or "string"


class Model:
    """Every entity type, their tables, and the ``query_schemas`` reply."""

    def __init__(
        self,
        declarations: Iterable[TypeDeclaration],
        link_tables: dict[str, tuple[str, str]],
    ) -> None:
        self.metadata = sa.MetaData()
        self.types: dict[str, EntityType] = {
            declaration.name: EntityType(declaration) for declaration in declarations
        }
        self._link_columns = link_tables
        self._link_tables: dict[str, sa.Table] = {}
        self._link_inheritance()
        self._build_tables()
        for entity_type in self.types.values():
            self._build_attributes(entity_type)

    def get(self, name: str) -> EntityType:
        """Return entity type *name*, or raise UnknownEntityTypeError."""
        try:
            return self.types[name]
        except (KeyError, TypeError):
            raise UnknownEntityTypeError(f"Unknown entity type {name!r}.") from None

    def schemas(self) -> list[dict[str, Any]]:
        """Return the ``query_schemas`` reply."""
        return [entity_type.schema() for entity_type in self.types.values()]

    @functools.cached_property
    def schema_hash(self) -> str:
        """Return the MD5 hex digest of the sorted JSON of :meth:`schemas`."""
        text = json.dumps(self.schemas(), sort_keys=True)
        return hashlib.md5(text.encode("utf-8")).hexdigest()

    def link_table(self, name: str) -> sa.Table:
        """Return the table of a many-to-many link (or of an entity type)."""
        if name in self._link_tables:
            return self._link_tables[name]
        return self.metadata.tables[name]

    def _link_inheritance(self) -> None:
        for entity_type in self.types.values():
            declaration = entity_type.declaration
            parent_name = declaration.base or declaration.shares
            if parent_name is None:
                continue
            parent = self.types[parent_name]
            if declaration.base:
                entity_type.base = parent
                parent.subtypes.append(entity_type)
        for entity_type in self.types.values():
            root = entity_type
            while root.base is not None:
                root = root.base
            entity_type.root = root

    def _table_owner(self, entity_type: EntityType) -> EntityType:
        root = entity_type.root
        shares = root.declaration.shares
        return self.types[shares].root if shares else root

    def _build_tables(self) -> None:
        families: dict[str, list[EntityType]] = {}
        for entity_type in self.types.values():
            owner = self._table_owner(entity_type)
            families.setdefault(owner.name, []).append(entity_type)
        for owner_name, members in families.items():
            owner = self.types[owner_name]
            table = self._family_table(owner, members)
            has_subtypes = any(member.base is not None for member in members)
            for member in members:
                member.table = table
                member.discriminator = DISCRIMINATOR if has_subtypes else None
        for name, (first, second) in self._link_columns.items():
            self._link_tables[name] = sa.Table(
                name,
                self.metadata,
                sa.Column(first, sa.Unicode, primary_key=True),
                sa.Column(second, sa.Unicode, primary_key=True),
            )

    def _family_table(self, owner: EntityType, members: list[EntityType]) -> sa.Table:
        columns: dict[str, sa.Column[Any]] = {}
        key = owner.primary_key
        for member in [owner, *[m for m in members if m is not owner]]:
            for name, sql_type in _storage_columns(member):
                if name not in columns:
                    columns[name] = sa.Column(
                        name, sql_type, primary_key=name in key, nullable=True
                    )
        if any(member.base is not None for member in members):
            columns[DISCRIMINATOR] = sa.Column(DISCRIMINATOR, sa.Unicode)
        if key == ("id",) and isinstance(columns["id"].type, sa.Integer):
            columns["id"] = sa.Column("id", sa.Integer, primary_key=True)
        table_name = owner.declaration.table or owner.name.lower()
        table = sa.Table(table_name, self.metadata, *columns.values())
        unique = {name for member in members for name in member.declaration.unique}
        for column in _indexed_columns(table):
            keyed = column in _PAGED_FILTERS and column not in unique
            names = _key_ordered(table, column) if keyed else [column]
            sa.Index(
                f"ix_{table_name}_{column}",
                *(table.c[name] for name in names),
                unique=column in unique,
            )
        return table

    def _build_attributes(self, entity_type: EntityType) -> None:
        for name, declaration in entity_type.declaration.attributes.items():
            entity_type.attributes[name] = self._attribute(
                entity_type, name, declaration
            )

    def _attribute(
        self, entity_type: EntityType, name: str, declaration: Declaration
    ) -> Attribute:
        if isinstance(declaration, ScalarDeclaration):
            stored = not declaration.computed
            return Attribute(
                name,
                "scalar",
                _data_type(declaration),
                None,
                name if stored else None,
                declaration.computed,
                None,
                declaration,
            )
        if isinstance(declaration, ReferenceDeclaration):
            target = self.types[declaration.target]
            join = None
            if not declaration.computed:
                remote = declaration.remote or target.primary_key
                join = Join(local=declaration.local, remote=tuple(remote))
            return Attribute(
                name,
                "reference",
                None,
                declaration.target,
                None,
                declaration.computed,
                join,
                declaration,
            )
        assert isinstance(declaration, CollectionDeclaration)
        return Attribute(
            name,
            "mapped_collection" if declaration.mapped else "collection",
            None,
            declaration.target,
            None,
            False,
            self._collection_join(entity_type, declaration),
            declaration,
        )

    def _collection_join(
        self, entity_type: EntityType, declaration: CollectionDeclaration
    ) -> Join:
        where = dict(declaration.where or {})
        if declaration.tree:
            return Join(tree=declaration.tree)
        if declaration.link:
            table_name, link_local, link_remote = declaration.link
            return Join(
                local=("id",),
                remote=("id",),
                link_table=self.link_table(table_name),
                link_local=link_local,
                link_remote=link_remote,
                where=where,
            )
        remote = declaration.remote or ()
        return Join(
            local=entity_type.primary_key[: len(remote)], remote=remote, where=where
        )


def _storage_columns(entity_type: EntityType) -> list[tuple[str, Any]]:
    columns: list[tuple[str, Any]] = []
    declared = entity_type.declaration.attributes
    for name, declaration in declared.items():
        if isinstance(declaration, ScalarDeclaration) and not declaration.computed:
            columns.append((name, _SQL_TYPES[_data_type(declaration)]))
    for declaration in declared.values():
        if isinstance(declaration, ReferenceDeclaration):
            for column in declaration.local:
                if column not in declared or isinstance(
                    declared[column], ReferenceDeclaration
                ):
                    columns.append((column, sa.Unicode))
    for name, data_type in entity_type.declaration.hidden.items():
        columns.append((name, _SQL_TYPES[data_type]))
    return columns


def _indexed_columns(table: sa.Table) -> list[str]:
    """Return the columns worth an index: foreign keys, parent ids, the type."""
    names = []
    for column in table.columns:
        if column.primary_key and len(table.primary_key.columns) == 1:
            continue
        if column.name.endswith("_id") or column.name in (
            "key",
            "name",
            "username",
            DISCRIMINATOR,
        ):
            names.append(column.name)
    return names


#: Columns whose filters select many rows, paged in key order.
_PAGED_FILTERS = frozenset({"project_id", "parent_id", DISCRIMINATOR})


def _key_ordered(table: sa.Table, column: str) -> list[str]:
    """Return the columns of an index on *column* that also serves key order.

    Large queries filter on a project or parent and the entity type, and
    page in primary key order: an index on (column, type,
    id) answers ``... ORDER BY id LIMIT n OFFSET m`` by walking the index
    alone, skipping the offset rows without reading them or sorting.
    """
    key = [name.name for name in table.primary_key.columns]
    if key != ["id"]:
        return [column]
    names = [column]
    if column != DISCRIMINATOR and DISCRIMINATOR in table.c:
        names.append(DISCRIMINATOR)
    return [*names, "id"]


@functools.lru_cache(maxsize=1)
def get_model() -> Model:
    """Return the model built from our schema definition (built once)."""
    return Model(schema_definition.TYPES, schema_definition.LINK_TABLES)
