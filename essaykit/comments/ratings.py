"""Readers' ratings: one per essay per signed reader session *and* per client address, and their mean.

A reader rates an essay once. "Once" is counted twice: per signed session
(:mod:`.sessions`), which a browser cannot mint for itself, and per client
address (IPv4 /32, IPv6 /64; :mod:`.addresses`), which dropping the cookie
does not change. So one household or office behind one IPv4 address gives
one rating per essay; the author can list and delete ratings with
``essaykit ratings list|delete``.
"""

from __future__ import annotations

from datetime import timezone

import sqlalchemy as sa

from ..db.engine import retrying
from ..db.schema import ratings as r
from ..errors import AlreadyRated, CommentError
from . import fields
from .addresses import address_keys, network_of
from .model import RatingSummary
from .statements import naive_utc


def check_rating(value: object, scale: object) -> None:
    """Refuse a scale outside 1–10 or a value that is not a whole number of stars on it."""
    if not isinstance(scale, int) or isinstance(scale, bool) or not 1 <= scale <= 10:
        raise CommentError(f"the rating scale must be a whole number from 1 to 10 (not {scale!r})", "rating")
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= scale:
        raise CommentError(f"a rating is a whole number from 1 to {scale} (not {value!r})", "rating")


#: What a reader whose address (not session) has rated is told.
FROM_ADDRESS = "this essay has already been rated from your address; each address rates an essay once"


def insert_rating(conn, essay: str, keys, value: int, scale: int) -> None:
    """Store the rating; :class:`AlreadyRated` when this session, or this address, has rated the essay."""
    exists = conn.execute(sa.select(r.c.id).where(r.c.essay == essay, r.c.session_hash == keys.session_hash)).first()
    if exists:
        raise AlreadyRated()
    if keys.address_hash and conn.execute(
            sa.select(r.c.id).where(r.c.essay == essay, r.c.address_hash == keys.address_hash)).first():
        raise AlreadyRated(FROM_ADDRESS)
    conn.execute(r.insert().values(essay=essay, session_hash=keys.session_hash, value=value, scale=scale,
                                   created=naive_utc(None), address_hash=keys.address_hash, network=keys.network))


def listing(essay: str | None):
    """Every rating (of one essay), oldest first, for ``essaykit ratings list``."""
    query = sa.select(r.c.id, r.c.essay, r.c.value, r.c.scale, r.c.created, r.c.session_hash, r.c.address_hash,
                      r.c.network).order_by(r.c.created, r.c.id)
    return query.where(r.c.essay == essay) if essay is not None else query


def delete_where(conn, *, essay: str | None, ids=(), session_prefix: str = "", address_hash: str = "",
                 network: str = "") -> int:
    """Delete the matching ratings; returns how many went. At least one condition must be given."""
    conditions = []
    if ids:
        conditions.append(r.c.id.in_(list(ids)))
    if session_prefix:
        conditions.append(r.c.session_hash.startswith(session_prefix, autoescape=True))
    if address_hash:
        conditions.append(r.c.address_hash == address_hash)
    if network:
        conditions.append(r.c.network == network)
    if not conditions:
        raise CommentError("say which ratings to delete: ids, --session, --address or --network", "id")
    query = r.delete().where(sa.or_(*conditions))
    if essay is not None:
        query = query.where(r.c.essay == essay)
    return conn.execute(query).rowcount


def summary(conn, essay: str) -> RatingSummary:
    count, average = conn.execute(sa.select(sa.func.count(), sa.func.avg(r.c.value)).where(r.c.essay == essay)).one()
    return RatingSummary(average=float(average) if count else None, count=int(count))


def rating_of(conn, essay: str, session_hash: str) -> int | None:
    """The rating a reader session gave an essay, or None."""
    return conn.execute(sa.select(r.c.value).where(r.c.essay == essay, r.c.session_hash == session_hash)).scalar()


class RatingsMixin:
    """The ratings half of :class:`~.store.CommentStore` (it brings the transactions, hashes and locks)."""

    def add_rating(self, essay: str, session: str, value: int, *, scale: int = 5, client: str = "") -> RatingSummary:
        """Record one reader's rating and return the new summary.

        Once per essay per signed reader ``session`` and per ``client`` address (see
        :mod:`.ratings`); :class:`AlreadyRated` otherwise.
        """
        essay = fields.check_slug(essay)
        check_rating(value, scale)
        if not isinstance(session, str) or not session:
            raise CommentError("a rating needs the reader's session", "session")
        keys = self.sender(session, client)

        def work() -> None:
            with self.writing() as conn:
                self.lock_essay(conn, essay)
                insert_rating(conn, essay, keys, value, scale)

        try:
            retrying(work, what="save the rating")
        except sa.exc.IntegrityError:  # two first ratings raced; the unique index kept one
            raise AlreadyRated() from None
        return self.rating_summary(essay)

    def ratings(self, essay: str | None = None) -> list[dict]:
        """Every rating (of one essay), oldest first: id, essay, value, scale, created (UTC), session
        (the first 12 characters of its salted hash), network (the address's prefix, or "")."""
        essay = None if essay is None else fields.check_slug(essay)
        with self.reading() as conn:
            rows = conn.execute(listing(essay)).all()
        return [{"id": row.id, "essay": row.essay, "value": row.value, "scale": row.scale,
                 "created": row.created.replace(tzinfo=timezone.utc), "session": row.session_hash[:12],
                 "network": row.network} for row in rows]

    def delete_ratings(self, *, essay: str | None = None, ids=(), session: str = "", address: str = "",
                       network: str = "") -> int:
        """Delete ratings by id, by session (a prefix of the hash :meth:`ratings` shows, 8+ characters),
        by client ``address`` (an IP) or by ``network`` (a prefix such as 203.0.113.0/24); any one
        match deletes. Returns how many were deleted."""
        essay = None if essay is None else fields.check_slug(essay)
        ids = [int(i) for i in ids]
        if session and (len(session) < 8 or not all(ch in "0123456789abcdef" for ch in session)):
            raise CommentError(f"the session {session!r} is not a session hash from `essaykit ratings list`; "
                               "give at least 8 of its characters", "session")
        address_hash = ""
        if address:
            exact, _ = address_keys(address)
            if not exact:
                raise CommentError(f"the address {address!r} is not an IP address", "address")
            address_hash = self.hash("address", exact)
        net = ""
        if network:
            net = network_of(network)
            if not net:
                raise CommentError(f"the network {network!r} is not an IP address or prefix such as "
                                   "203.0.113.0/24", "network")

        def work() -> int:
            with self.writing() as conn:
                return delete_where(conn, essay=essay, ids=ids, session_prefix=session, address_hash=address_hash,
                                    network=net)

        return retrying(work, what="delete ratings")

    def rating_of(self, essay: str, session: str) -> int | None:
        """The rating this reader session gave the essay, or None."""
        essay = fields.check_slug(essay)
        if not isinstance(session, str) or not session:
            return None
        with self.reading() as conn:
            return rating_of(conn, essay, self.hash("session", session))

    def rating_summary(self, essay: str) -> RatingSummary:
        """The mean of readers' ratings (None when there are none) and their count."""
        essay = fields.check_slug(essay)
        with self.reading() as conn:
            return summary(conn, essay)

