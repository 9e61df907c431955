"""Logging helpers."""

from __future__ import annotations

import pytest

from ftrack_api.logging import LazyLogMessage, deprecation_warning


def test_lazy_message_formats_only_when_shown() -> None:
    """The message is formatted by str(), with positional and keyword values."""

    class Exploding:
        def __format__(self, spec: str) -> str:
            raise AssertionError("formatted too early")

    message = LazyLogMessage("{0} and {name}", Exploding(), name="x")
    assert message.message == "{0} and {name}"
    assert str(LazyLogMessage("{0} and {name}", 1, name="x")) == "1 and x"


def test_deprecation_warning_decorator_warns_and_calls() -> None:
    """The decorated function still runs and warns PendingDeprecationWarning."""

    @deprecation_warning("use something else")
    def old(value: int) -> int:
        return value + 1

    with pytest.warns(PendingDeprecationWarning, match="something else"):
        assert old(1) == 2
