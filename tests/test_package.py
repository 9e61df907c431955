"""Tests for the top-level package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ftrack_api
import ftrack_api.exception
import ftrack_api.symbol


def test_import_loads_neither_backend_nor_http_stack() -> None:
    """Importing ftrack_api stays light enough for DCC start-up."""
    code = (
        "import sys, ftrack_api; "
        "print(sorted(m for m in ('sqlalchemy', 'starlette', 'requests') "
        "if m in sys.modules))"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "[]"


def test_embedded_session_loads_network_and_parser_modules_on_demand(
    tmp_path: Path,
) -> None:
    """An in-process Session loads requests, websocket, pyparsing only when used."""
    code = f"""
import sys
import ftrack_api

def loaded():
    return [m for m in ("requests", "websocket", "pyparsing") if m in sys.modules]

session = ftrack_api.Session(
    "sqlite:///{tmp_path / "start.db"}", plugin_paths=[], auto_connect_event_hub=False
)
session.query("Project").all()
print(loaded())
session.event_hub.subscribe("topic=a or topic=b", lambda event: None)
print(loaded())
session.event_hub.connect()
print(loaded())
session.close()
import ftrack_api.exception
try:
    ftrack_api.Session("http://127.0.0.1:9", "key", "user", plugin_paths=[])
except ftrack_api.exception.ServerError:
    print(loaded())
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines() == [
        "[]",
        "['pyparsing']",
        "['pyparsing']",
        "['requests', 'pyparsing']",
    ], result.stderr


def test_mixin_adds_class_to_one_instance_only() -> None:
    """mixin() changes the class of one instance and names the new class."""

    class Base:
        pass

    class Extra:
        def extra(self) -> str:
            return "extra"

    first, second = Base(), Base()
    ftrack_api.mixin(first, Extra)
    assert first.extra() == "extra"  # type: ignore[attr-defined]
    assert type(first).__name__ == "BaseExtra"
    assert not isinstance(second, Extra)


def test_mixin_is_a_no_op_when_already_mixed() -> None:
    """A second mixin() of the same class leaves the class alone."""

    class Base:
        pass

    class Extra:
        pass

    instance = ftrack_api.mixin(Base(), Extra)
    mixed_class = type(instance)
    ftrack_api.mixin(instance, Extra)
    assert type(instance) is mixed_class


def test_not_set_is_falsy_and_states_are_truthy() -> None:
    """The sentinels keep the official truthiness."""
    assert not ftrack_api.symbol.NOT_SET
    assert ftrack_api.symbol.CREATED and ftrack_api.symbol.MODIFIED
    assert repr(ftrack_api.symbol.DELETED) == "Symbol(DELETED)"


def test_component_errors_name_components_and_location() -> None:
    """Location errors say which components and which location."""
    error = ftrack_api.exception.ComponentInLocationError(
        [{"id": "abc"}, {"id": "def"}], "my.location"
    )
    assert str(error) == "Component(s) abc, def already exist in location my.location."
    assert isinstance(error, ftrack_api.exception.LocationError)


def test_server_compatibility_error_is_a_server_error() -> None:
    """Callers catching ServerError also catch compatibility errors."""
    assert issubclass(
        ftrack_api.exception.ServerCompatibilityError,
        ftrack_api.exception.ServerError,
    )
