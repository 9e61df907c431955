"""Offset and limit extraction and paging of QueryResult."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ftrack_api.exception
from ftrack_api.query import QueryResult, split_offset_and_limit


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Task", ("Task", None, None)),
        ("Task limit 5", ("Task", None, 5)),
        ("Task offset 10 limit 5", ("Task", 10, 5)),
        ("Task limit 5 offset 10", ("Task", 10, 5)),
        ('Task where name is "limit 5"', ('Task where name is "limit 5"', None, None)),
        (
            'Task where name is "a  offset 3" limit 2',
            ('Task where name is "a  offset 3"', None, 2),
        ),
        (
            "Task where name is 'x\\' limit 4'",
            ("Task where name is 'x\\' limit 4'", None, None),
        ),
        (
            "Task where children any (name is x limit 3) limit 1",
            ("Task where children any (name is x limit 3)", None, 1),
        ),
        ("Task where limit_name is 5", ("Task where limit_name is 5", None, None)),
        ("select id from Task LIMIT 7", ("select id from Task", None, 7)),
    ],
)
def test_offset_and_limit_are_found_by_tokens_not_text(
    expression: str, expected: tuple[str, int | None, int | None]
) -> None:
    """Only real offset/limit clauses are taken out; quoted values survive."""
    assert split_offset_and_limit(expression) == expected


class FakeSession:
    """Serve pages from a list of rows, recording each expression asked for."""

    def __init__(self, rows: int) -> None:
        self.rows = list(range(rows))
        self.expressions: list[str] = []

    def _query(self, expression: str) -> tuple[list[Any], dict[str, Any]]:
        self.expressions.append(expression)
        _, offset, limit = split_offset_and_limit(expression)
        offset = offset or 0
        data = self.rows[offset : offset + limit if limit is not None else None]
        end = offset + len(data)
        next_offset = end if end < len(self.rows) and data else None
        return data, {"next": {"offset": next_offset}}


def test_results_are_fetched_page_by_page_on_demand() -> None:
    """Indexing fetches only the pages needed; len fetches the rest."""
    session = FakeSession(25)
    result = QueryResult(session, "select id from Task", page_size=10)  # type: ignore[arg-type]
    assert session.expressions == []

    assert result[3] == 3
    assert session.expressions == ["select id from Task offset 0 limit 10"]

    assert len(result) == 25
    assert session.expressions[1:] == [
        "select id from Task offset 10 limit 10",
        "select id from Task offset 20 limit 10",
    ]
    assert list(result) == list(range(25))


def test_user_limit_caps_the_results_and_the_page_size() -> None:
    """A limit below the page size shrinks the page and stops at the limit."""
    session = FakeSession(50)
    result = QueryResult(session, "select id from Task offset 5 limit 7", page_size=100)  # type: ignore[arg-type]

    assert result.all() == list(range(5, 12))
    assert session.expressions == ["select id from Task offset 5 limit 7"]


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        (0, ftrack_api.exception.NoResultFoundError),
        (2, ftrack_api.exception.MultipleResultsFoundError),
    ],
)
def test_one_raises_unless_exactly_one_result(rows: int, error: type) -> None:
    """one() asks for two rows and insists on exactly one."""
    session = FakeSession(rows)
    with pytest.raises(error):
        QueryResult(session, "select id from Task").one()  # type: ignore[arg-type]
    assert session.expressions == ["select id from Task limit 2"]


@pytest.mark.parametrize("expression", ["Task limit 1", "Task offset 1"])
def test_one_refuses_expressions_with_offset_or_limit(expression: str) -> None:
    """one() raises ValueError when the expression pages itself."""
    with pytest.raises(ValueError, match="offset or a limit"):
        QueryResult(FakeSession(3), expression).one()  # type: ignore[arg-type]


def test_first_keeps_the_offset_and_refuses_a_limit() -> None:
    """first() appends limit 1 after any offset; a limit is a ValueError."""
    session = FakeSession(5)
    assert QueryResult(session, "select id from Task offset 2").first() == 2  # type: ignore[arg-type]
    assert session.expressions == ["select id from Task offset 2 limit 1"]
    assert QueryResult(FakeSession(0), "select id from Task").first() is None  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        QueryResult(session, "Task limit 3").first()  # type: ignore[arg-type]


@given(
    value=st.lists(
        st.sampled_from([*"abc 019_-()'", "limit", "offset", " limit 5", "offset 2 "]),
        max_size=12,
    ).map("".join),
    offset=st.one_of(st.none(), st.integers(0, 10_000)),
    limit=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_quoted_values_never_lose_text_and_clauses_are_found(
    value: str, offset: int | None, limit: int | None
) -> None:
    """Whatever a quoted value holds, it survives and real clauses are found."""
    escaped = value.replace('"', "")
    expression = f'Task where name is "{escaped}"'
    if offset is not None:
        expression += f" offset {offset}"
    if limit is not None:
        expression += f" limit {limit}"

    assert split_offset_and_limit(expression) == (
        f'Task where name is "{escaped}"',
        offset,
        limit,
    )


@pytest.mark.parametrize(
    ("method", "expression"),
    [("first", "select id from Task limit 3"), ("one", "Task offset 1 limit 2")],
)
def test_refusals_quote_the_expression_as_given(method: str, expression: str) -> None:
    """first() and one() quote the caller's expression, clauses included."""
    result = QueryResult(FakeSession(3), expression)  # type: ignore[arg-type]
    with pytest.raises(ValueError) as info:
        getattr(result, method)()
    assert repr(expression) in str(info.value)


@pytest.mark.parametrize(
    ("expression", "error", "message"),
    [
        ("", ValueError, "empty"),
        ("   ", ValueError, "empty"),
        (None, TypeError, "text"),
    ],
)
def test_session_query_refuses_empty_or_non_text_expressions(
    expression: Any, error: type[Exception], message: str
) -> None:
    """Session.query names an empty or non-text expression instead of failing."""
    import ftrack_api

    with ftrack_api.Session(server_url="sqlite://", schema_cache_path=False) as session:
        with pytest.raises(error, match=message):
            session.query(expression)
