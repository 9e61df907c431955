"""Structure that mirrors the project hierarchy in readable folder names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

import ftrack_api.exception
import ftrack_api.symbol
from ftrack_api.structure.base import Structure, container_of, file_type_of

_ILLEGAL_CHARACTER = re.compile(r"[^a-zA-Z0-9_.\-]")

#: Hexadecimal digits of the name digest added to names that lose letters.
_DIGEST_LENGTH = 8


class StandardStructure(Structure):
    """Place components at ``project/context…/asset/v001/name.ext``.

    Every part is sanitised for filesystems: accents are dropped, characters
    other than ``[A-Za-z0-9_.-]`` are replaced by *illegal_character_substitute*
    (``None`` keeps them) and the result is lower-case. A name that loses
    letters with no ASCII form (``プレート``, ``Noël プロジェクト``) or keeps no
    letter or digit at all gets a short digest of the original name, so it
    stays visible, stable and distinct from its neighbours
    (``プレート`` → ``f19cebcf``). When an asset sits
    directly under its project, *project_versions_prefix* (if given) takes the
    place of the missing context folders.
    """

    def __init__(
        self,
        project_versions_prefix: str | None = None,
        illegal_character_substitute: str | None = "_",
        prefix: str = "",
    ) -> None:
        super().__init__(prefix=prefix)
        self.project_versions_prefix = project_versions_prefix
        self.illegal_character_substitute = illegal_character_substitute

    def sanitise_for_filesystem(self, value: str) -> str:
        """Return *value* as a lower-case, ASCII, filesystem-safe name."""
        if self.illegal_character_substitute is None:
            return value
        text = str(value)
        decomposed = unicodedata.normalize("NFKD", text)
        sanitised = decomposed.encode("ascii", "ignore").decode("ascii")
        sanitised = _ILLEGAL_CHARACTER.sub(self.illegal_character_substitute, sanitised)
        sanitised = sanitised.strip().lower()
        if text and (_loses_letters(decomposed) or not _has_word(sanitised)):
            return self._with_digest(sanitised, text)
        return sanitised

    def _with_digest(self, sanitised: str, original: str) -> str:
        """Return *sanitised* followed by a short digest of *original*."""
        digest = hashlib.sha256(
            unicodedata.normalize("NFC", original).encode("utf-8")
        ).hexdigest()[:_DIGEST_LENGTH]
        separator = self.illegal_character_substitute or "_"
        base = sanitised.strip(f"{separator}._- ")
        return f"{base}{separator}{digest}" if base else digest

    def get_resource_identifier(
        self, entity: Any, context: Mapping[str, Any] | None = None
    ) -> str:
        """Return the resource identifier of the component *entity*."""
        entity_type = entity.entity_type
        container = container_of(entity)
        if container is not None:
            return self._member_path(entity, container)

        name = self.sanitise_for_filesystem(entity["name"])
        file_type = file_type_of(entity)
        if entity_type == "FileComponent":
            leaf = name + file_type
        elif entity_type == "SequenceComponent":
            leaf = f"{name}.{self._get_sequence_expression(entity)}{file_type}"
        elif entity_type == "ContainerComponent":
            leaf = name
        else:
            raise NotImplementedError(
                f"Cannot generate a resource identifier for {entity_type!r}."
            )
        return self._join(*self._version_parts(entity), leaf)

    def _member_path(self, entity: Any, container: Any) -> str:
        container_path = self.get_resource_identifier(container)
        name = self.sanitise_for_filesystem(entity["name"])
        file_type = file_type_of(entity)
        if container.entity_type == "SequenceComponent":
            folder = container_path.rsplit(self.path_separator, 1)[0]
            container_name = self.sanitise_for_filesystem(container["name"])
            return self._join(folder, f"{container_name}.{name}{file_type}")
        return self._join(container_path, name + file_type)

    def _version_parts(self, component: Any) -> list[str]:
        version = self._get_version(component)
        link = version["link"]
        session = component.session
        project = session.get("Project", link[0]["id"])
        parts = [project["name"]]
        context_names = [item["name"] for item in link[1:-1]]
        if context_names:
            parts.extend(context_names)
        elif self.project_versions_prefix:
            parts.append(self.project_versions_prefix)
        parts.append(version["asset"]["name"])
        sanitised = [self.sanitise_for_filesystem(part) for part in parts]
        return [self.prefix, *sanitised, f"v{int(version['version']):03d}"]

    def _get_version(self, component: Any) -> Any:
        version = component["version"] if "version" in component.keys() else None
        if not version:
            version_id = component.get("version_id")
            if version_id:
                version = component.session.get("AssetVersion", version_id)
        if not version:
            raise ftrack_api.exception.StructureError(
                f"Component {component['id']!r} has no asset version, so it has "
                "no place in a StandardStructure."
            )
        if _is_uncommitted(version) or not version["link"]:
            raise ftrack_api.exception.StructureError(
                f"Asset version {version['id']!r} is not committed yet; commit the "
                "session before adding its components to a StandardStructure "
                "location."
            )
        return version

    def _join(self, *parts: str) -> str:
        return self.path_separator.join(part for part in parts if part)


def _loses_letters(decomposed: str) -> bool:
    """Return whether an NFKD text has characters that ASCII cannot keep.

    Combining marks (accents) are dropped on purpose and do not count.
    """
    return any(
        not character.isascii() and not unicodedata.combining(character)
        for character in decomposed
    )


def _has_word(name: str) -> bool:
    """Return whether *name* holds a letter or digit (not only dots or dashes)."""
    return any(character.isalnum() for character in name)


def _is_uncommitted(entity: Any) -> bool:
    """Return whether *entity* was created in its session and not committed."""
    try:
        import ftrack_api.inspection
    except ImportError:
        return False
    try:
        return ftrack_api.inspection.state(entity) is ftrack_api.symbol.CREATED
    except (AttributeError, KeyError, TypeError):
        return False
