"""Profile one of our client scenarios, client and backend in one process.

``python -m benchmarks profile SCENARIO`` seeds a new SQLite database and runs
the scenario's script under our Python with the embedded backend's URL
(``sqlite:///...``) instead of the HTTP server's, so one cProfile run sees the
client and the backend (the query language, the writes) together; only the
HTTP layer is left out. It prints the functions with the most time of their
own and the most cumulative time.
"""

from __future__ import annotations

import io
import pstats
import tempfile
from pathlib import Path

from benchmarks.harness import clients, environment

PROFILED = ("query", "populate", "create", "update", "publish")


def profile(scenario: str, count: int, top: int) -> str:
    """Run *scenario* on *count* entities under cProfile; return the report."""
    if scenario not in PROFILED:
        raise ValueError(f"Cannot profile {scenario!r}; choose one of {PROFILED}")
    with tempfile.TemporaryDirectory(prefix="profile-") as name:
        folder = Path(name)
        database = f"sqlite:///{folder / 'profile.db'}"
        (user, key), projects = environment.seed(database, [count])
        (folder / "cache").mkdir()
        parameters = {
            "url": database,
            "user": user,
            "key": key,
            "cache": str(folder / "cache"),
            "count": count,
            "name": "profiled",
            "project": projects[count],
            "profile": str(folder / "profile.pstats"),
        }
        if scenario == "publish":
            parameters["sequence"] = clients.write_sequence(folder / "source", count)
            parameters["target"] = str(folder / "target")
            (folder / "target").mkdir()
        figures = clients.run_script(environment.our_python(), scenario, parameters)
        text = io.StringIO()
        statistics = pstats.Stats(parameters["profile"], stream=text)
        statistics.strip_dirs()
        text.write(f"{scenario} of {count:,}: {figures['seconds']:.3f} s\n")
        statistics.sort_stats("tottime").print_stats(top)
        statistics.sort_stats("cumulative").print_stats(top)
        return text.getvalue()
