"""Subscribe to events, publish some, and receive a reply.

Uses ``FTRACK_SERVER`` when set, else an in-memory embedded backend, whose
event hub delivers inside the process::

    python examples/events.py
"""

from __future__ import annotations

import os

import ftrack_api
from ftrack_api.event.base import Event


def main() -> None:
    """Publish a notification and a question, and print what arrives."""
    session = ftrack_api.Session(
        server_url=os.environ.get("FTRACK_SERVER") or "sqlite://"
    )
    hub = session.event_hub
    hub.connect()

    def on_render_done(event: Event) -> None:
        print("render done:", event["data"]["shot"], event["data"]["frames"])

    def on_question(event: Event) -> dict[str, int]:
        return {"answer": 42}

    hub.subscribe("topic=studio.render.done", on_render_done)
    hub.subscribe("topic=studio.question", on_question)

    hub.publish(
        Event(topic="studio.render.done", data={"shot": "sh0010", "frames": 100})
    )
    hub.publish(
        Event(topic="studio.question", data={"question": "life"}),
        on_reply=lambda event: print("reply:", event["data"]),
    )
    hub.wait(1)
    session.close()


if __name__ == "__main__":
    main()
