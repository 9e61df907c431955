"""Helpers of the server tests: a served backend and a raw socket.io client."""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests
import websocket

from ftrack_api.local.server.thread import ServerThread

#: Seconds a test waits for an answer before failing: generous, so that a
#: loaded machine slows the tests down without failing them.
PATIENCE = 30.0


@dataclasses.dataclass
class Served:
    """A running server and the administrator's credentials."""

    url: str
    username: str
    api_key: str
    storage: Path
    thread: ServerThread

    @property
    def headers(self) -> dict[str, str]:
        """Return the API headers of the administrator."""
        return {"ftrack-user": self.username, "ftrack-api-key": self.api_key}

    @property
    def query(self) -> dict[str, str]:
        """Return the credential query parameters of the storage URLs."""
        return {"username": self.username, "apiKey": self.api_key}


def administrator_credentials(backend: Any) -> tuple[str, str]:
    """Return the administrator's user name and API key of a new backend."""
    credentials = backend.initial_credentials
    if isinstance(credentials, dict):
        return credentials["username"], credentials["api_key"]
    if isinstance(credentials, str):
        return backend.administrator_username, credentials
    username, api_key = credentials
    return username, api_key


def serve(backend: Any, storage: Path, **options: Any) -> Iterator[Served]:
    """Serve *backend* in a thread for the duration of a test."""
    username, api_key = administrator_credentials(backend)
    with ServerThread(backend, storage, **options) as thread:
        yield Served(thread.url, username, api_key, storage, thread)


class SocketClient:
    """Speak the event protocol frame by frame, as the official hub does."""

    def __init__(
        self, url: str, headers: dict[str, str], timeout: float = PATIENCE
    ) -> None:
        handshake = requests.get(
            f"{url}/socket.io/1/", headers=headers, timeout=PATIENCE
        )
        handshake.raise_for_status()
        self.session_id = handshake.text.split(":")[0]
        address = url.replace("http://", "ws://", 1)
        self.socket = websocket.create_connection(
            f"{address}/socket.io/1/websocket/{self.session_id}", timeout=timeout
        )
        self.greeting = self.socket.recv()
        self._counter = 0
        self._timeout = timeout

    def close(self) -> None:
        """Close the websocket."""
        self.socket.close()

    def emit(self, event: dict[str, Any]) -> str:
        """Send *event* asking for an acknowledgement; return the message id."""
        self._counter += 1
        payload = json.dumps({"name": "ftrack.event", "args": [event]})
        self.socket.send(f"5:{self._counter}+::{payload}")
        return str(self._counter)

    def call(self, event: dict[str, Any]) -> dict[str, Any]:
        """Send *event* and return the data of its acknowledgement."""
        message_id = self.emit(event)
        frame = self.receive(lambda frame: frame.startswith(f"6:::{message_id}+"))
        return json.loads(frame.split("+", 1)[1])[0]

    def subscribe(self, subscription: str, subscriber_id: str | None = None) -> str:
        """Subscribe to *subscription*; return the subscriber id."""
        subscriber_id = subscriber_id or uuid.uuid4().hex
        reply = self.call(
            {
                "topic": "ftrack.meta.subscribe",
                "data": {
                    "subscriber": {"id": subscriber_id},
                    "subscription": subscription,
                },
            }
        )
        assert reply["success"], reply
        return subscriber_id

    def receive(self, accept: Any, timeout: float = PATIENCE) -> str:
        """Return the first frame *accept* takes, skipping the others."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            frame = self.socket.recv()
            if accept(frame):
                return frame
        raise TimeoutError("No matching frame arrived.")

    def receive_event(self, timeout: float = PATIENCE) -> dict[str, Any]:
        """Return the next delivered event."""
        frame = self.receive(lambda frame: frame.startswith("5:"), timeout)
        payload = json.loads(frame.split(":", 3)[3])
        assert payload["name"] == "ftrack.event"
        return payload["args"][0]

    def frames_for(self, seconds: float) -> list[str]:
        """Return every frame received within *seconds*."""
        frames = []
        deadline = time.monotonic() + seconds
        try:
            while (left := deadline - time.monotonic()) > 0:
                self.socket.settimeout(left)
                frames.append(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.socket.settimeout(self._timeout)
        return frames
