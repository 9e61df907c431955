"""The actions of the JSON API and the dispatcher that runs a batch.

A batch is a list of operations, each a dict with an ``action`` key; the
reply is the list of their results in the same order. The whole batch runs
in the caller's transaction: the first error stops it, and the caller rolls
everything back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ftrack_api._gc import collector_paused
from ftrack_api.local import credentials, siblings, writes
from ftrack_api.local.batch import Batch
from ftrack_api.local.errors import (
    BackendError,
    InvalidActionError,
    NotFoundError,
    StorageError,
    ValidationError,
)

if TYPE_CHECKING:
    from ftrack_api.local.backend import Backend

logger = logging.getLogger(__name__)

#: Version reported to clients; they accept "dev" or >= 3.3.11.
SERVER_VERSION = "dev"
STORAGE_SCENARIO = {"scenario": "ftrack.automatic", "data": {}}

Action = Callable[["Backend", Batch, int, Mapping[str, Any]], Any]


def run(backend: Backend, batch: Batch, operations: Any) -> list[Any]:
    """Run every operation of a batch and return their results."""
    if not isinstance(operations, list):
        raise ValidationError(
            f"The request body must be a JSON list of operations, not {operations!r}."
        )
    with collector_paused(len(operations) >= LARGE_BATCH):
        return _run_all(backend, batch, operations)


#: Batches of this many operations run with the cyclic garbage collector off.
LARGE_BATCH = 1000


def _run_all(backend: Backend, batch: Batch, operations: list[Any]) -> list[Any]:
    """Run the operations of a batch in order and finish it."""
    siblings.prefetch(batch, operations)
    results = []
    for index, operation in enumerate(operations):
        if type(operation) is not dict and not isinstance(operation, Mapping):
            raise ValidationError(
                f"operation {index}: an operation must be an object, not {operation!r}."
            )
        name = operation.get("action")
        action = ACTIONS.get(name) if isinstance(name, str) else None
        if action is None:
            raise InvalidActionError(name)
        try:
            results.append(action(backend, batch, index, operation))
        except BackendError as error:
            if "operation " not in error.content:
                error.content = f"operation {index} ({name}): {error.content}"
                error.args = (error.content,)
            raise
    batch.finish()
    return results


#: Actions that never write.
READ_ONLY_ACTIONS = frozenset(
    ("query", "query_schemas", "query_server_information", "get_upload_metadata")
)


def is_read_only(operations: Any) -> bool:
    """Return whether a batch only reads (so it needs no write lock)."""
    return isinstance(operations, list) and all(
        isinstance(operation, Mapping) and operation.get("action") in READ_ONLY_ACTIONS
        for operation in operations
    )


def query_server_information(backend, batch, index, operation) -> dict[str, Any]:
    """Return the server description clients read on connection."""
    return {
        "version": SERVER_VERSION,
        "schema_hash": backend.model.schema_hash,
        "storage_scenario": dict(STORAGE_SCENARIO),
        "is_timezone_support_enabled": True,
    }


def query_schemas(backend, batch, index, operation) -> list[dict[str, Any]]:
    """Return the schema of every entity type."""
    return backend.model.schemas()


def query(backend, batch, index, operation) -> dict[str, Any]:
    """Run a query expression through the query language (H2's engine)."""
    from ftrack_api.local import query as query_language

    expression = operation.get("expression")
    if not isinstance(expression, str):
        raise ValidationError(f"query needs an expression string, not {expression!r}.")
    batch.flush()
    execute = getattr(query_language, "execute", None)
    if execute is None:
        raise StorageError("The query language is not available in this build.")
    return execute(batch.connection, backend.model, expression)


def create(backend, batch, index, operation) -> dict[str, Any]:
    """Create an entity."""
    return writes.create(batch, index, operation)


def update(backend, batch, index, operation) -> dict[str, Any]:
    """Update an entity."""
    return writes.update(batch, index, operation)


def delete(backend, batch, index, operation) -> dict[str, Any]:
    """Delete an entity and what depends on it."""
    return writes.delete(batch, index, operation)


def reset_remote(backend, batch, index, operation) -> dict[str, Any]:
    """Reset a remote value; only ``api_key`` on a User is supported."""
    reset_type = operation.get("reset_type")
    if reset_type != "api_key":
        raise ValidationError(
            f"reset_remote supports reset_type 'api_key' only, not {reset_type!r}."
        )
    entity_type = operation.get("entity_type", "User")
    if entity_type != "User":
        raise ValidationError(
            f"reset_remote of an api_key needs entity_type 'User', not {entity_type!r}."
        )
    key = operation.get("entity_key")
    if isinstance(key, list) and len(key) == 1:
        key = key[0]
    if key is None:
        key = batch.user_id
    if not isinstance(key, str):
        raise ValidationError(f"reset_remote needs a User id, not {key!r}.")
    batch.flush()
    if batch.get_by_id("User", key) is None:
        raise NotFoundError(f"No User with id {key!r} exists.")
    api_key = credentials.set_api_key(batch.connection, backend.model, key)
    return {"action": "reset_remote", "data": {"api_key": api_key}}


def get_upload_metadata(backend, batch, index, operation) -> dict[str, Any]:
    """Return the URL and headers to upload a component's data to the server."""
    component_id = operation.get("component_id")
    file_name = operation.get("file_name") or ""
    if not isinstance(component_id, str) or not component_id:
        raise ValidationError(
            f"get_upload_metadata needs a component_id, not {component_id!r}."
        )
    size = operation.get("file_size")
    checksum = operation.get("checksum")
    build = getattr(backend, "upload_metadata", None)
    if build is not None:
        return build(component_id, file_name, size, checksum)
    if not backend.server_url:
        raise StorageError(
            "get_upload_metadata needs the HTTP server: the ftrack.server location "
            "stores data through `ftrack-api serve`."
        )
    headers = {"Content-Type": "application/octet-stream"}
    if checksum:
        headers["Content-MD5"] = checksum
    return {
        "url": f"{backend.server_url.rstrip('/')}/component/upload?id={component_id}",
        "headers": headers,
        "component_id": component_id,
    }


ACTIONS: dict[str, Action] = {
    "query_server_information": query_server_information,
    "query_schemas": query_schemas,
    "query": query,
    "create": create,
    "update": update,
    "delete": delete,
    "reset_remote": reset_remote,
    "get_upload_metadata": get_upload_metadata,
}
