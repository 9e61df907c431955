"""A location on the S3 accessor, against moto's S3-compatible server on loopback."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

import pytest

import ftrack_api
import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.accessor.s3 import S3Accessor
from ftrack_api.structure.id import IdStructure


@pytest.fixture
def s3_location(session: Any, s3_endpoint: str) -> tuple[Any, Any]:
    """Return the test's session and a location storing into a fresh bucket."""
    accessor = S3Accessor(
        f"bucket-{uuid.uuid4().hex[:12]}",
        "studio",
        endpoint_url=s3_endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
        part_size=5 * 2**20,
    )
    accessor.client.create_bucket(Bucket=accessor.bucket)
    location = session.create("Location", {"name": "studio.s3"})
    session.commit()
    location.accessor = accessor
    location.structure = IdStructure()
    location.priority = 10
    return session, location


def test_file_and_sequence_round_trip_through_s3(
    s3_location: tuple[Any, Any], tmp_path: Path
) -> None:
    """Components are uploaded in parts, registered, downloaded and removed."""
    session, location = s3_location
    payload = os.urandom(11 * 2**20)
    (tmp_path / "big.exr").write_bytes(payload)
    for frame in range(1, 4):
        (tmp_path / f"plate.{frame:04d}.exr").write_bytes(bytes([frame]) * 100)

    big = session.create_component(str(tmp_path / "big.exr"))
    sequence = session.create_component(str(tmp_path / "plate.%04d.exr [1-3]"))

    accessor = location.accessor
    with accessor.open(location.get_resource_identifier(big)) as data:
        assert data.read() == payload
    assert location.get_component_availability(sequence) == 100.0
    assert location.get_url(big).startswith(accessor.client.meta.endpoint_url)

    location.remove_component(big)
    assert location.get_component_availability(big) == 0.0
    with pytest.raises(ftrack_api.exception.ComponentNotInLocationError):
        location.get_resource_identifier(big)


def test_failed_sequence_upload_leaves_bucket_empty(
    s3_location: tuple[Any, Any], tmp_path: Path
) -> None:
    """A frame missing half-way removes uploaded frames and registers nothing."""
    session, location = s3_location
    for frame in range(1, 9):
        (tmp_path / f"plate.{frame:04d}.exr").write_bytes(b"x" * 100)
    sequence = session.create_component(
        str(tmp_path / "plate.%04d.exr [1-8]"), location=None
    )
    (tmp_path / "plate.0006.exr").unlink()
    origin = session.get("Location", ftrack_api.symbol.ORIGIN_LOCATION_ID)

    with pytest.raises(ftrack_api.exception.LocationError, match="plate.0006.exr"):
        location.add_component(sequence, origin)

    accessor = location.accessor
    listing = accessor.client.list_objects_v2(Bucket=accessor.bucket)
    assert listing.get("KeyCount", 0) == 0
    assert location.get_component_availability(sequence) == 0.0
