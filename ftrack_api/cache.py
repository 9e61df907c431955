"""Caches for entities and computed values, with key makers and memoisation.

The session keeps its entities in a :class:`LayeredCache` whose first layer is
a :class:`MemoryCache`; a user may add a persistent layer such as a
:class:`SerialisedCache` over a :class:`FileCache`::

    import functools
    import ftrack_api.cache

    def cache_maker(session):
        return ftrack_api.cache.SerialisedCache(
            ftrack_api.cache.FileCache("/tmp/ftrack.cache"),
            encode=functools.partial(
                session.encode, entity_attribute_strategy="persisted_only"
            ),
            decode=session.decode,
        )

:class:`Memoiser` and :func:`memoise_decorator` remember the results of
function calls, keyed by :class:`ObjectKeyMaker`.
"""

from __future__ import annotations

import abc
import contextlib
import copy
import functools
import logging
import os
import re
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

logger = logging.getLogger(__name__)

#: Pickle protocol of :class:`ObjectKeyMaker`, kept at 2 so keys match the
#: official client's byte for byte.
PICKLE_PROTOCOL = 2


class Cache(abc.ABC):
    """Store values under string keys."""

    @abc.abstractmethod
    def get(self, key: Any) -> Any:
        """Return the value stored under *key*; raise :exc:`KeyError` if none."""

    @abc.abstractmethod
    def set(self, key: Any, value: Any) -> None:
        """Store *value* under *key*, replacing any previous value."""

    @abc.abstractmethod
    def remove(self, key: Any) -> None:
        """Remove the value under *key*; raise :exc:`KeyError` if none."""

    def keys(self) -> list[Any]:
        """Return the keys currently stored."""
        raise NotImplementedError(f"{type(self).__name__} cannot list its keys.")

    def values(self) -> list[Any]:
        """Return the values currently stored.

        A key removed by another thread between listing and reading is skipped.
        """
        values = []
        for key in self.keys():
            try:
                values.append(self.get(key))
            except KeyError:
                continue
        return values

    def clear(self, pattern: str | None = None) -> None:
        """Remove every key, or only those a regular expression *pattern* finds.

        *pattern* is matched with :func:`re.search` against each key.
        """
        expression = re.compile(pattern) if pattern is not None else None
        for key in self.keys():
            if expression is not None and not expression.search(key):
                continue
            with contextlib.suppress(KeyError):
                self.remove(key)


class ProxyCache(Cache):
    """Forward every call to another cache, the *proxied* one."""

    def __init__(self, proxied: Cache) -> None:
        self.proxied = proxied
        super().__init__()

    def get(self, key: Any) -> Any:
        """Return the value under *key* from the proxied cache."""
        return self.proxied.get(key)

    def set(self, key: Any, value: Any) -> None:
        """Store *value* under *key* in the proxied cache."""
        self.proxied.set(key, value)

    def remove(self, key: Any) -> None:
        """Remove *key* from the proxied cache."""
        self.proxied.remove(key)

    def keys(self) -> list[Any]:
        """Return the keys of the proxied cache."""
        return self.proxied.keys()


class LayeredCache(Cache):
    """Read through a stack of caches, shallowest first; write to all of them."""

    def __init__(self, caches: Iterable[Cache]) -> None:
        super().__init__()
        self.caches = list(caches)

    def get(self, key: Any) -> Any:
        """Return the value from the first layer that has *key*.

        The value is then copied into every shallower layer that missed it.
        """
        missed = []
        for cache in self.caches:
            try:
                value = cache.get(key)
            except KeyError:
                missed.append(cache)
                continue
            for shallower in missed:
                shallower.set(key, value)
            return value
        raise KeyError(key)

    def set(self, key: Any, value: Any) -> None:
        """Store *value* under *key* in every layer."""
        for cache in self.caches:
            cache.set(key, value)

    def remove(self, key: Any) -> None:
        """Remove *key* from every layer; raise :exc:`KeyError` if none had it."""
        found = False
        for cache in self.caches:
            try:
                cache.remove(key)
            except KeyError:
                continue
            found = True
        if not found:
            raise KeyError(key)

    def keys(self) -> list[Any]:
        """Return the keys stored in any layer, each once."""
        keys: dict[Any, None] = {}
        for cache in self.caches:
            keys.update(dict.fromkeys(cache.keys()))
        return list(keys)


class MemoryCache(Cache):
    """Keep values in a dictionary in memory."""

    def __init__(self) -> None:
        self._cache: dict[Any, Any] = {}
        super().__init__()

    def get(self, key: Any) -> Any:
        """Return the value under *key*."""
        return self._cache[key]

    def set(self, key: Any, value: Any) -> None:
        """Store *value* under *key*."""
        self._cache[key] = value

    def remove(self, key: Any) -> None:
        """Remove *key*."""
        del self._cache[key]

    def keys(self) -> list[Any]:
        """Return the stored keys."""
        return list(self._cache)


class FileCache(Cache):
    """Keep string values in one database file at exactly *path*.

    A new file is a SQLite database laid out as Python 3.13's ``dbm.sqlite3``
    lays it out (one ``Dict`` table of key and value blobs), so ``dbm.open``
    of Python 3.13 or newer reads it too, and no suffix is ever added to
    *path*. An existing file written by another ``dbm`` backend that this
    Python can open (``dbm.gnu``, ``dbm.ndbm``) is used through :mod:`dbm`.
    Every operation opens and closes the file, under a lock, so one instance
    is safe to share between threads and several processes may share a file.

    Keys are ASCII text (``bytes`` keys are taken as they are); values are
    ``str`` or ``bytes`` and :meth:`get` returns them decoded as UTF-8.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._lock = threading.RLock()
        self._dbm_module = self._existing_dbm_module()
        if self._dbm_module is None:
            with self._sqlite() as connection:
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS Dict ("
                    "key BLOB UNIQUE NOT NULL, value BLOB NOT NULL)"
                )
        super().__init__()

    def _existing_dbm_module(self) -> str | None:
        """Return the dbm module of an existing non-SQLite file at the path."""
        if not os.path.exists(self.path):
            return None
        with open(self.path, "rb") as stream:
            if stream.read(16) in (b"", b"SQLite format 3\0"):
                return None
        import dbm

        kind = dbm.whichdb(self.path)
        if not kind or kind == "dbm.dumb":
            raise ValueError(
                f"Cannot use {self.path!r} as a cache file: it is neither SQLite "
                f"nor a dbm database this Python can open ({kind!r})."
            )
        return kind

    @contextlib.contextmanager
    def _sqlite(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection to the file inside one transaction."""
        import sqlite3

        with self._lock:
            try:
                connection = sqlite3.connect(self.path, timeout=30)
            except sqlite3.Error as error:
                raise OSError(
                    f"Cannot open the cache file {self.path!r}: {error}"
                ) from error
            try:
                with connection:
                    yield connection
            finally:
                connection.close()

    @contextlib.contextmanager
    def _dbm(self) -> Iterator[Any]:
        """Yield the opened dbm database of an existing foreign file."""
        import dbm

        with self._lock, dbm.open(self.path, "w") as database:
            yield database

    @staticmethod
    def _encode_key(key: Any) -> bytes:
        return key if isinstance(key, bytes) else str(key).encode("ascii")

    @staticmethod
    def _encode_value(value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode("utf-8")
        raise TypeError(
            f"FileCache stores str or bytes values, not {type(value).__name__}: "
            f"wrap it in a SerialisedCache to store {value!r}."
        )

    def get(self, key: Any) -> str:
        """Return the value under *key*, decoded as UTF-8."""
        encoded = self._encode_key(key)
        if self._dbm_module is not None:
            with self._dbm() as database:
                return bytes(database[encoded]).decode("utf-8")

        with self._sqlite() as connection:
            row = connection.execute(
                "SELECT value FROM Dict WHERE key = ?", (encoded,)
            ).fetchone()
        if row is None:
            raise KeyError(key)
        return bytes(row[0]).decode("utf-8")

    def set(self, key: Any, value: Any) -> None:
        """Store *value* (``str`` or ``bytes``) under *key*."""
        encoded_key, encoded_value = self._encode_key(key), self._encode_value(value)
        if self._dbm_module is not None:
            with self._dbm() as database:
                database[encoded_key] = encoded_value
            return

        with self._sqlite() as connection:
            connection.execute(
                "INSERT INTO Dict (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (encoded_key, encoded_value),
            )

    def remove(self, key: Any) -> None:
        """Remove *key*."""
        encoded = self._encode_key(key)
        if self._dbm_module is not None:
            with self._dbm() as database:
                del database[encoded]
            return

        with self._sqlite() as connection:
            deleted = connection.execute("DELETE FROM Dict WHERE key = ?", (encoded,))
            if deleted.rowcount == 0:
                raise KeyError(key)

    def keys(self) -> list[str]:
        """Return the stored keys as text."""
        if self._dbm_module is not None:
            with self._dbm() as database:
                return [bytes(key).decode("utf-8") for key in database.keys()]

        with self._sqlite() as connection:
            rows = connection.execute("SELECT key FROM Dict").fetchall()
        return [bytes(row[0]).decode("utf-8") for row in rows]


class SerialisedCache(ProxyCache):
    """Encode values on the way into the proxied cache and decode them out."""

    def __init__(
        self,
        proxied: Cache,
        encode: Callable[[Any], Any] | None = None,
        decode: Callable[[Any], Any] | None = None,
    ) -> None:
        super().__init__(proxied)
        self.encode = encode
        self.decode = decode

    def get(self, key: Any) -> Any:
        """Return the decoded value under *key*."""
        value = super().get(key)
        if self.decode is not None:
            value = self.decode(value)
        return value

    def set(self, key: Any, value: Any) -> None:
        """Encode *value* and store it under *key*."""
        if self.encode is not None:
            value = self.encode(value)
        super().set(key, value)


class KeyMaker(abc.ABC):
    """Build one cache key from several items."""

    def __init__(self) -> None:
        super().__init__()
        self.item_separator: Any = ""

    def key(self, *items: Any) -> Any:
        """Return the key of *items*, their own keys joined by the separator."""
        return self.item_separator.join(self._key(item) for item in items)

    @abc.abstractmethod
    def _key(self, item: Any) -> Any:
        """Return the key of a single *item*."""


class StringKeyMaker(KeyMaker):
    """Make text keys from the ``str`` of each item."""

    def _key(self, item: Any) -> str:
        return str(item)


class ObjectKeyMaker(KeyMaker):
    """Make byte keys that tell apart arbitrary, even unhashable, objects.

    The encoding is the official client's, byte for byte: text and plain
    objects are pickled (protocol 2); a mapping is its pairs, sorted, each
    ``key \\2 value``, joined by ``\\0`` and wrapped in ``\\1``; any other
    iterable is its items joined by ``\\0`` and wrapped in ``\\3``; a function
    or class is ``\\4name\\0module``, a bound method ``\\4name\\0Class\\0module``
    and a builtin ``\\4name``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.item_separator = b"\0"
        self.mapping_identifier = b"\1"
        self.mapping_pair_separator = b"\2"
        self.iterable_identifier = b"\3"
        self.name_identifier = b"\4"

    def _key(self, item: Any) -> bytes:
        import pickle

        if isinstance(item, str):
            return pickle.dumps(item, PICKLE_PROTOCOL)
        if isinstance(item, Mapping):
            return self._mapping_key(item)
        if isinstance(item, Iterable):
            return self._iterable_key(item)
        if isinstance(item, types.MethodType):
            return self._name_key(
                item.__name__, type(item.__self__).__name__, item.__module__
            )
        if isinstance(item, (types.FunctionType, type)):
            return self._name_key(item.__name__, item.__module__)
        if isinstance(item, types.BuiltinFunctionType):
            return self._name_key(item.__name__)
        return pickle.dumps(item, PICKLE_PROTOCOL)

    def _mapping_key(self, mapping: Mapping[Any, Any]) -> bytes:
        pairs = self.item_separator.join(
            self._key(key) + self.mapping_pair_separator + self._key(value)
            for key, value in sorted(mapping.items())
        )
        return self.mapping_identifier + pairs + self.mapping_identifier

    def _iterable_key(self, iterable: Iterable[Any]) -> bytes:
        contents = self.item_separator.join(self._key(item) for item in iterable)
        return self.iterable_identifier + contents + self.iterable_identifier

    def _name_key(self, *names: str) -> bytes:
        encoded = self.item_separator.join(name.encode() for name in names)
        return self.name_identifier + encoded


class Memoiser:
    """Remember the results of function calls in a cache.

    *cache* defaults to a new :class:`MemoryCache` and *key_maker* to an
    :class:`ObjectKeyMaker`. With *return_copies*, each call returns a deep
    copy, so a caller changing a result does not change the cached value.
    """

    def __init__(
        self,
        cache: Cache | None = None,
        key_maker: KeyMaker | None = None,
        return_copies: bool = True,
    ) -> None:
        self.cache = cache if cache is not None else MemoryCache()
        self.key_maker = key_maker if key_maker is not None else ObjectKeyMaker()
        self.return_copies = return_copies
        super().__init__()

    def call(
        self,
        function: Callable[..., Any],
        args: Iterable[Any] | None = None,
        kw: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return ``function(*args, **kw)``, computing it only on a cache miss.

        The key is made from *function* and the mapping of every parameter to
        its value (defaults included), so positional and keyword spellings of
        one call share an entry.
        """
        args = tuple(args) if args is not None else ()
        kw = dict(kw) if kw is not None else {}
        import inspect

        arguments = inspect.getcallargs(function, *args, **kw)
        key = self.key_maker.key(function, arguments)
        try:
            value = self.cache.get(key)
        except KeyError:
            value = function(*args, **kw)
            self.cache.set(key, value)

        if self.return_copies:
            value = copy.deepcopy(value)
        return value


def memoise_decorator(
    memoiser: Memoiser,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Return a decorator that memoises a function through *memoiser*."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def memoised(*args: Any, **kw: Any) -> Any:
            return memoiser.call(function, args, kw)

        return memoised

    return decorate


#: The default memoiser, on a memory cache.
memoiser = Memoiser()

#: A decorator memoising through :data:`memoiser`.
memoise = memoise_decorator(memoiser)
