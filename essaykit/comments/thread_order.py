"""The order a thread is shown in: each reply right after its parent, oldest first."""

from __future__ import annotations


def display_order(skeleton, stop: int) -> tuple[list[tuple[int, int]], int]:
    """The first ``stop`` (row id, depth) pairs in thread order, and how many rows are shown in all.

    ``skeleton`` is (id, parent_id, status) rows, oldest first. A row is
    shown when it is approved or has a shown descendant; a shown row that is
    not approved becomes a tombstone. Only the rows up to ``stop`` are put in
    order, so the first page of a huge thread costs little more than a count.
    """
    children: dict[int | None, list[int]] = {}
    for row_id, parent_id, _ in skeleton:
        children.setdefault(parent_id, []).append(row_id)
    shown = {row_id for row_id, _, status in skeleton if status == "approved"}
    # A reply's row id is always larger than its parent's (the parent must
    # exist first), so going down by id settles children before parents, even
    # when imported times put a reply before its parent.
    for row_id in sorted((r[0] for r in skeleton if r[2] != "approved"), reverse=True):
        if any(k in shown for k in children.get(row_id, ())):
            shown.add(row_id)
    order: list[tuple[int, int]] = []
    stack = [(row_id, 0) for row_id in reversed(children.get(None, []))]
    while stack and len(order) < stop:
        row_id, depth = stack.pop()
        if row_id not in shown:
            continue
        order.append((row_id, depth))
        kids = children.get(row_id)
        if kids:
            stack.extend((k, depth + 1) for k in reversed(kids))
    return order, len(shown)
