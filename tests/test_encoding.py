"""Encoding values for the wire and decoding replies."""

from __future__ import annotations

import datetime
import json
from typing import Any

import arrow
import pytest

from ftrack_api.session import Session


@pytest.fixture
def task(ftrack_session: Session) -> Any:
    """Return a committed task whose name was then changed locally."""
    schema = ftrack_session.query("ProjectSchema").first()
    project = ftrack_session.create(
        "Project", {"name": "enc", "full_name": "Enc", "project_schema": schema}
    )
    task = ftrack_session.create("Task", {"name": "before", "parent": project})
    ftrack_session.commit()
    task["name"] = "after"
    return task


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            datetime.datetime(2015, 11, 18, 15, 24, 9),
            {"__type__": "datetime", "value": "2015-11-18T15:24:09"},
        ),
        (
            datetime.datetime(2015, 11, 18, 15, 24, 9, tzinfo=datetime.timezone.utc),
            {"__type__": "datetime", "value": "2015-11-18T15:24:09+00:00"},
        ),
        (datetime.date(2015, 11, 18), {"__type__": "datetime", "value": "2015-11-18"}),
        (
            arrow.get("2015-11-18T15:24:09+02:00"),
            {"__type__": "datetime", "value": "2015-11-18T15:24:09+02:00"},
        ),
    ],
)
def test_dates_are_tagged_datetime(
    ftrack_session: Session, value: Any, expected: dict[str, str]
) -> None:
    """Datetimes, dates and Arrow values encode as tagged datetimes."""
    assert json.loads(ftrack_session.encode([value])) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-10-10T10:12:09", "2022-10-10T10:12:09+00:00"),
        ("2022-10-10T10:12:09Z", "2022-10-10T10:12:09+00:00"),
        ("2022-10-10T12:12:09+02:00", "2022-10-10T12:12:09+02:00"),
    ],
)
def test_decoded_datetimes_are_aware_and_naive_means_utc(
    ftrack_session: Session, text: str, expected: str
) -> None:
    """Naive strings decode as UTC; offsets are kept."""
    value = ftrack_session.decode(json.dumps({"__type__": "datetime", "value": text}))
    assert value.isoformat() == expected


def test_date_decodes_to_midnight_utc(ftrack_session: Session) -> None:
    """A tagged date becomes midnight UTC."""
    value = ftrack_session.decode('{"__type__": "date", "value": "2015-11-18"}')
    assert value == arrow.get("2015-11-18T00:00:00+00:00")


@pytest.mark.parametrize(
    ("strategy", "has_name", "name"),
    [
        ("set_only", True, "after"),
        ("modified_only", True, "after"),
        ("persisted_only", True, "before"),
        ("all", True, "after"),
    ],
)
def test_entity_strategies_choose_which_values_to_send(
    ftrack_session: Session, task: Any, strategy: str, has_name: bool, name: str
) -> None:
    """Each strategy sends the reference plus its own choice of values."""
    encoded = json.loads(
        ftrack_session.encode(task, entity_attribute_strategy=strategy)
    )

    assert encoded["__entity_type__"] == "Task"
    assert encoded["id"] == task["id"]
    assert ("name" in encoded) is has_name
    assert encoded["name"] == name
    if strategy == "modified_only":
        assert set(encoded) == {"__entity_type__", "id", "name"}
    if strategy == "persisted_only":
        assert "time_logged" not in encoded


def test_referenced_entities_and_collections_encode_as_references(
    ftrack_session: Session, task: Any
) -> None:
    """References and collections become {__entity_type__, id} objects."""
    encoded = json.loads(ftrack_session.encode(task, entity_attribute_strategy="all"))
    assert encoded["parent"] == {
        "__entity_type__": "Project",
        "id": task["parent"]["id"],
    }
    assert encoded["children"] == []


def test_unknown_strategy_and_unserialisable_values_are_refused(
    ftrack_session: Session,
) -> None:
    """A bad strategy is a ValueError; an arbitrary object a TypeError."""
    with pytest.raises(ValueError, match="strategy"):
        ftrack_session.encode([], entity_attribute_strategy="everything")
    with pytest.raises(TypeError, match="not JSON serialisable"):
        ftrack_session.encode([object()])


def test_encoded_entity_round_trips_through_decode(
    ftrack_session: Session, task: Any
) -> None:
    """Decoding an encoded entity gives an equal, unmerged entity."""
    decoded = ftrack_session.decode(ftrack_session.encode(task))
    assert decoded == task
    assert decoded is not task
    assert decoded["name"] == "after"


def test_operation_payload_sends_plain_values_as_is_and_entities_as_references(
    ftrack_session: Session, task: Any
) -> None:
    """A commit payload keeps plain values and reduces entities to references."""
    from ftrack_api._encoding import OperationPayload

    when = datetime.datetime(2015, 11, 18, 15, 24, 9)
    payload = OperationPayload(
        name="n", bid=1.5, priority=3, flag=True, empty=None, parent=task, due=when
    )

    encoded = json.loads(ftrack_session.encode([payload]))

    assert encoded == [
        {
            "name": "n",
            "bid": 1.5,
            "priority": 3,
            "flag": True,
            "empty": None,
            "parent": {"__entity_type__": "Task", "id": task["id"]},
            "due": {"__type__": "datetime", "value": "2015-11-18T15:24:09"},
        }
    ]
