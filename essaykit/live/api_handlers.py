"""The routes of the comment API (see :mod:`.api` and docs/comments.md): thin handlers over the store.

Database calls are short and synchronous (SQLAlchemy blocks); GET answers are
cached per database version; a body over :data:`~.api.MAX_BODY_BYTES` is
refused from its ``Content-Length`` before it is read.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import tornado.web

from .. import html as vocab
from ..errors import AlreadyRated, CommentError, EssaykitError, RateLimited
from .api import (CACHE_SECONDS, DEFAULT_PER_PAGE, FORM_TYPE, IDENTITY_COOKIE, JSON_TYPE, MAX_BODY_BYTES,
                  MAX_COUNT_ESSAYS, MAX_FIELDS, NOT_SAVED, PENDING_ANCHOR, PUBLISHED_ANCHOR,
                  UNAVAILABLE, ApiError, CommentApi, approved_counts, cookie_options, cookie_text, error_page,
                  etag_matches, own_html, public_item, stars_value, truthy)
from .origins import origin_of

log = logging.getLogger("essaykit.api")


@tornado.web.stream_request_body
class _ApiHandler(tornado.web.RequestHandler):
    """Shared by the API routes: JSON answers, CORS for listed origins, the reader's signed session."""

    SUPPORTED_METHODS = ("GET", "POST", "OPTIONS")

    def initialize(self, api: CommentApi) -> None:
        self.api = api
        self._chunks: list[bytes] = []
        self._received = 0
        self._too_large = False

    # Tornado's xsrf cookie is for Jupyter's own forms; the Origin policy guards these routes.
    def check_xsrf_cookie(self) -> None:
        return None

    def set_default_headers(self) -> None:
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "same-origin")

    # --- body: refused before it is read whole ----------------------------------

    def prepare(self) -> None:
        if self.request.method != "POST":
            return
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            self._too_large = True
            # Answer now; Tornado closes the connection instead of reading the rest.
            self._refuse(ApiError(413, f"the request is too large; send at most {MAX_BODY_BYTES // 1024} KiB", None))
            return
        # A chunked body has no length: count as it comes, and cut off a flood.
        self.request.connection.set_max_body_size(4 * MAX_BODY_BYTES)

    def data_received(self, chunk: bytes) -> None:
        self._received += len(chunk)
        if self._received > MAX_BODY_BYTES:
            self._too_large = True
            self._chunks = []
        elif not self._too_large:
            self._chunks.append(chunk)

    @property
    def body(self) -> bytes:
        return b"".join(self._chunks)

    # --- answers ------------------------------------------------------------------

    def wants_json(self) -> bool:
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if self.request.method == "POST" and kind == FORM_TYPE:
            return JSON_TYPE in self.request.headers.get("Accept", "")
        return True

    def cors(self) -> None:
        origin = self.api.policy.cors_origin(self.request)
        if origin:
            self.set_header("Access-Control-Allow-Origin", origin)
            self.set_header("Access-Control-Allow-Credentials", "true")
            self.set_header("Access-Control-Expose-Headers", "ETag, Retry-After")
        self.add_header("Vary", "Origin")

    def options(self, *args) -> None:
        """The CORS preflight: listed origins may POST JSON; others get no CORS headers."""
        origin = self.api.policy.cors_origin(self.request)
        self.cors()
        if origin:
            self.set_header("Access-Control-Allow-Methods", ", ".join(m for m in self.SUPPORTED_METHODS))
            self.set_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.set_header("Access-Control-Max-Age", "600")
        self.set_status(204)
        self.finish()

    def send_json(self, status: int, payload: dict | bytes, *, etag: str | None = None, public: bool = False) -> None:
        self.cors()
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        if public:
            self.set_header("Cache-Control", f"public, max-age={CACHE_SECONDS}")
        else:
            self.set_header("Cache-Control", "private, no-store")
        if etag:
            self.set_header("ETag", etag)
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.finish(body)

    def _refuse(self, error: ApiError, *, form_page=None) -> None:
        """Answer a refusal: JSON ``{"field", "message", "errors"}``, or for a plain form its page
        again (``form_page``) or a one-line page in the essay's look."""
        if error.retry_after:
            self.set_header("Retry-After", str(error.retry_after))
        if self.wants_json():
            self.send_json(error.status, {"field": error.field, "message": error.message, "errors": error.problems,
                                          **error.extra})
            return
        self.set_status(error.status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(form_page(error) if form_page is not None else error_page(error, back_url=self._back_to()))

    def _back_to(self) -> str:
        """The page a refused plain form came from, when it is ours or a listed origin's; else ""."""
        referer = self.request.headers.get("Referer")
        return referer if isinstance(referer, str) and self.api.policy.may_return_to(referer, self.request) else ""

    def write_error(self, status_code: int, **kwargs) -> None:
        # Anything not refused on purpose (a bug, a dead database): one line, never a traceback.
        message = {405: "this route does not take that method", 404: "not found"}.get(
            status_code, "something went wrong on the server; please try again in a minute")
        error = ApiError(status_code, message)
        if self.wants_json():
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"field": None, "message": message, "errors": error.problems}))
        else:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(error_page(error))

    # --- the request ------------------------------------------------------------

    def reader(self) -> str:
        """The reader's session id from the signed cookie; a new one (cookie set) when missing or forged."""
        return self.visitor().session

    def visitor(self):
        """The reader behind this request (:func:`.client.reader_of`): session, proven email, address."""
        from .client import reader_of

        return reader_of(self, self.api)

    def query_one(self, name: str, default: str | None = None) -> str | None:
        values = self.request.query_arguments.get(name)
        if not values:
            return default
        try:
            return values[0].decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, f"the {name} parameter is not valid UTF-8", name) from None

    def query_int(self, name: str, default: int, lo: int, hi: int) -> int:
        text = self.query_one(name)
        if text is None or text == "":
            return default
        if not text.isdigit() or not lo <= int(text) <= hi:
            raise ApiError(400, f"{name} must be a whole number from {lo} to {hi}", name)
        return int(text)

    def fields(self) -> dict:
        """The POSTed fields as a dict of text, from JSON or a form; ApiError for anything malformed."""
        if self._too_large:
            raise ApiError(413, f"the request is too large; send at most {MAX_BODY_BYTES // 1024} KiB")
        kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "the request body is not valid UTF-8; send UTF-8 text") from None
        if kind == JSON_TYPE:
            try:
                data = json.loads(text) if text.strip() else None
            except (json.JSONDecodeError, RecursionError):
                raise ApiError(400, "the request body is not valid JSON; send one JSON object") from None
            if not isinstance(data, dict):
                raise ApiError(400, "the request body must be one JSON object of fields")
            if len(data) > MAX_FIELDS:
                raise ApiError(400, f"too many fields ({len(data)}); send at most {MAX_FIELDS}")
            return data
        if kind == FORM_TYPE:
            try:
                pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
            except UnicodeDecodeError:
                raise ApiError(400, "the form data is not valid UTF-8; send UTF-8 text") from None
            except ValueError:  # parse_qsl's only other refusal: more than max_num_fields
                raise ApiError(400, f"too many fields; send at most {MAX_FIELDS}") from None
            data: dict = {}
            for key, value in pairs:
                data.setdefault(key, value)
            return data
        raise ApiError(415, f"send {JSON_TYPE} or {FORM_TYPE} (not {kind or 'no content type'!r})")

    def run(self, work, *, form_page=None) -> None:
        """Run the route's ``work``; its ApiError (or a database that is down: 503) becomes the answer."""
        try:
            work()
        except ApiError as error:
            if not self._finished:
                self._refuse(error, form_page=form_page)
        except EssaykitError as exc:
            log.error("comment API: %s", exc)
            if not self._finished:
                self._refuse(ApiError(503, UNAVAILABLE), form_page=form_page)

    def _return_url(self, values: dict, item) -> str:
        """Back to the page a form was on: its ``return`` field or Referer when that page is ours or
        listed (never an open redirect), else the essay's live page here."""
        referer = self.request.headers.get("Referer")
        if isinstance(referer, str) and urlsplit(referer).path in ("", "/") and \
                origin_of(referer) != self.api.policy.own(self.request):
            referer = None  # most browsers send other sites only their origin: not the page the form was on
        for candidate in (values.get("return"), referer):
            if isinstance(candidate, str) and self.api.policy.may_return_to(candidate, self.request):
                parts = urlsplit(candidate)
                return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
        return self.api.page_url(item, self.settings.get("base_url", "/"))

    def require_origin(self) -> None:
        if not self.api.policy.may_post(self.request):
            sender = self.api.policy.sender(self.request)
            why = f"from {sender}" if sender else "from a page that names no origin (no Origin or Referer header)"
            raise ApiError(403, f"this server does not take posts {why}; the site's owner can list it with "
                                "essaykit serve --allow-origin", None)


class CommentsHandler(_ApiHandler):
    """``GET /api/comments`` (a page of the approved thread) and ``POST /api/comments`` (a new comment)."""

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        from ..comments.paging import MAX_PER_PAGE

        item = self.api.essay(self.query_one("essay"))
        per_page = self.query_int("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        after = self.query_one("after")
        page = None if after else self.query_int("page", 1, 1, 10**9)
        key = ("comments", item.slug, per_page, page, after)
        body, etag = self.api.cached(key, lambda: self._page(item.slug, per_page, page, after))
        if etag_matches(self.request.headers.get("If-None-Match"), etag):
            self.cors()
            self.set_header("ETag", etag)
            self.set_header("Cache-Control", f"public, max-age={CACHE_SECONDS}")
            self.set_status(304)
            self.finish()
            return
        self.send_json(200, body, etag=etag, public=True)

    def _page(self, slug: str, per_page: int, page: int | None, after: str | None) -> dict:
        from ..comments.paging import thread_page
        from ..comments.render import thread_html

        try:
            found = thread_page(self.api.store, slug, per_page=per_page, page=page, after=after)
        except CommentError as exc:
            raise ApiError(400, str(exc), exc.field) from None
        return {
            "essay": slug, "total": found.total, "page": found.page, "per_page": per_page,
            "next": found.next,
            "items": [public_item(c) for c in found.items],
            # The thread as the page's server-rendered section shows it (count, list, mentions on the
            # first page), so a page adds "Show more" pages and fresh comments without markup of its own.
            "html": thread_html(found.items, total=found.total, interactive=True,
                                mentions=self.api.store.mentions(slug) if page == 1 else (),
                                max_depth=self.api.store.rules.max_depth),
        }

    def post(self) -> None:
        values: dict = {}

        def work() -> None:
            self.require_origin()
            values.update(self.fields())
            self._post(values)

        self.run(work, form_page=lambda e: self._form_page(values, e))

    def _post(self, values: dict) -> None:
        from ..comments.moderation import HONEYPOT_FIELD
        from ..comments.submission import Submission, problems_of, submit

        item = self.api.essay(values.get("essay"))
        try:
            submission = Submission.from_mapping(item.slug, values, honeypot_name=HONEYPOT_FIELD)
            visitor = self.visitor()
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
        remember = truthy(values.get("remember"))
        if self.wants_json():
            answer = {"status": result.public_status, "id": result.comment.id, "notice": result.notice}
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
            self.set_cookie(IDENTITY_COOKIE, cookie_text(value), **cookie_options(self.request, max_age_days=365))
        else:
            self.clear_cookie(IDENTITY_COOKIE, **cookie_options(self.request))

    def _form_page(self, values: dict, error: ApiError) -> str:
        """The essay's comment form again, filled with what the reader typed, every problem at its field."""
        from .pages import form_error_page

        item = None
        try:
            item = self.api.essay(values.get("essay"))
        except ApiError:
            pass
        return form_error_page(self.api, item, values, error, return_url=self._return_url(values, item)
                               if item is not None else "", base_url=self.settings.get("base_url", "/"))


class RatingsHandler(_ApiHandler):
    """``GET /api/ratings`` (average, count, this reader's own) and ``POST /api/ratings`` (essay, value)."""

    def get(self) -> None:
        self.run(lambda: self.send_json(200, self._summary(self.api.essay(self.query_one("essay")))))

    def _summary(self, item) -> dict:
        from .. import html as vocab

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
            if not self.wants_json():  # a plain form: back to the page, which shows the reader's rating
                self.redirect(self._return_url(values, item) + "#ek-rating", status=303)
                return
            message = (vocab.say("already_rated", mine=mine, scale=item.rating_scale) if mine
                       else "This essay has already been rated from your address; each address rates an essay "
                            "once. Thank you!")
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


class CountsHandler(_ApiHandler):
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
