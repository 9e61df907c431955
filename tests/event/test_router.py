"""Tests for connection-level event routing."""

from __future__ import annotations

import threading

import pytest

from ftrack_api.event.base import Event
from ftrack_api.event.router import Router
from ftrack_api.exception import ParseError


@pytest.fixture()
def router() -> Router:
    """Return a router with three connections subscribed."""
    router = Router()
    router.add_subscription("a", {"id": "a1"}, "topic=ftrack.update")
    router.add_subscription("a", {"id": "a2"}, "topic=ftrack.location.*")
    router.add_subscription("b", {"id": "b1", "name": "b"}, "topic=ftrack.update")
    router.add_subscription(
        "c", {"id": "hub-c"}, "topic=ftrack.meta.reply and data.ok=yes"
    )
    return router


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"topic": "ftrack.update"}, {"a", "b"}),
        ({"topic": "ftrack.location.component-added"}, {"a"}),
        ({"topic": "other"}, set()),
        ({"topic": "ftrack.meta.reply", "data": {"ok": "yes"}}, {"c"}),
        ({"topic": "ftrack.meta.reply", "data": {"ok": "no"}}, set()),
        ({"topic": "ftrack.update", "target": "id=b1"}, {"b"}),
        ({"topic": "ftrack.update", "target": "name=b or id=a1"}, {"a", "b"}),
        ({"topic": "ftrack.update", "target": "id=nobody"}, set()),
        (Event("ftrack.update", target=""), {"a", "b"}),
    ],
)
def test_match_returns_connections_with_matching_subscribers(
    router: Router, event: dict, expected: set
) -> None:
    """Route by subscription, then by target against subscriber metadata."""
    assert router.match(event) == expected


def test_match_with_bad_target_routes_nowhere(router: Router) -> None:
    """Route an event whose target cannot be parsed to no connection."""
    assert router.match({"topic": "ftrack.update", "target": "id=="}) == set()


def test_remove_subscriber_stops_routing(router: Router) -> None:
    """Stop routing to a connection once its only matching subscriber leaves."""
    assert router.remove_subscriber("b", "b1") is True
    assert router.remove_subscriber("b", "b1") is False
    assert router.match({"topic": "ftrack.update"}) == {"a"}
    assert "b" not in router.connections()


def test_remove_connection_forgets_all_its_subscribers(router: Router) -> None:
    """Forget every subscriber of a removed connection."""
    router.remove_connection("a")
    assert router.match({"topic": "ftrack.update"}) == {"b"}
    assert router.match({"topic": "ftrack.location.x"}) == set()
    assert router.connections() == {"b", "c"}


def test_add_subscription_replaces_same_subscriber(router: Router) -> None:
    """Replace a subscriber registered again under the same id."""
    router.add_subscription("b", {"id": "b1"}, "topic=other")
    assert router.match({"topic": "ftrack.update"}) == {"a"}
    assert router.match({"topic": "other"}) == {"b"}


@pytest.mark.parametrize("subscriber", [{}, {"id": ""}, {"id": 5}, "id"])
def test_add_subscription_requires_subscriber_id(
    router: Router, subscriber: object
) -> None:
    """Reject subscriber metadata without a text id, naming it."""
    with pytest.raises(ValueError, match="needs a text 'id'"):
        router.add_subscription("x", subscriber, "topic=x")  # type: ignore[arg-type]


def test_add_subscription_rejects_bad_expression(router: Router) -> None:
    """Raise ParseError and register nothing for a bad expression."""
    with pytest.raises(ParseError):
        router.add_subscription("x", {"id": "x1"}, "topic=")
    assert "x" not in router.connections()


def test_router_is_thread_safe() -> None:
    """Add, match and remove from several threads without losing routes."""
    router = Router()
    errors: list[BaseException] = []

    def work(connection: int) -> None:
        try:
            for index in range(100):
                router.add_subscription(
                    connection, {"id": f"s{index}"}, f"topic=t{index}"
                )
                assert connection in router.match({"topic": f"t{index}"})
            for index in range(0, 100, 2):
                router.remove_subscriber(connection, f"s{index}")
        except BaseException as error:  # collected and re-raised in the main thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert router.match({"topic": "t1"}) == {0, 1, 2, 3}
    assert router.match({"topic": "t2"}) == set()
