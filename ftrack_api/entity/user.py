"""The User entity class, with timers, invites and API key reset."""

from __future__ import annotations

import contextlib
import datetime
import logging
from typing import Any

import ftrack_api.exception
import ftrack_api.inspection
from ftrack_api.entity.base import Entity

logger = logging.getLogger(__name__)


class User(Entity):
    """A user, able to start and stop a timer."""

    def start_timer(
        self,
        context: Entity | None = None,
        comment: str = "",
        name: str | None = None,
        force: bool = False,
    ) -> Entity:
        """Start a timer for this user; with *force* stop a running one first.

        Raise :exc:`NotUniqueError` when a timer is already running.
        """
        if force:
            try:
                self.stop_timer()
            except ftrack_api.exception.NoResultFoundError:
                logger.debug("No timer to stop for %s.", self)

        timer = self.session.create(
            "Timer",
            {"user": self, "context": context, "name": name, "comment": comment},
        )
        try:
            self.session.commit()
        except ftrack_api.exception.ServerError as error:
            if "DuplicateEntryError" in str(error):
                _forget_new_entity(timer)
                raise ftrack_api.exception.NotUniqueError(
                    f"A timer is already running for {self}."
                ) from error
            raise
        return timer

    def stop_timer(self) -> Entity:
        """Stop the running timer and log its time; return the new Timelog.

        Raise :exc:`NoResultFoundError` when no timer is running.
        """
        timer = self.session.query(f'Timer where user_id = "{self["id"]}"').one()
        now = self._now()
        start = timer["start"]
        duration = int((now - start).total_seconds())
        timelog = self.session.create(
            "Timelog",
            {
                "user_id": timer["user_id"],
                "context_id": timer["context_id"],
                "comment": timer["comment"],
                "start": start,
                "duration": duration,
                "name": timer["name"],
            },
        )
        self.session.delete(timer)
        self.session.commit()
        return timelog

    def _now(self) -> Any:
        import arrow

        information = self.session.server_information
        if "is_timezone_support_enabled" not in information:
            logger.warning(
                "Server does not say whether timezone support is on; assuming it is."
            )
        if information.get("is_timezone_support_enabled", True):
            return arrow.now()
        local = datetime.datetime.now()
        return arrow.get(local).replace(tzinfo="utc")

    def send_invite(self) -> None:
        """Send an invite e-mail to this user."""
        self.session.send_user_invite(self)

    def reset_api_key(self) -> str:
        """Reset this user's API key on the server and return the new key."""
        result = self.session.reset_remote("api_key", entity=self)
        return str(result["api_key"])


def _forget_new_entity(entity: Entity) -> None:
    """Drop the recorded operations and the cache entry of a refused entity."""
    session = entity.session
    key = (
        entity.entity_type,
        tuple(ftrack_api.inspection.primary_key(entity).values()),
    )
    operations = session.recorded_operations.take()
    session.recorded_operations.restore(
        [operation for operation in operations if operation.identity_key() != key]
    )
    with contextlib.suppress(KeyError):
        session.cache.remove(session._cache_key(key[0], list(key[1])))
