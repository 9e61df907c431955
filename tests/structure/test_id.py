"""Tests for ftrack_api.structure.id, origin and entity_id."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st
from structure_fakes import FakeEntity

from ftrack_api.structure.entity_id import EntityIdStructure
from ftrack_api.structure.id import IdStructure
from ftrack_api.structure.origin import OriginStructure

FILE_ID = "f6cd40cb-d1c0-469f-a2d5-10369be8a724"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", "f/6/c/d/40cb-d1c0-469f-a2d5-10369be8a724.png"),
        ("path", "path/f/6/c/d/40cb-d1c0-469f-a2d5-10369be8a724.png"),
        ("/path/", "path/f/6/c/d/40cb-d1c0-469f-a2d5-10369be8a724.png"),
    ],
)
def test_file_component_spreads_id_over_folders(prefix: str, expected: str) -> None:
    """A lone file goes under four folders named after its id's first characters."""
    component = FakeEntity("FileComponent", id=FILE_ID, file_type=".png")
    assert IdStructure(prefix).get_resource_identifier(component) == expected


def test_sequence_and_members_share_a_folder() -> None:
    """A sequence is a frame pattern in its own folder; members fill it in."""
    sequence = FakeEntity("SequenceComponent", id=FILE_ID, padding=4, file_type=".exr")
    member = FakeEntity(
        "FileComponent", id="x", name="0001", file_type=".exr", container=sequence
    )
    structure = IdStructure("root")
    folder = "root/f/6/c/d/40cb-d1c0-469f-a2d5-10369be8a724"
    assert structure.get_resource_identifier(sequence) == f"{folder}/file.%04d.exr"
    assert structure.get_resource_identifier(member) == f"{folder}/file.0001.exr"


def test_unpadded_sequence_uses_plain_frame_expression() -> None:
    """A sequence without padding uses %d."""
    sequence = FakeEntity("SequenceComponent", id=FILE_ID, padding=0, file_type="")
    assert IdStructure().get_resource_identifier(sequence).endswith("/file.%d")


def test_container_members_are_named_by_id() -> None:
    """Members of a plain container are files named by their id in its folder."""
    container = FakeEntity("ContainerComponent", id=FILE_ID)
    member = FakeEntity(
        "FileComponent", id="abc", file_type=".txt", container=container
    )
    path = IdStructure().get_resource_identifier(member)
    assert path == "f/6/c/d/40cb-d1c0-469f-a2d5-10369be8a724/abc.txt"


def test_unknown_component_type_is_refused() -> None:
    """Only file, sequence and container components have a place."""
    with pytest.raises(NotImplementedError, match="NoteComponent"):
        IdStructure().get_resource_identifier(FakeEntity("NoteComponent", id=FILE_ID))


@given(identifier=st.uuids(), file_type=st.sampled_from(["", ".exr", ".mov"]))
def test_id_paths_are_relative_unique_and_end_with_file_type(
    identifier: uuid.UUID, file_type: str
) -> None:
    """Every id path is relative, holds the whole id and ends with the file type."""
    component = FakeEntity("FileComponent", id=str(identifier), file_type=file_type)
    path = IdStructure().get_resource_identifier(component)
    assert not path.startswith("/")
    assert path.replace("/", "") == str(identifier) + file_type
    assert path.endswith(file_type)


def test_origin_structure_returns_source_or_explains() -> None:
    """The origin structure echoes the source and explains when it has none."""
    component = FakeEntity("FileComponent", id=FILE_ID)
    structure = OriginStructure()
    context = {"source_resource_identifier": "/a/b.exr"}
    assert structure.get_resource_identifier(component, context) == "/a/b.exr"
    with pytest.raises(ValueError, match="source_resource_identifier"):
        structure.get_resource_identifier(component)


def test_entity_id_structure_returns_id() -> None:
    """The entity-id structure returns the component id."""
    component = FakeEntity("FileComponent", id=FILE_ID)
    assert EntityIdStructure().get_resource_identifier(component) == FILE_ID
