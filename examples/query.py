"""Create a few shots and tasks, then query them in several ways.

Uses ``FTRACK_SERVER`` when set, else an in-memory embedded backend::

    python examples/query.py
"""

from __future__ import annotations

import os

import ftrack_api


def populate(session: ftrack_api.Session) -> str:
    """Create a project with three shots of two tasks each; return its id."""
    project = session.create(
        "Project",
        {
            "name": "query_example",
            "full_name": "Query example",
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    for number in (10, 20, 30):
        shot = session.create("Shot", {"name": f"sh{number:04d}", "parent": project})
        for task_name in ("comp", "lighting"):
            session.create("Task", {"name": task_name, "parent": shot})
    session.commit()
    return str(project["id"])


def main() -> None:
    """Print the results of a few queries."""
    session = ftrack_api.Session(
        server_url=os.environ.get("FTRACK_SERVER") or "sqlite://"
    )
    project_id = populate(session)
    in_project = f'project_id is "{project_id}"'

    print("Shots:")
    for shot in session.query(
        f"select name from Shot where {in_project} order by name"
    ):
        print(" ", shot["name"])

    print("Compositing tasks with their shot:")
    tasks = session.query(
        f'select name, parent.name from Task where name is "comp" and {in_project}'
    )
    for task in tasks:
        print(" ", task["parent"]["name"], task["name"])

    count = len(session.query(f"Task where {in_project}").all())
    print("Tasks in the project:", count)
    session.close()


if __name__ == "__main__":
    main()
