"""The comment store: comments, their moderation log and readers' ratings, behind one object.

    store = CommentStore.open()                       # ESSAYKIT_DB or ./.essaykit/comments.sqlite
    result = store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.")
    page = store.thread("the-salt-road")              # approved comments, threaded, oldest first

Every method runs in one explicit transaction. Writes are retried with
backoff when the database is momentarily busy, so "database is locked"
never reaches a reader. Field checks (:mod:`.fields`) run before anything is
written, and the moderation decision is :func:`.moderation.decide`.

SQLAlchemy is imported on first use, not when this module is imported.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from types import SimpleNamespace
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from ..errors import CommentError, StoreError
from . import fields
from .engine import WRITE, dispose, get_engine, resolve_url, retrying, write_gate
from .model import (
    TOMBSTONE_BODY,
    Comment,
    ImportReport,
    PostResult,
    RatingSummary,
    ThreadPage,
)
from .moderation import Candidate, Context, Rules, decide
from .fields import body_hash

__all__ = ["CommentStore", "Comment", "PostResult", "ThreadPage", "ImportReport", "RatingSummary", "Rules"]

MAX_PER_PAGE = 500
_open_counts: dict[str, int] = {}
_migrated: set[tuple[int, str]] = set()
_registry_lock = threading.Lock()


def _naive_utc(moment: datetime | None) -> datetime:
    if moment is None:
        moment = datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return moment.replace(tzinfo=None)


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
        import sqlalchemy as sa

        from . import schema

        resolved = resolve_url(url, essay_dir=essay_dir)
        is_default = not (url or "").strip() and not os.environ.get("ESSAYKIT_DB", "").strip()
        engine = get_engine(resolved, create_folder=is_default)
        shown = sa.make_url(resolved).render_as_string(hide_password=True)
        key = (os.getpid(), resolved)
        try:
            if key not in _migrated:
                retrying(lambda: schema.migrate(engine, write_options=WRITE), what=f"prepare {shown}")
                _migrated.add(key)
            with engine.connect() as conn:
                salt = conn.execute(
                    sa.select(schema.settings.c.value).where(schema.settings.c.key == "hash_salt")
                ).scalar_one()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot open the comment database {shown}: {_first_line(exc.orig)}") from None
        if rules is None:
            rules = _configured_rules(essay_dir)
        with _registry_lock:
            _open_counts[resolved] = _open_counts.get(resolved, 0) + 1
        return cls(engine, resolved, rules=rules, salt=salt)

    def close(self) -> None:
        """Release this store; the engine's connections close when the process's last store for the URL does."""
        if self._closed:
            return
        self._closed = True
        with _registry_lock:
            left = _open_counts.get(self.url, 1) - 1
            if left <= 0:
                _open_counts.pop(self.url, None)
            else:
                _open_counts[self.url] = left
        if left <= 0:
            dispose(self.url)
            _migrated.discard((os.getpid(), self.url))

    def __enter__(self) -> CommentStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        import sqlalchemy as sa

        return f"CommentStore({sa.make_url(self.url).render_as_string(hide_password=True)!r})"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("this comment store was closed; open a new one with CommentStore.open()")

    # --- hashing --------------------------------------------------------------------

    def _hash(self, purpose: str, value: str) -> str:
        return hashlib.sha256(f"{self._salt}\0{purpose}\0{value}".encode()).hexdigest()[:32]

    def avatar_hash(self, email: str) -> str:
        """The salted hash an identicon is drawn from; it cannot be turned back into the email."""
        return self._hash("avatar", email.strip().lower()) if email else ""

    # --- reading rows -------------------------------------------------------------------

    def _select(self):
        import sqlalchemy as sa

        from .schema import comments as c

        p = c.alias("p")
        return sa.select(
            c.c.id, c.c.public_id, c.c.essay, p.c.public_id.label("parent_public"), c.c.depth, c.c.author,
            c.c.email, c.c.website, c.c.body, c.c.created, c.c.status, c.c.kind, c.c.source_url, c.c.title,
        ).select_from(c.outerjoin(p, c.c.parent_id == p.c.id))

    def _comment(self, row, *, depth: int | None = None) -> Comment:
        return Comment(
            id=row.public_id, essay=row.essay, parent=row.parent_public, author=row.author, email=row.email,
            website=row.website, body=row.body, created=row.created.replace(tzinfo=timezone.utc),
            status=row.status, kind=row.kind, source_url=row.source_url,
            depth=row.depth if depth is None else depth,
            avatar=self.avatar_hash(row.email) if row.kind == "comment" else "", title=row.title,
        )

    @staticmethod
    def _tombstone(row, depth: int) -> Comment:
        return Comment(
            id=row.public_id, essay=row.essay, parent=row.parent_public, author="", email="", website="",
            body=TOMBSTONE_BODY, created=row.created.replace(tzinfo=timezone.utc), status="deleted",
            kind=row.kind, source_url="", depth=depth, avatar="",
        )

    # --- posting --------------------------------------------------------------------------

    def post(self, essay: str, *, author: str, email: str, website: str = "", body: str,
             parent: str | None = None, session: str = "", honeypot: str = "", kind: str = "comment",
             source_url: str = "", title: str = "", now: datetime | None = None) -> PostResult:
        """Check, moderate and store a reader's comment (or a pingback/webmention).

        Raises CommentError naming the field when a value is refused, when the
        reader posts too fast, or for a duplicate. ``session`` identifies the
        reader for flood control; it is stored only as a salted hash.
        ``title`` is a mention's page title (ignored for comments).
        """
        self._check_open()
        essay = fields.check_slug(essay)
        kind = fields.check_kind(kind)
        if kind == "comment":
            author = fields.clean_name(author)
            email = fields.clean_email(email)
            source_url = title = ""
        else:
            title = fields.clean_title(title)
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
        moment = _naive_utc(now)
        candidate = Candidate(essay=essay, author=author, email=email, body=body, website=website, kind=kind,
                              source_url=source_url, honeypot=honeypot)
        session_hash = self._hash("session", session) if session else ""

        def work() -> PostResult:
            sql = _statements()
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
                    "session_hash": session_hash, "import_source": "", "title": title,
                }).scalar_one()
                conn.execute(sql.insert_log, {"comment_id": row_id, "old": None, "new": decision.status,
                                              "by": "rules", "reason": decision.reason[:1000], "at": moment})
            comment = Comment(
                id=public_id, essay=essay, parent=parent, author=author, email=email, website=website, body=body,
                created=moment.replace(tzinfo=timezone.utc), status=decision.status, kind=kind,
                source_url=source_url, depth=depth, avatar=self.avatar_hash(email) if kind == "comment" else "",
                title=title,
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
            conn.execute(_statements().pg_essay_lock, {"key": "essaykit:" + essay})

    def _parent_for_reply(self, conn, essay: str, parent: str) -> tuple[int, int]:
        row = conn.execute(_statements().parent, {"public_id": parent}).first()
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
        sql = _statements()
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
        import sqlalchemy as sa

        from .schema import comments as c

        self._check_open()
        essay = fields.check_slug(essay)
        if not isinstance(page, int) or page < 1:
            raise ValueError(f"page must be a whole number from 1 (not {page!r})")
        if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be from 1 to {MAX_PER_PAGE} (not {per_page!r})")
        with self._engine.connect() as conn:
            skeleton = conn.execute(
                sa.select(c.c.id, c.c.parent_id, c.c.status)
                .where(c.c.essay == essay, c.c.kind == "comment")
                .order_by(c.c.created, c.c.id)
            ).all()
            start = (page - 1) * per_page
            order, total = _display_order(skeleton, start + per_page)
            window = order[start:start + per_page]
            rows = {}
            if window:
                ids = [row_id for row_id, _ in window]
                rows = {r.id: r for r in conn.execute(self._select().where(c.c.id.in_(ids)))}
        items = [
            self._comment(rows[row_id], depth=depth) if rows[row_id].status == "approved"
            else self._tombstone(rows[row_id], depth)
            for row_id, depth in window
        ]
        return ThreadPage(items=items, total=total, page=page, per_page=per_page)

    def mentions(self, essay: str) -> list[Comment]:
        """Approved pingbacks and webmentions of the essay, oldest first."""
        from .schema import comments as c

        self._check_open()
        essay = fields.check_slug(essay)
        query = self._select().where(c.c.essay == essay, c.c.kind != "comment", c.c.status == "approved")
        return self._many(query.order_by(c.c.created, c.c.id))

    def list(self, essay: str | None = None, status: str | None = None) -> list[Comment]:
        """Every comment (all kinds), optionally of one essay and one status, oldest first. Author-only."""
        from .schema import comments as c

        self._check_open()
        query = self._select()
        if essay is not None:
            query = query.where(c.c.essay == fields.check_slug(essay))
        if status is not None:
            query = query.where(c.c.status == fields.check_status(status))
        return self._many(query.order_by(c.c.created, c.c.id))

    def pending(self, essay: str | None = None) -> list[Comment]:
        """Comments waiting for the author, oldest first."""
        return self.list(essay, "pending")

    def get(self, public_id: str) -> Comment:
        """The comment with this public id; CommentError when there is none."""
        from .schema import comments as c

        self._check_open()
        fields.check_public_id(public_id)
        found = self._many(self._select().where(c.c.public_id == public_id))
        if not found:
            raise CommentError(f"there is no comment with id {public_id!r}; see `essaykit comments list`", "id")
        return found[0]

    def _many(self, query) -> list[Comment]:
        with self._engine.connect() as conn:
            return [self._comment(r) for r in conn.execute(query)]

    def fingerprint(self, essay: str) -> str:
        """A short string that changes whenever the essay's visible comments or ratings could change."""
        import sqlalchemy as sa

        from .schema import comments as c
        from .schema import moderation_log as log
        from .schema import ratings as r

        self._check_open()
        with self._engine.connect() as conn:
            comment_part = conn.execute(sa.select(sa.func.count(), sa.func.max(c.c.id)).where(c.c.essay == essay)).one()
            log_part = conn.execute(
                sa.select(sa.func.count(), sa.func.max(log.c.id)).select_from(log.join(c, log.c.comment_id == c.c.id))
                .where(c.c.essay == essay)
            ).one()
            rating_part = conn.execute(
                sa.select(sa.func.count(), sa.func.sum(r.c.value)).where(r.c.essay == essay)
            ).one()
        text = f"{tuple(comment_part)}{tuple(log_part)}{tuple(rating_part)}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    # --- moderation --------------------------------------------------------------------------

    def set_status(self, public_ids: str | Iterable[str], status: str, *, by: str, reason: str = "") -> int:
        """Change the status of the given comments, logging who, when and why; returns how many changed.

        All or nothing: an unknown id refuses the whole change. A comment
        already in ``status`` is left alone and not counted.
        """
        import sqlalchemy as sa

        from .schema import comments as c
        from .schema import moderation_log as log

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
                moment = _naive_utc(None)
                for public_id in dict.fromkeys(ids):
                    row = conn.execute(sa.select(c.c.id, c.c.status).where(c.c.public_id == public_id)).first()
                    if row is None:
                        raise CommentError(
                            f"there is no comment with id {public_id!r}; nothing was changed "
                            "(see `essaykit comments list`)", "id")
                    if row.status == status:
                        continue
                    conn.execute(c.update().where(c.c.id == row.id).values(status=status))
                    conn.execute(log.insert().values(comment_id=row.id, old=row.status, new=status, by=by.strip()[:200],
                                                     reason=reason, at=moment))
                    changed += 1
            return changed

        return retrying(work, what=f"mark comments {status}")

    def log(self, public_id: str) -> list[dict]:
        """The moderation history of one comment, oldest first: old, new, by, reason, at."""
        import sqlalchemy as sa

        from .schema import comments as c
        from .schema import moderation_log as log

        self._check_open()
        fields.check_public_id(public_id)
        with self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(log.c.old, log.c.new, log.c.by, log.c.reason, log.c.at)
                .select_from(log.join(c, log.c.comment_id == c.c.id))
                .where(c.c.public_id == public_id).order_by(log.c.id)
            ).all()
        return [{"old": r.old, "new": r.new, "by": r.by, "reason": r.reason,
                 "at": r.at.replace(tzinfo=timezone.utc)} for r in rows]

    # --- backup --------------------------------------------------------------------------------

    def export(self, essay: str | None = None) -> list[dict]:
        """A full backup in the JSON format of docs/comments.md, emails included; parents before replies."""
        from .schema import comments as c

        self._check_open()
        query = self._select()
        if essay is not None:
            query = query.where(c.c.essay == fields.check_slug(essay))
        with self._engine.connect() as conn:
            return [self._comment(r).record() for r in conn.execute(query.order_by(c.c.id))]

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
        import sqlalchemy as sa

        from .schema import ratings as r

        self._check_open()
        essay = fields.check_slug(essay)
        if not isinstance(scale, int) or isinstance(scale, bool) or not 1 <= scale <= 10:
            raise CommentError(f"the rating scale must be a whole number from 1 to 10 (not {scale!r})", "rating")
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= scale:
            raise CommentError(f"a rating is a whole number from 1 to {scale} (not {value!r})", "rating")
        if not isinstance(session, str) or not session:
            raise CommentError("a rating needs the reader's session", "session")
        session_hash = self._hash("session", session)

        def work() -> None:
            with self._writing() as conn:
                self._lock_essay(conn, essay)
                exists = conn.execute(
                    sa.select(r.c.id).where(r.c.essay == essay, r.c.session_hash == session_hash)
                ).first()
                if exists:
                    raise CommentError("you have already rated this essay", "rating")
                conn.execute(r.insert().values(essay=essay, session_hash=session_hash, value=value, scale=scale,
                                               created=_naive_utc(None)))

        try:
            retrying(work, what="save the rating")
        except sa.exc.IntegrityError:
            raise CommentError("you have already rated this essay", "rating") from None
        return self.rating_summary(essay)

    def rating_summary(self, essay: str) -> RatingSummary:
        """The mean of readers' ratings (None when there are none) and their count."""
        import sqlalchemy as sa

        from .schema import ratings as r

        self._check_open()
        essay = fields.check_slug(essay)
        with self._engine.connect() as conn:
            count, average = conn.execute(
                sa.select(sa.func.count(), sa.func.avg(r.c.value)).where(r.c.essay == essay)
            ).one()
        return RatingSummary(average=float(average) if count else None, count=int(count))


def _configured_rules(essay_dir) -> Rules:
    named = os.environ.get("ESSAYKIT_MODERATION", "").strip()
    if named:
        return Rules.from_file(named)
    from pathlib import Path

    default = Path(essay_dir if essay_dir is not None else Path.cwd()) / ".essaykit" / "moderation.json"
    return Rules.from_file(default) if default.is_file() else Rules()


@cache
def _statements() -> SimpleNamespace:
    """The posting path's statements, built once per process so each post only binds values."""
    import sqlalchemy as sa

    from .schema import comments as c
    from .schema import moderation_log as log

    bind = sa.bindparam

    def exists(*where):
        return sa.exists(sa.select(c.c.id).where(*where))

    def context(duplicate):
        return sa.select(
            exists(c.c.email_key == bind("email_key"), c.c.status == "approved").label("known"),
            duplicate.label("duplicate"),
            sa.select(sa.func.max(c.c.created)).where(c.c.session_hash == bind("session_hash"))
            .scalar_subquery().label("last_from_session"),
            sa.select(sa.func.count()).select_from(c)
            .where(c.c.essay == bind("essay"), c.c.created > bind("since"), c.c.import_source == "")
            .scalar_subquery().label("recent"),
        )

    return SimpleNamespace(
        insert_comment=c.insert().returning(c.c.id),
        insert_log=log.insert(),
        parent=sa.select(c.c.id, c.c.essay, c.c.status, c.c.kind, c.c.depth).where(c.c.public_id == bind("public_id")),
        context_comment=context(exists(c.c.essay == bind("essay"), c.c.body_hash == bind("body_hash"),
                                       c.c.email_key == bind("email_key"), c.c.body == bind("body"),
                                       c.c.kind == "comment")),
        context_mention=context(exists(c.c.essay == bind("essay"), c.c.source_url == bind("source_url"),
                                       c.c.kind == bind("kind"))),
        pg_essay_lock=sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
    )


def _display_order(skeleton, stop: int) -> tuple[list[tuple[int, int]], int]:
    """The first ``stop`` (row id, depth) pairs in thread order, and how many rows are shown in all.

    ``skeleton`` is (id, parent_id, status) rows, oldest first. A row is
    shown when it is approved or has a shown descendant; a shown row that is
    not approved becomes a tombstone. Only the rows up to ``stop`` are put in
    order, so the first page of a huge thread costs little more than a count.
    """
    children: dict[int | None, list[int]] = {}
    for row_id, parent_id, _ in skeleton:
        children.setdefault(parent_id, []).append(row_id)
    shown = {row_id for row_id, _, status in skeleton if status == "approved"}
    # A reply's row id is always larger than its parent's (the parent must
    # exist first), so going down by id settles children before parents, even
    # when imported times put a reply before its parent.
    for row_id in sorted((r[0] for r in skeleton if r[2] != "approved"), reverse=True):
        if any(k in shown for k in children.get(row_id, ())):
            shown.add(row_id)
    order: list[tuple[int, int]] = []
    stack = [(row_id, 0) for row_id in reversed(children.get(None, []))]
    while stack and len(order) < stop:
        row_id, depth = stack.pop()
        if row_id not in shown:
            continue
        order.append((row_id, depth))
        kids = children.get(row_id)
        if kids:
            stack.extend((k, depth + 1) for k in reversed(kids))
    return order, len(shown)


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]

