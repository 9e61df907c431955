"""Computed attributes, calculated for a batch of entities at once.

``compute(connection, model, entity_type, attribute, ids)`` returns
``{id: wire value}`` for every id (``None`` when there is nothing to say):

* ``link`` / ``_link``: ``[{"id", "name", "type"}, ...]`` from the project
  down to the context itself (``type`` is ``Project`` or ``TypedContext``);
  for an AssetVersion the asset's context chain followed by one element for
  the version; for a Group its chain of parent groups.
* ``time_logged``: seconds logged on the context (sum of Timelog durations);
  ``bid_time_logged_difference``: ``bid`` minus that.
* ``thumbnail_url``: ``{"url": "/component/thumbnail?id=<thumbnail id>"}``
  relative to the server, or ``None`` without a thumbnail.
* ``latest_version``: entity reference of the Asset's highest version.
* ``is_latest_version``, ``is_open``, ``url``.

``context_chains(connection, model, ids)`` gives the link of many contexts
at once (also used for hierarchical custom attributes).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.batch import chunks
from ftrack_api.local.model import DISCRIMINATOR, EntityType, Model

Calculator = Callable[[sa.Connection, Model, EntityType, Sequence[Any]], dict[Any, Any]]


def compute(
    connection: sa.Connection,
    model: Model,
    entity_type: EntityType,
    attribute: str,
    ids: Sequence[Any],
) -> dict[Any, Any]:
    """Return computed *attribute* of every entity in *ids*."""
    ids = list(dict.fromkeys(ids))
    calculator = _CALCULATORS.get(attribute)
    if calculator is None or not ids:
        return dict.fromkeys(ids)
    result = calculator(connection, model, entity_type, ids)
    return {entity_id: result.get(entity_id) for entity_id in ids}


def _select_rows(
    connection: sa.Connection, table: sa.Table, columns: Sequence[str], ids: Iterable
) -> dict[Any, Any]:
    rows: dict[Any, Any] = {}
    for part in chunks(list(ids)):
        statement = sa.select(*(table.c[name] for name in columns)).where(
            table.c.id.in_(part)
        )
        for row in connection.execute(statement):
            rows[row.id] = row
    return rows


def context_chains(
    connection: sa.Connection, model: Model, ids: Sequence[Any]
) -> dict[Any, list[dict[str, Any]]]:
    """Return, for each context id, its link from the project down to it."""
    table = model.get("Context").table
    known: dict[Any, Any] = {}
    wanted = set(ids)
    while wanted:
        rows = _select_rows(
            connection, table, ("id", "name", "parent_id", DISCRIMINATOR), wanted
        )
        known.update(rows)
        wanted = {
            row.parent_id
            for row in rows.values()
            if row.parent_id is not None and row.parent_id not in known
        }
    chains = {}
    for entity_id in ids:
        chain = []
        current = known.get(entity_id)
        seen = set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            kind = "Project" if current._entity_type == "Project" else "TypedContext"
            chain.append({"id": current.id, "name": current.name, "type": kind})
            current = known.get(current.parent_id)
        chains[entity_id] = list(reversed(chain)) if chain else []
    return chains


def _link(connection, model: Model, entity_type: EntityType, ids) -> dict:
    if entity_type.is_a("AssetVersion"):
        return _version_link(connection, model, ids)
    if entity_type.is_a("Group"):
        return _group_link(connection, model, ids)
    return context_chains(connection, model, ids)


def _version_link(connection, model: Model, ids) -> dict:
    versions = _select_rows(
        connection, model.get("AssetVersion").table, ("id", "asset_id", "version"), ids
    )
    assets = _select_rows(
        connection,
        model.get("Asset").table,
        ("id", "name", "context_id"),
        {row.asset_id for row in versions.values() if row.asset_id},
    )
    chains = context_chains(
        connection, model, [row.context_id for row in assets.values()]
    )
    result = {}
    for version_id, row in versions.items():
        asset = assets.get(row.asset_id)
        chain = list(chains.get(asset.context_id, [])) if asset else []
        name = f"{asset.name if asset else ''} v{row.version or 0:03d}".strip()
        chain.append({"id": version_id, "name": name, "type": "AssetVersion"})
        result[version_id] = chain
    return result


def _group_link(connection, model: Model, ids) -> dict:
    table = model.get("Group").table
    known: dict[Any, Any] = {}
    wanted = set(ids)
    while wanted:
        rows = _select_rows(connection, table, ("id", "name", "parent_id"), wanted)
        known.update(rows)
        wanted = {
            r.parent_id
            for r in rows.values()
            if r.parent_id and r.parent_id not in known
        }
    result = {}
    for group_id in ids:
        chain: list[dict[str, Any]] = []
        current = known.get(group_id)
        while current is not None and len(chain) < 1000:
            chain.append({"id": current.id, "name": current.name, "type": "Group"})
            current = known.get(current.parent_id)
        result[group_id] = list(reversed(chain))
    return result


def _time_logged(connection, model: Model, entity_type: EntityType, ids) -> dict:
    table = model.get("Timelog").table
    totals: dict[Any, Any] = {entity_id: 0.0 for entity_id in ids}
    for part in chunks(list(ids)):
        statement = (
            sa.select(table.c.context_id, sa.func.sum(table.c.duration))
            .where(table.c.context_id.in_(part))
            .group_by(table.c.context_id)
        )
        for context_id, total in connection.execute(statement):
            totals[context_id] = float(total or 0)
    return totals


def _bid_difference(connection, model: Model, entity_type: EntityType, ids) -> dict:
    logged = _time_logged(connection, model, entity_type, ids)
    rows = _select_rows(connection, entity_type.table, ("id", "bid"), ids)
    return {
        entity_id: float(rows[entity_id].bid or 0) - logged[entity_id]
        for entity_id in ids
        if entity_id in rows
    }


def _thumbnail_url(connection, model: Model, entity_type: EntityType, ids) -> dict:
    if "thumbnail_id" not in entity_type.table.c:
        return {}
    rows = _select_rows(connection, entity_type.table, ("id", "thumbnail_id"), ids)
    return {
        entity_id: {"url": f"/component/thumbnail?id={row.thumbnail_id}"}
        for entity_id, row in rows.items()
        if row.thumbnail_id
    }


def _latest_version(connection, model: Model, entity_type: EntityType, ids) -> dict:
    table = model.get("AssetVersion").table
    result: dict[Any, Any] = {}
    best: dict[Any, int] = {}
    for part in chunks(list(ids)):
        statement = sa.select(table.c.id, table.c.asset_id, table.c.version).where(
            table.c.asset_id.in_(part)
        )
        for row in connection.execute(statement):
            if row.asset_id not in best or (row.version or 0) > best[row.asset_id]:
                best[row.asset_id] = row.version or 0
                result[row.asset_id] = {"__entity_type__": "AssetVersion", "id": row.id}
    return result


def _is_latest_version(connection, model: Model, entity_type: EntityType, ids) -> dict:
    table = model.get("AssetVersion").table
    rows = _select_rows(connection, table, ("id", "asset_id"), ids)
    latest = _latest_version(
        connection, model, model.get("Asset"), {row.asset_id for row in rows.values()}
    )
    return {
        entity_id: (latest.get(row.asset_id) or {}).get("id") == entity_id
        for entity_id, row in rows.items()
    }


def _is_open(connection, model: Model, entity_type: EntityType, ids) -> dict:
    rows = _select_rows(connection, entity_type.table, ("id", "end_date"), ids)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return {
        entity_id: row.end_date is None or row.end_date > now
        for entity_id, row in rows.items()
    }


_CALCULATORS: dict[str, Calculator] = {
    "link": _link,
    "_link": _link,
    "time_logged": _time_logged,
    "bid_time_logged_difference": _bid_difference,
    "thumbnail_url": _thumbnail_url,
    "latest_version": _latest_version,
    "is_latest_version": _is_latest_version,
    "is_open": _is_open,
}
