"""Benchmark our client and backend side by side with the official client.

``python -m benchmarks run`` installs the official ``ftrack-python-api`` into
``.venv-official/`` (shared with tests/interop), serves a freshly seeded
SQLite database with ``ftrack-api serve`` on 127.0.0.1, runs every client
scenario with both clients against it, then measures our backend alone
against hand-written SQL and ``cp``. It writes ``RESULTS.md``,
``scaling.png`` and ``results.json`` into the output folder (default:
``benchmarks/``; ``results.json`` is for tools). ``--quick`` uses small
counts and one run each, so CI can check that the harness still works.

``python -m benchmarks report`` rewrites RESULTS.md and the plot from
``results.json`` (after editing ``benchmarks/harness/notes.md``, say).
``python -m benchmarks profile SCENARIO`` runs one of our scenarios under
cProfile on the embedded backend and prints where the time goes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    backend,
    clients,
    environment,
    profiling,
    report,
    snapshot,
)

BENCHMARKS = Path(__file__).resolve().parent
WORK = BENCHMARKS / ".work"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    """Return the parsed command line."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run every benchmark and write the results")
    run.add_argument(
        "--quick", action="store_true", help="small counts, one run each (for CI)"
    )
    run.add_argument(
        "--output",
        type=Path,
        default=None,
        help="folder of RESULTS.md, scaling.png and results.json "
        "(default: benchmarks/, or a folder under benchmarks/.work with --quick)",
    )
    run.add_argument(
        "--skip-backend", action="store_true", help="skip the backend-alone part"
    )
    run.add_argument("--verbose", action="store_true", help="log every run's figure")
    run.add_argument(
        "--head",
        action="store_true",
        help="measure the last commit (a git archive of HEAD), not the working tree",
    )
    rewrite = commands.add_parser(
        "report", help="rewrite RESULTS.md and scaling.png from results.json"
    )
    rewrite.add_argument("--output", type=Path, default=BENCHMARKS)
    profile = commands.add_parser(
        "profile",
        help="cProfile one of our scenarios, client and embedded backend together",
    )
    profile.add_argument("scenario", choices=profiling.PROFILED)
    profile.add_argument("--count", type=int, default=10_000)
    profile.add_argument("--top", type=int, default=25, help="functions to list")
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace) -> int:
    """Run the benchmarks and write their results; return the exit status."""
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    sizes = clients.QUICK if arguments.quick else clients.FULL
    output = arguments.output or (WORK / "quick" if arguments.quick else BENCHMARKS)
    WORK.mkdir(exist_ok=True)
    if arguments.head and snapshot.measured_commit() is None:
        return snapshot.run_from_head(_same_run(arguments, output.resolve()), WORK)
    commit = snapshot.measured_commit() or report.git_commit(environment.REPOSITORY)
    uncommitted = 0
    if snapshot.measured_commit() is None:
        uncommitted = report.uncommitted(environment.REPOSITORY)
    folder = Path(tempfile.mkdtemp(prefix="run-", dir=WORK))
    try:
        print("Preparing the official client's environment (.venv-official/)")
        pythons = {
            "official": environment.official_python(),
            "ours": environment.our_python(),
        }
        print(f"Seeding projects of {sizes.seeded} Tasks and starting the server")
        backend_sizes = backend.QUICK if arguments.quick else backend.FULL
        backend_rows: list[dict[str, Any]] = []
        with environment.seeded_server(folder, sizes.seeded) as (server, projects):
            if not arguments.skip_backend:
                print("The clients' queries in-process against hand-written SQL")
                backend_rows = backend.client_queries(
                    environment.database_url(folder),
                    projects,
                    sizes.entities,
                    backend_sizes.repeats,
                )
            print(f"Both clients against {server.url}:")
            client_results, packages = clients.measure_all(
                pythons, server, projects, folder, sizes
            )
        if not arguments.skip_backend:
            print("Our backend alone against hand-written SQL, Core and cp")
            backend_rows += backend.measure_all(folder, backend_sizes)
        results = {
            "meta": {
                "date": report.now(),
                "quick": arguments.quick,
                "machine": report.machine(),
                "official_version": environment.client_version(pythons["official"]),
                "our_version": environment.client_version(pythons["ours"]),
                "commit": commit,
                "uncommitted": uncommitted,
                "packages": packages,
                "load_before": load_before,
                "load_after": os.getloadavg()[0],
                "seconds": time.perf_counter() - started,
            },
            "sizes": {"entities": sizes.entities, "scaling": sizes.scaling},
            "client": [row for result in client_results for row in result.as_dicts()],
            "backend": backend_rows,
        }
        for path in report.write(output, results, notes=not arguments.quick):
            print(f"Wrote {path}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _same_run(arguments: argparse.Namespace, output: Path) -> list[str]:
    """Return the command line of this run, writing into *output*."""
    flags = ("quick", "skip_backend", "verbose")
    chosen = [
        f"--{flag.replace('_', '-')}" for flag in flags if getattr(arguments, flag)
    ]
    return ["run", *chosen, "--output", str(output)]


def main(argv: list[str] | None = None) -> int:
    """Run the command named on the command line."""
    arguments = parse_arguments(argv)
    logging.basicConfig(
        level=logging.INFO if getattr(arguments, "verbose", False) else logging.ERROR,
        format="%(name)s: %(message)s",
    )
    if arguments.command == "report":
        results = json.loads((arguments.output / "results.json").read_text())
        for path in report.write(
            arguments.output, results, not results["meta"]["quick"]
        ):
            print(f"Wrote {path}")
        return 0
    if arguments.command == "profile":
        print(profiling.profile(arguments.scenario, arguments.count, arguments.top))
        return 0
    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
