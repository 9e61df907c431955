"""Run the session against replies recorded from a real ftrack server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import arrow
import pytest

import ftrack_api
import ftrack_api._transport
import ftrack_api.entity.base
import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api._transport import Request, Response
from ftrack_api.session import Session
from ftrack_api.symbol import CREATED, NOT_SET

RESPONSES = Path(__file__).resolve().parent / "data" / "server_responses"
SCHEMA_HASH = "23a1157b8b1730fd91c76f63dcd67a8f"


class RecordedTransport:
    """Answer each action with the reply a real server gave to it."""

    def __init__(self) -> None:
        self.batches: list[list[dict[str, Any]]] = []

    def handle_request(self, request: Request) -> Response:
        """Return the recorded reply of every action in *request*."""
        actions = json.loads(request.body)
        self.batches.append(actions)
        results = [self._reply(action) for action in actions]
        return Response(200, json.dumps(results).encode("utf-8"))

    def _reply(self, action: dict[str, Any]) -> Any:
        name = action["action"]
        if name == "query":
            expression = re.sub(r" offset 0", "", action["expression"])
            name = "query_" + expression.lower().replace(", ", "_").replace(" ", "_")
        elif name in ("create", "update"):
            name = f"{name}_{action['entity_type'].lower()}"
        return json.loads((RESPONSES / f"{name}.json").read_text())

    def close(self) -> None:
        """Release nothing."""

    def actions(self) -> list[dict[str, Any]]:
        """Return every action sent so far."""
        return [action for batch in self.batches for action in batch]


@pytest.fixture
def transport(monkeypatch: pytest.MonkeyPatch) -> RecordedTransport:
    """Make every new Session talk to a RecordedTransport."""
    recorded = RecordedTransport()
    monkeypatch.setattr(Session, "_make_transport", lambda self: recorded)
    return recorded


@pytest.fixture
def session(transport: RecordedTransport, tmp_path: Path) -> Session:
    """Return a Session over recorded replies, caching schemas in tmp_path."""
    return _session(tmp_path)


def _session(cache_path: Path) -> Session:
    return Session(
        server_url="http://127.0.0.1:9",
        api_key="recorded",
        api_user="recorded",
        plugin_paths=[],
        schema_cache_path=str(cache_path),
    )


def test_session_builds_a_class_per_recorded_schema(session: Session) -> None:
    """The 116 schemas of the real server become 116 entity classes."""
    assert len(session.types) == 116
    task = session.types["Task"]
    assert task.primary_key_attributes == ["id"]
    assert task.default_projections == ["context_type", "id", "name"]
    assert task.attributes.get("custom_attribute_links") is None
    assert task.attributes.get("metadata").kind == "mapped_collection"
    assert task.attributes.get("parent").kind == "reference"
    assert task.attributes.get("id").mutable is False


def test_schema_cache_file_holds_the_server_hash(
    session: Session, transport: RecordedTransport, tmp_path: Path
) -> None:
    """A second session reads the cached schemas and skips query_schemas."""
    cached, digest = session._read_schemas_from_cache(
        str(tmp_path / "ftrack_api_schema_cache.json")
    )
    assert digest == SCHEMA_HASH
    transport.batches.clear()

    _session(tmp_path)

    assert [action["action"] for action in transport.actions()] == [
        "query_server_information"
    ]


def test_recorded_query_decodes_naive_datetime_as_utc(
    session: Session, transport: RecordedTransport
) -> None:
    """A recorded Task's created_at becomes an aware Arrow in UTC."""
    task = session.query("select name, created_at from Task limit 1")[0]
    assert transport.actions()[-1]["expression"] == (
        "select name, created_at from Task offset 0 limit 1"
    )
    assert task["created_at"] == arrow.get("2022-10-10T10:12:09+00:00")
    assert task["created_at"].utcoffset().total_seconds() == 0
    assert task["name"].startswith('Filters via "At a glance"')


def test_recorded_query_shares_one_object_per_entity(session: Session) -> None:
    """Two tasks with the same status hold the very same Status object."""
    expression = (
        "select status.state.short from Task where status.state.short is "
        "NOT_STARTED limit 2"
    )
    first, second = session.query(expression).all()

    assert first["status"] is second["status"]
    assert first["status"]["state"]["short"] == "NOT_STARTED"


def test_recorded_bare_reference_is_reunited_with_its_entity(
    session: Session,
) -> None:
    """The version listed again in asset.versions is the top-level version."""
    expression = (
        "select version, asset.versions.version from AssetVersion where "
        "asset_id is_not None limit 1"
    )
    version = session.query(expression)[0]

    versions = version["asset"]["versions"]
    assert versions[0] is version
    assert [item["version"] for item in versions] == [1, 2, 3]


def test_create_commit_merges_the_recorded_reply(
    session: Session, transport: RecordedTransport
) -> None:
    """Committing a new User sends one create and merges the server's reply."""
    user = session.create(
        "User",
        {
            "id": "5c6060d1-2dc7-11ec-b3b6-1e00da110726",
            "username": "25ba83d1-ef38-455e-9b75-17ace2ccabc1",
            "first_name": "first",
            "last_name": "last",
        },
    )
    assert ftrack_api.inspection.state(user) is CREATED

    session.commit()

    action = transport.actions()[-1]
    assert action["action"] == "create"
    assert action["entity_key"] == ["5c6060d1-2dc7-11ec-b3b6-1e00da110726"]
    assert action["entity_data"]["__entity_type__"] == "User"
    assert action["entity_data"]["first_name"] == "first"
    assert ftrack_api.inspection.state(user) is NOT_SET
    assert user._local == {}
    assert user["is_active"] is False
    assert user["resource_type"] == "user"
    assert session.created == []


@pytest.mark.parametrize(
    ("status", "body", "content_type", "expected"),
    [
        (
            200,
            b'{"exception": "ValidationError", "content": "bad name", '
            b'"error_code": null}',
            "application/json",
            "Server reported error: ValidationError(bad name)",
        ),
        (
            502,
            b"<html><body>Bad gateway</body></html>",
            "text/html",
            "HTML page",
        ),
        (200, b"not json at all", "text/plain", "unexpected format"),
        (500, b'{"exception": "Boom", "content": "x"}', "", "Boom(x)"),
        (200, b'{"a": 1}', "application/json", "expected a list"),
    ],
)
def test_unreadable_replies_raise_server_error(
    status: int, body: bytes, content_type: str, expected: str
) -> None:
    """Error objects, HTML pages and non-JSON bodies all give ServerError."""
    with pytest.raises(ftrack_api.exception.ServerError, match=re.escape(expected)):
        ftrack_api._transport.read_reply(Response(status, body, content_type))


def test_dead_server_gives_readable_server_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A refused connection is retried, then becomes a ServerError naming the URL."""
    monkeypatch.setattr(ftrack_api._transport, "RETRY_DELAYS", (0, 0))
    transport = ftrack_api._transport.HTTPTransport(
        "http://127.0.0.1:9", "user", "key", {}, {}, timeout=2
    )
    request = Request(b"[]", idempotent=False)
    with pytest.raises(
        ftrack_api.exception.ServerError, match="127.0.0.1:9/api: .*refused"
    ):
        transport.handle_request(request)
    transport.close()


def test_decode_of_recorded_reply_builds_unmerged_entities(session: Session) -> None:
    """Session.decode turns entity objects into reconstructed entities."""
    text = (RESPONSES / "update_user.json").read_text()
    decoded = session.decode(text)
    user = decoded["data"]
    assert user.entity_type == "User"
    assert user["username"].startswith("testName-")
    assert ftrack_api.inspection.state(user) is NOT_SET


@pytest.mark.parametrize(
    "path", sorted(RESPONSES.glob("*.json")), ids=lambda path: path.stem
)
def test_every_recorded_reply_decodes_and_merges(session: Session, path: Path) -> None:
    """Each real reply decodes; its entity objects merge into attached entities."""
    text = path.read_text()
    decoded = session.decode(text)

    entities: list[Any] = []
    _collect_entities(decoded, entities)
    merged = session.merge(entities)

    assert len(merged) == len(entities)
    for original, attached in zip(entities, merged, strict=True):
        assert attached.entity_type == original.entity_type
        assert attached == original
        assert session.merge(original) is attached


def _collect_entities(value: Any, found: list[Any]) -> None:
    if isinstance(value, ftrack_api.entity.base.Entity):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _collect_entities(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect_entities(item, found)
