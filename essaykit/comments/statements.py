"""The SQL the comment store runs, built from :mod:`essaykit.db.schema`'s tables.

The posting path's statements are built once per process, so each post only binds values.
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from . import events
from .anchor import Anchor
from .model import TOMBSTONE_BODY, Comment
from ..db.schema import comments as c
from ..db.schema import moderation_log as log
from ..db.schema import ratings as r



def naive_utc(moment: datetime | None) -> datetime:
    """``moment`` (default: now) as the naive UTC time the tables store."""
    if moment is None:
        moment = datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(tzinfo=None)


def approved_email_of_session(conn, session_hash: str) -> str | None:
    return conn.execute(
        sa.select(c.c.email_key).where(c.c.session_hash == session_hash, c.c.status == "approved",
                                       c.c.kind == "comment", c.c.email_key != "")
        .order_by(c.c.created.desc(), c.c.id.desc()).limit(1)).scalar()


def own_held(essay: str, session_hash: str, limit: int):
    """One reader session's comments on an essay that wait for the author (pending or spam), newest first."""
    return (comment_select().where(c.c.essay == essay, c.c.session_hash == session_hash,
                                   c.c.status.in_(("pending", "spam")), c.c.kind == "comment")
            .order_by(c.c.created.desc(), c.c.id.desc()).limit(limit))


# --- comments as readers see them ------------------------------------------------------

def comment_select():
    """Every column a :class:`Comment` needs, with the parent's public id."""
    p = c.alias("p")
    return sa.select(
        c.c.id, c.c.public_id, c.c.essay, p.c.public_id.label("parent_public"), c.c.depth, c.c.author,
        c.c.email, c.c.website, c.c.body, c.c.created, c.c.status, c.c.kind, c.c.source_url, c.c.title, c.c.site,
        c.c.by_author, c.c.spam_score, c.c.spam_reason, c.c.load_seconds, c.c.anchor_exact, c.c.anchor_prefix,
        c.c.anchor_suffix, c.c.anchor_start, c.c.anchor_end, c.c.anchor_block, c.c.anchor_spoiler, c.c.edited_at,
        c.c.identity, c.c.revision,
    ).select_from(c.outerjoin(p, c.c.parent_id == p.c.id))


def to_comment(row, *, avatar: str, depth: int | None = None) -> Comment:
    return Comment(
        id=row.public_id, essay=row.essay, parent=row.parent_public, author=row.author, email=row.email,
        website=row.website, body=row.body, created=row.created.replace(tzinfo=timezone.utc),
        status=row.status, kind=row.kind, source_url=row.source_url,
        depth=row.depth if depth is None else depth, avatar=avatar if row.kind == "comment" else "",
        by_author=bool(getattr(row, "by_author", False)),
        title=row.title, site=getattr(row, "site", ""), spam_score=getattr(row, "spam_score", None),
        spam_reason=getattr(row, "spam_reason", ""), load_seconds=getattr(row, "load_seconds", None),
        anchor=stored_anchor(row),
        edited=row.edited_at.replace(tzinfo=timezone.utc) if getattr(row, "edited_at", None) else None,
        identity=getattr(row, "identity", ""), verified=getattr(row, "identity", "").partition(":")[0],
        revision=getattr(row, "revision", None),
    )


def stored_anchor(row) -> Anchor | None:
    """A row's anchor, None when it has none (or the row was selected without it)."""
    if not getattr(row, "anchor_exact", ""):
        return None
    return Anchor(exact=row.anchor_exact, prefix=row.anchor_prefix, suffix=row.anchor_suffix,
                  start=row.anchor_start, end=row.anchor_end, block=row.anchor_block, spoiler=bool(row.anchor_spoiler))


def anchor_columns(anchor: Anchor | None) -> dict:
    """The values of a comment row's anchor columns."""
    if anchor is None:
        return {"anchor_exact": "", "anchor_prefix": "", "anchor_suffix": "", "anchor_start": None,
                "anchor_end": None, "anchor_block": "", "anchor_spoiler": False}
    return {"anchor_exact": anchor.exact, "anchor_prefix": anchor.prefix, "anchor_suffix": anchor.suffix,
            "anchor_start": anchor.start, "anchor_end": anchor.end, "anchor_block": anchor.block,
            "anchor_spoiler": anchor.spoiler}


def to_tombstone(row, depth: int) -> Comment:
    """A comment no longer shown whose approved replies keep its place: no name, no body."""
    return Comment(
        id=row.public_id, essay=row.essay, parent=row.parent_public, author="", email="", website="",
        body=TOMBSTONE_BODY, created=row.created.replace(tzinfo=timezone.utc), status="deleted",
        kind=row.kind, source_url="", depth=depth, avatar="",
    )


def where(essay: str | None = None, status: str | None = None, *, kind: str | None = None,
          mentions: bool = False, public_id: str | None = None):
    """:func:`comment_select` narrowed to one essay, status, kind or id, oldest first."""
    query = comment_select()
    if essay is not None:
        query = query.where(c.c.essay == essay)
    if status is not None:
        query = query.where(c.c.status == status)
    if mentions:
        query = query.where(c.c.kind != "comment")
    if public_id is not None:
        query = query.where(c.c.public_id == public_id)
    return query.order_by(c.c.created, c.c.id)


def thread_skeleton(essay: str):
    return sa.select(c.c.id, c.c.parent_id, c.c.status).where(c.c.essay == essay, c.c.kind == "comment") \
        .order_by(c.c.created, c.c.id)


def rows_by_id(ids: list[int]):
    return comment_select().where(c.c.id.in_(ids))


def backup(essay: str | None):
    """Every comment in id order: parents before replies."""
    query = comment_select()
    if essay is not None:
        query = query.where(c.c.essay == essay)
    return query.order_by(c.c.id)


def fingerprint_parts(conn, essay: str) -> str:
    """Counts and highest ids of the essay's comments, log entries and ratings."""
    comment_part = conn.execute(sa.select(sa.func.count(), sa.func.max(c.c.id)).where(c.c.essay == essay)).one()
    log_part = conn.execute(
        sa.select(sa.func.count(), sa.func.max(log.c.id)).select_from(log.join(c, log.c.comment_id == c.c.id))
        .where(c.c.essay == essay)
    ).one()
    rating_part = conn.execute(sa.select(sa.func.count(), sa.func.sum(r.c.value)).where(r.c.essay == essay)).one()
    return f"{tuple(comment_part)}{tuple(log_part)}{tuple(rating_part)}"


# --- moderation -----------------------------------------------------------------------

def status_of(public_id: str):
    return sa.select(c.c.id, c.c.status).where(c.c.public_id == public_id)


def change_status(conn, row, status: str, *, by: str, reason: str, at: datetime) -> None:
    """The one place a comment's status changes; publishing one tells the listeners (:mod:`.events`)."""
    conn.execute(c.update().where(c.c.id == row.id).values(status=status))
    conn.execute(log.insert().values(comment_id=row.id, old=row.status, new=status, by=by, reason=reason, at=at))
    if status == "approved" and row.status != "approved":
        events.published(conn, row.id, at)


def history(public_id: str):
    return (sa.select(log.c.old, log.c.new, log.c.by, log.c.reason, log.c.at)
            .select_from(log.join(c, log.c.comment_id == c.c.id))
            .where(c.c.public_id == public_id).order_by(log.c.id))
