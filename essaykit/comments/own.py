"""A reader's own comments: edit one within the edit window, delete one at any time.

The proof of ownership is the browser that posted it: the comment's stored
``session_hash`` must be the salted hash of the request's genuine signed
session (:mod:`.sessions`), or the comment was posted under the verified identity
that session is signed in as (:mod:`.signins`). A typed name or email proves nothing, and a session
rotated away (:func:`essaykit.live.api.client.rotate` moves its comments to the
new id) owns nothing any more, so a replayed old cookie is refused. Unknown ids
and other readers' comments get the same :class:`~essaykit.errors.NotYourComment`,
so the refusal tells nobody whether an id exists.

An edit keeps the author's decision unless :func:`.moderation.held_by_edit`
says otherwise (links or a listed word added: back to ``pending``, logged
``by="reader"``, and the author is emailed as about a new comment: :func:`.events.held_by_edit`).
A deletion makes the comment a ``deleted`` tombstone: its words, name, email and website are blanked at once, its replies keep their place
(:meth:`CommentStore.thread <essaykit.comments.store.CommentStore.thread>`), and
its reply subscription goes with it. The session and address hashes stay, so
deleting does not reset the flood limits; erasing a reader's data
(``essaykit people erase``) drops those too.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..db.engine import retrying
from ..db.schema import comments as c
from ..db.schema import mail_subscriptions, sign_ins
from ..errors import EditClosed, NotYourComment
from . import events, fields, statements
from .fields import body_hash
from .model import Comment
from .moderation import held_by_edit

#: What the reader is told after each change (the API and the widget alike).
EDITED = "Your comment is updated."
EDIT_HELD = "Your edit is awaiting moderation."
DELETED = "Your comment is deleted."
#: Who the moderation log names for a reader's own change.
BY_READER = "reader"
#: What a deleted comment's writer fields are blanked to.
BLANKED = {"author": "", "email": "", "email_key": "", "website": "", "body": "", "body_hash": "", "title": "",
           "identity": ""}


def _row(conn, public_id: str):
    return conn.execute(sa.select(c.c.id, c.c.status, c.c.session_hash, c.c.created, c.c.body, c.c.kind, c.c.essay,
                                  c.c.by_author, c.c.identity).where(c.c.public_id == public_id)).first()


def blank(conn, row_ids: list[int]) -> None:
    """Blank the writer's fields of these comments and drop their reply subscriptions (no email stays)."""
    if row_ids:
        conn.execute(c.update().where(c.c.id.in_(row_ids)).values(**BLANKED))
        conn.execute(mail_subscriptions.delete().where(mail_subscriptions.c.comment_id.in_(row_ids)))


class OwnCommentsMixin:
    """The reader's side of their comments, mixed into :class:`~essaykit.comments.store.CommentStore`."""

    def _owned(self, conn, public_id: object, session: object):
        """The row of ``public_id`` if ``session`` posted it (and it is a reader's comment); else NotYourComment."""
        if not isinstance(public_id, str) or not fields.PUBLIC_ID_RE.match(public_id) or \
                not isinstance(session, str) or not session:
            raise NotYourComment()
        row = _row(conn, public_id)
        mine = self.hash("session", session)
        if row is None or row.kind != "comment" or row.by_author:
            raise NotYourComment()
        if row.session_hash and hmac.compare_digest(row.session_hash, mine):
            return row
        # Or the identity it was posted under is the one this session signed in as (essaykit.comments.signins).
        held = conn.execute(sa.select(sign_ins.c.identity).where(sign_ins.c.session_hash == mine)).scalar()
        if held and row.identity and hmac.compare_digest(held.encode(), row.identity.encode()):
            return row
        raise NotYourComment()

    def own_comments(self, essay: str, session: str, *, limit: int = 20) -> list[Comment]:
        """This reader session's comments on ``essay`` that are not deleted (any status), newest first."""
        essay = fields.check_slug(essay)
        if not isinstance(session, str) or not session:
            return []
        query = (statements.comment_select()
                 .where(c.c.essay == essay, c.c.session_hash == self.hash("session", session),
                        c.c.kind == "comment", c.c.status != "deleted")
                 .order_by(c.c.created.desc(), c.c.id.desc()).limit(limit))
        return self._many(query)

    def editable_until(self, comment: Comment) -> datetime:
        """When ``comment`` stops being editable by its writer (aware UTC)."""
        return comment.created + timedelta(minutes=self.rules.edit_minutes)

    def edit_own(self, public_id: str, session: str, body: str, *, now: datetime | None = None) -> Comment:
        """Replace the body of the comment ``session`` posted, within ``edit_minutes`` of posting.

        NotYourComment when it is not this session's; EditClosed after the window; CommentError
        (field ``body``) for a bad body, as posting would say. Returns the comment as stored now."""
        text = fields.clean_body(body)
        moment = statements.naive_utc(now)

        def work() -> None:
            with self.writing() as conn:
                row = self._owned(conn, public_id, session)
                if row.status == "deleted":
                    raise NotYourComment("this comment has been deleted; it cannot be edited")
                minutes = self.rules.edit_minutes
                if moment - row.created > timedelta(minutes=minutes):
                    window = f"{minutes:g} minute{'' if minutes == 1 else 's'}"
                    raise EditClosed(f"a comment can be edited for {window} after posting, and this one is older; "
                                     "you can still delete it", "body")
                if text == row.body:
                    return
                conn.execute(c.update().where(c.c.id == row.id)
                             .values(body=text, body_hash=body_hash(text), edited_at=moment))
                reason = held_by_edit(row.body, text, self.rules) if row.status == "approved" else None
                if reason:
                    statements.change_status(conn, row, "pending", by=BY_READER, reason=reason, at=moment)
                    events.held_by_edit(conn, public_id, moment)  # the author hears, as of a new comment

        retrying(work, what="edit the comment")
        return self.get(public_id)

    def delete_own(self, public_id: str, session: str, *, now: datetime | None = None) -> None:
        """Delete the comment ``session`` posted (any time): a tombstone with its words blanked."""
        moment = statements.naive_utc(now)

        def work() -> None:
            with self.writing() as conn:
                row = self._owned(conn, public_id, session)
                if row.status != "deleted":
                    statements.change_status(conn, row, "deleted", by=BY_READER, reason="deleted by its writer",
                                             at=moment)
                blank(conn, [row.id])

        retrying(work, what="delete the comment")
