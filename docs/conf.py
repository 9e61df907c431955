"""Sphinx configuration for the openftrack documentation."""

import os
import sys

sys.path.insert(0, os.path.abspath(".."))

project = "openftrack"
author = "The openftrack developers"
copyright = "2026, The openftrack developers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_parser",
]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
