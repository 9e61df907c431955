"""Tests for events between sessions on one embedded backend in-process."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ftrack_api.event.base import Event
from ftrack_api.event.hub import EventHub
from ftrack_api.testing import create_session
from tests.event.helpers import poll, settle, wait_until


def test_sessions_on_one_database_share_events(tmp_path: Path) -> None:
    """Deliver events and replies between two sessions on the same URL."""
    first = create_session(tmp_path / "studio", auto_connect_event_hub=True)
    second = create_session(tmp_path / "studio", auto_connect_event_hub=True)
    try:
        poll(lambda: first.event_hub.connected and second.event_hub.connected)
        received: list[Event] = []
        second.event_hub.subscribe(
            "topic=ftrack.location.* and data.location_id=abc",
            lambda event: received.append(event) or "seen",
        )
        settle(second.event_hub)
        replies: list[Event] = []

        first.event_hub.publish(
            Event("ftrack.location.component-added", data={"location_id": "abc"}),
            on_reply=replies.append,
        )
        wait_until(second.event_hub, lambda: received)
        wait_until(first.event_hub, lambda: replies)

        assert received[0]["source"]["user"]["username"] == first.api_user
        assert replies[0]["data"] == "seen"
    finally:
        first.close()
        second.close()
    assert not first.event_hub.connected


def test_session_discovers_plugins_that_subscribe(tmp_path: Path) -> None:
    """Call a plugin's register with the session and deliver its events."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "listener.py").write_text(
        textwrap.dedent(
            """
            def register(session, **kw):
                session.event_hub.subscribe(
                    "topic=test.plugin", lambda event: "plugin saw " + event["topic"]
                )
            """
        )
    )
    session = create_session(tmp_path / "studio", plugin_paths=[str(plugins)])
    try:
        hub: EventHub = session.event_hub
        assert hub.publish(Event("test.plugin"), synchronous=True) == [
            "plugin saw test.plugin"
        ]
    finally:
        session.close()
