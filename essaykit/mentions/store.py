"""The mentions' tables: stored pingbacks and webmentions, the receiver's queue and the
sender's record, all in the comment database.

- :func:`upsert_mention` / :func:`remove_mention`, on a
  :class:`~essaykit.comments.store.CommentStore`: one mention per (essay,
  source URL), created through the one posting path
  (:meth:`CommentStore.post`, so moderation decides), updated in place when
  it is sent again, and taken down (status ``deleted``, logged ``by
  mentions``) when its source is gone or no longer links to the essay.
- :class:`ReceivedQueue` is the ``received_mentions`` table: each request
  the receiver accepted for verification, its state and the message its
  status URL shows. Rows are claimed atomically, so several servers can
  share one database.
- :class:`SentLog` is the ``sent_mentions`` table: what ``essaykit mentions
  send`` told which site about which link, so a second run sends only what
  is new or changed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import sqlalchemy as sa

from ..comments import fields
from ..comments.addresses import address_keys
from ..comments.model import Comment, iso_utc
from ..comments.moderation import Candidate, Context, decide
from ..db.engine import retrying
from ..db.schema import comments as c
from ..db.schema import moderation_log as log
from ..db.schema import received_mentions as q
from ..db.schema import sent_mentions as t
from ..errors import CommentError, DuplicateMention, TryLater

#: Who the moderation log names for changes the receiver makes.
BY = "mentions"
MENTION_KINDS = ("pingback", "webmention")


@dataclass(frozen=True)
class MentionChange:
    """What :func:`upsert_mention` did: ``created`` or ``updated``, and the mention now."""

    action: str
    comment: Comment

    @property
    def status(self) -> str:
        return self.comment.status


def _naive(moment: datetime | None) -> datetime:
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(tzinfo=None)


def _find(conn, essay: str, source_url: str):
    return conn.execute(
        sa.select(c.c.id, c.c.public_id, c.c.status, c.c.kind)
        .where(c.c.essay == essay, c.c.source_url == source_url, c.c.kind.in_(MENTION_KINDS))
        .order_by(c.c.id).limit(1)
    ).first()


def _last_change_by(conn, row_id: int) -> str:
    return conn.execute(
        sa.select(log.c.by).where(log.c.comment_id == row_id).order_by(log.c.id.desc()).limit(1)
    ).scalar() or ""


def upsert_mention(store, essay: str, *, kind: str, source_url: str, author: str = "", website: str = "",
                   title: str = "", excerpt: str, now: datetime | None = None) -> MentionChange:
    """Store a verified pingback or webmention in ``store`` (a CommentStore), or update the one from
    the same source.

    A new mention goes through :meth:`CommentStore.post` (the same checks and
    moderation as any comment: held by default). Re-sent, it keeps its
    id and status and gets the new title, author and excerpt, unless the
    rules now call it spam; one the receiver had removed comes back as a
    new one would.
    """
    essay = fields.check_slug(essay)
    if kind not in MENTION_KINDS:
        raise CommentError(f"the kind {kind!r} is not a mention; use pingback or webmention", "kind")
    source_url = fields.clean_url(source_url, field="source_url", required=True)
    author = fields.clean_name(author or "", required=False) or (urlsplit(source_url).hostname or "")
    website = fields.clean_url(website or "")
    title = fields.clean_title(title or "")
    body = fields.clean_body(excerpt)
    moment = _naive(now)

    def update() -> str | None:
        """Update the stored mention; its public id, or None when there is none yet."""
        with store.writing() as conn:
            store.lock_essay(conn, essay)
            row = _find(conn, essay, source_url)
            if row is None:
                return None
            candidate = Candidate(essay=essay, author=author, email="", body=body, website=website,
                                  kind=row.kind, source_url=source_url)
            decision = decide(candidate, Context(now=moment), store.rules)
            status, reason = row.status, ""
            if decision.status == "spam" and row.status != "spam":
                status, reason = "spam", decision.reason
            elif row.status == "deleted" and _last_change_by(conn, row.id) == BY:
                # The receiver took it down (the link had gone); the link is back, so decide afresh.
                status, reason = decision.status, f"the source links again; {decision.reason}"
            conn.execute(c.update().where(c.c.id == row.id).values(
                author=author, website=website, title=title, body=body, body_hash=fields.body_hash(body)))
            if status != row.status:
                conn.execute(c.update().where(c.c.id == row.id).values(status=status))
                conn.execute(log.insert().values(comment_id=row.id, old=row.status, new=status, by=BY,
                                                 reason=reason[:1000], at=moment))
            return row.public_id

    for _ in range(2):
        public_id = retrying(update, what="update the mention")
        if public_id is not None:
            return MentionChange("updated", store.get(public_id))
        try:
            result = store.post(essay, author=author, email="", website=website, body=body, kind=kind,
                                source_url=source_url, title=title, now=now)
        except DuplicateMention:
            continue  # another worker stored the same source a moment ago: update that one instead
        return MentionChange("created", result.comment)
    raise CommentError(f"the mention from {source_url} could not be stored; try again", "source_url")


def remove_mention(store, essay: str, source_url: str, *, reason: str) -> Comment | None:
    """Take down the essay's mention from ``source_url`` (status ``deleted``, logged by ``mentions``).

    Returns the mention as it was, or None when there was none shown or
    held (a mention the author marked spam stays spam).
    """
    essay = fields.check_slug(essay)
    if not isinstance(source_url, str) or not source_url:
        raise CommentError("name the source URL of the mention to remove", "source_url")

    def work() -> str | None:
        with store.writing() as conn:
            store.lock_essay(conn, essay)
            row = _find(conn, essay, source_url)
            if row is None or row.status in ("deleted", "spam"):
                return None
            conn.execute(c.update().where(c.c.id == row.id).values(status="deleted"))
            conn.execute(log.insert().values(comment_id=row.id, old=row.status, new="deleted", by=BY,
                                             reason=(reason or "")[:1000], at=_naive(None)))
            return row.public_id

    public_id = retrying(work, what="remove the mention")
    return store.get(public_id) if public_id else None


# --- the receiver's queue --------------------------------------------------------------------------

#: States a request is in while nobody has finished with it.
OPEN_STATES = ("queued", "verifying")


@dataclass(frozen=True)
class Received:
    """One request the receiver accepted: where it stands and what its status URL says."""

    token: str
    kind: str
    essay: str
    source: str
    target: str
    state: str
    message: str
    comment_id: str
    received: datetime
    finished: datetime | None

    def public_dict(self) -> dict:
        return {
            "status": self.state, "message": self.message, "kind": self.kind, "source": self.source,
            "target": self.target, "received": iso_utc(self.received),
            "finished": iso_utc(self.finished) if self.finished else None,
        }


class QueueFull(CommentError, TryLater):
    """The sender (or everyone) has too many requests waiting; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, "source")
        self.retry_after = retry_after


class ReceivedQueue:
    """The ``received_mentions`` table of one store. Limits count requests still waiting by what a sender pays
    for (:mod:`essaykit.comments.addresses`): its address (IPv4, IPv6 /64) and network (IPv4 /24, IPv6 /48).
    Within ``reserve`` of ``total``, only networks with nothing waiting get in, however many an attacker holds."""

    #: Finished requests kept at most (the newest); older ones are pruned while the server runs.
    MAX_FINISHED = 20_000

    def __init__(self, store, *, per_address: int = 20, per_network: int = 50, total: int = 1000,
                 reserve: int = 100):
        self.store = store
        self.per_address = per_address
        self.per_network = per_network
        self.total = total
        self.reserve = reserve

    def sender(self, address: str) -> tuple[str, str]:
        """``(address_hash, network)`` the limits count ``address`` by: a salted hash of its address key,
        and its network prefix in clear (as comments and ratings keep them)."""
        own, network = address_keys(address)
        return self.store.hash("mention-sender", own), network

    def add(self, *, kind: str, essay: str, source: str, target: str, address: str, state: str = "queued",
            message: str = "") -> Received:
        """Queue a request; QueueFull when this sender, its network or the whole queue has too many waiting."""
        token = secrets.token_urlsafe(18)
        address_hash, network = self.sender(address)
        moment = _naive(None)

        def work() -> None:
            with self.store.writing() as conn:
                def waiting(*where) -> int:
                    return conn.execute(sa.select(sa.func.count()).select_from(q)
                                        .where(q.c.state.in_(OPEN_STATES), *where)).scalar_one()

                mine = waiting(q.c.address_hash == address_hash)
                if mine >= self.per_address:
                    raise QueueFull(f"{mine} of your mentions are still waiting to be verified; "
                                    "send more once they are done", retry_after=60)
                ours = waiting(q.c.network == network)
                if ours >= self.per_network:
                    raise QueueFull(f"{ours} mentions from your network are still waiting to be verified; "
                                    "send more once they are done", retry_after=60)
                everyone = waiting()
                if everyone >= self.total or (ours and everyone >= self.total - self.reserve):
                    raise QueueFull("too many mentions are waiting to be verified; try again in a few minutes",
                                    retry_after=300)
                conn.execute(q.insert().values(
                    token=token, kind=kind, essay=essay, source=source, target=target, address_hash=address_hash,
                    network=network, state=state, message=message[:1000], comment_id="", received=moment,
                    finished=None if state in OPEN_STATES else moment))

        retrying(work, what="queue the mention")
        return self.get(token)

    def get(self, token: str) -> Received | None:
        if not isinstance(token, str) or not 10 <= len(token) <= 64:
            return None
        with self.store.reading() as conn:
            row = conn.execute(sa.select(q).where(q.c.token == token)).first()
        return _received(row) if row else None

    def claim(self) -> Received | None:
        """Take a queued request for verification (state ``verifying``); None when none waits. Networks take
        turns (each one's oldest first, requests being verified counted), so one's backlog holds up no other."""
        turn = sa.func.row_number().over(partition_by=q.c.network, order_by=q.c.id).label("turn")
        ranked = sa.select(q.c.id, q.c.state, turn).where(q.c.state.in_(OPEN_STATES)).subquery()
        oldest_turns = (sa.select(ranked.c.id).where(ranked.c.state == "queued")
                        .order_by(ranked.c.turn, ranked.c.id).limit(5))

        def work():
            with self.store.writing() as conn:
                for row in conn.execute(oldest_turns):
                    # Another server may take the same row; only one UPDATE finds it still queued.
                    taken = conn.execute(q.update().where(q.c.id == row.id, q.c.state == "queued")
                                         .values(state="verifying")).rowcount
                    if taken:
                        return conn.execute(sa.select(q).where(q.c.id == row.id)).first()
            return None

        row = retrying(work, what="take a mention from the queue")
        return _received(row) if row else None

    def finish(self, token: str, state: str, message: str, comment_id: str = "") -> None:
        def work() -> None:
            with self.store.writing() as conn:
                conn.execute(q.update().where(q.c.token == token).values(
                    state=state, message=message[:1000], comment_id=comment_id, finished=_naive(None)))

        retrying(work, what="record the mention's verification")

    def release(self, token: str, message: str) -> None:
        """Put a claimed request back in the queue, to be verified again later."""
        def work() -> None:
            with self.store.writing() as conn:
                conn.execute(q.update().where(q.c.token == token).values(state="queued", message=message[:1000]))

        retrying(work, what="requeue the mention")

    def requeue_stale(self, older_than: timedelta = timedelta(minutes=2)) -> int:
        """Put back requests a stopped server left half-verified; returns how many."""
        limit = _naive(None) - older_than

        def work() -> int:
            with self.store.writing() as conn:
                return conn.execute(q.update().where(q.c.state == "verifying", q.c.received < limit)
                                    .values(state="queued")).rowcount

        return retrying(work, what="requeue mentions")

    def prune(self, older_than: timedelta = timedelta(days=30), keep: int | None = None) -> int:
        """Forget finished requests older than ``older_than``, and all but the newest ``keep``
        (:data:`MAX_FINISHED`) finished ones (their status URLs then answer 404)."""
        limit = _naive(None) - older_than
        keep = self.MAX_FINISHED if keep is None else keep

        def work() -> int:
            with self.store.writing() as conn:
                gone = conn.execute(q.delete().where(q.c.state.notin_(OPEN_STATES), q.c.finished < limit)).rowcount
                newest = (sa.select(q.c.id).where(q.c.state.notin_(OPEN_STATES))
                          .order_by(q.c.id.desc()).offset(keep).limit(1)).scalar_subquery()
                return gone + conn.execute(q.delete().where(q.c.state.notin_(OPEN_STATES), q.c.id <= newest)).rowcount

        return retrying(work, what="forget old mention requests")

    def waiting(self) -> int:
        """How many requests are not finished yet (queued or being verified)."""
        with self.store.reading() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(q)
                                .where(q.c.state.in_(OPEN_STATES))).scalar_one()


def _received(row) -> Received:
    return Received(
        token=row.token, kind=row.kind, essay=row.essay, source=row.source, target=row.target, state=row.state,
        message=row.message, comment_id=row.comment_id, received=row.received.replace(tzinfo=timezone.utc),
        finished=row.finished.replace(tzinfo=timezone.utc) if row.finished else None,
    )


# --- the sender's record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """What was last sent for one link of one essay."""

    essay: str
    target: str
    source: str
    fingerprint: str
    protocol: str
    endpoint: str
    result: str  # sent, no-endpoint, failed, removed
    detail: str
    sent_at: datetime


def _url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


class SentLog:
    """The ``sent_mentions`` table of one store."""

    RESULTS = ("sent", "no-endpoint", "failed", "removed")

    def __init__(self, store):
        self.store = store

    def essays(self) -> list[str]:
        """The slugs of every essay something was ever sent for."""
        with self.store.reading() as conn:
            return list(conn.execute(sa.select(t.c.essay).distinct().order_by(t.c.essay)).scalars())

    def for_essay(self, essay: str) -> dict[str, Sent]:
        """Every link of ``essay`` something was recorded for, by target URL."""
        essay = fields.check_slug(essay)
        with self.store.reading() as conn:
            rows = conn.execute(sa.select(t).where(t.c.essay == essay).order_by(t.c.id)).all()
        return {r.target: Sent(essay=r.essay, target=r.target, source=r.source, fingerprint=r.fingerprint,
                               protocol=r.protocol, endpoint=r.endpoint, result=r.result, detail=r.detail,
                               sent_at=r.sent_at.replace(tzinfo=timezone.utc)) for r in rows}

    def record(self, essay: str, target: str, *, source: str, fingerprint: str, protocol: str, endpoint: str,
               result: str, detail: str = "") -> None:
        essay = fields.check_slug(essay)
        if result not in self.RESULTS:
            raise ValueError(f"result must be one of {', '.join(self.RESULTS)} (not {result!r})")
        values = dict(source=source[:2000], fingerprint=fingerprint, protocol=protocol, endpoint=endpoint[:2000],
                      result=result, detail=(detail or "")[:1000], sent_at=_naive(None))
        key = _url_hash(target)

        def work() -> None:
            with self.store.writing() as conn:
                changed = conn.execute(t.update().where(t.c.essay == essay, t.c.target_hash == key)
                                       .values(**values)).rowcount
                if not changed:
                    conn.execute(t.insert().values(essay=essay, target=target[:2000], target_hash=key, **values))

        retrying(work, what="record the sent mention")
