"""Property-based tests: generated valid queries run on a real database."""

from __future__ import annotations

import pytest
import query_strategies as strategies
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ftrack_api.local.errors import BackendError
from ftrack_api.local.model import Model, get_model
from ftrack_api.local.query import execute, syntax

MODEL = get_model()


def _check_reply(connection: sa.Connection, model: Model, query: syntax.Query) -> None:
    """Run *query* and check the reply's shape."""
    reply = execute(connection, model, str(query))

    assert reply["action"] == "query"
    assert isinstance(reply["data"], list)
    if query.limit is not None:
        assert len(reply["data"]) <= query.limit
    for row in reply["data"]:
        assert model.get(row["__entity_type__"]).is_a(query.entity_type)
        for path in query.projections:
            assert path.segments[0].name in row or not _on_every_subtype(
                model, query.entity_type, path.segments[0].name
            )


def _on_every_subtype(model: Model, type_name: str, attribute: str) -> bool:
    return attribute in model.get(type_name).attributes


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(strategies.model_queries(MODEL))
def test_generated_valid_queries_compile_and_run_on_sqlite(
    sqlite_studio: sa.Connection, model: Model, query: syntax.Query
) -> None:
    """Any valid query over the model's types and paths runs and answers rows."""
    _check_reply(sqlite_studio, model, query)


@pytest.mark.postgresql
def test_generated_valid_queries_compile_and_run_on_postgresql(
    postgresql_studio: sa.Connection, model: Model
) -> None:
    """Generated queries run on PostgreSQL too (types compare alike there)."""

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(strategies.model_queries(model))
    def run(query: syntax.Query) -> None:
        _check_reply(postgresql_studio, model, query)

    run()


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_garbage_answers_a_backend_error_never_a_crash(
    sqlite_studio: sa.Connection, model: Model, text: str
) -> None:
    """Random text answers a BackendError (parse or validation), nothing else."""
    try:
        execute(sqlite_studio, model, text)
    except BackendError as error:
        assert error.exception_name != "ServerError"


def _quoted(text: str) -> str:
    """Return *text* as a double-quoted query string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        max_size=40,
    )
)
def test_any_quoted_value_is_compared_as_data(
    sqlite_studio: sa.Connection, model: Model, text: str
) -> None:
    """Whatever a quoted value holds, it only matches rows holding that text."""
    before = execute(sqlite_studio, model, "select name from Context")["data"]

    for operator in ("is", "like"):
        expression = f"select name from Context where name {operator} {_quoted(text)}"
        for row in execute(sqlite_studio, model, expression)["data"]:
            assert operator == "like" or row["name"] == text

    assert execute(sqlite_studio, model, "select name from Context")["data"] == before
