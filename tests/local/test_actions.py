"""Tests of the informational actions, reset_remote and upload metadata."""

from __future__ import annotations

import gc
import json

import pytest

from ftrack_api.local import actions
from ftrack_api.local.backend import Backend
from ftrack_api.local.model import get_model
from tests.local.conftest import call, create, fail, query


def test_server_information_reports_hash_and_storage(backend: Backend) -> None:
    """query_server_information gives version, schema hash and storage scenario."""
    (info,) = call(backend, {"action": "query_server_information"})
    assert info == {
        "version": "dev",
        "schema_hash": get_model().schema_hash,
        "storage_scenario": {"scenario": "ftrack.automatic", "data": {}},
        "is_timezone_support_enabled": True,
    }


def test_query_schemas_returns_every_type(backend: Backend) -> None:
    """query_schemas returns the 116 schemas of the model."""
    (schemas,) = call(backend, {"action": "query_schemas"})
    assert len(schemas) == 116
    assert json.loads(json.dumps(schemas)) == get_model().schemas()


def test_unknown_action_is_an_invalid_action_error(backend: Backend) -> None:
    """An unknown action names itself in the official error text."""
    for name in ("get_widget_url", "encode_media", "frobnicate"):
        error = fail(backend, {"action": name})
        assert f"Invalid action u'{name}'" in error["content"]


def test_reset_remote_gives_a_new_working_key_each_time(backend: Backend) -> None:
    """Each api_key reset returns a new key that authenticates the user."""
    (user,) = call(backend, create("User", username="martin"))
    user_id = user["data"]["id"]
    operation = {
        "action": "reset_remote",
        "reset_type": "api_key",
        "entity_type": "User",
        "entity_key": user_id,
    }
    keys = [call(backend, operation)[0]["data"]["api_key"] for _ in range(10)]
    assert len(set(keys)) == 10
    result = backend.call(
        [query("select username from User where username is martin")],
        api_user="martin",
        api_key=keys[-1],
    )
    assert isinstance(result, list)
    old = backend.call([], api_user="martin", api_key=keys[0])
    assert isinstance(old, dict)
    assert old["exception"] == "InvalidCredentialsError"


def test_reset_remote_refuses_a_list_reset_type(backend: Backend) -> None:
    """A reset_type that is a list is an error."""
    error = fail(backend, {"action": "reset_remote", "reset_type": ["id"]})
    assert "['id']" in error["content"]


def test_upload_metadata_points_at_the_server_upload_endpoint(backend: Backend) -> None:
    """get_upload_metadata builds the URL from the server URL, before commit."""
    backend.server_url = "http://127.0.0.1:9999"
    (reply,) = call(
        backend,
        {
            "action": "get_upload_metadata",
            "component_id": "c1",
            "file_name": "a.png",
            "file_size": 3,
            "checksum": "abc=",
        },
    )
    assert reply["url"] == "http://127.0.0.1:9999/component/upload?id=c1"
    assert reply["headers"]["Content-MD5"] == "abc="
    assert reply["component_id"] == "c1"


def test_upload_metadata_without_server_is_a_clear_error(backend: Backend) -> None:
    """Without an HTTP server the reply says why no upload URL exists."""
    error = fail(backend, {"action": "get_upload_metadata", "component_id": "c1"})
    assert "ftrack-api serve" in error["content"]


@pytest.mark.parametrize("enabled", [True, False])
def test_large_batch_leaves_the_garbage_collector_as_it_found_it(
    backend: Backend, enabled: bool
) -> None:
    """A batch long enough to pause the collector restores its prior state."""
    operations = [{"action": "query_server_information"}] * actions.LARGE_BATCH
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        result = backend.call(operations, trusted=True)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()
    assert isinstance(result, list) and len(result) == actions.LARGE_BATCH
