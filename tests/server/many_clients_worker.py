"""One of several client processes committing and publishing at once.

Usage: python many_clients_worker.py SERVER USER KEY WORKER WORKERS COUNT RESULT

The worker subscribes to the test's topics and publishes a ``ready`` event;
receiving it back proves the server has its subscriptions (it handles one
connection's packets in order). It then leaves a marker file next to RESULT
and waits for every worker's marker, so every subscription is in place, then
commits
COUNT projects and publishes one event after each commit. It keeps waiting
until it has received every worker's events, and writes what it created and
received to RESULT as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import ftrack_api
from ftrack_api.event.base import Event

TIMEOUT = 120.0


def wait_for(hub, done, deadline):
    """Process events until *done()* or *deadline*; return *done()*."""
    while not done() and time.monotonic() < deadline:
        hub.wait(0.1)
    return done()


def main(server, user, key, worker, workers, count, result_path):
    """Run the worker and write its result."""
    worker, workers, count = int(worker), int(workers), int(count)
    session = ftrack_api.Session(
        server_url=server, api_user=user, api_key=key, auto_connect_event_hub=True
    )
    hub = session.event_hub
    ready, received = set(), []
    hub.subscribe("topic=many.ready", lambda e: ready.add(e["data"]["worker"]))
    hub.subscribe(
        "topic=many.commit",
        lambda e: received.append([e["data"]["worker"], e["data"]["number"]]),
    )
    deadline = time.monotonic() + TIMEOUT
    hub.publish(Event("many.ready", data={"worker": worker}))
    if not wait_for(hub, lambda: worker in ready, deadline):
        raise SystemExit(f"worker {worker} never got its own ready event")
    folder = Path(result_path).parent
    (folder / f"ready-{worker}").touch()
    markers = [folder / f"ready-{number}" for number in range(workers)]
    if not wait_for(hub, lambda: all(m.exists() for m in markers), deadline):
        raise SystemExit(f"worker {worker}: not every worker became ready")

    schema = session.query("ProjectSchema").first()
    created = []
    for number in range(count):
        project = session.create(
            "Project",
            {
                "name": f"many_{worker}_{number}",
                "full_name": f"Many {worker} {number}",
                "project_schema": schema,
            },
        )
        session.commit()
        created.append(project["id"])
        hub.publish(Event("many.commit", data={"worker": worker, "number": number}))
        hub.wait(0.01)

    wait_for(hub, lambda: len(received) >= workers * count, deadline)
    hub.wait(0.5)
    with open(result_path, "w") as stream:
        json.dump({"created": created, "received": received}, stream)
    hub.disconnect()
    session.close()


if __name__ == "__main__":
    main(*sys.argv[1:8])
