"""Tests of what ``ftrack-api query`` prints for collections and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ftrack_api
from ftrack_api.cli.query import format_table

Run = Any


@pytest.fixture
def published(run_command: Run, data_folder: Path) -> str:
    """Publish the generated sequence to the default database; return its URL."""
    result = run_command("publish", "--no-progress")
    assert result.exit_status == 0, result.stderr
    return f"sqlite:///{data_folder / 'ftrack.db'}"


def test_json_follows_paths_through_collections(
    run_command: Run, published: str
) -> None:
    """A path through a collection gives the list of its members' values."""
    result = run_command(
        "query", "--json", "select version, components.name from AssetVersion"
    )
    assert result.exit_status == 0, result.stderr
    assert json.loads(result.stdout) == [{"version": 1, "components.name": ["frame"]}]


def test_table_follows_paths_through_collections(
    run_command: Run, published: str
) -> None:
    """The table shows the values reached through a collection, not a blank."""
    result = run_command(
        "query",
        "select name, component_locations.location.name from Component "
        'where name is "frame"',
    )
    assert result.exit_status == 0, result.stderr
    assert result.stdout.splitlines()[2].split() == ["frame", "studio.disk"]


def test_metadata_shows_as_a_mapping(run_command: Run, data_folder: Path) -> None:
    """A projected metadata collection prints its keys and values."""
    url = f"sqlite:///{data_folder / 'ftrack.db'}"
    data_folder.mkdir(parents=True)
    with ftrack_api.Session(server_url=url, schema_cache_path=False) as session:
        project = session.create(
            "Project",
            {
                "name": "meta",
                "full_name": "meta",
                "project_schema": session.query("ProjectSchema").first(),
            },
        )
        project["metadata"]["colour"] = "blue"
        session.commit()
    result = run_command("query", "--json", "select name, metadata from Project")
    assert json.loads(result.stdout) == [
        {"name": "meta", "metadata": {"colour": "blue"}}
    ]


def test_table_aligns_wide_characters() -> None:
    """Wide CJK characters count as two columns when aligning."""
    rows: list[dict[str, Any]] = [
        {"name": "プレート", "id": "1"},
        {"name": "plate", "id": "2"},
    ]
    lines = format_table(["name", "id"], rows).splitlines()
    assert lines[2] == "プレート  1"
    assert lines[3] == "plate     2"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "The query expression is empty"),
        ("Project offset 10000000000000000000000", "up to 9223372036854775807"),
        ("Task where name is", "expected a value after 'is' at column"),
        ("Taskk", "Unknown entity type 'Taskk'"),
    ],
)
def test_bad_expressions_are_one_line_errors(
    run_command: Run, expression: str, message: str
) -> None:
    """Bad expressions exit non-zero with one line naming the problem."""
    result = run_command("query", "--server", "sqlite://", expression)
    assert result.exit_status in (1, 2)
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "offset 0 limit 500" not in result.stderr


@pytest.mark.parametrize(
    ("server", "status", "message"),
    [
        ("sqlite:////proc/nope/x.db", 1, "Cannot create the folder '/proc/nope'"),
        ("mysql://x/y", 2, "Unsupported server URL 'mysql://x/y': use https://"),
        ("/tmp/x.db", 2, "write sqlite:////tmp/x.db"),
    ],
)
def test_bad_servers_are_one_line_errors(
    run_command: Run, server: str, status: int, message: str
) -> None:
    """An unusable or unsupported --server says what is wrong and what works."""
    result = run_command("query", "--server", server, "Project")
    assert result.exit_status == status
    assert result.stderr.count("\n") == 1
    assert message in result.stderr


def test_missing_api_key_message_has_no_double_period(run_command: Run) -> None:
    """The missing-credentials message reads as clean sentences."""
    result = run_command("query", "--server", "http://127.0.0.1:9", "Project")
    assert result.exit_status == 1
    assert "api_key" in result.stderr
    assert ".." not in result.stderr


def test_table_lists_values_through_two_collections() -> None:
    """Values reached through nested collections print as one list in a cell."""
    rows: list[dict[str, Any]] = [{"names": [["a", "b"], ["c"]]}, {"names": []}]
    lines = format_table(["names"], rows).splitlines()
    assert lines[2:4] == ["a, b, c", "[0 items]"]
