"""Syntax tree of the ftrack query language.

Every node is an immutable value, so a parsed tree can be cached and shared
between threads. ``str(node)`` writes the node back as query text that parses
to an equal tree.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Operators that compare an attribute with one value.
VALUE_OPERATORS = frozenset(
    {
        "is",
        "is_not",
        "=",
        "!=",
        "<",
        ">",
        "<=",
        ">=",
        "like",
        "not_like",
        "before",
        "after",
        "greater_than",
        "less_than",
    }
)

#: Operators that compare an attribute with a list of values or a subquery.
LIST_OPERATORS = frozenset({"in", "not_in"})


def _quote(text: str) -> str:
    """Return *text* as a double-quoted string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of an attribute path, with an optional subtype cast."""

    name: str
    cast: str | None = None

    def __str__(self) -> str:
        return self.name if self.cast is None else f"{self.name}[{self.cast}]"


@dataclass(frozen=True, slots=True)
class Path:
    """A dotted attribute path such as ``parent.status.name``."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return ".".join(str(segment) for segment in self.segments)

    @property
    def names(self) -> tuple[str, ...]:
        """Return the attribute names of the path, without casts."""
        return tuple(segment.name for segment in self.segments)


@dataclass(frozen=True, slots=True)
class Value:
    """A literal value as written: quoted strings stay strings."""

    text: str
    quoted: bool

    def __str__(self) -> str:
        return _quote(self.text) if self.quoted else self.text


@dataclass(frozen=True, slots=True)
class Comparison:
    """``<path> <operator> <value>``."""

    path: Path
    operator: str
    value: Value

    def __str__(self) -> str:
        return f"{self.path} {self.operator} {self.value}"


@dataclass(frozen=True, slots=True)
class Membership:
    """``<path> in (<values>)`` or ``<path> in (select ... )``."""

    path: Path
    operator: str
    values: tuple[Value, ...] | Query

    def __str__(self) -> str:
        if isinstance(self.values, Query):
            inner = str(self.values)
        else:
            inner = ", ".join(str(value) for value in self.values)
        return f"{self.path} {self.operator} ({inner})"


@dataclass(frozen=True, slots=True)
class Related:
    """``<path> has (<expr>)`` or ``<path> any (<expr>)``; *condition* may be None."""

    path: Path
    operator: str
    condition: Expression | None

    def __str__(self) -> str:
        inner = "" if self.condition is None else str(self.condition)
        return f"{self.path} {self.operator} ({inner})"


@dataclass(frozen=True, slots=True)
class Not:
    """``not <expr>``."""

    operand: Expression

    def __str__(self) -> str:
        return f"not ({self.operand})"


@dataclass(frozen=True, slots=True)
class And:
    """Every operand holds."""

    operands: tuple[Expression, ...]

    def __str__(self) -> str:
        return " and ".join(f"({operand})" for operand in self.operands)


@dataclass(frozen=True, slots=True)
class Or:
    """At least one operand holds."""

    operands: tuple[Expression, ...]

    def __str__(self) -> str:
        return " or ".join(f"({operand})" for operand in self.operands)


Expression = Comparison | Membership | Related | Not | And | Or


@dataclass(frozen=True, slots=True)
class Ordering:
    """One ``order by`` item."""

    path: Path
    descending: bool = False

    def __str__(self) -> str:
        return f"{self.path} {'descending' if self.descending else 'ascending'}"


@dataclass(frozen=True, slots=True)
class Query:
    """A whole query; *projections* is empty for the bare ``<Type>`` form."""

    entity_type: str
    projections: tuple[Path, ...] = ()
    condition: Expression | None = None
    ordering: tuple[Ordering, ...] = ()
    offset: int | None = None
    limit: int | None = None

    def __str__(self) -> str:
        parts = []
        if self.projections:
            listed = ", ".join(str(path) for path in self.projections)
            parts.append(f"select {listed} from")
        parts.append(self.entity_type)
        if self.condition is not None:
            parts.append(f"where {self.condition}")
        if self.ordering:
            parts.append("order by " + ", ".join(str(item) for item in self.ordering))
        if self.offset is not None:
            parts.append(f"offset {self.offset}")
        if self.limit is not None:
            parts.append(f"limit {self.limit}")
        return " ".join(parts)
