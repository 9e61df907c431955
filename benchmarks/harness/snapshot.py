"""Measure the last commit, not the working tree other people are editing.

``python -m benchmarks run --head`` exports ``HEAD`` with ``git archive`` into
``benchmarks/.work/``, links the official client's ``.venv-official/`` into
it, and runs the same command again from there with the export first on
``PYTHONPATH``, so the server, our client and the backend-alone part all
import the committed ``ftrack_api`` (the event latency script, which runs
isolated, still imports the installed one).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from benchmarks.harness.environment import REPOSITORY

#: Set in the re-run's environment to the commit it measures.
COMMIT_VARIABLE = "OPENFTRACK_BENCHMARK_COMMIT"


def measured_commit() -> str | None:
    """Return the exported commit this process measures, or None."""
    return os.environ.get(COMMIT_VARIABLE)


def export_head(target: Path) -> str:
    """Write the files of ``HEAD`` into *target*; return its short commit."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:
            tar.extractall(target)  # noqa: S202 (our own repository's archive)
    (target / ".venv-official").symlink_to(REPOSITORY / ".venv-official")
    return commit


def run_from_head(arguments: list[str], work: Path) -> int:
    """Run ``python -m benchmarks ARGUMENTS`` on an export of ``HEAD``."""
    target = work / f"head-{os.getpid()}"
    try:
        commit = export_head(target)
        print(f"Measuring commit {commit}, exported to {target}")
        environment = {
            **os.environ,
            "PYTHONPATH": str(target),
            COMMIT_VARIABLE: commit,
        }
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks", *arguments],
            cwd=target,
            env=environment,
        )
        return completed.returncode
    finally:
        shutil.rmtree(target, ignore_errors=True)
