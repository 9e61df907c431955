"""Tests for ftrack_api.accessor.disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ftrack_api.exception
from ftrack_api.accessor.disk import DiskAccessor


@pytest.fixture
def accessor(tmp_path: Path) -> DiskAccessor:
    """Return a disk accessor on a fresh folder."""
    return DiskAccessor(str(tmp_path / "store"))


def test_write_read_list_and_remove_round_trip(accessor: DiskAccessor) -> None:
    """Files written through the accessor can be listed, read and removed."""
    accessor.make_container("Noël/shot")
    with accessor.open("Noël/shot/プレート.0001.exr", "wb") as data:
        data.write(b"pixels")

    assert accessor.list("Noël/shot") == ["Noël/shot/プレート.0001.exr"]
    assert accessor.is_file("Noël/shot/プレート.0001.exr")
    assert accessor.is_container("Noël/shot")
    assert accessor.open("Noël/shot/プレート.0001.exr").read() == b"pixels"
    accessor.remove("Noël/shot/プレート.0001.exr")
    accessor.remove("Noël/shot")
    assert not accessor.exists("Noël/shot")


@pytest.mark.parametrize(
    "resource_identifier", ["../outside", "a/../../outside", "/etc/passwd"]
)
def test_resource_identifier_escaping_prefix_is_refused(
    accessor: DiskAccessor, resource_identifier: str
) -> None:
    """A resource identifier resolving outside the prefix raises, naming it."""
    with pytest.raises(ftrack_api.exception.AccessorFilesystemPathError) as info:
        accessor.get_filesystem_path(resource_identifier)
    assert repr(resource_identifier) in str(info.value)


def test_absolute_path_inside_prefix_is_accepted(accessor: DiskAccessor) -> None:
    """An absolute path inside the prefix maps to itself."""
    inside = os.path.join(accessor.prefix, "a", "b.txt")
    assert accessor.get_filesystem_path(inside) == inside


def test_prefix_expands_user_and_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The prefix expands environment variables and becomes absolute."""
    monkeypatch.setenv("STORE_ROOT", str(tmp_path))
    assert DiskAccessor("$STORE_ROOT/x").prefix == str(tmp_path / "x")


@pytest.mark.parametrize(
    ("operation", "error"),
    [
        (lambda a: a.open("missing.txt"), "AccessorResourceNotFoundError"),
        (lambda a: a.remove("missing.txt"), "AccessorResourceNotFoundError"),
        (lambda a: a.list("missing"), "AccessorResourceNotFoundError"),
        (lambda a: a.list("file.txt"), "AccessorResourceInvalidError"),
        (lambda a: a.remove("full"), "AccessorContainerNotEmptyError"),
        (
            lambda a: a.make_container("none/deeper", recursive=False),
            "AccessorParentResourceNotFoundError",
        ),
        (lambda a: a.is_sequence("file.txt"), "AccessorUnsupportedOperationError"),
    ],
)
def test_operating_system_errors_become_accessor_errors(
    accessor: DiskAccessor, operation: object, error: str
) -> None:
    """OS errors map onto the official accessor errors, chained."""
    accessor.make_container("full")
    with accessor.open("full/file.txt", "wb") as data:
        data.write(b"x")
    with accessor.open("file.txt", "wb") as data:
        data.write(b"x")

    with pytest.raises(getattr(ftrack_api.exception, error)):
        operation(accessor)  # type: ignore[operator]


def test_permission_denied_is_reported(accessor: DiskAccessor) -> None:
    """Writing into a read-only folder raises AccessorPermissionDeniedError."""
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    accessor.make_container("locked")
    os.chmod(accessor.get_filesystem_path("locked"), 0o500)
    try:
        with pytest.raises(ftrack_api.exception.AccessorPermissionDeniedError):
            accessor.open("locked/file.txt", "wb")
    finally:
        os.chmod(accessor.get_filesystem_path("locked"), 0o700)


def test_get_container_stays_inside_prefix(accessor: DiskAccessor) -> None:
    """The container of a top-level entry is the prefix; above it is refused."""
    assert accessor.get_container("a/b/c.txt") == "a/b"
    assert accessor.get_container("c.txt") == ""
    with pytest.raises(ftrack_api.exception.AccessorParentResourceNotFoundError):
        accessor.get_container("")


def test_empty_prefix_uses_plain_paths(tmp_path: Path) -> None:
    """With no prefix, resource identifiers are ordinary paths."""
    accessor = DiskAccessor("")
    target = tmp_path / "plain.txt"
    target.write_text("x")
    assert accessor.get_filesystem_path(str(target)) == str(target)
    assert accessor.get_container(str(target)) == str(tmp_path)
    assert accessor.exists(str(target))


def test_url_is_unsupported(accessor: DiskAccessor) -> None:
    """A disk accessor gives no URL."""
    with pytest.raises(ftrack_api.exception.AccessorUnsupportedOperationError):
        accessor.get_url("x")
