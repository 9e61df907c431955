"""Tests for subscription expression parsing and matching."""

from __future__ import annotations

import operator
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftrack_api.event.expression import (
    All,
    Any,
    Condition,
    Expression,
    Not,
    Parser,
    _parse_full,
    _parse_simple,
    parse,
)
from ftrack_api.exception import ParseError


@pytest.fixture()
def candidate() -> dict:
    """Return a nested candidate to match expressions against."""
    return {
        "id": 10,
        "name": "value",
        "topic": "ftrack.location.component-added",
        "change": {"name": "value", "new_value": 10},
        "data": {"location_id": "a b@c+d", "flag": True},
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key=value", Condition("key", operator.eq, "value")),
        ('key="value"', Condition("key", operator.eq, "value")),
        ("key='va lue'", Condition("key", operator.eq, "va lue")),
        ("key != value", Condition("key", operator.ne, "value")),
        ("a.b>=1", Condition("a.b", operator.ge, "1")),
        ("a.b<=1", Condition("a.b", operator.le, "1")),
        ("a<1", Condition("a", operator.lt, "1")),
        ("user=jo@x.com+1", Condition("user", operator.eq, "jo@x.com+1")),
        (
            "a=b and ((c=d or e!=f) and not g.h > 10)",
            All(
                [
                    Condition("a", operator.eq, "b"),
                    All(
                        [
                            Any(
                                [
                                    Condition("c", operator.eq, "d"),
                                    Condition("e", operator.ne, "f"),
                                ]
                            ),
                            Not(Condition("g.h", operator.gt, 10)),
                        ]
                    ),
                ]
            ),
        ),
        (
            "NOT a=b OR c=d And e=f",
            Any(
                [
                    Not(Condition("a", operator.eq, "b")),
                    All(
                        [
                            Condition("c", operator.eq, "d"),
                            Condition("e", operator.eq, "f"),
                        ]
                    ),
                ]
            ),
        ),
        ("not not a=b", Not(Not(Condition("a", operator.eq, "b")))),
        ("not=5", Condition("not", operator.eq, "5")),
    ],
)
def test_parse_builds_expression_tree(text: str, expected: Expression) -> None:
    """Parse text into the documented tree (not, then and, then or)."""
    assert str(Parser().parse(text)) == str(expected)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", 0),
        ("invalid", 7),
        ("key=value nor other=value", 10),
        ('key="value', 4),
        ("(a=b", 4),
        ("a=b and", 4),
        ("a==b", 2),
    ],
)
def test_parse_error_names_position(text: str, position: int) -> None:
    """Raise ParseError naming the expression and the failing position."""
    with pytest.raises(ParseError) as error:
        parse(text)
    assert repr(text) in str(error.value)
    assert f"position {position}" in str(error.value)


def test_parse_rejects_non_text() -> None:
    """Raise ParseError for an expression that is not text."""
    with pytest.raises(ParseError, match="None"):
        parse(None)  # type: ignore[arg-type]


def test_parse_deep_nesting_raises_parse_error() -> None:
    """Turn nesting deeper than the recursion limit into a ParseError."""
    text = "(" * 5000 + "a=b" + ")" * 5000
    with pytest.raises(ParseError):
        parse(text)


def test_parse_caches_result() -> None:
    """Return the same parsed object for the same text."""
    assert parse("topic=cached") is parse("topic=cached")


def test_parse_is_thread_safe() -> None:
    """Parse many distinct expressions from several threads at once."""
    results: dict[int, str] = {}

    def work(offset: int) -> None:
        for index in range(offset, offset + 50):
            results[index] = str(parse(f"topic=t{index} and data.n>{index}"))

    threads = [threading.Thread(target=work, args=(n * 50,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {
        index: f"<All [<Condition topic=t{index}> <Condition data.n>{index}>]>"
        for index in range(200)
    }


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (Expression(), "<Expression>"),
        (All([Expression(), Expression()]), "<All [<Expression> <Expression>]>"),
        (Any([Expression(), Expression()]), "<Any [<Expression> <Expression>]>"),
        (Not(Expression()), "<Not <Expression>>"),
        (Condition("key", "=", "value"), "<Condition key=value>"),  # type: ignore
    ],
)
def test_string_representation(expression: Expression, expected: str) -> None:
    """Show the structure of an expression in its text form."""
    assert str(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (Expression(), True),
        (All(), True),
        (All([Expression(), Condition("test", operator.eq, "value")]), False),
        (Any(), False),
        (Any([Expression(), Condition("test", operator.eq, "value")]), True),
        (Not(Expression()), False),
        (Not(Not(Expression())), True),
    ],
)
def test_junctions_match(
    expression: Expression, candidate: dict, expected: bool
) -> None:
    """Combine matches: empty All matches, empty Any does not."""
    assert expression.match(candidate) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id=10", True),
        ("id=20", False),
        ("id!=20", True),
        ("id>=10", True),
        ("id<=0", False),
        ("id>0", True),
        ("id<10", False),
        ("change.new_value=10", True),
        ("name=valu*", True),
        ("name=values*", False),
        ("change.name=alu*", True),
        ("topic=ftrack.location.*", True),
        ("topic=ftrack.update", False),
        ("topic=*", True),
        ('data.location_id="a b@c+d"', True),
        ("missing=value", False),
        ("name.deeper=value", False),
        ("change>5", False),
        ("data.flag=x", False),
        ("topic=ftrack.location.* and data.location_id='a b@c+d'", True),
        ("topic=ftrack.update or not id=20", True),
    ],
)
def test_parsed_condition_matches_candidate(
    text: str, candidate: dict, expected: bool
) -> None:
    """Match parsed expressions against nested mappings."""
    assert parse(text).match(candidate) is expected


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        (operator.eq, 10, True),
        (operator.eq, 20, False),
        (operator.ne, 20, True),
        (operator.ge, 10, True),
        (operator.le, 0, False),
        (operator.gt, 0, True),
        (operator.lt, 10, False),
        (operator.eq, "valu*", False),
    ],
)
def test_condition_with_python_values(
    op: object, value: object, candidate: dict, expected: bool
) -> None:
    """Compare with the given operator and value as the official API allows."""
    assert Condition("id", op, value).match(candidate) is expected  # type: ignore


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab=!<>()\"' .*@+-_notandr\t")), max_size=60)
)
def test_garbage_parses_or_raises_parse_error(text: str) -> None:
    """Either parse or raise ParseError for arbitrary text, quickly."""
    try:
        result = parse(text)
    except ParseError:
        return
    assert isinstance(result, Expression)
    result.match({"a": "b", "topic": "t"})


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_unicode_garbage_parses_or_raises_parse_error(text: str) -> None:
    """Never raise anything but ParseError for arbitrary unicode text."""
    try:
        parse(text)
    except ParseError:
        pass


def test_parse_error_shortens_long_expressions() -> None:
    """Keep the error message short for a very long expression."""
    with pytest.raises(ParseError) as error:
        parse("topic=" + "a" * 10_000 + " and")
    assert len(str(error.value)) < 500
    assert "position 10007" in str(error.value)


def _tree(expression: Expression) -> object:
    """Return the structure of *expression* as nested tuples."""
    if isinstance(expression, Condition):
        return ("Condition", expression.key, expression.operator, expression.value)
    if isinstance(expression, (All, Any)):
        children = tuple(_tree(child) for child in expression.expressions)
        return (type(expression).__name__, children)
    if isinstance(expression, Not):
        return ("Not", _tree(expression.expression))
    return type(expression).__name__


_FIELDS = ["topic", "data.x", "and", "not", "or", "_", "a.", "\u00e9"]
_OPERATORS = ["=", "!=", ">=", "<=", ">", "<", "==", "=>"]
_VALUES = [
    "ftrack.*", "b", "1", "-x@y+z", '"x y"', "'q'", '""', "''", '"a\\"b"',
    "'it\"s'", '"n\nl"', '"and"', "and", "or", "\u212a", "(b)",
]  # fmt: skip
_SPACES = ["", " ", "  ", "\t", "\n", "\r", "\u00a0"]
_JOINTS = [" and ", " AND ", "\tAnd\n", "and ", " and", " or ", " ", "", ")"]


@st.composite
def _expressions(draw: st.DrawFn) -> str:
    """Return conditions joined by and, with near misses mixed in."""
    conditions = []
    for _ in range(draw(st.integers(1, 4))):
        parts = [
            draw(st.sampled_from(_SPACES)),
            draw(st.sampled_from(_FIELDS)),
            draw(st.sampled_from(_SPACES)),
            draw(st.sampled_from(_OPERATORS)),
            draw(st.sampled_from(_SPACES)),
            draw(st.sampled_from(_VALUES)),
            draw(st.sampled_from(_SPACES)),
        ]
        conditions.append("".join(parts))
    text = conditions[0]
    for condition in conditions[1:]:
        text += draw(st.sampled_from(_JOINTS)) + condition
    return text


@settings(max_examples=600, deadline=None)
@given(_expressions())
def test_simple_form_reads_as_the_full_grammar(text: str) -> None:
    """Whatever the regular expression accepts, the grammar reads the same way."""
    simple = _parse_simple(text)
    if simple is not None:
        assert _tree(simple) == _tree(_parse_full(text))


@pytest.mark.parametrize(
    "text",
    [
        "topic=ftrack.api.session.ready",
        'topic=ftrack.storage-scenario.activate and data.storage_scenario.scenario="'
        'ftrack.centralized-storage"',
        " a = 'b c'  AND\tx!=1 and y>=2 ",
        'key=""',
    ],
)
def test_simple_form_is_recognised(text: str) -> None:
    """Read conditions joined by and without the full grammar, same result."""
    simple = _parse_simple(text)
    assert simple is not None
    assert _tree(simple) == _tree(_parse_full(text))


@pytest.mark.parametrize(
    "text", ["a=b or c=d", "not a=b", "(a=b)", 'a="x\\"y"', 'a="x"and b=c', "a=b and"]
)
def test_other_forms_are_left_to_the_grammar(text: str) -> None:
    """Leave or, not, groups, escapes and odd spacing to the full grammar."""
    assert _parse_simple(text) is None


def test_pyparsing_loads_only_for_expressions_that_need_it() -> None:
    """Load pyparsing on the first expression beyond the simple form."""
    code = (
        "import sys\n"
        "from ftrack_api.event.expression import parse\n"
        "parse('topic=ftrack.api.session.ready and data.a=\"b\"')\n"
        "print('pyparsing' in sys.modules)\n"
        "parse('topic=a or topic=b')\n"
        "print('pyparsing' in sys.modules)\n"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.split() == ["False", "True"]
