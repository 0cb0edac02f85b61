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
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from types import SimpleNamespace
from datetime import datetime, timezone

from ..errors import AlreadyRated, CommentError, StoreError
from ..names import ENV_MODERATION
from . import fields
from .engine import WRITE, acquire, configured_url, get_engine, prepare_once, release, resolve_url, retrying
from .engine import DEFAULT_RELATIVE, shown_url, site_folder, write_gate
from .model import Comment, ImportReport, PostResult, RatingSummary, ThreadPage
from .moderation import Rules, decide

__all__ = ["CommentStore", "Comment", "PostResult", "ThreadPage", "ImportReport", "RatingSummary", "Rules"]

MAX_PER_PAGE = 500


@cache
def _sql() -> SimpleNamespace:
    """The SQL side, imported on first use (it loads SQLAlchemy): statements, posting, ratings."""
    import sqlalchemy as sa

    from . import posting, ratings, schema, statements, thread_order

    return SimpleNamespace(sa=sa, schema=schema, statements=statements, posting=posting, ratings=ratings,
                           thread_order=thread_order)


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
        ``<site folder>/.essaykit/comments.sqlite`` (its folder is created;
        see :func:`~essaykit.comments.engine.site_folder`). A value without
        ``://`` is an SQLite path.

        ``rules`` default to the JSON file named by ``$ESSAYKIT_MODERATION``,
        else ``<site folder>/.essaykit/moderation.json``
        when it exists, else :class:`Rules` defaults.
        """
        sa, schema, sql = _sql().sa, _sql().schema, _sql().statements
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

    def setting(self, key: str) -> str:
        """A value from the database's ``settings`` table (e.g. ``session_secret``); StoreError if it is missing."""
        self._check_open()
        with self._engine.connect() as conn:
            value = _sql().statements.setting(conn, key)
        if value is None:
            raise StoreError(f"the comment database has no {key!r} setting; open it with this essaykit to migrate it")
        return value

    def settings_of(self, keys) -> dict[str, str]:
        """The values of ``keys`` in the ``settings`` table; missing keys are left out."""
        self._check_open()
        with self._engine.connect() as conn:
            return _sql().statements.settings_of(conn, tuple(keys))

    def put_settings(self, values: dict[str, str]) -> None:
        """Write ``values`` into the ``settings`` table, all in one transaction (e.g. a key rotation)."""
        self._check_open()

        def work() -> None:
            with self._writing() as conn:
                _sql().statements.put_settings(conn, values)

        retrying(work, what="save the settings")

    def approved_email_of_session(self, session: str) -> str | None:
        """The normalised email of the newest approved comment this reader session posted (see :mod:`.trust`)."""
        self._check_open()
        if not isinstance(session, str) or not session:
            return None
        with self._engine.connect() as conn:
            return _sql().statements.approved_email_of_session(conn, self._hash("session", session))

    # --- hashing --------------------------------------------------------------------

    def _hash(self, purpose: str, value: str) -> str:
        return hashlib.sha256(f"{self._salt}\0{purpose}\0{value}".encode()).hexdigest()[:32]

    def sender(self, session: object = "", client: object = ""):
        """The stored keys of a sender (:class:`.posting.Sender`): hashed session and address, network prefix."""
        from .addresses import address_keys

        address, network = address_keys(client)
        session = session if isinstance(session, str) else ""
        return _sql().posting.Sender(session_hash=self._hash("session", session) if session else "",
                                     address_hash=self._hash("address", address) if address else "",
                                     network=network)

    def avatar_hash(self, email: str) -> str:
        """The salted hash an identicon is drawn from; it cannot be turned back into the email."""
        return self._hash("avatar", email.strip().lower()) if email else ""

    def _comment(self, row, *, depth: int | None = None) -> Comment:
        return _sql().statements.to_comment(row, avatar=self.avatar_hash(row.email), depth=depth)

    def _many(self, query) -> list[Comment]:
        with self._engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    # --- posting --------------------------------------------------------------------------

    def post(self, essay: str, *, author: str, email: str, website: str = "", body: str,
             parent: str | None = None, session: str = "", honeypot: str = "", kind: str = "comment",
             source_url: str = "", title: str = "", now: datetime | None = None, client: str = "",
             proven_email: str | None = None, notify: bool = False) -> PostResult:
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
        """
        self._check_open()
        posting = _sql().posting
        candidate, parent = posting.clean(essay, author=author, email=email, website=website, body=body,
                                          parent=parent, session=session, honeypot=honeypot, kind=kind,
                                          source_url=source_url, title=title)
        moment = posting.naive_utc(now)
        keys = self.sender(session, client)

        def work() -> PostResult:
            with self._writing() as conn:
                self._lock_essay(conn, candidate.essay)
                self._lock_sender(conn, keys)
                parent_id, depth = (posting.parent_for_reply(conn, candidate.essay, parent, self.rules.max_depth)
                                    if parent else (None, 0))
                context = posting.context(conn, candidate, keys, moment, proven_email=proven_email)
                decision = decide(candidate, context, self.rules)
                public_id = posting.insert(conn, candidate, parent_id=parent_id, depth=depth, status=decision.status,
                                           reason=decision.reason, moment=moment, keys=keys,
                                           notify=bool(notify) and decision.status != "spam")
            comment = Comment(
                id=public_id, essay=candidate.essay, parent=parent, author=candidate.author, email=candidate.email,
                website=candidate.website, body=candidate.body, created=moment.replace(tzinfo=timezone.utc),
                status=decision.status, kind=candidate.kind, source_url=candidate.source_url, depth=depth,
                avatar=self.avatar_hash(candidate.email) if candidate.kind == "comment" else "",
                title=candidate.title,
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
        self._check_open()
        posting = _sql().posting
        if not isinstance(by, str) or not by.strip():
            raise CommentError("say who is replying (by=...)", "by")
        essay = self.get(fields.check_public_id(parent, field="parent")).essay
        from .moderation import Candidate

        candidate = Candidate(essay=essay, author=fields.clean_name(author), email=fields.clean_email(email, required=False),
                              body=fields.clean_body(body), website=fields.clean_url(website), kind="comment",
                              source_url="", honeypot="")
        moment = posting.naive_utc(now)

        def work() -> str:
            with self._writing() as conn:
                self._lock_essay(conn, essay)
                parent_id, depth = posting.parent_for_reply(conn, essay, parent, self.rules.max_depth)
                return posting.insert(conn, candidate, parent_id=parent_id, depth=depth, status="approved",
                                      reason="the author's reply", moment=moment, session_hash="",
                                      by_author=True, by=by.strip()[:200])

        return self.get(retrying(work, what="post the reply"))

    @contextmanager
    def writing(self):
        """A write transaction on this database, for the modules that keep their own tables in it
        (the mail outbox). Commits when the block ends, rolls back if it raises."""
        self._check_open()
        with self._writing() as conn:
            yield conn

    @contextmanager
    def reading(self):
        """A read-only connection to this database (see :meth:`writing`)."""
        self._check_open()
        with self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _writing(self):
        """A write transaction, queued behind this machine's other essaykit writers to the same file."""
        with self._gate, self._write.begin() as conn:
            yield conn

    @staticmethod
    def _lock_sender(conn, keys) -> None:
        # Limits per address and network span essays: on PostgreSQL, one sender's posts to
        # different essays must not pass their checks side by side. Always taken after the essay's lock.
        if conn.dialect.name == "postgresql" and (keys.address_hash or keys.network):
            lock = _sql().statements.posting().pg_essay_lock
            for key in (keys.network, keys.address_hash):
                if key:
                    conn.execute(lock, {"key": "essaykit-sender:" + key})

    @staticmethod
    def _lock_essay(conn, essay: str) -> None:
        # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs
        # a lock so two posts cannot both pass the duplicate and flood checks.
        if conn.dialect.name == "postgresql":
            conn.execute(_sql().statements.posting().pg_essay_lock, {"key": "essaykit:" + essay})

    # --- received mentions -------------------------------------------------------------------

    def upsert_mention(self, essay: str, *, kind: str, source_url: str, author: str = "", website: str = "",
                       title: str = "", excerpt: str, now: datetime | None = None):
        """Store a verified pingback or webmention, or update the one from the same source.

        A new mention goes through :meth:`post` (the same checks and
        moderation as any comment: held by default). Re-sent, it keeps its
        id and status and gets the new title, author and excerpt, unless the
        rules now call it spam; one the receiver had removed comes back as a
        new one would. Returns a :class:`~.mentions.MentionChange`.
        """
        from .mentions import upsert_mention

        self._check_open()
        return upsert_mention(self, essay, kind=kind, source_url=source_url, author=author, website=website,
                              title=title, excerpt=excerpt, now=now)

    def remove_mention(self, essay: str, source_url: str, *, reason: str) -> Comment | None:
        """Take down the essay's mention from ``source_url`` (status ``deleted``, logged by ``mentions``).

        Returns the mention as it was, or None when there was none shown or
        held (a mention the author marked spam stays spam).
        """
        from .mentions import remove_mention

        self._check_open()
        return remove_mention(self, essay, source_url, reason=reason)

    # --- reading ----------------------------------------------------------------------------

    def thread(self, essay: str, *, page: int = 1, per_page: int = 50) -> ThreadPage:
        """One page of the essay's comments in display order: each reply right after its parent.

        Approved comments are shown; a comment that is no longer approved but
        has approved replies stays as a ``[deleted]`` tombstone (no name, no
        body, no website) so the replies keep their place.
        """
        sql, thread_order = _sql().statements, _sql().thread_order
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
        return self._many(_sql().statements.where(fields.check_slug(essay), "approved", mentions=True))

    def list(self, essay: str | None = None, status: str | None = None) -> list[Comment]:
        """Every comment (all kinds), optionally of one essay and one status, oldest first. Author-only."""
        self._check_open()
        essay = None if essay is None else fields.check_slug(essay)
        status = None if status is None else fields.check_status(status)
        return self._many(_sql().statements.where(essay, status))

    def pending(self, essay: str | None = None) -> list[Comment]:
        """Comments waiting for the author, oldest first."""
        return self.list(essay, "pending")

    def get(self, public_id: str) -> Comment:
        """The comment with this public id; CommentError when there is none."""
        self._check_open()
        fields.check_public_id(public_id)
        found = self._many(_sql().statements.where(public_id=public_id))
        if not found:
            raise CommentError(f"there is no comment with id {public_id!r}; see `essaykit comments list`", "id")
        return found[0]

    def version(self) -> int:
        """A number that rises with every change to comments (their status included) and ratings, made by
        any process sharing the database; pages rendered at an older number are stale."""
        self._check_open()
        with self._engine.connect() as conn:
            return _sql().statements.version(conn)

    def get_many(self, public_ids: Iterable[str]) -> dict[str, Comment]:
        """The comments with these public ids, by id; unknown ids are left out (one query)."""
        self._check_open()
        ids = [fields.check_public_id(i) for i in dict.fromkeys(public_ids)]
        if not ids:
            return {}
        query = _sql().statements.comment_select().where(_sql().schema.comments.c.public_id.in_(ids))
        return {c.id: c for c in self._many(query)}

    def fingerprint(self, essay: str) -> str:
        """A short string that changes whenever the essay's visible comments or ratings could change."""
        self._check_open()
        with self._engine.connect() as conn:
            text = _sql().statements.fingerprint_parts(conn, essay)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    # --- moderation --------------------------------------------------------------------------

    def set_status(self, public_ids: str | Iterable[str], status: str, *, by: str, reason: str = "") -> int:
        """Change the status of the given comments, logging who, when and why; returns how many changed.

        All or nothing: an unknown id refuses the whole change. A comment
        already in ``status`` is left alone and not counted.
        """
        sql = _sql().statements
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
            rows = conn.execute(_sql().statements.history(public_id)).all()
        return [{"old": r.old, "new": r.new, "by": r.by, "reason": r.reason,
                 "at": r.at.replace(tzinfo=timezone.utc)} for r in rows]

    # --- backup --------------------------------------------------------------------------------

    def export(self, essay: str | None = None) -> list[dict]:
        """A full backup in the JSON format of docs/comments.md, emails included; parents before replies."""
        self._check_open()
        query = _sql().statements.backup(None if essay is None else fields.check_slug(essay))
        with self._engine.connect() as conn:
            return [self._comment(r).record() for r in conn.execute(query)]

    def import_records(self, records: object, *, source: str = "json", author_backup: bool = False) -> ImportReport:
        """Add the records (JSON format) whose ids are not in the database yet.

        ``author_backup=True`` vouches that the records are the author's own
        backup (``essaykit comments import``): only then is ``by_author``
        honoured, so no reader-supplied record can pass as the author's reply.

        Idempotent: a record whose id is already stored is counted as
        unchanged and never modified, so an import can neither resurrect a
        deleted comment nor downgrade anything. Nothing is ever deleted. A bad
        record is reported by index and field and the others still go in.
        """
        from .jsonio import import_into

        self._check_open()
        if not isinstance(source, str) or not source.strip():
            raise CommentError("name the import source, e.g. source='json'", "source")
        return retrying(lambda: import_into(self, records, source=source.strip()[:100],
                                                 author_backup=author_backup), what="import comments")

    # --- ratings ----------------------------------------------------------------------------------

    def add_rating(self, essay: str, session: str, value: int, *, scale: int = 5, client: str = "") -> RatingSummary:
        """Record one reader's rating and return the new summary.

        Once per essay per signed reader ``session`` and per ``client`` address (see
        :mod:`.ratings`); :class:`AlreadyRated` otherwise.
        """
        sa, ratings = _sql().sa, _sql().ratings
        self._check_open()
        essay = fields.check_slug(essay)
        ratings.check_rating(value, scale)
        if not isinstance(session, str) or not session:
            raise CommentError("a rating needs the reader's session", "session")
        keys = self.sender(session, client)

        def work() -> None:
            with self._writing() as conn:
                self._lock_essay(conn, essay)
                ratings.insert_rating(conn, essay, keys, value, scale)

        try:
            retrying(work, what="save the rating")
        except sa.exc.IntegrityError:  # two first ratings raced; the unique index kept one
            raise AlreadyRated() from None
        return self.rating_summary(essay)

    def ratings(self, essay: str | None = None) -> list[dict]:
        """Every rating (of one essay), oldest first: id, essay, value, scale, created (UTC), session
        (the first 12 characters of its salted hash), network (the address's prefix, or "")."""
        self._check_open()
        essay = None if essay is None else fields.check_slug(essay)
        with self._engine.connect() as conn:
            rows = conn.execute(_sql().ratings.listing(essay)).all()
        return [{"id": row.id, "essay": row.essay, "value": row.value, "scale": row.scale,
                 "created": row.created.replace(tzinfo=timezone.utc), "session": row.session_hash[:12],
                 "network": row.network} for row in rows]

    def delete_ratings(self, *, essay: str | None = None, ids=(), session: str = "", address: str = "",
                       network: str = "") -> int:
        """Delete ratings by id, by session (a prefix of the hash :meth:`ratings` shows, 8+ characters),
        by client ``address`` (an IP) or by ``network`` (a prefix such as 203.0.113.0/24); any one
        match deletes. Returns how many were deleted."""
        from .addresses import address_keys, network_of

        self._check_open()
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
            address_hash = self._hash("address", exact)
        net = ""
        if network:
            net = network_of(network)
            if not net:
                raise CommentError(f"the network {network!r} is not an IP address or prefix such as "
                                   "203.0.113.0/24", "network")

        def work() -> int:
            with self._writing() as conn:
                return _sql().ratings.delete_where(conn, essay=essay, ids=ids, session_prefix=session,
                                                   address_hash=address_hash, network=net)

        return retrying(work, what="delete ratings")

    def rating_of(self, essay: str, session: str) -> int | None:
        """The rating this reader session gave the essay, or None."""
        self._check_open()
        essay = fields.check_slug(essay)
        if not isinstance(session, str) or not session:
            return None
        with self._engine.connect() as conn:
            return _sql().ratings.rating_of(conn, essay, self._hash("session", session))

    def own_pending(self, essay: str, session: str, *, limit: int = 20) -> list[Comment]:
        """This reader session's comments on the essay that wait for the author, oldest first: shown
        only to that reader, marked "awaiting moderation" (held or caught are not told apart)."""
        self._check_open()
        essay = fields.check_slug(essay)
        if not isinstance(session, str) or not session:
            return []
        return self._many(_sql().statements.own_held(essay, self._hash("session", session), limit))[::-1]

    def rating_summary(self, essay: str) -> RatingSummary:
        """The mean of readers' ratings (None when there are none) and their count."""
        self._check_open()
        essay = fields.check_slug(essay)
        with self._engine.connect() as conn:
            return _sql().ratings.summary(conn, essay)


def _configured_rules(essay_dir) -> Rules:
    named = os.environ.get(ENV_MODERATION, "").strip()
    if named:
        return Rules.from_file(named)
    default = site_folder(essay_dir) / DEFAULT_RELATIVE.parent / "moderation.json"
    return Rules.from_file(default) if default.is_file() else Rules()


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

