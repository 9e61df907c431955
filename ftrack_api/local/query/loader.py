"""Load query results level by level.

The root rows come from one SELECT. Each projected relation is then loaded
for all rows of a level at once, with one batched ``IN`` query per relation
(split into chunks of :data:`CHUNK_SIZE` keys), and its own projections are
loaded the same way one level down. The number of queries depends on the
projections, never on the number of rows, and collections are never joined
to each other, so no result is a cartesian product.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.errors import UnknownAttributeError, ValidationError
from ftrack_api.local.model import Attribute, EntityType, Model
from ftrack_api.local.query import syntax
from ftrack_api.local.query.inheritance import type_clause
from ftrack_api.local.query.paths import find_attribute
from ftrack_api.local.query.tree import DEPTH, OWNER, RELATED, tree_pairs
from ftrack_api.local.serialize import to_wire

#: Most keys sent in one ``IN`` list (below SQLite's and PostgreSQL's limits).
CHUNK_SIZE = 5000

_OWNER = "_query_owner"


@dataclass
class Projection:
    """The attributes to load on one level, each with its own projections.

    Paths through one relation share its node whatever their casts, so the
    tree never depends on the order of the paths: ``casts`` collects the
    subtypes the relation was narrowed to (None for a path without a cast),
    and ``under`` the casts of the parent relation under which this
    attribute was asked for (None for no cast: every type of the level).
    """

    children: dict[str, Projection] = field(default_factory=dict)
    casts: set[str | None] = field(default_factory=set)
    under: set[str | None] = field(default_factory=set)

    @classmethod
    def from_paths(cls, paths: Iterable[syntax.Path]) -> Projection:
        """Return the projection tree of *paths* (``a.b``, ``a.c`` share ``a``)."""
        root = cls()
        for path in paths:
            node = root
            parent_cast: str | None = None
            for segment in path.segments:
                node = node.children.setdefault(segment.name, cls())
                node.under.add(parent_cast)
                node.casts.add(segment.cast)
                parent_cast = segment.cast
        return root

    @property
    def narrowed_to(self) -> tuple[str, ...] | None:
        """Return the sorted casts of this relation, or None if one path has none."""
        if not self.casts or None in self.casts:
            return None
        return tuple(sorted(name for name in self.casts if name is not None))


@dataclass
class _Relation:
    """A relation projected on a level: what to load and where to put it."""

    name: str
    attribute: Attribute
    owners: tuple[str, ...] | None
    target: EntityType | None
    projection: Projection
    #: Concrete types the related rows are narrowed to, or None for all.
    narrow: tuple[str, ...] | None = None


@dataclass
class _Level:
    """What one level selects from its table and how rows become objects."""

    entity_type: EntityType
    table: sa.Table
    columns: list[str]
    scalars: dict[str, tuple[Attribute, tuple[str, ...] | None]]
    computed: dict[str, tuple[Attribute, tuple[str, ...] | None]]
    relations: list[_Relation]
    shapes: dict[str, list[tuple[str, int, bool]]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.positions = {name: index for index, name in enumerate(self.columns)}

    def position(self, column: str) -> int:
        """Return the index of *column* in the selected row."""
        return self.positions[column]


class Loader:
    """Turn rows of one query into wire objects, loading projections in batches."""

    def __init__(self, connection: sa.Connection, model: Model) -> None:
        self.connection = connection
        self.model = model

    # Levels.

    def level(
        self,
        entity_type: EntityType,
        projection: Projection,
        extra_columns: Sequence[str] = (),
    ) -> _Level:
        """Return the plan of a level of *entity_type* rows."""
        scalars: dict[str, tuple[Attribute, tuple[str, ...] | None]] = {}
        computed: dict[str, tuple[Attribute, tuple[str, ...] | None]] = {}
        relations: list[_Relation] = []
        columns = list(entity_type.primary_key)
        if entity_type.discriminator is not None:
            columns.append(entity_type.discriminator)
        for concrete in _concrete_types(self.model, entity_type):
            columns.extend(system_attributes(concrete))
        for name, child in projection.children.items():
            attribute, owners = self._attribute(entity_type, name, child)
            if attribute.kind == "scalar" and not attribute.computed:
                scalars[name] = (attribute, owners)
                columns.append(attribute.column or name)
            elif attribute.kind == "scalar":
                computed[name] = (attribute, owners)
            else:
                target, narrow = self._target(attribute, child)
                relations.append(
                    _Relation(name, attribute, owners, target, child, narrow)
                )
                if attribute.join is not None:
                    columns.extend(attribute.join.local)
        return _Level(
            entity_type,
            entity_type.table,
            list(dict.fromkeys([*columns, *extra_columns])),
            scalars,
            computed,
            relations,
        )

    def _attribute(
        self, entity_type: EntityType, name: str, projection: Projection
    ) -> tuple[Attribute, tuple[str, ...] | None]:
        """Return attribute *name* of a level and the concrete types to load it on.

        An attribute asked for only under casts of the relation (``a[B].x``)
        is loaded on rows of those subtypes only, whatever other paths cast
        the same relation to.
        """
        under = projection.under
        if not under or None in under:
            found = find_attribute(entity_type, name)
            if found is not None:
                return found
            raise UnknownAttributeError(
                f"Entity type {entity_type.name!r} has no attribute {name!r} to select."
            )
        attribute: Attribute | None = None
        owners: set[str] = set()
        for cast in sorted(name for name in under if name is not None):
            cast_type = self.model.get(cast)
            found = find_attribute(cast_type, name)
            if found is None:
                continue
            attribute = attribute or found[0]
            owners.update(found[1] or cast_type.concrete_names)
        if attribute is None:
            raise UnknownAttributeError(
                f"Entity types {sorted(map(str, under))!r} have no attribute "
                f"{name!r} to select."
            )
        return attribute, tuple(sorted(owners))

    def _target(
        self, attribute: Attribute, projection: Projection
    ) -> tuple[EntityType | None, tuple[str, ...] | None]:
        """Return the type a relation loads and the concrete types it keeps."""
        if attribute.target is None:
            return None, None
        declared = self.model.get(attribute.target)
        casts = projection.narrowed_to
        if casts is None:
            for cast in projection.casts:
                self._cast(attribute, cast)
            return declared, None
        if len(casts) == 1:
            return self._cast(attribute, casts[0]), None
        narrow: set[str] = set()
        for cast in casts:
            narrow.update(self._cast(attribute, cast).concrete_names)
        return declared, tuple(sorted(narrow))

    def _cast(self, attribute: Attribute, cast: str | None) -> EntityType:
        assert attribute.target is not None
        if cast is None:
            return self.model.get(attribute.target)
        cast_type = self.model.get(cast)
        if not cast_type.is_a(attribute.target):
            raise ValidationError(
                f"Cannot cast {attribute.name!r} to {cast!r}: it is not "
                f"a kind of {attribute.target}."
            )
        return cast_type

    def _kept(self, relation: _Relation, table: Any) -> Any:
        """Return the clause keeping the related rows the relation's casts allow."""
        assert relation.target is not None
        if relation.narrow is None:
            return type_clause(relation.target, table)
        discriminator = relation.target.discriminator
        assert discriminator is not None
        return table.c[discriminator].in_(relation.narrow)

    def select(self, level: _Level, table: Any) -> sa.Select[Any]:
        """Return the SELECT of a level's columns from *table*."""
        return sa.select(*(table.c[name] for name in level.columns))

    # Objects.

    def objects(self, level: _Level, rows: Sequence[Any]) -> list[dict[str, Any]]:
        """Return the wire objects of *rows*, with every projection loaded."""
        objects = [self._object(level, row) for row in rows]
        if objects:
            self._computed(level, rows, objects)
            for relation in level.relations:
                self._relation(level, relation, rows, objects)
        return objects

    def _object(self, level: _Level, row: Any) -> dict[str, Any]:
        discriminator = level.entity_type.discriminator
        concrete = (
            row[level.positions[discriminator]]
            if discriminator is not None
            else level.entity_type.name
        )
        shape = level.shapes.get(concrete)
        if shape is None:
            shape = level.shapes[concrete] = self._shape(level, concrete)
        result: dict[str, Any] = {"__entity_type__": concrete}
        for key, index, convert in shape:
            value = row[index]
            result[key] = to_wire(value) if convert and value is not None else value
        return result

    def _shape(self, level: _Level, concrete: str) -> list[tuple[str, int, bool]]:
        """Return (key, column index, needs conversion) for a concrete type."""
        entity_type = self.model.get(concrete)
        keys = [*entity_type.primary_key, *system_attributes(entity_type)]
        for name, (_attribute, owners) in level.scalars.items():
            if owners is None or concrete in owners:
                keys.append(name)
        shape = []
        for key in dict.fromkeys(keys):
            attribute = entity_type.attributes.get(key)
            column = attribute.column if attribute is not None else key
            convert = attribute is not None and attribute.data_type == "datetime"
            shape.append((key, level.position(column or key), convert))
        return shape

    def _computed(
        self, level: _Level, rows: Sequence[Any], objects: list[dict[str, Any]]
    ) -> None:
        if not level.computed:
            return
        from ftrack_api.local import computed

        for name, (_attribute, owners) in level.computed.items():
            for concrete, indexes in _by_concrete(objects, owners).items():
                ids = [_single_key(level, rows[index]) for index in indexes]
                found = computed.compute(
                    self.connection, self.model, self.model.get(concrete), name, ids
                )
                for index, entity_id in zip(indexes, ids, strict=True):
                    objects[index][name] = found.get(entity_id)

    # Relations.

    def _relation(
        self,
        level: _Level,
        relation: _Relation,
        rows: Sequence[Any],
        objects: list[dict[str, Any]],
    ) -> None:
        indexes = [
            index
            for index, item in enumerate(objects)
            if relation.owners is None or item["__entity_type__"] in relation.owners
        ]
        if not indexes:
            return
        attribute = relation.attribute
        empty: Any = [] if attribute.is_collection else None
        if attribute.name == "custom_attributes" and attribute.is_collection:
            found = self._custom_attributes(level, rows, indexes)
        elif attribute.join is None:
            found = self._computed_relation(level, relation, rows, objects, indexes)
        elif attribute.join.tree is not None:
            found = self._tree(level, relation, rows, indexes)
        elif attribute.join.link_table is not None:
            found = self._linked(level, relation, rows, indexes)
        else:
            found = self._joined(level, relation, rows, indexes)
        for index in indexes:
            key = _local_key(level, relation.attribute, rows[index])
            value = found.get(key, empty) if key is not None else empty
            objects[index][relation.name] = value

    def _joined(
        self,
        level: _Level,
        relation: _Relation,
        rows: Sequence[Any],
        indexes: list[int],
    ) -> dict[Any, Any]:
        """Load a reference or one-to-many collection through its columns."""
        attribute = relation.attribute
        assert attribute.join is not None and relation.target is not None
        keys = _distinct_keys(level, attribute, rows, indexes)
        target_level = self.level(
            relation.target, relation.projection, attribute.join.remote
        )
        table = relation.target.table
        remote = [table.c[name] for name in attribute.join.remote]
        extra = [table.c[name] == value for name, value in attribute.join.where.items()]
        target_rows: list[Any] = []
        for chunk in _chunks(keys):
            condition = (
                remote[0].in_([key[0] for key in chunk])
                if len(remote) == 1
                else sa.tuple_(*remote).in_(chunk)
            )
            statement = (
                self.select(target_level, table)
                .where(condition, self._kept(relation, table))
                .where(*extra)
                .order_by(*(table.c[name] for name in relation.target.primary_key))
            )
            target_rows.extend(self.connection.execute(statement).all())
        targets = self.objects(target_level, target_rows)
        positions = [target_level.position(name) for name in attribute.join.remote]
        return _group(
            attribute.is_collection,
            (
                (tuple(row[p] for p in positions), item)
                for row, item in zip(target_rows, targets, strict=True)
            ),
        )

    def _linked(
        self,
        level: _Level,
        relation: _Relation,
        rows: Sequence[Any],
        indexes: list[int],
    ) -> dict[Any, Any]:
        """Load a many-to-many collection through its link table."""
        join = relation.attribute.join
        assert join is not None and join.link_table is not None
        assert relation.target is not None
        keys = _first_values(_distinct_keys(level, relation.attribute, rows, indexes))
        target_level = self.level(relation.target, relation.projection)
        table = relation.target.table
        link = join.link_table
        link_local, link_remote = join.link_local, join.link_remote
        assert link_local is not None and link_remote is not None
        target_rows: list[Any] = []
        for chunk in _chunks(keys):
            statement = (
                self.select(target_level, table)
                .add_columns(link.c[link_local].label(_OWNER))
                .join_from(table, link, link.c[link_remote] == table.c.id)
                .where(
                    link.c[link_local].in_(chunk),
                    self._kept(relation, table),
                )
                .order_by(*(table.c[name] for name in relation.target.primary_key))
            )
            target_rows.extend(self.connection.execute(statement).all())
        targets = self.objects(target_level, target_rows)
        owner = len(target_level.columns)
        return _group(
            True,
            [
                ((row[owner],), item)
                for row, item in zip(target_rows, targets, strict=True)
            ],
        )

    def _tree(
        self,
        level: _Level,
        relation: _Relation,
        rows: Sequence[Any],
        indexes: list[int],
    ) -> dict[Any, Any]:
        """Load ancestors or descendants of context rows."""
        join = relation.attribute.join
        assert join is not None and relation.target is not None
        keys = _first_values(_distinct_keys(level, relation.attribute, rows, indexes))
        pairs: list[Any] = []
        for chunk in _chunks(keys):
            pairs.extend(self._tree_pairs(level.entity_type.table, join.tree, chunk))
        target_level = self.level(relation.target, relation.projection)
        table = relation.target.table
        related = list(dict.fromkeys(pair[1] for pair in pairs))
        by_id: dict[Any, dict[str, Any]] = {}
        for chunk in _chunks(related):
            statement = self.select(target_level, table).where(
                table.c.id.in_(chunk),
                self._kept(relation, table),
            )
            target_rows = self.connection.execute(statement).all()
            for row, item in zip(
                target_rows, self.objects(target_level, target_rows), strict=True
            ):
                by_id[row[target_level.position("id")]] = item
        return _group(
            True,
            [((owner,), by_id[other]) for owner, other, _ in pairs if other in by_id],
        )

    def _tree_pairs(
        self, table: sa.Table, direction: str | None, ids: Sequence[Any]
    ) -> list[Any]:
        """Return (owner id, related id, depth) of ancestors or descendants."""
        assert direction is not None
        pairs = tree_pairs(table, direction, ids)
        statement = sa.select(pairs.c[OWNER], pairs.c[RELATED], pairs.c[DEPTH])
        order = [pairs.c[OWNER], pairs.c[DEPTH], pairs.c[RELATED]]
        return list(self.connection.execute(statement.order_by(*order)).all())

    def _custom_attributes(
        self, level: _Level, rows: Sequence[Any], indexes: list[int]
    ) -> dict[Any, Any]:
        """Load the dense custom attribute values of each entity."""
        from ftrack_api.local import custom_attributes

        ids = [_single_key(level, rows[index]) for index in indexes]
        values = custom_attributes.load_values(
            self.connection, self.model, level.entity_type, ids
        )
        return {(key,): value for key, value in values.items()}

    def _computed_relation(
        self,
        level: _Level,
        relation: _Relation,
        rows: Sequence[Any],
        objects: list[dict[str, Any]],
        indexes: list[int],
    ) -> dict[Any, Any]:
        """Load a computed reference such as ``Asset.latest_version``."""
        from ftrack_api.local import computed

        found: dict[Any, Any] = {}
        for concrete, positions in _by_concrete(
            [objects[index] for index in indexes], None
        ).items():
            ids = [_single_key(level, rows[indexes[p]]) for p in positions]
            values = computed.compute(
                self.connection,
                self.model,
                self.model.get(concrete),
                relation.name,
                ids,
            )
            found.update({(key,): value for key, value in values.items()})
        return found


@functools.cache
def system_attributes(entity_type: EntityType) -> tuple[str, ...]:
    """Return the attributes the server adds to every object of *entity_type*."""
    names = []
    aliases = {
        attribute.declaration.alias: name
        for name, attribute in entity_type.attributes.items()
        if isinstance(attribute.declaration.alias, str) and attribute.column
    }
    for name in entity_type.system_projections:
        attribute = entity_type.attributes.get(name)
        if attribute is not None and attribute.column is not None:
            names.append(name)
        elif name in aliases:
            names.append(aliases[name])
    if entity_type.is_a("TypedContext") and "object_type_id" in entity_type.attributes:
        names.append("object_type_id")
    return tuple(dict.fromkeys(names))


def _concrete_types(model: Model, entity_type: EntityType) -> list[EntityType]:
    return [model.get(name) for name in entity_type.concrete_names]


def _single_key(level: _Level, row: Any) -> Any:
    return row[level.position(level.entity_type.primary_key[0])]


def _local_key(level: _Level, attribute: Attribute, row: Any) -> tuple[Any, ...] | None:
    """Return the values of the relation's local columns, or None if any is null."""
    if (
        attribute.join is None
        or attribute.join.tree is not None
        or not (attribute.join.local)
    ):
        names: Sequence[str] = level.entity_type.primary_key[:1]
    else:
        names = attribute.join.local
    key = tuple(row[level.position(name)] for name in names)
    return None if any(value is None for value in key) else key


def _distinct_keys(
    level: _Level, attribute: Attribute, rows: Sequence[Any], indexes: list[int]
) -> list[tuple[Any, ...]]:
    keys = (_local_key(level, attribute, rows[index]) for index in indexes)
    return [key for key in dict.fromkeys(keys) if key is not None]


def _first_values(keys: list[tuple[Any, ...]]) -> list[Any]:
    return [key[0] for key in keys]


def _by_concrete(
    objects: list[dict[str, Any]], owners: tuple[str, ...] | None
) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(objects):
        concrete = item["__entity_type__"]
        if owners is None or concrete in owners:
            groups.setdefault(concrete, []).append(index)
    return groups


def _group(
    collection: bool, pairs: Iterable[tuple[tuple[Any, ...], dict[str, Any]]]
) -> dict[Any, Any]:
    """Return key -> object for references, key -> list of objects for collections."""
    if not collection:
        return dict(pairs)
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for key, item in pairs:
        grouped.setdefault(key, []).append(item)
    return grouped


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK_SIZE):
        yield items[start : start + CHUNK_SIZE]
