"""Tests for the Event document, Subscription and Subscriber."""

from __future__ import annotations

import pytest

from ftrack_api.event.base import Event
from ftrack_api.event.subscriber import Subscriber
from ftrack_api.event.subscription import Subscription
from ftrack_api.exception import ParseError


def test_event_defaults() -> None:
    """Fill id, data, source and target defaults."""
    event = Event("topic.a")
    assert set(event) == {
        "id",
        "data",
        "sent",
        "source",
        "target",
        "topic",
        "in_reply_to_event",
    }
    assert len(event["id"]) == 32
    assert (event["data"], event["source"], event["target"]) == ({}, {}, "")
    assert event["in_reply_to_event"] is None
    assert Event("topic.a")["id"] != event["id"]


def test_event_is_a_mutable_mapping() -> None:
    """Read, write and delete keys like a dict, comparing by content."""
    event = Event("a", id="1")
    event["data"]["x"] = 1
    event["extra"] = True
    assert event["data"] == {"x": 1}
    del event["extra"]
    assert event == Event("a", id="1", data={"x": 1})
    assert len(event) == 7


def test_event_string_shows_its_data() -> None:
    """Show the class name and the mapping in the text form."""
    event = Event("test", id="some-id")
    assert str(event) == f"<Event {event._data}>"


def test_event_stop_flag() -> None:
    """Report stopped once stop() is called, and stay stopped."""
    event = Event("test")
    assert event.is_stopped() is False
    event.stop()
    event.stop()
    assert event.is_stopped() is True


@pytest.mark.parametrize(
    ("expression", "topic", "expected"),
    [("topic=test", "test", True), ("topic=test", "other-test", False)],
)
def test_subscription_includes(expression: str, topic: str, expected: bool) -> None:
    """Select events by the subscription expression, keeping its text."""
    subscription = Subscription(expression)
    assert str(subscription) == expression
    assert subscription.includes(Event(topic)) is expected


def test_subscription_rejects_bad_expression() -> None:
    """Raise ParseError when created with a bad expression."""
    with pytest.raises(ParseError):
        Subscription("topic")


@pytest.mark.parametrize(("topic", "expected"), [("test", True), ("other", False)])
def test_subscriber_interest_and_text(topic: str, expected: bool) -> None:
    """Say whether the subscription selects an event, and show its metadata."""
    subscriber = Subscriber("topic=test", lambda event: None, {"meta": "info"}, 100)
    assert subscriber.interested_in(Event(topic)) is expected
    assert str(subscriber) == (
        "<Subscriber metadata={'meta': 'info'} subscription=\"topic=test\">"
    )
