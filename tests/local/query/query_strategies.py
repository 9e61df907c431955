"""Hypothesis strategies that build syntax trees of the query language."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from ftrack_api.local.query import syntax

KEYWORDS = {
    "select",
    "from",
    "where",
    "and",
    "or",
    "not",
    "order",
    "by",
    "offset",
    "limit",
    "in",
    "not_in",
    "is",
    "is_not",
    "has",
    "any",
    "like",
    "not_like",
    "before",
    "after",
    "ascending",
    "descending",
    "asc",
    "desc",
}

names = st.sampled_from(
    ["name", "id", "parent", "status", "Task", "_link", "x1", "notes", "orders"]
) | st.text(alphabet="abcXYZ_019", min_size=1, max_size=6).filter(
    lambda name: not name[0].isdigit() and name.lower() not in KEYWORDS
)
segments = st.builds(syntax.Segment, names, st.none() | names)
paths = st.lists(segments, min_size=1, max_size=4).map(
    lambda items: syntax.Path(tuple(items))
)
bare_values = st.sampled_from(
    ["None", "True", "1", "-2.5", "a-b", "2015-06-01"]
) | st.text(alphabet="abcAB019_.:+-%", min_size=1, max_size=12)
values = st.builds(syntax.Value, st.text(max_size=20), st.just(True)) | st.builds(
    syntax.Value, bare_values, st.just(False)
)
value_operators = st.sampled_from(sorted(syntax.VALUE_OPERATORS))
list_operators = st.sampled_from(sorted(syntax.LIST_OPERATORS))


def _queries(conditions: st.SearchStrategy) -> st.SearchStrategy[syntax.Query]:
    """Return a strategy of whole queries whose conditions come from *conditions*."""
    return st.builds(
        syntax.Query,
        names,
        st.lists(paths, max_size=4).map(tuple),
        st.none() | conditions,
        st.lists(st.builds(syntax.Ordering, paths, st.booleans()), max_size=3).map(
            tuple
        ),
        st.none() | st.integers(0, 10**6),
        st.none() | st.integers(0, 10**6),
    )


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    """Return the recursive expression forms built on *children*."""
    subqueries = st.builds(
        syntax.Query,
        names,
        st.lists(paths, min_size=1, max_size=1).map(tuple),
        st.none() | children,
    )
    return st.one_of(
        st.builds(syntax.Not, children),
        st.lists(children, min_size=2, max_size=3).map(
            lambda items: syntax.And(tuple(items))
        ),
        st.lists(children, min_size=2, max_size=3).map(
            lambda items: syntax.Or(tuple(items))
        ),
        st.builds(
            syntax.Related, paths, st.sampled_from(["has", "any"]), st.none() | children
        ),
        st.builds(syntax.Membership, paths, list_operators, subqueries),
    )


comparisons = st.builds(syntax.Comparison, paths, value_operators, values)
memberships = st.builds(
    syntax.Membership,
    paths,
    list_operators,
    st.lists(values, max_size=4).map(tuple),
)
expressions = st.recursive(comparisons | memberships, _extend, max_leaves=12)
queries = _queries(expressions)


# Queries that are valid for the backend's model.

_OPERATORS = {
    "string": ["is", "is_not", "=", "!=", "like", "not_like", "<", ">="],
    "json": ["is", "like", "not_like"],
    "integer": ["is", "!=", "<", ">", "<=", ">=", "like"],
    "number": ["is", "!=", "<", ">", "<=", ">="],
    "boolean": ["is", "is_not"],
    "datetime": ["before", "after", "is", ">="],
    "variable": ["is", "is_not", "like"],
}
_ROOTS = [
    "Task",
    "Shot",
    "Context",
    "TypedContext",
    "Project",
    "User",
    "Resource",
    "Appointment",
    "Timelog",
    "Status",
    "AssetVersion",
    "Component",
    "Metadata",
    "Note",
]


def _text_value() -> st.SearchStrategy[syntax.Value]:
    text = st.text(
        st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=8,
    )
    return st.builds(syntax.Value, text, st.just(True)) | st.builds(
        syntax.Value, st.sampled_from(["animation", "sh010", "a", "%"]), st.just(False)
    )


def _bare(strategy: st.SearchStrategy) -> st.SearchStrategy[syntax.Value]:
    return strategy.map(lambda item: syntax.Value(str(item), False))


def _values_for(data_type: str | None) -> st.SearchStrategy[syntax.Value]:
    if data_type == "integer":
        return _bare(st.integers(-(10**6), 10**6))
    if data_type == "number":
        return _bare(st.floats(-1e6, 1e6, allow_nan=False))
    if data_type == "boolean":
        return _bare(st.sampled_from(["True", "False"]))
    if data_type == "datetime":
        moments = st.datetimes(
            min_value=datetime.datetime(2000, 1, 1),
            max_value=datetime.datetime(2030, 1, 1),
        )
        return moments.map(lambda moment: syntax.Value(moment.isoformat(), True))
    if data_type == "variable":
        return _text_value() | _values_for("integer") | _values_for("boolean")
    return _text_value()


def _usable(attribute: Any) -> bool:
    """Return whether generated queries may use *attribute*."""
    return not attribute.declaration.restricted


def _relations(entity_type: Any) -> list[Any]:
    return [
        attribute
        for attribute in entity_type.attributes.values()
        if attribute.is_relation and attribute.join is not None and _usable(attribute)
    ]


def _stored_scalars(entity_type: Any) -> list[Any]:
    return [
        attribute
        for attribute in entity_type.attributes.values()
        if attribute.kind == "scalar" and attribute.column is not None
    ]


@st.composite
def _relation_segment(draw: st.DrawFn, model: Any, attribute: Any) -> tuple:
    """Return a path segment following *attribute*, maybe cast, and its target."""
    target = model.get(attribute.target)
    subtypes = [name for name in target.concrete_names if name != target.name]
    if subtypes and draw(st.booleans()):
        cast = draw(st.sampled_from(subtypes))
        return syntax.Segment(attribute.name, cast), model.get(cast)
    return syntax.Segment(attribute.name), target


@st.composite
def _scalar_path(draw: st.DrawFn, model: Any, entity_type: Any) -> tuple:
    """Return a path ending on a stored scalar, and that scalar attribute."""
    segments = []
    current = entity_type
    for _ in range(draw(st.integers(0, 3))):
        relations = _relations(current)
        if not relations:
            break
        segment, current = draw(
            _relation_segment(model, draw(st.sampled_from(relations)))
        )
        segments.append(segment)
    attribute = draw(st.sampled_from(_stored_scalars(current)))
    segments.append(syntax.Segment(attribute.name))
    return syntax.Path(tuple(segments)), attribute


@st.composite
def model_conditions(
    draw: st.DrawFn, model: Any, entity_type: Any, depth: int = 0
) -> syntax.Expression:
    """Return a random valid condition on *entity_type*."""
    kind = draw(
        st.sampled_from(
            ["compare"] * 3 + (["list", "related", "and", "not"] if depth < 2 else [])
        )
    )
    if kind == "and":
        operands = draw(
            st.lists(
                model_conditions(model, entity_type, depth + 1), min_size=2, max_size=3
            )
        )
        return draw(st.sampled_from([syntax.And, syntax.Or]))(tuple(operands))
    if kind == "not":
        return syntax.Not(draw(model_conditions(model, entity_type, depth + 1)))
    if kind == "related":
        relations = _relations(entity_type)
        if relations:
            segment, target = draw(
                _relation_segment(model, draw(st.sampled_from(relations)))
            )
            inner = draw(st.none() | model_conditions(model, target, depth + 1))
            operator = draw(st.sampled_from(["has", "any"]))
            return syntax.Related(syntax.Path((segment,)), operator, inner)
    path, attribute = draw(_scalar_path(model, entity_type))
    values = _values_for(attribute.data_type)
    if kind == "list":
        operator = draw(st.sampled_from(sorted(syntax.LIST_OPERATORS)))
        return syntax.Membership(
            path, operator, tuple(draw(st.lists(values, max_size=3)))
        )
    operator = draw(st.sampled_from(_OPERATORS.get(attribute.data_type, ["is"])))
    if operator in ("is", "is_not") and draw(st.integers(0, 5)) == 0:
        return syntax.Comparison(path, operator, syntax.Value("None", False))
    return syntax.Comparison(path, operator, draw(values))


@st.composite
def _projection(draw: st.DrawFn, model: Any, entity_type: Any) -> syntax.Path:
    segments = []
    current = entity_type
    for _ in range(draw(st.integers(1, 3))):
        usable = [a for a in current.attributes.values() if _usable(a)]
        attribute = draw(st.sampled_from(usable))
        if attribute.target is None or attribute.join is None:
            segments.append(syntax.Segment(attribute.name))
            break
        segment, current = draw(_relation_segment(model, attribute))
        segments.append(segment)
    return syntax.Path(tuple(segments))


@st.composite
def model_queries(draw: st.DrawFn, model: Any) -> syntax.Query:
    """Return a random valid query on one of the backend's entity types."""
    entity_type = model.get(draw(st.sampled_from(_ROOTS)))
    ordering = ()
    if draw(st.booleans()):
        path, _ = draw(
            _scalar_path(model, entity_type).filter(
                lambda item: len(item[0].segments) == 1
            )
        )
        ordering = (syntax.Ordering(path, draw(st.booleans())),)
    return syntax.Query(
        entity_type.name,
        tuple(draw(st.lists(_projection(model, entity_type), max_size=3))),
        draw(st.none() | model_conditions(model, entity_type)),
        ordering,
        draw(st.none() | st.integers(0, 5)),
        draw(st.none() | st.integers(1, 5)),
    )
