"""The mail outbox in the comment database: what to send is written with the event that causes it.

This module listens to the comments' events (:mod:`essaykit.comments.events`,
registered in ``pyproject.toml``), which the store raises inside its own write
transactions, so a message exists if and only if its event was committed:

* :func:`posted` (a comment was stored): the author hears about every new
  comment that is held or published; a reader who ticked "Notify me of
  replies" gets a subscription;
* :func:`published` (a comment became visible: at posting, on approval, or
  the author's own reply): the commenter's confirmation email (double
  opt-in), and one email to the confirmed subscriber of the comment it
  replies to;
* :func:`held_by_edit` (its writer's edit sent a published comment back to
  moderation): the author hears about it again, with the new words.

So nobody but the author hears about a comment that is not approved. Each
message has a ``dedupe`` key (``author:<id>``, ``edited:<id>:<time>``, ``confirm:<subscription>``,
``reply:<id>:<subscription>``) with a unique index: approving a comment
twice, or after a retried transaction, never queues a second message.

The rest is for the sender (:mod:`essaykit.mail.worker`): :func:`claim`
leases due rows, :func:`mark_sent` / :func:`retry_later` / :func:`give_up`
record what happened. On PostgreSQL the claim is ``FOR UPDATE SKIP LOCKED``
in one short transaction (no session state, so it works behind PgBouncer in
transaction mode); on SQLite ``BEGIN IMMEDIATE`` already serialises writers.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..comments.events import Posted
from ..db.lookup import normalise_email
from ..db.schema import comments as c
from ..db.schema import mail_addresses as addresses
from ..db.schema import mail_outbox as outbox
from ..db.schema import mail_subscriptions as subs

#: The messages to the author about a comment (their own hourly limit, --author-per-hour).
AUTHOR_KINDS = ("author", "edited")
#: A second confirmation email to one address waits this long after the first that is still unanswered.
CONFIRM_EVERY = timedelta(hours=24)


def email_key(email: str) -> str:
    """The form of an address that subscriptions, verification and bounces are keyed on: the one
    :func:`essaykit.db.lookup.normalise_email` moderation uses, so the comments' ``email_key`` matches too."""
    return normalise_email(email)


def enqueue(conn, *, dedupe: str, kind: str, recipient: str, comment_id: str, moment: datetime,
            subscription_id: int | None = None, follower_id: int | None = None, essay: str = "") -> bool:
    """Queue one message unless its ``dedupe`` key is already queued; True when queued now."""
    if conn.execute(sa.select(outbox.c.id).where(outbox.c.dedupe == dedupe)).first() is not None:
        return False
    conn.execute(outbox.insert().values(
        message_id=secrets.token_hex(16), dedupe=dedupe, kind=kind, recipient=recipient, comment_id=comment_id,
        subscription_id=subscription_id, follower_id=follower_id, essay=essay, state="queued", attempts=0,
        next_attempt=moment, claimed_by="", last_error="", created=moment,
    ))
    return True


def _address(conn, key: str):
    return conn.execute(sa.select(addresses).where(addresses.c.email_key == key)).first()


def _reachable(row) -> bool:
    """Neither blocked by its owner nor bounced."""
    return row is None or (row.blocked_at is None and row.bounced_at is None)


def posted(conn, event: Posted) -> None:
    """A comment was stored: tell the author (held or published; not about their own reply),
    record a reply subscription, and if it is published, what :func:`published` sends."""
    moment = event.moment
    if event.tell_author and event.status in ("pending", "approved"):
        enqueue(conn, dedupe=f"author:{event.public_id}", kind="author", recipient="", comment_id=event.public_id,
                 moment=moment)
    if event.notify and event.email:
        key = email_key(event.email)
        known = _address(conn, key)
        state = "active" if known is not None and known.verified_at is not None else "requested"
        conn.execute(subs.insert().values(token=secrets.token_hex(16), comment_id=event.row_id, email=event.email,
                                          email_key=key, state=state, created=moment,
                                          confirmed_at=moment if state == "active" else None))
    if event.status == "approved":
        published(conn, event.row_id, moment)


def held_by_edit(conn, public_id: str, moment: datetime) -> None:
    """A published comment's writer edited it back to ``pending``: tell the author, once per such edit."""
    enqueue(conn, dedupe=f"edited:{public_id}:{moment.isoformat()}", kind="edited", recipient="",
            comment_id=public_id, moment=moment)


def published(conn, row_id: int, moment: datetime) -> None:
    """A comment became visible to readers: its subscriber's confirmation, its parent's reply notice."""
    row = conn.execute(sa.select(c.c.id, c.c.public_id, c.c.parent_id, c.c.email_key, c.c.kind)
                       .where(c.c.id == row_id)).first()
    if row is None or row.kind != "comment":
        return
    own = conn.execute(sa.select(subs).where(subs.c.comment_id == row.id)).first()
    if own is not None and own.state == "requested" and _reachable(_address(conn, own.email_key)):
        pending_confirm = conn.execute(
            sa.select(outbox.c.id).select_from(outbox.join(subs, outbox.c.subscription_id == subs.c.id))
            .where(subs.c.email_key == own.email_key, subs.c.state == "requested", outbox.c.kind == "confirm",
                   outbox.c.created > moment - CONFIRM_EVERY)
        ).first()
        # One unanswered confirmation a day per address: confirming it activates every request of that address.
        if pending_confirm is None:
            enqueue(conn, dedupe=f"confirm:{own.id}", kind="confirm", recipient=own.email, comment_id=row.public_id,
                     subscription_id=own.id, moment=moment)
    if row.parent_id is None:
        return
    parent = conn.execute(sa.select(subs).where(subs.c.comment_id == row.parent_id, subs.c.state == "active")).first()
    if parent is None or parent.email_key == row.email_key:  # nobody is told about their own reply
        return
    if _reachable(_address(conn, parent.email_key)):
        enqueue(conn, dedupe=f"reply:{row.public_id}:{parent.id}", kind="reply", recipient=parent.email,
                 comment_id=row.public_id, subscription_id=parent.id, moment=moment)


# --- subscriptions and addresses (the links in the emails) ---------------------------------


def subscription(conn, token: str):
    return conn.execute(sa.select(subs).where(subs.c.token == token)).first()


def subscription_by_id(conn, subscription_id: int | None):
    if subscription_id is None:
        return None
    return conn.execute(sa.select(subs).where(subs.c.id == subscription_id)).first()


def reachable(conn, email: str) -> bool:
    """False when the address's owner asked for no more mail or it bounced."""
    return _reachable(_address(conn, email_key(email)))


def confirm(conn, token: str, moment: datetime):
    """Confirm the subscription with ``token``: the address is verified and every request it made is active.
    Returns the subscription row (None when unknown)."""
    row = subscription(conn, token)
    if row is None:
        return None
    if row.state != "unsubscribed":
        conn.execute(subs.update().where(subs.c.email_key == row.email_key, subs.c.state == "requested")
                     .values(state="active", confirmed_at=moment))
    upsert_address(conn, row.email_key, verified_at=moment, blocked_at=None)
    return subscription(conn, token)


def unsubscribe(conn, token: str, *, everything: bool, moment: datetime):
    """Stop the subscription with ``token`` (``everything``: every email to its address). Returns its row."""
    row = subscription(conn, token)
    if row is None:
        return None
    where = subs.c.email_key == row.email_key if everything else subs.c.id == row.id
    conn.execute(subs.update().where(where).values(state="unsubscribed"))
    if everything:
        upsert_address(conn, row.email_key, blocked_at=moment)
    # What is still queued for it is not sent.
    queued = sa.select(subs.c.id).where(where).scalar_subquery()
    conn.execute(outbox.update().where(outbox.c.subscription_id.in_(queued), outbox.c.state == "queued")
                 .values(state="skipped", last_error="unsubscribed"))
    return subscription(conn, token)


def upsert_address(conn, key: str, **values) -> None:
    if _address(conn, key) is None:
        fresh = {"verified_at": None, "blocked_at": None, "bounced_at": None, "bounce": "", **values}
        conn.execute(addresses.insert().values(email_key=key, **fresh))
    else:
        conn.execute(addresses.update().where(addresses.c.email_key == key).values(**values))


def is_verified(conn, email: str) -> bool:
    """True when ``email`` confirmed a subscription (the proof issue 11's auto-approval may rely on)."""
    row = _address(conn, email_key(email))
    return row is not None and row.verified_at is not None


def record_bounce(conn, email: str, reason: str, moment: datetime) -> None:
    """A permanent refusal: no more mail to this address, and what is queued for it is skipped."""
    key = email_key(email)
    upsert_address(conn, key, bounced_at=moment, bounce=reason[:1000])
    queued = conn.execute(sa.select(outbox.c.id, outbox.c.recipient).where(outbox.c.state == "queued",
                                                                           outbox.c.recipient != "")).all()
    ids = [row.id for row in queued if email_key(row.recipient) == key]
    if ids:
        conn.execute(outbox.update().where(outbox.c.id.in_(ids)).values(state="skipped",
                                                                         last_error="the address bounced"))


# --- the sender's side --------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One claimed message and everything needed to write it."""

    id: int
    message_id: str
    kind: str
    recipient: str
    comment_id: str
    subscription_id: int | None
    attempts: int
    created: datetime
    essay: str = ""  # an "essay" message's essay
    follower_id: int | None = None  # a "follow" or "essay" message's follower (essaykit.mail.followers)


def _due(moment: datetime):
    return sa.or_(sa.and_(outbox.c.state == "queued", outbox.c.next_attempt <= moment),
                  sa.and_(outbox.c.state == "sending", outbox.c.claimed_until < moment))


def any_due(conn, moment: datetime) -> bool:
    """A read-only look, so an idle sender takes no write lock."""
    return conn.execute(sa.select(outbox.c.id).where(_due(moment)).limit(1)).first() is not None


def claim(conn, worker: str, *, limit: int, lease: timedelta, moment: datetime) -> list[Job]:
    """Lease up to ``limit`` due messages to ``worker`` (in the caller's write transaction).

    Due: queued with ``next_attempt`` passed, or ``sending`` whose lease ran
    out (its worker died between sending and marking: sent again, at least once).
    """
    query = sa.select(outbox).where(_due(moment)).order_by(outbox.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = conn.execute(query).all()
    if not rows:
        return []
    conn.execute(outbox.update().where(outbox.c.id.in_([r.id for r in rows]))
                 .values(state="sending", claimed_by=worker[:100], claimed_until=moment + lease,
                         attempts=outbox.c.attempts + 1))
    return [Job(r.id, r.message_id, r.kind, r.recipient, r.comment_id, r.subscription_id, r.attempts + 1, r.created,
                r.essay, r.follower_id) for r in rows]


def _mine(job_id: int, worker: str):
    return sa.and_(outbox.c.id == job_id, outbox.c.claimed_by == worker[:100], outbox.c.state == "sending")


def mark_sent(conn, job_id: int, worker: str, moment: datetime) -> None:
    conn.execute(outbox.update().where(_mine(job_id, worker))
                 .values(state="sent", sent_at=moment, claimed_until=None, last_error=""))


def retry_later(conn, job_id: int, worker: str, *, at: datetime, error: str, count: bool = True) -> None:
    """Back to the queue until ``at``; ``count=False`` when it was only deferred (the rate limit)."""
    values = {"state": "queued", "next_attempt": at, "claimed_until": None, "last_error": error[:1000]}
    if not count:
        values["attempts"] = outbox.c.attempts - 1
    conn.execute(outbox.update().where(_mine(job_id, worker)).values(**values))


def give_up(conn, job_id: int, worker: str, *, state: str, error: str) -> None:
    """``failed`` (refused for good), ``skipped`` (nobody to send it to) or ``expired`` (too old to matter)."""
    conn.execute(outbox.update().where(_mine(job_id, worker))
                 .values(state=state, claimed_until=None, last_error=error[:1000]))


def sent_since(conn, recipient: str, since: datetime) -> tuple[int, datetime | None]:
    """How many messages went to ``recipient`` since ``since``, and the first of them."""
    row = conn.execute(sa.select(sa.func.count(), sa.func.min(outbox.c.sent_at))
                       .where(outbox.c.recipient == recipient, outbox.c.state == "sent",
                              outbox.c.sent_at > since)).one()
    return int(row[0]), row[1]


def sent_since_many(conn, recipients, since: datetime) -> dict[str, list]:
    """:func:`sent_since` for a claimed batch's recipients in one query: ``{recipient: [count, first]}``."""
    wanted = list(recipients)
    found = {r: [0, None] for r in wanted}
    rows = conn.execute(sa.select(outbox.c.recipient, sa.func.count(), sa.func.min(outbox.c.sent_at))
                        .where(outbox.c.recipient.in_(wanted), outbox.c.state == "sent", outbox.c.sent_at > since)
                        .group_by(outbox.c.recipient)).all()
    found.update({r: [int(n), first] for r, n, first in rows})
    return found


def counts(conn) -> dict[str, int]:
    """Messages per state, for ``essaykit mail list``."""
    return dict(conn.execute(sa.select(outbox.c.state, sa.func.count()).group_by(outbox.c.state)).all())


def recent(conn, limit: int = 50):
    return conn.execute(sa.select(outbox).order_by(outbox.c.id.desc()).limit(limit)).all()


def prune(conn, *, moment: datetime, max_age: timedelta, keep: timedelta) -> int:
    """Expire queued messages older than ``max_age``; delete finished ones older than ``keep``."""
    expired = conn.execute(outbox.update().where(outbox.c.state == "queued", outbox.c.created < moment - max_age)
                           .values(state="expired", last_error="too old to send")).rowcount
    conn.execute(outbox.delete().where(outbox.c.state.in_(("sent", "failed", "skipped", "expired")),
                                       outbox.c.created < moment - keep))
    return expired
