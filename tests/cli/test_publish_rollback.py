"""Tests that ``ftrack-api publish`` is all or nothing, and reports truly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ftrack_api
from ftrack_api.cli._progress import ProgressBar

Run = Any


def files_under(folder: Path) -> list[Path]:
    """Return the files below *folder* (none when it is missing)."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def versions_in(url: str) -> list[Any]:
    """Return the asset versions in the database at *url*."""
    with ftrack_api.Session(server_url=url, schema_cache_path=False) as session:
        return session.query("select version from AssetVersion").all()


def write_sequence(folder: Path, count: int, size: int = 1000) -> str:
    """Write *count* frames of *size* bytes; return the sequence in clique notation."""
    folder.mkdir(parents=True, exist_ok=True)
    for frame in range(1, count + 1):
        (folder / f"plate.{frame:04d}.exr").write_bytes(b"x" * size)
    return f"{folder}/plate.%04d.exr [1-{count}]"


def test_interrupted_publish_exits_130_and_keeps_nothing(
    run_command: Run,
    data_folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C mid-transfer removes the copied frames and the new version."""
    sequence = write_sequence(tmp_path / "seq", 30)
    calls: list[int] = []
    original = ProgressBar.component_progress

    def interrupting(self: ProgressBar, *arguments: Any) -> None:
        calls.append(1)
        if len(calls) == 10:
            raise KeyboardInterrupt
        original(self, *arguments)

    monkeypatch.setattr(ProgressBar, "component_progress", interrupting)
    result = run_command("publish", "--no-progress", sequence)

    assert result.exit_status == 130
    assert "Interrupted." in result.stderr
    assert files_under(data_folder / "locations") == []
    assert versions_in(f"sqlite:///{data_folder / 'ftrack.db'}") == []


def test_interrupt_after_the_transfer_keeps_and_reports_the_version(
    run_command: Run, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while waiting for events says the version is published and keeps it."""
    from ftrack_api.cli import publish

    def interrupt(self: Any, count: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(publish._EventRecorder, "wait_for", interrupt)
    result = run_command("publish", "--no-progress")

    assert result.exit_status == 130
    assert re.search(
        r"Published plate v001 \(AssetVersion \S+\) into studio.disk. "
        r"Interrupted before the end of the report; the version is complete.",
        result.stdout,
    )
    assert len(files_under(data_folder / "locations")) == 10
    assert [
        v["version"] for v in versions_in(f"sqlite:///{data_folder / 'ftrack.db'}")
    ] == [1]


def test_failed_component_rolls_back_the_whole_version(
    run_command: Run, data_folder: Path, tmp_path: Path
) -> None:
    """When a later component fails, earlier ones and the version are removed."""
    root = tmp_path / "store"
    blocker = root / "demo/sq010/sh0010/plate/v001/b.txt"
    blocker.parent.mkdir(parents=True)
    blocker.write_text("already here")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("a")
    second.write_text("b")

    result = run_command(
        "publish", "--no-progress", "--root", str(root), str(first), str(second)
    )

    assert result.exit_status == 1
    assert f"Could not publish {str(second)!r}" in result.stderr
    assert re.search(
        r"Nothing was published: v001 \(AssetVersion \S+\) was removed", result.stderr
    )
    assert files_under(root) == [blocker]
    assert blocker.read_text() == "already here"
    assert versions_in(f"sqlite:///{data_folder / 'ftrack.db'}") == []


def test_default_location_folder_is_per_database(
    run_command: Run, data_folder: Path, tmp_path: Path
) -> None:
    """Publishing v001 to a second database does not collide with the first's."""
    other = f"sqlite:///{tmp_path / 'other.db'}"
    first = run_command("publish", "--no-progress")
    second = run_command("publish", "--no-progress", "--server", other)

    assert (first.exit_status, second.exit_status) == (0, 0), second.stderr
    roots = sorted((data_folder / "locations" / "studio.disk").iterdir())
    assert len(roots) == 2
    assert all(len(files_under(root)) == 10 for root in roots)
    assert [v["version"] for v in versions_in(other)] == [1]


def test_entity_id_structure_reports_paths_that_exist(
    run_command: Run, data_folder: Path
) -> None:
    """With --structure entity-id, a sequence's 'lives at' names a real member file."""
    result = run_command("publish", "--no-progress", "--structure", "entity-id")

    assert result.exit_status == 0, result.stderr
    match = re.search(r"lives at:\s+(\S+) and 9 more member files", result.stdout)
    assert match is not None, result.stdout
    assert Path(match.group(1)).is_file()


def test_report_counts_one_file_in_the_singular(
    run_command: Run, tmp_path: Path
) -> None:
    """A one-frame sequence is reported as '1 file'."""
    result = run_command("publish", "--no-progress", write_sequence(tmp_path, 1))

    assert result.exit_status == 0, result.stderr
    assert "B, 1 file)" in result.stdout


def test_help_says_the_default_folder_is_per_database() -> None:
    """publish --help explains where the default location folder is."""
    completed = subprocess.run(
        [sys.executable, "-m", "ftrack_api.cli", "publish", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = " ".join(completed.stdout.split())
    assert "locations/NAME/ID" in text
    assert "each database or server gets its own folder" in text
