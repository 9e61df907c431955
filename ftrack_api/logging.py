"""Logging helpers: lazily formatted messages and deprecation warnings."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

_Function = TypeVar("_Function", bound=Callable[..., Any])


class LazyLogMessage:
    """A log message formatted only when it is turned into text."""

    def __init__(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.message = message
        self.args = args
        self.kwargs = kwargs

    def __str__(self) -> str:
        return self.message.format(*self.args, **self.kwargs)


def deprecation_warning(message: str) -> Callable[[_Function], _Function]:
    """Decorate a function to warn with *message* each time it is called."""

    def decorate(function: _Function) -> _Function:
        @functools.wraps(function)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            warnings.warn(message, PendingDeprecationWarning, stacklevel=2)
            return function(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate
