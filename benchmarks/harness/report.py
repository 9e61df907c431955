"""Write the benchmark's results: results.json, RESULTS.md and scaling.png."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOTES = Path(__file__).resolve().with_name("notes.md")
#: The largest per-row cost growth from the smallest to the largest point
#: that still counts as flat.
FLAT_GROWTH = 1.5


@dataclass(frozen=True)
class Goal:
    """A target for ours / official on one result row."""

    key: str
    limit: float
    text: str


GOALS = (
    Goal("query_{entities}.seconds", 0.1, "query and merge: at most 0.1"),
    Goal("populate_{entities}.seconds", 0.1, "query and merge: at most 0.1"),
    Goal("create_{entities}.seconds", 0.2, "create + commit: at most 0.2"),
    Goal("startup_cold.seconds", 0.5, "start-up: at most 0.5"),
    Goal("startup_warm.seconds", 0.5, "start-up: at most 0.5"),
    Goal("memory_{entities}.bytes_per_entity", 1 / 3, "memory per entity: at most 1/3"),
)


def machine() -> dict[str, Any]:
    """Return what the results were measured on."""
    model = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gib": round(total_kib / 2**20, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def git_commit(repository: Path) -> str:
    """Return the short commit of *repository*, or "unknown"."""
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=repository,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip() or "unknown"


def uncommitted(repository: Path) -> int:
    """Return how many files under ``ftrack_api/`` differ from the commit."""
    completed = subprocess.run(
        ["git", "status", "--porcelain", "--", "ftrack_api"],
        cwd=repository,
        capture_output=True,
        text=True,
    )
    return len(completed.stdout.splitlines())


def now() -> str:
    """Return the current UTC time, to the minute."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def write(output: Path, results: dict[str, Any], notes: bool) -> list[Path]:
    """Write every output file into *output*; return their paths."""
    output.mkdir(parents=True, exist_ok=True)
    written = [output / "results.json"]
    written[0].write_text(json.dumps(results, indent=2) + "\n")
    plot = plot_scaling(output / "scaling.png", results)
    if plot is not None:
        written.append(plot)
    markdown = output / "RESULTS.md"
    markdown.write_text(render(results, notes and NOTES.exists()))
    written.append(markdown)
    return written


def goal_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Return each goal with the measured ratio and whether it was met."""
    by_key = {row["key"]: row for row in results["client"]}
    entities = results["sizes"]["entities"]
    rows = []
    for goal in GOALS:
        row = by_key[goal.key.format(entities=entities)]
        rows.append(
            {
                "label": row["label"],
                "goal": goal.text,
                "limit": goal.limit,
                "ratio": row["ratio"],
                "met": row["ratio"] <= goal.limit,
            }
        )
    for scenario in ("query", "create"):
        for client in ("official", "ours"):
            growth = per_row_growth(results, scenario, client)
            rows.append(
                {
                    "label": f"{scenario}, {client}: cost per row, largest / smallest",
                    "goal": f"flat: at most {FLAT_GROWTH}" if client == "ours" else "",
                    "limit": FLAT_GROWTH,
                    "ratio": growth,
                    "met": growth <= FLAT_GROWTH if client == "ours" else None,
                }
            )
    return rows


def scaling_points(
    results: dict[str, Any], scenario: str, client: str
) -> list[tuple[int, float]]:
    """Return (entities, median seconds) of *scenario* at each scaling point."""
    points = []
    for row in results["client"]:
        if (
            row["scenario"].startswith(f"{scenario}_")
            and row["metric"] == "seconds"
            and row["count"] in results["sizes"]["scaling"]
        ):
            points.append((row["count"], row[client]))
    return sorted(points)


def per_row_growth(results: dict[str, Any], scenario: str, client: str) -> float:
    """Return the cost per row at the largest point over that at the smallest."""
    points = scaling_points(results, scenario, client)
    (small, small_time), (large, large_time) = points[0], points[-1]
    return (large_time / large) / (small_time / small)


def _figure(metric: str, value: float) -> str:
    """Format *value* of *metric* for a table."""
    if metric.endswith("seconds"):
        return f"{value * 1000:,.0f} ms" if value >= 0.1 else f"{value * 1000:.2f} ms"
    if metric == "bytes_per_entity":
        return f"{value / 1024:.2f} KiB"
    return f"{value / 2**20:,.0f} MiB"


def _dirty(meta: dict[str, Any]) -> str:
    """Say how many of our files were uncommitted when measured, if any."""
    count = meta.get("uncommitted", 0)
    return f", {count} uncommitted files under ftrack_api/" if count else ""


def render(results: dict[str, Any], notes: bool) -> str:
    """Return the RESULTS.md text."""
    meta = results["meta"]
    host = meta["machine"]
    lines = [
        "# Benchmark results: openftrack against the official client",
        "",
        "Generated by `python -m benchmarks run"
        + (" --quick" if meta["quick"] else "")
        + "`; every figure is the median of the runs, the two clients' runs",
        "alternating against one `ftrack-api serve` on 127.0.0.1 (SQLite).",
        "Ratio = ours / official (below 1: ours is faster or smaller).",
        "",
        "| | |",
        "| --- | --- |",
        f"| Date | {meta['date']} |",
        f"| Machine | {host['cpu']}, {host['cores']} cores, {host['memory_gib']} GiB |",
        f"| System | {host['system']}, Python {host['python']} |",
        f"| Official client | ftrack-python-api {meta['official_version']} |",
        f"| Ours | openftrack {meta['our_version']} (commit {meta['commit']}"
        + _dirty(meta)
        + ") |",
        f"| Load average (1 min) | {meta['load_before']:.2f} before, "
        f"{meta['load_after']:.2f} after (shared machine) |",
        f"| Total run time | {meta['seconds'] / 60:.1f} min |",
        "",
        "## Both clients on one server",
        "",
        "| Scenario | Runs each | Official | Ours | Ratio |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in results["client"]:
        label = row["label"]
        if row["metric"] == "peak_resident":
            label += " (peak resident memory of the process)"
        elif row["metric"] == "create_seconds":
            label += ": the Session.create calls alone, before the commit"
        elif row["metric"] == "bytes_per_entity":
            label += " (resident memory per entity)"
        lines.append(
            f"| {label} | {len(row['runs']['ours'])} "
            f"| {_figure(row['metric'], row['official'])} "
            f"| {_figure(row['metric'], row['ours'])} | {row['ratio']:.3f} |"
        )
    lines += [
        "",
        "## Goals",
        "",
        "| Measure | Goal (ours / official) | Measured | Met |",
    ]
    lines.append("| --- | --- | ---: | --- |")
    for row in goal_rows(results):
        met = {True: "yes", False: "**no**", None: ""}[row["met"]]
        shortfall = ""
        if row["met"] is False:
            shortfall = f" ({row['ratio'] / row['limit']:.1f}x the goal)"
        measured = f"{row['ratio']:.3f}"
        lines.append(
            f"| {row['label']} | {row['goal']} | {measured} | {met}{shortfall} |"
        )
    lines += _scaling_table(results)
    lines += [
        "",
        "## Our backend alone",
        "",
        "| Measure | Reference | Ours | Reference's time | Ratio |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for row in results["backend"]:
        lines.append(
            f"| {row['label']} | {row['reference']} "
            f"| {_figure('seconds', row['ours'])} "
            f"| {_figure('seconds', row['reference_median'])} | {row['ratio']:.2f} |"
        )
    if notes:
        lines += ["", NOTES.read_text().rstrip()]
    return "\n".join(lines) + "\n"


def _scaling_table(results: dict[str, Any]) -> list[str]:
    """Return the per-row cost table of the scaling points."""
    lines = [
        "",
        "## Scaling (time per entity)",
        "",
        "![time against entities](scaling.png)",
        "",
        "| Scenario | Entities | Official µs/row | Ours µs/row |",
        "| --- | ---: | ---: | ---: |",
    ]
    for scenario in ("query", "create"):
        official = dict(scaling_points(results, scenario, "official"))
        ours = dict(scaling_points(results, scenario, "ours"))
        for count in sorted(official):
            lines.append(
                f"| {scenario} | {count:,} | {official[count] / count * 1e6:,.1f} "
                f"| {ours[count] / count * 1e6:,.1f} |"
            )
    return lines


def _count_label(count: int) -> str:
    """Return 1k for 1,000, 100k for 100,000, 50 for 50."""
    return f"{count // 1000}k" if count % 1000 == 0 else str(count)


def plot_scaling(path: Path, results: dict[str, Any]) -> Path | None:
    """Plot time against entities for both clients; return *path*, or None.

    Needs matplotlib (the ``bench`` extra); without it, no plot is drawn.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as pyplot
    except ImportError:
        return None
    figure, (total, per_row) = pyplot.subplots(1, 2, figsize=(11, 4.5))
    styles = {"official": ("tab:orange", "official"), "ours": ("tab:blue", "ours")}
    markers = {
        "query": ("o", "-", "query + read"),
        "create": ("s", "--", "create + commit"),
    }
    for scenario, (marker, line, name) in markers.items():
        for client, (colour, client_name) in styles.items():
            points = scaling_points(results, scenario, client)
            counts = [count for count, _ in points]
            seconds = [value for _, value in points]
            label = f"{client_name}: {name}"
            total.plot(
                counts,
                seconds,
                marker=marker,
                linestyle=line,
                color=colour,
                label=label,
            )
            per_row.plot(
                counts,
                [value / count * 1e6 for count, value in points],
                marker=marker,
                linestyle=line,
                color=colour,
                label=label,
            )
    total.set(xscale="log", yscale="log", xlabel="entities", ylabel="seconds (median)")
    total.set_title("Time against entities")
    per_row.set(xscale="log", yscale="log", xlabel="entities", ylabel="µs per entity")
    per_row.set_title("Cost per entity (flat = linear growth)")
    counts = results["sizes"]["scaling"]
    for axes in (total, per_row):
        axes.set_xticks(counts, [_count_label(count) for count in counts])
        axes.minorticks_off()
        axes.grid(True, which="major", alpha=0.3)
        axes.legend(fontsize="small")
    figure.suptitle(f"openftrack vs ftrack-python-api, {results['meta']['date']}")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return path
