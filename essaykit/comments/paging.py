"""One page of an essay's thread, found by key, not by OFFSET: the query behind "Show more".

A page holds ``per_page`` *conversations*: top-level comments in order of
``(created, id)``, each followed by its replies (depth first, oldest first),
exactly the order of :meth:`CommentStore.thread`. The next page starts after
the last top-level key of this one, so the hundredth "Show more" costs what
the first does:

* ``after`` (the opaque :attr:`KeysetPage.next` of the previous page) seeks
  straight to the key through the ``(essay, created)`` index;
* ``page=N`` first finds its starting key with one narrow scan over the keys
  of top-level comments (no comment rows are read), then seeks the same way.

Replies come from one recursive query under the page's top-level comments.
A comment that is no longer approved but has approved replies is shown as a
``[deleted]`` tombstone, as everywhere else.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache

import sqlalchemy as sa

from ..db.schema import comments as c
from ..errors import CommentError
from . import fields
from .model import TOMBSTONE_BODY, Comment
from .statements import stored_anchor

MAX_PER_PAGE = 500


@dataclass(frozen=True)
class KeysetPage:
    """Comments in display order; ``next`` is the cursor of the following page, or None at the end."""

    items: list[Comment]
    total: int
    page: int | None
    per_page: int
    next: str | None


#: One past the largest row id a database holds (a signed 64-bit integer).
MAX_ROW_ID = 2**63


def encode_cursor(created: datetime, row_id: int) -> str:
    text = f"{created.strftime('%Y%m%d%H%M%S%f')}.{row_id}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: object) -> tuple[datetime, int]:
    """The key in a cursor; CommentError (field ``after``) when it is not one we made."""
    try:
        if not isinstance(cursor, str) or not 4 <= len(cursor) <= 64:
            raise ValueError
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        stamp, row_id = text.split(".")
        key = datetime.strptime(stamp, "%Y%m%d%H%M%S%f"), int(row_id)
        if not 0 < key[1] < MAX_ROW_ID:  # a larger id overflows SQLite's and PostgreSQL's integers
            raise ValueError
        return key
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise CommentError("the 'after' cursor is not valid; use the 'next' value of the previous page", "after") from None


def _root_filter():
    kid = c.alias("kid")
    return sa.and_(
        c.c.essay == sa.bindparam("essay"), c.c.kind == "comment", c.c.parent_id.is_(None),
        sa.or_(c.c.status == "approved", sa.exists(sa.select(kid.c.id).where(kid.c.parent_id == c.c.id))),
    )


@cache
def _statements():
    bind = sa.bindparam
    roots = _root_filter()
    key = sa.tuple_(c.c.created, c.c.id)
    first_roots = (sa.select(c.c.id, c.c.created).where(roots).order_by(c.c.created, c.c.id)
                   .limit(bind("limit")))
    roots_after = (sa.select(c.c.id, c.c.created)
                   .where(roots, key > sa.tuple_(bind("after_created", type_=c.c.created.type),
                                                 bind("after_id", type_=c.c.id.type)))
                   .order_by(c.c.created, c.c.id).limit(bind("limit")))
    boundary = (sa.select(c.c.id, c.c.created).where(roots).order_by(c.c.created, c.c.id)
                .offset(bind("skip")).limit(1))
    # Everything under the page's top-level comments, one recursive query.
    below = sa.select(c.c.id).where(c.c.id.in_(bind("roots", expanding=True))).cte("below", recursive=True)
    kid = c.alias("k")
    below = below.union_all(sa.select(kid.c.id).where(kid.c.parent_id == below.c.id))
    parent = c.alias("p")
    rows = (sa.select(c.c.id, c.c.public_id, c.c.essay, c.c.parent_id, parent.c.public_id.label("parent_public"),
                      c.c.author, c.c.email, c.c.website, c.c.body, c.c.created, c.c.status, c.c.kind,
                       c.c.by_author, c.c.anchor_exact, c.c.anchor_prefix, c.c.anchor_suffix, c.c.anchor_start,
                       c.c.anchor_end, c.c.anchor_block, c.c.anchor_spoiler, c.c.edited_at, c.c.revision)
            .select_from(c.outerjoin(parent, c.c.parent_id == parent.c.id))
            .where(c.c.id.in_(sa.select(below.c.id)), c.c.kind == "comment"))
    # Shown = approved, plus the not-approved ancestors of approved replies (tombstones).
    approved = sa.select(sa.func.count()).where(c.c.essay == bind("essay"), c.c.kind == "comment",
                                                c.c.status == "approved")
    up = (sa.select(c.c.parent_id.label("id"))
          .where(c.c.essay == bind("essay"), c.c.kind == "comment", c.c.status == "approved",
                 c.c.parent_id.is_not(None))
          .cte("up", recursive=True))
    anc = c.alias("a")
    up = up.union(sa.select(anc.c.parent_id).where(anc.c.id == up.c.id, anc.c.parent_id.is_not(None)))
    tombstones = sa.select(sa.func.count()).where(c.c.id.in_(sa.select(up.c.id)), c.c.status != "approved")
    return first_roots, roots_after, boundary, rows, approved, tombstones


def shown_total(conn, essay: str) -> int:
    """How many comments the thread shows: the approved ones and the tombstones above approved replies."""
    *_, approved, tombstones = _statements()
    count = conn.execute(approved, {"essay": essay}).scalar_one()
    if count:
        count += conn.execute(tombstones, {"essay": essay}).scalar_one()
    return count


def thread_page(store, essay: str, *, per_page: int = 50, page: int | None = None,
                after: str | None = None) -> KeysetPage:
    """A page of ``essay``'s thread: ``after`` a cursor, else page number ``page`` (default 1)."""
    essay = fields.check_slug(essay)
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise CommentError(f"per_page must be a whole number from 1 to {MAX_PER_PAGE} (not {per_page!r})", "per_page")
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
        raise CommentError(f"page must be a whole number from 1 (not {page!r})", "page")
    key = decode_cursor(after) if after is not None else None
    first_roots, roots_after, boundary, rows_query, *_ = _statements()
    with store.reading() as conn:
        total = shown_total(conn, essay)
        if key is None and page and page > 1:
            row = conn.execute(boundary, {"essay": essay, "skip": (page - 1) * per_page - 1}).first()
            key = (row.created, row.id) if row is not None else None
            if key is None:
                return KeysetPage([], total, page, per_page, None)
        if key is None:
            roots = conn.execute(first_roots, {"essay": essay, "limit": per_page + 1}).all()
        else:
            roots = conn.execute(roots_after, {"essay": essay, "limit": per_page + 1,
                                               "after_created": key[0], "after_id": key[1]}).all()
        more = len(roots) > per_page
        roots = roots[:per_page]
        rows = conn.execute(rows_query, {"roots": [r.id for r in roots]}).all() if roots else []
    items = _display(roots, rows, store)
    next_cursor = encode_cursor(roots[-1].created, roots[-1].id) if more and roots else None
    return KeysetPage(items, total, page if after is None else None, per_page, next_cursor)


def _display(roots, rows, store) -> list[Comment]:
    children: dict[int, list] = {}
    by_id = {}
    for row in sorted(rows, key=lambda r: (r.created, r.id)):
        by_id[row.id] = row
        if row.parent_id is not None:
            children.setdefault(row.parent_id, []).append(row)
    shown: set[int] = {r.id for r in rows if r.status == "approved"}
    # A reply's id is larger than its parent's: going down by id settles children first.
    for row in sorted(rows, key=lambda r: r.id, reverse=True):
        if row.id not in shown and any(k.id in shown for k in children.get(row.id, ())):
            shown.add(row.id)
    items: list[Comment] = []
    stack = [(by_id[r.id], 0) for r in reversed(roots) if r.id in by_id]
    while stack:
        row, depth = stack.pop()
        if row.id not in shown:
            continue
        items.append(_comment(row, depth, store))
        stack.extend((k, depth + 1) for k in reversed(children.get(row.id, ())))
    return items


def _comment(row, depth: int, store) -> Comment:
    created = row.created.replace(tzinfo=timezone.utc)
    if row.status != "approved":
        return Comment(id=row.public_id, essay=row.essay, parent=row.parent_public, author="", email="", website="",
                       body=TOMBSTONE_BODY, created=created, status="deleted", kind=row.kind, source_url="",
                       depth=depth, avatar="")
    return Comment(id=row.public_id, essay=row.essay, parent=row.parent_public, author=row.author, email="",
                   website=row.website, body=row.body, created=created, status=row.status, kind=row.kind,
                   source_url="", depth=depth, avatar=store.avatar_hash(row.email), by_author=row.by_author,
                    anchor=stored_anchor(row),
                    edited=row.edited_at.replace(tzinfo=timezone.utc) if row.edited_at else None,
                    revision=row.revision)
