"""The steps of posting a comment: clean the fields, find the parent, gather what
moderation needs, and insert the comment with its first log entry.

:meth:`CommentStore.post <essaykit.comments.store.CommentStore.post>` runs them
in one write transaction; :func:`.moderation.decide` makes the decision.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from ..errors import CommentError
from . import fields
from .fields import body_hash
from .moderation import Candidate, Context
from .statements import naive_utc, posting  # noqa: F401 - naive_utc is one of the steps

__all__ = ["clean", "context", "insert", "naive_utc", "parent_for_reply"]


def clean(essay: object, *, author: object, email: object, website: object, body: object, parent: object,
          session: object, honeypot: object, kind: object, source_url: object,
          title: object = "") -> tuple[Candidate, str | None]:
    """Every field checked and cleaned, before anything touches the database; CommentError names the field."""
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
    parent = fields.check_public_id(parent, field="parent") if parent is not None and parent != "" else None
    if not isinstance(session, str) or not isinstance(honeypot, str):
        raise CommentError("session and honeypot must be text", "session")
    candidate = Candidate(essay=essay, author=author, email=email, body=body, website=website, kind=kind,
                          source_url=source_url, honeypot=honeypot, title=title)
    return candidate, parent


def parent_for_reply(conn, essay: str, parent: str, max_depth: int) -> tuple[int, int]:
    """The parent's row id and the reply's depth; CommentError when the reply may not go there."""
    row = conn.execute(posting().parent, {"public_id": parent}).first()
    if row is None or row.essay != essay:
        # The same message for "missing" and "elsewhere": ids of other essays are not confirmed.
        raise CommentError(f"the comment {parent!r} you are replying to is not on this essay", "parent")
    if row.status != "approved" or row.kind != "comment":
        raise CommentError(f"the comment {parent!r} you are replying to is not published; reply to another one",
                           "parent")
    if row.depth + 1 >= max_depth:
        raise CommentError(
            f"replies nest at most {max_depth} levels deep; reply to an earlier comment in this thread",
            "parent",
        )
    return row.id, row.depth + 1


def context(conn, candidate: Candidate, session_hash: str, moment: datetime, max_per_minute: int) -> Context:
    """Everything decide() needs from the database, in one query."""
    sql = posting()
    query = sql.context_comment if candidate.kind == "comment" else sql.context_mention
    row = conn.execute(query, {
        "essay": candidate.essay, "email_key": candidate.email.lower(), "body": candidate.body,
        "body_hash": body_hash(candidate.body),
        "source_url": candidate.source_url, "kind": candidate.kind,
        # "" is the hash of "no session" (imports, pingbacks): never match it.
        "session_hash": session_hash or "no-session",
        # With the per-minute cap off, look at an empty range instead of counting a busy minute.
        "since": moment - timedelta(minutes=1) if max_per_minute else moment + timedelta(days=36500),
    }).one()
    return Context(now=moment, email_has_approved=bool(candidate.email) and bool(row.known),
                   duplicate=bool(row.duplicate), last_from_session=row.last_from_session,
                   recent_in_essay=int(row.recent or 0))


def insert(conn, c: Candidate, *, parent_id: int | None, depth: int, status: str, reason: str,
           moment: datetime, session_hash: str, by_author: bool = False, by: str = "rules",
           notify: bool = False) -> str:
    """Store the comment, the rules' decision in the log and the emails it causes (:mod:`.outbox`,
    same transaction); returns its new public id. ``notify``: the commenter asked to hear of replies."""
    from . import outbox

    sql = posting()
    public_id = secrets.token_hex(6)
    row_id = conn.execute(sql.insert_comment, {
        "public_id": public_id, "essay": c.essay, "parent_id": parent_id, "depth": depth,
        "author": c.author, "email": c.email, "email_key": c.email.lower(), "website": c.website, "body": c.body,
        "body_hash": body_hash(c.body), "created": moment, "status": status, "kind": c.kind,
        "source_url": c.source_url, "session_hash": session_hash, "import_source": "", "title": c.title,
        "by_author": by_author,
    }).scalar_one()
    conn.execute(sql.insert_log, {"comment_id": row_id, "old": None, "new": status,
                                  "by": by, "reason": reason[:1000], "at": moment})
    outbox.on_posted(conn, row_id=row_id, public_id=public_id, status=status, email=c.email,
                     notify=notify and c.kind == "comment" and not by_author, tell_author=not by_author,
                     moment=moment)
    return public_id
