"""The author's moderation queue: pending comments and mentions, the likeliest spam first.

The one implementation behind both places the author moderates: JupyterLab's
Comments panel, over the server route ``/essaykit/moderation``
(:mod:`essaykit.lab.handlers`), and the ``ModerationQueue`` widget, over its
kernel. Both speak the route's contract: the queue is :func:`answer`
(``{"items", "threshold", "bulk_score"}``), an action is the route's request
body, checked by :func:`request_of` and carried out by :func:`act`::

    {"action": "approve" | "spam" | "delete", "ids": ["…", …]}
    {"action": "reply", "id": "…", "body": "…"}

Each item carries the spam filter's score and reason and what the comment
answers (its parent's opening words; for a mention, the page that links here).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .._words import excerpt, plural
from ..errors import CommentError
from ..names import ENV_AUTHOR
from .anchor import IN_SPOILER
from .fields import check_public_id
from .identicon import identicon_data_url
from .model import Comment, iso_utc
from .render import person_html
from .signature import reply_name

#: What the author may do to a pending comment, and the status each action gives it.
ACTIONS = {"approve": "approved", "spam": "spam", "delete": "deleted"}
ANSWERS_CHARS = 160  # enough of the parent to recognise it
#: The bulk action: "mark the N comments scored over BULK_SCORE as spam".
BULK_SCORE = 0.99
_EXAMPLE = '{"action": "spam", "ids": ["…"]}'


def ordered(pending: list[Comment]) -> list[Comment]:
    """Highest spam score first (so the author can sweep the top); unscored last; oldest first within a score."""
    return sorted(pending, key=lambda c: (c.spam_score is None, -(c.spam_score or 0.0), c.created))


def answers(comment: Comment, parent: Comment | None) -> str:
    """What the comment answers, as the queue names it."""
    if comment.kind != "comment":
        return f"links here from {comment.source_url}" if comment.source_url else "links here"
    if parent is None:
        if comment.anchor is None:
            return "the essay"
        # Spoilers stay hidden here too: the author's queue is shown in JupyterLab and in notebooks.
        return IN_SPOILER if comment.anchor.spoiler else f"the passage “{excerpt(comment.anchor.exact, ANSWERS_CHARS)}”"
    return f"{parent.author or 'someone'}: {excerpt(parent.body, ANSWERS_CHARS)}"


def item(comment: Comment, parent: Comment | None = None) -> dict:
    """What the queue shows of one pending comment (the author may see the email)."""
    return {
        "id": comment.id,
        "essay": comment.essay,
        "kind": comment.kind,
        "author": comment.author,
        "author_html": str(person_html(comment.author, comment.website or comment.source_url)),
        "email": comment.email,
        "created": iso_utc(comment.created),
        "created_text": f"{comment.created:%Y-%m-%d %H:%M} UTC",
        "avatar": identicon_data_url(comment.avatar),
        "body_html": comment.body_html,
        "reply": bool(comment.parent),
        "score": None if comment.spam_score is None else round(comment.spam_score, 4),
        "reason": comment.spam_reason,
        "answers": answers(comment, parent),
    }


def pending_items(store, essay: str | None = None) -> list[dict]:
    """The queue of ``essay`` (every essay when None), highest score first."""
    pending = ordered(store.pending(essay))
    parents = store.get_many(c.parent for c in pending if c.parent)
    return [item(c, parents.get(c.parent)) for c in pending]


def moderate(store, public_ids: list[str], action: str, *, by: str, reason: str) -> int:
    """Apply ``action`` to those of ``public_ids`` still pending (one transaction); how many changed.

    A comment someone else decided meanwhile (another tab, an email link) is left as they decided it.
    """
    status = ACTIONS[action]
    still = [c.id for c in store.get_many(public_ids).values() if c.status == "pending"]
    return store.set_status(still, status, by=by, reason=reason) if still else 0


def approve_and_reply(store, public_id: str, body: str, *, author: str, by: str, reason: str) -> Comment:
    """Approve a pending comment and publish the author's reply to it, marked "Author"."""
    store.set_status(public_id, "approved", by=by, reason=f"{reason}: approved to reply")
    return store.reply(public_id, body, author=author, by=by)


def answer(store, essay: str | None = None, **extra) -> dict:
    """The queue as the route answers it (and the widget shows it): the items, the filter's threshold
    and the score the bulk action sweeps above."""
    return {"items": pending_items(store, essay), "threshold": store.rules.spam_threshold,
            "bulk_score": BULK_SCORE, **extra}


@dataclass(frozen=True)
class Request:
    """One checked action on the queue: ``ids`` (one for a reply) and the reply's ``body``."""

    action: str
    ids: list[str]
    body: str = ""


def request_of(payload: object) -> Request:
    """The action ``payload`` asks for, checked field by field; CommentError naming the field otherwise."""
    if not isinstance(payload, dict):
        raise CommentError(f"the request must be a JSON object: {_EXAMPLE}", "action")
    action = payload.get("action")
    if action not in (*ACTIONS, "reply"):
        raise CommentError(f'"action" must be one of {", ".join((*ACTIONS, "reply"))} (not {action!r:.60})', "action")
    ids = [payload.get("id")] if action == "reply" else payload.get("ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        field = '"id" must be a comment id' if action == "reply" else '"ids" must be a non-empty list of comment ids'
        raise CommentError(f"{field}, as the queue lists them", "ids")
    try:
        ids = [check_public_id(i) for i in ids]
    except CommentError as exc:
        raise CommentError(f'"ids": {exc}', "ids") from None
    body = payload.get("body")
    if action == "reply" and (not isinstance(body, str) or not body.strip()):
        raise CommentError('"body" must be the text of your reply', "body")
    return Request(action=action, ids=ids, body=body if action == "reply" else "")


def act(store, request: Request, *, by: str, reason: str, author: str = "", root=None) -> str:
    """Carry out ``request``; what it came to, for the author. A reply is signed ``author``, else
    ``$ESSAYKIT_AUTHOR``, else the essay's or site's author (:mod:`.signature`, looked up under ``root``).

    Raises CommentError (a comment or a name the action cannot use) or the store's errors."""
    if request.action != "reply":
        one = store.get(request.ids[0]) if len(request.ids) == 1 else None
        changed = moderate(store, request.ids, request.action, by=by, reason=reason)
        if one is not None and changed:  # a button on one comment: name whose it was
            return f"Comment by {one.author or one.id} marked {ACTIONS[request.action]}."
        return f"{plural(changed, 'comment')} marked {ACTIONS[request.action]}."
    [public_id] = request.ids
    comment = store.get(public_id)
    name = author or os.environ.get(ENV_AUTHOR, "").strip() or reply_name(comment.essay, root)
    if not name:
        raise CommentError("there is no name to sign your reply with; set essay.author in the essay's metadata, "
                           "[site] author in essaykit.toml, or ModerationQueue(author='Your Name')", "author")
    approve_and_reply(store, public_id, request.body, author=name, by=by, reason=reason)
    return f"Approved; your reply to {comment.author or public_id} is published."
