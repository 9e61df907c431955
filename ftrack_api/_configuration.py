"""Resolve and check the settings a Session starts from."""

from __future__ import annotations

import getpass
import os
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

import ftrack_api._transport
import ftrack_api.exception

MINIMUM_SERVER_VERSION = (3, 3, 11)


def credentials(
    server_url: str | None, api_user: str | None, api_key: str | None
) -> tuple[str, str | None, str | None]:
    """Return (server URL, user, key) from the arguments or the environment.

    Over HTTP all three are required; for a database URL the user defaults
    to the backend's administrator (None here) and no key is needed.
    """
    server_url = server_url or os.environ.get("FTRACK_SERVER")
    if not server_url:
        raise TypeError(
            'Required "server_url" not specified. Pass as argument or set in '
            "environment variable FTRACK_SERVER."
        )
    server_url = _without_trailing_slash(server_url)
    local = ftrack_api._transport.is_database_url(server_url)
    api_user = api_user or os.environ.get("FTRACK_API_USER")
    api_key = (
        api_key or os.environ.get("FTRACK_API_KEY") or os.environ.get("FTRACK_APIKEY")
    )
    if local:
        return server_url, api_user, api_key
    api_user = api_user or _login_name()
    if not api_user:
        raise TypeError(
            'Required "api_user" not specified. Pass as argument, set in '
            "environment variable FTRACK_API_USER or log in as a named user."
        )
    if not api_key:
        raise TypeError(
            'Required "api_key" not specified. Pass as argument or set in '
            "environment variable FTRACK_API_KEY."
        )
    return server_url, api_user, api_key


def _without_trailing_slash(server_url: str) -> str:
    """Return *server_url* without trailing slashes where they mean nothing.

    An http(s) URL loses them, as in the official client. A database URL is
    the key of the backend registry: ``sqlite://`` (in-memory) keeps its
    slashes, and only a path (``sqlite:///data.db/``) loses a trailing one.
    """
    if server_url.lower().startswith(("http://", "https://")):
        return server_url.rstrip("/")
    parts = urllib.parse.urlsplit(server_url)
    if parts.path.strip("/") and not parts.query and not parts.fragment:
        return server_url.rstrip("/")
    return server_url


def _login_name() -> str | None:
    """Return the operating system's login name, or None."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def validate_http_options(
    headers: Mapping[str, str] | None,
    cookies: Mapping[str, str] | None,
    strict_api: bool,
) -> tuple[dict[str, str], dict[str, str]]:
    """Check *headers*, *cookies* and *strict_api*; return headers and cookies.

    The returned headers always include ``ftrack-strict-api``.
    """
    if headers is not None and not isinstance(headers, Mapping):
        raise TypeError(f"The headers argument must be a mapping, not {headers!r}.")
    if cookies is not None and not isinstance(cookies, Mapping):
        raise TypeError(f"The cookies argument must be a mapping, not {cookies!r}.")
    if not isinstance(strict_api, bool):
        raise TypeError(f"The strict_api argument must be a bool, not {strict_api!r}.")
    all_headers = dict(headers or {})
    all_headers["ftrack-strict-api"] = "true" if strict_api else "false"
    return all_headers, dict(cookies or {})


def check_version(information: Mapping[str, Any]) -> None:
    """Raise :exc:`ServerCompatibilityError` for servers older than 3.3.11."""
    version = information.get("version")
    if version is None:
        raise ftrack_api.exception.ServerCompatibilityError(
            "Server did not report its version; it is not supported."
        )
    if version == "dev":
        return
    match = re.match(r"(\d+)\.(\d+)\.(\d+)", str(version))
    if match is None:
        return
    if tuple(int(part) for part in match.groups()) < MINIMUM_SERVER_VERSION:
        minimum = ".".join(str(part) for part in MINIMUM_SERVER_VERSION)
        raise ftrack_api.exception.ServerCompatibilityError(
            f"Server version {version!r} is older than the minimum {minimum}."
        )
