"""Hypothesis strategies that build syntax trees of the query language."""

from __future__ import annotations

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
