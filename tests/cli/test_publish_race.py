"""Test that publishes started at once share one new hierarchy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ftrack_api

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_concurrent_publishes_to_a_new_project_share_one_hierarchy(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Four publishes on a new database make one project, shot and asset, 4 versions."""
    if database == "sqlite":
        url = f"sqlite:///{tmp_path / 'race.db'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    environment["XDG_DATA_HOME"] = str(tmp_path / "data")
    command = [sys.executable, "-m", "ftrack_api.cli", "publish", "--server", url]
    command += ["--project", "race1", "--no-progress"]
    processes = [
        subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(4)
    ]
    outcomes = [process.communicate(timeout=180) for process in processes]
    assert [process.returncode for process in processes] == [0] * 4, outcomes

    with ftrack_api.Session(server_url=url, schema_cache_path=False) as session:
        for entity_type in ("Project", "Sequence", "Shot", "Task", "Asset"):
            assert len(session.query(f"select id from {entity_type}").all()) == 1
        versions = session.query("select version, asset_id from AssetVersion").all()
        assert sorted(version["version"] for version in versions) == [1, 2, 3, 4]
