"""Readers who follow the blog by email: the follow request, its double opt-in, the essays' emails.

Followers reuse the reply subscriptions' machinery (:mod:`.outbox`): the same
outbox and sender, the same signed ``confirm`` and ``unsubscribe`` links and
their pages (:mod:`.handlers`; a follower's token starts with
:data:`TOKEN_PREFIX`, so the pages know which kind of row a link names), and
the same record of each address (verified, "never email me again", bounced).

Each message has a ``dedupe`` key under the outbox's unique index:

* ``follow:<follower>:<day>``: a confirmation; at most one a day per address
  while it is unanswered (:data:`.outbox.CONFIRM_EVERY`), whoever asks;
* ``essay:<slug>:<follower>``: one email per follower per essay, however often
  ``essaykit followers send`` or ``essaykit build --notify-followers`` runs, on
  however many machines (an insert that meets the key does nothing).

A Follow request never tells the requester anything about the address: the
answer is the same for a new, pending, active, unsubscribed or bounced one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..db.schema import mail_essays as essays
from ..db.schema import mail_follow_requests as requests
from ..db.schema import mail_followers as followers
from ..db.schema import mail_outbox as outbox_table
from ..errors import RateLimited
from . import outbox

#: Follower tokens start with this; reply subscription tokens are bare hex.
TOKEN_PREFIX = "follow-"
#: Follow form posts one client address / one network may make in an hour (like comments' limits).
PER_ADDRESS_HOUR = 10
PER_NETWORK_HOUR = 30
HOUR = 3600
#: How many followers' rows one statement inserts when an essay is queued.
QUEUE_CHUNK = 1000


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_hex(16)


def is_follower_token(token: str) -> bool:
    return token.startswith(TOKEN_PREFIX)


def by_token(conn, token: str):
    return conn.execute(sa.select(followers).where(followers.c.token == token)).first()


def by_id(conn, follower_id: int | None):
    if follower_id is None:
        return None
    return conn.execute(sa.select(followers).where(followers.c.id == follower_id)).first()


def batch(conn, ids) -> dict:
    """``{id: (follower row, reachable)}`` for a claimed batch of messages, in one query."""
    from ..db.schema import mail_addresses as addresses

    query = (sa.select(followers, addresses.c.blocked_at, addresses.c.bounced_at)
             .select_from(followers.outerjoin(addresses, addresses.c.email_key == followers.c.email_key))
             .where(followers.c.id.in_(list(ids))))
    return {row.id: (row, row.blocked_at is None and row.bounced_at is None) for row in conn.execute(query)}


def by_email(conn, email: str):
    return conn.execute(sa.select(followers).where(followers.c.email_key == outbox.email_key(email))).first()


# --- the Follow form -------------------------------------------------------------------


def check_rate(conn, *, address_hash: str, network: str, moment: datetime) -> None:
    """RateLimited when this client address or its network posted the form too often this hour."""
    since = moment - timedelta(seconds=HOUR)
    for column, value, limit, who in ((requests.c.address_hash, address_hash, PER_ADDRESS_HOUR, "your address"),
                                      (requests.c.network, network, PER_NETWORK_HOUR, "your network")):
        if not value:
            continue
        count = conn.execute(sa.select(sa.func.count()).where(column == value, requests.c.created > since)).scalar()
        if count >= limit:
            raise RateLimited(f"many follow requests came from {who} in the last hour; please try again later",
                              "email", retry_after=HOUR)


def request(conn, email: str, *, address_hash: str, network: str, moment: datetime) -> None:
    """A reader asked to follow with ``email`` (already checked): record the request and, when the
    address may get mail and has no confirmation from the last day, queue one. Says nothing back."""
    check_rate(conn, address_hash=address_hash, network=network, moment=moment)
    conn.execute(requests.insert().values(address_hash=address_hash, network=network, created=moment))
    row = by_email(conn, email)
    if row is None:
        conn.execute(followers.insert().values(token=new_token(), email=email, email_key=outbox.email_key(email),
                                               state="requested", source="form", created=moment, consent_at=None))
        row = by_email(conn, email)
    elif row.state == "active":
        return  # already following: nothing to confirm, and the answer does not say so
    elif row.state == "unsubscribed":
        conn.execute(followers.update().where(followers.c.id == row.id).values(state="requested", source="form"))
    if not outbox.reachable(conn, row.email):
        return
    recent = conn.execute(sa.select(outbox_table.c.id).where(
        outbox_table.c.kind == "follow", outbox_table.c.follower_id == row.id,
        outbox_table.c.created > moment - outbox.CONFIRM_EVERY)).first()
    if recent is None:
        outbox.enqueue(conn, dedupe=f"follow:{row.id}:{moment:%Y-%m-%d}", kind="follow", recipient=row.email,
                       comment_id="", moment=moment, follower_id=row.id)


def confirm(conn, token: str, moment: datetime):
    """Confirm the follower with ``token`` (the double opt-in's POST); the address is verified. Its row."""
    row = by_token(conn, token)
    if row is None or row.state == "unsubscribed":
        return row
    if row.state == "requested":
        conn.execute(followers.update().where(followers.c.id == row.id)
                     .values(state="active", consent_at=moment, source="form"))
    outbox.upsert_address(conn, row.email_key, verified_at=moment, blocked_at=None)
    return by_token(conn, token)


def unsubscribe(conn, token: str, *, everything: bool, moment: datetime):
    """Stop following (``everything``: no email of any kind to the address). Its row, or None."""
    row = by_token(conn, token)
    if row is None:
        return None
    stop(conn, [row.id], moment=moment)
    if everything:
        outbox.upsert_address(conn, row.email_key, blocked_at=moment)
    return by_token(conn, token)


def stop(conn, ids: list[int], *, moment: datetime, why: str = "unsubscribed") -> None:
    """These followers get nothing more: unsubscribed, and what is queued for them is skipped."""
    conn.execute(followers.update().where(followers.c.id.in_(ids)).values(state="unsubscribed"))
    conn.execute(outbox_table.update().where(outbox_table.c.follower_id.in_(ids), outbox_table.c.state == "queued")
                 .values(state="skipped", last_error=why))


# --- essays ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Announcement:
    """What the email about one published essay says (spoiler-free: see :mod:`.follow_messages`)."""

    slug: str
    title: str
    url: str
    text: str
    spoilers: bool


def queue_essay(conn, item: Announcement, *, moment: datetime) -> int:
    """One ``essay`` message per active follower not sent this essay before; how many were queued now."""
    values = {"title": item.title[:400], "url": item.url[:2000], "text": item.text, "spoilers": item.spoilers}
    conn.execute(_insert(conn, essays).values(slug=item.slug, queued_at=moment, **values)
                 .on_conflict_do_update(index_elements=["slug"], set_=values))
    ids = conn.execute(sa.select(followers.c.id, followers.c.email).where(followers.c.state == "active")
                       .order_by(followers.c.id)).all()
    insert = _insert(conn, outbox_table).on_conflict_do_nothing(index_elements=["dedupe"])
    mine = sa.select(sa.func.count()).where(outbox_table.c.kind == "essay", outbox_table.c.essay == item.slug)
    before = conn.execute(mine).scalar()
    for start in range(0, len(ids), QUEUE_CHUNK):
        rows = [{"message_id": secrets.token_hex(16), "dedupe": f"essay:{item.slug}:{row.id}", "kind": "essay",
                 "recipient": row.email, "comment_id": "", "essay": item.slug, "follower_id": row.id,
                 "state": "queued", "attempts": 0, "next_attempt": moment, "claimed_by": "", "last_error": "",
                 "created": moment} for row in ids[start:start + QUEUE_CHUNK]]
        conn.execute(insert, rows)
    return conn.execute(mine).scalar() - before  # a batch's rowcount is not reported for ON CONFLICT on every driver


def _insert(conn, table):
    """An ``INSERT`` that can say ``ON CONFLICT``: a row another run or another machine wrote at the
    same moment (its key exists) is left alone or updated, without failing the transaction."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def essay(conn, slug: str):
    return conn.execute(sa.select(essays).where(essays.c.slug == slug)).first()


# --- the author's list ----------------------------------------------------------------


def listing(conn, state: str | None = None):
    query = sa.select(followers).order_by(followers.c.id)
    if state:
        query = query.where(followers.c.state == state)
    return conn.execute(query).all()


def remove(conn, emails: list[str], *, moment: datetime) -> list[str]:
    """Unsubscribe these addresses (the author's decision); the ones that were followers."""
    keys = [outbox.email_key(e) for e in emails]
    rows = conn.execute(sa.select(followers.c.id, followers.c.email).where(followers.c.email_key.in_(keys))).all()
    stop(conn, [r.id for r in rows], moment=moment, why="removed by the author")
    return [r.email for r in rows]


def add_imported(conn, email: str, consent_at: datetime, source: str, *, moment: datetime) -> str:
    """An imported follower who consented elsewhere: "added", "known" (already here) or "unsubscribed"
    (they left, or asked for no mail: an import never brings them back)."""
    row = by_email(conn, email)
    if row is not None:
        return "unsubscribed" if row.state == "unsubscribed" else "known"
    if not outbox.reachable(conn, email):
        return "unsubscribed"
    conn.execute(followers.insert().values(token=new_token(), email=email, email_key=outbox.email_key(email),
                                           state="active", source=source[:400], created=moment,
                                           consent_at=consent_at))
    return "added"
