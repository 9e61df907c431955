"""Tests of the command line's input parsing, sample media and progress bar."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.cli import _common, build_parser
from ftrack_api.cli._progress import ProgressBar, format_size
from ftrack_api.cli._samples import png_bytes, write_image_sequence
from ftrack_api.cli.publish import parse_source
from ftrack_api.cli.query import format_table


def decode_png(content: bytes) -> tuple[int, int, bytes]:
    """Return width, height and raw scanlines of a PNG, checking every CRC."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks = 8, {}
    while position < len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        body = content[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(
            ">I", content[position + 8 + length : position + 12 + length]
        )
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = body
        position += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    return width, height, zlib.decompress(chunks[b"IDAT"])


def test_png_bytes_is_a_valid_rgb_png() -> None:
    """The generated PNG decodes to the pixels given."""
    rows = [bytes([10, 20, 30, 40, 50, 60]), bytes([70, 80, 90, 100, 110, 120])]
    width, height, raw = decode_png(png_bytes(2, 2, rows))
    assert (width, height) == (2, 2)
    assert raw == b"\0" + rows[0] + b"\0" + rows[1]


def test_png_bytes_rejects_rows_of_the_wrong_size() -> None:
    """Rows that do not match the size are refused."""
    with pytest.raises(ValueError, match="rows"):
        png_bytes(2, 1, [b"\0" * 5])


def test_write_image_sequence_returns_clique_notation_of_its_frames(
    tmp_path: Path,
) -> None:
    """The generated sequence parses back to its ten distinct frames."""
    notation = write_image_sequence(tmp_path, count=10)
    source = parse_source(notation)
    assert notation == f"{tmp_path}/frame.%04d.png [1001-1010]"
    assert len(source.files) == 10
    assert len({Path(path).read_bytes() for path in source.files}) == 10
    assert source.name == "frame"


def test_parse_source_of_a_file(tmp_path: Path) -> None:
    """A file is one source named after its stem."""
    path = tmp_path / "review.mov"
    path.write_bytes(b"movie")
    source = parse_source(str(path))
    assert (source.name, source.files, source.size) == ("review", [str(path)], 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{tmp}/missing.exr", "No such file: '{tmp}/missing.exr'"),
        ("{tmp}", "is a folder"),
        ("{tmp}/plate.%04d.exr", "Bad image sequence pattern"),
        ("{tmp}/plate.%04d.exr [1-x]", "Bad image sequence pattern"),
        ("{tmp}/plate.%04d.exr [5-1]", "has no frames"),
        ("{tmp}/plate.%04d.exr [1-3]", "Missing frames .*plate.0001.exr"),
    ],
)
def test_parse_source_names_what_is_wrong(
    tmp_path: Path, text: str, message: str
) -> None:
    """Bad paths raise an input error naming the value."""
    with pytest.raises(_common.InputError, match=message.format(tmp=tmp_path)) as info:
        parse_source(text.format(tmp=tmp_path))
    assert info.value.exit_status == 2


def test_parse_source_lists_only_the_missing_frames(tmp_path: Path) -> None:
    """A sequence with one frame missing names that frame only."""
    for frame in (1, 3):
        (tmp_path / f"plate.{frame:04d}.exr").write_bytes(b"x")
    with pytest.raises(_common.InputError) as info:
        parse_source(f"{tmp_path}/plate.%04d.exr [1-3]")
    assert "plate.0002.exr" in str(info.value)
    assert "plate.0001.exr" not in str(info.value)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 B"), (1023, "1023 B"), (2048, "2.0 KiB"), (5 * 1024**2, "5.0 MiB")],
)
def test_format_size(size: int, text: str) -> None:
    """Sizes read in binary units."""
    assert format_size(size) == text


def test_progress_bar_prints_a_line_per_tenth_when_not_a_terminal() -> None:
    """In a log the bar prints at most eleven lines, ending at 100%."""
    stream = io.StringIO()
    bar = ProgressBar(1000, stream=stream)
    for _ in range(100):
        bar.advance(10)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[-1].startswith("Transferring [" + "#" * 30 + "] 100.0%")


def test_progress_bar_disabled_prints_nothing() -> None:
    """--no-progress silences the bar."""
    stream = io.StringIO()
    bar = ProgressBar(10, stream=stream, enabled=False)
    bar.advance(10)
    bar.finish()
    assert stream.getvalue() == ""


def test_component_progress_adds_up_cumulative_reports_per_file() -> None:
    """Cumulative per-file reports from a location become one running total."""
    bar = ProgressBar(10, stream=io.StringIO())
    first, second = {"id": "a"}, {"id": "b"}
    bar.component_progress(first, 3, 4)
    bar.component_progress(second, 5, 6)
    bar.component_progress(first, 4, 4)
    bar.component_progress(second, 6, 6)
    assert bar.done == 10


def test_component_progress_is_safe_from_worker_threads() -> None:
    """Reports from several copying threads add up exactly."""
    bar = ProgressBar(4 * 1000, stream=io.StringIO())

    def copy(name: str) -> None:
        for copied in range(1, 1001):
            bar.component_progress({"id": name}, copied, 1000)

    threads = [threading.Thread(target=copy, args=(str(n),)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert bar.done == 4000


def test_format_table_aligns_columns_and_counts() -> None:
    """The table has a header, a rule, aligned cells and a count."""
    rows: list[dict[str, Any]] = [
        {"name": "sh010", "parent": {"__entity_type__": "Sequence", "id": "1"}},
        {"name": "sh0020", "parent": None},
    ]
    assert format_table(["name", "parent"], rows) == (
        "name    parent\n"
        "------  -----------\n"
        "sh010   Sequence(1)\n"
        "sh0020\n"
        "(2 entities)\n"
    )


@pytest.mark.parametrize("command", ["publish", "query", "serve"])
def test_every_command_has_help(command: str) -> None:
    """--help describes each sub-command and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "ftrack_api.cli", command, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert f"usage: ftrack-api {command}" in result.stdout


def test_format_table_counts_collections() -> None:
    """A collection of entities shows how many items it holds."""
    child = {"__entity_type__": "Shot", "id": "1"}
    rows: list[dict[str, Any]] = [{"children": [child]}, {"children": [child] * 2}]
    assert format_table(["children"], rows).splitlines()[2:4] == [
        "[1 item]",
        "[2 items]",
    ]


def test_main_help_lists_the_commands() -> None:
    """The top-level help lists publish, query and serve."""
    text = build_parser().format_help()
    assert all(name in text for name in ("publish", "query", "serve"))


def test_default_server_is_a_sqlite_file_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without --server or FTRACK_SERVER the commands use a local SQLite file."""
    monkeypatch.delenv("FTRACK_SERVER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert _common.resolve_server_url(None) == (
        f"sqlite:///{tmp_path}/openftrack/ftrack.db"
    )
    monkeypatch.setenv("FTRACK_SERVER", "http://127.0.0.1:9")
    assert _common.resolve_server_url(None) == "http://127.0.0.1:9"
    assert _common.resolve_server_url("sqlite://") == "sqlite://"
