"""Delivering the outbox: claim due messages, write them, hand them to SMTP, record what happened.

:meth:`Sender.drain` is the whole job, run by ``essaykit mail send`` (cron)
and every few seconds by ``essaykit serve`` (in a worker thread, never on the
event loop: :class:`ServeWorker`).

The guarantee, exactly: a message is committed with its event; it is claimed
by one worker at a time (a lease of :attr:`Sender.lease`); it is marked
``sent`` only after the SMTP server accepted it. A worker that dies after the
server accepted a message and before marking it leaves the row claimed; when
the lease runs out another worker sends it again with the same
``Message-ID``. So delivery is at least once, and a duplicate is possible only
in that window (mail clients and many servers fold messages with one
Message-ID). While SMTP is down nothing is lost: messages wait, retried with
exponential backoff (30 s doubling, at most an hour apart) for up to
:data:`MAX_AGE` after their event, then expire.
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from ..db.engine import outage
from ..db.signing_keys import signer_for
from ..names import REPLY_PARAM
from .config import MailConfig
from .links import CONFIRM_DAYS, MODERATE_DAYS, Links
from .messages import Commented, Essay, author_notice, confirm_request, reply_notice
from .smtp import Connection, SendFailed

log = logging.getLogger("essaykit.mail")

MAX_AGE = timedelta(days=7)
KEEP_FINISHED = timedelta(days=30)
PRUNE_EVERY = 3600.0  # seconds between two prunes of the outbox by one sender
#: Test-only: set to 1 and the sender exits at once after the SMTP server accepted a message,
#: before marking it sent (tests/mail/test_crash.py kills a worker in that window with it).
CRASH_AFTER_SMTP_ENV = "ESSAYKIT_TEST_CRASH_AFTER_SMTP"


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.sent} sent"]
        for name in ("retried", "failed", "skipped"):
            if getattr(self, name):
                parts.append(f"{getattr(self, name)} {name}")
        return ", ".join(parts)


class _Skip(Exception):
    """Nothing to send for this message (its comment was removed, the subscription ended …)."""


def backoff(attempts: int, base: float) -> float:
    """Seconds before attempt ``attempts + 1``: ``base`` doubling, at most an hour, with ±10 % jitter."""
    return min(base * 2 ** max(0, attempts - 1), 3600.0) * random.uniform(0.9, 1.1)


class Sender:
    """Drains the outbox of ``store`` through the SMTP server of ``config``.

    ``essays(slug)`` gives the :class:`~.messages.Essay` (title and public
    page) a message names; ``retry_base`` is the first backoff in seconds.
    """

    def __init__(self, store, config: MailConfig, *, essays: Callable[[str], Essay], lease: float = 300,
                 batch: int = 100, retry_base: float = 30.0):
        self.store = store
        self.config = config
        self.essays = essays
        self.lease = timedelta(seconds=lease)
        self.batch = batch
        self.retry_base = retry_base
        self.worker = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"
        self.links = Links(signer_for(store), config.public_url)
        self._crash_after_smtp = os.environ.get(CRASH_AFTER_SMTP_ENV) == "1"
        self._comments: dict = {}  # the claimed batch's comments, by public id
        self._followers: dict = {}  # the claimed batch's followers: id -> (row, reachable)
        self._essays: dict = {}  # the essays' announcements, by slug, read once a drain
        self._sent_to: dict[str, list] = {}  # recipient -> [count, first] in the last hour, read once a drain
        self._prune_at = 0.0

    # --- the loop ------------------------------------------------------------------------

    def drain(self, *, limit: int | None = None) -> Report:
        """Send every message due now (at most ``limit``); returns what happened."""
        from . import outbox
        from ..comments.statements import naive_utc

        report = Report()
        self._sent_to = {}
        self._essays = {}
        if time.monotonic() >= self._prune_at:
            self._prune_at = time.monotonic() + PRUNE_EVERY
            with self.store.writing() as conn:
                expired = outbox.prune(conn, moment=naive_utc(None), max_age=MAX_AGE, keep=KEEP_FINISHED)
            if expired:
                log.warning("mail: %d queued messages were older than %d days and expired", expired, MAX_AGE.days)
        if not self.config.enabled:
            return report
        with self.store.reading() as conn:
            if not outbox.any_due(conn, naive_utc(None)):
                return report
        connection: Connection | None = None
        try:
            while limit is None or report.sent + report.failed + report.skipped + report.retried < limit:
                with self.store.writing() as conn:
                    want = self.batch if limit is None else min(self.batch, limit - report.sent - report.failed
                                                                - report.skipped - report.retried)
                    jobs = outbox.claim(conn, self.worker, limit=want, lease=self.lease, moment=naive_utc(None))
                if not jobs:
                    break
                self._comments = self.store.get_many(job.comment_id for job in jobs if job.comment_id)
                self._read_followers(jobs)
                self._read_windows(jobs)
                for index, job in enumerate(jobs):
                    try:
                        connection = self._one(job, connection, report)
                    except SendFailed as exc:  # the server itself is unreachable: leave the rest for later
                        report.problems.append(exc.explain())
                        for later in jobs[index:]:
                            self._retry(later, str(exc), report)
                        log.warning("mail: %s; %d messages wait for the next try", exc, len(jobs) - index)
                        return report
        finally:
            if connection is not None:
                connection.close()
        return report

    def _connect(self, connection: Connection | None) -> Connection:
        if connection is None or connection.client is None:
            connection = Connection(self.config.smtp)
            connection.open()
        return connection

    def _one(self, job, connection: Connection | None, report: Report) -> Connection | None:
        """Write and send one claimed message; SendFailed only when the server cannot be reached at all."""
        from . import outbox
        from ..comments.statements import naive_utc

        now = naive_utc(None)
        if now - job.created > MAX_AGE:
            self._finish(job, "expired", "too old to send", report)
            return connection
        try:
            recipient, message = self._message(job)
        except _Skip as why:
            self._finish(job, "skipped", str(why), report)
            return connection
        per_hour = self.config.author_per_hour if job.kind in outbox.AUTHOR_KINDS else self.config.per_hour
        window = self._sent_to.get(job.recipient)
        if window is None:
            with self.store.reading() as conn:
                window = self._sent_to[job.recipient] = list(outbox.sent_since(conn, job.recipient,
                                                                               now - timedelta(hours=1)))
        count, first = window
        if count >= per_hour:
            with self.store.writing() as conn:
                outbox.retry_later(conn, job.id, self.worker, at=(first or now) + timedelta(hours=1, seconds=1),
                                   error=f"rate limit: {per_hour} messages an hour to one address", count=False)
            report.retried += 1
            return connection
        connection = self._connect(connection)  # DNS, connect, TLS, login: SendFailed goes up
        try:
            connection.send(message, self.config.sender_address.addr_spec, recipient)
        except SendFailed as exc:
            if exc.step == "connect":  # the connection broke: retry this one, reconnect for the next
                connection.close()
                self._retry(job, str(exc), report)
                return None
            if exc.permanent:
                with self.store.writing() as conn:
                    if exc.step == "recipient refused":
                        outbox.record_bounce(conn, recipient, exc.message, now)
                    outbox.give_up(conn, job.id, self.worker, state="failed", error=str(exc))
                report.failed += 1
                log.warning("mail: %s (no more mail to it)" if exc.step == "recipient refused" else "mail: %s", exc)
            else:
                self._retry(job, str(exc), report)
            return connection
        if self._crash_after_smtp:
            os._exit(75)
        with self.store.writing() as conn:
            outbox.mark_sent(conn, job.id, self.worker, naive_utc(None))
        window[0] += 1
        window[1] = window[1] or now
        report.sent += 1
        return connection

    def _retry(self, job, error: str, report: Report) -> None:
        from . import outbox
        from ..comments.statements import naive_utc

        at = naive_utc(None) + timedelta(seconds=backoff(job.attempts, self.retry_base))
        with self.store.writing() as conn:
            outbox.retry_later(conn, job.id, self.worker, at=at, error=error)
        report.retried += 1

    def _finish(self, job, state: str, why: str, report: Report) -> None:
        from . import outbox

        with self.store.writing() as conn:
            outbox.give_up(conn, job.id, self.worker, state=state, error=why)
        report.skipped += 1

    # --- writing a message ---------------------------------------------------------------

    def _comment(self, public_id: str):
        found = self._comments.get(public_id)  # read for the whole claimed batch at once
        if found is None:
            raise _Skip("the comment is gone")
        return found

    def _message(self, job):
        from . import outbox

        if job.kind in ("follow", "essay"):
            return self._follower_message(job)
        if job.kind in ("people", "signin"):
            return self._link_message(job)
        comment = self._comment(job.comment_id)
        essay = self.essays(comment.essay)
        about = Commented(id=comment.id, author=comment.author, email=comment.email, website=comment.website,
                          body=comment.body, status=comment.status, created=comment.created,
                          spam_score=comment.spam_score, spam_reason=comment.spam_reason, anchor=comment.anchor)
        sender = self.config.sender_address
        if job.kind in outbox.AUTHOR_KINDS:
            if not self.config.notify:
                raise _Skip("no author address (--notify) is configured")
            if comment.status not in ("pending", "approved") or (job.kind == "edited" and comment.status != "pending"):
                raise _Skip(f"the comment was already marked {comment.status}")
            actions = ("approve", "spam", "delete") if comment.status == "pending" else ("spam", "delete")
            links = {action: self.links.moderate(action, comment.id) for action in actions}
            to = self.config.notify
            # The page opens its comment form as a reply to this comment (and says why not while it is held).
            reply = f"{essay.url}?{urlencode({REPLY_PARAM: comment.id})}#ek-cf"
            return to, author_notice(sender=sender, to=to, message_id=job.message_id, essay=essay, comment=about,
                                     links=links, days=MODERATE_DAYS, reply=reply, edited=job.kind == "edited")
        with self.store.reading() as conn:
            sub = outbox.subscription_by_id(conn, job.subscription_id)
            suppressed = sub is not None and not outbox.reachable(conn, sub.email)
        if sub is None or sub.state == "unsubscribed" or suppressed:
            raise _Skip("the reader unsubscribed or the address bounced")
        if comment.status != "approved":
            raise _Skip("the comment is no longer published")
        unsubscribe = self.links.unsubscribe(sub.token)
        if job.kind == "confirm":
            if sub.state != "requested":
                raise _Skip("the subscription is already confirmed")
            return sub.email, confirm_request(sender=sender, to=sub.email, message_id=job.message_id, essay=essay,
                                              comment=about, confirm=self.links.confirm(sub.token),
                                              unsubscribe=unsubscribe, days=CONFIRM_DAYS)
        if sub.state != "active":
            raise _Skip("the subscription was never confirmed")
        return sub.email, reply_notice(sender=sender, to=sub.email, message_id=job.message_id, essay=essay,
                                       reply=about, unsubscribe=unsubscribe, by_author=comment.by_author)


    def _link_message(self, job):
        """A reader's link to their data (essaykit.mail.people_links) or to sign in (.signin_links)."""
        from . import people_links, signin_links

        kind = people_links if job.kind == "people" else signin_links
        with self.store.reading() as conn:
            found = kind.for_message(conn, job.message_id)
        if found is None or found.used_at is not None:
            raise _Skip("the request is gone or was used")
        site = self.config.sender_address.display_name or self.config.public_url
        return job.recipient, kind.message(found, sender=self.config.sender_address, to=job.recipient,
                                           message_id=job.message_id, site=site, links=self.links)

    def _read_windows(self, jobs) -> None:
        """What each new recipient of the batch was sent in the last hour (the rate limit), in one query."""
        from . import outbox
        from ..comments.statements import naive_utc

        fresh = {job.recipient for job in jobs if job.recipient not in self._sent_to}
        if fresh:
            with self.store.reading() as conn:
                self._sent_to.update(outbox.sent_since_many(conn, fresh, naive_utc(None) - timedelta(hours=1)))

    def _read_followers(self, jobs) -> None:
        from . import followers

        ids = {job.follower_id for job in jobs if job.follower_id is not None}
        slugs = {job.essay for job in jobs if job.essay and job.essay not in self._essays}
        if not ids and not slugs:
            return
        with self.store.reading() as conn:
            self._followers = followers.batch(conn, ids) if ids else {}
            self._essays.update({slug: followers.essay(conn, slug) for slug in slugs})

    def _follower_message(self, job):
        """A follower's confirmation or essay email (essaykit.mail.followers)."""
        from .follow_messages import essay_notice, follow_confirm

        row, reachable = self._followers.get(job.follower_id, (None, False))
        item = self._essays.get(job.essay) if job.kind == "essay" else None
        if row is None or row.state == "unsubscribed" or not reachable:
            raise _Skip("the follower unsubscribed or the address bounced")
        site = self.config.sender_address.display_name or self.config.public_url
        unsubscribe = self.links.unsubscribe(row.token)
        if job.kind == "follow":
            if row.state != "requested":
                raise _Skip("the follower already confirmed")
            return row.email, follow_confirm(sender=self.config.sender_address, to=row.email,
                                             message_id=job.message_id, site=site,
                                             confirm=self.links.confirm(row.token), unsubscribe=unsubscribe,
                                             days=CONFIRM_DAYS)
        if row.state != "active":
            raise _Skip("the follower never confirmed")
        if item is None:
            raise _Skip("the essay's announcement is gone")
        return row.email, essay_notice(sender=self.config.sender_address, to=row.email, message_id=job.message_id,
                                       site=site, item=item, unsubscribe=unsubscribe)


class ServeWorker:
    """The outbox's sender inside ``essaykit serve``: every ``interval`` seconds, one drain in a thread.

    A drain never overlaps the previous one, and never runs on the event loop
    (SMTP and the database block).
    """

    def __init__(self, make_sender: Callable[[], Sender], interval: float = 5.0):
        self.make_sender = make_sender
        self.interval = interval
        self._sender: Sender | None = None
        self._running = False
        self._timer = None

    def start(self) -> None:
        from tornado.ioloop import PeriodicCallback

        self._timer = PeriodicCallback(self._tick, self.interval * 1000, jitter=0.1)
        self._timer.start()

    async def _tick(self) -> None:
        import asyncio

        if self._running:
            return
        self._running = True
        try:
            await asyncio.get_running_loop().run_in_executor(None, self._drain)
        finally:
            self._running = False

    def _drain(self) -> None:
        from ..errors import EssaykitError

        try:
            if self._sender is None:
                self._sender = self.make_sender()
            report = self._sender.drain()
        except EssaykitError as exc:
            log.error("mail: %s", exc)
            return
        except Exception as exc:  # the server must keep serving; a traceback only for the unexpected
            log.error("mail: the outbox worker failed (%s); it tries again in %g s", outage(exc) or exc,
                      self.interval, exc_info=outage(exc) is None)
            return
        if report.sent or report.failed:
            log.info("mail: %s", report.summary())

    @property
    def running(self) -> bool:
        """A round of sending is in progress (essaykit.live.app.drain waits for it on SIGTERM)."""
        return self._running

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
