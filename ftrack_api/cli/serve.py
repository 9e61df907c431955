"""``ftrack-api serve``: run the ftrack HTTP API and event server on a database.

The server answers the JSON API on ``POST /api``, runs the socket.io event
server and keeps the ``ftrack.server`` location's files in a folder. It binds
to 127.0.0.1 unless told otherwise. On the first start with a new database it
prints the administrator's user name and API key, once.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import platformdirs
import uvicorn

from ftrack_api.cli import _common

logger = logging.getLogger(__name__)

APPLICATION_NAME = "openftrack"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

EPILOG = """\
The administrator's API key is printed once, when the database is created.
To get a new one later (the old key stops working), run:

    ftrack-api serve --database URL --reset-admin-key
"""


def default_data_folder() -> Path:
    """Return the per-user folder of the default database and storage."""
    return Path(platformdirs.user_data_dir(APPLICATION_NAME, appauthor=False))


def default_database_url() -> str:
    """Return the URL of the default SQLite database file."""
    return f"sqlite:///{default_data_folder() / 'ftrack.db'}"


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``serve`` sub-command to *subparsers* and return its parser."""
    parser = subparsers.add_parser(
        "serve",
        help="run the ftrack API, event and file server on a database",
        description=__doc__.split("\n\n", 1)[1].replace("``", "'"),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help=(
            "sqlite:///path/file.db or postgresql://user@host/name "
            f"(default: {default_database_url()})"
        ),
    )
    parser.add_argument(
        "--storage",
        default=None,
        metavar="FOLDER",
        help=(
            "folder of the ftrack.server location's component data "
            f"(default: {default_data_folder() / 'storage'})"
        ),
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST})",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"port to listen on; 0 picks a free one (default: {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help=(
            "address clients reach the server at, used in upload URLs, e.g. "
            "behind a proxy (default: http://HOST:PORT)"
        ),
    )
    parser.add_argument(
        "--reset-admin-key",
        action="store_true",
        help="print a new API key for the administrator, then exit",
    )
    parser.add_argument(
        "--log-level",
        default="info",
        choices=["debug", "info", "warning", "error"],
        help="logging level (default: info)",
    )
    parser.set_defaults(run=run)
    return parser


def _port(text: str) -> int:
    """Return the port number *text* names; argparse reports a bad one."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port number: give 0 (any free port) to 65535"
        )
    return port


def run(arguments: argparse.Namespace) -> int:
    """Run the server until SIGINT or SIGTERM; return the exit status."""
    logging.basicConfig(
        level=arguments.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return _run(arguments)
    except _common.CommandError as error:
        return _common.report_error("serve", error)


def _run(arguments: argparse.Namespace) -> int:
    """Open the database and storage named in *arguments*, then serve them."""
    database = arguments.database or default_database_url()
    storage = Path(arguments.storage or default_data_folder() / "storage")
    if not database.startswith(_common.DATABASE_SCHEMES):
        raise _common.InputError(
            f"Unsupported database URL {database!r}: use sqlite:///path/file.db, "
            "sqlite:// (in memory) or postgresql://user@host/database."
        )
    _make_sqlite_folder(database)
    if not arguments.reset_admin_key:
        _make_storage_folder(storage)
    backend = _open_backend(database)
    try:
        if arguments.reset_admin_key:
            return _print_new_admin_key(backend)
        _print_initial_credentials(backend)
        return _serve(backend, storage, arguments)
    finally:
        backend.close()


def _serve(backend: Any, storage: Path, arguments: argparse.Namespace) -> int:
    """Serve *backend* on the requested address until a stop signal."""
    from ftrack_api.local.server import create_app

    listener = _bind(arguments.host, arguments.port)
    host, port = listener.getsockname()[:2]
    server_url = f"http://{_url_host(host)}:{port}"
    public_url = (arguments.public_url or server_url).rstrip("/")
    if host in ("0.0.0.0", "::") and not arguments.public_url:
        logger.warning(
            "Listening on all interfaces: give --public-url so that upload URLs "
            "name an address clients can reach, not %s.",
            server_url,
        )
    app = create_app(backend, storage, server_url=public_url)
    config = uvicorn.Config(
        app,
        log_level=arguments.log_level,
        access_log=False,
        lifespan="on",
        ws="websockets-sansio",
        ws_ping_interval=None,
    )
    server = _AnnouncingServer(config, f"Serving {server_url} (storage: {storage})")
    with _stop_signals_recorded(server):
        server.run(sockets=[listener])
    print("Server stopped.", flush=True)
    return 0


class _AnnouncingServer(uvicorn.Server):
    """A uvicorn server that prints one line once it accepts requests.

    The line comes after uvicorn has taken over SIGINT and SIGTERM, so a
    caller that waits for it can stop the server with a signal right away.
    """

    def __init__(self, config: uvicorn.Config, announcement: str) -> None:
        super().__init__(config)
        self.announcement = announcement

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        print(self.announcement, flush=True)


def _bind(host: str, port: int) -> socket.socket:
    """Return a listening socket on *host* and *port*."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        raise _common.CommandError(
            f"Cannot listen on {host!r} port {port!r}: {error.strerror or error}."
        ) from error
    listener.listen(128)
    listener.set_inheritable(True)
    return listener


def _url_host(host: str) -> str:
    """Return *host* as it appears in a URL."""
    return f"[{host}]" if ":" in host else host


@contextlib.contextmanager
def _stop_signals_recorded(server: uvicorn.Server) -> Iterator[None]:
    """Stop *server* on SIGINT or SIGTERM, whether or not uvicorn handles it.

    uvicorn handles the signals while it serves, then re-raises them after its
    clean shutdown; this handler absorbs those and turns an early signal
    (before uvicorn took over) into a normal stop.
    """

    def record(signal_number: int, frame: FrameType | None) -> None:
        logger.debug("Received signal %s outside uvicorn's handler.", signal_number)
        server.should_exit = True

    previous = {
        number: signal.signal(number, record)
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _open_backend(database: str) -> Any:
    """Return the backend of *database*; a failure is a one-line error."""
    from ftrack_api.local import Backend
    from ftrack_api.local.errors import BackendError

    try:
        return Backend.open(database)
    except BackendError as error:
        raise _common.CommandError(
            f"Cannot open the database {database!r}: {error.content}"
        ) from error


def _make_sqlite_folder(database: str) -> None:
    """Create the folder of a SQLite database file if it is missing."""
    prefix = "sqlite:///"
    if not database.startswith(prefix) or len(database) == len(prefix):
        return
    folder = Path(database[len(prefix) :]).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _common.CommandError(
            f"Cannot create the folder {str(folder)!r} of the database "
            f"{database!r}: {error.strerror or error}."
        ) from error


def _make_storage_folder(storage: Path) -> None:
    """Create the storage folder, or say why it cannot be one."""
    if storage.exists() and not storage.is_dir():
        raise _common.InputError(
            f"--storage {str(storage)!r} is a file, not a folder; give a folder "
            "for the ftrack.server location's data."
        )
    try:
        storage.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _common.CommandError(
            f"Cannot create the storage folder {str(storage)!r}: "
            f"{error.strerror or error}."
        ) from error


def _print_initial_credentials(backend: Any) -> None:
    """Print the administrator's key if the database was just created."""
    credentials = getattr(backend, "initial_credentials", None)
    if not credentials:
        return
    username, api_key = _username_and_key(backend, credentials)
    print(
        "Created a new database. Administrator credentials (shown once):\n"
        f"  FTRACK_API_USER={username}\n"
        f"  FTRACK_API_KEY={api_key}",
        flush=True,
    )


def _username_and_key(backend: Any, credentials: Any) -> tuple[str, str]:
    """Return the user name and key of the backend's initial credentials."""
    if isinstance(credentials, dict):
        return credentials["username"], credentials["api_key"]
    if isinstance(credentials, str):
        return backend.administrator_username, credentials
    username, api_key = credentials
    return username, api_key


def _print_new_admin_key(backend: Any) -> int:
    """Give the administrator a new API key and print it."""
    username = backend.administrator_username
    found = backend.call(
        [
            {
                "action": "query",
                "expression": f'select id from User where username is "{username}"',
            }
        ],
        trusted=True,
    )
    if isinstance(found, dict) or not found[0]["data"]:
        print(f"No administrator {username!r} in the database.", file=sys.stderr)
        return 1
    reply = backend.call(
        [
            {
                "action": "reset_remote",
                "reset_type": "api_key",
                "entity_type": "User",
                "entity_key": found[0]["data"][0]["id"],
            }
        ],
        trusted=True,
    )
    if isinstance(reply, dict):
        print(f"Could not reset the key: {reply.get('content')}", file=sys.stderr)
        return 1
    api_key = reply[0]["data"]["api_key"]
    print(f"FTRACK_API_USER={username}\nFTRACK_API_KEY={api_key}")
    path = backend.save_credentials(api_key)
    if path is not None:
        print(f"The new key replaces the old one in {path}.")
    return 0
