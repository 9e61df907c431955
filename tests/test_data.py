"""Tests for ftrack_api.data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ftrack_api.data


def test_string_returns_text_for_text_and_bytes_for_bytes() -> None:
    """String gives back what it was given: decoded text or raw bytes."""
    text = ftrack_api.data.String("Noël プレート")
    assert text.read() == "Noël プレート"
    raw = ftrack_api.data.String(b"\x00\xff")
    assert raw.read() == b"\x00\xff"


def test_file_write_after_read_lands_at_current_position(tmp_path: Path) -> None:
    """A write following a read continues where the read stopped."""
    path = tmp_path / "file.bin"
    path.write_bytes(b"abcdef")
    data = ftrack_api.data.File(str(path), "r+b")
    assert data.read(2) == b"ab"
    data.write(b"XY")
    data.close()
    assert path.read_bytes() == b"abXYef"
    assert data.closed


def test_base_data_refuses_seek_and_tell() -> None:
    """Data without a seekable backing store says so."""

    class Minimal(ftrack_api.data.Data):
        def read(self, limit: int | None = None) -> bytes:
            return b""

        def write(self, content: bytes) -> None:
            return None

    with pytest.raises(NotImplementedError):
        Minimal().seek(0)
    with pytest.raises(NotImplementedError):
        Minimal().tell()


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["kernel", "buffered"])
def test_copy_data_copies_everything_and_reports_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: bool
) -> None:
    """copy_data copies every byte, by kernel call or buffer, with progress."""
    payload = os.urandom(3 * 1024 * 1024 + 17)
    (tmp_path / "source").write_bytes(payload)
    if not kernel_copy:
        monkeypatch.setattr(ftrack_api.data, "_fileno", lambda data: None)
    monkeypatch.setattr(ftrack_api.data, "COPY_BUFFER_SIZE", 1024 * 1024)
    monkeypatch.setattr(ftrack_api.data, "_KERNEL_COPY_SIZE", 1024 * 1024)
    calls: list[tuple[int, int | None]] = []

    with ftrack_api.data.File(str(tmp_path / "source")) as source:
        with ftrack_api.data.File(str(tmp_path / "target"), "wb") as target:
            copied = ftrack_api.data.copy_data(
                source, target, lambda done, total: calls.append((done, total)), 9
            )

    assert copied == len(payload)
    assert (tmp_path / "target").read_bytes() == payload
    assert len(calls) == 4
    assert calls[-1] == (len(payload), 9)


def test_copy_data_into_string_uses_buffer(tmp_path: Path) -> None:
    """Copying into an in-memory String goes through the buffer path."""
    (tmp_path / "source").write_bytes(b"hello")
    with ftrack_api.data.File(str(tmp_path / "source")) as source:
        target = ftrack_api.data.String(b"")
        assert ftrack_api.data.copy_data(source, target) == 5
    target.seek(0)
    assert target.read() == b"hello"
