"""Tests for POST /api through the server."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(
    ("user_name", "key_name"), [("api_user", "api_key"), ("username", "apiKey")]
)
def test_api_accepts_credentials_in_query_parameters(
    served: Served, user_name: str, key_name: str
) -> None:
    """POST /api takes the user and key from the query string, as documented."""
    reply = requests.post(
        f"{served.url}/api",
        params={user_name: served.username, key_name: served.api_key},
        json=[{"action": "query_server_information"}],
        timeout=10,
    )

    results = reply.json()
    assert isinstance(results, list), results
    assert "version" in results[0]


def test_api_answers_deeply_nested_json_with_the_wire_error(served: Served) -> None:
    """JSON nested past the decoder's depth gets an error object, not a plain 500."""
    depth = 100_000
    reply = requests.post(
        f"{served.url}/api",
        headers={**served.headers, "content-type": "application/json"},
        data="[" * depth + "]" * depth,
        timeout=30,
    )

    assert reply.status_code == 200
    error = reply.json()
    assert error["exception"] == "ParseError"
    assert "nested too deeply" in error["content"]
