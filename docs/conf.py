"""Sphinx configuration for the openftrack documentation."""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))
sys.path.insert(0, os.path.abspath("_ext"))

project = "openftrack"
author = "The openftrack developers"
copyright = "2026, The openftrack developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_parser",
    "module_tree",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
# Annotations name classes by their short names, and several modules define a
# class of the same name (``Attribute`` in the client, the schema language and
# the backend model); an ambiguous link is harmless, so it is not an error.
suppress_warnings = ["ref.python"]
