"""Entity classes built from the real server's schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.attribute import Attribute
from ftrack_api.entity.asset_version import AssetVersion
from ftrack_api.entity.factory import Factory, StandardFactory
from ftrack_api.entity.job import Job
from ftrack_api.entity.note import CreateNoteMixin, Note
from ftrack_api.entity.project_schema import ProjectSchema
from ftrack_api.entity.user import User

SCHEMAS = {
    schema["id"]: schema
    for schema in json.loads(
        (
            Path(__file__).resolve().parents[1]
            / "data"
            / "server_responses"
            / "query_schemas.json"
        ).read_text()
    )
}


def _attribute(cls: type, name: str) -> Attribute:
    attribute = cls.attributes.get(name)  # type: ignore[attr-defined]
    assert attribute is not None, name
    return attribute


def test_attribute_kinds_follow_the_schema() -> None:
    """Scalars, references, collections and mapped collections come from type/$ref."""
    task = StandardFactory().create(SCHEMAS["Task"])

    assert _attribute(task, "name").kind == "scalar"
    assert _attribute(task, "bid").data_type == "float"  # type: ignore[attr-defined]
    assert _attribute(task, "start_date").data_type == "datetime"  # type: ignore[attr-defined]
    assert _attribute(task, "status").kind == "reference"
    assert _attribute(task, "assignments").kind == "collection"
    assert _attribute(task, "metadata").kind == "mapped_collection"
    assert _attribute(task, "custom_attributes").kind == "mapped_collection"
    assert task.attributes.get("custom_attribute_links") is None  # type: ignore[attr-defined]


def test_defaults_immutability_and_computed_flags() -> None:
    """{uid} defaults generate ids; immutable and computed lists are applied."""
    task = StandardFactory().create(SCHEMAS["Task"])
    id_default = _attribute(task, "id").default_value

    assert callable(id_default) and id_default(None) != id_default(None)
    assert _attribute(task, "name").default_value == ""
    assert _attribute(task, "id").mutable is False
    assert _attribute(task, "time_logged").computed is True


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("AssetVersion", AssetVersion),
        ("Note", Note),
        ("Job", Job),
        ("User", User),
        ("ProjectSchema", ProjectSchema),
    ],
)
def test_special_types_get_their_classes(name: str, base: type) -> None:
    """Types with behaviour derive from their special class."""
    assert issubclass(StandardFactory().create(SCHEMAS[name]), base)


def test_types_with_notes_get_the_note_mixin() -> None:
    """A notes collection brings create_note."""
    assert issubclass(StandardFactory().create(SCHEMAS["Task"]), CreateNoteMixin)
    assert not issubclass(StandardFactory().create(SCHEMAS["Status"]), CreateNoteMixin)


def test_plain_factory_skips_mapped_collections() -> None:
    """The base Factory makes no mapped collections."""
    task: Any = Factory().create(SCHEMAS["Task"])
    assert task.attributes.get("metadata") is None
    assert task.entity_type == "Task"
