"""The context tree (``ancestors``, ``descendants``) as a recursive query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

#: Column names of :func:`tree_pairs`.
OWNER = "owner"
RELATED = "related"
DEPTH = "depth"


def tree_pairs(
    table: sa.Table, direction: str, start: Sequence[Any] | None = None
) -> Any:
    """Return a recursive CTE of (owner, related, depth) rows of the context tree.

    *direction* is ``"ancestors"`` (related rows above the owner, depth 1 for
    the parent) or ``"descendants"`` (below it, depth 1 for the children).
    *start* limits the owners to these ids; None walks the whole tree.
    """
    first = table.alias()
    step = table.alias()
    upwards = direction == "ancestors"
    owner, related = (first.c.id, first.c.parent_id)
    if not upwards:
        owner, related = related, owner
    base = sa.select(
        owner.label(OWNER), related.label(RELATED), sa.literal(1).label(DEPTH)
    ).where(first.c.parent_id.is_not(None))
    if start is not None:
        base = base.where(owner.in_(start))
    pairs = base.cte(recursive=True)
    previous = pairs.alias()
    if upwards:
        follow = sa.select(
            previous.c[OWNER], step.c.parent_id, previous.c[DEPTH] + 1
        ).where(step.c.id == previous.c[RELATED], step.c.parent_id.is_not(None))
    else:
        follow = sa.select(previous.c[OWNER], step.c.id, previous.c[DEPTH] + 1).where(
            step.c.parent_id == previous.c[RELATED]
        )
    return pairs.union_all(follow)
