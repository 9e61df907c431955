"""The ``ftrack-api`` command: ``publish``, ``query`` and ``serve``.

Each sub-command lives in its own module with two functions:
``add_parser(subparsers)``, which adds and returns its ``argparse`` parser, and
``run(arguments) -> int``, which the parser names through
``set_defaults(run=run)`` and whose result is the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

SUBCOMMAND_MODULES = ("publish", "query", "serve")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``ftrack-api`` command and its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="ftrack-api",
        description=(
            "Publish, query and serve ftrack data with the openftrack SDK. "
            "With no server configured, everything runs on the embedded backend."
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in SUBCOMMAND_MODULES:
        module = importlib.import_module(f"ftrack_api.cli.{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
