"""``publish`` and ``query`` against ``ftrack-api serve`` over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

Run = Any


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Serve a fresh backend on 127.0.0.1; export its administrator's key."""
    from ftrack_api.local import Backend
    from ftrack_api.local.server.thread import ServerThread

    backend = Backend.open(f"sqlite:///{tmp_path / 'served.db'}")
    assert backend.initial_credentials is not None
    username, api_key = backend.initial_credentials
    try:
        with ServerThread(backend, tmp_path / "server-storage") as thread:
            monkeypatch.setenv("FTRACK_API_USER", username)
            monkeypatch.setenv("FTRACK_API_KEY", api_key)
            yield thread.url
    finally:
        backend.close()


def test_publish_and_query_over_http(
    run_command: Run, server: str, tmp_path: Path
) -> None:
    """A publish through the server is visible to a query through the server."""
    root = tmp_path / "remote-store"
    published = run_command(
        "publish", "--server", server, "--root", str(root), "--no-progress"
    )
    assert published.exit_status == 0, published.stderr
    assert "studio.disk 100%" in published.stdout
    assert "11 for studio.disk" in published.stdout
    assert len(list(root.rglob("frame.*.png"))) == 10

    queried = run_command(
        "query",
        "--server",
        server,
        "--json",
        "select name, version from Component where version.asset.name is plate"
        ' and name is "frame"',
    )
    assert queried.exit_status == 0, queried.stderr
    assert json.loads(queried.stdout)[0]["name"] == "frame"


def test_wrong_api_key_is_a_one_line_error(
    run_command: Run, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad credentials exit 1 with the server's message, not a traceback."""
    monkeypatch.setenv("FTRACK_API_KEY", "not-the-key")
    result = run_command("query", "--server", server, "Project")
    assert result.exit_status == 1
    assert result.stderr.startswith("ftrack-api query: error:")
    assert "Traceback" not in result.stderr
