"""Load the server's schemas, through the schema cache file when it is current."""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ftrack_api.session import Session

logger = logging.getLogger(__name__)

CACHE_FILE_NAME = "ftrack_api_schema_cache.json"


def schema_hash(schemas: list[dict[str, Any]]) -> str:
    """Return the MD5 hex digest the server also computes for *schemas*."""
    import hashlib

    return hashlib.md5(json.dumps(schemas, sort_keys=True).encode("utf-8")).hexdigest()


def default_cache_directory() -> str:
    """Return the schema cache directory from the environment or the platform."""
    path = os.environ.get("FTRACK_API_SCHEMA_CACHE_PATH")
    if path:
        return path
    import platformdirs

    return platformdirs.user_cache_dir()


def read_schemas_from_cache(path: str) -> tuple[list[dict[str, Any]], str]:
    """Return the schemas cached at *path* and their hash; raise on a bad file."""
    with open(path, encoding="utf-8") as file:
        schemas = json.load(file)
    if not isinstance(schemas, list):
        raise ValueError(f"Schema cache {path!r} does not hold a list of schemas.")
    return schemas, schema_hash(schemas)


def write_schemas_to_cache(schemas: list[dict[str, Any]], path: str) -> None:
    """Write *schemas* to *path* atomically; log (do not raise) on failure."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(schemas, file, indent=4)
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError) as error:
        logger.warning("Could not write schema cache %s: %s", path, error)


def load_schemas(session: Session, schema_cache_path: Any) -> list[dict[str, Any]]:
    """Return the schemas, from the cache file when its hash matches the server's."""
    if schema_cache_path is False:
        return session._fetch_schemas()

    directory = schema_cache_path or default_cache_directory()
    path = os.path.join(directory, CACHE_FILE_NAME)
    server_hash = session._server_information.get("schema_hash", False)
    try:
        schemas, local_hash = session._read_schemas_from_cache(path)
    except (OSError, TypeError, AttributeError, ValueError) as error:
        logger.debug("No usable schema cache at %s: %s", path, error)
    else:
        if local_hash == server_hash:
            logger.debug("Using schemas cached at %s.", path)
            return schemas

    schemas = session._fetch_schemas()
    session._write_schemas_to_cache(schemas, path)
    return schemas
