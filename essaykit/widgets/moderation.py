"""``ModerationQueue``: the author's list of comments waiting for a decision.

Examples::

    from essaykit import ModerationQueue

    ModerationQueue()                        # pending comments of every essay
    ModerationQueue("the-salt-road")         # just this essay

Args:
    essay: a slug to moderate one essay, or None (the default) for all.
    store: a ``CommentStore`` or a database URL; by default ``CommentStore.open()``.
    by: the name written to the moderation log; by default the OS user.
    author: the name the author's replies show; by default ``$ESSAYKIT_AUTHOR``, else the essay's
        ``essay.author``, else the site's ``[site] author`` (:mod:`essaykit.comments.signature`).

Pending comments and mentions come highest spam score first, exactly as
JupyterLab's Comments panel shows them: both are :mod:`essaykit.comments.queue`,
the one implementation behind the route ``/essaykit/moderation``. Each shows the
filter's score and reason (``filter 0.97: …``), what it answers, its essay,
name, email (the author may see it), website, date and rendered body, with
**Approve**, **Spam** and **Delete** buttons whose accessible names say the
action and the commenter, and a bulk button, "Mark the N comments scored over
0.99 as spam". A click sends ``{"event": "act", "request": R}``, where ``R`` is
the body the route takes (``{"action": "spam", "ids": [...]}``, or
``{"action": "reply", "id", "body"}`` for **Approve and reply**); the kernel
checks it with the route's own check, acts only on comments in the queue it is
showing, and carries it out with the route's own code (the moderation log
says who; a reply goes through :meth:`CommentStore.reply`, the one path that
marks a reply "Author").

It is for the author in JupyterLab only. In a kernel that serves readers
(Voilà, ``essaykit serve``) it refuses to work: it shows a note, has no
buttons, and every message asking for a change is refused, so an essay that
was published with a ModerationQueue left in it still gives readers no way
to moderate.
"""

from __future__ import annotations

import getpass
import logging
import pathlib

import anywidget
import traitlets

from ..comments.queue import BULK_SCORE, act, answer, request_of
from ..errors import CommentError, EssaykitError, WidgetError
from ._args import quote
from ._frontend import css, esm
from ._served import served_to_readers
from ._store import StoreBacked
from ._twin import FrontEndGuard, StaticTwin

_HERE = pathlib.Path(__file__).parent
log = logging.getLogger(__name__)

SERVED_NOTE = "Moderation is only available to the author, in JupyterLab. This page cannot change comments."


def check_essay(essay: object) -> str | None:
    from .rating import check_essay as check_slug

    if essay is None:
        return None
    try:
        return check_slug(essay)
    except WidgetError as exc:
        raise WidgetError(str(exc).replace("Rating(", "ModerationQueue("), "essay") from None


def _default_by() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "author"
    return f"{user} (ModerationQueue)"


class ModerationQueue(StoreBacked, StaticTwin, FrontEndGuard, anywidget.AnyWidget):
    """Pending comments with Approve, Spam and Delete; see the module docstring."""

    _esm = esm("moderation.js")
    _css = css("moderation.css")
    _frontend_writable = frozenset()

    essay = traitlets.Unicode(None, allow_none=True, help="Slug to moderate, or None for every essay.").tag(sync=True)
    items = traitlets.List(help="The pending comments shown, highest spam score first.").tag(sync=True)
    bulk_score = traitlets.Float(BULK_SCORE, help="The bulk action marks the comments scored over this as spam.") \
        .tag(sync=True)
    enabled = traitlets.Bool(True, help="False in a kernel that serves readers.").tag(sync=True)
    message = traitlets.Unicode("", help="What the last action came to.").tag(sync=True)

    def __init__(self, essay: str | None = None, *, store=None, by: str | None = None, author: str | None = None,
                 **kwargs):
        essay = check_essay(essay)
        if author is not None and (not isinstance(author, str) or not author.strip()):
            raise WidgetError(f"ModerationQueue(author={quote(author)}): give your name as replies show it, "
                              "such as author='Maren'", "author")
        self._author = (author or "").strip()  # else $ESSAYKIT_AUTHOR, else the essay's (comments.queue.act)
        if by is not None and (not isinstance(by, str) or not by.strip()):
            raise WidgetError(f"ModerationQueue(by={quote(by)}): give the moderator's name, such as by='Maren'", "by")
        self._by = by.strip() if by else _default_by()
        self._store_arg = store
        self._store_obj = None
        served = served_to_readers()
        super().__init__(essay=essay, enabled=not served, message=SERVED_NOTE if served else "", **kwargs)
        self.on_msg(self._on_front_end_msg)
        if not served:
            self.refresh()

    def refresh(self) -> bool:
        """Reload the pending comments."""
        if not self.enabled:
            return False
        try:
            queue = answer(self._store(), self.essay)
        except EssaykitError as exc:
            log.warning("the moderation queue is unavailable: %s", exc)
            self.message = f"The comment database cannot be read: {exc}"
            return False
        with self.hold_trait_notifications():
            self.items, self.bulk_score = queue["items"], queue["bulk_score"]
        return True

    def act(self, payload: object) -> bool:
        """Carry out one request of the route's contract (:mod:`essaykit.comments.queue`) on comments this
        queue shows; ``message`` says what it came to."""
        if not self.enabled or served_to_readers():
            log.warning("refused a moderation request in a kernel that serves readers")
            self.message = SERVED_NOTE
            return False
        try:
            request = request_of(payload)
        except CommentError as exc:
            log.warning("refused moderation %s: %s", quote(payload), exc)
            self.message = f"Could not do that: {exc}"
            return False
        shown = {item["id"] for item in self.items}
        if not shown.issuperset(request.ids):
            log.warning("refused moderation of comments not in the queue: %s", quote(request.ids))
            self.message = "That comment is no longer in the queue; the list has been refreshed."
            self.refresh()
            return False
        try:
            self.message = act(self._store(), request, by=self._by, reason="ModerationQueue", author=self._author)
        except (CommentError, EssaykitError) as exc:
            self.message = f"Could not {request.action} the comment: {exc}"
            return False
        self.refresh()
        return True

    def moderate(self, public_id: object, action: object) -> bool:
        """Approve, mark as spam or delete one comment of the queue."""
        return self.act({"action": action, "ids": [public_id]})

    def reply(self, public_id: object, body: object) -> bool:
        """Approve a comment of the queue and post the author's reply to it, marked "Author"."""
        return self.act({"action": "reply", "id": public_id, "body": body})

    def approve(self, public_id: str) -> bool:
        return self.moderate(public_id, "approve")

    def spam(self, public_id: str) -> bool:
        return self.moderate(public_id, "spam")

    def delete(self, public_id: str) -> bool:
        return self.moderate(public_id, "delete")

    def spam_over(self, score: float = BULK_SCORE) -> bool:
        """The bulk action: mark every comment of the queue scored over ``score`` as spam."""
        ids = [item["id"] for item in self.items if item["score"] is not None and item["score"] > score]
        if not ids:
            self.message = f"No comment in the queue is scored over {score:g}."
            return False
        return self.act({"action": "spam", "ids": ids})

    def _on_front_end_msg(self, _widget, content, _buffers) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if event == "refresh":
            self.refresh()
            return
        if event == "act":
            ok = self.act(content.get("request"))
        else:
            log.warning("ignored an unknown message from the front end: %s", quote(content))
            ok = False
        self.send({"event": "result", "ok": ok, "message": self.message})

    def static_html(self) -> str:
        """Exports never show the queue: pending comments and emails are the author's alone."""
        return ""

    def __repr__(self) -> str:
        return f"ModerationQueue(essay={self.essay!r})"
