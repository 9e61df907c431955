"""Tests for the ``ftrack-api serve`` command, run as a real child process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
import websocket
from server_helpers import PATIENCE, SocketClient

from ftrack_api.local.server.process import KEY_PREFIX, ServeProcess


def _call(server: ServeProcess, key: str | None, operations: list[dict]) -> Any:
    reply = requests.post(
        f"{server.url}/api",
        headers={"ftrack-user": str(server.api_user), "ftrack-api-key": str(key)},
        json=operations,
        timeout=30,
    )
    return reply.json()


def _create_project(server: ServeProcess, key: str, name: str) -> None:
    found = _call(
        server,
        key,
        [{"action": "query", "expression": "select id from ProjectSchema limit 1"}],
    )
    project_id = str(uuid.uuid4())
    created = _call(
        server,
        key,
        [
            {
                "action": "create",
                "entity_type": "Project",
                "entity_key": [project_id],
                "entity_data": {
                    "__entity_type__": "Project",
                    "id": project_id,
                    "name": name,
                    "full_name": name,
                    "project_schema_id": found[0]["data"][0]["id"],
                },
            }
        ],
    )
    assert isinstance(created, list), created


def _project_names(server: ServeProcess, key: str) -> list[str]:
    found = _call(
        server, key, [{"action": "query", "expression": "select name from Project"}]
    )
    return [row["name"] for row in found[0]["data"]]


def test_help_says_how_to_get_a_new_administrator_key() -> None:
    """``serve --help`` documents --reset-admin-key and the loopback default."""
    completed = subprocess.run(
        [sys.executable, "-m", "ftrack_api.cli", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert "--reset-admin-key" in completed.stdout
    assert "127.0.0.1" in completed.stdout


@pytest.mark.slow
def test_first_start_prints_the_administrator_key_once(tmp_path: Path) -> None:
    """A new database prints the credentials; the next start does not."""
    database = f"sqlite:///{tmp_path / 'first.db'}"

    with ServeProcess(database, tmp_path / "storage") as first:
        assert first.url.startswith("http://127.0.0.1:")
        key = first.api_key
        assert key and first.api_user
        assert isinstance(
            _call(first, key, [{"action": "query_server_information"}]), list
        )
    with ServeProcess(database, tmp_path / "storage") as second:
        assert second.api_key is None

    assert key not in "\n".join(second.output)


@pytest.mark.slow
def test_reset_admin_key_replaces_the_old_key(tmp_path: Path) -> None:
    """--reset-admin-key prints a working key and the old one stops working."""
    database = f"sqlite:///{tmp_path / 'reset.db'}"
    with ServeProcess(database, tmp_path / "storage") as first:
        old_key = first.api_key

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "ftrack_api.cli",
            "serve",
            "--database",
            database,
            "--reset-admin-key",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    new_key = next(
        line[len(KEY_PREFIX) :]
        for line in completed.stdout.splitlines()
        if line.startswith(KEY_PREFIX)
    )

    with ServeProcess(database, tmp_path / "storage") as server:
        server.api_user = first.api_user
        rejected = _call(server, old_key, [{"action": "query_server_information"}])
        accepted = _call(server, new_key, [{"action": "query_server_information"}])
    assert new_key != old_key
    assert rejected["exception"] == "InvalidCredentialsError"
    assert isinstance(accepted, list)


@pytest.mark.slow
@pytest.mark.parametrize(
    "stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"]
)
def test_stop_signal_exits_cleanly_and_keeps_committed_data(
    tmp_path: Path, stop_signal: int
) -> None:
    """SIGTERM and SIGINT stop the server with status 0; commits survive."""
    database = f"sqlite:///{tmp_path / 'stop.db'}"
    server = ServeProcess(database, tmp_path / "storage")
    server.start()
    key = str(server.api_key)
    _create_project(server, key, "kept_after_stop")

    assert server.stop(stop_signal) == 0
    with ServeProcess(database, tmp_path / "storage") as restarted:
        restarted.api_user = server.api_user
        assert "kept_after_stop" in _project_names(restarted, key)


@pytest.mark.slow
@pytest.mark.postgresql
def test_serves_a_postgresql_database_across_restarts(
    postgresql_url: str, tmp_path: Path
) -> None:
    """On PostgreSQL the server creates the schema, commits and keeps the data."""
    with ServeProcess(postgresql_url, tmp_path / "storage") as first:
        key = str(first.api_key)
        _create_project(first, key, "kept_on_postgresql")
    with ServeProcess(postgresql_url, tmp_path / "storage") as restarted:
        restarted.api_user = first.api_user
        assert restarted.api_key is None
        assert "kept_on_postgresql" in _project_names(restarted, key)
    assert first.returncode == restarted.returncode == 0


@pytest.mark.slow
def test_stop_signal_closes_open_event_connections(tmp_path: Path) -> None:
    """SIGTERM with a connected event client still stops promptly and cleanly."""
    server = ServeProcess(f"sqlite:///{tmp_path / 'ws.db'}", tmp_path / "storage")
    server.start()
    client = SocketClient(
        server.url,
        {"ftrack-user": str(server.api_user), "ftrack-api-key": str(server.api_key)},
    )
    client.subscribe("topic=test.shutdown")

    assert server.stop(signal.SIGTERM, timeout=2 * PATIENCE) == 0
    with pytest.raises(websocket.WebSocketException):
        client.frames_for(5.0)
        client.socket.send("2::")


@pytest.mark.slow
def test_public_url_is_the_base_of_upload_urls(tmp_path: Path) -> None:
    """--public-url names the address in get_upload_metadata's URL."""
    with ServeProcess(
        f"sqlite:///{tmp_path / 'public.db'}",
        tmp_path / "storage",
        extra_arguments=["--public-url", "http://localhost:9999/"],
    ) as server:
        reply = _call(
            server,
            server.api_key,
            [
                {
                    "action": "get_upload_metadata",
                    "component_id": str(uuid.uuid4()),
                    "file_name": "a.txt",
                    "file_size": 1,
                    "checksum": None,
                }
            ],
        )

    assert reply[0]["url"].startswith("http://localhost:9999/component/upload?")


def _serve(*arguments: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``ftrack-api serve`` with *arguments* and a user data folder in *home*."""
    return subprocess.run(
        [sys.executable, "-m", "ftrack_api.cli", "serve", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "XDG_DATA_HOME": str(home)},
    )


def test_reset_admin_key_updates_the_credentials_file(tmp_path: Path) -> None:
    """After --reset-admin-key, <database>.credentials.json holds the new key."""
    database = f"sqlite:///{tmp_path / 's.db'}"
    _serve("--database", database, "--reset-admin-key", home=tmp_path)
    completed = _serve("--database", database, "--reset-admin-key", home=tmp_path)

    assert completed.returncode == 0, completed.stderr
    key = next(
        line[len(KEY_PREFIX) :]
        for line in completed.stdout.splitlines()
        if line.startswith(KEY_PREFIX)
    )
    path = tmp_path / "s.db.credentials.json"
    assert json.loads(path.read_text())["api_key"] == key
    assert f"in {path}" in completed.stdout
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("arguments", "status", "message"),
    [
        (["--database", "mysql://x/y"], 2, "Unsupported database URL 'mysql://x/y'"),
        (["--storage", "{tmp}/afile"], 2, "is a file, not a folder"),
        (["--port", "99999"], 2, "'99999' is not a port number"),
        (
            ["--database", "postgresql://postgres@127.0.0.1:1/x"],
            1,
            "Cannot open the database 'postgresql://postgres@127.0.0.1:1/x'",
        ),
        (["--database", "sqlite:////proc/nope/x.db"], 1, "Cannot create the folder"),
    ],
)
def test_bad_options_end_in_one_line_errors(
    tmp_path: Path, arguments: list[str], status: int, message: str
) -> None:
    """Unusable databases, storage folders and ports are named, no traceback."""
    (tmp_path / "afile").write_text("")
    options = [argument.format(tmp=tmp_path) for argument in arguments]
    defaults = {"--database": f"sqlite:///{tmp_path / 'ok.db'}", "--port": "0"}
    for option, value in defaults.items():
        if option not in options:
            options += [option, value]
    completed = _serve(*options, home=tmp_path)

    assert completed.returncode == status
    assert "Traceback" not in completed.stderr
    error_lines = [line for line in completed.stderr.splitlines() if "error:" in line]
    assert len(error_lines) == 1
    assert message in error_lines[0]
