"""``/api/comments/ID``: a reader edits or deletes their own comment (:mod:`essaykit.comments.own`).

    PATCH  /api/comments/ID   {"body": "..."}  → 200 {"id", "status", "notice", "html"}
    DELETE /api/comments/ID                    → 200 {"id", "status": "deleted", "notice"}
    POST   /api/comments/ID   a plain form with action=edit (and body) or action=delete → 303 back to the page
    GET    /api/comments/mine?essay=SLUG       → 200 {"essay", "ids", "html"}: the reader's own, with the forms

Only the browser that posted the comment may (its signed session cookie; never a new one minted here),
and only from this server's pages or a listed origin, like every POST (:mod:`.origins`). Refusals are
the API's usual ``{"field", "message", "errors"}``: 403 for another reader's comment (or none) and
after the edit window, 400 for a bad body.
"""

from __future__ import annotations

import logging

from ...comments.render import change_answer, yours_context, yours_html
from ...errors import CommentError, EditClosed, EssaykitError, NotYourComment
from .client import session_of
from .request import ApiHandler
from .service import ApiError

log = logging.getLogger("essaykit.api")

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
            self.send_json(200, change_answer(comment_id, comment, max_depth=store.rules.max_depth))
            return
        item = self.api.essay(values.get("essay")) if values.get("essay") else None
        back = self._return_url(values, item) if item is not None else self.settings.get("base_url", "/")
        anchor = DELETED_ANCHOR if comment is None else (EDITED_ANCHOR if held else f"ek-c-{comment_id}")
        self.redirect(back + "#" + anchor, status=303)


class OwnListHandler(ApiHandler):
    """``GET /api/comments/mine?essay=SLUG`` → ``{"essay", "ids", "html"}``: the reader's own comments on
    the essay as the ``own_comments`` block, with its Edit and Delete forms, for a page's script to draw
    (a static page built with ``--api``; the widget under essaykit serve). Only for the session the
    browser's cookie carries (none is minted here), and only to this server's pages or a listed origin:
    a request from any other ``Origin`` is refused, and CORS headers go to listed origins only."""

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        if self.request.headers.get("Origin") is not None:
            self.require_origin()
        item = self.api.essay(self.query_one("essay"))
        store = self.api.store
        session = session_of(self, self.api)
        mine = store.own_comments(item.slug, session) if session else []
        # Absolute: the block may be drawn on a static page of another origin.
        here = (self.api.policy.own(self.request) or "") + self.settings.get("base_url", "/")
        yours = yours_context(item.slug, mine, action=f"{here}api/comments/", edit_minutes=store.rules.edit_minutes,
                              privacy_url=f"{here}privacy")
        self.send_json(200, {"essay": item.slug, "ids": [c.id for c in mine], "html": yours_html(yours)})
