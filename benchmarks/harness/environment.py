"""Set up what the benchmark needs: both clients' Pythons and a seeded server."""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from ftrack_api.local.backend import Backend
from ftrack_api.local.server.process import ServeProcess
from ftrack_api.local.stock_ids import PROJECT_SCHEMA

logger = logging.getLogger(__name__)

REPOSITORY = Path(__file__).resolve().parents[2]
INTEROP_TEST = REPOSITORY / "tests" / "interop" / "test_official_client.py"
#: Tasks created per request while seeding, to bound the request's memory.
SEED_BATCH = 20_000


def _interop_module() -> ModuleType:
    """Load the interoperability test module that owns the official venv."""
    spec = importlib.util.spec_from_file_location("_interop_official", INTEROP_TEST)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"Cannot load {INTEROP_TEST}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def official_python() -> Path:
    """Return the official client's Python, creating ``.venv-official/`` once.

    The environment and its creation are those of the interoperability test
    (``tests/interop``), so the benchmark and the test share one cache.
    """
    return Path(_interop_module()._official_python())


def our_python() -> Path:
    """Return the Python of our environment (the one running the harness)."""
    return Path(sys.executable)


def client_version(python: Path) -> str:
    """Return the ``ftrack_api`` version importable by *python*."""
    completed = subprocess.run(
        [str(python), "-I", "-c", "import ftrack_api; print(ftrack_api.__version__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    )
    return completed.stdout.strip()


def seed(database: str, task_counts: list[int]) -> tuple[tuple[str, str], dict]:
    """Create a project of each size in *task_counts*; return credentials, ids."""
    backend = Backend(database)
    credentials = backend.initial_credentials
    if credentials is None:
        raise RuntimeError(f"{database!r} is not a new database")
    projects = {}
    for count in task_counts:
        projects[count] = _seed_project(backend, count)
    backend.engine.dispose()
    return credentials, projects


def _seed_project(backend: Backend, count: int) -> str:
    """Create one project holding *count* Tasks; return its id."""
    project = str(uuid.uuid4())
    name = f"seeded_{count}"
    _call(
        backend,
        [
            {
                "action": "create",
                "entity_type": "Project",
                "entity_data": {
                    "__entity_type__": "Project",
                    "id": project,
                    "name": name,
                    "full_name": name,
                    "project_schema_id": PROJECT_SCHEMA,
                },
            }
        ],
    )
    for start in range(0, count, SEED_BATCH):
        stop = min(count, start + SEED_BATCH)
        _call(backend, [_task(project, index) for index in range(start, stop)])
    return project


def _task(project: str, index: int) -> dict:
    """Return the create operation of Task number *index* under *project*."""
    task_id = str(uuid.uuid4())
    return {
        "action": "create",
        "entity_type": "Task",
        "entity_key": [task_id],
        "entity_data": {
            "__entity_type__": "Task",
            "id": task_id,
            "name": f"task_{index:06d}",
            "parent": {"__entity_type__": "Project", "id": project},
        },
    }


def _call(backend: Backend, operations: list[dict]) -> None:
    """Run *operations* on *backend*; raise on an error reply."""
    reply = backend.call(operations, trusted=True)
    if isinstance(reply, dict):
        raise RuntimeError(f"Seeding failed: {reply.get('content')!r}")


def database_url(folder: Path) -> str:
    """Return the URL of the benchmark's SQLite database in *folder*."""
    return f"sqlite:///{folder / 'benchmark.db'}"


@contextlib.contextmanager
def seeded_server(
    folder: Path, task_counts: list[int]
) -> Iterator[tuple[ServeProcess, dict[int, str]]]:
    """Seed a new SQLite database in *folder* and serve it on 127.0.0.1.

    Yield the server process (with the administrator's credentials) and the
    id of the seeded project of each size in *task_counts*.
    """
    database = database_url(folder)
    (user, key), projects = seed(database, task_counts)
    with ServeProcess(database, folder / "storage") as process:
        process.api_user, process.api_key = user, key
        yield process, projects
    if process.returncode != 0:
        logger.warning("The server exited with %s", process.returncode)
