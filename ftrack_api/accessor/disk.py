"""Accessor for a folder on a local or mounted filesystem."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
from collections.abc import Iterator
from typing import Any

import ftrack_api.data
import ftrack_api.exception
from ftrack_api.accessor.base import Accessor

logger = logging.getLogger(__name__)

#: Accessor error raised for each ``errno`` of an ``OSError``.
_ERRNO_ERRORS: dict[int, type[ftrack_api.exception.AccessorError]] = {
    errno.ENOENT: ftrack_api.exception.AccessorResourceNotFoundError,
    errno.EPERM: ftrack_api.exception.AccessorPermissionDeniedError,
    errno.EACCES: ftrack_api.exception.AccessorPermissionDeniedError,
    errno.ENOTEMPTY: ftrack_api.exception.AccessorContainerNotEmptyError,
    errno.ENOTDIR: ftrack_api.exception.AccessorResourceInvalidError,
    errno.EISDIR: ftrack_api.exception.AccessorResourceInvalidError,
    errno.EINVAL: ftrack_api.exception.AccessorResourceInvalidError,
}


@contextlib.contextmanager
def error_handler(operation: str, resource_identifier: str) -> Iterator[None]:
    """Turn an ``OSError`` raised inside the block into an accessor error."""
    try:
        yield
    except OSError as error:
        error_class: Any = _ERRNO_ERRORS.get(
            error.errno or 0, ftrack_api.exception.AccessorOperationFailedError
        )
        raise error_class(
            operation=operation, resource_identifier=resource_identifier, error=error
        ) from error


class DiskAccessor(Accessor):
    """Store data in files under *prefix*.

    *prefix* may use ``~`` and environment variables. Resource identifiers are
    paths relative to it (absolute paths inside it are accepted too); one that
    points outside it raises
    :exc:`~ftrack_api.exception.AccessorFilesystemPathError`. With an empty
    prefix, resource identifiers are plain paths.
    """

    parallel_transfers = 4

    def __init__(self, prefix: str, **kw: Any) -> None:
        if prefix:
            prefix = os.path.abspath(os.path.expanduser(os.path.expandvars(prefix)))
        self.prefix = prefix
        super().__init__(**kw)

    def get_filesystem_path(self, resource_identifier: str) -> str:
        """Return the absolute path of *resource_identifier*, inside the prefix."""
        if not self.prefix:
            return os.path.normpath(resource_identifier)

        path = os.path.normpath(os.path.join(self.prefix, resource_identifier))
        if path != self.prefix and not path.startswith(self.prefix + os.sep):
            raise ftrack_api.exception.AccessorFilesystemPathError(
                resource_identifier,
                message=(
                    f"Resource identifier {resource_identifier!r} resolves to "
                    f"{path!r}, outside the accessor prefix {self.prefix!r}."
                ),
            )
        return path

    def list(self, resource_identifier: str) -> list[str]:
        """Return the resource identifiers of the entries of a folder."""
        path = self.get_filesystem_path(resource_identifier)
        with error_handler("list", resource_identifier):
            names = sorted(os.listdir(path))
        return [os.path.join(resource_identifier, name) for name in names]

    def exists(self, resource_identifier: str) -> bool:
        """Return whether a file or folder exists at *resource_identifier*."""
        return os.path.exists(self.get_filesystem_path(resource_identifier))

    def is_file(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* is a file."""
        return os.path.isfile(self.get_filesystem_path(resource_identifier))

    def is_container(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* is a folder."""
        return os.path.isdir(self.get_filesystem_path(resource_identifier))

    def is_sequence(self, resource_identifier: str) -> bool:
        """Refuse: a disk holds no sequence as such, only its member files."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "is_sequence", resource_identifier=resource_identifier
        )

    def open(self, resource_identifier: str, mode: str = "rb") -> ftrack_api.data.File:
        """Open the file at *resource_identifier* in *mode*."""
        path = self.get_filesystem_path(resource_identifier)
        with error_handler("open", resource_identifier):
            return ftrack_api.data.File(path, mode)

    def remove(self, resource_identifier: str) -> None:
        """Remove the file or empty folder at *resource_identifier*."""
        path = self.get_filesystem_path(resource_identifier)
        with error_handler("remove", resource_identifier):
            if os.path.isdir(path) and not os.path.islink(path):
                os.rmdir(path)
            else:
                os.unlink(path)

    def make_container(self, resource_identifier: str, recursive: bool = True) -> None:
        """Create the folder *resource_identifier*; keep one that exists."""
        path = self.get_filesystem_path(resource_identifier)
        with error_handler("make_container", resource_identifier):
            if recursive:
                os.makedirs(path, exist_ok=True)
                return
            try:
                os.mkdir(path)
            except FileExistsError:
                return
            except FileNotFoundError as error:
                raise ftrack_api.exception.AccessorParentResourceNotFoundError(
                    "make_container", resource_identifier, error
                ) from error

    def get_container(self, resource_identifier: str) -> str:
        """Return the resource identifier of the folder holding this one."""
        path = self.get_filesystem_path(resource_identifier)
        parent = os.path.dirname(path)
        if not self.prefix:
            return parent
        if parent != self.prefix and not parent.startswith(self.prefix + os.sep):
            raise ftrack_api.exception.AccessorParentResourceNotFoundError(
                "get_container",
                resource_identifier,
                error=f"the parent of {resource_identifier!r} is outside the prefix",
            )
        return parent[len(self.prefix) :].lstrip(os.sep)
