"""Compile query conditions and orderings to SQLAlchemy Core.

Every literal becomes a bound parameter; names only ever select tables and
columns that the model declares, so no query text reaches the SQL.

A condition through a relation becomes an uncorrelated ``IN`` subquery on a
fresh alias of the target's table::

    Task where parent.parent.name is "sq010"
    -> context.parent_id IN (SELECT c1.id FROM context AS c1
           WHERE c1.parent_id IN (SELECT c2.id FROM context AS c2
               WHERE c2.name = :name))

so that a path through a collection matches when any member matches, the
database evaluates each subquery once, and no join multiplies rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.errors import ValidationError
from ftrack_api.local.model import Attribute, EntityType, Model
from ftrack_api.local.query import syntax, values
from ftrack_api.local.query.custom_values import dense_values
from ftrack_api.local.query.inheritance import type_condition
from ftrack_api.local.query.paths import Step, resolve
from ftrack_api.local.query.tree import OWNER, RELATED, tree_pairs

Condition = sa.ColumnElement[bool]
FromClause = Any
Leaf = Callable[[Step, FromClause], Condition]

_COMPARATORS: dict[str, Callable[[Any, Any], Condition]] = {
    "is": lambda column, value: column == value,
    "=": lambda column, value: column == value,
    "is_not": lambda column, value: column != value,
    "!=": lambda column, value: column != value,
    "<": lambda column, value: column < value,
    "less_than": lambda column, value: column < value,
    "before": lambda column, value: column < value,
    ">": lambda column, value: column > value,
    "greater_than": lambda column, value: column > value,
    "after": lambda column, value: column > value,
    "<=": lambda column, value: column <= value,
    ">=": lambda column, value: column >= value,
    "like": lambda column, value: column.ilike(_like_pattern(value), escape="\\"),
    "not_like": lambda column, value: column.not_ilike(
        _like_pattern(value), escape="\\"
    ),
}


def _like_pattern(value: Any) -> str:
    """Return *value* with ``_`` and backslash taken literally; ``%`` stays wild."""
    return str(value).replace("\\", "\\\\").replace("_", "\\_")


def _owner_condition(step: Step, table: FromClause) -> Condition | None:
    """Return the clause keeping rows whose concrete type has the step's attribute."""
    if step.owners is None or step.owner.discriminator is None:
        return None
    return table.c[step.owner.discriminator].in_(step.owners)


def _is_custom_attributes(step: Step) -> bool:
    return step.attribute.name == "custom_attributes" and step.attribute.is_collection


def _and(*conditions: Condition | None) -> Condition:
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return sa.true()
    return present[0] if len(present) == 1 else sa.and_(*present)


def _columns_in(columns: Sequence[Any], selection: Any) -> Condition:
    if len(columns) == 1:
        return columns[0].in_(selection)
    return sa.tuple_(*columns).in_(selection)


class Compiler:
    """Compile conditions and orderings of one query on one dialect."""

    def __init__(self, model: Model, dialect: str) -> None:
        self.model = model
        self.dialect = dialect

    # Conditions.

    def condition(
        self, entity_type: EntityType, table: FromClause, expression: syntax.Expression
    ) -> Condition:
        """Return the SQL condition of *expression* on rows of *table*."""
        if isinstance(expression, syntax.And):
            return sa.and_(
                *(self.condition(entity_type, table, e) for e in expression.operands)
            )
        if isinstance(expression, syntax.Or):
            return sa.or_(
                *(self.condition(entity_type, table, e) for e in expression.operands)
            )
        if isinstance(expression, syntax.Not):
            return sa.not_(self.condition(entity_type, table, expression.operand))
        steps = resolve(self.model, entity_type, expression.path)
        return self._through(steps, table, self._leaf(expression))

    def _through(self, steps: list[Step], table: FromClause, leaf: Leaf) -> Condition:
        """Follow *steps* from *table* with IN subqueries, then apply *leaf*."""
        step = steps[0]
        if len(steps) == 1:
            return _and(_owner_condition(step, table), leaf(step, table))
        if step.target is None:
            raise ValidationError(
                f"{step.owner.name}.{step.attribute.name} is not a relation."
            )
        target_table = self.target_table(step)
        inner = _and(
            type_condition(step.target, target_table),
            self._through(steps[1:], target_table, leaf),
        )
        return _and(
            _owner_condition(step, table),
            self.related(step, table, target_table, inner),
        )

    def target_table(self, step: Step) -> FromClause:
        """Return a fresh alias of the table a relation step leads to.

        ``custom_attributes`` leads to the dense values (stored or default),
        the same rows a projection of it returns.
        """
        assert step.target is not None
        if _is_custom_attributes(step):
            return dense_values(self.model, step.owner)
        return step.target.table.alias()

    def related(
        self, step: Step, table: FromClause, target_table: FromClause, inner: Condition
    ) -> Condition:
        """Return rows of *table* with a related row of *target_table* matching."""
        attribute = step.attribute
        if _is_custom_attributes(step):
            selection = sa.select(target_table.c.entity_id).where(inner)
            return table.c[step.owner.primary_key[0]].in_(selection)
        join = attribute.join
        if join is None:
            raise ValidationError(
                f"Cannot filter on computed {step.owner.name}.{attribute.name}."
            )
        if join.tree is not None:
            return self._tree(step, table, target_table, inner)
        extra = [target_table.c[name] == value for name, value in join.where.items()]
        if join.link_table is not None:
            assert join.link_local is not None and join.link_remote is not None
            link = join.link_table.alias()
            targets = sa.select(target_table.c.id).where(inner, *extra)
            linked = sa.select(link.c[str(join.link_local)]).where(
                link.c[str(join.link_remote)].in_(targets)
            )
            return table.c.id.in_(linked)
        remote = [target_table.c[name] for name in join.remote]
        local = [table.c[name] for name in join.local]
        present = [column.is_not(None) for column in remote]
        selection = sa.select(*remote).where(inner, *extra, *present)
        return _columns_in(local, selection)

    def _tree(
        self, step: Step, table: FromClause, target_table: FromClause, inner: Condition
    ) -> Condition:
        """Return rows of *table* with an ancestor or descendant matching."""
        join = step.attribute.join
        assert join is not None and join.tree is not None
        pairs = tree_pairs(step.owner.table, join.tree)
        matching = sa.select(target_table.c.id).where(inner)
        selection = sa.select(pairs.c[OWNER]).where(pairs.c[RELATED].in_(matching))
        return table.c.id.in_(selection)

    # Leaves.

    def _leaf(self, expression: syntax.Expression) -> Leaf:
        if isinstance(expression, syntax.Comparison):
            return lambda step, table: self._compare(step, table, expression)
        if isinstance(expression, syntax.Membership):
            return lambda step, table: self._member(step, table, expression)
        assert isinstance(expression, syntax.Related)
        return lambda step, table: self._relate(step, table, expression)

    def _compare(
        self, step: Step, table: FromClause, expression: syntax.Comparison
    ) -> Condition:
        attribute = step.attribute
        if attribute.is_collection:
            return self._collection_is_empty(step, table, expression)
        column, data_type = self._leaf_column(step, table, expression.path)
        if expression.operator in ("like", "not_like"):
            return self._like(column, data_type, expression)
        column, value = self._operand(column, data_type, expression.value, expression)
        if value is None:
            if expression.operator in ("is", "="):
                return column.is_(None)
            if expression.operator in ("is_not", "!="):
                return column.is_not(None)
            raise ValidationError(
                f"Cannot compare {expression.path} with None using "
                f"{expression.operator!r}."
            )
        return _COMPARATORS[expression.operator](column, value)

    def _like(
        self, column: Any, data_type: str | None, expression: syntax.Comparison
    ) -> Condition:
        """Compare the text of any column with a ``%`` pattern."""
        if values.is_null(expression.value):
            raise ValidationError(
                f"Cannot compare {expression.path} with None using "
                f"{expression.operator!r}."
            )
        if data_type not in ("string", "json"):
            column = sa.cast(column, sa.UnicodeText)
        pattern = values.check_text(expression.value, str(expression.path))
        return _COMPARATORS[expression.operator](column, pattern)

    def _operand(
        self,
        column: Any,
        data_type: str | None,
        value: syntax.Value,
        expression: syntax.Comparison | syntax.Membership,
    ) -> tuple[Any, Any]:
        """Return the column and value to compare, converted to the column's type.

        JSON columns (``variable``) are compared as their JSON text, the same
        on SQLite and PostgreSQL.
        """
        if data_type == "variable":
            return sa.cast(column, sa.UnicodeText), values.json_text(
                value, str(expression.path)
            )
        return column, values.convert(value, data_type, str(expression.path))

    def _collection_is_empty(
        self, step: Step, table: FromClause, expression: syntax.Comparison
    ) -> Condition:
        if not values.is_null(expression.value) or expression.operator not in (
            "is",
            "=",
            "is_not",
            "!=",
        ):
            raise ValidationError(
                f"A collection ({expression.path}) can only be compared with None; "
                "use 'any (...)' to test its members."
            )
        assert step.target is not None
        target_table = self.target_table(step)
        exists = self.related(
            step, table, target_table, _and(type_condition(step.target, target_table))
        )
        return sa.not_(exists) if expression.operator in ("is", "=") else exists

    def _leaf_column(
        self, step: Step, table: FromClause, path: syntax.Path
    ) -> tuple[Any, str | None]:
        """Return the column compared at the end of a path, and its data type."""
        attribute: Attribute = step.attribute
        if attribute.kind == "scalar":
            if attribute.column is None:
                raise ValidationError(
                    f"Cannot filter on computed attribute {path} of {step.owner.name}."
                )
            return table.c[attribute.column], attribute.data_type
        join = attribute.join
        if join is None or len(join.local) != 1:
            raise ValidationError(
                f"Cannot compare relation {path} of {step.owner.name} with a value; "
                "compare one of its attributes instead."
            )
        return table.c[join.local[0]], "string"

    def _member(
        self, step: Step, table: FromClause, expression: syntax.Membership
    ) -> Condition:
        column, data_type = self._leaf_column(step, table, expression.path)
        negate = expression.operator == "not_in"
        if isinstance(expression.values, syntax.Query):
            selection = self.subquery(expression.values)
            return column.not_in(selection) if negate else column.in_(selection)
        if data_type == "variable":
            operands = [
                self._operand(column, data_type, value, expression)
                for value in expression.values
            ]
            if operands:
                column = operands[0][0]
            converted = [value for _, value in operands]
        else:
            where = str(expression.path)
            converted = [
                values.convert(value, data_type, where) for value in expression.values
            ]
        present = [value for value in converted if value is not None]
        condition = column.in_(present) if present else sa.false()
        if len(present) != len(converted):
            condition = sa.or_(condition, column.is_(None))
        return sa.not_(condition) if negate else condition

    def _relate(
        self, step: Step, table: FromClause, expression: syntax.Related
    ) -> Condition:
        if step.target is None:
            raise ValidationError(
                f"{expression.operator!r} needs a relation; {expression.path} of "
                f"{step.owner.name} is a plain attribute."
            )
        target_table = self.target_table(step)
        inner = _and(
            type_condition(step.target, target_table),
            None
            if expression.condition is None
            else self.condition(step.target, target_table, expression.condition),
        )
        return self.related(step, table, target_table, inner)

    # Subqueries and ordering.

    def subquery(self, query: syntax.Query) -> sa.Select[Any]:
        """Return the single-column SELECT of an ``in (select ...)`` subquery."""
        entity_type = self.model.get(query.entity_type)
        if len(query.projections) != 1:
            raise ValidationError(
                f"A subquery must select exactly one attribute, got {query}."
            )
        table = entity_type.table.alias()
        steps = resolve(self.model, entity_type, query.projections[0])
        if len(steps) != 1:
            raise ValidationError(
                f"A subquery must select a plain attribute, got {query.projections[0]}."
            )
        column, _ = self._leaf_column(steps[0], table, query.projections[0])
        condition = None
        if query.condition is not None:
            condition = self.condition(entity_type, table, query.condition)
        selection = sa.select(column).where(
            _and(type_condition(entity_type, table), condition), column.is_not(None)
        )
        if query.ordering or query.offset is not None or query.limit is not None:
            selection = selection.order_by(*self.ordering(entity_type, table, query))
            selection = selection.offset(query.offset).limit(query.limit)
        return selection

    def ordering(
        self, entity_type: EntityType, table: FromClause, query: syntax.Query
    ) -> list[Any]:
        """Return ORDER BY clauses: the requested ones, then the primary key."""
        clauses = []
        for item in query.ordering:
            expression = self._order_expression(entity_type, table, item.path)
            if self.dialect == "postgresql" and isinstance(expression.type, sa.String):
                expression = expression.collate("C")
            clauses.append(
                expression.desc().nulls_last()
                if item.descending
                else expression.asc().nulls_first()
            )
        clauses.extend(table.c[name].asc() for name in entity_type.primary_key)
        return clauses

    def _order_expression(
        self, entity_type: EntityType, table: FromClause, path: syntax.Path
    ) -> Any:
        steps = resolve(self.model, entity_type, path)
        return self._order_value(steps, table, path)

    def _order_value(
        self, steps: list[Step], table: FromClause, path: syntax.Path
    ) -> Any:
        """Return the value to sort by, read through references if needed."""
        step = steps[0]
        if len(steps) == 1:
            return self._leaf_column(step, table, path)[0]
        join = step.attribute.join
        if step.attribute.kind != "reference" or join is None or step.target is None:
            raise ValidationError(
                f"Cannot order by {path}: {step.attribute.name!r} is not a "
                "single reference."
            )
        target_table = step.target.table.alias()
        inner = self._order_value(steps[1:], target_table, path)
        match = [
            target_table.c[remote] == table.c[local]
            for local, remote in zip(join.local, join.remote, strict=True)
        ]
        return sa.select(inner).where(*match).limit(1).scalar_subquery()
