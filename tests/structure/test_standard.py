"""Tests for ftrack_api.structure.standard."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from structure_fakes import FakeEntity, FakeSession

import ftrack_api.exception
from ftrack_api.structure.standard import StandardStructure


def make_version(session: FakeSession, context_names: list[str]) -> FakeEntity:
    """Return a version of asset "Plate" in project "My Project"."""
    project = session.add(FakeEntity("Project", id="p1", name="My Project"))
    link = [{"id": project["id"], "name": project["name"]}]
    link += [
        {"id": f"c{index}", "name": name} for index, name in enumerate(context_names)
    ]
    link.append({"id": "v1", "name": "Plate v1"})
    asset = FakeEntity("Asset", id="a1", name="Plate")
    return session.add(
        FakeEntity("AssetVersion", id="v1", version=1, link=link, asset=asset)
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("björn", "bjorn"),
        ("björn!", "bjorn_"),
        ("fää", "faa"),
        ("fo/o", "fo_o"),
        ("åäö", "aao"),
        ("Noël Plate", "noel_plate"),
    ],
)
def test_sanitise_drops_accents_replaces_illegal_and_lower_cases(
    value: str, expected: str
) -> None:
    """Names lose accents and illegal characters and become lower-case."""
    assert StandardStructure().sanitise_for_filesystem(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("プレート", "f19cebcf"),
        ("Noël プロジェクト", "noel_20bdf212"),
        ("Noël 映画", "noel_598a8daa"),
        ("..", "5ec1f7e7"),
        ("!!!", "e84c538e"),
    ],
)
def test_sanitise_adds_a_digest_when_letters_are_lost(
    value: str, expected: str
) -> None:
    """Names losing non-ASCII letters, or left without any, get a stable digest."""
    assert StandardStructure().sanitise_for_filesystem(value) == expected


def test_non_ascii_sequence_gets_visible_distinct_paths(
    fake_session: FakeSession,
) -> None:
    """Two sequences named in katakana get visible, different files."""
    version = make_version(fake_session, ["SQ01"])
    paths = []
    for identifier, name in (("s1", "プレート"), ("s2", "ショット")):
        sequence = FakeEntity(
            "SequenceComponent",
            fake_session,
            id=identifier,
            name=name,
            file_type=".exr",
            padding=4,
            version=version,
            container=None,
        )
        member = FakeEntity(
            "FileComponent",
            fake_session,
            id=f"{identifier}m",
            name="0001",
            file_type=".exr",
            container=sequence,
        )
        paths.append(StandardStructure().get_resource_identifier(member))
    leaves = [path.rsplit("/", 1)[1] for path in paths]
    assert not any(leaf.startswith(".") for leaf in leaves)
    assert leaves[0] != leaves[1]
    assert leaves[0] == "f19cebcf.0001.exr"


def test_sanitise_can_be_disabled() -> None:
    """A substitute of None keeps names as they are."""
    structure = StandardStructure(illegal_character_substitute=None)
    assert structure.sanitise_for_filesystem("Fo/ö") == "Fo/ö"


def test_file_sequence_and_member_paths(fake_session: FakeSession) -> None:
    """Paths follow project/context/asset/version, sequences as name.%04d.ext."""
    version = make_version(fake_session, ["Sequence 01", "SH010"])
    file = FakeEntity(
        "FileComponent",
        fake_session,
        id="f",
        name="Main",
        file_type=".mov",
        version=version,
        container=None,
    )
    sequence = FakeEntity(
        "SequenceComponent",
        fake_session,
        id="s",
        name="baz",
        file_type=".jpg",
        padding=4,
        version=version,
        container=None,
    )
    member = FakeEntity(
        "FileComponent",
        fake_session,
        id="m",
        name="0004",
        file_type=".jpg",
        container=sequence,
    )
    structure = StandardStructure()
    base = "my_project/sequence_01/sh010/plate/v001"
    assert structure.get_resource_identifier(file) == f"{base}/main.mov"
    assert structure.get_resource_identifier(sequence) == f"{base}/baz.%04d.jpg"
    assert structure.get_resource_identifier(member) == f"{base}/baz.0004.jpg"


def test_container_members_go_inside_container(fake_session: FakeSession) -> None:
    """A container is a folder holding its members by name."""
    version = make_version(fake_session, ["SH010"])
    container = FakeEntity(
        "ContainerComponent", fake_session, id="c", name="Bundle", version=version
    )
    member = FakeEntity(
        "FileComponent",
        fake_session,
        id="m",
        name="Notes",
        file_type=".txt",
        container=container,
    )
    path = StandardStructure().get_resource_identifier(member)
    assert path == "my_project/sh010/plate/v001/bundle/notes.txt"


def test_project_versions_prefix_fills_missing_context(
    fake_session: FakeSession,
) -> None:
    """An asset directly under its project uses the configured prefix folder."""
    version = make_version(fake_session, [])
    file = FakeEntity(
        "FileComponent",
        fake_session,
        id="f",
        name="main",
        file_type=".mov",
        version=version,
    )
    structure = StandardStructure(project_versions_prefix="Versions")
    assert structure.get_resource_identifier(file) == (
        "my_project/versions/plate/v001/main.mov"
    )


def test_component_without_version_raises_structure_error(
    fake_session: FakeSession,
) -> None:
    """A component with no version has no place, and the error says which."""
    file = FakeEntity(
        "FileComponent", fake_session, id="lonely", name="main", version=None
    )
    with pytest.raises(ftrack_api.exception.StructureError, match="'lonely'"):
        StandardStructure().get_resource_identifier(file)


def test_version_without_link_raises_structure_error(fake_session: FakeSession) -> None:
    """A version not yet committed (no link) gets a clear StructureError."""
    version = fake_session.add(FakeEntity("AssetVersion", id="new", link=[]))
    file = FakeEntity(
        "FileComponent", fake_session, id="f", name="main", version=version
    )
    with pytest.raises(ftrack_api.exception.StructureError, match="not committed"):
        StandardStructure().get_resource_identifier(file)


@given(
    names=st.lists(st.text(min_size=1, max_size=20), min_size=0, max_size=4),
    name=st.text(min_size=1, max_size=20),
)
def test_standard_paths_use_only_safe_characters(names: list[str], name: str) -> None:
    """Whatever the names, paths hold only safe lower-case characters."""
    session = FakeSession()
    version = make_version(session, names)
    file = FakeEntity(
        "FileComponent", session, id="f", name=name, file_type=".exr", version=version
    )
    path = StandardStructure().get_resource_identifier(file)
    assert re.fullmatch(r"[a-z0-9_.\-/ ]*", path)
    assert path.endswith(".exr")
    assert "/v001/" in path
