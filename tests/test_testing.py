"""The public ftrack_session fixture gives each test its own backend."""

from __future__ import annotations

import pytest

from ftrack_api.session import Session


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_starts_from_stock_data_only(
    ftrack_session: Session, run: int
) -> None:
    """A project made in one test is absent from the next one's backend."""
    assert ftrack_session.query("Project").all() == []
    schema = ftrack_session.query("ProjectSchema").first()
    ftrack_session.create(
        "Project",
        {"name": "same_name", "full_name": f"Run {run}", "project_schema": schema},
    )
    ftrack_session.commit()
    assert ftrack_session.server_url.startswith("sqlite:///")
    assert ftrack_session.api_user == "administrator"
