"""Find and check the API user and key of an HTTP request or websocket.

The official Python client sends the ``ftrack-user`` and ``ftrack-api-key``
headers; the storage URLs it builds carry ``username`` and ``apiKey`` in the
query string, and the JavaScript client sends ``api_user`` and ``api_key``
query parameters. Every one of those forms is accepted; the backend decides
whether the pair is valid.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

logger = logging.getLogger(__name__)

#: (user name, API key) pairs of parameter names, in the order they are tried.
QUERY_PARAMETER_PAIRS = (("username", "apiKey"), ("api_user", "api_key"))


class CredentialChecker(Protocol):
    """What the authenticator needs from the backend."""

    def call(
        self,
        operations: list[dict[str, Any]],
        *,
        api_user: str | None = None,
        api_key: str | None = None,
        trusted: bool = False,
    ) -> list[dict[str, Any]] | dict[str, Any]:
        """Run *operations* as *api_user*."""


def find_credentials(
    headers: Mapping[str, str], query_parameters: Mapping[str, str]
) -> tuple[str, str] | None:
    """Return the (user, key) pair a request carries, or ``None``."""
    user = headers.get("ftrack-user")
    key = headers.get("ftrack-api-key")
    if user and key:
        return user, key
    for user_name, key_name in QUERY_PARAMETER_PAIRS:
        user = query_parameters.get(user_name)
        key = query_parameters.get(key_name)
        if user and key:
            return user, key
    return None


class Authenticator:
    """Check API credentials against the backend's users."""

    def __init__(self, backend: CredentialChecker) -> None:
        self._backend = backend

    async def authenticate(
        self, headers: Mapping[str, str], query_parameters: Mapping[str, str]
    ) -> str | None:
        """Return the user name if the request's credentials are valid."""
        credentials = find_credentials(headers, query_parameters)
        if credentials is None:
            return None
        user, key = credentials
        valid = await run_in_threadpool(self._check, user, key)
        if not valid:
            logger.info("Rejected the credentials of user %r.", user)
            return None
        return user

    def _check(self, user: str, key: str) -> bool:
        """Return whether *key* is the API key of *user*.

        An empty batch runs no action, so its only effect is the backend's
        credential check: an error object means the pair is not valid.
        """
        result = self._backend.call([], api_user=user, api_key=key)
        return not isinstance(result, dict)
