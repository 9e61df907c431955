"""Server actions beyond query and commit: widgets, media, uploads, invites."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ftrack_api.exception
import ftrack_api.inspection
import ftrack_api.symbol

if TYPE_CHECKING:
    from ftrack_api.entity.base import Entity
    from ftrack_api.session import Session


def call_optional(
    session: Session, action: str, payloads: list[dict[str, Any]]
) -> list[Any]:
    """Call *payloads*; an unknown *action* becomes ServerCompatibilityError."""
    try:
        return session.call(payloads)
    except ftrack_api.exception.ServerCompatibilityError:
        raise
    except ftrack_api.exception.ServerError as error:
        if f"Invalid action u'{action}'" in str(error):
            raise ftrack_api.exception.ServerCompatibilityError(
                f"Server does not support the {action!r} action."
            ) from error
        raise


def get_widget_url(
    session: Session, name: str, entity: Entity | None, theme: str | None
) -> str:
    """Return the URL of the web widget *name*, for *entity* if given."""
    payload: dict[str, Any] = {"action": "get_widget_url", "name": name, "theme": theme}
    if entity is not None:
        payload["entity_type"] = entity.entity_type
        payload["entity_key"] = list(ftrack_api.inspection.primary_key(entity).values())
    return str(call_optional(session, "get_widget_url", [payload])[0]["widget_url"])


def encode_media(
    session: Session, media: Any, version_id: str | None, keep_original: Any
) -> Any:
    """Start encoding *media* (a file path or a component); return the Job.

    A path is first uploaded to the server location and, with
    ``keep_original="auto"``, not kept; a component is kept.
    """
    if isinstance(media, str):
        server = session.get("Location", ftrack_api.symbol.SERVER_LOCATION_ID)
        component = session.create_component(media, location=server)
        keep = False if keep_original == "auto" else bool(keep_original)
    else:
        component = media
        keep = True if keep_original == "auto" else bool(keep_original)
    payload = {
        "action": "encode_media",
        "component_id": component["id"],
        "version_id": version_id,
        "keep_original": keep,
    }
    job_id = call_optional(session, "encode_media", [payload])[0]["job_id"]
    return session.get("Job", job_id)


def get_upload_metadata(
    session: Session,
    component_id: str,
    file_name: str,
    file_size: int,
    checksum: str | None,
) -> dict[str, Any]:
    """Return the upload URL and headers for a component's file."""
    payload = {
        "action": "get_upload_metadata",
        "component_id": component_id,
        "file_name": file_name,
        "file_size": file_size,
        "checksum": checksum,
    }
    result: dict[str, Any] = call_optional(session, "get_upload_metadata", [payload])[0]
    return result


def send_invites(
    session: Session, action: str, key: str, entities: list[Entity]
) -> None:
    """Send one *action* per entity, identified by *key*, in one call."""
    payloads = [{"action": action, key: entity["id"]} for entity in entities]
    call_optional(session, action, payloads)


def reset_remote(session: Session, reset_type: str, entity: Entity | None) -> Any:
    """Reset a server-side value such as a user's API key; return the new data."""
    payload: dict[str, Any] = {"action": "reset_remote", "reset_type": reset_type}
    if entity is not None:
        payload["entity_type"] = entity.entity_type
        payload["entity_key"] = entity["id"]
    return session.call([payload])[0]["data"]
