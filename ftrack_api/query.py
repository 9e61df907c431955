"""Lazily paged query results."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

import ftrack_api.exception

if TYPE_CHECKING:
    from ftrack_api.session import Session


def _words(expression: str) -> list[tuple[str, int, int]]:
    """Return (word, start, end) for each word outside quotes and parentheses."""
    words: list[tuple[str, int, int]] = []
    depth = 0
    quote: str | None = None
    start: int | None = None
    index = 0
    while index < len(expression):
        character = expression[index]
        if quote is not None:
            if character == "\\":
                index += 1
            elif character == quote:
                quote = None
        elif character in "\"'":
            quote = character
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        if quote is None and depth == 0 and (character.isalnum() or character == "_"):
            if start is None:
                start = index
        elif start is not None:
            words.append((expression[start:index], start, index))
            start = None
        index += 1
    if start is not None:
        words.append((expression[start:], start, len(expression)))
    return words


def split_offset_and_limit(expression: str) -> tuple[str, int | None, int | None]:
    """Remove the first ``offset N`` and ``limit N`` clauses from *expression*.

    Words inside quoted values and parentheses are never clauses, so
    ``name is "limit 5"`` keeps its value.
    """
    lowered = expression.lower()
    if "offset" not in lowered and "limit" not in lowered:
        return expression.strip(), None, None
    words = _words(expression)
    found: dict[str, tuple[int, int, int]] = {}
    for position, (word, start, end) in enumerate(words[:-1]):
        keyword = word.lower()
        value, value_start, value_end = words[position + 1]
        if keyword not in ("offset", "limit") or keyword in found:
            continue
        if value.isdigit() and not expression[end:value_start].strip():
            found[keyword] = (int(value), start, value_end)

    spans = sorted((start, end) for _value, start, end in found.values())
    for start, end in reversed(spans):
        expression = f"{expression[:start].rstrip()} {expression[end:].lstrip()}"
    offset = found["offset"][0] if "offset" in found else None
    limit = found["limit"][0] if "limit" in found else None
    return expression.strip(), offset, limit


class QueryResult(Sequence[Any]):
    """The entities matching a query, fetched page by page on demand."""

    def __init__(self, session: Session, expression: str, page_size: int = 500) -> None:
        self._session = session
        self._given_expression = expression
        self._expression, self._offset, self._limit = split_offset_and_limit(expression)
        if page_size < 1:
            raise ValueError(f"page_size must be positive, not {page_size!r}.")
        if self._limit is not None and self._limit < page_size:
            page_size = max(self._limit, 1)
        self._page_size = page_size
        self._results: list[Any] = []
        self._next_offset: int | None = self._offset or 0
        if self._limit == 0:
            self._next_offset = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        state = "fetched" if self._next_offset is None else "partly fetched"
        return f"<{type(self).__name__}({self._expression!r}, {state})>"

    def _fetch_more(self) -> bool:
        """Fetch the next page; return False when everything is fetched."""
        with self._lock:
            if self._next_offset is None:
                return False
            expression = (
                f"{self._expression} offset {self._next_offset} limit {self._page_size}"
            )
            records, metadata = self._session._query(expression)
            self._results.extend(records)
            if self._limit is not None and len(self._results) >= self._limit:
                del self._results[self._limit :]
                self._next_offset = None
                return True
            next_offset = (metadata or {}).get("next", {}).get("offset")
            self._next_offset = None if next_offset is None else int(next_offset)
            return True

    def _fetch_all(self) -> None:
        while self._fetch_more():
            pass

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice) or index < 0:
            self._fetch_all()
        else:
            while len(self._results) <= index and self._fetch_more():
                pass
        return self._results[index]

    def __len__(self) -> int:
        self._fetch_all()
        return len(self._results)

    def __iter__(self) -> Iterator[Any]:
        index = 0
        while True:
            while index >= len(self._results):
                if not self._fetch_more():
                    return
            yield self._results[index]
            index += 1

    def all(self) -> list[Any]:
        """Return every result."""
        self._fetch_all()
        return list(self._results)

    def one(self) -> Any:
        """Return the only result; raise when there are none or several.

        Raise :exc:`ValueError` when the expression has an offset or a limit.
        """
        if self._limit is not None or self._offset is not None:
            raise ValueError(
                "Expression already contains an offset or a limit: "
                f"{self._given_expression!r}; one() sets its own."
            )
        records, _metadata = self._session._query(f"{self._expression} limit 2")
        if not records:
            raise ftrack_api.exception.NoResultFoundError()
        if len(records) > 1:
            raise ftrack_api.exception.MultipleResultsFoundError()
        return records[0]

    def first(self) -> Any:
        """Return the first result, or None when there is none.

        Raise :exc:`ValueError` when the expression has a limit.
        """
        if self._limit is not None:
            raise ValueError(
                "Expression already contains a limit: "
                f"{self._given_expression!r}; first() sets its own."
            )
        expression = self._expression
        if self._offset is not None:
            expression += f" offset {self._offset}"
        records, _metadata = self._session._query(f"{expression} limit 1")
        return records[0] if records else None
