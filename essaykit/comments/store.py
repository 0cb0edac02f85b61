"""The comment store: comments, their moderation log and readers' ratings, behind one object.

    store = CommentStore.open()                       # ESSAYKIT_DB or ./.essaykit/comments.sqlite
    result = store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.")
    page = store.thread("the-salt-road")              # approved comments, threaded, oldest first

A :class:`CommentStore` is a :class:`~essaykit.db.database.Database` (opening,
migrating, transactions, settings, salted hashes) with the comments' operations
on top. Every method runs in one explicit transaction. Writes are retried with
backoff when the database is momentarily busy, so "database is locked"
never reaches a reader. Field checks (:mod:`.fields`) run before anything is
written, and the moderation decision is :func:`.moderation.decide`.

This module is the facade. The SQL lives in :mod:`.statements` (comments
and moderation), :mod:`.posting` and :mod:`.ratings`, the thread order in
:mod:`.thread_order`; readers' ratings are :class:`.ratings.RatingsMixin`, a reader's edits and deletions of their own
comments :class:`.own.OwnCommentsMixin`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone

from ..db.database import Database
from ..db.engine import DEFAULT_RELATIVE, retrying, site_folder
from ..db.signing_keys import signer_for
from ..db.schema import comments, ratings as rating_rows, sign_ins as sign_in_rows
from ..errors import CommentError
from ..names import ENV_MODERATION
from ..spam.features import Sample
from ..spam.model import verdict as spam_verdict
from ..spam.saved import LABELS, SpamFilter
from . import fields, posting, statements, thread_order, timing
from .addresses import address_keys
from .anchor import REPLY_ANCHORED, clean_anchor
from .jsonio import import_into
from .model import Comment, ImportReport, PostResult, RatingSummary, ThreadPage
from .moderation import Candidate, Rules, decide
from .own import OwnCommentsMixin
from .ratings import RatingsMixin
from .signins import Identity, SignInsMixin

__all__ = ["CommentStore", "Comment", "PostResult", "ThreadPage", "ImportReport", "RatingSummary", "Rules"]

MAX_PER_PAGE = 500


class CommentStore(OwnCommentsMixin, RatingsMixin, SignInsMixin, Database):
    """Comments, moderation and ratings in one SQLite or PostgreSQL database.

    Make one with :meth:`open`. ``rules`` (:class:`~.moderation.Rules`)
    decide what happens to new comments, including the maximum reply depth.
    """

    def __init__(self, engine, url: str, *, rules: Rules | None = None, salt: str = ""):
        super().__init__(engine, url, salt=salt)
        self.rules = rules or Rules()
        self.spam = SpamFilter(self)

    @classmethod
    def open(cls, url: str | None = None, *, essay_dir=None, rules: Rules | None = None) -> CommentStore:
        """Open (creating and migrating when needed) the comment database (see :meth:`Database.open
        <essaykit.db.database.Database.open>` for where it is).

        ``rules`` default to the JSON file named by ``$ESSAYKIT_MODERATION``,
        else ``<site folder>/.essaykit/moderation.json``
        when it exists, else :class:`Rules` defaults.
        """
        return super().open(url, essay_dir=essay_dir, rules=_configured_rules(essay_dir) if rules is None else rules)

    def approved_email_of_session(self, session: str) -> str | None:
        """The normalised email of the newest approved comment this reader session posted (see :mod:`.trust`)."""
        if not isinstance(session, str) or not session:
            return None
        with self.reading() as conn:
            return statements.approved_email_of_session(conn, self.hash("session", session))

    def move_session(self, old: str, new: str) -> int:
        """Give reader session ``new`` everything ``old`` posted and rated (the session was rotated:
        :func:`essaykit.live.api.client.rotate`); returns the rows moved."""
        if not (isinstance(old, str) and isinstance(new, str) and old and new and old != new):
            return 0
        was, now = self.hash("session", old), self.hash("session", new)

        def work() -> int:
            with self.writing() as conn:
                return sum(conn.execute(table.update().where(table.c.session_hash == was)
                                        .values(session_hash=now)).rowcount
                           for table in (comments, rating_rows, sign_in_rows))
        return retrying(work, what="hand the reader's comments to their new session")

    def sender(self, session: object = "", client: object = "") -> posting.Sender:
        """The stored keys of a sender: hashed session and address, network prefix."""
        address, network = address_keys(client)
        session = session if isinstance(session, str) else ""
        return posting.Sender(session_hash=self.hash("session", session) if session else "",
                              address_hash=self.hash("address", address) if address else "", network=network)

    def avatar_hash(self, email: str) -> str:
        """The salted hash an identicon is drawn from; it cannot be turned back into the email."""
        return self.hash("avatar", email.strip().lower()) if email else ""

    def comment_from(self, row, *, depth: int | None = None) -> Comment:
        """A comment row (``statements.comment_select()``'s columns) as a Comment."""
        return statements.to_comment(row, avatar=self.avatar_hash(row.email), depth=depth)

    def _many(self, query) -> list[Comment]:
        with self.reading() as conn:
            return [self.comment_from(r) for r in conn.execute(query)]

    def lock_essay(self, conn, essay: str) -> None:
        """Serialise this transaction with the essay's other writers (see :meth:`Database.lock`)."""
        self.lock(conn, "essaykit:" + essay)

    def _lock_sender(self, conn, keys: posting.Sender) -> None:
        # Limits per address and network span essays: on PostgreSQL, one sender's posts to
        # different essays must not pass their checks side by side. Always taken after the essay's lock.
        for key in (keys.network, keys.address_hash):
            if key:
                self.lock(conn, "essaykit-sender:" + key)

    # --- posting --------------------------------------------------------------------------

    def post(self, essay: str, *, author: str, email: str, website: str = "", body: str,
             parent: str | None = None, session: str = "", honeypot: str = "", kind: str = "comment",
             source_url: str = "", title: str = "", now: datetime | None = None, client: str = "",
             proven_email: str | None = None, notify: bool = False, loaded: object = "",
             anchor: object = None, identity: Identity | None = None) -> PostResult:
        """Check, moderate and store a reader's comment (or a pingback/webmention).

        Raises CommentError naming the field when a value is refused, when the
        reader posts too fast (:class:`~essaykit.errors.RateLimited`), or for a
        duplicate from the same session. ``session`` (the signed reader
        session's id) and ``client`` (the client's IP, from
        :func:`essaykit._forwarded.client_address`) key flood control; the
        session and address are stored only as salted hashes, with the
        address's network prefix. ``proven_email`` is the address the
        reader's browser proved with its "approved before" token
        (:mod:`.trust`); only that, or an approved comment from the same
        session, publishes a comment at once.
        ``title`` is a mention's page title (ignored for comments).
        ``notify``: the reader asked to be emailed about replies (after confirming
        their address, see docs/email.md); the emails go in the outbox with the comment.
        ``loaded``: the form's signed load time (:mod:`.timing`), as sent; whatever it is, the comment
        is stored, timed only when the token is genuine, fresh and unused.
        ``anchor``: the passage a top-level comment answers (:func:`.anchor.clean_anchor`'s input).
        ``identity``: the session's signed-in identity (:mod:`.signins`): the comment takes its name, website
        and address, whatever was typed, and is marked verified.
        """
        if identity is not None:
            author, website, email = identity.name, identity.website, identity.email
        passage = clean_anchor(anchor)
        if passage is not None and (parent or kind != "comment"):
            raise CommentError(REPLY_ANCHORED, "anchor")
        candidate, parent = posting.clean(essay, author=author, email=email, website=website, body=body,
                                          parent=parent, session=session, honeypot=honeypot, kind=kind,
                                          source_url=source_url, title=title, verified=identity is not None)
        moment = posting.naive_utc(now)
        keys = self.sender(session, client)
        key = identity.key if identity is not None and kind == "comment" else ""
        sent_timing = (timing.read(signer_for(self), candidate.essay, loaded, now=moment.replace(tzinfo=timezone.utc)
                                   .timestamp()) if loaded else timing.Timing())
        # Loaded before the write transaction: the model's first load must not hold the write lock.
        model = self.spam.model()

        def work() -> PostResult:
            with self.writing() as conn:
                self.lock_essay(conn, candidate.essay)
                self._lock_sender(conn, keys)
                timed = posting.unused(conn, sent_timing)
                verdict = spam_verdict(model.score(replace(Sample.of(candidate), load_seconds=timed.seconds))
                                       if model else None)
                parent_id, depth = (posting.parent_for_reply(conn, candidate.essay, parent, self.rules.max_depth)
                                    if parent else (None, 0))
                context = replace(posting.context(conn, candidate, keys, moment, proven_email=proven_email,
                                                  identity=key),
                                  spam_ready=model is not None and model.ready(self.rules.spam_min_examples),
                                  **verdict)
                decision = decide(candidate, context, self.rules)
                public_id = posting.insert(conn, candidate, parent_id=parent_id, depth=depth, status=decision.status,
                                           reason=decision.reason, moment=moment, keys=keys, by=decision.by,
                                           notify=bool(notify) and decision.status != "spam", timing=timed,
                                           anchor=passage, identity=key, **verdict)
            comment = Comment(
                id=public_id, essay=candidate.essay, parent=parent, author=candidate.author, email=candidate.email,
                website=candidate.website, body=candidate.body, created=moment.replace(tzinfo=timezone.utc),
                status=decision.status, kind=candidate.kind, source_url=candidate.source_url, depth=depth,
                avatar=self.avatar_hash(candidate.email) if candidate.kind == "comment" else "",
                title=candidate.title, load_seconds=timed.seconds, anchor=passage, verified=key.partition(":")[0],
                identity=key, **verdict,
            )
            return PostResult(comment=comment, status=decision.status, reason=decision.reason)

        return retrying(work, what="post the comment")

    def reply(self, parent: str, body: str, *, author: str, by: str, email: str = "", website: str = "",
              now: datetime | None = None) -> Comment:
        """The essay author's reply to comment ``parent``: published at once and marked "Author".

        This is the only way a comment gets the Author badge: readers post
        through :meth:`post`, which never sets it, whatever name or email they type.
        ``by`` is written to the moderation log (who replied, from where).
        """
        if not isinstance(by, str) or not by.strip():
            raise CommentError("say who is replying (by=...)", "by")
        essay = self.get(fields.check_public_id(parent, field="parent")).essay
        candidate = Candidate(essay=essay, author=fields.clean_name(author), email=fields.clean_email(email, required=False),
                              body=fields.clean_body(body), website=fields.clean_url(website), kind="comment",
                              source_url="", honeypot="")
        moment = posting.naive_utc(now)

        def work() -> str:
            with self.writing() as conn:
                self.lock_essay(conn, essay)
                parent_id, depth = posting.parent_for_reply(conn, essay, parent, self.rules.max_depth)
                return posting.insert(conn, candidate, parent_id=parent_id, depth=depth, status="approved",
                                      reason="the author's reply", moment=moment, session_hash="",
                                      by_author=True, by=by.strip()[:200])

        return self.get(retrying(work, what="post the reply"))

    # --- reading ----------------------------------------------------------------------------

    def thread(self, essay: str, *, page: int = 1, per_page: int = 50) -> ThreadPage:
        """One page of the essay's comments in display order: each reply right after its parent.

        Approved comments are shown; a comment that is no longer approved but
        has approved replies stays as a ``[deleted]`` tombstone (no name, no
        body, no website) so the replies keep their place.
        """
        essay = fields.check_slug(essay)
        if not isinstance(page, int) or page < 1:
            raise CommentError(f"page must be a whole number from 1 (not {page!r})", "page")
        if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
            raise CommentError(f"per_page must be from 1 to {MAX_PER_PAGE} (not {per_page!r})", "per_page")
        with self.reading() as conn:
            skeleton = conn.execute(statements.thread_skeleton(essay)).all()
            start = (page - 1) * per_page
            order, total = thread_order.display_order(skeleton, start + per_page)
            window = order[start:start + per_page]
            rows = {r.id: r for r in conn.execute(statements.rows_by_id([i for i, _ in window]))} if window else {}
        items = [
            self.comment_from(rows[row_id], depth=depth) if rows[row_id].status == "approved"
            else statements.to_tombstone(rows[row_id], depth)
            for row_id, depth in window
        ]
        return ThreadPage(items=items, total=total, page=page, per_page=per_page)

    def mentions(self, essay: str) -> list[Comment]:
        """Approved pingbacks and webmentions of the essay, oldest first."""
        return self._many(statements.where(fields.check_slug(essay), "approved", mentions=True))

    def list(self, essay: str | None = None, status: str | None = None) -> list[Comment]:
        """Every comment (all kinds), optionally of one essay and one status, oldest first. Author-only."""
        essay = None if essay is None else fields.check_slug(essay)
        status = None if status is None else fields.check_status(status)
        return self._many(statements.where(essay, status))

    def anchored(self, essay: str) -> list[Comment]:
        """The approved comments on passages of ``essay`` (issue 24), oldest first."""
        return self._many(statements.where(essay, "approved", kind="comment").where(comments.c.anchor_exact != ""))

    def pending(self, essay: str | None = None) -> list[Comment]:
        """Comments waiting for the author, oldest first."""
        return self.list(essay, "pending")

    def get(self, public_id: str) -> Comment:
        """The comment with this public id; CommentError when there is none."""
        fields.check_public_id(public_id)
        found = self._many(statements.where(public_id=public_id))
        if not found:
            raise CommentError(f"there is no comment with id {public_id!r}; see `essaykit comments list`", "id")
        return found[0]

    def reply_target(self, essay: str, public_id: str) -> Comment:
        """The comment a reader may reply to on ``essay`` (a reply link's ``?reply=ID``); CommentError
        saying why not, as posting the reply would."""
        fields.check_public_id(public_id, field="parent")
        with self.reading() as conn:
            posting.parent_for_reply(conn, essay, public_id, self.rules.max_depth)
        return self.get(public_id)

    def get_many(self, public_ids: Iterable[str]) -> dict[str, Comment]:
        """The comments with these public ids, by id; unknown ids are left out (one query)."""
        ids = [fields.check_public_id(i) for i in dict.fromkeys(public_ids)]
        if not ids:
            return {}
        query = statements.comment_select().where(comments.c.public_id.in_(ids))
        return {c.id: c for c in self._many(query)}

    def fingerprint(self, essay: str) -> str:
        """A short string that changes whenever the essay's visible comments or ratings could change."""
        with self.reading() as conn:
            text = statements.fingerprint_parts(conn, essay)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    # --- moderation --------------------------------------------------------------------------

    def set_status(self, public_ids: str | Iterable[str], status: str, *, by: str, reason: str = "") -> int:
        """Change the status of the given comments, logging who, when and why; returns how many changed.

        All or nothing: an unknown id refuses the whole change. A comment
        already in ``status`` is left alone and not counted. Approving or marking
        spam is a decision the spam filter learns at once, in the same transaction.
        """
        status = fields.check_status(status)
        ids = [public_ids] if isinstance(public_ids, str) else list(public_ids)
        for public_id in ids:
            fields.check_public_id(public_id)
        if not isinstance(by, str) or not by.strip():
            raise CommentError("say who is moderating (by=...)", "by")
        reason = (reason or "")[:1000]

        def work() -> int:
            changed = 0
            learned = []
            with self.writing() as conn:
                moment = statements.naive_utc(None)
                for public_id in dict.fromkeys(ids):
                    row = conn.execute(statements.status_of(public_id)).first()
                    if row is None:
                        raise CommentError(
                            f"there is no comment with id {public_id!r}; nothing was changed "
                            "(see `essaykit comments list`)", "id")
                    if row.status != status:
                        statements.change_status(conn, row, status, by=by.strip()[:200], reason=reason, at=moment)
                        changed += 1
                        learned.append(row.id)
                if status in LABELS:
                    self.spam.learn(conn, learned)
            return changed

        return retrying(work, what=f"mark comments {status}")

    def log(self, public_id: str) -> list[dict]:
        """The moderation history of one comment, oldest first: old, new, by, reason, at."""
        fields.check_public_id(public_id)
        with self.reading() as conn:
            rows = conn.execute(statements.history(public_id)).all()
        return [{"old": r.old, "new": r.new, "by": r.by, "reason": r.reason,
                 "at": r.at.replace(tzinfo=timezone.utc)} for r in rows]

    # --- backup --------------------------------------------------------------------------------

    def export(self, essay: str | None = None) -> list[dict]:
        """A full backup in the JSON format of docs/comments.md, emails included; parents before replies."""
        query = statements.backup(None if essay is None else fields.check_slug(essay))
        with self.reading() as conn:
            return [self.comment_from(r).record() for r in conn.execute(query)]

    def import_records(self, records: object, *, source: str = "json", author_backup: bool = False,
                       train: bool = True) -> ImportReport:
        """Add the records (JSON format) whose ids are not in the database yet.

        ``author_backup=True`` vouches that the records are the author's own
        backup (``essaykit comments import``): only then is ``by_author``
        honoured, so no reader-supplied record can pass as the author's reply.

        ``train=False`` leaves the spam filter's rebuild to the caller, who imports many
        batches and rebuilds once (:meth:`.SpamFilter.rebuild`).

        Idempotent: a record whose id is already stored is counted as
        unchanged and never modified, so an import can neither resurrect a
        deleted comment nor downgrade anything. Nothing is ever deleted. A bad
        record is reported by index and field and the others still go in.
        """
        if not isinstance(source, str) or not source.strip():
            raise CommentError("name the import source, e.g. source='json'", "source")
        report = retrying(lambda: import_into(self, records, source=source.strip()[:100],
                                                   author_backup=author_backup), what="import comments")
        if report.added and train:
            self.spam.rebuild()  # imported decisions are training data too; one batch beats many updates
        return report

    def own_pending(self, essay: str, session: str, *, limit: int = 20) -> list[Comment]:
        """This reader session's comments on the essay that wait for the author, oldest first: shown
        only to that reader, marked "awaiting moderation" (held or caught are not told apart)."""
        essay = fields.check_slug(essay)
        if not isinstance(session, str) or not session:
            return []
        return self._many(statements.own_held(essay, self.hash("session", session), limit))[::-1]


def _configured_rules(essay_dir) -> Rules:
    named = os.environ.get(ENV_MODERATION, "").strip()
    if named:
        return Rules.from_file(named)
    default = site_folder(essay_dir) / DEFAULT_RELATIVE.parent / "moderation.json"
    return Rules.from_file(default) if default.is_file() else Rules()
