"""Tests for the event clean-up and handshake bookkeeping of the event server."""

from __future__ import annotations

import pytest

from ftrack_api.local.server.socketio import (
    EVENT_KEYS,
    HandshakeRegistry,
    InvalidEventError,
    clean_event,
)


def test_clean_event_keeps_only_the_official_keys() -> None:
    """Extra keys are dropped and missing ones filled, so Event(**e) works."""
    event = clean_event(
        {"topic": "a", "id": "1", "data": {"x": 1}, "extra": True}, "jane"
    )

    assert set(event) == set(EVENT_KEYS)
    assert event["data"] == {"x": 1}
    assert event["id"] == "1"


def test_clean_event_stamps_the_authenticated_user() -> None:
    """source.user.username is the connection's user, whatever was sent."""
    event = clean_event(
        {"topic": "a", "source": {"id": "hub", "user": {"username": "mallory"}}},
        "jane",
    )

    assert event["source"] == {"id": "hub", "user": {"username": "jane"}}


def test_clean_event_renames_in_reply_to_event() -> None:
    """A snake_case in_reply_to_event becomes the wire's inReplyToEvent."""
    event = clean_event({"topic": "a", "in_reply_to_event": "9"}, "jane")

    assert event["inReplyToEvent"] == "9"
    assert "in_reply_to_event" not in event


@pytest.mark.parametrize("payload", [None, [], {"data": {}}, {"topic": 3}])
def test_clean_event_rejects_payloads_without_a_topic(payload: object) -> None:
    """Only a mapping with a text topic is an event."""
    with pytest.raises(InvalidEventError, match="Invalid event"):
        clean_event(payload, "jane")


def test_handshake_session_ids_can_be_claimed_once() -> None:
    """A session id names its user once, then is gone."""
    registry = HandshakeRegistry()
    session_id = registry.create("jane")

    assert registry.claim(session_id) == "jane"
    assert registry.claim(session_id) is None


def test_handshake_session_ids_expire() -> None:
    """A session id not claimed within its lifetime is refused."""
    registry = HandshakeRegistry(lifetime=0.0)

    assert registry.claim(registry.create("jane")) is None
