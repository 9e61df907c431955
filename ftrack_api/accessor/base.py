"""The interface every accessor implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

import ftrack_api.data
import ftrack_api.exception


class Accessor(ABC):
    """Read and write the data behind resource identifiers in one storage.

    A resource identifier is the accessor's own address for a file or a
    container (a folder, a key prefix, a component id...). Errors are the
    ``ftrack_api.exception.Accessor*`` family.
    """

    #: How many files a location may copy through this accessor at once.
    #: Above one, it must be safe to use from several threads.
    parallel_transfers: int = 1

    #: Whether writing a file creates its containers by itself (object
    #: stores), so that locations need not make them first.
    implicit_containers: bool = False

    @abstractmethod
    def list(self, resource_identifier: str) -> list[str]:
        """Return the resource identifiers inside a container.

        Raise :exc:`~ftrack_api.exception.AccessorResourceNotFoundError` when
        it does not exist and
        :exc:`~ftrack_api.exception.AccessorResourceInvalidError` when it is
        not a container.
        """

    @abstractmethod
    def exists(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* exists."""

    @abstractmethod
    def is_file(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* is a file."""

    @abstractmethod
    def is_container(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* is a container."""

    @abstractmethod
    def is_sequence(self, resource_identifier: str) -> bool:
        """Return whether *resource_identifier* is a file sequence."""

    @abstractmethod
    def open(self, resource_identifier: str, mode: str = "rb") -> ftrack_api.data.Data:
        """Return the data of *resource_identifier* opened in *mode*."""

    @abstractmethod
    def remove(self, resource_identifier: str) -> None:
        """Remove *resource_identifier* (a file or an empty container)."""

    @abstractmethod
    def make_container(self, resource_identifier: str, recursive: bool = True) -> None:
        """Create a container (and parents when *recursive*); keep an existing one."""

    @abstractmethod
    def get_container(self, resource_identifier: str) -> str | None:
        """Return the container holding *resource_identifier*.

        Raise :exc:`~ftrack_api.exception.AccessorParentResourceNotFoundError`
        when it cannot be determined.
        """

    def remove_container(self, resource_identifier: str) -> None:
        """Remove the empty container *resource_identifier*."""
        self.remove(resource_identifier)

    def get_filesystem_path(self, resource_identifier: str) -> str:
        """Return the filesystem path of *resource_identifier*, when there is one."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "get_filesystem_path", resource_identifier=resource_identifier
        )

    def get_url(self, resource_identifier: str) -> str:
        """Return a URL for *resource_identifier*, when there is one."""
        raise ftrack_api.exception.AccessorUnsupportedOperationError(
            "get_url", resource_identifier=resource_identifier
        )
