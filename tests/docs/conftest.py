"""Helpers for running documentation examples in a clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def isolated_environment(tmp_path: Path) -> dict[str, str]:
    """Return an environment whose backend, home and data folders are in tmp."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FTRACK_", "XDG_"))
    }
    environment.update(
        {
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "FTRACK_SERVER": f"sqlite:///{tmp_path / 'studio.db'}",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
            ),
        }
    )
    return environment


Runner = Callable[[str | Path], "subprocess.CompletedProcess[str]"]


@pytest.fixture
def run_python(isolated_environment: dict[str, str], tmp_path: Path) -> Runner:
    """Return a function running Python text or a script in the environment."""

    def run(code_or_path: str | Path) -> subprocess.CompletedProcess[str]:
        return _run(code_or_path, isolated_environment, tmp_path)

    return run


def _run(
    code_or_path: str | Path, environment: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run Python source text or a script file and return the finished process."""
    if isinstance(code_or_path, Path):
        command = [sys.executable, str(code_or_path)]
    else:
        command = [sys.executable, "-c", code_or_path]
    return subprocess.run(
        command,
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
