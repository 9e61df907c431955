"""A Sphinx directive that documents every public module under a package.

``.. module-tree:: ftrack_api.local`` expands, at build time, into one
section with an ``automodule`` per public module found under the package
(private ``_names`` skipped), so the reference never misses a new module.
Options: ``:exclude:`` (space-separated module-name prefixes to leave out)
and ``:no-recurse:`` (only the package itself and its direct modules).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles


def public_modules(package: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """Return the names of *package* and its public modules, sorted."""
    module = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(module.__path__, f"{package}."):
        parts = info.name.split(".")
        if any(part.startswith("_") for part in parts):
            continue
        if info.name.startswith(exclude):
            continue
        names.append(info.name)
    return sorted(names)


class ModuleTree(SphinxDirective):
    """Insert an ``automodule`` section for every public module of a package."""

    required_arguments = 1
    option_spec = {"exclude": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        exclude = tuple((self.options.get("exclude") or "").split())
        lines: list[str] = []
        for name in public_modules(self.arguments[0], exclude):
            lines += [
                f"``{name}``",
                "-" * (len(name) + 4),
                "",
                f".. automodule:: {name}",
                "   :members:",
                "   :show-inheritance:",
                "",
            ]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(
            self.state, StringList(lines, source=self.get_source_info()[0]), container
        )
        return list(container.children)


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("module-tree", ModuleTree)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
