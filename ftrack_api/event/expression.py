"""Parse and evaluate event subscription expressions.

An expression selects events by their fields, for example
``topic=ftrack.location.* and data.location_id="abc"``. The grammar, with
keywords matched without regard to case::

    expression  := disjunction
    disjunction := conjunction ("or" conjunction)*
    conjunction := negation ("and" negation)*
    negation    := "not" negation | "(" expression ")" | condition
    condition   := field operator value
    field       := [A-Za-z0-9_.]+
    operator    := "=" | "!=" | ">=" | "<=" | ">" | "<"
    value       := quoted string | [A-Za-z0-9-_,./*@+]+

so ``not`` binds tightest, then ``and``, then ``or``. The grammar has no left
recursion and no ambiguity that needs backtracking across levels, so parsing
is linear in the length of the text. Each distinct expression text is parsed
once per process and the result cached; parsed expressions are immutable and
shared between threads.

pyparsing is loaded on the first expression that needs it. The most common
form, conditions joined by ``and`` with bare or plainly quoted values (such as
``topic=ftrack.api.session.ready``), is read by a regular expression that
builds the very same objects, so a session that only subscribes such
expressions starts without loading pyparsing.
"""

from __future__ import annotations

import functools
import operator
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING
from typing import Any as AnyValue

from ftrack_api.exception import ParseError

if TYPE_CHECKING:
    import pyparsing

__all__ = ["All", "Any", "Condition", "Expression", "Not", "Parser", "parse"]

WILDCARD = "*"

OPERATORS: dict[str, Callable[[AnyValue, AnyValue], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}

_SYMBOLS = {function: symbol for symbol, function in OPERATORS.items()}


class Expression:
    """Match every candidate; the base of all expressions."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def match(self, candidate: AnyValue) -> bool:
        """Return whether *candidate* satisfies this expression."""
        return True


class _Junction(Expression):
    """Combine several expressions."""

    def __init__(self, expressions: Iterable[Expression] | None = None) -> None:
        self._expressions = tuple(expressions or ())

    @property
    def expressions(self) -> tuple[Expression, ...]:
        """Return the combined expressions."""
        return self._expressions

    def __repr__(self) -> str:
        inner = " ".join(repr(expression) for expression in self._expressions)
        return f"<{type(self).__name__} [{inner}]>"


class All(_Junction):
    """Match when every expression matches (an empty ``All`` always does)."""

    def match(self, candidate: AnyValue) -> bool:
        """Return whether every expression matches *candidate*."""
        return all(expression.match(candidate) for expression in self._expressions)


class Any(_Junction):
    """Match when at least one expression matches (an empty ``Any`` never does)."""

    def match(self, candidate: AnyValue) -> bool:
        """Return whether any expression matches *candidate*."""
        return any(expression.match(candidate) for expression in self._expressions)


class Not(Expression):
    """Invert another expression."""

    def __init__(self, expression: Expression) -> None:
        self._expression = expression

    @property
    def expression(self) -> Expression:
        """Return the inverted expression."""
        return self._expression

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._expression!r}>"

    def match(self, candidate: AnyValue) -> bool:
        """Return whether the inverted expression does not match."""
        return not self._expression.match(candidate)


_MISSING = object()


def _lookup(candidate: AnyValue, key: str) -> AnyValue:
    """Return the value at dotted *key* in nested *candidate*, or ``_MISSING``."""
    value = candidate
    for part in key.split("."):
        try:
            value = value[part]
        except (KeyError, TypeError, IndexError):
            return _MISSING
    return value


def _as_number(value: AnyValue) -> float | None:
    """Return *value* as a number when it reads as one, else ``None``."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class Condition(Expression):
    """Compare the value at a dotted key of the candidate with a value.

    A value ending in ``*`` compared with ``=`` matches when the text before
    the ``*`` occurs anywhere in the candidate's value (as the official client
    does). Parsed values are text; when the candidate holds a number and the
    value reads as one, the two are compared as numbers. Values that cannot be
    ordered against each other do not match instead of raising.
    """

    def __init__(
        self,
        key: str,
        operator: Callable[[AnyValue, AnyValue], bool],
        value: AnyValue,
    ) -> None:
        self.key = key
        self.operator = operator
        self.value = value

    def __repr__(self) -> str:
        symbol = _SYMBOLS.get(self.operator, self.operator)
        return f"<{type(self).__name__} {self.key}{symbol}{self.value}>"

    def match(self, candidate: AnyValue) -> bool:
        """Return whether the candidate's value satisfies the comparison."""
        value = _lookup(candidate, self.key)
        if value is _MISSING:
            return False

        if self._is_wildcard():
            try:
                return self.value[:-1] in value
            except TypeError:
                return False
        return self._compare(value)

    def _is_wildcard(self) -> bool:
        return (
            self.operator is operator.eq
            and isinstance(self.value, str)
            and self.value.endswith(WILDCARD)
        )

    def _compare(self, value: AnyValue) -> bool:
        expected = self.value
        if isinstance(expected, str) and _is_number(value):
            number = _as_number(expected)
            if number is not None:
                expected = number
        try:
            return bool(self.operator(value, expected))
        except TypeError:
            return False


def _is_number(value: AnyValue) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _build_grammar() -> pyparsing.ParserElement:
    """Return the pyparsing grammar that builds expression objects."""
    import pyparsing

    field = pyparsing.Word(pyparsing.alphanums + "_.")
    comparison = pyparsing.one_of(list(OPERATORS))
    bare_value = pyparsing.Word(pyparsing.alphanums + "-_,./*@+")
    value = (
        pyparsing.QuotedString('"', esc_char="\\")
        | pyparsing.QuotedString("'", esc_char="\\")
        | bare_value
    )
    condition = (field + comparison + value).set_parse_action(
        lambda tokens: Condition(tokens[0], OPERATORS[tokens[1]], tokens[2])
    )
    condition.set_name("condition")

    expression = pyparsing.Forward()
    expression.set_name("expression")
    negation = pyparsing.Forward()
    negation.set_name("negation")
    keyword_not = pyparsing.Suppress(pyparsing.CaselessKeyword("not"))
    keyword_and = pyparsing.Suppress(pyparsing.CaselessKeyword("and"))
    keyword_or = pyparsing.Suppress(pyparsing.CaselessKeyword("or"))
    group = pyparsing.Suppress("(") + expression + pyparsing.Suppress(")")
    negation <<= (
        (keyword_not + negation).set_parse_action(lambda tokens: Not(tokens[0]))
        | group
        | condition
    )
    conjunction = (negation + (keyword_and + negation)[...]).set_parse_action(
        lambda tokens: tokens[0] if len(tokens) == 1 else All(list(tokens))
    )
    disjunction = (conjunction + (keyword_or + conjunction)[...]).set_parse_action(
        lambda tokens: tokens[0] if len(tokens) == 1 else Any(list(tokens))
    )
    expression <<= disjunction
    return expression


_grammar_lock = threading.Lock()
_grammar: pyparsing.ParserElement | None = None


def _shortened(text: str, limit: int = 200) -> str:
    """Return *text* cut to *limit* characters for an error message."""
    return text if len(text) <= limit else f"{text[:limit]}..."


#: pyparsing's default whitespace, skipped between tokens.
_SPACE = r"[ \t\n\r]*"

#: One condition with a bare value, or a quoted one without escapes.
_SIMPLE_CONDITION = re.compile(
    _SPACE
    + r"([A-Za-z0-9_.]+)"
    + _SPACE
    + r"(!=|>=|<=|=|>|<)"
    + _SPACE
    + r"""(?:"([^"\\\n\r]*)"|'([^'\\\n\r]*)'|([A-Za-z0-9\-_,./*@+]+))"""
    + _SPACE
)

#: ``and`` between two conditions of the simple form.
_SIMPLE_AND = re.compile(r"[Aa][Nn][Dd][ \t\n\r]+")


def _parse_simple(text: str) -> Expression | None:
    """Return *text* parsed when it is conditions joined by ``and``, else None.

    The result equals what the full grammar gives; anything else (``or``,
    ``not``, parentheses, escapes in quotes) is left to the full grammar.
    """
    conditions: list[Expression] = []
    position = 0
    while True:
        match = _SIMPLE_CONDITION.match(text, position)
        if match is None:
            return None
        key, symbol, double, single, bare = match.groups()
        value = next(part for part in (double, single, bare) if part is not None)
        conditions.append(Condition(key, OPERATORS[symbol], value))
        position = match.end()
        if position == len(text):
            break
        if match.group(0)[-1:] not in (" ", "\t", "\n", "\r"):
            return None
        joint = _SIMPLE_AND.match(text, position)
        if joint is None:
            return None
        position = joint.end()
    return conditions[0] if len(conditions) == 1 else All(conditions)


def _parse_uncached(text: str) -> Expression:
    simple = _parse_simple(text)
    return simple if simple is not None else _parse_full(text)


def _parse_full(text: str) -> Expression:
    """Return *text* parsed with the full grammar, built on first use."""
    import pyparsing

    global _grammar
    with _grammar_lock:
        if _grammar is None:
            _grammar = _build_grammar()
        try:
            result = _grammar.parse_string(text, parse_all=True)
        except pyparsing.ParseBaseException as error:
            raise ParseError(
                "Failed to parse expression {expression!r} at position "
                "{position}: {reason}",
                details={
                    "expression": _shortened(text),
                    "position": error.loc,
                    "reason": error.msg,
                },
            ) from error
        except RecursionError as error:
            raise ParseError(
                "Failed to parse expression {expression!r}: nested too deeply.",
                details={"expression": _shortened(text)},
            ) from error
    return result[0]


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Expression:
    return _parse_uncached(text)


def parse(expression: str) -> Expression:
    """Return the parsed form of *expression*, cached per process.

    Raise :class:`~ftrack_api.exception.ParseError` naming the position when
    the text is not a valid expression.
    """
    if not isinstance(expression, str):
        raise ParseError(
            "Expected an expression string, got {expression!r}.",
            details={"expression": expression},
        )
    return _parse_cached(expression)


class Parser:
    """Parse expression strings into :class:`Expression` objects."""

    def parse(self, expression: str) -> Expression:
        """Return the parsed form of *expression*."""
        return parse(expression)


def match(expression: str, candidate: Mapping[str, AnyValue]) -> bool:
    """Return whether *candidate* satisfies the expression text."""
    return parse(expression).match(candidate)
