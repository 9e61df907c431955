"""One client's side of the interoperability test; runs under either client.

Run with the official ``ftrack-python-api`` or with ours, this script talks to
an ``ftrack-api serve`` server: it creates a project, shot, task, asset
version and component, uploads the component to ``ftrack.server`` and reads
it back, then answers pings addressed to its *role* while pinging its *peer*
until it has both answered once and been answered once. It writes what it saw
to a JSON file; the test compares.

Usage: python interop_client.py SERVER USER KEY ROLE PEER RESULT_PATH
"""

import json
import os
import sys
import tempfile
import time
import uuid

import ftrack_api
import ftrack_api.event.base

PING_TOPIC = "interop.ping"
EVENT_TIMEOUT = 60.0


def create_entities(session, role):
    """Create a project, shot, task, asset and version; return their ids."""
    project = session.create(
        "Project",
        {
            "name": f"interop_{role}_{uuid.uuid4().hex[:8]}",
            "full_name": f"Interop {role}",
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    shot = session.create("Shot", {"name": "sh010", "parent": project})
    task = session.create(
        "Task",
        {"name": "compositing", "parent": shot, "type": session.query("Type").first()},
    )
    asset = session.create(
        "Asset",
        {"name": "plate", "parent": shot, "type": session.query("AssetType").first()},
    )
    version = session.create("AssetVersion", {"asset": asset, "task": task})
    session.commit()
    return {
        "project": project["id"],
        "shot": shot["id"],
        "task": task["id"],
        "version": version["id"],
    }, version


def round_trip_component(session, version):
    """Upload a component to ftrack.server and return (sent, received) bytes."""
    payload = os.urandom(256 * 1024) + "é interop".encode()
    handle, path = tempfile.mkstemp(suffix=".bin")
    with os.fdopen(handle, "wb") as stream:
        stream.write(payload)
    location = session.query('Location where name is "ftrack.server"').one()
    component = version.create_component(path, data={"name": "main"}, location=location)
    session.commit()
    os.remove(path)
    resource_identifier = location.get_resource_identifier(component)
    stream = location.accessor.open(resource_identifier, "rb")
    received = stream.read()
    stream.close()
    return component["id"], payload, received


def exchange_pings(session, role, peer):
    """Answer pings for *role* and ping *peer*; return what happened."""
    hub = session.event_hub
    state = {"answered": 0, "replies": []}

    def answer(event):
        state["answered"] += 1
        return {"pong": role, "ping_id": event["data"]["ping_id"]}

    hub.subscribe(f"topic={PING_TOPIC} and data.to={role}", answer)
    deadline = time.time() + EVENT_TIMEOUT
    last_ping = 0.0
    while time.time() < deadline:
        if not state["replies"] and time.time() - last_ping > 0.5:
            hub.publish(
                ftrack_api.event.base.Event(
                    PING_TOPIC,
                    data={"to": peer, "from": role, "ping_id": uuid.uuid4().hex},
                ),
                on_reply=lambda event: state["replies"].append(dict(event["data"])),
            )
            last_ping = time.time()
        if state["replies"] and state["answered"]:
            break
        hub.wait(0.2)
    hub.wait(1.0)
    return state


def main(server, user, key, role, peer, result_path):
    """Run every step and write the outcome to *result_path*."""
    session = ftrack_api.Session(
        server_url=server, api_user=user, api_key=key, auto_connect_event_hub=True
    )
    ids, version = create_entities(session, role)
    component_id, sent, received = round_trip_component(session, version)
    events = exchange_pings(session, role, peer)
    result = {
        "client": ftrack_api.__file__,
        "ids": ids,
        "component_id": component_id,
        "round_trip_equal": sent == received,
        "sent_size": len(sent),
        "received_size": len(received),
        "replies": events["replies"],
        "answered": events["answered"],
    }
    with open(result_path, "w") as stream:
        json.dump(result, stream)
    session.event_hub.disconnect()
    session.close()


if __name__ == "__main__":
    main(*sys.argv[1:7])
