"""The comment API of ``essaykit serve``: comments and ratings over HTTP, no kernel needed.

Routes (see docs/comments.md for every field and status):

    GET  /api/comments?essay=SLUG[&page=N|&after=CURSOR][&per_page=M]   approved thread, paged by key
    POST /api/comments     JSON → 202 {"status", "id", "notice"}; a plain form → 303 back to the essay
    GET  /api/ratings?essay=SLUG                                         average, count, this reader's own
    POST /api/ratings      essay, value
    GET  /api/counts?essay=a&essay=b                                     approved comments per essay

The handlers are thin: every comment goes through
:func:`essaykit.comments.submission.submit` (the widget's path too), so through
:meth:`CommentStore.post` and :func:`~essaykit.comments.moderation.decide`.
Database calls are short and synchronous; GET answers are cached per
(query, database version), where the version is two primary-key lookups,
so a busy thread is rendered once per change, not once per reader.

Every POST must come from this server's own pages or an ``--allow-origin``
(:mod:`.origins`); bodies over :data:`MAX_BODY_BYTES` are refused before
they are read. The reader is a signed session cookie
(:mod:`essaykit.comments.sessions`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import tornado.web

from .origins import origin_of
from ..errors import CommentError, EssaykitError, RateLimited

log = logging.getLogger("essaykit.api")

MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 50
MAX_COUNT_ESSAYS = 100
DEFAULT_PER_PAGE = 50
READER_COOKIE = "essaykit_reader"
IDENTITY_COOKIE = "essaykit_identity"
JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
PENDING_ANCHOR = "ek-comment-pending"
PUBLISHED_ANCHOR = "ek-comment-published"
CACHE_SECONDS = 10
UNAVAILABLE = "comments are unavailable right now; please try again in a few minutes"
NOT_SAVED = "Sorry, your comment could not be saved just now. Please try again in a minute."


@dataclass(frozen=True)
class ReaderView:
    """Who is reading the page being rendered: their session id and, if they asked, the remembered identity."""

    session: str = ""
    identity: dict = field(default_factory=dict)


#: Set by the page handler for the page it renders (essaykit.live.page reads it).
READER: ContextVar[ReaderView] = ContextVar("essaykit_reader", default=ReaderView())
_current: list = []


def install(api: CommentApi) -> None:
    """Make ``api`` the one the live pages of this process render their comment sections with."""
    _current[:] = [api]


def current() -> CommentApi | None:
    """The comment API of this ``essaykit serve`` process, or None (e.g. under plain ``voila``)."""
    return _current[0] if _current else None


class ApiError(Exception):
    """A refusal with an HTTP status, the field at fault (or None) and a one-line message."""

    def __init__(self, status: int, message: str, field: str | None = None, *, problems: list[dict] | None = None,
                 extra: dict | None = None):
        super().__init__(message)
        self.extra = extra or {}
        self.status = status
        self.field = field
        self.message = message
        self.problems = problems or [{"field": field, "message": message}]


@dataclass
class CommentApi:
    """What the handlers share: the site, the store (opened on first use), sessions, the origin policy
    and the GET cache. A database that cannot be opened makes the API answer 503, never the pages fail."""

    site: object  # essaykit.live.site.EssaySite
    policy: object  # essaykit.live.origins.OriginPolicy
    db_url: str | None = None
    cache_size: int = 512
    _cache: OrderedDict = field(default_factory=OrderedDict)
    _store: object = None
    _sessions: object = None
    _fallback: bytes = b""
    _retry_at: float = 0.0

    @property
    def store(self):
        """The comment store; StoreError (an EssaykitError) while the database cannot be opened."""
        if self._store is None:
            from ..comments.store import CommentStore

            self._store = CommentStore.open(self.db_url, essay_dir=self.site.root)
        return self._store

    @property
    def sessions(self):
        """Signs reader sessions with the database's key; while the database is unavailable, with a key
        of this process only (readers keep their session until the server restarts)."""
        import time

        from ..comments.sessions import Sessions

        if self._sessions is not None and (not self._fallback or time.monotonic() < self._retry_at):
            return self._sessions
        try:
            key = self.store.setting("session_secret").encode()
        except Exception as exc:  # a broken database must not stop readers from reading
            if not self._fallback:
                import secrets

                log.warning("reader sessions are signed with a temporary key: %s", exc)
                self._fallback = secrets.token_bytes(32)
            self._retry_at = time.monotonic() + 60
            self._sessions = Sessions((self._fallback,))
            return self._sessions
        self._sessions = Sessions((key, self._fallback) if self._fallback else (key,))
        self._retry_at = float("inf")
        return self._sessions

    # --- essays ----------------------------------------------------------------

    def essay(self, slug: object):
        """The served essay with this slug; ApiError 400 when missing, 404 when unknown."""
        if slug is None or slug == "":
            raise ApiError(400, "say which essay: essay=SLUG", "essay")
        item = self.site.by_slug(slug) if isinstance(slug, str) else None
        if item is None:
            raise ApiError(404, f"there is no essay {str(slug)[:100]!r} on this server", "essay")
        return item

    def page_url(self, item, base_url: str) -> str:
        """Where the live page of ``item`` is on this server (a path)."""
        return base_url if self.site.single else f"{base_url}voila/render/{item.name}"

    # --- caching ---------------------------------------------------------------

    def version(self) -> str:
        """Changes whenever any comment, moderation decision or rating is written (two key lookups)."""
        import sqlalchemy as sa

        from ..comments.engine import get_engine
        from ..comments.schema import comments, moderation_log, ratings

        query = _version_query(sa, comments, moderation_log, ratings)
        with get_engine(self.store.url).connect() as conn:
            return ".".join(str(v or 0) for v in conn.execute(query).one())

    def cached(self, key: tuple, make):
        """``make()``'s (body, etag) for ``key``, kept while the database version stays the same."""
        full = (*key, self.version())
        hit = self._cache.get(full)
        if hit is not None:
            self._cache.move_to_end(full)
            return hit
        body = json.dumps(make(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        value = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        self._cache[full] = value
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return value


def _version_query(sa, comments, moderation_log, ratings):
    return sa.select(
        sa.select(sa.func.max(moderation_log.c.id)).scalar_subquery(),
        sa.select(sa.func.max(comments.c.id)).scalar_subquery(),
        sa.select(sa.func.max(ratings.c.id)).scalar_subquery(),
    )


_ITEMS: OrderedDict = OrderedDict()


def public_item(comment) -> dict:
    """A comment as the API shows it: no email, no session, the identicon as a data URL.

    Remembered per comment (its words never change), so a busy thread is converted once."""
    key = (comment.id, comment.essay, comment.author, comment.website, comment.body, comment.created,
           comment.avatar, comment.is_tombstone, comment.depth, comment.parent)
    item = _ITEMS.get(key)
    if item is None:
        item = _ITEMS[key] = _item(comment)
        if len(_ITEMS) > 20_000:
            _ITEMS.popitem(last=False)
    return item


def _item(comment) -> dict:
    from ..comments.identicon import identicon_data_url
    from ..comments.model import iso_utc

    tombstone = comment.is_tombstone
    return {
        "id": comment.id,
        "parent": comment.parent,
        "depth": comment.depth,
        "author": "" if tombstone else comment.author,
        "website": "" if tombstone else comment.website,
        "body_html": "" if tombstone else comment.body_html,
        "created": iso_utc(comment.created),
        "kind": "deleted" if tombstone else comment.kind,
        "avatar": "" if tombstone else identicon_data_url(comment.avatar),
    }


# --- the handlers -------------------------------------------------------------------


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
        if error.status == 429:
            self.set_header("Retry-After", "60")
        if self.wants_json() or form_page is None:
            if not self.wants_json():
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_status(error.status)
                self.set_header("Cache-Control", "no-store")
                self.finish(_error_page(error))
                return
            self.send_json(error.status, {"field": error.field, "message": error.message, "errors": error.problems,
                                          **error.extra})
            return
        self.set_status(error.status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(form_page(error))

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
            self.finish(_error_page(error))

    # --- the request ------------------------------------------------------------

    def reader(self) -> str:
        """The reader's session id from the signed cookie; a new one (cookie set) when missing or forged."""
        if not hasattr(self, "_reader"):
            session, token, fresh = self.api.sessions.resume(self.get_cookie(READER_COOKIE))
            if fresh:
                self.set_cookie(READER_COOKIE, token, **cookie_options(self.request, max_age_days=365))
            self._reader = session
        return self._reader

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
            except ValueError as exc:
                if "Max number" in str(exc):
                    raise ApiError(400, f"too many fields; send at most {MAX_FIELDS}") from None
                raise ApiError(400, "the form data is not valid UTF-8; send UTF-8 text") from None
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
        if _etag_matches(self.request.headers.get("If-None-Match"), etag):
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
            result = submit(self.api.store, submission, session=self.reader())
        except RateLimited as exc:
            problems = problems_of(exc)
            raise ApiError(429, problems[0]["message"], problems[0]["field"], problems=problems) from None
        except CommentError as exc:
            problems = problems_of(exc)
            raise ApiError(400, problems[0]["message"], problems[0]["field"], problems=problems) from None
        except EssaykitError as exc:
            log.error("could not save a comment on %r: %s", item.slug, exc)
            raise ApiError(503, NOT_SAVED) from None
        log.info("comment %s on %r stored as %s (api)", result.comment.id, item.slug, result.status)
        remember = _truthy(values.get("remember"))
        if self.wants_json():
            answer = {"status": result.public_status, "id": result.comment.id, "notice": result.notice}
            if result.public_status != "approved":
                # Only the poster sees a held comment; the page keeps showing it to them with this markup.
                answer["html"] = _own_html(result, self.api.store.rules.max_depth)
            self.send_json(202, answer)
            return
        self._remember(submission, remember)
        anchor = f"ek-c-{result.comment.id}" if result.public_status == "approved" else PENDING_ANCHOR
        self.redirect(self._return_url(values, item) + "#" + anchor, status=303)

    def _remember(self, submission, remember: bool) -> None:
        """The form's "Save my name…" box: a cookie with name, email and website, or none at all."""
        if remember:
            value = json.dumps([submission.author, submission.email, submission.website], ensure_ascii=True)
            self.set_cookie(IDENTITY_COOKIE, _cookie_text(value), **cookie_options(self.request, max_age_days=365))
        else:
            self.clear_cookie(IDENTITY_COOKIE, path="/")

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
        from .. import vocab

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
        value = _stars(values.get("value"), item.rating_scale)
        try:
            self.api.store.add_rating(item.slug, self.reader(), value, scale=item.rating_scale)
        except CommentError as exc:
            if "already" not in str(exc):
                raise ApiError(400, f"Rating: {exc}", "value") from None
            mine = self.api.store.rating_of(item.slug, self.reader())
            raise ApiError(409, f"You have already rated this essay {mine} of {item.rating_scale}. Thank you!",
                           "value") from None
        except EssaykitError as exc:
            log.error("could not save a rating of %r: %s", item.slug, exc)
            raise ApiError(503, "Sorry, your rating could not be saved. Please try again later.") from None
        if self.wants_json():
            self.send_json(201, {**self._summary(item),
                                 "notice": f"Thank you! You rated this essay {value} of {item.rating_scale}."})
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
        body, etag = self.api.cached(("counts", *slugs), lambda: {"counts": _counts(self.api.store, slugs)})
        if _etag_matches(self.request.headers.get("If-None-Match"), etag):
            self.cors()
            self.set_header("ETag", etag)
            self.set_status(304)
            self.finish()
            return
        self.send_json(200, body, etag=etag, public=True)


# --- helpers ---------------------------------------------------------------------------


def cookie_options(request, *, max_age_days: int | None = None) -> dict:
    """``HttpOnly; SameSite=Lax``, ``Secure`` behind HTTPS, for the whole site."""
    options = {"path": "/", "httponly": True, "samesite": "Lax"}
    if request.protocol == "https":
        options["secure"] = True
    if max_age_days:
        options["expires_days"] = max_age_days
    return options


def _cookie_text(value: str) -> str:
    import base64

    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def read_identity(cookie: str | None) -> dict:
    """The remembered name, email and website from the identity cookie (empty when there is none)."""
    import base64

    if not cookie or len(cookie) > 4000:
        return {}
    try:
        author, email, website = json.loads(base64.urlsafe_b64decode(cookie.encode("ascii")).decode("utf-8"))
    except (ValueError, TypeError, UnicodeError):
        return {}
    if not all(isinstance(v, str) and len(v) <= 2000 for v in (author, email, website)):
        return {}
    return {"author": author, "email": email, "website": website}


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    return header.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in header.split(",")]


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in ("1", "true", "on", "yes"))


def _stars(value: object, scale: int) -> int:
    """A rating from JSON or a form: a whole number from 1 to ``scale``; ApiError 400 otherwise."""
    number = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 4:
        number = int(value.strip())
    if number is None or not 1 <= number <= scale:
        raise ApiError(400, f"Rating: a rating is a whole number of stars from 1 to {scale} (not {str(value)[:20]!r})",
                       "value")
    return number


def _counts(store, slugs: list[str]) -> dict:
    import sqlalchemy as sa

    from ..comments.engine import get_engine
    from ..comments.schema import comments as c

    query = (sa.select(c.c.essay, sa.func.count()).where(c.c.essay.in_(slugs), c.c.kind == "comment",
                                                         c.c.status == "approved").group_by(c.c.essay))
    with get_engine(store.url).connect() as conn:
        found = dict(conn.execute(query).all())
    return {slug: int(found.get(slug, 0)) for slug in slugs}


def _own_html(result, max_depth: int) -> str:
    """The reader's new comment as the thread shows it (marked "awaiting moderation" unless published)."""
    from ..comments.render import own_comment_html

    return own_comment_html(result.comment, pending=result.public_status != "approved", max_depth=max_depth)


def _error_page(error: ApiError) -> str:
    from .pages import message_page

    return message_page(error.status, error.message)
