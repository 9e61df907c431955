"""The centralized storage scenario: one mounted storage shared by a studio.

A server that runs this scenario answers ``query_server_information`` with::

    {"storage_scenario": {
        "scenario": "ftrack.centralized-storage",
        "data": {
            "location_id": "...", "location_name": "studio.central",
            "accessor": {"mount_points": {"linux": "/mnt/ftrack",
                                          "osx": "/Volumes/ftrack",
                                          "windows": "F:\\\\ftrack"}}}}}

Every session registers the *activation* handlers (:func:`register`): when it
configures its locations it publishes ``ftrack.storage-scenario.activate``
with that value, and :class:`ActivateCentralizedStorageScenario` sets up the
named location with a :class:`~ftrack_api.accessor.disk.DiskAccessor` on this
platform's mount point, a :class:`~ftrack_api.structure.standard.StandardStructure`
and priority 1, so that :meth:`Session.pick_location` prefers it.

:func:`register_configuration` (not called by the session; ftrack Connect
uses it) adds the form wizard that writes the scenario to the server's
``storage_scenario`` setting. The embedded backend reports
``ftrack.automatic`` whatever that setting holds, so there the scenario only
activates when a test or tool makes the backend report it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import ftrack_api.exception

if TYPE_CHECKING:
    from ftrack_api.event.base import Event
    from ftrack_api.session import Session

#: The name servers give this scenario.
scenario_name = "ftrack.centralized-storage"

#: The server setting that holds the configured scenario.
SETTING_NAME = "storage_scenario"
SETTING_GROUP = "STORAGE"

#: Locations a centralized storage cannot be: the session's built-in ones.
BUILTIN_LOCATION_NAMES = frozenset(
    {
        "ftrack.origin",
        "ftrack.unmanaged",
        "ftrack.connect",
        "ftrack.server",
        "ftrack.review",
    }
)

#: Marks the "new location" choice of the location picker.
NEW_LOCATION = "create_new_location"

logger = logging.getLogger(__name__)


def platform_key(platform: str | None = None) -> str | None:
    """Return the mount point key of *platform* (default: this one), or None.

    ``darwin`` is tested before ``win``, which it contains.
    """
    platform = sys.platform if platform is None else platform
    if "darwin" in platform:
        return "osx"
    if "linux" in platform:
        return "linux"
    if "win" in platform:
        return "windows"
    return None


def _scenario_data(event: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Return the location name, id and mount points an activation event gives.

    Raise :exc:`~ftrack_api.exception.LocationError` naming what is missing.
    """
    scenario = event["data"].get("storage_scenario") or {}
    try:
        data = scenario["data"]
        name, identifier = data["location_name"], data["location_id"]
        mount_points = dict(data["accessor"]["mount_points"])
    except (KeyError, TypeError) as error:
        raise ftrack_api.exception.LocationError(
            "Cannot configure the centralized storage location: the storage "
            "scenario {scenario!r} lacks {missing}.",
            details={"scenario": scenario, "missing": error},
        ) from error
    return str(name), str(identifier), mount_points


class ActivateCentralizedStorageScenario:
    """Configure the scenario's location when a session activates it."""

    def __init__(self) -> None:
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.session: Session | None = None

    def register(self, session: Session) -> None:
        """Subscribe the activation and start-up check to *session*'s hub."""
        self.session = session
        condition = f'data.storage_scenario.scenario="{scenario_name}"'
        session.event_hub.subscribe(
            f"topic=ftrack.storage-scenario.activate and {condition}", self.activate
        )
        session.event_hub.subscribe(
            f"topic=ftrack.connect.verify-startup and {condition}",
            self._verify_startup,
        )

    def activate(self, event: Event) -> None:
        """Set up the scenario's location: mount point accessor, priority 1."""
        from ftrack_api.accessor.disk import DiskAccessor
        from ftrack_api.structure.standard import StandardStructure

        assert self.session is not None, "register() was not called"
        name, identifier, mount_points = _scenario_data(event)
        key = platform_key()
        if key is None or key not in mount_points:
            raise ftrack_api.exception.LocationError(
                "The centralized storage scenario gives no mount point for "
                "platform {platform!r} (mount points: {mount_points!r}).",
                details={"platform": sys.platform, "mount_points": mount_points},
            )
        location: Any = self.session.create(
            "Location", {"name": name, "id": identifier}, reconstructing=True
        )
        location.accessor = DiskAccessor(prefix=mount_points[key])
        location.structure = StandardStructure()
        location.priority = 1
        self.logger.info(
            "Storage scenario %s: location %s on %s.",
            scenario_name,
            name,
            mount_points[key],
        )

    def _verify_startup(self, event: Event) -> str | None:
        """Return a warning when this platform's mount point is unusable."""
        try:
            _, _, mount_points = _scenario_data(event)
        except ftrack_api.exception.LocationError as error:
            return str(error)
        key = platform_key()
        prefix = mount_points.get(key) if key else None
        if not prefix:
            return (
                "The centralized storage has no mount point for this operating "
                f"system ({sys.platform}); files may not be stored or found."
            )
        if not os.path.isdir(prefix):
            return (
                f"The centralized storage mount point {prefix} is not a folder "
                "here; files may not be stored or found. Mount the storage (or "
                "create the folder) and start again."
            )
        return None


def register(session: Session) -> None:
    """Let *session* activate the centralized storage scenario."""
    ActivateCentralizedStorageScenario().register(session)


def register_configuration(session: Session) -> None:
    """Let *session* answer the scenario's discovery and configuration wizard."""
    ConfigureCentralizedStorageScenario().register(session)


def _label(text: str) -> dict[str, Any]:
    return {"type": "label", "value": text}


def _hidden(name: str, value: Any) -> dict[str, Any]:
    return {"type": "hidden", "name": name, "value": value}


def _text(name: str, label: str, value: str = "") -> dict[str, Any]:
    return {"type": "text", "name": name, "label": label, "value": value}


def _enumerator(
    name: str, label: str, options: list[tuple[str, str]], value: str | None
) -> dict[str, Any]:
    data = [{"label": text, "value": choice} for text, choice in options]
    return {
        "type": "enumerator",
        "name": name,
        "label": label,
        "data": data,
        "value": value,
    }


class ConfigureCentralizedStorageScenario:
    """Answer the wizard that saves the scenario to the server's setting.

    Each ``ftrack.storage-scenario.configure`` event carries the values of
    the form answered last, among them the hidden ``step`` (which form that
    was) and ``configuration`` (what was chosen so far). The reply is the
    next form: ``{"items": [...], "state": "configuring" | "confirm" |
    "done"}``. Steps: ``select_scenario`` (first call, no values) →
    ``select_location`` → ``configure_location`` (new locations only) →
    ``select_structure`` → ``select_mount_point`` → ``confirm_summary``,
    whose answer runs ``save_configuration``.
    """

    def __init__(self) -> None:
        self.logger = logging.getLogger(f"{__name__}.{type(self).__name__}")
        self.session: Session | None = None

    def register(self, session: Session) -> None:
        """Subscribe discovery and configuration for *session*'s user."""
        self.session = session
        user = f'source.user.username="{session.api_user}"'
        session.event_hub.subscribe(
            f"topic=ftrack.storage-scenario.discover and {user}",
            self.discover_centralized_scenario,
        )
        session.event_hub.subscribe(
            "topic=ftrack.storage-scenario.configure and "
            f'data.scenario_id="{scenario_name}" and {user}',
            self.configure_scenario,
        )

    @property
    def storage_scenario(self) -> Any:
        """Return the server's ``storage_scenario`` Setting, or None."""
        return self._session.query(
            f'select value from Setting where name is "{SETTING_NAME}" '
            f'and group is "{SETTING_GROUP}"'
        ).first()

    @property
    def existing_centralized_storage_configuration(self) -> dict[str, Any] | None:
        """Return the saved scenario data when it is this scenario, else None."""
        setting = self.storage_scenario
        if setting is None:
            return None
        try:
            value = json.loads(setting["value"])
        except (TypeError, ValueError):
            self.logger.warning("Ignoring the unreadable %s setting.", SETTING_NAME)
            return None
        if not isinstance(value, dict) or value.get("scenario") != scenario_name:
            return None
        data = value.get("data")
        return data if isinstance(data, dict) else None

    @property
    def _session(self) -> Session:
        assert self.session is not None, "register() was not called"
        return self.session

    def discover_centralized_scenario(self, event: Event) -> dict[str, str]:
        """Describe this scenario to a client listing the available ones."""
        return {
            "id": scenario_name,
            "name": "Centralized storage scenario",
            "description": (
                "Keep every file on one storage that each machine of the studio "
                "mounts, at a mount point per operating system."
            ),
        }

    def configure_scenario(self, event: Event) -> dict[str, Any]:
        """Return the form that follows the one answered in *event*."""
        values = dict(event["data"].get("values") or {})
        step = values.get("step") or "select_scenario"
        configuration = dict(values.get("configuration") or {})
        steps = {
            "select_scenario": self._select_scenario,
            "select_location": self._select_location,
            "configure_location": self._configure_location,
            "select_structure": self._select_structure,
            "select_mount_point": self._select_mount_point,
            "confirm_summary": self._confirm_summary,
        }
        if step not in steps:
            raise ValueError(f"Unknown storage scenario configuration step {step!r}.")
        return steps[step](values, configuration)

    @staticmethod
    def _form(
        items: list[dict[str, Any]],
        step: str,
        configuration: dict[str, Any],
        state: str = "configuring",
    ) -> dict[str, Any]:
        items = [*items, _hidden("step", step), _hidden("configuration", configuration)]
        return {"items": items, "state": state}

    def _select_scenario(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        existing = self.existing_centralized_storage_configuration or {}
        configuration = {
            "location_id": existing.get("location_id"),
            "mount_points": dict(existing.get("accessor", {}).get("mount_points", {})),
        }
        options = [
            (location["name"], location["id"])
            for location in self._session.query("select name from Location").all()
            if location["name"] not in BUILTIN_LOCATION_NAMES
        ]
        options.append(("Create a new location", NEW_LOCATION))
        intro = "Choose the location that stands for the studio's storage."
        if existing:
            intro += (
                f" It is now {existing.get('location_name')!s}; going on replaces "
                "that configuration."
            )
        picker = _enumerator(
            "location_id", "Location", options, existing.get("location_id")
        )
        return self._form([_label(intro), picker], "select_location", configuration)

    def _select_location(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        choice = values.get("location_id")
        if choice == NEW_LOCATION:
            return self._location_form(configuration)
        location = self._session.get("Location", str(choice)) if choice else None
        if location is None:
            return self._select_scenario({}, configuration)
        configuration.update(
            location_id=location["id"], location_name=location["name"], new=None
        )
        return self._structure_form(configuration)

    def _location_form(
        self, configuration: dict[str, Any], problem: str = ""
    ) -> dict[str, Any]:
        new = configuration.get("new") or {}
        items = [_label(problem)] if problem else []
        items += [
            _text("location_name", "Name", new.get("name", "studio.central-storage")),
            _text("location_label", "Label", new.get("label", "Studio storage")),
            _text("location_description", "Description", new.get("description", "")),
        ]
        return self._form(items, "configure_location", configuration)

    def _configure_location(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        name = str(values.get("location_name") or "").strip()
        configuration["new"] = {
            "name": name,
            "label": str(values.get("location_label") or name),
            "description": str(values.get("location_description") or ""),
        }
        if not name:
            return self._location_form(configuration, "The location needs a name.")
        taken = self._session.query(
            f'select id from Location where name is "{name}"'
        ).first()
        if taken is not None or name in BUILTIN_LOCATION_NAMES:
            problem = f"A location named {name!r} exists already: pick another name."
            return self._location_form(configuration, problem)
        configuration.update(location_id=None, location_name=name)
        return self._structure_form(configuration)

    def _structure_form(self, configuration: dict[str, Any]) -> dict[str, Any]:
        picker = _enumerator(
            "structure", "Structure", [("Standard", "standard")], "standard"
        )
        label = _label("Choose how files are laid out under the mount point.")
        return self._form([label, picker], "select_structure", configuration)

    def _select_structure(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        configuration["structure"] = values.get("structure") or "standard"
        return self._mount_point_form(configuration)

    def _mount_point_form(
        self, configuration: dict[str, Any], problem: str = ""
    ) -> dict[str, Any]:
        mount_points = configuration.get("mount_points") or {}
        items = [_label(problem or "Where each operating system mounts the storage.")]
        items += [
            _text(f"{key}_mount_point", title, mount_points.get(key, ""))
            for key, title in (
                ("linux", "Linux"),
                ("osx", "macOS"),
                ("windows", "Windows"),
            )
        ]
        return self._form(items, "select_mount_point", configuration)

    def _select_mount_point(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        configuration["mount_points"] = {
            key: str(values.get(f"{key}_mount_point") or "").strip()
            for key in ("linux", "osx", "windows")
        }
        if not any(configuration["mount_points"].values()):
            return self._mount_point_form(
                configuration, "Give the mount point of at least one operating system."
            )
        summary = "\n".join(
            [
                f"Location: {configuration['location_name']}"
                + (" (new)" if configuration.get("location_id") is None else ""),
                f"Structure: {configuration.get('structure', 'standard')}",
                *(
                    f"{key} mount point: {point or '(none)'}"
                    for key, point in configuration["mount_points"].items()
                ),
            ]
        )
        return self._form(
            [_label(summary)], "confirm_summary", configuration, state="confirm"
        )

    def _confirm_summary(
        self, values: dict[str, Any], configuration: dict[str, Any]
    ) -> dict[str, Any]:
        self.save_configuration(configuration)
        done = _label("The centralized storage scenario is saved.")
        return self._form([done], "save_configuration", configuration, state="done")

    def save_configuration(self, configuration: dict[str, Any]) -> None:
        """Create the location when new, write the setting, commit and announce."""
        from ftrack_api.event.base import Event

        session = self._session
        location_id = configuration.get("location_id")
        if location_id is None:
            new = configuration["new"]
            location = session.create(
                "Location",
                {
                    "name": new["name"],
                    "label": new["label"],
                    "description": new["description"],
                },
            )
            location_id = location["id"]
        value = json.dumps(
            {
                "scenario": scenario_name,
                "data": {
                    "location_id": location_id,
                    "location_name": configuration["location_name"],
                    "accessor": {"mount_points": dict(configuration["mount_points"])},
                },
            }
        )
        setting = self.storage_scenario
        if setting is None:
            session.create(
                "Setting",
                {"name": SETTING_NAME, "group": SETTING_GROUP, "value": value},
            )
        else:
            setting["value"] = value
        session.commit()
        try:
            session.event_hub.publish(
                Event(topic="ftrack.storage-scenario.configure-done")
            )
        except ftrack_api.exception.EventHubConnectionError as error:
            self.logger.warning("Saved, but could not announce it: %s", error)
