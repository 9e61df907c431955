"""Tests for ftrack_api.accessor.s3 against moto's server on loopback."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import ftrack_api.data
import ftrack_api.exception
from ftrack_api.accessor.disk import DiskAccessor
from ftrack_api.accessor.s3 import DEFAULT_PART_SIZE, S3Accessor


@pytest.fixture
def accessor(s3_client: object, s3_bucket: str) -> S3Accessor:
    """Return an S3 accessor on a fresh bucket under a key prefix."""
    return S3Accessor(s3_bucket, "studio/", client=s3_client, part_size=5 * 2**20)


def test_small_object_round_trip_and_listing(accessor: S3Accessor) -> None:
    """A small object is written, found by HEAD, listed, read and removed."""
    accessor.make_container("Noël/shot")
    with accessor.open("Noël/shot/プレート.0001.exr", "wb") as data:
        data.write(b"pixels")

    assert accessor.is_file("Noël/shot/プレート.0001.exr")
    assert accessor.is_container("Noël")
    assert accessor.list("Noël") == ["Noël/shot"]
    assert accessor.list("Noël/shot") == ["Noël/shot/プレート.0001.exr"]
    assert accessor.open("Noël/shot/プレート.0001.exr").read() == b"pixels"
    accessor.remove("Noël/shot/プレート.0001.exr")
    assert not accessor.exists("Noël/shot/プレート.0001.exr")
    accessor.remove("Noël/shot")
    assert not accessor.is_container("Noël/shot")


def test_objects_live_under_key_prefix(
    accessor: S3Accessor, s3_client: object, s3_bucket: str
) -> None:
    """Keys are the resource identifier under the configured key prefix."""
    with accessor.open("a/b.txt", "wb") as data:
        data.write(b"x")
    reply = s3_client.list_objects_v2(Bucket=s3_bucket)  # type: ignore[attr-defined]
    assert [entry["Key"] for entry in reply["Contents"]] == ["studio/a/b.txt"]


def test_large_object_uses_multipart_and_ranged_reads(
    accessor: S3Accessor, tmp_path: Path
) -> None:
    """An object larger than a part is uploaded in parts and read back in ranges."""
    payload = os.urandom(12 * 2**20 + 123)
    (tmp_path / "big").write_bytes(payload)
    progress: list[int] = []

    with ftrack_api.data.File(str(tmp_path / "big")) as source:
        target = accessor.open("big.bin", "wb")
        ftrack_api.data.copy_data(source, target, lambda done, _: progress.append(done))
        target.close()

    assert target._parts and len(target._parts) == 3  # type: ignore[attr-defined]
    assert progress[-1] == len(payload)
    reader = accessor.open("big.bin")
    reader.seek(-123, os.SEEK_END)
    assert reader.read() == payload[-123:]
    reader.seek(0)
    digest = hashlib.sha256()
    while chunk := reader.read(2**20):
        digest.update(chunk)
    assert digest.hexdigest() == hashlib.sha256(payload).hexdigest()


def test_aborted_write_leaves_no_object(accessor: S3Accessor) -> None:
    """Aborting a multipart write creates nothing."""
    data = accessor.open("partial.bin", "wb")
    data.write(os.urandom(6 * 2**20))
    data.abort()  # type: ignore[attr-defined]
    assert not accessor.exists("partial.bin")


def test_copy_between_disk_and_s3_preserves_bytes(
    accessor: S3Accessor, tmp_path: Path
) -> None:
    """Data copied disk → S3 → disk arrives unchanged."""
    disk = DiskAccessor(str(tmp_path))
    (tmp_path / "in.bin").write_bytes(b"abc" * 1000)
    with disk.open("in.bin") as source, accessor.open("x/in.bin", "wb") as target:
        ftrack_api.data.copy_data(source, target)
    with accessor.open("x/in.bin") as source, disk.open("out.bin", "wb") as target:
        ftrack_api.data.copy_data(source, target)
    assert (tmp_path / "out.bin").read_bytes() == b"abc" * 1000


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        (lambda a: a.open("missing"), "AccessorResourceNotFoundError"),
        (lambda a: a.remove("missing"), "AccessorResourceNotFoundError"),
        (lambda a: a.list("missing"), "AccessorResourceNotFoundError"),
        (lambda a: a.list("file.txt"), "AccessorResourceInvalidError"),
        (lambda a: a.remove("full"), "AccessorContainerNotEmptyError"),
        (lambda a: a.open("../escape"), "AccessorResourceIdentifierError"),
        (lambda a: a.open("file.txt", "ab"), "AccessorUnsupportedOperationError"),
        (
            lambda a: a.make_container("none/deeper", recursive=False),
            "AccessorParentResourceNotFoundError",
        ),
    ],
)
def test_failures_raise_accessor_errors(
    accessor: S3Accessor, operation: object, error: str
) -> None:
    """Missing objects, bad identifiers and non-empty containers raise clearly."""
    with accessor.open("file.txt", "wb") as data:
        data.write(b"x")
    with accessor.open("full/file.txt", "wb") as data:
        data.write(b"x")
    with pytest.raises(getattr(ftrack_api.exception, error)):
        operation(accessor)  # type: ignore[operator]


def test_unknown_bucket_is_reported_as_not_found(s3_client: object) -> None:
    """Writing to a bucket that does not exist raises an accessor error."""
    accessor = S3Accessor("no-such-bucket", client=s3_client)
    with pytest.raises(ftrack_api.exception.AccessorResourceNotFoundError):
        with accessor.open("x", "wb") as data:
            data.write(b"x")


def test_presigned_url_downloads_the_object(accessor: S3Accessor) -> None:
    """get_url returns a URL the store serves the object from."""
    import requests

    with accessor.open("movie.mov", "wb") as data:
        data.write(b"frames")
    assert requests.get(accessor.get_url("movie.mov"), timeout=10).content == b"frames"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "endpoint_url"),
        ({"endpoint_url": "http://127.0.0.1:1", "part_size": 1024}, "part_size"),
    ],
)
def test_bad_configuration_is_refused(
    arguments: dict[str, object], message: str
) -> None:
    """An accessor with no endpoint or a too small part size is refused."""
    with pytest.raises(ValueError, match=message):
        S3Accessor("bucket", **arguments)  # type: ignore[arg-type]


def test_default_part_size_is_above_minimum() -> None:
    """The default part size is valid for S3."""
    assert DEFAULT_PART_SIZE >= 5 * 2**20
