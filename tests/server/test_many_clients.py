"""Several client processes commit and publish at once against one server."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import requests

from ftrack_api.local.server.process import ServeProcess

WORKERS = 4
COMMITS = 8
WORKER_SCRIPT = Path(__file__).resolve().with_name("many_clients_worker.py")


def _run_workers(server: ServeProcess, folder: Path) -> list[dict]:
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER_SCRIPT),
                server.url,
                str(server.api_user),
                str(server.api_key),
                str(worker),
                str(WORKERS),
                str(COMMITS),
                str(folder / f"worker-{worker}.json"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for worker in range(WORKERS)
    ]
    outputs = [process.communicate(timeout=240)[0] for process in processes]
    for process, output in zip(processes, outputs, strict=True):
        assert process.returncode == 0, output
    return [
        json.loads((folder / f"worker-{worker}.json").read_text())
        for worker in range(WORKERS)
    ]


def _project_names(server: ServeProcess) -> list[str]:
    reply = requests.post(
        f"{server.url}/api",
        headers={"ftrack-user": server.api_user, "ftrack-api-key": server.api_key},
        json=[
            {
                "action": "query",
                "expression": 'select name from Project where name like "many_%"',
            }
        ],
        timeout=30,
    )
    return [row["name"] for row in reply.json()[0]["data"]]


def _check_many_clients(database: str, folder: Path) -> None:
    with ServeProcess(database, folder / "storage") as server:
        results = _run_workers(server, folder)
        names = _project_names(server)

    expected_events = Counter(
        (worker, number) for worker in range(WORKERS) for number in range(COMMITS)
    )
    assert sorted(names) == sorted(
        f"many_{worker}_{number}" for worker, number in expected_events
    )
    for result in results:
        assert len(result["created"]) == COMMITS
        assert Counter(tuple(item) for item in result["received"]) == expected_events
    assert server.returncode == 0


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_many_clients_on_sqlite_lose_no_commit_and_no_event(tmp_path: Path) -> None:
    """Every commit lands once and every worker gets every event once (SQLite)."""
    _check_many_clients(f"sqlite:///{tmp_path / 'many.db'}", tmp_path)


@pytest.mark.slow
@pytest.mark.postgresql
@pytest.mark.timeout(400)
def test_many_clients_on_postgresql_lose_no_commit_and_no_event(
    postgresql_url: str, tmp_path: Path
) -> None:
    """Every commit lands once and every worker gets every event once (PostgreSQL)."""
    _check_many_clients(postgresql_url, tmp_path)
