"""Formatting entities as text."""

from __future__ import annotations

import re
from typing import Any

import pytest

import ftrack_api.formatter
from ftrack_api.session import Session


@pytest.fixture
def task(ftrack_session: Session) -> Any:
    """Return a committed task under a project."""
    schema = ftrack_session.query("ProjectSchema").first()
    project = ftrack_session.create(
        "Project", {"name": "fmt", "full_name": "Fmt", "project_schema": schema}
    )
    task = ftrack_session.create("Task", {"name": "paint", "parent": project})
    ftrack_session.commit()
    return task


def test_format_lists_sorted_attributes_under_the_type(
    monkeypatch: pytest.MonkeyPatch, task: Any
) -> None:
    """The header is the type; each attribute is a label and value line."""
    monkeypatch.setenv("NO_COLOR", "1")
    text = ftrack_api.formatter.format(task)
    lines = text.splitlines()

    assert lines[0] == "Task"
    assert " name: paint" in lines
    labels = [match.group(1) for match in re.finditer(r"^ (\w+):", text, re.MULTILINE)]
    assert labels == sorted(labels)
    assert " children: Collection(...)" in lines


def test_filter_drops_unset_values_and_custom_formatters_apply(
    monkeypatch: pytest.MonkeyPatch, task: Any
) -> None:
    """ignore_unset hides NOT_SET values; formatters wrap headers and labels."""
    monkeypatch.setenv("NO_COLOR", "1")
    with task.session.auto_populating(False):
        text = ftrack_api.formatter.format(
            task,
            formatters={"header": lambda text: f"[{text}]", "label": str.upper},
            attribute_filter=ftrack_api.formatter.FILTER["ignore_unset"],
        )
    assert text.splitlines()[0] == "[Task]"
    assert " NAME: paint" in text
    assert "NOT_SET" not in text


def test_recursive_format_marks_cycles(
    monkeypatch: pytest.MonkeyPatch, task: Any
) -> None:
    """An entity met again within itself shows as Type{...}."""
    monkeypatch.setenv("NO_COLOR", "1")
    text = ftrack_api.formatter.format(task["parent"], recursive=True)
    assert "Task" in text
    assert "Project{...}" in text
