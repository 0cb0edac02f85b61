"""The reader's own comments in a ``CommentSection``: listed, edited within ``edit_minutes``, deleted.

The rules are the store's (:mod:`essaykit.comments.own`): a comment belongs to the reader session that
posted it, here :func:`._session.reader_session` (the served reader's signed session, else the browser's
reader id, else the kernel's), so another reader's id, an unknown id and a deleted comment are refused
alike, and an edit after the window is refused while deleting still works. Under ``essaykit serve`` for
the page's own essay (``posts_to_api``) the reader's cookie owns their comments (posting rotated it, which
the kernel's copy never saw): the page edits through ``/api/comments/ID`` and these commands refuse.

Commands (answered within the widget's timeout, like ``_post``): ``_mine`` → ``{"ok", "html"}``, the
``own_comments`` block for this reader; ``_edit`` ``{id, body}`` and ``_delete`` ``{id}`` → the API's
answer (:func:`essaykit.comments.render.change_answer`) with ``"ok": True``, or a refusal naming its field.
"""

from __future__ import annotations

import logging

import anywidget.experimental

from ..errors import CommentError
from ._args import quote
from ._session import reader_session

log = logging.getLogger("essaykit.widgets.comments")


class OwnComments:
    """Mixed into :class:`~essaykit.widgets.comments.CommentSection` (which gives ``_store``, ``refresh``,
    ``_refused``, ``_not_saved`` and ``posts_to_api``)."""

    def yours(self, reader: object = None) -> dict:
        """This reader's own comments on the essay as the ``own_comments`` block, with their forms."""
        from ..comments.render import yours_context, yours_html

        try:
            store = self._store()
            mine = store.own_comments(self.essay, reader_session(self._session, reader))
            markup = yours_html(yours_context(self.essay, mine, edit_minutes=store.rules.edit_minutes))
        except Exception as exc:  # a broken store: the block stays as it was, the log gets the cause
            return self._not_saved(exc, "list the reader's comments")
        return {"ok": True, "html": markup}

    def change_own(self, comment_id: object, *, action: str, body: object = "", reader: object = None) -> dict:
        """Edit (``action="edit"``, with ``body``) or delete this reader's comment ``comment_id``."""
        from ..comments.render import change_answer

        session = reader_session(self._session, reader)
        try:
            store = self._store()
            if action == "edit":
                comment = store.edit_own(comment_id, session, body)
            else:
                store.delete_own(comment_id, session)
                comment = None
        except CommentError as exc:  # not theirs (or none), the window closed, a bad body
            return self._refused(exc)
        except Exception as exc:  # a locked or broken store must not cost the reader their text
            return self._not_saved(exc, f"{action} comment {quote(comment_id)}")
        log.info("comment %s on %r %s by its writer (widget)", comment_id, self.essay,
                 "edited" if comment else "deleted")
        self.refresh()  # the thread shows the edit, or the tombstone
        return {"ok": True, **change_answer(comment_id, comment, max_depth=store.rules.max_depth)}

    def _own_command(self, msg: object, work) -> tuple[dict, list]:
        from .rating import NOT_UNDERSTOOD

        if not isinstance(msg, dict) or self.posts_to_api:
            # posts_to_api: the page acts through the comment API, whose cookie owns the comments.
            log.warning("ignored a change to a reader's own comment the kernel cannot own: %s", quote(msg))
            return {"ok": False, "field": None, "message": NOT_UNDERSTOOD}, []
        return work(msg), []

    @anywidget.experimental.command
    def _mine(self, msg, _buffers) -> tuple[dict, list]:
        return self._own_command(msg, lambda m: self.yours(m.get("reader")))

    @anywidget.experimental.command
    def _edit(self, msg, _buffers) -> tuple[dict, list]:
        return self._own_command(msg, lambda m: self.change_own(m.get("id"), action="edit", body=m.get("body", ""),
                                                                reader=m.get("reader")))

    @anywidget.experimental.command
    def _delete(self, msg, _buffers) -> tuple[dict, list]:
        return self._own_command(msg, lambda m: self.change_own(m.get("id"), action="delete", reader=m.get("reader")))

