"""Benchmark component transfers between locations; print the figures.

1. Disk to disk: copy a single-file component (1 GiB by default) and a
   1,000-frame sequence from one disk location to another with
   ``Location.add_component``, and compare the throughput with ``cp -r`` of
   the same data in the same run (ratio = cp time / our time; 1.0 is parity),
   both timed until the data is on disk (see :func:`durably`), alternating
   which goes first, repeated, with the median ratio reported.
2. S3: upload then download a 1 GiB file through the S3 accessor to moto's
   server (started here on 127.0.0.1) and report the transfer's peak memory,
   measured in a child process as peak RSS above the RSS before the transfer.

All data goes under a temporary folder that is deleted at the end.

Usage: ``python benchmarks/transfers.py [--size-mib 1024] [--frames 1000]
[--frame-kib 512] [--repeat 3] [--root /fast/disk] [--skip-s3]``
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHUNK = 8 * 1024 * 1024


def write_random_file(path: Path, size: int) -> None:
    """Write *size* random bytes to *path*, a chunk at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = os.urandom(CHUNK)
    with open(path, "wb") as stream:
        remaining = size
        while remaining > 0:
            stream.write(block[: min(CHUNK, remaining)])
            remaining -= CHUNK


def timed(action: Callable[[], object]) -> float:
    """Return the seconds *action* takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def durably(action: Callable[[], object]) -> None:
    """Run *action*, then flush the page cache to disk.

    Registering components commits to SQLite, whose fsync makes ext4 write
    out every dirty page, the copied data included; ``cp`` never syncs. Both
    sides are therefore timed until their data is on disk.
    """
    action()
    os.sync()


def drop_copy(path: Path) -> None:
    """Remove a copied file or folder."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def disk_benchmark(
    root: Path, size: int, frames: int, frame_size: int, repeat: int
) -> None:
    """Time Location.add_component against cp -r for a file and a sequence."""
    import ftrack_api
    import ftrack_api.accessor.disk
    import ftrack_api.structure.id

    big = root / "source" / "big.bin"
    write_random_file(big, size)
    for frame in range(1, frames + 1):
        write_random_file(
            root / "source" / "seq" / f"plate.{frame:04d}.exr", frame_size
        )

    session = ftrack_api.Session(
        server_url=f"sqlite:///{root / 'bench.db'}", schema_cache_path=False
    )
    locations = []
    for name in ("bench.a", "bench.b"):
        location: Any = session.create("Location", {"name": name})
        session.commit()
        location.accessor = ftrack_api.accessor.disk.DiskAccessor(str(root / name))
        location.structure = ftrack_api.structure.id.IdStructure()
        locations.append(location)
    first, second = locations

    single = session.create_component(str(big), location=first)
    sequence_path = f"{root / 'source' / 'seq' / 'plate.%04d.exr'} [1-{frames}]"
    sequence = session.create_component(sequence_path, location=first)

    for label, component, source, data_size in (
        ("single file", single, big, size),
        (
            f"sequence of {frames} frames",
            sequence,
            root / "source" / "seq",
            frames * frame_size,
        ),
    ):
        ratios = []
        for attempt in range(repeat):
            ratios.append(
                compare(
                    label, data_size, root, source, first, second, component, attempt
                )
            )
        median = statistics.median(ratios)
        print(f"{label}: median ratio {median:.2f} over {repeat} runs")
    session.close()


def compare(
    label: str,
    size: int,
    root: Path,
    source: Path,
    first: Any,
    second: Any,
    component: Any,
    attempt: int,
) -> float:
    """Time one add and one cp -r (alternating which goes first); return cp/ours."""
    target = root / "cp-copy"

    def ours() -> None:
        second.add_component(component, first)

    def copy() -> None:
        subprocess.run(["cp", "-r", str(source), str(target)], check=True)

    order = [ours, copy] if attempt % 2 == 0 else [copy, ours]
    seconds = {}
    for action in order:
        os.sync()
        seconds[action] = timed(functools.partial(durably, action))
    second.remove_component(component)
    drop_copy(target)
    mib = size / 2**20
    print(
        f"{label}: ours {seconds[ours]:.2f} s ({mib / seconds[ours]:.0f} MiB/s), "
        f"cp -r {seconds[copy]:.2f} s ({mib / seconds[copy]:.0f} MiB/s), "
        f"ratio {seconds[copy] / seconds[ours]:.2f}"
    )
    return seconds[copy] / seconds[ours]


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def s3_benchmark(root: Path, size: int) -> None:
    """Start moto's server on loopback and measure an S3 transfer in a child."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        write_random_file(root / "s3-source.bin", size)
        subprocess.run(
            [sys.executable, __file__, "--s3-child", str(port), "--root", str(root)],
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_port(port: int, timeout: float = 30) -> None:
    """Wait until something listens on 127.0.0.1:*port*."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"moto server did not start on port {port}")


def s3_child(port: int, root: Path) -> None:
    """Upload and download the file through the S3 accessor; print peak memory."""
    import boto3

    import ftrack_api.data
    from ftrack_api.accessor.disk import DiskAccessor
    from ftrack_api.accessor.s3 import S3Accessor

    client = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id="benchmark",
        aws_secret_access_key="benchmark",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket="bench")
    s3 = S3Accessor("bench", "studio", client=client)
    disk = DiskAccessor(str(root))
    size = (root / "s3-source.bin").stat().st_size
    client.head_bucket(Bucket="bench")
    before = current_rss()

    start = time.perf_counter()
    with disk.open("s3-source.bin") as source, s3.open("big.bin", "wb") as target:
        ftrack_api.data.copy_data(source, target)
    upload = time.perf_counter() - start
    start = time.perf_counter()
    with s3.open("big.bin") as source, disk.open("s3-copy.bin", "wb") as target:
        ftrack_api.data.copy_data(source, target)
    download = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    mib = size / 2**20
    print(
        f"S3 (moto) {mib:.0f} MiB: upload {upload:.1f} s, download {download:.1f} s, "
        f"peak memory above start {(peak - before) / 2**20:.1f} MiB "
        f"(process peak {peak / 2**20:.0f} MiB)"
    )


def current_rss() -> int:
    """Return this process's resident memory in bytes."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main() -> None:
    """Run both benchmarks under a temporary folder, then delete it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--frames", type=int, default=1000)
    parser.add_argument("--frame-kib", type=int, default=512)
    parser.add_argument("--root", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--s3-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--skip-s3", action="store_true")
    arguments = parser.parse_args()
    if arguments.s3_child is not None:
        s3_child(arguments.s3_child, Path(arguments.root))
        return

    root = Path(tempfile.mkdtemp(prefix="ftrack-transfers-", dir=arguments.root))
    try:
        size = arguments.size_mib * 2**20
        disk_benchmark(
            root, size, arguments.frames, arguments.frame_kib * 1024, arguments.repeat
        )
        if not arguments.skip_s3:
            s3_benchmark(root, size)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
