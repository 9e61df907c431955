"""Measure event publish-to-delivery latency through the event hub.

Two hubs connect to the same event server: by default the in-process broker
of a database URL (``sqlite://``), or any ``http(s)://`` event server given
with ``--url``. The listener handles events in ``wait()`` on its own thread.

* ping: publish one event, wait until the listener's subscriber has it, and
  repeat; the latency of a lone event.
* burst: publish every event back to back; the latency includes queueing,
  and the rate is events delivered per second.

Usage: ``python benchmarks/event_latency.py [--events 10000] [--url URL]``
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time

from ftrack_api.event.base import Event
from ftrack_api.event.hub import EventHub


class Listener:
    """Record the delay of each delivered event on a waiting hub."""

    def __init__(self, hub: EventHub) -> None:
        self.hub = hub
        self.latencies: list[float] = []
        self.delivered = threading.Event()
        self.expected = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        """Subscribe and start handling events."""
        self.hub.subscribe("topic=benchmark.latency", self._on_event)
        self._thread.start()

    def stop(self) -> None:
        """Stop handling events."""
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.hub.wait(0.2)

    def _on_event(self, event: Event) -> None:
        self.latencies.append(time.perf_counter() - event["data"]["published"])
        if len(self.latencies) >= self.expected:
            self.delivered.set()


def publish(hub: EventHub, number: int) -> None:
    """Publish one benchmark event stamped with the current time."""
    hub.publish(
        Event(
            "benchmark.latency",
            data={"number": number, "published": time.perf_counter()},
        )
    )


def run_ping(publisher: EventHub, listener: Listener, count: int) -> list[float]:
    """Publish events one at a time; return their latencies."""
    listener.latencies.clear()
    for number in range(count):
        listener.expected = number + 1
        listener.delivered.clear()
        publish(publisher, number)
        if not listener.delivered.wait(10):
            raise RuntimeError(f"event {number} was not delivered within 10 s")
    return list(listener.latencies)


def run_burst(
    publisher: EventHub, listener: Listener, count: int
) -> tuple[list[float], float]:
    """Publish events back to back; return latencies and elapsed seconds."""
    listener.latencies.clear()
    listener.expected = count
    listener.delivered.clear()
    started = time.perf_counter()
    for number in range(count):
        publish(publisher, number)
    if not listener.delivered.wait(120):
        raise RuntimeError(f"only {len(listener.latencies)} of {count} delivered")
    return list(listener.latencies), time.perf_counter() - started


def report(name: str, latencies: list[float], elapsed: float | None = None) -> None:
    """Print median, p99 and maximum latency in microseconds."""
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    median = statistics.median(ordered)
    line = (
        f"{name:5} events={len(ordered)} median={median * 1e6:.0f}us "
        f"p99={p99 * 1e6:.0f}us max={ordered[-1] * 1e6:.0f}us"
    )
    if elapsed is not None:
        line += f" rate={len(ordered) / elapsed:.0f}/s"
    print(line)


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--url", default="sqlite://")
    parser.add_argument("--api-user", default="benchmark")
    parser.add_argument("--api-key", default="benchmark")
    arguments = parser.parse_args()

    publisher = EventHub(arguments.url, arguments.api_user, arguments.api_key)
    listening_hub = EventHub(arguments.url, arguments.api_user, arguments.api_key)
    publisher.connect()
    listening_hub.connect()
    listener = Listener(listening_hub)
    listener.start()
    time.sleep(0.5)
    try:
        print(f"event hub latency through {publisher.get_server_url()}")
        report("ping", run_ping(publisher, listener, arguments.events))
        report("burst", *run_burst(publisher, listener, arguments.events))
    finally:
        listener.stop()
        publisher.disconnect()
        listening_hub.disconnect()


if __name__ == "__main__":
    main()
