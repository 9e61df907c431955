"""Tests of the model built from our schema definition."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ftrack_api.local.errors import UnknownAttributeError, UnknownEntityTypeError
from ftrack_api.local.model import get_model

#: Differences we keep on purpose between our reply and the real dump:
#: (type, property or None for a type-level key, key). Empty today: our
#: definition reproduces the dump exactly.
ALLOWED_DIFFERENCES: set[tuple[str, str | None, str]] = set()


@pytest.fixture(scope="module")
def dump(reference: Path) -> dict[str, dict]:
    """Return the real server's schema dump by type name."""
    text = (reference / "server_responses" / "query_schemas.json").read_text()
    return {schema["id"]: schema for schema in json.loads(text)}


def _differences(ours: dict, theirs: dict) -> set[tuple[str, str | None, str]]:
    found: set[tuple[str, str | None, str]] = set()
    name = theirs["id"]
    for key in set(ours) | set(theirs):
        if key != "properties" and ours.get(key) != theirs.get(key):
            found.add((name, None, key))
    for prop in set(ours["properties"]) | set(theirs["properties"]):
        mine = ours["properties"].get(prop, {})
        real = theirs["properties"].get(prop, {})
        for key in set(mine) | set(real):
            if mine.get(key) != real.get(key):
                found.add((name, prop, key))
    return found


def test_query_schemas_has_every_type_of_the_dump(dump: dict) -> None:
    """Our reply names exactly the 116 types of the real server."""
    ours = {schema["id"] for schema in get_model().schemas()}
    assert ours == set(dump)
    assert len(ours) == 116


def test_query_schemas_matches_dump_property_by_property(dump: dict) -> None:
    """Every type and property equals the dump, except the allow-list."""
    found: set = set()
    for schema in get_model().schemas():
        found |= _differences(schema, dump[schema["id"]])
    assert found == ALLOWED_DIFFERENCES


def test_schema_hash_is_md5_of_sorted_json() -> None:
    """The hash is the MD5 of json.dumps(schemas, sort_keys=True)."""
    model = get_model()
    text = json.dumps(model.schemas(), sort_keys=True)
    assert model.schema_hash == hashlib.md5(text.encode()).hexdigest()


@pytest.mark.parametrize(
    ("name", "concrete"),
    [
        ("Context", {"Project", "Task", "Shot", "Sequence", "Folder", "TypedContext"}),
        ("TypedContext", {"Task", "Shot", "AssetBuild", "Milestone", "Episode"}),
        ("Component", {"FileComponent", "SequenceComponent", "ContainerComponent"}),
        ("Resource", {"User", "Group"}),
    ],
)
def test_inheritance_lists_concrete_subtypes(name: str, concrete: set) -> None:
    """A base type lists its subtypes and shares their table."""
    entity_type = get_model().get(name)
    assert concrete <= set(entity_type.concrete_names)
    for subtype in concrete:
        assert get_model().get(subtype).table is entity_type.table


def test_relation_joins_are_resolved() -> None:
    """References join on local columns; collections on remote or link tables."""
    model = get_model()
    parent = model.get("Task").attribute("parent")
    assert (parent.kind, parent.target, parent.join.local) == (
        "reference",
        "Context",
        ("parent_id",),
    )
    versions = model.get("Asset").attribute("versions")
    assert versions.join.remote == ("asset_id",)
    scopes = model.get("Task").attribute("scopes")
    assert scopes.join.link_table is not None
    assert scopes.join.link_local == "context_id"
    assignments = model.get("Task").attribute("assignments")
    assert assignments.join.where == {"type": "assignment"}


def test_unknown_type_and_attribute_raise_named_errors() -> None:
    """Unknown names raise errors naming the value."""
    with pytest.raises(UnknownEntityTypeError, match="'Nope'"):
        get_model().get("Nope")
    with pytest.raises(UnknownAttributeError, match="'nope'"):
        get_model().get("Task").attribute("nope")


def test_timer_user_is_unique_in_the_database() -> None:
    """A unique index keeps one Timer per user even across server workers."""
    table = get_model().get("Timer").table
    unique = [index for index in table.indexes if index.unique]
    assert [[column.name for column in index.columns] for index in unique] == [
        ["user_id"]
    ]
