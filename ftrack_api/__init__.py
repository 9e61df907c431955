"""Drop-in ``ftrack_api`` client with an embedded backend.

``import ftrack_api`` stays light: the session, its HTTP stack and the embedded
backend load on first use, so DCC start-up pays only for what a script uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ftrack_api._version import __version__

if TYPE_CHECKING:
    from ftrack_api.session import Session

__all__ = ["Session", "__version__", "mixin"]


def mixin(instance: Any, mixin_class: type, name: str | None = None) -> Any:
    """Mix *mixin_class* into *instance* alone, in front of its own class.

    The new class is named *name*, or the instance's class name followed by the
    mixin's. Nothing changes when the mixin is already in the class hierarchy.
    """
    original = type(instance)
    if mixin_class in original.__mro__:
        return instance

    if name is None:
        name = f"{original.__name__}{mixin_class.__name__}"
    instance.__class__ = type(name, (mixin_class, original), {})
    return instance


def __getattr__(name: str) -> Any:
    if name == "Session":
        from ftrack_api.session import Session

        return Session
    raise AttributeError(f"module 'ftrack_api' has no attribute {name!r}")
