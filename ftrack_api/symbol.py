"""Named sentinels, well-known location ids and event topics."""

from __future__ import annotations

import os


class Symbol:
    """A named constant compared by identity."""

    def __init__(self, name: str, value: bool = True) -> None:
        self.name = name
        self.value = value

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.name})"

    def __bool__(self) -> bool:
        return bool(self.value)

    def __copy__(self) -> Symbol:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Symbol:
        return self


NOT_SET = Symbol("NOT_SET", False)
CREATED = Symbol("CREATED")
MODIFIED = Symbol("MODIFIED")
DELETED = Symbol("DELETED")

COMPONENT_ADDED_TO_LOCATION_TOPIC = "ftrack.location.component-added"
COMPONENT_REMOVED_FROM_LOCATION_TOPIC = "ftrack.location.component-removed"

ORIGIN_LOCATION_ID = "ce9b348f-8809-11e3-821c-20c9d081909b"
UNMANAGED_LOCATION_ID = "cb268ecc-8809-11e3-a7e2-20c9d081909b"
REVIEW_LOCATION_ID = "cd41be70-8809-11e3-b98a-20c9d081909b"
CONNECT_LOCATION_ID = "07b82a97-8cf9-11e3-9383-20c9d081909b"
SERVER_LOCATION_ID = "3a372bde-05bc-11e4-8908-20c9d081909b"

CHUNK_SIZE = int(os.getenv("FTRACK_API_FILE_CHUNK_SIZE", 0) or 0) or 1024 * 1024

JOB_SYNC_USERS_LDAP = Symbol("SYNC_USERS_LDAP")
