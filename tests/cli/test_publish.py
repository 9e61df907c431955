"""End-to-end tests of ``ftrack-api publish`` on the embedded backend."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ftrack_api

Run = Any

FRAMES = [f"frame.{number}.png" for number in range(1001, 1011)]


def open_default_session(data_folder: Path) -> ftrack_api.Session:
    """Return a session on the database the command used by default."""
    return ftrack_api.Session(server_url=f"sqlite:///{data_folder / 'ftrack.db'}")


def location_root(data_folder: Path, name: str = "studio.disk") -> Path:
    """Return the only default folder of the location *name* (one per database)."""
    (root,) = (data_folder / "locations" / name).iterdir()
    return root


def lives_at(output: str) -> list[str]:
    """Return the paths the report says components live at."""
    return re.findall(r"lives at:\s+(\S+)", output)


def test_publish_without_paths_publishes_generated_frames(
    run_command: Run, data_folder: Path
) -> None:
    """With no argument, ten generated PNG frames land in studio.disk."""
    result = run_command("publish")
    assert result.exit_status == 0, result.stderr

    version_folder = location_root(data_folder) / "demo/sq010/sh0010/plate/v001"
    assert sorted(os.listdir(version_folder)) == FRAMES
    assert all(
        (version_folder / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        for name in FRAMES
    )
    assert lives_at(result.stdout) == [str(version_folder / "frame.%04d.png")]
    assert "[1001-1010]" in result.stdout
    assert "studio.disk 100%" in result.stdout
    assert "11 for studio.disk" in result.stdout
    assert "100.0%" in result.stderr


def test_publish_copies_given_files_and_reuses_the_context(
    run_command: Run, data_folder: Path, tmp_path: Path
) -> None:
    """A file and a sequence are copied byte for byte; a second run makes v002."""
    source = tmp_path / "source"
    source.mkdir()
    movie = source / "review.mov"
    movie.write_bytes(os.urandom(300_000))
    for frame in (1, 2, 3):
        (source / f"plate.{frame:04d}.exr").write_bytes(os.urandom(1000 + frame))
    sequence = f"{source}/plate.%04d.exr [1-3]"

    first = run_command("publish", str(movie), sequence, "--no-progress")
    second = run_command("publish", str(movie), "--comment", "again")
    assert (first.exit_status, second.exit_status) == (0, 0), first.stderr
    assert first.stderr == ""

    version_folder = location_root(data_folder) / "demo/sq010/sh0010/plate"
    assert (version_folder / "v001/review.mov").read_bytes() == movie.read_bytes()
    assert (version_folder / "v002/review.mov").read_bytes() == movie.read_bytes()
    for frame in (1, 2, 3):
        copied = version_folder / f"v001/plate.{frame:04d}.exr"
        assert copied.read_bytes() == (source / copied.name).read_bytes()

    with open_default_session(data_folder) as session:
        assert len(session.query('Project where name is "demo"').all()) == 1
        assert len(session.query('Shot where name is "sh0010"').all()) == 1
        versions = session.query(
            'select version, comment from AssetVersion where asset.name is "plate"'
        ).all()
        assert sorted((v["version"], v["comment"]) for v in versions) == [
            (1, ""),
            (2, "again"),
        ]


@pytest.mark.parametrize("structure", ["id", "entity-id", "standard"])
def test_publish_uses_the_chosen_structure_and_root(
    run_command: Run, tmp_path: Path, structure: str
) -> None:
    """--structure and --root decide where the data goes, and the report says so."""
    root = tmp_path / "store"
    result = run_command(
        "publish", "--structure", structure, "--root", str(root), "--location", "x.disk"
    )
    assert result.exit_status == 0, result.stderr

    (path,) = lives_at(result.stdout)
    assert path.startswith(str(root))
    written = sorted(p for p in root.rglob("*") if p.is_file())
    assert len(written) == 10
    assert "x.disk 100%" in result.stdout


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("{tmp}/missing.mov", "No such file: '{tmp}/missing.mov'"),
        ("{tmp}/plate.%04d.exr", "Bad image sequence pattern"),
        ("{tmp}/plate.%04d.exr [1-3]", "Missing frames"),
        ("{tmp}", "is a folder"),
    ],
)
def test_publish_refuses_bad_input_before_writing_anything(
    run_command: Run, data_folder: Path, tmp_path: Path, argument: str, message: str
) -> None:
    """Bad paths exit 2 with a message naming them, and create nothing."""
    result = run_command("publish", argument.format(tmp=tmp_path))
    assert result.exit_status == 2
    assert result.stderr.startswith("ftrack-api publish: error: ")
    assert message.format(tmp=tmp_path) in result.stderr
    assert not (data_folder / "ftrack.db").exists()


def test_publish_rejects_names_with_quotes(run_command: Run) -> None:
    """A context name that would break a query is refused."""
    result = run_command("publish", "--shot", 'sh"10')
    assert result.exit_status == 2
    assert "--shot" in result.stderr and "'sh\"10'" in result.stderr


def test_publish_reports_a_bad_server(run_command: Run) -> None:
    """An HTTP server without credentials is a one-line error, not a traceback."""
    result = run_command("publish", "--server", "http://127.0.0.1:9")
    assert result.exit_status == 1
    assert "ftrack-api publish: error:" in result.stderr


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(
    not _can_mount_tmpfs(), reason="needs unshare and tmpfs mounts for a full disk"
)
def test_publish_on_a_full_disk_exits_cleanly_and_keeps_no_version(
    data_folder: Path, tmp_path: Path
) -> None:
    """On ENOSPC the command says so, removes its partial files and the version."""
    movie = tmp_path / "big.mov"
    movie.write_bytes(os.urandom(512 * 1024))
    root = tmp_path / "small-disk"
    root.mkdir()
    script = (
        f'mount -t tmpfs -o size=128k tmpfs "{root}" && '
        f'"{sys.executable}" -m ftrack_api.cli publish --no-progress '
        f'--root "{root}" "{movie}"; status=$?; '
        f'find "{root}" -type f | wc -l; exit $status'
    )
    environment = dict(os.environ, XDG_DATA_HOME=str(data_folder.parent))
    environment.pop("FTRACK_SERVER", None)
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "No space left on the device of location 'studio.disk'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == "0"

    with open_default_session(data_folder) as session:
        assert session.query("AssetVersion").all() == []


def test_installed_command_publishes(data_folder: Path) -> None:
    """The ftrack-api script of the environment runs the README's command."""
    script = Path(sys.executable).with_name("ftrack-api")
    if not script.exists():
        pytest.skip(f"{script} is not installed")
    environment = dict(os.environ, XDG_DATA_HOME=str(data_folder.parent))
    environment.pop("FTRACK_SERVER", None)
    result = subprocess.run(
        [str(script), "publish"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "SequenceComponent 'frame'" in result.stdout
