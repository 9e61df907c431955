"""Custom attributes: a dense mapping over *CustomAttributeValue entities."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from ftrack_api.session import Session


@pytest.fixture
def configuration(ftrack_session: Session) -> Any:
    """Return a committed text custom attribute for tasks."""
    text = ftrack_session.query('CustomAttributeType where name is "text"').one()
    configuration = ftrack_session.create(
        "CustomAttributeConfiguration",
        {
            "key": f"note_{uuid.uuid4().hex[:6]}",
            "label": "Note",
            "type": text,
            "entity_type": "task",
            "object_type_id": "11c137c0-ee7e-4f9c-91c5-8c77cec22b2c",
            "default": "none",
            "config": json.dumps({"markdown": False}),
        },
    )
    ftrack_session.commit()
    return configuration


def test_new_task_takes_custom_attribute_values(
    ftrack_session: Session, project: Any, configuration: Any
) -> None:
    """A value set on a new task is saved and read back."""
    key = configuration["key"]
    task = ftrack_session.create("Task", {"name": "t", "parent": project})
    task["custom_attributes"][key] = "hello"
    ftrack_session.commit()

    ftrack_session.reset()
    fetched = ftrack_session.query(
        f'select custom_attributes from Task where id is "{task["id"]}"'
    ).one()
    assert fetched["custom_attributes"][key] == "hello"


def test_persisted_task_lists_every_key_with_defaults(
    ftrack_session: Session, project: Any, configuration: Any
) -> None:
    """A persisted task shows the default, accepts updates, rejects unknown keys."""
    key = configuration["key"]
    task = ftrack_session.create("Task", {"name": "t", "parent": project})
    ftrack_session.commit()
    ftrack_session.reset()
    task = ftrack_session.get("Task", task["id"])

    assert task["custom_attributes"][key] == "none"
    task["custom_attributes"][key] = "changed"
    ftrack_session.commit()
    with pytest.raises(KeyError):
        task["custom_attributes"]["no_such_key"] = 1

    ftrack_session.reset()
    assert ftrack_session.get("Task", task["id"])["custom_attributes"][key] == "changed"
