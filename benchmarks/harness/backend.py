"""Measure our backend alone against hand-written SQL and ``cp``.

Reuses the other benchmarks' own pieces: the query language benchmark's
studio and hand-written SQL (``benchmarks/query_language.py``), the write
benchmark's backend and plain-Core runs (``benchmarks/backend_writes.py``)
and the transfer benchmark's disk run against ``cp -r``
(``benchmarks/transfers.py``).
"""

from __future__ import annotations

import contextlib
import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from benchmarks import backend_writes, query_language, transfers
from ftrack_api.local.model import get_model

PAGE = query_language.PAGE_SIZE


@dataclass
class BackendSizes:
    """Counts of the backend-alone measurements."""

    tasks: int
    writes: int
    file_mib: int
    frames: int
    frame_kib: int
    repeats: int


FULL = BackendSizes(
    tasks=10_000, writes=10_000, file_mib=256, frames=1_000, frame_kib=64, repeats=3
)
QUICK = BackendSizes(
    tasks=300, writes=300, file_mib=4, frames=20, frame_kib=4, repeats=1
)


def comparison(
    key: str, label: str, reference: str, ours: list[float], other: list[float]
) -> dict[str, Any]:
    """Return one results row: medians of both and their ratio ours / other."""
    return {
        "key": key,
        "label": label,
        "reference": reference,
        "runs": {"ours": ours, "reference": other},
        "ours": statistics.median(ours),
        "reference_median": statistics.median(other),
        "ratio": statistics.median(ours) / statistics.median(other),
    }


def _timings(repeats: int, function: Callable[[], object]) -> list[float]:
    """Return the wall times of *repeats* calls of *function*."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def queries(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time the query language against hand-written SQL on one studio."""
    model = get_model()
    engine = sa.create_engine(f"sqlite:///{folder / 'query_language.db'}")
    model.metadata.create_all(engine)
    with engine.begin() as connection:
        query_language.build(connection, model, sizes.tasks)
    rows = []
    with engine.connect() as connection:
        cases: list[tuple[str, str, Callable[[], list], Callable[[], list]]] = [
            (
                "filtered",
                "4 projections (one a collection), filter 2 levels up",
                lambda: query_language.ours(
                    connection, model, query_language.FILTERED, PAGE
                ),
                lambda: query_language.hand_written_filtered(connection, PAGE),
            ),
            (
                "plain",
                "plain Task query, every page",
                lambda: query_language.ours(connection, model, "Task", PAGE),
                lambda: query_language.hand_written_plain(connection, PAGE),
            ),
        ]
        for key, label, ours, hand_written in cases:
            if ours() != hand_written():
                raise RuntimeError(f"The {key} query and its SQL disagree")
            rows.append(
                comparison(
                    f"query_{key}",
                    f"Query language on {sizes.tasks:,} Tasks: {label}",
                    "hand-written SQL",
                    _timings(sizes.repeats, ours),
                    _timings(sizes.repeats, hand_written),
                )
            )
    engine.dispose()
    return rows


def writes(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time backend creates and updates against plain SQLAlchemy Core."""
    ours: list[tuple[float, float]] = []
    core: list[tuple[float, float]] = []
    for repetition in range(sizes.repeats):
        ours.append(
            backend_writes.backend_run(
                f"sqlite:///{folder / f'writes-backend-{repetition}.db'}", sizes.writes
            )
        )
        core.append(
            backend_writes.core_run(
                f"sqlite:///{folder / f'writes-core-{repetition}.db'}", sizes.writes
            )
        )
    return [
        comparison(
            f"write_{name}",
            f"Backend {name} of {sizes.writes:,} Tasks in one batch",
            "plain SQLAlchemy Core executemany",
            [run[index] for run in ours],
            [run[index] for run in core],
        )
        for index, name in enumerate(("create", "update"))
    ]


class _TransferRecorder:
    """Keep the unrounded seconds of each copy ``transfers.disk_benchmark`` times.

    It wraps the transfer benchmark's ``compare`` (one add against one
    ``cp -r``) and ``timed`` (one timed copy, named ``ours`` or ``copy``),
    which otherwise only print their figures rounded to 10 ms.
    """

    def __init__(self) -> None:
        self.runs: dict[str, tuple[list[float], list[float]]] = {}
        self._timed = transfers.timed
        self._compare = transfers.compare
        self._current: dict[str, float] = {}

    def timed(self, action: Callable[[], object]) -> float:
        """Time *action* with the benchmark's own timer; note which copy it was."""
        seconds = self._timed(action)
        copy = getattr(action, "args", (action,))[0]
        self._current[getattr(copy, "__name__", "")] = seconds
        return seconds

    def compare(self, label: str, *arguments: Any) -> float:
        """Run one comparison; record our seconds and cp's."""
        self._current = {}
        ratio = self._compare(label, *arguments)
        ours, cp = self.runs.setdefault(label, ([], []))
        ours.append(self._current["ours"])
        cp.append(self._current["copy"])
        return ratio

    def __enter__(self) -> _TransferRecorder:
        transfers.timed = self.timed
        transfers.compare = self.compare  # type: ignore[assignment]
        return self

    def __exit__(self, *exc_info: object) -> None:
        transfers.timed = self._timed
        transfers.compare = self._compare


def disk_transfers(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Time disk-to-disk component transfers against ``cp -r``."""
    root = folder / "transfers"
    root.mkdir()
    with _TransferRecorder() as recorder, contextlib.redirect_stdout(io.StringIO()):
        transfers.disk_benchmark(
            root,
            sizes.file_mib * 2**20,
            sizes.frames,
            sizes.frame_kib * 1024,
            sizes.repeats,
        )
    labels = {
        "single file": f"Disk-to-disk copy, one {sizes.file_mib} MiB file",
        f"sequence of {sizes.frames} frames": (
            f"Disk-to-disk copy, {sizes.frames:,} frames of {sizes.frame_kib} KiB"
        ),
    }
    return [
        comparison(
            "transfer_file" if label == "single file" else "transfer_sequence",
            labels[label],
            "cp -r",
            ours,
            cp,
        )
        for label, (ours, cp) in recorder.runs.items()
    ]


def measure_all(folder: Path, sizes: BackendSizes) -> list[dict[str, Any]]:
    """Run every backend-alone measurement; return the result rows."""
    return (
        queries(folder, sizes) + writes(folder, sizes) + disk_transfers(folder, sizes)
    )
