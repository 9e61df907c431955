"""The documentation builds without warnings and its examples run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"

#: Class given to a code block that shows code which cannot run here.
NO_RUN_CLASS = "no-run"


def python_blocks(text: str) -> list[str]:
    """Return the runnable ``.. code-block:: python`` blocks of reST *text*."""
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != ".. code-block:: python":
            index += 1
            continue
        index += 1
        options = []
        while index < len(lines) and lines[index].strip().startswith(":"):
            options.append(lines[index].strip())
            index += 1
        body = []
        while index < len(lines) and (
            not lines[index].strip() or lines[index].startswith((" ", "\t"))
        ):
            body.append(lines[index])
            index += 1
        if f":class: {NO_RUN_CLASS}" not in options:
            blocks.append(textwrap.dedent("\n".join(body)).strip() + "\n")
    return blocks


def pages_with_examples() -> list[Path]:
    """Return the documentation pages that hold runnable Python blocks."""
    pages = sorted(DOCS.rglob("*.rst"))
    return [
        page
        for page in pages
        if "_build" not in page.parts and python_blocks(page.read_text())
    ]


def test_python_blocks_extracts_blocks_and_skips_no_run() -> None:
    """Blocks are dedented, options are skipped and no-run blocks are left out."""
    text = (
        "Intro\n\n.. code-block:: python\n\n    a = 1\n\n    b = a\n\ntext\n\n"
        ".. code-block:: python\n   :class: no-run\n\n    raise SystemExit\n\n"
        ".. code-block:: text\n\n    not python\n"
    )
    assert python_blocks(text) == ["a = 1\n\nb = a\n"]


def test_the_narrative_pages_hold_examples() -> None:
    """The main pages carry runnable examples (so the test below is not empty)."""
    names = {page.relative_to(DOCS).as_posix() for page in pages_with_examples()}
    assert {
        "getting_started.rst",
        "querying.rst",
        "tutorial/locations.rst",
        "caching.rst",
        "events.rst",
    } <= names


@pytest.mark.parametrize(
    "page",
    pages_with_examples(),
    ids=lambda page: page.relative_to(DOCS).as_posix(),
)
def test_page_examples_run(page: Path, run_python: Any) -> None:
    """Every Python block of a page runs, in order, on a fresh embedded backend."""
    code = "\n".join(python_blocks(page.read_text()))
    result = run_python(code)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.slow
def test_documentation_builds_without_warnings(tmp_path: Path) -> None:
    """A fresh Sphinx build with warnings as errors succeeds."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(DOCS),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
