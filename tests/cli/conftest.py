"""Fixtures for command-line tests: an isolated data folder and a runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ftrack_api.cli import main


@dataclass
class Result:
    """What one command run returned and printed."""

    exit_status: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user data folder at tmp and clear the ftrack environment."""
    for name in ("FTRACK_SERVER", "FTRACK_API_USER", "FTRACK_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "openftrack"


@pytest.fixture
def run_command(data_folder: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Return a function running ``ftrack-api`` with arguments, in-process."""

    def run(*arguments: str) -> Result:
        capsys.readouterr()
        status = main(list(arguments))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run
