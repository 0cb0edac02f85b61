"""The routes of the comment API (see :mod:`.service` and docs/comments.md): thin handlers over the store.

Database calls are short and synchronous (SQLAlchemy blocks); GET answers are
cached per database version (:meth:`.service.CommentApi.cached`). What the
routes share (the body, the fields, the answers) is :class:`.request.ApiHandler`.
"""

from __future__ import annotations

import json
import logging

from ... import html as vocab
from ...comments import timing
from ...comments.moderation import HONEYPOT_FIELD
from ...comments.paging import MAX_PER_PAGE, thread_page
from ...comments.render import thread_html
from ...comments.passages import paragraph_anchor, passages, placed_submission
from ...comments.submission import Submission, problems_of, submit
from ...errors import AlreadyRated, CommentError, EssaykitError, RateLimited
from ... import _cookies
from .client import IDENTITY_COOKIE, cookie_text, read_identity, rotate
from .forms import form_error_page, passage_form_page
from .origins import origin_of
from .request import ApiHandler
from .service import (CACHE_SECONDS, DEFAULT_PER_PAGE, MAX_COUNT_ESSAYS, NOT_SAVED, PENDING_ANCHOR,
                      PUBLISHED_ANCHOR, ApiError, approved_counts, etag_matches, own_html, public_item, stars_value,
                      truthy)

log = logging.getLogger("essaykit.api")


class CommentsHandler(ApiHandler):
    """``GET /api/comments`` (a page of the approved thread) and ``POST /api/comments`` (a new comment)."""

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        item = self.api.essay(self.query_one("essay"))
        per_page = self.query_int("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        after = self.query_one("after")
        page = None if after else self.query_int("page", 1, 1, 10**9)
        key = ("comments", item.slug, per_page, page, after)
        body, etag = self.api.cached(key, lambda: self._page(item.slug, per_page, page, after, item.essay))
        if etag_matches(self.request.headers.get("If-None-Match"), etag):
            self.cors()
            self.set_header("ETag", etag)
            self.set_header("Cache-Control", f"public, max-age={CACHE_SECONDS}")
            self.set_status(304)
            self.finish()
            return
        self.send_json(200, body, etag=etag, public=True)

    def _page(self, slug: str, per_page: int, page: int | None, after: str | None, essay=None) -> dict:
        try:
            found = thread_page(self.api.store, slug, per_page=per_page, page=page, after=after)
        except CommentError as exc:
            raise ApiError(400, str(exc), exc.field) from None
        on = passages(essay, found.items)  # each comment on a passage: where it points now
        return {
            "essay": slug, "total": found.total, "page": found.page, "per_page": per_page,
            "next": found.next,
            "items": [_with_anchor(public_item(c), on.public(c)) for c in found.items],
            # The thread as the page's server-rendered section shows it (count, list, mentions on the
            # first page), so a page adds "Show more" pages and fresh comments without markup of its own.
            "html": thread_html(found.items, total=found.total, interactive=True,
                                mentions=self.api.store.mentions(slug) if page == 1 else (),
                                max_depth=self.api.store.rules.max_depth, labels=on.labels()),
        }

    def post(self) -> None:
        values: dict = {}

        def work() -> None:
            self.require_origin()
            values.update(self.fields())
            self._post(values)

        self.run(work, form_page=lambda e: self._form_page(values, e))

    def _post(self, values: dict) -> None:
        item = self.api.essay(values.get("essay"))
        try:
            submission = Submission.from_mapping(item.slug, values, honeypot_name=HONEYPOT_FIELD)
            visitor = self.visitor()
            identity = None if visitor.fresh else self.api.store.signed_in(visitor.session)
            if identity is not None:  # signed in: the verified name and website, whatever was typed
                submission = submission.signed(identity)
            submission = placed_submission(submission, item.essay)
            result = submit(self.api.store, submission, session=visitor.session, client=visitor.address,
                            proven_email=visitor.known)
        except RateLimited as exc:
            problems = problems_of(exc)
            raise ApiError(429, problems[0]["message"], problems[0]["field"], problems=problems,
                           retry_after=exc.retry_after) from None
        except CommentError as exc:
            problems = problems_of(exc)
            raise ApiError(400, problems[0]["message"], problems[0]["field"], problems=problems) from None
        except EssaykitError as exc:
            log.error("could not save a comment on %r: %s", item.slug, exc)
            raise ApiError(503, NOT_SAVED) from None
        log.info("comment %s on %r stored as %s (api)", result.comment.id, item.slug, result.status)
        # The session now holds a comment that can earn trust: a session planted in this browser must not own it.
        visitor = rotate(self, self.api)
        remember = truthy(values.get("remember"))
        if self.wants_json():
            answer = {"status": result.public_status, "id": result.comment.id, "notice": result.notice}
            if self.api.policy.sender(self.request) == self.api.policy.own(self.request):
                answer["xsrf"] = self.api.sessions.xsrf_token(visitor.session)  # the live page's token follows
            answer["loaded"] = timing.mint(self.api.sessions, item.slug)  # the form's next comment is timed afresh
            if result.public_status != "approved":
                # Only the poster sees a held comment; the page keeps showing it to them with this markup.
                answer["html"] = own_html(result, self.api.store.rules.max_depth)
            self.send_json(202, answer)
            return
        self._remember(submission, remember)
        back = self._return_url(values, item)
        if result.public_status != "approved":
            anchor = PENDING_ANCHOR
        elif origin_of(back) in (None, self.api.policy.own(self.request)):
            anchor = f"ek-c-{result.comment.id}"  # our live page shows it at once
        else:
            anchor = PUBLISHED_ANCHOR  # a static page's snapshot does not have it: it shows the notice
        self.redirect(back + "#" + anchor, status=303)

    def _remember(self, submission, remember: bool) -> None:
        """The form's "Save my name…" box: a cookie with name, email and website, or none at all."""
        if remember:
            value = json.dumps([submission.author, submission.email, submission.website], ensure_ascii=True)
            _cookies.write(self, IDENTITY_COOKIE, cookie_text(value))
        else:
            _cookies.clear(self, IDENTITY_COOKIE)

    def _form_page(self, values: dict, error: ApiError) -> str:
        """The essay's comment form again, filled with what the reader typed, every problem at its field."""
        item = None
        try:
            item = self.api.essay(values.get("essay"))
        except ApiError:
            pass
        return form_error_page(self.api, item, values, error, return_url=self._return_url(values, item)
                               if item is not None else "", base_url=self.settings.get("base_url", "/"))


class TimingHandler(ApiHandler):
    """``GET /api/comments/timing?essay=SLUG``: a signed load time for a static page's comment form
    (:mod:`essaykit.comments.timing`); one HMAC, no write, never cached."""

    SUPPORTED_METHODS = ("GET", "OPTIONS")

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        item = self.api.essay(self.query_one("essay"))
        self.send_json(200, {"essay": item.slug, "loaded": timing.mint(self.api.sessions, item.slug)})


class PassageFormHandler(ApiHandler):
    """``GET /api/comments/form?essay=SLUG&on=ek-p-…&return=URL``: the comment form on one paragraph, for a static
    page's "Comment on this paragraph" without JavaScript (the live page answers ``?on=`` itself). It posts to
    ``POST /api/comments`` and comes back to ``return`` when that is a page of this server or of a listed origin
    (never elsewhere). A page: no write, never cached (its load time is signed per view)."""

    SUPPORTED_METHODS = ("GET",)

    def wants_json(self) -> bool:
        return False  # a reader's browser followed a link: refusals are pages too

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        item = self.api.essay(self.query_one("essay"))
        passage = paragraph_anchor(passages(item.essay, []), self.query_one("on") or "")
        if passage is None:
            raise ApiError(404, "that paragraph is not in the essay now (it was edited, or is in a spoiler); go back "
                                "to the page and choose another", "on")
        base_url = self.settings.get("base_url", "/")
        page = passage_form_page(self.api, item, passage, read_identity(_cookies.read(self, IDENTITY_COOKIE)),
                                 return_url=self._return_url({"return": self.query_one("return")}, item),
                                 loaded=timing.mint(self.api.sessions, item.slug), base_url=base_url)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "private, no-store")
        self._page_policy()
        self.finish(page)


def _with_anchor(item: dict, anchor: dict | None) -> dict:
    """A comment on a passage gets the key ``anchor``; others keep exactly the fields they had."""
    return item if anchor is None else {**item, "anchor": anchor}


class RatingsHandler(ApiHandler):
    """``GET /api/ratings`` (average, count, this reader's own) and ``POST /api/ratings`` (essay, value)."""

    def get(self) -> None:
        self.run(lambda: self.send_json(200, self._summary(self.api.essay(self.query_one("essay")))))

    def _summary(self, item) -> dict:
        summary = self.api.store.rating_summary(item.slug)
        return {"essay": item.slug, "average": summary.average, "count": summary.count,
                "scale": item.rating_scale, "mine": self.api.store.rating_of(item.slug, self.reader()),
                # The readers' line as the page shows it, so a page updates without markup of its own.
                "readers_html": vocab.rating_readers(summary.average, summary.count, item.rating_scale)}

    def post(self) -> None:
        self.run(self._post)

    def _post(self) -> None:
        self.require_origin()
        values = self.fields()
        item = self.api.essay(values.get("essay"))
        value = stars_value(values.get("value"), item.rating_scale)
        try:
            visitor = self.visitor()
            self.api.store.add_rating(item.slug, visitor.session, value, scale=item.rating_scale,
                                      client=visitor.address)
        except AlreadyRated:
            mine = self.api.store.rating_of(item.slug, self.reader())
            if not self.wants_json():  # a plain form: back to the page, which shows the reader's rating or why not
                self.redirect(self._return_url(values, item) + ("#ek-rating" if mine else "#ek-rating-already"),
                              status=303)
                return
            message = (vocab.say("already_rated", mine=mine, scale=item.rating_scale) if mine
                       else str(vocab.macros().already_rated()))
            raise ApiError(409, message, "value", extra={"mine": mine}) from None
        except CommentError as exc:
            raise ApiError(400, f"Rating: {exc}", "value") from None
        except EssaykitError as exc:
            log.error("could not save a rating of %r: %s", item.slug, exc)
            raise ApiError(503, vocab.say("rating_not_saved")) from None
        if self.wants_json():
            self.send_json(201, {**self._summary(item),
                                 "notice": vocab.say("thanks_rated", mine=value, scale=item.rating_scale)})
        else:
            self.redirect(self._return_url(values, item) + "#ek-rating", status=303)


class CountsHandler(ApiHandler):
    """``GET /api/counts?essay=a&essay=b``: approved comments per essay, for index pages."""

    SUPPORTED_METHODS = ("GET", "OPTIONS")

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        raw = self.request.query_arguments.get("essay") or []
        if not raw:
            raise ApiError(400, "name the essays: essay=a&essay=b", "essay")
        if len(raw) > MAX_COUNT_ESSAYS:
            raise ApiError(400, f"ask for at most {MAX_COUNT_ESSAYS} essays at once", "essay")
        slugs = []
        for value in raw:
            try:
                slugs.append(self.api.essay(value.decode("utf-8")).slug)
            except UnicodeDecodeError:
                raise ApiError(400, "the essay parameter is not valid UTF-8", "essay") from None
        slugs = list(dict.fromkeys(slugs))
        body, etag = self.api.cached(("counts", *slugs), lambda: {"counts": approved_counts(self.api.store, slugs)})
        if etag_matches(self.request.headers.get("If-None-Match"), etag):
            self.cors()
            self.set_header("ETag", etag)
            self.set_status(304)
            self.finish()
            return
        self.send_json(200, body, etag=etag, public=True)
