"""Session start-up order, plugins and the session's events."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from ftrack_api.session import Session

PLUGIN = textwrap.dedent(
    '''
    import ftrack_api.entity.factory

    EVENTS = []


    def register(session, colour=None, **kw):
        """Record the session's events; build Task classes with a mixin."""
        if not hasattr(session, "event_hub"):
            return
        EVENTS.append(("register", colour))

        def on_construct(event):
            schema = event["data"]["schema"]
            EVENTS.append(("construct", schema["id"]))
            if schema["id"] == "Task":
                return ftrack_api.entity.factory.StandardFactory().create(
                    schema, bases=[Painted]
                )

        def record(name):
            return lambda event: EVENTS.append((name, event["data"]["session"]))

        hub = session.event_hub
        topic = "topic=ftrack.api.session."
        hub.subscribe(topic + "construct-entity-type", on_construct)
        hub.subscribe(topic + "configure-location", record("locations"))
        hub.subscribe(topic + "ready", record("ready"))
        hub.subscribe(topic + "reset", record("reset"))
        session.plugin_events = EVENTS


    class Painted:
        colour = "blue"
    '''
)


@pytest.fixture
def session(tmp_path: Path) -> Any:
    """Return a session that loaded the recording plugin."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "recording_plugin.py").write_text(PLUGIN)
    session = Session(
        server_url=f"sqlite:///{tmp_path / 'events.db'}",
        plugin_paths=[str(plugins)],
        plugin_arguments={"colour": "red", "unused": 1},
        schema_cache_path=str(tmp_path),
    )
    yield session
    session.close()


def test_events_follow_the_official_start_up_order(session: Any) -> None:
    """Plugins register, then classes are built, then locations, then ready."""
    names = [name for name, _value in session.plugin_events]
    assert names[0] == "register"
    assert session.plugin_events[0][1] == "red"
    last_construct = max(i for i, name in enumerate(names) if name == "construct")
    assert names.index("locations") > last_construct
    assert names.index("ready") > names.index("locations")
    assert ("ready", session) in session.plugin_events


def test_construct_entity_type_handler_supplies_a_class(session: Any) -> None:
    """A class returned by a construct-entity-type handler is used."""
    task = session.create("Task", {"name": "t"})
    assert task.colour == "blue"
    assert any(base.__name__ == "Painted" for base in type(task).__mro__)
    session.rollback()


def test_reset_publishes_reset_and_reconfigures_locations(session: Any) -> None:
    """reset() clears the cache, reconfigures locations and says so."""
    session.plugin_events.clear()
    session.reset()
    names = [name for name, _value in session.plugin_events]
    assert names == ["locations", "reset"]
