"""A mutable mapping kept in a plain dict, for classes that wrap one."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any


class DictBackedMapping(MutableMapping[str, Any]):
    """Read and write the ``_data`` dict a subclass sets in its constructor."""

    _data: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._data[key] = value

    def __delitem__(self, key: str) -> None:
        del self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)
