"""The author's moderation queue: pending comments and mentions, the likeliest spam first.

One definition for both places the author moderates: the ``ModerationQueue``
widget (over its kernel) and JupyterLab's Comments panel (over the server route
``/essaykit/moderation`` of :mod:`essaykit.lab.handlers`). Each item carries the
spam filter's score and reason and what the comment answers (its parent's
opening words; for a mention, the page that links here).
"""

from __future__ import annotations

from .._words import excerpt
from .identicon import identicon_data_url
from .model import Comment, iso_utc
from .render import person_html

#: What the author may do to a pending comment, and the status each action gives it.
ACTIONS = {"approve": "approved", "spam": "spam", "delete": "deleted"}
ANSWERS_CHARS = 160  # enough of the parent to recognise it


def ordered(pending: list[Comment]) -> list[Comment]:
    """Highest spam score first (so the author can sweep the top); unscored last; oldest first within a score."""
    return sorted(pending, key=lambda c: (c.spam_score is None, -(c.spam_score or 0.0), c.created))


def answers(comment: Comment, parent: Comment | None) -> str:
    """What the comment answers, as the queue names it."""
    if comment.kind != "comment":
        return f"links here from {comment.source_url}" if comment.source_url else "links here"
    if parent is None:
        # The author's own queue: a quote from a spoiler is theirs to see.
        return f"the passage “{excerpt(comment.anchor.exact, ANSWERS_CHARS)}”" if comment.anchor else "the essay"
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
