"""Collections written in create and update payloads (replace semantics).

A payload gives the whole new content of a collection as entity references.
One-to-many collections point the listed items at the owner and detach the
others (metadata rows not listed are deleted: they cannot exist without
their owner); many-to-many collections rewrite their link rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from ftrack_api.local.batch import Batch, Context, chunks
from ftrack_api.local.errors import (
    ImmutableAttributeError,
    NotFoundError,
    ValidationError,
)
from ftrack_api.local.model import Attribute, EntityType

#: Collections whose items cannot exist without their owner.
OWNED_TARGETS = {"Metadata"}
#: Collections the client sends but the server maintains by itself.
IGNORED = {"custom_attributes", "custom_attribute_links", "custom_attribute_links_from"}


def replace(
    batch: Batch,
    owner_type: EntityType,
    owner_key: tuple,
    attribute: Attribute,
    value: Any,
    context: Context,
) -> None:
    """Make collection *attribute* of the owner hold exactly *value*."""
    if attribute.name in IGNORED:
        return
    join = attribute.join
    assert join is not None and attribute.target is not None
    if join.tree:
        raise ImmutableAttributeError(
            f"{context.describe()}: {owner_type.name}.{attribute.name} is derived "
            "from the context tree and cannot be set."
        )
    target = batch.model.get(attribute.target)
    keys = _item_keys(target, attribute, value, context)
    batch.flush()
    if join.link_table is not None:
        _replace_links(batch, owner_key, attribute, keys)
    else:
        _replace_one_to_many(
            batch, owner_type, owner_key, attribute, target, keys, context
        )


def _item_keys(
    target: EntityType, attribute: Attribute, value: Any, context: Context
) -> list[tuple]:
    if not isinstance(value, list):
        raise ValidationError(
            f"{context.describe()}: {attribute.name} must be a list of entity "
            f"references, not {value!r}."
        )
    keys = []
    for item in value:
        if not isinstance(item, Mapping) or not all(
            name in item for name in target.primary_key
        ):
            raise ValidationError(
                f"{context.describe()}: {attribute.name} item {item!r} is not a "
                f"reference to a {target.name}."
            )
        keys.append(tuple(item[name] for name in target.primary_key))
    return keys


def _replace_links(
    batch: Batch, owner_key: tuple, attribute: Attribute, keys: list[tuple]
) -> None:
    join = attribute.join
    assert join is not None and join.link_table is not None
    link = join.link_table
    local, remote = join.link_local or "", join.link_remote or ""
    owner_id = owner_key[0]
    batch.connection.execute(link.delete().where(link.c[local] == owner_id))
    rows = [{local: owner_id, remote: key[0]} for key in dict.fromkeys(keys)]
    if rows:
        batch.connection.execute(link.insert(), rows)


def _replace_one_to_many(
    batch: Batch,
    owner_type: EntityType,
    owner_key: tuple,
    attribute: Attribute,
    target: EntityType,
    keys: list[tuple],
    context: Context,
) -> None:
    join = attribute.join
    assert join is not None
    table = target.table
    names = target.primary_key
    owned = dict(zip(join.remote, owner_key, strict=False))
    owned.update(join.where)
    if "parent_type" in table.c and join.remote == ("parent_id",):
        owned["parent_type"] = owner_type.name
    current_filter = sa.and_(
        *(
            table.c[column] == value
            for column, value in zip(join.remote, owner_key, strict=False)
        ),
        *(table.c[column] == value for column, value in join.where.items()),
    )
    keep = set(keys)
    existing = [
        tuple(row)
        for row in batch.connection.execute(
            sa.select(*(table.c[name] for name in names)).where(current_filter)
        )
    ]
    dropped = [key for key in existing if key not in keep]
    if dropped and (attribute.target in OWNED_TARGETS or set(join.remote) & set(names)):
        _delete_keys(batch, target, dropped)
    elif dropped:
        _set_keys(batch, target, dropped, dict.fromkeys(join.remote))
    added = [key for key in keys if key not in set(existing)]
    if added:
        _check_exist(batch, target, added, attribute, context)
        _set_keys(batch, target, added, owned)


def _set_keys(
    batch: Batch, target: EntityType, keys: list[tuple], values: dict
) -> None:
    table = target.table
    names = target.primary_key
    statement = (
        table.update()
        .where(
            sa.and_(*(table.c[name] == sa.bindparam(f"key_{name}") for name in names))
        )
        .values(values)
    )
    parameters = [
        {f"key_{n}": v for n, v in zip(names, key, strict=False)} for key in keys
    ]
    batch.connection.execute(statement, parameters)


def _delete_keys(batch: Batch, target: EntityType, keys: list[tuple]) -> None:
    table = target.table
    names = target.primary_key
    for part in chunks(keys):
        batch.connection.execute(
            table.delete().where(sa.tuple_(*(table.c[n] for n in names)).in_(part))
        )
    batch.forget(target, keys)


def _check_exist(
    batch: Batch, target: EntityType, keys: list[tuple], attribute: Attribute, context
) -> None:
    table = target.table
    names = target.primary_key
    found: set[tuple] = set()
    for part in chunks(keys):
        result = batch.connection.execute(
            sa.select(*(table.c[n] for n in names)).where(
                sa.tuple_(*(table.c[n] for n in names)).in_(part)
            )
        )
        found.update(tuple(row) for row in result)
    for key in keys:
        if key not in found:
            raise NotFoundError(
                f"{context.describe()}: {attribute.name} names {target.name} "
                f"{key!r}, which does not exist."
            )
