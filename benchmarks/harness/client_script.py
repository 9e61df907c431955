"""One benchmark scenario, run by either client's Python; prints JSON figures.

The harness runs this file with the official client's interpreter and with
ours (``python client_script.py SCENARIO PARAMETERS_JSON``), against the
same ``ftrack-api serve`` server, so both clients are measured the same way.
It uses only the public ``ftrack_api`` API shared by both clients and the
standard library. The last line printed is a JSON object of figures, all in
seconds or bytes. With ``profile`` set in the parameters, the timed part runs
under cProfile and its statistics go to that path.
"""

import cProfile
import gc
import json
import os
import sys
import time

STARTED = time.perf_counter()

import ftrack_api  # noqa: E402
import ftrack_api.symbol  # noqa: E402

#: Seconds to wait for one reply: a 100k-entity commit on a loaded machine
#: takes longer than the clients' default of 60.
REQUEST_TIMEOUT = 600
THREE_PROJECTIONS = "select name, status.name, parent.name from Task"


def open_session(parameters, cache=None):
    """Return a Session on the benchmark server with no event hub or plugins."""
    return ftrack_api.Session(
        server_url=parameters["url"],
        api_user=parameters["user"],
        api_key=parameters["key"],
        plugin_paths=[],
        auto_connect_event_hub=False,
        schema_cache_path=cache or parameters["cache"],
        timeout=REQUEST_TIMEOUT,
    )


def resident_bytes():
    """Return the resident memory of this process."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_resident_bytes():
    """Return the peak resident memory of this process since it started.

    VmHWM belongs to this program's memory map, unlike ru_maxrss, which
    Linux carries over from the parent process across exec.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("No VmHWM in /proc/self/status")


class Timer:
    """Time (and optionally profile) the block it wraps."""

    def __init__(self, profile_path):
        self.profile_path = profile_path
        self.profiler = cProfile.Profile() if profile_path else None
        self.seconds = 0.0

    def __enter__(self):
        if self.profiler is not None:
            self.profiler.enable()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc_info):
        self.seconds = time.perf_counter() - self.start
        if self.profiler is not None:
            self.profiler.disable()
            self.profiler.dump_stats(self.profile_path)


def startup(parameters):
    """Import ftrack_api (already done) and open a Session; time both."""
    session = open_session(parameters)
    seconds = time.perf_counter() - STARTED
    session.close()
    return {"seconds": seconds}


def query(parameters):
    """Query Tasks with three projections and read every value."""
    session = open_session(parameters)
    expression = f'{THREE_PROJECTIONS} where project_id is "{parameters["project"]}"'
    values = 0
    with Timer(parameters.get("profile")) as timer:
        for task in session.query(expression):
            values += bool(task["name"]) + bool(task["status"]["name"])
            values += bool(task["parent"]["name"])
    if values != 3 * parameters["count"]:
        raise RuntimeError(f"Read {values} values, expected {3 * parameters['count']}")
    session.close()
    return {"seconds": timer.seconds}


def populate(parameters):
    """Populate one attribute on Tasks already in the session's cache."""
    session = open_session(parameters)
    tasks = session.query(
        f'select name from Task where project_id is "{parameters["project"]}"'
    ).all()
    with Timer(parameters.get("profile")) as timer:
        session.populate(tasks, "description")
    with session.auto_populating(False):
        missing = [
            task for task in tasks if task["description"] is ftrack_api.symbol.NOT_SET
        ]
    if missing or len(tasks) != parameters["count"]:
        raise RuntimeError(f"{len(missing)} of {len(tasks)} tasks not populated")
    session.close()
    return {"seconds": timer.seconds}


def create(parameters):
    """Create Tasks under a new project and commit them in one commit."""
    session = open_session(parameters)
    project = session.create(
        "Project",
        {
            "name": parameters["name"],
            "full_name": parameters["name"],
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    session.commit()
    with Timer(parameters.get("profile")) as timer:
        for index in range(parameters["count"]):
            session.create("Task", {"name": f"task_{index:06d}", "parent": project})
        created = time.perf_counter() - timer.start
        session.commit()
    session.close()
    return {"seconds": timer.seconds, "create_seconds": created}


def update(parameters):
    """Change one attribute on every Task of a project in one commit."""
    session = open_session(parameters)
    tasks = session.query(
        f'select name from Task where project_id is "{parameters["project"]}"'
    ).all()
    suffix = parameters["name"]
    with Timer(parameters.get("profile")) as timer:
        for task in tasks:
            task["description"] = f"{task['name']} {suffix}"
        session.commit()
    if len(tasks) != parameters["count"]:
        raise RuntimeError(f"Updated {len(tasks)} tasks, not {parameters['count']}")
    session.close()
    return {"seconds": timer.seconds}


def memory(parameters):
    """Load Tasks into the cache; report resident bytes per entity and peak."""
    session = open_session(parameters)
    expression = f'{THREE_PROJECTIONS} where project_id is "{parameters["project"]}"'
    session.query("select name from Task limit 1").all()
    gc.collect()
    before = resident_bytes()
    tasks = session.query(expression).all()
    gc.collect()
    after = resident_bytes()
    peak = peak_resident_bytes()
    count = len(tasks)
    session.close()
    return {
        "bytes_per_entity": (after - before) / count,
        "resident_after": after,
        "peak_resident": peak,
    }


def publish(parameters):
    """Publish a sequence of small files as one component into a disk location."""
    import ftrack_api.accessor.disk
    import ftrack_api.structure.id

    session = open_session(parameters)
    name = parameters["name"]
    location = session.create("Location", {"name": f"bench.{name}"})
    project = session.create(
        "Project",
        {
            "name": name,
            "full_name": name,
            "project_schema": session.query("ProjectSchema").first(),
        },
    )
    asset_type = session.query("AssetType").first()
    asset = session.create(
        "Asset", {"name": "plate", "parent": project, "type": asset_type}
    )
    version = session.create("AssetVersion", {"asset": asset})
    session.commit()
    location.accessor = ftrack_api.accessor.disk.DiskAccessor(
        prefix=parameters["target"]
    )
    location.structure = ftrack_api.structure.id.IdStructure()
    location.priority = 1
    with Timer(parameters.get("profile")) as timer:
        component = version.create_component(
            parameters["sequence"], data={"name": "main"}, location=location
        )
        session.commit()
    members = len(component["members"])
    session.close()
    if members != parameters["count"]:
        raise RuntimeError(f"Published {members} files, not {parameters['count']}")
    return {"seconds": timer.seconds}


SCENARIOS = {
    function.__name__: function
    for function in (startup, query, populate, create, update, memory, publish)
}


def main():
    """Run the scenario named on the command line and print its figures."""
    scenario, parameters = sys.argv[1], json.loads(sys.argv[2])
    figures = SCENARIOS[scenario](parameters)
    figures["client"] = os.path.dirname(ftrack_api.__file__)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
