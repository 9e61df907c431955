"""Tests for the folder that keeps the ftrack.server location's data."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import pytest

from ftrack_api.local.server.storage import (
    ChecksumMismatchError,
    ComponentDataNotFoundError,
    ComponentStorage,
    InvalidComponentIdError,
)

COMPONENT_ID = "6f0b9c9e-2d7e-4d6c-9f07-4b0b3f2e1a10"


async def _chunks(parts: Iterable[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def _broken_chunks() -> AsyncIterator[bytes]:
    yield b"first half"
    raise ConnectionResetError("client went away")


def _write(storage: ComponentStorage, parts: Iterable[bytes], md5: str | None = None):
    return asyncio.run(storage.write(COMPONENT_ID, _chunks(parts), md5))


def _md5(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def test_write_then_open_returns_the_same_bytes(tmp_path: Path) -> None:
    """Stored chunks read back byte for byte."""
    storage = ComponentStorage(tmp_path)

    size = _write(storage, [b"abc", b"", b"def"])

    assert size == 6
    with storage.open(COMPONENT_ID) as stream:
        assert stream.read() == b"abcdef"


def test_write_accepts_a_matching_content_md5(tmp_path: Path) -> None:
    """A correct Content-MD5 lets the upload land."""
    storage = ComponentStorage(tmp_path)

    _write(storage, [b"data"], _md5(b"data"))

    assert storage.exists(COMPONENT_ID)


def test_write_with_a_wrong_checksum_keeps_the_previous_data(tmp_path: Path) -> None:
    """A Content-MD5 mismatch raises and leaves the old data and no temp file."""
    storage = ComponentStorage(tmp_path)
    _write(storage, [b"old"])

    with pytest.raises(ChecksumMismatchError, match="does not match"):
        _write(storage, [b"new"], _md5(b"other"))

    with storage.open(COMPONENT_ID) as stream:
        assert stream.read() == b"old"
    assert [path.name for path in storage.path(COMPONENT_ID).parent.iterdir()] == [
        COMPONENT_ID
    ]


def test_interrupted_write_leaves_nothing_behind(tmp_path: Path) -> None:
    """A transfer that breaks halfway stores nothing at all."""
    storage = ComponentStorage(tmp_path)

    with pytest.raises(ConnectionResetError):
        asyncio.run(storage.write(COMPONENT_ID, _broken_chunks()))

    assert not storage.exists(COMPONENT_ID)
    assert list(storage.root.rglob("*.*")) == []
    assert [p for p in storage.root.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "component_id",
    ["", "..", "../etc/passwd", "a/b", "a\\b", ".hidden", "x" * 200, "a b", "é"],
)
def test_ids_that_could_escape_the_folder_are_rejected(
    tmp_path: Path, component_id: str
) -> None:
    """Only plain, short ids name a file inside the storage folder."""
    storage = ComponentStorage(tmp_path)

    with pytest.raises(InvalidComponentIdError, match="Invalid component id"):
        storage.path(component_id)


def test_open_of_missing_data_raises_not_found(tmp_path: Path) -> None:
    """Reading a component that has no data raises a LookupError."""
    storage = ComponentStorage(tmp_path)

    with pytest.raises(ComponentDataNotFoundError, match=COMPONENT_ID):
        storage.open(COMPONENT_ID)


def test_remove_reports_whether_data_existed(tmp_path: Path) -> None:
    """Removing deletes the data once and is harmless afterwards."""
    storage = ComponentStorage(tmp_path)
    _write(storage, [b"x"])

    assert storage.remove(COMPONENT_ID) is True
    assert storage.remove(COMPONENT_ID) is False
    assert not storage.exists(COMPONENT_ID)


def test_remove_leftovers_deletes_only_temporary_files(tmp_path: Path) -> None:
    """Temporary files of a crashed upload are cleaned at start-up."""
    storage = ComponentStorage(tmp_path)
    _write(storage, [b"kept"])
    leftover = storage.path(COMPONENT_ID).parent / ".upload-crashed"
    leftover.write_bytes(b"partial")

    assert storage.remove_leftovers() == 1
    assert not leftover.exists()
    assert storage.exists(COMPONENT_ID)
