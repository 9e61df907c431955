"""Parse query text into a :mod:`~ftrack_api.local.query.syntax` tree.

A hand-written recursive-descent parser that reads the text directly (there
is no separate token list). It runs in time linear in the length of the
text, bounds nesting depth so that it can never exhaust the stack, and names
the column and what it expected in every error.

Grammar (keywords are case-insensitive)::

    query       := "select" path ("," path)* "from" TYPE tail | TYPE tail
    tail        := ["where" expression]
                   ["order" "by" ordering ("," ordering)*]
                   { "offset" INTEGER | "limit" INTEGER }   (each at most once)
    ordering    := path ["ascending" | "descending" | "asc" | "desc"]
    expression  := conjunction ("or" conjunction)*
    conjunction := negation ("and" negation)*
    negation    := "not" negation | "(" expression ")" | condition
    condition   := path OPERATOR value
                 | path ("in" | "not_in") "(" (query | [value ("," value)*]) ")"
                 | path ("has" | "any") "(" [expression] ")"
    path        := NAME ["[" TYPE "]"] ("." NAME ["[" TYPE "]"])*
    value       := STRING | BARE
"""

from __future__ import annotations

import dataclasses
import functools
import re

from ftrack_api.local.errors import ParseError
from ftrack_api.local.query import syntax

#: Deepest nesting of parentheses, ``not``, ``has`` and subqueries accepted.
MAX_DEPTH = 64

#: Largest ``offset`` or ``limit`` accepted: a signed 64-bit integer.
MAX_INTEGER = 2**63 - 1

_WHITESPACE = re.compile(r"\s*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTEGER = re.compile(r"[0-9]+(?![A-Za-z0-9_.])")
_SYMBOL_OPERATOR = re.compile(r"!=|<=|>=|=|<|>")
_BARE_VALUE = re.compile(r"""[^\s(),"'\[\]]+""")
#: A parenthesised list of bare values only (ids, numbers), read in one match.
_BARE_LIST = re.compile(r"""\(\s*([^\s(),"'\[\]]+(?:\s*,\s*[^\s(),"'\[\]]+)*)\s*\)""")
#: A trailing ``offset N`` or ``limit N``: the part of a query a pager changes.
_PAGING_CLAUSE = re.compile(r"""(?<=[\s)"'])(offset|limit)\s+([0-9]+)\s*\Z""", re.I)
#: How far from the end of the text a paging clause is looked for.
_PAGING_WINDOW = 200
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}

_WORD_OPERATORS = frozenset(
    operator for operator in syntax.VALUE_OPERATORS if operator[0].isalpha()
) | {"in", "not_in", "has", "any"}
_DIRECTIONS = {"ascending": False, "asc": False, "descending": True, "desc": True}


def parse(expression: str) -> syntax.Query:
    """Return the syntax tree of *expression*; raise ParseError when invalid.

    Trees are cached by the text without its trailing ``offset``/``limit``,
    so the pages of one expression (which differ only there) parse once.
    """
    if not isinstance(expression, str):
        raise ParseError(f"Expected the query as text, got {expression!r}.")
    body, paging = _split_paging(expression)
    body_error: ParseError | None = None
    if paging:
        try:
            query = _parse_cached(body)
        except ParseError as error:
            query, body_error = None, error
        # A body that parses ends outside any string or parentheses, so the
        # clauses cut off were clauses; one it already has means a repeat,
        # which the whole text reports as an error.
        if (
            query is not None
            and all(getattr(query, key) is None for key in paging)
            and max(paging.values()) <= MAX_INTEGER
        ):
            return dataclasses.replace(
                query,
                offset=paging.get("offset", query.offset),
                limit=paging.get("limit", query.limit),
            )
    try:
        return _parse_cached(expression)
    except ParseError:
        if body_error is None:
            raise
    # Clients page by appending "offset N limit M" to the user's text; when
    # that text fails on its own, its error (e.g. a value missing at its end)
    # is the one to report, not the clauses read as the missing value.
    raise body_error


@functools.lru_cache(maxsize=2048)
def _parse_cached(expression: str) -> syntax.Query:
    """Return the syntax tree of *expression*, cached by its text."""
    return _Parser(expression).query()


def _split_paging(expression: str) -> tuple[str, dict[str, int]]:
    """Return *expression* without trailing offset/limit clauses, and their values."""
    paging: dict[str, int] = {}
    body = expression
    for _ in range(2):
        match = _PAGING_CLAUSE.search(body, max(0, len(body) - _PAGING_WINDOW))
        if match is None or match.group(1).lower() in paging:
            break
        paging[match.group(1).lower()] = int(match.group(2))
        body = body[: match.start()].rstrip()
    return body, paging


class _Parser:
    """Read one query expression from left to right."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.depth = 0

    # Low-level reading.

    def skip(self) -> None:
        """Move past whitespace."""
        match = _WHITESPACE.match(self.text, self.position)
        assert match is not None
        self.position = match.end()

    def at_end(self) -> bool:
        """Return whether only whitespace is left."""
        self.skip()
        return self.position >= len(self.text)

    def fail(self, expected: str, position: int | None = None) -> ParseError:
        """Return a ParseError saying what was expected and where."""
        position = self.position if position is None else position
        found = self.text[position : position + 20]
        where = f"at column {position + 1}"
        if found:
            where += f" (found {found!r})"
        else:
            where += " (end of query)"
        return ParseError(f"Invalid query {self.text!r}: expected {expected} {where}.")

    def peek_word(self) -> str | None:
        """Return the lower-cased name at the position, without consuming it."""
        self.skip()
        match = _NAME.match(self.text, self.position)
        return match.group().lower() if match else None

    def keyword(self, *words: str) -> str | None:
        """Consume and return one of *words* if it is next, else None."""
        word = self.peek_word()
        if word in words:
            self.position += len(word)
            return word
        return None

    def expect_keyword(self, word: str, expected: str) -> None:
        """Consume *word* or fail saying *expected*."""
        if self.keyword(word) is None:
            raise self.fail(expected)

    def punctuation(self, character: str) -> bool:
        """Consume *character* if it is next."""
        self.skip()
        if self.text.startswith(character, self.position):
            self.position += 1
            return True
        return False

    def expect_punctuation(self, character: str, expected: str) -> None:
        """Consume *character* or fail saying *expected*."""
        if not self.punctuation(character):
            raise self.fail(expected)

    def name(self, expected: str) -> str:
        """Consume and return a name (attribute or type)."""
        self.skip()
        match = _NAME.match(self.text, self.position)
        if match is None:
            raise self.fail(expected)
        self.position = match.end()
        return match.group()

    def integer(self, after: str) -> int:
        """Consume a non-negative integer."""
        self.skip()
        match = _INTEGER.match(self.text, self.position)
        if match is None:
            raise self.fail(f"a whole number after {after!r}")
        value = int(match.group())
        if value > MAX_INTEGER:
            raise self.fail(f"a whole number up to {MAX_INTEGER} after {after!r}")
        self.position = match.end()
        return value

    def nested(self) -> _Nesting:
        """Return a context manager that counts one level of nesting."""
        return _Nesting(self)

    # Query structure.

    def query(self) -> syntax.Query:
        """Read a whole query and check nothing is left over."""
        result = self.query_body()
        if not self.at_end():
            raise self.fail("'where', 'order by', 'offset', 'limit' or the end")
        return result

    def query_body(self) -> syntax.Query:
        """Read a query without requiring the end of the text after it."""
        projections: tuple[syntax.Path, ...] = ()
        if self.keyword("select") is not None:
            projections = self.projections()
            self.expect_keyword("from", "',' or 'from' after the projections")
            entity_type = self.name("an entity type after 'from'")
        else:
            entity_type = self.name("'select' or an entity type")
        condition = None
        if self.keyword("where") is not None:
            condition = self.expression()
        ordering = self.ordering()
        offset, limit = self.offset_and_limit()
        return syntax.Query(
            entity_type, projections, condition, ordering, offset, limit
        )

    def projections(self) -> tuple[syntax.Path, ...]:
        """Read a comma-separated list of projected attribute paths."""
        paths = [self.path("an attribute to select")]
        while self.punctuation(","):
            paths.append(self.path("an attribute to select after ','"))
        return tuple(paths)

    def ordering(self) -> tuple[syntax.Ordering, ...]:
        """Read an optional ``order by`` clause."""
        if self.keyword("order") is None:
            return ()
        self.expect_keyword("by", "'by' after 'order'")
        items = []
        while True:
            path = self.path("an attribute to order by")
            direction = self.keyword(*_DIRECTIONS)
            items.append(
                syntax.Ordering(path, bool(direction and _DIRECTIONS[direction]))
            )
            if not self.punctuation(","):
                return tuple(items)

    def offset_and_limit(self) -> tuple[int | None, int | None]:
        """Read ``offset N`` and ``limit N`` in either order, each at most once."""
        offset: int | None = None
        limit: int | None = None
        for _ in range(2):
            word = self.keyword(
                *(["offset"] if offset is None else []),
                *(["limit"] if limit is None else []),
            )
            if word == "offset":
                offset = self.integer("offset")
            elif word == "limit":
                limit = self.integer("limit")
            else:
                break
        return offset, limit

    # Paths and values.

    def path(self, expected: str) -> syntax.Path:
        """Read a dotted attribute path with optional ``[Type]`` casts."""
        segments = [self.segment(expected)]
        while self.text.startswith(".", self.position):
            self.position += 1
            segments.append(self.segment("an attribute name after '.'"))
        return syntax.Path(tuple(segments))

    def segment(self, expected: str) -> syntax.Segment:
        """Read one path step."""
        name = self.name(expected)
        if not self.text.startswith("[", self.position):
            return syntax.Segment(name)
        self.position += 1
        cast = self.name(f"an entity type inside '{name}[...]'")
        self.expect_punctuation("]", f"']' to close '{name}[{cast}'")
        return syntax.Segment(name, cast)

    def value(self, after: str) -> syntax.Value:
        """Read a quoted string or a bare word, number, id or None."""
        self.skip()
        if self.position < len(self.text) and self.text[self.position] in "\"'":
            return syntax.Value(self.string(), True)
        match = _BARE_VALUE.match(self.text, self.position)
        if match is None:
            raise self.fail(f"a value after {after!r}")
        self.position = match.end()
        return syntax.Value(match.group(), False)

    def string(self) -> str:
        """Read a quoted string with backslash escapes."""
        quote = self.text[self.position]
        start = self.position
        self.position += 1
        characters: list[str] = []
        while self.position < len(self.text):
            character = self.text[self.position]
            if character == quote:
                self.position += 1
                return "".join(characters)
            if character == "\\" and self.position + 1 < len(self.text):
                self.position += 1
                character = self.text[self.position]
                character = _ESCAPES.get(character, character)
            characters.append(character)
            self.position += 1
        raise self.fail(f"a closing {quote} for the string", start)

    # Expressions.

    def expression(self) -> syntax.Expression:
        """Read ``or``-separated conjunctions."""
        operands = [self.conjunction()]
        while self.keyword("or") is not None:
            operands.append(self.conjunction())
        return operands[0] if len(operands) == 1 else syntax.Or(tuple(operands))

    def conjunction(self) -> syntax.Expression:
        """Read ``and``-separated negations."""
        operands = [self.negation()]
        while self.keyword("and") is not None:
            operands.append(self.negation())
        return operands[0] if len(operands) == 1 else syntax.And(tuple(operands))

    def negation(self) -> syntax.Expression:
        """Read ``not`` prefixes, a parenthesised expression or a condition."""
        with self.nested():
            if self.keyword("not") is not None:
                return syntax.Not(self.negation())
            if self.punctuation("("):
                inner = self.expression()
                self.expect_punctuation(")", "')' or 'and'/'or'")
                return inner
            return self.condition()

    def condition(self) -> syntax.Expression:
        """Read ``<path> <operator> <operand>``."""
        path = self.path("an attribute, 'not' or '('")
        operator = self.operator(path)
        if operator in syntax.LIST_OPERATORS:
            return syntax.Membership(path, operator, self.membership(operator))
        if operator in ("has", "any"):
            return syntax.Related(path, operator, self.related(operator))
        return syntax.Comparison(path, operator, self.value(operator))

    def operator(self, path: syntax.Path) -> str:
        """Read a symbolic or word operator."""
        self.skip()
        match = _SYMBOL_OPERATOR.match(self.text, self.position)
        if match is not None:
            self.position = match.end()
            return match.group()
        word = self.peek_word()
        if word in _WORD_OPERATORS:
            self.position += len(word)
            return word
        raise self.fail(f"an operator after '{path}'")

    def membership(self, operator: str) -> tuple[syntax.Value, ...] | syntax.Query:
        """Read ``( values )`` or ``( select ... )``."""
        self.expect_punctuation("(", f"'(' after {operator!r}")
        opening = self.position - 1
        if self.peek_word() == "select":
            with self.nested():
                subquery = self.query_body()
            self.expect_punctuation(")", "')' to close the subquery")
            return subquery
        listed = _BARE_LIST.match(self.text, opening)
        if listed is not None:
            self.position = listed.end()
            return tuple(
                syntax.Value(text.strip(), False) for text in listed.group(1).split(",")
            )
        values: list[syntax.Value] = []
        if self.punctuation(")"):
            return ()
        while True:
            values.append(self.value(operator))
            if self.punctuation(")"):
                return tuple(values)
            self.expect_punctuation(",", "',' or ')' in the list of values")

    def related(self, operator: str) -> syntax.Expression | None:
        """Read ``( [expression] )`` after ``has`` or ``any``."""
        self.expect_punctuation("(", f"'(' after {operator!r}")
        if self.punctuation(")"):
            return None
        with self.nested():
            inner = self.expression()
        self.expect_punctuation(")", f"')' to close {operator!r}")
        return inner


class _Nesting:
    """Count nesting depth and refuse expressions nested too deeply."""

    def __init__(self, parser: _Parser) -> None:
        self.parser = parser

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise self.parser.fail(f"at most {MAX_DEPTH} levels of nesting")

    def __exit__(self, *exc_info: object) -> None:
        self.parser.depth -= 1
