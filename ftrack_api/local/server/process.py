"""Run ``ftrack-api serve`` as a child process, for tests and tools.

::

    with ServeProcess(database_url, storage_path) as server:
        session = ftrack_api.Session(server.url, server.api_user, server.api_key)

The child listens on a free port of 127.0.0.1; its start-up lines give the URL
and, for a new database, the administrator's credentials. Leaving the block
sends SIGTERM and waits for a clean exit.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from types import TracebackType

SERVING_PREFIX = "Serving "
USER_PREFIX = "FTRACK_API_USER="
KEY_PREFIX = "FTRACK_API_KEY="


class ServeProcessError(RuntimeError):
    """Raise when the server process does not start or stop as expected."""


class ServeProcess:
    """An ``ftrack-api serve`` child process on a free loopback port."""

    def __init__(
        self,
        database: str,
        storage: str | os.PathLike[str],
        extra_arguments: Sequence[str] = (),
        python: str = sys.executable,
    ) -> None:
        self.command = [
            python,
            "-m",
            "ftrack_api.cli",
            "serve",
            "--database",
            database,
            "--storage",
            os.fspath(storage),
            "--port",
            "0",
            *extra_arguments,
        ]
        self.url = ""
        self.api_user: str | None = None
        self.api_key: str | None = None
        self.output: list[str] = []
        self.returncode: int | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._process: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> None:
        """Start the child and wait until it serves."""
        self._process = subprocess.Popen(
            self.command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        threading.Thread(target=self._read_output, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not self.url:
            line = self._next_line(deadline)
            if line.startswith(USER_PREFIX):
                self.api_user = line[len(USER_PREFIX) :]
            elif line.startswith(KEY_PREFIX):
                self.api_key = line[len(KEY_PREFIX) :]
            elif line.startswith(SERVING_PREFIX):
                self.url = line[len(SERVING_PREFIX) :].split()[0]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send *sig*, wait for the child to exit and return its exit status."""
        if self._process is None:
            raise ServeProcessError("The server process was never started.")
        if self._process.poll() is None:
            self._process.send_signal(sig)
        try:
            self.returncode = self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self.returncode = self._process.wait()
            raise ServeProcessError(
                f"The server did not stop within {timeout} s after signal {sig}."
            ) from None
        return self.returncode

    def _read_output(self) -> None:
        """Collect the child's output lines until it closes them."""
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self.output.append(line.rstrip("\n"))
            self._lines.put(line.strip())
        self._lines.put(None)

    def _next_line(self, deadline: float) -> str:
        """Return the next output line, or raise when the child fails."""
        try:
            line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
            output = "\n".join(self.output[-30:])
            raise ServeProcessError(f"The server did not start:\n{output}")
        return line

    def __enter__(self) -> ServeProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.returncode is None:
            self.stop()
