"""Interoperability: the official ftrack-python-api and ours share one server.

The official client comes from PyPI into its own virtual environment,
``.venv-official/`` at the repository root (it needs ``pyparsing<3``, which
our environment cannot have). The same script, ``interop_client.py``, then
runs once under each client against one ``ftrack-api serve`` process: both
create entities, round-trip a component through ``ftrack.server`` and answer
each other's events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ftrack_api.local.server.process import ServeProcess

REPOSITORY = Path(__file__).resolve().parents[2]
OFFICIAL_VENV = REPOSITORY / ".venv-official"
OFFICIAL_REQUIREMENT = "ftrack-python-api>=3,<4"
SCRIPT = Path(__file__).resolve().with_name("interop_client.py")


def _official_python() -> Path:
    """Create the official client's environment if needed; return its Python."""
    python = OFFICIAL_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run(
            [sys.executable, "-m", "venv", str(OFFICIAL_VENV)],
            check=True,
            capture_output=True,
        )
    check = [str(python), "-I", "-c", "import ftrack_api.event.hub"]
    if subprocess.run(check, capture_output=True).returncode != 0:
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", OFFICIAL_REQUIREMENT],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return python


@pytest.fixture(scope="session")
def official_python() -> Path:
    """Return the Python of the official client's environment, or skip."""
    try:
        return _official_python()
    except (OSError, subprocess.SubprocessError) as error:
        output = getattr(error, "stderr", b"") or b""
        reason = f"Cannot set up the official client in {OFFICIAL_VENV}: {error} "
        reason += output.decode(errors="replace")[-500:]
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def server(tmp_path: Path):
    """Return an ``ftrack-api serve`` process on a new database."""
    with ServeProcess(
        f"sqlite:///{tmp_path / 'interop.db'}", tmp_path / "storage"
    ) as process:
        yield process
    assert process.returncode == 0, "\n".join(process.output[-30:])


def _run_client(python: Path, server: ServeProcess, role: str, peer: str, cwd: Path):
    return subprocess.Popen(
        [
            str(python),
            "-I",
            str(SCRIPT),
            server.url,
            str(server.api_user),
            str(server.api_key),
            role,
            peer,
            str(cwd / f"{role}.json"),
        ],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_official_and_our_client_share_data_files_and_events(
    official_python: Path, server: ServeProcess, tmp_path: Path
) -> None:
    """Both clients write, upload, download and reply to each other's events."""
    clients = {
        "official": _run_client(official_python, server, "official", "ours", tmp_path),
        "ours": _run_client(Path(sys.executable), server, "ours", "official", tmp_path),
    }
    outputs = {
        role: process.communicate(timeout=300)[0] for role, process in clients.items()
    }

    for role, process in clients.items():
        assert process.returncode == 0, f"{role} client failed:\n{outputs[role]}"
    results = {
        role: json.loads((tmp_path / f"{role}.json").read_text()) for role in clients
    }
    assert str(OFFICIAL_VENV) in results["official"]["client"]
    assert str(REPOSITORY / "ftrack_api") in results["ours"]["client"]
    for role, peer in (("official", "ours"), ("ours", "official")):
        result = results[role]
        assert result["round_trip_equal"], result
        assert result["received_size"] == result["sent_size"]
        assert result["answered"] >= 1
        assert {reply["pong"] for reply in result["replies"]} == {peer}
