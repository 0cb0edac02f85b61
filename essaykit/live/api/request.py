"""What every route of the comment API does with a request: :class:`ApiHandler`.

The body is refused from its ``Content-Length`` before it is read when it is
over :data:`~.service.MAX_BODY_BYTES` (and counted as it comes when it has no
length); the fields come from JSON or a plain form; answers are JSON, or pages
for readers without JavaScript; CORS headers go to the listed origins only
(:mod:`.origins`). The routes themselves are in :mod:`.handlers`.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import tornado.web

from ...comments.submission import FIELD_LABELS
from ..._web import AnsweringHandler
from ...errors import EssaykitError
from .client import Reader, reader_of
from .origins import origin_of
from .service import (CACHE_SECONDS, FORM_TYPE, JSON_TYPE, MAX_BODY_BYTES, MAX_FIELDS, UNAVAILABLE, ApiError,
                      CommentApi, error_page)

log = logging.getLogger("essaykit.api")

#: Digits a JSON number may have here; every number these routes take is far shorter.
MAX_NUMBER_DIGITS = 18


class HugeNumber:
    """A JSON number too long to be any field's value: kept as what it is (not an int, not text) so the
    field it was sent as refuses it with its own message, before Python's digit limit raises."""

    def __init__(self, digits: str):
        self.digits = digits

    def __str__(self) -> str:
        return self.digits[:12] + "…"


def _bounded_int(digits: str):
    return int(digits) if len(digits.lstrip("-")) <= MAX_NUMBER_DIGITS else HugeNumber(digits)


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@tornado.web.stream_request_body
class ApiHandler(AnsweringHandler):
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
        if self.request.method not in ("POST", "PATCH"):
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
        if self.request.method in ("POST", "PATCH") and kind == FORM_TYPE:
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
        self._page_policy()
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
            self._page_policy()
            self.finish(error_page(error))

    def _page_policy(self) -> None:
        # A page this route renders (a form again, an error) gets the server's pages' CSP, like every page,
        # except that its form may end on a listed site's page: the redirect back to the static page a reader
        # came from is a form action too, which Chromium checks against form-action.
        policy = (self.settings.get("headers") or {}).get("Content-Security-Policy")
        policy = policy or "default-src 'none'; style-src 'unsafe-inline'"
        listed = " ".join(sorted(self.api.policy.listed))
        if listed and "form-action 'self'" in policy:
            policy = policy.replace("form-action 'self'", f"form-action 'self' {listed}")
        self.set_header("Content-Security-Policy", policy)

    # --- the request ------------------------------------------------------------

    def reader(self) -> str:
        """The reader's session id from the signed cookie; a new one (cookie set) when missing or forged."""
        return self.visitor().session

    def visitor(self) -> Reader:
        """The reader behind this request (:func:`.client.reader_of`): session, proven email, address."""
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
                data = json.loads(text, parse_int=_bounded_int) if text.strip() else None
            except (json.JSONDecodeError, RecursionError):
                raise ApiError(400, "the request body is not valid JSON; send one JSON object") from None
            if not isinstance(data, dict):
                raise ApiError(400, "the request body must be one JSON object of fields")
            if len(data) > MAX_FIELDS:
                raise ApiError(400, f"too many fields ({len(data)}); send at most {MAX_FIELDS}")
            # JSON's \ud800 escapes give strings no database or answer can hold: refused at their field.
            for key, value in data.items():
                if not _is_text(key):
                    raise ApiError(400, "a field name is not valid text (it holds an unpaired surrogate)")
                if isinstance(value, str) and not _is_text(value):
                    label = {**FIELD_LABELS, "value": "Rating"}.get(key, key)
                    raise ApiError(400, f"{label}: this holds a character that is not text (an unpaired "
                                        "surrogate); remove it and send again", key)
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
            if not self.answered:
                self._refuse(error, form_page=form_page)
        except EssaykitError as exc:
            log.error("comment API: %s", exc)
            if not self.answered:
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
