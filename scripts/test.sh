#!/usr/bin/env bash
# Set up a virtual environment in .venv and run every check: lint, types, tests, docs.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'

echo "== ruff"
.venv/bin/ruff check ftrack_api tests benchmarks examples
.venv/bin/ruff format --check ftrack_api tests benchmarks examples

echo "== mypy"
.venv/bin/mypy

echo "== pytest"
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

echo "== docs"
.venv/bin/sphinx-build -q -W --keep-going -b html docs docs/_build/html
