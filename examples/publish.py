"""Publish a file and an image sequence as a new version, then show where they are.

Run it with no setup: it uses ``FTRACK_SERVER`` when set, else an in-memory
embedded backend, and keeps all its files in a temporary folder::

    python examples/publish.py
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import ftrack_api
import ftrack_api.accessor.disk
import ftrack_api.structure.standard


def make_files(folder: str) -> tuple[str, str]:
    """Write a small file and a four-frame sequence; return their paths."""
    os.makedirs(folder)
    review = os.path.join(folder, "review.mov")
    with open(review, "wb") as stream:
        stream.write(b"not really a movie")
    for frame in range(1001, 1005):
        with open(os.path.join(folder, f"plate.{frame}.exr"), "wb") as stream:
            stream.write(f"frame {frame}".encode())
    return review, os.path.join(folder, "plate.%04d.exr [1001-1004]")


def main() -> None:
    """Publish into a disk location and print paths and availability."""
    work = tempfile.mkdtemp(prefix="publish-example-")
    review, plate = make_files(os.path.join(work, "source"))
    session = ftrack_api.Session(
        server_url=os.environ.get("FTRACK_SERVER") or "sqlite://"
    )

    location: Any = session.ensure("Location", {"name": "example.disk"})
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(
        prefix=os.path.join(work, "storage")
    )
    location.structure = ftrack_api.structure.standard.StandardStructure()
    location.priority = 1

    project = session.create(
        "Project",
        {
            "name": "example",
            "full_name": "Example",
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    shot = session.create("Shot", {"name": "sh0010", "parent": project})
    asset = session.create("Asset", {"name": "plate", "parent": shot})
    version: Any = session.create("AssetVersion", {"asset": asset})
    session.commit()

    for name, path in (("review", review), ("plate", plate)):
        component = version.create_component(
            path, data={"name": name}, location=location
        )
        availability = location.get_component_availability(component)
        print(component.entity_type, component["name"])
        print("  path:", location.get_filesystem_path(component))
        print("  availability in example.disk:", availability)
    session.close()


if __name__ == "__main__":
    main()
