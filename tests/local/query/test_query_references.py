"""Tests of bare references for entities repeated in one query reply."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from query_studio import IDS

from ftrack_api.local.model import Model
from ftrack_api.local.query import execute
from ftrack_api.local.query.references import shorten_repeats
from ftrack_api.session import Session


def _task(task_id: str, **values: Any) -> dict[str, Any]:
    return {"__entity_type__": "Task", "id": task_id, **values}


def test_execute_sends_a_repeated_project_as_a_bare_reference(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``children.parent`` from a Project names the project by reference only."""
    expression = (
        f"select children, children.parent from Project where id is {IDS['project']}"
    )

    (project,) = execute(sqlite_studio, model, expression)["data"]

    reference = {"__entity_type__": "Project", "id": IDS["project"]}
    assert [child["parent"] for child in project["children"]] == [reference] * 2


@pytest.mark.parametrize(
    ("later", "shortened"),
    [
        (_task("1"), True),
        (_task("1", name="a"), True),
        (_task("1", bid=2), False),
        (_task("1", name="b"), False),
        (_task("1", parent={"__entity_type__": "Shot", "id": "2"}), False),
        (_task("1", children=[]), False),
    ],
)
def test_a_later_copy_is_shortened_only_if_the_first_holds_all_it_carries(
    model: Model, later: dict[str, Any], shortened: bool
) -> None:
    """A repeat becomes a reference only when it carries nothing new."""
    data = [_task("0", children=[_task("1", name="a"), later])]

    shorten_repeats(model, data)

    repeat = data[0]["children"][1]
    assert (repeat == _task("1")) == shortened
    assert shortened or repeat == later


def test_references_keep_every_key_of_a_composite_primary_key(model: Model) -> None:
    """A repeated Metadata row is referenced by parent_id and key."""
    row = {"__entity_type__": "Metadata", "parent_id": "p", "key": "k", "value": "v"}
    data = [_task("0", metadata=[row, dict(row)])]

    shorten_repeats(model, data)

    assert data[0]["metadata"][1] == {
        "__entity_type__": "Metadata",
        "parent_id": "p",
        "key": "k",
    }


def test_session_merges_references_into_the_same_entity(
    ftrack_session: Session,
) -> None:
    """The client resolves a bare reference to the entity sent in full earlier."""
    schema = ftrack_session.query("ProjectSchema").first()
    project = ftrack_session.create(
        "Project", {"name": "refs", "full_name": "Refs", "project_schema": schema}
    )
    for name in ("sq1", "sq2"):
        ftrack_session.create("Sequence", {"name": name, "parent": project})
    ftrack_session.commit()
    expression = (
        f"select children, children.parent from Project where id is {project['id']}"
    )

    ftrack_session.reset()
    loaded = ftrack_session.query(expression).one()

    assert len(loaded["children"]) == 2
    assert all(child["parent"] is loaded for child in loaded["children"])
