"""API keys: generate, hash and check them.

Keys are random 256-bit tokens; only their SHA-256 digest is stored (in the
User row's hidden ``api_key_hash`` column), and checks compare digests in
constant time. A slow password hash is not needed for random keys.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa

from ftrack_api.local.errors import InvalidCredentialsError
from ftrack_api.local.model import DISCRIMINATOR, Model

#: Digest compared against when the user does not exist (constant time).
_DUMMY_DIGEST = hashlib.sha256(b"no such user").hexdigest()


def new_api_key() -> str:
    """Return a new random API key."""
    return secrets.token_urlsafe(32)


def hash_api_key(api_key: str) -> str:
    """Return the stored digest of *api_key*."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def set_api_key(connection: sa.Connection, model: Model, user_id: str) -> str:
    """Give user *user_id* a new API key and return it."""
    table = model.get("User").table
    api_key = new_api_key()
    connection.execute(
        table.update()
        .where(table.c.id == user_id)
        .values(api_key_hash=hash_api_key(api_key))
    )
    return api_key


def authenticate(
    connection: sa.Connection, model: Model, username: str | None, api_key: str | None
) -> str:
    """Return the id of user *username* if *api_key* is theirs, else raise."""
    if not username or not api_key:
        raise InvalidCredentialsError(
            "The API user and API key are required (ftrack-user, ftrack-api-key)."
        )
    user = model.get("User")
    table = user.table
    row = connection.execute(
        sa.select(table.c.id, table.c.api_key_hash).where(
            table.c.username == username, table.c[DISCRIMINATOR] == user.name
        )
    ).first()
    stored = row.api_key_hash if row is not None and row.api_key_hash else None
    matches = hmac.compare_digest(stored or _DUMMY_DIGEST, hash_api_key(api_key))
    if row is None or stored is None or not matches:
        raise InvalidCredentialsError(
            f"The API key is not valid for API user {username!r}."
        )
    return row.id
