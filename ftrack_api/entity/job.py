"""The Job entity class."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ftrack_api.entity.base import Entity

if TYPE_CHECKING:
    from ftrack_api.session import Session


class Job(Entity):
    """A job; only ``api_job`` jobs can be created through the API."""

    def __init__(
        self,
        session: Session,
        data: dict[str, Any] | None = None,
        reconstructing: bool = False,
    ) -> None:
        """Build a job; refuse to create jobs of any type but ``api_job``."""
        if not reconstructing and data is not None:
            job_type = data.get("type", "api_job")
            if job_type != "api_job":
                raise ValueError(
                    f"Invalid job type {job_type!r}: only 'api_job' jobs can be "
                    "created through the API."
                )
        super().__init__(session, data=data, reconstructing=reconstructing)
