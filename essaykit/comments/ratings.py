"""Readers' ratings: one per essay and reader session, and their mean."""

from __future__ import annotations

import sqlalchemy as sa

from ..errors import AlreadyRated, CommentError
from .model import RatingSummary
from .schema import ratings as r
from .statements import naive_utc


def check_rating(value: object, scale: object) -> None:
    """Refuse a scale outside 1–10 or a value that is not a whole number of stars on it."""
    if not isinstance(scale, int) or isinstance(scale, bool) or not 1 <= scale <= 10:
        raise CommentError(f"the rating scale must be a whole number from 1 to 10 (not {scale!r})", "rating")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= scale:
        raise CommentError(f"a rating is a whole number from 1 to {scale} (not {value!r})", "rating")


def insert_rating(conn, essay: str, session_hash: str, value: int, scale: int) -> None:
    """Store the rating; :class:`AlreadyRated` when this session has rated the essay."""
    exists = conn.execute(sa.select(r.c.id).where(r.c.essay == essay, r.c.session_hash == session_hash)).first()
    if exists:
        raise AlreadyRated()
    conn.execute(r.insert().values(essay=essay, session_hash=session_hash, value=value, scale=scale,
                                   created=naive_utc(None)))


def summary(conn, essay: str) -> RatingSummary:
    count, average = conn.execute(sa.select(sa.func.count(), sa.func.avg(r.c.value)).where(r.c.essay == essay)).one()
    return RatingSummary(average=float(average) if count else None, count=int(count))


def rating_of(conn, essay: str, session_hash: str) -> int | None:
    """The rating a reader session gave an essay, or None."""
    return conn.execute(sa.select(r.c.value).where(r.c.essay == essay, r.c.session_hash == session_hash)).scalar()
