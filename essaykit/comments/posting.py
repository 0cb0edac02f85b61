"""The steps of posting a comment: clean the fields, find the parent, gather what
moderation needs, and insert the comment with its first log entry.

:meth:`CommentStore.post <essaykit.comments.store.CommentStore.post>` runs them
in one write transaction; :func:`.moderation.decide` makes the decision.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa

from ..db.schema import comments, moderation_log
from ..errors import CommentError
from . import events, fields
from .fields import body_hash, normalise_email
from .anchor import Anchor
from .moderation import Candidate, Context
from .statements import anchor_columns, naive_utc  # noqa: F401 - naive_utc is one of the steps
from .timing import Timing

__all__ = ["Sender", "clean", "context", "insert", "naive_utc", "parent_for_reply", "unused"]


# --- the statements, built once per process so each post only binds values -------------------

_bind = sa.bindparam


def _exists(*conditions):
    return sa.exists(sa.select(comments.c.id).where(*conditions))


def _last(column, key):
    return sa.select(sa.func.max(comments.c.created)).where(column == _bind(key)).scalar_subquery()


def _count_since(column, key):
    return (sa.select(sa.func.count()).select_from(comments).where(column == _bind(key), comments.c.created > _bind("hour_ago"))
            .scalar_subquery())


def _context(duplicate):
    return sa.select(
        _exists(comments.c.email_key == _bind("email_key"), comments.c.status == "approved").label("known"),
        _exists(comments.c.session_hash == _bind("session_hash"), comments.c.email_key == _bind("email_key"),
                comments.c.status == "approved", comments.c.kind == "comment").label("session_proves"),
        duplicate.label("duplicate"),
        _exists(comments.c.essay == _bind("essay"), comments.c.body_hash == _bind("body_hash"), comments.c.body == _bind("body"),
                comments.c.email_key == _bind("email_key"), comments.c.session_hash == _bind("session_hash"))
        .label("own_duplicate"),
        _last(comments.c.session_hash, "session_hash").label("last_from_session"),
        _last(comments.c.address_hash, "address_hash").label("last_from_address"),
        _count_since(comments.c.address_hash, "address_hash").label("address_hour"),
        _count_since(comments.c.network, "network").label("network_hour"),
        _exists(comments.c.identity == _bind("identity"), comments.c.status == "approved",
                comments.c.kind == "comment").label("identity_proves"),
        sa.select(sa.func.count()).select_from(comments)
        .where(comments.c.essay == _bind("essay"), comments.c.status == "pending")
        .scalar_subquery().label("pending"),
    )


_INSERT_COMMENT = comments.insert().returning(comments.c.id)
_INSERT_LOG = moderation_log.insert()
_NONCE_USED = _exists(comments.c.load_nonce == _bind("nonce")).select()
_PARENT = sa.select(comments.c.id, comments.c.essay, comments.c.status, comments.c.kind, comments.c.depth).where(comments.c.public_id == _bind("public_id"))
_CONTEXT_COMMENT = _context(_exists(comments.c.essay == _bind("essay"), comments.c.body_hash == _bind("body_hash"),
                                    comments.c.email_key == _bind("email_key"), comments.c.body == _bind("body"),
                                    comments.c.kind == "comment"))
_CONTEXT_MENTION = _context(_exists(comments.c.essay == _bind("essay"), comments.c.source_url == _bind("source_url"),
                                    comments.c.kind == _bind("kind")))


@dataclass(frozen=True)
class Sender:
    """Who sent a post, as the store keeps it: salted hashes of the session and address, and the
    network prefix (see :mod:`.addresses`). "" where it is not known."""

    session_hash: str = ""
    address_hash: str = ""
    network: str = ""


def clean(essay: object, *, author: object, email: object, website: object, body: object, parent: object,
          session: object, honeypot: object, kind: object, source_url: object,
          title: object = "", verified: bool = False) -> tuple[Candidate, str | None]:
    """Every field checked and cleaned, before anything touches the database; CommentError names the field.
    ``verified``: a signed-in reader's comment, whose identity may have no address."""
    essay = fields.check_slug(essay)
    kind = fields.check_kind(kind)
    if kind == "comment":
        author = fields.clean_name(author)
        email = fields.clean_email(email, required=not verified)
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
    row = conn.execute(_PARENT, {"public_id": parent}).first()
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


def context(conn, candidate: Candidate, keys: Sender, moment: datetime, *, proven_email: str | None = None,
            identity: str = "") -> Context:
    """Everything decide() needs from the database, in one query. ``identity``: the signed-in reader's
    (:mod:`.signins`); an approved comment under it proves this one as an approved address would."""
    query = _CONTEXT_COMMENT if candidate.kind == "comment" else _CONTEXT_MENTION
    email_key = normalise_email(candidate.email)
    row = conn.execute(query, {
        "essay": candidate.essay, "email_key": email_key, "body": candidate.body,
        "body_hash": body_hash(candidate.body),
        "source_url": candidate.source_url, "kind": candidate.kind,
        # "" means "not known" (imports, pingbacks, a kernel outside essaykit serve): never match it.
        "session_hash": keys.session_hash or "no-session",
        "address_hash": keys.address_hash or "no-address",
        "network": keys.network or "no-network",
        "identity": identity or "no-identity",
        "hour_ago": moment - timedelta(hours=1),
    }).one()
    proven = (bool(email_key) and (bool(row.session_proves) or proven_email == email_key)) or \
        (bool(identity) and bool(row.identity_proves))
    return Context(now=moment, email_has_approved=bool(email_key) and bool(row.known), proven=proven,
                   duplicate=bool(row.duplicate), own_duplicate=bool(row.own_duplicate) and bool(keys.session_hash),
                   last_from_session=row.last_from_session, last_from_address=row.last_from_address,
                   address_last_hour=int(row.address_hour or 0), network_last_hour=int(row.network_hour or 0),
                   pending_in_essay=int(row.pending or 0))


def unused(conn, timing: Timing) -> Timing:
    """``timing``, or nothing when its load token already timed a comment (a replay). In the essay's
    write transaction: a token names its essay, so two posts with one token are serialised."""
    if timing.nonce is None or not conn.execute(_NONCE_USED, {"nonce": timing.nonce}).scalar():
        return timing
    return timing.replayed()


def insert(conn, c: Candidate, *, parent_id: int | None, depth: int, status: str, reason: str,
           moment: datetime, session_hash: str = "", keys: Sender | None = None, by_author: bool = False,
           by: str = "rules", notify: bool = False, spam_score: float | None = None,
           spam_reason: str = "", timing: Timing = Timing(), anchor: Anchor | None = None, identity: str = "") -> str:
    """Store the comment and the rules' decision in the log, and tell the listeners (:mod:`.events`:
    the mail outbox, in the same transaction); returns its new public id. ``notify``: the commenter
    asked to hear of replies. ``spam_score`` and ``spam_reason``: the spam filter's verdict;
    ``timing``: the form's load time (:mod:`.timing`); ``anchor``: the passage it answers; ``identity``:
    the signed-in reader's verified identity key (:mod:`.signins`), "" for an anonymous comment."""
    public_id = secrets.token_hex(6)
    keys = keys or Sender(session_hash=session_hash)
    row_id = conn.execute(_INSERT_COMMENT, {
        "public_id": public_id, "essay": c.essay, "parent_id": parent_id, "depth": depth,
        "author": c.author, "email": c.email, "email_key": normalise_email(c.email), "website": c.website, "body": c.body,
        "body_hash": body_hash(c.body), "created": moment, "status": status, "kind": c.kind,
        "source_url": c.source_url, "session_hash": keys.session_hash, "import_source": "", "title": c.title,
        "by_author": by_author, "address_hash": keys.address_hash, "network": keys.network,
        "spam_score": spam_score, "spam_reason": spam_reason[:1000], **anchor_columns(anchor),
        "load_seconds": timing.seconds, "load_nonce": timing.nonce, "identity": identity,
    }).scalar_one()
    conn.execute(_INSERT_LOG, {"comment_id": row_id, "old": None, "new": status,
                                  "by": by, "reason": reason[:1000], "at": moment})
    events.posted(conn, events.Posted(row_id=row_id, public_id=public_id, status=status, email=c.email,
                                      notify=notify and c.kind == "comment" and not by_author,
                                      tell_author=not by_author, moment=moment))
    return public_id
