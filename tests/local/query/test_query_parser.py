"""Tests for the query language parser."""

from __future__ import annotations

import pytest
import query_strategies as strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from ftrack_api.local.errors import ParseError
from ftrack_api.local.query import parse, syntax

UUID = "95f5c536-4e65-11e1-afaa-f23c91df25eb"

#: Expressions the official client and its test suite send to a server.
CLIENT_EXPRESSIONS = [
    "User",
    "User where username is does_not_exist",
    "User offset 2 limit 8",
    "User limit 8 offset 2",
    'Location where name is "ftrack.origin"',
    f"Project where id is {UUID}",
    "Project where metadata.key is 0a1b and metadata.value is ff00",
    "Task where scopes.name is my_scope",
    f'Timelog where context_id = "{UUID}"',
    "CustomAttributeValue where configuration.key is fstart",
    "select children, children.children, children.children.children.assignments, "
    "children.children.children.assignments.resource "
    f'from Project where id is "{UUID}"',
    "select asset.parent from AssetVersion where asset is_not None limit 10",
    "select custom_attributes from Shot where custom_attributes.configuration.key is k",
    f'Task where (id is "{UUID}")',
    f'Metadata where (parent_id is "{UUID}" and key is "k")',
    'Timelog where start is "2015-01-01T00:00:00" and duration is 10 and user_id is u',
    f"select email from User where id in ({UUID},{UUID},{UUID})",
    f'select value from Metadata where (parent_id is "{UUID}"and key is "a") '
    f'or (parent_id is "{UUID}"and key is "b")',
    "select component_id, resource_identifier from ComponentLocation "
    f"where location_id is {UUID} and component_id in ({UUID}, {UUID})",
    'select value from Setting where name is "storage_scenario" and group is "STORAGE"',
    "Task where not timelogs any ()",
    'Task where assignments any (resource[User].username = "martin")',
    'Task where status has (name is "Done") order by name descending, id',
    "Task where id in (select id from Task where parent.name like 'sh%')",
    "SELECT name FROM Task WHERE name IS_NOT None ORDER BY name ASC LIMIT 3",
    'Timelog where start after "2015-06-01" and start before "2016-01-01"',
    "Task where bid >= 1.5 and bid != -2 and priority_id not_in (a, b)",
]


@pytest.mark.parametrize("expression", CLIENT_EXPRESSIONS)
def test_parse_accepts_expressions_the_client_sends(expression: str) -> None:
    """Every expression form the official client sends parses."""
    tree = parse(expression)

    assert isinstance(tree, syntax.Query)
    assert parse(str(tree)) == tree


def test_parse_reads_offset_and_limit_in_either_order() -> None:
    """``offset`` and ``limit`` may come in either order."""
    assert parse("User offset 2 limit 8") == parse("User limit 8 offset 2")
    assert parse("User limit 8 offset 2").offset == 2
    assert parse("User limit 8 offset 2").limit == 8


def test_parse_accepts_no_space_after_a_closing_quote() -> None:
    """``"x"and`` reads as the string x followed by ``and``."""
    tree = parse('Metadata where (parent_id is "p"and key is "k")')

    assert tree.condition == syntax.And(
        (
            syntax.Comparison(
                syntax.Path((syntax.Segment("parent_id"),)),
                "is",
                syntax.Value("p", True),
            ),
            syntax.Comparison(
                syntax.Path((syntax.Segment("key"),)), "is", syntax.Value("k", True)
            ),
        )
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r'"a\"b"', 'a"b'),
        (r"'it\'s'", "it's"),
        (r'"back\\slash"', "back\\slash"),
        (r'"line\nbreak"', "line\nbreak"),
        ("'say \"hi\"'", 'say "hi"'),
    ],
)
def test_parse_reads_string_escapes(text: str, expected: str) -> None:
    """Quoted strings honour backslash escapes in both quote styles."""
    tree = parse(f"User where username is {text}")

    assert isinstance(tree.condition, syntax.Comparison)
    assert tree.condition.value == syntax.Value(expected, True)


def test_parse_binds_and_tighter_than_or() -> None:
    """``a or b and c`` groups as ``a or (b and c)``."""
    tree = parse("T where a is 1 or b is 2 and c is 3")

    assert isinstance(tree.condition, syntax.Or)
    assert isinstance(tree.condition.operands[1], syntax.And)


def test_parse_reads_subtype_casts_in_paths() -> None:
    """``resource[User].username`` keeps the cast on its segment."""
    tree = parse("select resource[User].username from Appointment")

    assert tree.projections[0].segments == (
        syntax.Segment("resource", "User"),
        syntax.Segment("username"),
    )


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("User where username is ", "expected a value after 'is' at column 24"),
        ("User where username", "expected an operator after 'username' at column 20"),
        ("User where username frob 3", "expected an operator after 'username'"),
        ("select , from User", "expected an attribute to select at column 8"),
        ("select name User", "expected ',' or 'from' after the projections"),
        (
            'User where name is "open',
            'expected a closing " for the string at column 20',
        ),
        ("User where (name is x", "expected ')' or 'and'/'or'"),
        ("User limit ten", "expected a whole number after 'limit' at column 12"),
        ("User limit 1 limit 2", "expected 'where', 'order by', 'offset', 'limit'"),
        ("User where id in (a b)", "expected ',' or ')' in the list of values"),
        ("User where a.", "expected an attribute name after '.' at column 14"),
        ("", "expected 'select' or an entity type at column 1"),
        ("User where x in (select id from T", "expected ')' to close the subquery"),
        ("User order name", "expected 'by' after 'order'"),
        ("User where a[B.c is 1", "expected ']' to close 'a[B'"),
    ],
)
def test_parse_error_names_column_and_expectation(
    expression: str, message: str
) -> None:
    """A syntax error says what was expected and at which column."""
    with pytest.raises(ParseError) as caught:
        parse(expression)

    assert message in caught.value.content
    assert caught.value.exception_name == "ParseError"


def test_parse_refuses_deep_nesting_with_a_parse_error() -> None:
    """Thousands of nested parentheses give a ParseError, not a RecursionError."""
    with pytest.raises(ParseError, match="levels of nesting"):
        parse("T where " + "(" * 5000 + "a is 1" + ")" * 5000)


def test_parse_refuses_text_that_is_not_a_string() -> None:
    """A non-string expression is a ParseError naming the value."""
    with pytest.raises(ParseError, match="b'User'"):
        parse(b"User")  # type: ignore[arg-type]


@settings(max_examples=1000, deadline=None)
@given(strategies.queries)
def test_parse_round_trips_generated_queries(tree: syntax.Query) -> None:
    """Writing any syntax tree as text and parsing it gives the same tree."""
    assert parse(str(tree)) == tree


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_parse_answers_garbage_with_parse_error_only(text: str) -> None:
    """Random text either parses or raises ParseError, nothing else."""
    try:
        parse(text)
    except ParseError as error:
        assert "column" in error.content or "Expected the query" in error.content


@settings(max_examples=1000, deadline=None)
@given(strategies.queries, st.data())
def test_parse_answers_damaged_queries_with_parse_error_only(
    tree: syntax.Query, data: st.DataObject
) -> None:
    """Valid queries with characters cut out or inserted never crash the parser."""
    text = str(tree)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 5)))
    insert = data.draw(st.text(alphabet="()[],.'\"\\ =<>!abc01", max_size=3))
    try:
        parse(text[:start] + insert + text[end:])
    except ParseError:
        pass


def test_pages_of_one_expression_share_one_parse() -> None:
    """Pages differing only in offset/limit reuse one parsed condition."""
    ids = ",".join(f"{number:08d}-0000-0000-0000-000000000000" for number in range(50))
    expression = f"select name from Task where id in ({ids})"

    first = parse(f"{expression} offset 0 limit 500")
    second = parse(f"{expression} limit 500 offset 500")

    assert second.condition is first.condition
    assert (first.offset, first.limit) == (0, 500)
    assert (second.offset, second.limit) == (500, 500)


@pytest.mark.parametrize(
    ("expression", "offset", "limit", "name"),
    [
        ('Task where name is "x offset 5"', None, None, "x offset 5"),
        ('Task where name is "x limit 2" offset 5', 5, None, "x limit 2"),
        ("Task where name is offset2 limit 3", None, 3, "offset2"),
    ],
)
def test_paging_clauses_inside_values_stay_values(
    expression: str, offset: int | None, limit: int | None, name: str
) -> None:
    """Only real trailing clauses page; the same words inside a value do not."""
    query = parse(expression)

    assert (query.offset, query.limit) == (offset, limit)
    assert isinstance(query.condition, syntax.Comparison)
    assert query.condition.value.text == name


@pytest.mark.parametrize(
    "expression",
    ["Task offset 1 offset 2", "Task limit 1 limit 2", "Task offset 1 limit 2 limit 3"],
)
def test_repeated_paging_clauses_are_refused(expression: str) -> None:
    """A second offset or limit is a parse error, as without the parse cache."""
    with pytest.raises(ParseError, match="column"):
        parse(expression)


@pytest.mark.parametrize(
    ("listed", "texts", "quoted"),
    [
        ("( a , b,c )", ("a", "b", "c"), (False, False, False)),
        ("(a, 'b', None)", ("a", "b", "None"), (False, True, False)),
        ("(1)", ("1",), (False,)),
    ],
)
def test_value_lists_read_bare_and_quoted_values(
    listed: str, texts: tuple[str, ...], quoted: tuple[bool, ...]
) -> None:
    """A list of values keeps each value's text and whether it was quoted."""
    condition = parse(f"Task where id in {listed}").condition

    assert isinstance(condition, syntax.Membership)
    assert isinstance(condition.values, tuple)
    assert tuple(value.text for value in condition.values) == texts
    assert tuple(value.quoted for value in condition.values) == quoted


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "Task where name is offset 0 limit 500",
            "Invalid query 'Task where name is': expected a value after 'is' "
            "at column 19 (end of query).",
        ),
        (
            "select name from Task where offset 0 limit 500",
            "Invalid query 'select name from Task where': expected an attribute",
        ),
    ],
)
def test_incomplete_query_is_reported_without_the_appended_paging(
    expression: str, message: str
) -> None:
    """An incomplete query a pager appended clauses to fails on the user's text."""
    with pytest.raises(ParseError) as info:
        parse(expression)
    assert str(info.value.content).startswith(message)


@pytest.mark.parametrize(
    "expression",
    [
        "Task offset 10000000000000000000000",
        "Task offset 10000000000000000000000 limit 500",
        "Task limit 9223372036854775808",
    ],
)
def test_offset_and_limit_beyond_64_bits_are_refused(expression: str) -> None:
    """Offsets and limits past a signed 64-bit integer are a ParseError."""
    with pytest.raises(ParseError, match="a whole number up to 9223372036854775807"):
        parse(expression)
