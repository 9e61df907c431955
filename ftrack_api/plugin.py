"""Find and register plugins: Python files with a ``register`` function.

A session discovers plugins in the folders of ``FTRACK_EVENT_PLUGIN_PATH`` (or
its ``plugin_paths`` argument) and calls each plugin's ``register`` with the
session, typically to subscribe to events. A plugin that fails to load or to
register is logged and skipped; the others still load.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import traceback
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any

logger = logging.getLogger(__name__)

#: The environment variable listing plugin folders, separated by os.pathsep.
PLUGIN_PATH_VARIABLE = "FTRACK_EVENT_PLUGIN_PATH"


def paths_from_environment(variable: str = PLUGIN_PATH_VARIABLE) -> list[str]:
    """Return the non-empty folders listed in the environment *variable*."""
    value = os.environ.get(variable, "")
    return [path for path in value.split(os.pathsep) if path.strip()]


def load_source(modname: str, filename: str) -> ModuleType:
    """Import the Python file *filename* as a module named *modname*."""
    spec = importlib.util.spec_from_file_location(modname, filename)
    if spec is None or spec.loader is None:
        raise ImportError(f"Cannot load {filename!r} as a Python module.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(modname, None)
        raise
    return module


def discover(
    paths: Iterable[str],
    positional_arguments: Sequence[Any] | None = None,
    keyword_arguments: Mapping[str, Any] | None = None,
) -> None:
    """Load every plugin under *paths* and call its ``register``.

    Each folder is searched recursively for ``*.py`` files, in name order;
    blank paths are ignored. ``register`` receives *positional_arguments* and
    those of *keyword_arguments* its signature accepts.
    """
    positional = tuple(positional_arguments or ())
    keywords = dict(keyword_arguments or {})
    for path in paths:
        if not path or not path.strip():
            continue
        for filename in _python_files(path):
            module = _load_plugin(filename)
            if module is not None:
                _register_plugin(module, filename, positional, keywords)


def _python_files(path: str) -> list[str]:
    """Return the ``*.py`` files under *path*, in a stable order."""
    found: list[str] = []
    for folder, folders, files in os.walk(path):
        folders.sort()
        found.extend(
            os.path.join(folder, name) for name in sorted(files) if name.endswith(".py")
        )
    return found


def _load_plugin(filename: str) -> ModuleType | None:
    """Return the module of plugin *filename*, or ``None`` if it fails to load."""
    name = f"ftrack_api_plugin_{uuid.uuid4().hex}"
    try:
        return load_source(name, filename)
    except Exception as error:
        logger.warning("Failed to load plugin from %r: %s", filename, error)
        logger.debug(traceback.format_exc())
        return None


def _register_plugin(
    module: ModuleType,
    filename: str,
    positional: tuple[Any, ...],
    keywords: dict[str, Any],
) -> None:
    """Call the ``register`` function of *module*, logging any failure."""
    register = getattr(module, "register", None)
    if not callable(register):
        logger.warning(
            "Failed to register plugin from %r: it has no register function.",
            filename,
        )
        return

    try:
        accepted = _accepted_keywords(register, positional, keywords, filename)
        register(*positional, **accepted)
    except Exception as error:
        logger.warning("Failed to register plugin from %r: %s", filename, error)
        logger.debug(traceback.format_exc())


def _accepted_keywords(
    function: Callable[..., Any],
    positional: tuple[Any, ...],
    keywords: dict[str, Any],
    filename: str,
) -> dict[str, Any]:
    """Return the *keywords* that *function* accepts after *positional*."""
    import inspect

    parameters = list(inspect.signature(function).parameters.values())
    bound_by_position = {
        parameter.name
        for parameter in parameters[: len(positional)]
        if parameter.kind
        in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    }
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        names = set(keywords)
    else:
        names = {
            parameter.name
            for parameter in parameters
            if parameter.kind
            in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        }
    accepted = {
        name: value
        for name, value in keywords.items()
        if name in names and name not in bound_by_position
    }
    dropped = sorted(set(keywords) - set(accepted))
    if dropped:
        logger.debug(
            "Plugin %r does not accept keyword arguments %s.", filename, dropped
        )
    return accepted
