"""Tests for running queries against a real database."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from query_studio import IDS

from ftrack_api.local.errors import (
    ParseError,
    UnknownAttributeError,
    UnknownEntityTypeError,
    ValidationError,
)
from ftrack_api.local.model import Model
from ftrack_api.local.query import execute


def names(connection: sa.Connection, model: Model, expression: str) -> list[str]:
    """Return the ``name`` of each row *expression* returns, in order."""
    return [row["name"] for row in execute(connection, model, expression)["data"]]


#: Filters and clauses, with the names of the rows a server returns.
FILTER_CASES = [
    (
        'select name from Task where parent.parent.name is "sq010"',
        ["animation", "compositing"],
    ),
    ('select name from Task where parent.name is_not "sh010"', ["lighting"]),
    (
        "select name from Task where metadata.key is a and metadata.value is 2",
        ["animation", "compositing"],
    ),
    (
        "select name from Task where metadata any (key is a and value is 2)",
        ["compositing"],
    ),
    ("select name from Task where scopes.name is client", ["compositing"]),
    (
        "select name from Task "
        'where assignments any (resource[User].username is "martin")',
        ["animation"],
    ),
    (
        "select name from Task where not timelogs any ()",
        ["compositing", "lighting"],
    ),
    ("select name from Task where timelogs any ()", ["animation"]),
    (
        'select name from Task where status has (state.short is "DONE")',
        ["compositing"],
    ),
    ("select name from Task where status is None", ["lighting"]),
    ("select name from Task where status is_not None and bid > 1", ["animation"]),
    ("select name from Task where bid >= 1 and bid <= 2", ["compositing"]),
    (
        "select name from Task where bid = 2.5 or bid < 1.5",
        ["animation", "compositing"],
    ),
    (
        'select name from Task where timelogs.start after "2016-01-01"',
        ["animation"],
    ),
    (
        'select name from Task where timelogs.start before "2015-06-01T00:00:00Z"',
        ["animation"],
    ),
    (
        "select name from Task where name in (lighting, 'compositing')",
        ["compositing", "lighting"],
    ),
    (
        "select name from Task where name not_in (lighting)",
        ["animation", "compositing"],
    ),
    ("select name from Task where name in ()", []),
    ('select name from Task where name like "%ing"', ["compositing", "lighting"]),
    ('select name from Task where name like "ANIM%"', ["animation"]),
    ('select name from Task where name not_like "%ing"', ["animation"]),
    ('select name from Context where name like "s_0%"', []),
    (
        "select name from Task where not (name is animation or name is lighting)",
        ["compositing"],
    ),
    ('select name from Task where ancestors any (name is "sq020")', ["lighting"]),
    (
        'select name from Sequence where descendants any (name is "compositing")',
        ["sq010"],
    ),
    (
        'select name from TypedContext where object_type.name is "Shot"',
        ["sh010", "sh020", "sh030"],
    ),
    ('select name from Context where children any (name is "sh030")', ["sq020"]),
    ("select name from Shot where children is None", ["sh020"]),
    (
        "select name from Task where id in "
        "(select context_id from Timelog where user.username is anna)",
        ["animation"],
    ),
    (
        "select name from Task where id not_in (select context_id from Timelog)",
        ["compositing", "lighting"],
    ),
    ("select name from Task where assignments.resource.name is Lighters", []),
    (
        "select name from Task where allocations.resource[Group].name is Lighters",
        ["lighting"],
    ),
    (
        "select name from Task order by name descending",
        ["lighting", "compositing", "animation"],
    ),
    (
        "select name from Task order by parent.name descending, name",
        ["lighting", "animation", "compositing"],
    ),
    (
        "select name from Task order by bid",
        ["lighting", "compositing", "animation"],
    ),
    ("select name from Task offset 1 limit 1", ["compositing"]),
    ("select name from Task limit 1 offset 2", ["lighting"]),
    ('SELECT name FROM Task WHERE name IS "animation" LIMIT 5', ["animation"]),
    ('select name from Task where name is "x\\"; drop table context; --"', []),
]


@pytest.mark.parametrize(("expression", "expected"), FILTER_CASES)
def test_execute_filters_like_a_server(
    sqlite_studio: sa.Connection, model: Model, expression: str, expected: list[str]
) -> None:
    """Each operator, path and clause selects the rows a real server selects."""
    assert names(sqlite_studio, model, expression) == expected


def test_execute_returns_concrete_types_for_a_base_type_query(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``Context`` returns Projects, Sequences, Shots and Tasks as themselves."""
    data = execute(sqlite_studio, model, "Context")["data"]

    types = {row["name"]: row["__entity_type__"] for row in data}
    assert types["proj"] == "Project"
    assert types["sq010"] == "Sequence"
    assert types["sh010"] == "Shot"
    assert types["animation"] == "Task"


def test_execute_adds_primary_key_and_system_projections(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """Every row carries its type, key and the type's system projections."""
    row = execute(sqlite_studio, model, "select name from Task limit 1")["data"][0]

    assert row == {
        "__entity_type__": "Task",
        "id": IDS["animation"],
        "name": "animation",
        "context_type": "task",
        "project_id": IDS["project"],
        "object_type_id": IDS["type_task"],
    }


def test_execute_nests_projections_through_references_and_collections(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``status.state.short`` and ``assignments.resource`` come back nested."""
    expression = (
        "select status.state.short, assignments.resource, parent.name, "
        'metadata from Task where name is "animation"'
    )
    (row,) = execute(sqlite_studio, model, expression)["data"]

    assert row["status"] == {
        "__entity_type__": "Status",
        "id": IDS["status_open"],
        "state": {
            "__entity_type__": "State",
            "id": IDS["not_started"],
            "short": "NOT_STARTED",
        },
    }
    assert row["assignments"] == [
        {
            "__entity_type__": "Appointment",
            "id": IDS["assign_martin"],
            "resource": {
                "__entity_type__": "User",
                "id": IDS["martin"],
                "resource_type": "user",
            },
        }
    ]
    assert row["parent"]["__entity_type__"] == "Shot"
    assert row["parent"]["name"] == "sh010"
    assert [(item["key"], item["parent_id"]) for item in row["metadata"]] == [
        ("a", IDS["animation"]),
        ("b", IDS["animation"]),
    ]


def test_execute_returns_null_and_empty_list_for_missing_relations(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """A projected reference with no target is null, an empty collection []."""
    expression = (
        'select status, timelogs, scopes, metadata from Task where name is "lighting"'
    )
    (row,) = execute(sqlite_studio, model, expression)["data"]

    assert row["status"] is None
    assert row["timelogs"] == []
    assert row["scopes"] == []
    assert row["metadata"] == []


def test_execute_loads_subtype_attributes_through_polymorphic_collections(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``children.children.children.assignments.resource`` works from a Project."""
    expression = (
        "select children.children.children.assignments.resource from Project "
        f'where id is "{IDS["project"]}"'
    )
    (project,) = execute(sqlite_studio, model, expression)["data"]

    shots = [shot for sequence in project["children"] for shot in sequence["children"]]
    tasks = {task["id"]: task for shot in shots for task in shot["children"]}
    resource = tasks[IDS["animation"]]["assignments"][0]["resource"]
    assert resource["__entity_type__"] == "User"
    assert tasks[IDS["lighting"]]["assignments"] == []


def _resources(
    connection: sa.Connection, model: Model, projections: str
) -> dict[str, dict | None]:
    """Return the resource of each appointment, by appointment id."""
    expression = f"select {projections} from Appointment"
    data = execute(connection, model, expression)["data"]
    return {row["id"]: row["resource"] for row in data}


def test_execute_loads_a_base_type_attribute_only_on_subtypes_that_have_it(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``name`` on Resource rows comes back for the Group, not for the Users."""
    data = execute(sqlite_studio, model, "select name from Resource")["data"]

    assert {row["__entity_type__"]: "name" in row for row in data} == {
        "Group": True,
        "User": False,
    }


@pytest.mark.parametrize(
    "projections",
    [
        "resource[Group].name, resource[User].username",
        "resource[User].username, resource[Group].name",
    ],
)
def test_execute_keeps_each_cast_projection_on_its_subtype_in_any_order(
    sqlite_studio: sa.Connection, model: Model, projections: str
) -> None:
    """Two casts of one relation each project their own subtype's attributes."""
    resources = _resources(sqlite_studio, model, projections)

    assert resources[IDS["allocate_lighters"]] == {
        "__entity_type__": "Group",
        "id": IDS["lighters"],
        "resource_type": "group",
        "name": "Lighters",
    }
    assert resources[IDS["assign_martin"]] == {
        "__entity_type__": "User",
        "id": IDS["martin"],
        "resource_type": "user",
        "username": "martin",
    }


@pytest.mark.parametrize(
    ("projections", "users_kept"),
    [
        ("resource[Group].name", False),
        ("resource[Group].name, resource.id", True),
        ("resource.id, resource[Group].name", True),
    ],
)
def test_execute_narrows_a_cast_relation_unless_another_path_takes_it_whole(
    sqlite_studio: sa.Connection, model: Model, projections: str, users_kept: bool
) -> None:
    """A cast alone narrows the relation; an uncast path keeps every subtype."""
    resources = _resources(sqlite_studio, model, projections)

    user = resources[IDS["assign_martin"]]
    assert (user is not None) == users_kept
    assert user is None or "name" not in user
    group = resources[IDS["allocate_lighters"]]
    assert group is not None and group["name"] == "Lighters"


def test_execute_orders_ancestors_nearest_first(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """``ancestors`` lists typed contexts from the parent up (no Project)."""
    expression = 'select ancestors.name from Task where name is "lighting"'
    (row,) = execute(sqlite_studio, model, expression)["data"]

    assert [item["name"] for item in row["ancestors"]] == ["sh030", "sq020"]


def test_execute_sends_datetimes_in_wire_form(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """Datetime values come back as ``{"__type__": "datetime", ...}``."""
    data = execute(sqlite_studio, model, "select start from Timelog")["data"]

    assert data[0]["start"] == {"__type__": "datetime", "value": "2015-05-01T00:00:00"}


@pytest.mark.parametrize(
    ("expression", "next_offset"),
    [
        ("select name from Task limit 2", 2),
        ("select name from Task offset 1 limit 1", 2),
        ("select name from Task offset 1 limit 2", None),
        ("select name from Task limit 3", None),
        ("select name from Task limit 0", None),
        ("select name from Task offset 9 limit 2", None),
        ("select name from Task", None),
    ],
)
def test_execute_sets_next_offset_only_when_more_rows_exist(
    sqlite_studio: sa.Connection, model: Model, expression: str, next_offset: int | None
) -> None:
    """``metadata.next.offset`` points past this page only if rows remain."""
    result = execute(sqlite_studio, model, expression)

    assert result["action"] == "query"
    assert result["metadata"] == {"next": {"offset": next_offset}}


def test_execute_pages_in_the_same_order_as_a_single_query(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """Paging through ``Context`` gives the same rows as reading it at once."""
    whole = execute(sqlite_studio, model, "Context")["data"]
    pages: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        result = execute(sqlite_studio, model, f"Context offset {offset} limit 2")
        pages.extend(result["data"])
        offset = result["metadata"]["next"]["offset"]

    assert pages == whole


@pytest.mark.parametrize(
    ("expression", "error", "message"),
    [
        ("Nothing", UnknownEntityTypeError, "Unknown entity type 'Nothing'"),
        (
            "Task where parent.nope is 1",
            UnknownAttributeError,
            "'Context' has no attribute 'nope' (after 'parent')",
        ),
        (
            "select status.nope from Task",
            UnknownAttributeError,
            "'Status' has no attribute 'nope' (after 'status') in a query on Task",
        ),
        (
            "Task where name.length is 1",
            UnknownAttributeError,
            "'name' is not a relation",
        ),
        ("Task where bid is abc", ValidationError, "Invalid value 'abc' for bid"),
        (
            "Task where start_date after yesterday",
            ValidationError,
            "Invalid value 'yesterday'",
        ),
        (
            "Task where assignments is 1",
            ValidationError,
            "can only be compared with None",
        ),
        ("Task where name has (id is 1)", ValidationError, "needs a relation"),
        (
            "Task where resource[Nope].name is 1",
            UnknownAttributeError,
            "no attribute 'resource'",
        ),
        (
            "Appointment where resource[Status].name is 1",
            UnknownEntityTypeError,
            "not a kind of Resource",
        ),
        ("Task where name is", ParseError, "expected a value after 'is' at column 19"),
        ('Task where name is "x"; drop table context', ParseError, "column 23"),
        ("Task where name;drop is 1", ParseError, "expected an operator after 'name'"),
        ('Task where name is "a\x00b"', ValidationError, "text cannot contain NUL"),
        ('Task where name is "\ud800"', ValidationError, "not valid Unicode text"),
    ],
)
def test_execute_names_what_is_wrong(
    sqlite_studio: sa.Connection,
    model: Model,
    expression: str,
    error: type[Exception],
    message: str,
) -> None:
    """Unknown types, attributes and bad values raise errors that name them."""
    with pytest.raises(error) as caught:
        execute(sqlite_studio, model, expression)

    assert message in str(caught.value)


def test_execute_injection_through_values_changes_nothing(
    sqlite_studio: sa.Connection, model: Model
) -> None:
    """Values that look like SQL are compared as text and run nothing."""
    before = execute(sqlite_studio, model, "select name from Context")["data"]
    for value in ["'; DROP TABLE context; --", '" or 1=1 --', "x') or ('1'='1"]:
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        assert (
            names(
                sqlite_studio, model, f'select name from Task where name is "{quoted}"'
            )
            == []
        )
        assert (
            names(
                sqlite_studio,
                model,
                f'select name from Task where name like "{quoted}"',
            )
            == []
        )

    assert execute(sqlite_studio, model, "select name from Context")["data"] == before


#: Queries whose whole replies must not depend on the database.
PROJECTION_CASES = [
    "Context",
    "select name, status.state.short, assignments.resource, metadata from Task",
    "select children.children.children.assignments.resource from Project",
    "select ancestors.name, descendants.name, scopes, timelogs.start from TypedContext",
    "select name from Context order by name descending offset 1 limit 4",
    "select resource[Group].name, resource[User].username from Appointment",
]


@pytest.mark.postgresql
def test_execute_gives_the_same_replies_on_postgresql(
    sqlite_studio: sa.Connection, postgresql_studio: sa.Connection, model: Model
) -> None:
    """Every filter and projection case answers alike on PostgreSQL and SQLite."""
    for expression, expected in FILTER_CASES:
        assert names(postgresql_studio, model, expression) == expected, expression
    for expression in PROJECTION_CASES:
        assert execute(postgresql_studio, model, expression) == execute(
            sqlite_studio, model, expression
        ), expression
