"""Tests for :mod:`ftrack_api.cache`."""

from __future__ import annotations

import dbm
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ftrack_api.cache
from ftrack_api.cache import (
    Cache,
    FileCache,
    LayeredCache,
    Memoiser,
    MemoryCache,
    ObjectKeyMaker,
    ProxyCache,
    SerialisedCache,
    StringKeyMaker,
    memoise_decorator,
)


def add(x: int, y: int = 2) -> int:
    """Return the sum of *x* and *y* (a module-level function to key on)."""
    return x + y


class Greeter:
    """A class with a method to key on."""

    def greet(self) -> str:
        """Return a greeting."""
        return "hello"


@pytest.fixture(params=["memory", "file", "proxy", "layered", "serialised"])
def cache(request: pytest.FixtureRequest, tmp_path: Path) -> Cache:
    """Return an empty cache of each kind, all storing text values."""
    makers: dict[str, Callable[[], Cache]] = {
        "memory": MemoryCache,
        "file": lambda: FileCache(tmp_path / "cache.db"),
        "proxy": lambda: ProxyCache(MemoryCache()),
        "layered": lambda: LayeredCache([MemoryCache(), MemoryCache()]),
        "serialised": lambda: SerialisedCache(
            MemoryCache(), encode=str.upper, decode=str.lower
        ),
    }
    return makers[request.param]()


def test_cache_get_returns_what_set_stored(cache: Cache) -> None:
    """Every cache returns the value last stored under a key."""
    cache.set("key", "first")
    cache.set("key", "value")
    assert cache.get("key") == "value"


def test_cache_get_and_remove_of_missing_key_raise_key_error(cache: Cache) -> None:
    """A missing key raises KeyError on get and on remove."""
    with pytest.raises(KeyError):
        cache.get("missing")
    with pytest.raises(KeyError):
        cache.remove("missing")


def test_cache_remove_forgets_the_key(cache: Cache) -> None:
    """After remove the key is gone from get and keys."""
    cache.set("key", "value")
    cache.remove("key")
    assert "key" not in cache.keys()
    with pytest.raises(KeyError):
        cache.get("key")


def test_cache_keys_and_values_list_the_entries(cache: Cache) -> None:
    """keys() and values() list every stored entry."""
    cache.set("a", "one")
    cache.set("b", "two")
    assert sorted(cache.keys()) == ["a", "b"]
    assert sorted(cache.values()) == ["one", "two"]


@pytest.mark.parametrize(
    ("pattern", "remaining"),
    [(None, []), ("^user:", ["task:1"]), ("1$", ["user:2"])],
)
def test_cache_clear_removes_keys_the_pattern_finds(
    cache: Cache, pattern: str | None, remaining: list[str]
) -> None:
    """clear() removes all keys, or those a regular expression search finds."""
    for key in ("user:1", "user:2", "task:1"):
        cache.set(key, "value")
    cache.clear(pattern=pattern)
    assert sorted(cache.keys()) == remaining


def test_base_cache_keys_is_not_implemented() -> None:
    """A cache that cannot list keys says so."""

    class Minimal(Cache):
        def get(self, key: Any) -> Any:
            raise KeyError(key)

        def set(self, key: Any, value: Any) -> None:
            """Store nothing."""

        def remove(self, key: Any) -> None:
            raise KeyError(key)

    with pytest.raises(NotImplementedError):
        Minimal().keys()


def test_values_skips_keys_removed_while_reading() -> None:
    """values() ignores a key that vanishes between listing and reading."""

    class Vanishing(MemoryCache):
        def get(self, key: Any) -> Any:
            if key == "gone":
                raise KeyError(key)
            return super().get(key)

    cache = Vanishing()
    cache.set("kept", 1)
    cache.set("gone", 2)
    assert cache.values() == [1]


def test_layered_cache_get_fills_shallower_layers_that_missed() -> None:
    """A value found in a deep layer is copied into the layers above it only."""
    top, middle, bottom = MemoryCache(), MemoryCache(), MemoryCache()
    middle.set("key", "value")
    layered = LayeredCache([top, middle, bottom])
    assert layered.get("key") == "value"
    assert top.get("key") == "value"
    assert bottom.keys() == []


def test_layered_cache_set_and_remove_reach_every_layer() -> None:
    """set and remove apply to every layer; remove fails only if none had it."""
    top, bottom = MemoryCache(), MemoryCache()
    layered = LayeredCache([top, bottom])
    layered.set("key", "value")
    assert top.get("key") == bottom.get("key") == "value"
    top.remove("key")
    layered.remove("key")
    assert bottom.keys() == []
    with pytest.raises(KeyError):
        layered.remove("key")


def test_layered_cache_keys_is_the_union_of_layers() -> None:
    """keys() lists each key of any layer once."""
    top, bottom = MemoryCache(), MemoryCache()
    top.set("a", 1)
    bottom.set("a", 1)
    bottom.set("b", 2)
    assert sorted(LayeredCache([top, bottom]).keys()) == ["a", "b"]


def test_serialised_cache_stores_encoded_and_returns_decoded() -> None:
    """The proxied cache holds encoded values; get decodes them."""
    proxied = MemoryCache()
    cache = SerialisedCache(proxied, encode=repr, decode=eval)
    cache.set("key", {"a": [1, 2]})
    assert proxied.get("key") == "{'a': [1, 2]}"
    assert cache.get("key") == {"a": [1, 2]}


def test_file_cache_writes_one_file_at_exactly_the_path(tmp_path: Path) -> None:
    """The file cache creates its database at the given path, no suffixes."""
    path = tmp_path / "entities.cache"
    FileCache(path).set("key", "value")
    assert [entry.name for entry in tmp_path.iterdir()] == ["entities.cache"]


def test_file_cache_persists_between_instances(tmp_path: Path) -> None:
    """A second instance on the same path sees the first one's values."""
    path = str(tmp_path / "cache.db")
    FileCache(path).set("key", "välue")
    assert FileCache(path).get("key") == "välue"


def test_file_cache_accepts_an_existing_empty_file(tmp_path: Path) -> None:
    """An empty file, as tempfile creates, becomes the cache database."""
    path = tmp_path / "empty"
    path.touch()
    cache = FileCache(path)
    cache.set("key", b"bytes")
    assert cache.get("key") == "bytes"


def test_file_cache_layout_is_python_3_13_dbm_sqlite3(tmp_path: Path) -> None:
    """The file holds the Dict table of dbm.sqlite3, so its dbm can open it."""
    path = tmp_path / "cache.db"
    FileCache(path).set("key", "value")
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT key, value FROM Dict").fetchall()
    connection.close()
    assert rows == [(b"key", b"value")]
    assert dbm.whichdb(str(path)) in ("dbm.sqlite3", "")


def test_file_cache_rejects_a_file_that_is_no_database(tmp_path: Path) -> None:
    """A path holding unrelated data is refused with its name, not overwritten."""
    path = tmp_path / "notes.txt"
    path.write_text("precious")
    with pytest.raises(ValueError, match="notes.txt"):
        FileCache(path)
    assert path.read_text() == "precious"


def test_file_cache_set_of_object_raises_type_error(tmp_path: Path) -> None:
    """A dict value is refused with a message naming SerialisedCache."""
    cache = FileCache(tmp_path / "cache.db")
    with pytest.raises(TypeError, match="SerialisedCache"):
        cache.set("key", {"a": 1})


def test_file_cache_is_safe_between_threads(tmp_path: Path) -> None:
    """Threads writing different keys through one instance lose nothing."""
    cache = FileCache(tmp_path / "cache.db")

    def write(thread: int) -> None:
        for index in range(20):
            cache.set(f"{thread}:{index}", str(index))

    threads = [threading.Thread(target=write, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache.keys()) == 80


def test_file_cache_is_shared_between_processes(tmp_path: Path) -> None:
    """A value written by another process is read back here."""
    path = tmp_path / "cache.db"
    FileCache(path)
    code = (
        "import sys, ftrack_api.cache; "
        "ftrack_api.cache.FileCache(sys.argv[1]).set('from', 'child')"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert FileCache(path).get("from") == "child"


def test_string_key_maker_joins_str_of_items() -> None:
    """StringKeyMaker concatenates the str of each item."""
    assert StringKeyMaker().key("a", 1, None) == "a1None"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ((1,), b"\x80\x02K\x01."),
        (("a",), b"\x80\x02X\x01\x00\x00\x00aq\x00."),
        ((1, 2), b"\x80\x02K\x01.\x00\x80\x02K\x02."),
        (((1, 2),), b"\x03\x80\x02K\x01.\x00\x80\x02K\x02.\x03"),
        (
            ({"b": 1, "a": 2},),
            b"\x01\x80\x02X\x01\x00\x00\x00aq\x00.\x02\x80\x02K\x02.\x00"
            b"\x80\x02X\x01\x00\x00\x00bq\x00.\x02\x80\x02K\x01.\x01",
        ),
        ((len,), b"\x04len"),
        ((None,), b"\x80\x02N."),
    ],
)
def test_object_key_maker_encodes_like_the_official_client(
    items: tuple[Any, ...], expected: bytes
) -> None:
    """ObjectKeyMaker keys are byte-identical to the official client's."""
    assert ObjectKeyMaker().key(*items) == expected


def test_object_key_maker_names_functions_classes_and_methods() -> None:
    """Functions, classes and bound methods are keyed by name and module."""
    maker = ObjectKeyMaker()
    module = __name__.encode()
    assert maker.key(add, (1, 2)) == (
        b"\x04add\x00" + module + b"\x00\x03\x80\x02K\x01.\x00\x80\x02K\x02.\x03"
    )
    assert maker.key(Greeter) == b"\x04Greeter\x00" + module
    assert maker.key(Greeter().greet) == b"\x04greet\x00Greeter\x00" + module


def test_object_key_maker_tells_apart_mappings_of_different_values() -> None:
    """Different unhashable arguments give different keys."""
    maker = ObjectKeyMaker()
    assert maker.key({"a": [1]}) != maker.key({"a": [2]})
    assert maker.key({"a": 1, "b": 2}) == maker.key({"b": 2, "a": 1})


def test_memoiser_calls_once_for_positional_and_keyword_spellings() -> None:
    """One call per distinct argument mapping, however it is spelled."""
    calls: list[tuple[int, int]] = []

    def multiply(x: int, y: int = 3) -> int:
        calls.append((x, y))
        return x * y

    memoiser = Memoiser()
    assert memoiser.call(multiply, (2,)) == 6
    assert memoiser.call(multiply, (2, 3)) == 6
    assert memoiser.call(multiply, kw={"x": 2, "y": 3}) == 6
    assert memoiser.call(multiply, (2, 4)) == 8
    assert calls == [(2, 3), (2, 4)]


@pytest.mark.parametrize(("return_copies", "polluted"), [(True, False), (False, True)])
def test_memoiser_return_copies_protects_the_cached_value(
    return_copies: bool, polluted: bool
) -> None:
    """With return_copies, changing a result leaves the cached value alone."""
    memoiser = Memoiser(return_copies=return_copies)

    def make() -> list[int]:
        return [1]

    memoiser.call(make).append(2)
    assert (memoiser.call(make) == [1, 2]) is polluted


def test_memoise_decorator_memoises_and_keeps_the_name() -> None:
    """The decorated function is called once per argument set."""
    calls = []
    cache = MemoryCache()

    @memoise_decorator(Memoiser(cache=cache))
    def square(x: int) -> int:
        """Return x squared."""
        calls.append(x)
        return x * x

    assert [square(3), square(x=3), square(4)] == [9, 9, 16]
    assert calls == [3, 4]
    assert square.__name__ == "square"
    assert len(cache.keys()) == 2


def test_module_memoise_uses_the_default_memoiser() -> None:
    """The module-level memoise stores into the default memoiser's cache."""
    before = len(ftrack_api.cache.memoiser.cache.keys())
    ftrack_api.cache.memoise(add)(40, 2)
    assert len(ftrack_api.cache.memoiser.cache.keys()) == before + 1
