"""What the sub-commands share: the default server, sessions and error output."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ftrack_api.session import Session

#: Name of the folder, in the user data folder, where the commands keep data.
APPLICATION_NAME = "openftrack"

#: Schemes of the server URLs that the embedded backend answers in-process.
DATABASE_SCHEMES = ("sqlite:", "postgresql:", "postgresql+psycopg:")

#: Schemes of the URLs of ftrack servers reached over HTTP.
HTTP_SCHEMES = ("http://", "https://")

#: The forms of server URL the commands accept, for error messages.
ACCEPTED_URLS = (
    "https://... or http://... (an ftrack server), sqlite:///path/file.db, "
    "sqlite:// (in memory) or postgresql://user@host/database"
)


#: SQLAlchemy's "(Background on this error at: URL)" suffix of its messages.
_LIBRARY_LINK = re.compile(r"\(Background on this error at: [^)]*\)")


class CommandError(Exception):
    """A failure a command reports in one line and turns into an exit status."""

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(message)
        self.exit_status = exit_status


class InputError(CommandError):
    """Bad input on the command line (exit status 2, like argparse's own)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_status=2)


def data_folder() -> Path:
    """Return the user data folder of the commands (honours ``XDG_DATA_HOME``)."""
    import platformdirs

    return platformdirs.user_data_path(APPLICATION_NAME, appauthor=False)


def default_server_url() -> str:
    """Return the URL of the default embedded database, a SQLite file."""
    return f"sqlite:///{data_folder() / 'ftrack.db'}"


def resolve_server_url(option: str | None) -> str:
    """Return *option*, else ``FTRACK_SERVER``, else the default embedded URL."""
    return option or os.environ.get("FTRACK_SERVER") or default_server_url()


def is_database_url(url: str) -> bool:
    """Return whether *url* names a database the embedded backend opens."""
    return url.startswith(DATABASE_SCHEMES)


def add_server_argument(parser: argparse.ArgumentParser) -> None:
    """Add the ``--server`` option every command shares."""
    parser.add_argument(
        "--server",
        metavar="URL",
        help=(
            "server or database URL: https://..., http://... (with "
            "FTRACK_API_USER and FTRACK_API_KEY), sqlite:///path.db or "
            "postgresql://... (default: FTRACK_SERVER, else a SQLite file "
            "in the user data folder)"
        ),
    )


def open_session(server_option: str | None, **options: Any) -> Session:
    """Return a session on the chosen server, creating its database folder."""
    import ftrack_api

    url = resolve_server_url(server_option)
    check_server_url(url)
    if url.startswith("sqlite:///"):
        _make_database_folder(url)
    if is_database_url(url):
        options.setdefault("api_user", os.environ.get("FTRACK_API_USER"))
        options.setdefault("api_key", os.environ.get("FTRACK_API_KEY"))
    try:
        return ftrack_api.Session(server_url=url, **options)
    except TypeError as error:
        raise CommandError(
            f"Cannot connect to {url!r}: {str(error).rstrip('.')}. Set "
            "FTRACK_API_USER and FTRACK_API_KEY for a server."
        ) from error
    except Exception as error:
        if not _is_backend_error(error):
            raise
        raise CommandError(f"Cannot open the database {url!r}: {error}") from error


def check_server_url(url: str) -> None:
    """Raise :exc:`InputError` unless *url* is a form the commands accept."""
    if is_database_url(url) or url.startswith(HTTP_SCHEMES):
        return
    hint = ""
    if "://" not in url:
        hint = f" For a SQLite file, write sqlite:///{Path(url).absolute()}."
    raise InputError(f"Unsupported server URL {url!r}: use {ACCEPTED_URLS}.{hint}")


def _make_database_folder(url: str) -> None:
    """Create the folder of the SQLite file *url* names, if missing."""
    folder = Path(url[len("sqlite:///") :]).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"Cannot create the folder {str(folder)!r} of the database {url!r}: "
            f"{error.strerror or error}."
        ) from error


def _is_backend_error(error: Exception) -> bool:
    """Return whether *error* comes from the embedded backend (if it is loaded)."""
    errors = sys.modules.get("ftrack_api.local.errors")
    return errors is not None and isinstance(error, errors.BackendError)


def report_error(command: str, error: CommandError) -> int:
    """Print *error* in one line on stderr for *command*; return its exit status.

    Messages of foreign libraries span lines and end in a link to their own
    documentation (SQLAlchemy); both are folded away.
    """
    text = " ".join(_LIBRARY_LINK.sub("", str(error)).split())
    print(f"ftrack-api {command}: error: {text}", file=sys.stderr)
    return error.exit_status
