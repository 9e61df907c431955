"""Small sample media that ``ftrack-api publish`` makes when given no files."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

#: Size in pixels of the generated frames.
FRAME_WIDTH, FRAME_HEIGHT = 64, 36


def png_bytes(width: int, height: int, rows: list[bytes]) -> bytes:
    """Return a PNG image of 8-bit RGB *rows* (each ``3 * width`` bytes)."""
    if len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError(f"Expected {height} rows of {3 * width} bytes for the image.")

    raw = b"".join(b"\0" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, content: bytes) -> bytes:
    checksum = zlib.crc32(kind + content) & 0xFFFFFFFF
    return (
        struct.pack(">I", len(content)) + kind + content + struct.pack(">I", checksum)
    )


def frame_rows(index: int, count: int) -> list[bytes]:
    """Return the rows of frame *index* of *count*: a gradient with a moving bar."""
    bar = (index * FRAME_WIDTH) // max(count, 1)
    rows = []
    for y in range(FRAME_HEIGHT):
        row = bytearray()
        for x in range(FRAME_WIDTH):
            if bar <= x < bar + 4:
                row += b"\xff\xff\xff"
            else:
                row += bytes((x * 4 % 256, y * 7 % 256, (index * 25) % 256))
        rows.append(bytes(row))
    return rows


def write_image_sequence(
    folder: Path, name: str = "frame", first: int = 1001, count: int = 10
) -> str:
    """Write *count* PNG frames into *folder*; return their clique notation."""
    folder.mkdir(parents=True, exist_ok=True)
    for offset in range(count):
        content = png_bytes(FRAME_WIDTH, FRAME_HEIGHT, frame_rows(offset, count))
        (folder / f"{name}.{first + offset:04d}.png").write_bytes(content)
    return f"{folder / name}.%04d.png [{first}-{first + count - 1}]"
