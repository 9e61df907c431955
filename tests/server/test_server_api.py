"""Tests for POST /api through the server."""

from __future__ import annotations

import requests
from server_helpers import Served


def test_api_answers_a_batch_with_one_result_per_operation(served: Served) -> None:
    """A valid batch gets a JSON list in operation order."""
    reply = requests.post(
        f"{served.url}/api",
        headers=served.headers,
        json=[{"action": "query_server_information"}, {"action": "query_schemas"}],
        timeout=30,
    )

    assert reply.status_code == 200
    results = reply.json()
    assert isinstance(results, list) and len(results) == 2
    assert "version" in results[0]


def test_api_refuses_a_wrong_key_with_the_wire_error(served: Served) -> None:
    """A wrong key gives the error object, not data."""
    reply = requests.post(
        f"{served.url}/api",
        headers={"ftrack-user": served.username, "ftrack-api-key": "wrong"},
        json=[{"action": "query_server_information"}],
        timeout=10,
    )

    error = reply.json()
    assert isinstance(error, dict)
    assert error["exception"] == "InvalidCredentialsError"
