"""The comment store: comments, their moderation log and readers' ratings, behind one object.

    store = CommentStore.open()                       # ESSAYKIT_DB or ./.essaykit/comments.sqlite
    result = store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.")
    page = store.thread("the-salt-road")              # approved comments, threaded, oldest first

Every method runs in one explicit transaction. Writes are retried with
backoff when the database is momentarily busy, so "database is locked"
never reaches a reader. Field checks (:mod:`.fields`) run before anything is
written, and the moderation decision is :func:`.moderation.decide`.

This module is the facade. The SQL lives in :mod:`.statements` (comments
and moderation) and :mod:`.ratings`, the thread order in :mod:`.thread_order`,
engines and URLs in :mod:`.engine`. Those load SQLAlchemy, so the facade
imports them on first use (:func:`_sql`), not when this module is imported.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from ..errors import AlreadyRated, CommentError, StoreError
from . import fields
from .engine import WRITE, acquire, configured_url, get_engine, prepare_once, release, resolve_url, retrying
from .engine import shown_url, write_gate
from .fields import body_hash
from .model import Comment, ImportReport, PostResult, RatingSummary, ThreadPage
from .moderation import Candidate, Context, Rules, decide

__all__ = ["CommentStore", "Comment", "PostResult", "ThreadPage", "ImportReport", "RatingSummary", "Rules"]

MAX_PER_PAGE = 500


def _sql():
    """The SQL modules, imported on first use (they load SQLAlchemy)."""
    import sqlalchemy as sa

    from . import ratings, schema, statements, thread_order

    return sa, schema, statements, ratings, thread_order


class CommentStore:
    """Comments, moderation and ratings in one SQLite or PostgreSQL database.

    Make one with :meth:`open`. ``rules`` (:class:`~.moderation.Rules`)
    decide what happens to new comments, including the maximum reply depth.
    """

    def __init__(self, engine, url: str, *, rules: Rules | None = None, salt: str = ""):
        self._engine = engine
        self._write = engine.execution_options(**WRITE)
        self._gate = write_gate(url)
        self.url = url
        self.rules = rules or Rules()
        self._salt = salt
        self._closed = False

    # --- opening and closing ------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, essay_dir=None, rules: Rules | None = None) -> CommentStore:
        """Open (creating and migrating when needed) the comment database.

        ``url`` wins, then ``$ESSAYKIT_DB``, then the SQLite file
        ``<essay_dir or the current folder>/.essaykit/comments.sqlite``
        (its folder is created). A value without ``://`` is an SQLite path.

        ``rules`` default to the JSON file named by ``$ESSAYKIT_MODERATION``,
        else ``<essay_dir or the current folder>/.essaykit/moderation.json``
        when it exists, else :class:`Rules` defaults.
        """
        sa, schema, sql, _, _ = _sql()
        resolved = resolve_url(url, essay_dir=essay_dir)
        engine = get_engine(resolved, create_folder=configured_url(url) is None)
        shown = shown_url(resolved)
        try:
            prepare_once(resolved, lambda: retrying(lambda: schema.migrate(engine, write_options=WRITE),
                                                    what=f"prepare {shown}"))
            with engine.connect() as conn:
                salt = sql.hash_salt(conn)
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot open the comment database {shown}: {_first_line(exc.orig)}") from None
        if rules is None:
            rules = _configured_rules(essay_dir)
        acquire(resolved)
        return cls(engine, resolved, rules=rules, salt=salt)

    def close(self) -> None:
        """Release this store; the engine's connections close when the process's last store for the URL does."""
        if not self._closed:
            self._closed = True
            release(self.url)

    def __enter__(self) -> CommentStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"CommentStore({shown_url(self.url)!r})"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("this comment store was closed; open a new one with CommentStore.open()")

    # --- hashing --------------------------------------------------------------------

    def _hash(self, purpose: str, value: str) -> str:
        return hashlib.sha256(f"{self._salt}\0{purpose}\0{value}".encode()).hexdigest()[:32]

    def avatar_hash(self, email: str) -> str:
        """The salted hash an identicon is drawn from; it cannot be turned back into the email."""
        return self._hash("avatar", email.strip().lower()) if email else ""

    def _comment(self, row, *, depth: int | None = None) -> Comment:
        return _sql()[2].to_comment(row, avatar=self.avatar_hash(row.email), depth=depth)

    def _many(self, query) -> list[Comment]:
        with self._engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    # --- posting --------------------------------------------------------------------------

    def post(self, essay: str, *, author: str, email: str, website: str = "", body: str,
             parent: str | None = None, session: str = "", honeypot: str = "", kind: str = "comment",
             source_url: str = "", now: datetime | None = None) -> PostResult:
        """Check, moderate and store a reader's comment (or a pingback/webmention).

        Raises CommentError naming the field when a value is refused, when the
        reader posts too fast, or for a duplicate. ``session`` identifies the
        reader for flood control; it is stored only as a salted hash.
        """
        self._check_open()
        essay = fields.check_slug(essay)
        kind = fields.check_kind(kind)
        if kind == "comment":
            author = fields.clean_name(author)
            email = fields.clean_email(email)
            source_url = ""
        else:
            source_url = fields.clean_url(source_url, field="source_url", required=True)
            author = fields.clean_name(author or "", required=False) or (urlsplit(source_url).hostname or "")
            email = fields.clean_email(email or "", required=False)
        website = fields.clean_url(website)
        body = fields.clean_body(body)
        if parent is not None and parent != "":
            parent = fields.check_public_id(parent, field="parent")
        else:
            parent = None
        if not isinstance(session, str) or not isinstance(honeypot, str):
            raise CommentError("session and honeypot must be text", "session")
        moment = _sql()[2].naive_utc(now)
        candidate = Candidate(essay=essay, author=author, email=email, body=body, website=website, kind=kind,
                              source_url=source_url, honeypot=honeypot)
        session_hash = self._hash("session", session) if session else ""

        def work() -> PostResult:
            sql = _sql()[2].posting()
            with self._writing() as conn:
                self._lock_essay(conn, essay)
                parent_id, depth = self._parent_for_reply(conn, essay, parent) if parent else (None, 0)
                context = self._context(conn, candidate, session_hash, moment)
                decision = decide(candidate, context, self.rules)
                public_id = secrets.token_hex(6)
                row_id = conn.execute(sql.insert_comment, {
                    "public_id": public_id, "essay": essay, "parent_id": parent_id, "depth": depth,
                    "author": author, "email": email, "email_key": email.lower(), "website": website, "body": body,
                    "body_hash": body_hash(body),
                    "created": moment, "status": decision.status, "kind": kind, "source_url": source_url,
                    "session_hash": session_hash, "import_source": "",
                }).scalar_one()
                conn.execute(sql.insert_log, {"comment_id": row_id, "old": None, "new": decision.status,
                                              "by": "rules", "reason": decision.reason[:1000], "at": moment})
            comment = Comment(
                id=public_id, essay=essay, parent=parent, author=author, email=email, website=website, body=body,
                created=moment.replace(tzinfo=timezone.utc), status=decision.status, kind=kind,
                source_url=source_url, depth=depth, avatar=self.avatar_hash(email) if kind == "comment" else "",
            )
            return PostResult(comment=comment, status=decision.status, reason=decision.reason)

        return retrying(work, what="post the comment")

    @contextmanager
    def _writing(self):
        """A write transaction, queued behind this machine's other essaykit writers to the same file."""
        with self._gate, self._write.begin() as conn:
            yield conn

    @staticmethod
    def _lock_essay(conn, essay: str) -> None:
        # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs
        # a lock so two posts cannot both pass the duplicate and flood checks.
        if conn.dialect.name == "postgresql":
            conn.execute(_sql()[2].posting().pg_essay_lock, {"key": "essaykit:" + essay})

    def _parent_for_reply(self, conn, essay: str, parent: str) -> tuple[int, int]:
        row = conn.execute(_sql()[2].posting().parent, {"public_id": parent}).first()
        if row is None or row.essay != essay:
            # The same message for "missing" and "elsewhere": ids of other essays are not confirmed.
            raise CommentError(f"the comment {parent!r} you are replying to is not on this essay", "parent")
        if row.status != "approved" or row.kind != "comment":
            raise CommentError(f"the comment {parent!r} you are replying to is not published; reply to another one",
                               "parent")
        if row.depth + 1 >= self.rules.max_depth:
            raise CommentError(
                f"replies nest at most {self.rules.max_depth} levels deep; reply to an earlier comment in this thread",
                "parent",
            )
        return row.id, row.depth + 1

    def _context(self, conn, candidate: Candidate, session_hash: str, moment: datetime) -> Context:
        """Everything decide() needs from the database, in one query."""
        sql = _sql()[2].posting()
        query = sql.context_comment if candidate.kind == "comment" else sql.context_mention
        row = conn.execute(query, {
            "essay": candidate.essay, "email_key": candidate.email.lower(), "body": candidate.body,
            "body_hash": body_hash(candidate.body),
            "source_url": candidate.source_url, "kind": candidate.kind,
            # "" is the hash of "no session" (imports, pingbacks): never match it.
            "session_hash": session_hash or "no-session",
            # With the per-minute cap off, look at an empty range instead of counting a busy minute.
            "since": moment - timedelta(minutes=1) if self.rules.max_per_minute else moment + timedelta(days=36500),
        }).one()
        return Context(now=moment, email_has_approved=bool(candidate.email) and bool(row.known),
                       duplicate=bool(row.duplicate), last_from_session=row.last_from_session,
                       recent_in_essay=int(row.recent or 0))

    # --- reading ----------------------------------------------------------------------------

    def thread(self, essay: str, *, page: int = 1, per_page: int = 50) -> ThreadPage:
        """One page of the essay's comments in display order: each reply right after its parent.

        Approved comments are shown; a comment that is no longer approved but
        has approved replies stays as a ``[deleted]`` tombstone (no name, no
        body, no website) so the replies keep their place.
        """
        _, _, sql, _, thread_order = _sql()
        self._check_open()
        essay = fields.check_slug(essay)
        if not isinstance(page, int) or page < 1:
            raise CommentError(f"page must be a whole number from 1 (not {page!r})", "page")
        if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
            raise CommentError(f"per_page must be from 1 to {MAX_PER_PAGE} (not {per_page!r})", "per_page")
        with self._engine.connect() as conn:
            skeleton = conn.execute(sql.thread_skeleton(essay)).all()
            start = (page - 1) * per_page
            order, total = thread_order.display_order(skeleton, start + per_page)
            window = order[start:start + per_page]
            rows = {r.id: r for r in conn.execute(sql.rows_by_id([i for i, _ in window]))} if window else {}
        items = [
            self._comment(rows[row_id], depth=depth) if rows[row_id].status == "approved"
            else sql.to_tombstone(rows[row_id], depth)
            for row_id, depth in window
        ]
        return ThreadPage(items=items, total=total, page=page, per_page=per_page)

    def mentions(self, essay: str) -> list[Comment]:
        """Approved pingbacks and webmentions of the essay, oldest first."""
        self._check_open()
        return self._many(_sql()[2].where(fields.check_slug(essay), "approved", mentions=True))

    def list(self, essay: str | None = None, status: str | None = None) -> list[Comment]:
        """Every comment (all kinds), optionally of one essay and one status, oldest first. Author-only."""
        self._check_open()
        essay = None if essay is None else fields.check_slug(essay)
        status = None if status is None else fields.check_status(status)
        return self._many(_sql()[2].where(essay, status))

    def pending(self, essay: str | None = None) -> list[Comment]:
        """Comments waiting for the author, oldest first."""
        return self.list(essay, "pending")

    def get(self, public_id: str) -> Comment:
        """The comment with this public id; CommentError when there is none."""
        self._check_open()
        fields.check_public_id(public_id)
        found = self._many(_sql()[2].where(public_id=public_id))
        if not found:
            raise CommentError(f"there is no comment with id {public_id!r}; see `essaykit comments list`", "id")
        return found[0]

    def fingerprint(self, essay: str) -> str:
        """A short string that changes whenever the essay's visible comments or ratings could change."""
        self._check_open()
        with self._engine.connect() as conn:
            text = _sql()[2].fingerprint_parts(conn, essay)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    # --- moderation --------------------------------------------------------------------------

    def set_status(self, public_ids: str | Iterable[str], status: str, *, by: str, reason: str = "") -> int:
        """Change the status of the given comments, logging who, when and why; returns how many changed.

        All or nothing: an unknown id refuses the whole change. A comment
        already in ``status`` is left alone and not counted.
        """
        sql = _sql()[2]
        self._check_open()
        status = fields.check_status(status)
        ids = [public_ids] if isinstance(public_ids, str) else list(public_ids)
        for public_id in ids:
            fields.check_public_id(public_id)
        if not isinstance(by, str) or not by.strip():
            raise CommentError("say who is moderating (by=...)", "by")
        reason = (reason or "")[:1000]

        def work() -> int:
            changed = 0
            with self._writing() as conn:
                moment = sql.naive_utc(None)
                for public_id in dict.fromkeys(ids):
                    row = conn.execute(sql.status_of(public_id)).first()
                    if row is None:
                        raise CommentError(
                            f"there is no comment with id {public_id!r}; nothing was changed "
                            "(see `essaykit comments list`)", "id")
                    if row.status != status:
                        sql.change_status(conn, row, status, by=by.strip()[:200], reason=reason, at=moment)
                        changed += 1
            return changed

        return retrying(work, what=f"mark comments {status}")

    def log(self, public_id: str) -> list[dict]:
        """The moderation history of one comment, oldest first: old, new, by, reason, at."""
        self._check_open()
        fields.check_public_id(public_id)
        with self._engine.connect() as conn:
            rows = conn.execute(_sql()[2].history(public_id)).all()
        return [{"old": r.old, "new": r.new, "by": r.by, "reason": r.reason,
                 "at": r.at.replace(tzinfo=timezone.utc)} for r in rows]

    # --- backup --------------------------------------------------------------------------------

    def export(self, essay: str | None = None) -> list[dict]:
        """A full backup in the JSON format of docs/comments.md, emails included; parents before replies."""
        self._check_open()
        query = _sql()[2].backup(None if essay is None else fields.check_slug(essay))
        with self._engine.connect() as conn:
            return [self._comment(r).record() for r in conn.execute(query)]

    def import_records(self, records: object, *, source: str = "json") -> ImportReport:
        """Add the records (JSON format) whose ids are not in the database yet.

        Idempotent: a record whose id is already stored is counted as
        unchanged and never modified, so an import can neither resurrect a
        deleted comment nor downgrade anything. Nothing is ever deleted. A bad
        record is reported by index and field and the others still go in.
        """
        from .jsonio import import_into

        self._check_open()
        if not isinstance(source, str) or not source.strip():
            raise CommentError("name the import source, e.g. source='json'", "source")
        return retrying(lambda: import_into(self, records, source=source.strip()[:100]), what="import comments")

    # --- ratings ----------------------------------------------------------------------------------

    def add_rating(self, essay: str, session: str, value: int, *, scale: int = 5) -> RatingSummary:
        """Record one reader's rating (once per essay and reader session) and return the new summary."""
        sa, _, _, ratings, _ = _sql()
        self._check_open()
        essay = fields.check_slug(essay)
        ratings.check_rating(value, scale)
        if not isinstance(session, str) or not session:
            raise CommentError("a rating needs the reader's session", "session")
        session_hash = self._hash("session", session)

        def work() -> None:
            with self._writing() as conn:
                self._lock_essay(conn, essay)
                ratings.insert_rating(conn, essay, session_hash, value, scale)

        try:
            retrying(work, what="save the rating")
        except sa.exc.IntegrityError:  # two first ratings raced; the unique index kept one
            raise AlreadyRated() from None
        return self.rating_summary(essay)

    def rating_summary(self, essay: str) -> RatingSummary:
        """The mean of readers' ratings (None when there are none) and their count."""
        self._check_open()
        essay = fields.check_slug(essay)
        with self._engine.connect() as conn:
            return _sql()[3].summary(conn, essay)


def _configured_rules(essay_dir) -> Rules:
    named = os.environ.get("ESSAYKIT_MODERATION", "").strip()
    if named:
        return Rules.from_file(named)
    from pathlib import Path

    default = Path(essay_dir if essay_dir is not None else Path.cwd()) / ".essaykit" / "moderation.json"
    return Rules.from_file(default) if default.is_file() else Rules()


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

