"""End-to-end tests of ``ftrack-api query`` on the embedded backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ftrack_api

Run = Any


@pytest.fixture
def database(tmp_path: Path) -> str:
    """Return the URL of a database holding one project with two shots."""
    url = f"sqlite:///{tmp_path / 'query.db'}"
    with ftrack_api.Session(server_url=url) as session:
        project = session.create(
            "Project",
            {
                "name": "cli_query",
                "full_name": "CLI query",
                "project_schema": session.query("ProjectSchema").first(),
            },
        )
        sequence = session.create("Sequence", {"name": "sq010", "parent": project})
        for name in ("sh0020", "sh0010"):
            session.create("Shot", {"name": name, "parent": sequence})
        session.commit()
    return url


def test_query_prints_a_table_of_selected_attributes(
    run_command: Run, database: str
) -> None:
    """Columns follow the select list; related entities are followed."""
    result = run_command(
        "query",
        "--server",
        database,
        "select name, parent.name from Shot order by name",
    )
    assert result.exit_status == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "parent.name"]
    assert [line.split() for line in lines[2:4]] == [
        ["sh0010", "sq010"],
        ["sh0020", "sq010"],
    ]
    assert lines[-1] == "(2 entities)"


def test_query_json_uses_default_projections(run_command: Run, database: str) -> None:
    """--json prints objects; a bare type gets its default projections."""
    result = run_command("query", "--server", database, "--json", "Shot")
    assert result.exit_status == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(row["name"] for row in rows) == ["sh0010", "sh0020"]
    assert set(rows[0]) >= {"id", "name"}


def test_query_reads_the_server_from_the_environment(
    run_command: Run, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTRACK_SERVER chooses the backend when --server is absent."""
    monkeypatch.setenv("FTRACK_SERVER", database)
    result = run_command("query", "--json", "select name from Sequence")
    assert json.loads(result.stdout) == [
        {"name": "sq010"},
    ]


@pytest.mark.parametrize(
    ("expression", "status", "message"),
    [
        ("Shot where name is", 1, "ftrack-api query: error:"),
        ("Shoot", 2, "Unknown entity type 'Shoot'"),
    ],
)
def test_query_errors_are_one_line_messages(
    run_command: Run, database: str, expression: str, status: int, message: str
) -> None:
    """Syntax errors and unknown types exit non-zero with a message."""
    result = run_command("query", "--server", database, expression)
    assert result.exit_status == status
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_a_one_line_error(run_command: Run) -> None:
    """A database that cannot be opened exits 1 naming its URL."""
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    result = run_command("query", "--server", url, "Project")
    assert result.exit_status == 1
    assert f"Cannot open the database {url!r}" in result.stderr
    assert "Traceback" not in result.stderr
