"""Building blocks of the schema definition (:mod:`.schema_definition`).

Plain frozen records; :mod:`ftrack_api.local.model` turns them into the
runtime model. Keyword arguments common to every attribute::

    ``alias``       the real server's column name (reported as ``alias_for``)
    ``default``     default reported to the client (``"{uid}"`` = new uuid)
    ``fk``          ``"Type.column"`` the attribute points at (reported as a
                    ``Foreign key(s): ...`` description)
    ``doc``         any other description reported to the client
    ``fmt``         ``format`` reported to the client (``date-time``, ``json``...)
    ``computed``    no storage; the value is calculated on read
    ``restricted``  ``restricted_projection`` (never projected by the client)
    ``kv``, ``transform``, ``enum``  reported as they are
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attribute:
    """Common part of every attribute declaration."""

    alias: Any = None
    default: Any = None
    fk: str | None = None
    doc: str | None = None
    fmt: str | None = None
    computed: bool = False
    restricted: bool = False
    kv: dict[str, str] | None = None
    transform: dict[str, str] | None = None
    enum: list[str] | None = None
    has_default: bool = False
    type: str | None = None


def _attribute_options(options: dict[str, Any]) -> dict[str, Any]:
    if "default" in options:
        options["has_default"] = True
    return options


@dataclass(frozen=True)
class ScalarDeclaration(Attribute):
    """A stored or computed value (string, integer, number, boolean...)."""


@dataclass(frozen=True)
class ReferenceDeclaration(Attribute):
    """A many-to-one relation through local column(s)."""

    target: str = ""
    local: tuple[str, ...] = ()
    remote: tuple[str, ...] | None = None


@dataclass(frozen=True)
class CollectionDeclaration(Attribute):
    """A one-to-many, many-to-many or tree relation."""

    target: str = ""
    mapped: bool = False
    remote: tuple[str, ...] | None = None
    link: tuple[str, str, str] | None = None
    where: dict[str, Any] | None = None
    tree: str | None = None


@dataclass(frozen=True)
class TypeDeclaration:
    """One entity type."""

    name: str
    attributes: dict[str, Attribute]
    key: list[str]
    required: list[str]
    immutable: list[str]
    projections: list[str]
    table: str | None = None
    base: str | None = None
    shares: str | None = None
    system: list[str] | None = None
    computed: list[str] | None = None
    alias: Any = None
    hidden: dict[str, str] = field(default_factory=dict)
    unique: list[str] = field(default_factory=list)


def Scalar(type: str | None, **options: Any) -> ScalarDeclaration:  # noqa: N802
    """Declare a scalar attribute of wire *type*."""
    return ScalarDeclaration(type=type, **_attribute_options(options))


def Ref(target: str, local: tuple[str, ...], **options: Any) -> ReferenceDeclaration:  # noqa: N802
    """Declare a reference to *target* through *local* column(s)."""
    remote = options.pop("remote", None)
    return ReferenceDeclaration(
        target=target,
        local=tuple(local),
        remote=tuple(remote) if remote else None,
        **_attribute_options(options),
    )


def _collection(target: str, mapped: bool, options: dict[str, Any]):
    remote = options.pop("remote", None)
    if isinstance(remote, str):
        remote = (remote,)
    return CollectionDeclaration(
        target=target,
        mapped=mapped,
        remote=tuple(remote) if remote else None,
        link=options.pop("link", None),
        where=options.pop("where", None),
        tree=options.pop("tree", None),
        **_attribute_options(options),
    )


def Many(target: str, **options: Any) -> CollectionDeclaration:  # noqa: N802
    """Declare a collection (``array``) of *target*."""
    return _collection(target, False, options)


def Mapped(target: str, **options: Any) -> CollectionDeclaration:  # noqa: N802
    """Declare a key/value collection (``mapped_array``) of *target*."""
    return _collection(target, True, options)


def Type(name: str, **options: Any) -> TypeDeclaration:  # noqa: N802
    """Declare an entity type."""
    return TypeDeclaration(name=name, **options)
