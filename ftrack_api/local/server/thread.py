"""Run the server in a background thread of the current process.

Meant for tests and tools that need a real HTTP and websocket server on the
loopback interface for a while::

    with ServerThread(backend, storage_path) as server:
        session = ftrack_api.Session(server.url, api_user, api_key)

The server listens on a free port of 127.0.0.1 and stops when the block ends.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from ftrack_api.local.server.app import ServedBackend, create_app


class ServerThread:
    """An ``ftrack-api serve`` server running in a daemon thread."""

    def __init__(
        self,
        backend: ServedBackend,
        storage_path: str | os.PathLike[str],
        host: str = "127.0.0.1",
        **options: Any,
    ) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind((host, 0))
        self._listener.listen(128)
        port = self._listener.getsockname()[1]
        self.url = f"http://{host}:{port}"
        self.app = create_app(backend, storage_path, server_url=self.url, **options)
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            ws="websockets-sansio",
            ws_ping_interval=None,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._listener]},
            name=f"ftrack-server-{port}",
            daemon=True,
        )

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; raise :exc:`RuntimeError` if it does not come up."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"The server at {self.url} did not start.")
            time.sleep(0.01)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving and wait for the thread to end."""
        self._server.should_exit = True
        self._thread.join(timeout)
        self._listener.close()

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
