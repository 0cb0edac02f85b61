"""``/api/comments/ID``: a reader edits or deletes their own comment (:mod:`essaykit.comments.own`).

    PATCH  /api/comments/ID   {"body": "..."}  → 200 {"id", "status", "notice", "html"}
    DELETE /api/comments/ID                    → 200 {"id", "status": "deleted", "notice"}
    POST   /api/comments/ID   a plain form with action=edit (and body) or action=delete → 303 back to the page

Only the browser that posted the comment may (its signed session cookie; never a new one minted here),
and only from this server's pages or a listed origin, like every POST (:mod:`.origins`). Refusals are
the API's usual ``{"field", "message", "errors"}``: 403 for another reader's comment (or none) and
after the edit window, 400 for a bad body.
"""

from __future__ import annotations

import logging

from ...comments.render import own_comment_html
from ...errors import CommentError, EditClosed, EssaykitError, NotYourComment
from .client import session_of
from .request import ApiHandler
from .service import ApiError

log = logging.getLogger("essaykit.api")

#: What the reader is told after each change.
EDITED = "Your comment is updated."
EDIT_HELD = "Your edit is awaiting moderation."
DELETED = "Your comment is deleted."
#: Where a plain form's answer lands on the page (the notices show by :target).
EDITED_ANCHOR = "ek-comment-edited"
DELETED_ANCHOR = "ek-comment-deleted"


class OwnCommentHandler(ApiHandler):
    """Edit (PATCH, or a form's action=edit) or delete (DELETE, or action=delete) the reader's own comment."""

    # GET is taken only to refuse it: a streaming handler that refused a method before reading the
    # body would leave it on the connection, and the client's next request there would be reset.
    SUPPORTED_METHODS = ("GET", "PATCH", "DELETE", "POST", "OPTIONS")

    def get(self, comment_id: str) -> None:
        self.set_header("Allow", "PATCH, DELETE, POST, OPTIONS")
        self._refuse(ApiError(405, "this route edits or deletes one comment: PATCH, DELETE, or a form's POST; "
                                   "read comments with GET /api/comments?essay=SLUG"))

    def patch(self, comment_id: str) -> None:
        self.run(lambda: self._change(comment_id, "edit", self._checked_fields()))

    def delete(self, comment_id: str) -> None:
        self.run(lambda: self._change(comment_id, "delete", {}))

    def post(self, comment_id: str) -> None:
        def work() -> None:
            values = self._checked_fields()
            action = values.get("action")
            if action not in ("edit", "delete"):
                raise ApiError(400, "say what to do with the comment: action=edit (with body) or action=delete",
                               "action")
            self._change(comment_id, action, values)

        self.run(work)

    def _checked_fields(self) -> dict:
        self.require_origin()
        return self.fields()

    def _change(self, comment_id: str, action: str, values: dict) -> None:
        if action == "delete":
            self.require_origin()
        store = self.api.store
        session = session_of(self, self.api)
        try:
            if action == "edit":
                comment = store.edit_own(comment_id, session, values.get("body"))
            else:
                store.delete_own(comment_id, session)
                comment = None
        except NotYourComment as exc:
            raise ApiError(403, str(exc), exc.field) from None
        except EditClosed as exc:
            raise ApiError(403, str(exc), exc.field) from None
        except CommentError as exc:
            raise ApiError(400, f"Comment: {exc}" if exc.field == "body" else str(exc), exc.field) from None
        except EssaykitError as exc:
            log.error("could not %s comment %s: %s", action, comment_id, exc)
            raise ApiError(503, "Sorry, your change could not be saved just now. Please try again in a minute.") \
                from None
        log.info("comment %s: %s by its writer", comment_id, "edited" if comment else "deleted")
        held = comment is not None and comment.status != "approved"
        if self.wants_json():
            if comment is None:
                self.send_json(200, {"id": comment_id, "status": "deleted", "notice": DELETED})
            else:
                self.send_json(200, {"id": comment_id, "status": "pending" if held else "approved",
                                     "notice": EDIT_HELD if held else EDITED,
                                     "html": own_comment_html(comment, pending=held,
                                                              max_depth=store.rules.max_depth)})
            return
        item = self.api.essay(values.get("essay")) if values.get("essay") else None
        back = self._return_url(values, item) if item is not None else self.settings.get("base_url", "/")
        anchor = DELETED_ANCHOR if comment is None else (EDITED_ANCHOR if held else f"ek-c-{comment_id}")
        self.redirect(back + "#" + anchor, status=303)
