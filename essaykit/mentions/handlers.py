"""The HTTP routes of the mention receiver, for ``essaykit serve``'s route list.

=================================  ====  ===========================================================
route                              verb  answer
=================================  ====  ===========================================================
``/webmention``                    POST  form ``source``, ``target`` → 201 + ``Location`` of the status
``/webmention/status/<token>``     GET   JSON: ``status``, ``message``, ``kind``, ``source``, ``target``…
``/pingback``                      POST  XML-RPC ``pingback.ping(source, target)``
=================================  ====  ===========================================================

Errors of ``/webmention`` are JSON ``{"field", "message"}`` with 400 (bad
field, target not ours), 405, 413 (body over 16 KB, refused from its
``Content-Length`` before it is read), 415 (not a form) or 429 (too many
waiting from one address; ``Retry-After``). ``/pingback`` answers XML-RPC
faults with HTTP 200, as XML-RPC does, except 413 for an oversized body.

Mentions come from other sites, so these routes take cross-site POSTs: no
XSRF cookie is asked for.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import tornado.web

from . import xmlrpc
from .._forwarded import client_address
from .._web import AnsweringHandler, error_reason
from .receive import MentionService, Refused

FORM_LIMIT = 16 * 1024
XMLRPC_LIMIT = 64 * 1024
MAX_FIELDS = 20
TOKEN = r"([A-Za-z0-9_-]{10,64})"


def routes(service: MentionService, at) -> list[tuple]:
    """The receiver's routes; ``at(pattern)`` puts a pattern under the server's base URL."""
    kwargs = {"service": service}
    return [
        (at(r"/webmention"), WebmentionHandler, kwargs),
        (at(rf"/webmention/status/{TOKEN}"), StatusHandler, kwargs),
        (at(r"/pingback"), PingbackHandler, kwargs),
    ]


def endpoints(handler: tornado.web.RequestHandler) -> tuple[str, str]:
    """The absolute Webmention and pingback endpoint URLs, as this request reached the server."""
    base = handler.settings.get("base_url", "/")
    root = f"{handler.request.protocol}://{handler.request.host}{base}"
    return root + "webmention", root + "pingback"


def advertise(handler: tornado.web.RequestHandler) -> None:
    """Send the discovery headers on an essay page: ``Link: <…>; rel="webmention"`` and ``X-Pingback``."""
    webmention, pingback = endpoints(handler)
    handler.add_header("Link", f'<{webmention}>; rel="webmention"')
    handler.set_header("X-Pingback", pingback)


@tornado.web.stream_request_body
class _Receiver(AnsweringHandler):
    """A POST endpoint with a small body cap, open to other sites."""

    LIMIT = FORM_LIMIT

    def initialize(self, service: MentionService) -> None:
        self.service = service
        self._chunks: list[bytes] = []
        self._size = 0

    def check_xsrf_cookie(self) -> None:
        # Mentions are cross-site by nature; nothing here acts on a reader's cookies.
        return None

    def prepare(self) -> None:
        if self.request.method != "POST":
            return
        length = self.request.headers.get("Content-Length", "")
        if length.strip().isdigit() and int(length) > self.LIMIT:
            self.refuse(413, "body", f"the request body is {int(length):,} bytes; the limit is {self.LIMIT:,}")
            return
        # A chunked body over the limit: Tornado stops reading and drops the connection.
        self.request.connection.set_max_body_size(self.LIMIT)

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size <= self.LIMIT:
            self._chunks.append(chunk)

    @property
    def body(self) -> bytes:
        return b"".join(self._chunks)

    def received_kind(self) -> str | None:
        """The body's media type once the whole body is in; None when the answer is already sent."""
        if self.answered:
            return None
        if self._size > self.LIMIT:
            self.refuse(413, "body", f"the request body is over {self.LIMIT:,} bytes")
            return None
        return self.request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()

    def refuse(self, status: int, field: str, message: str) -> None:
        raise NotImplementedError


class WebmentionHandler(_Receiver):
    """``POST /webmention``: check, queue, answer 201 with the status URL in ``Location`` (W3C Webmention
    3.2.1: 201 when the receiver gives a status URL; 202 is for a receiver that gives none)."""

    def refuse(self, status: int, field: str | None, message: str, *, retry_after: int = 0) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if retry_after:
            self.set_header("Retry-After", str(retry_after))
        self.finish(json.dumps({"field": field, "message": message}))

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code == 405:
            self.set_header("Allow", "POST")
            message = "send a Webmention with POST (form fields source and target)"
        else:
            message = error_reason(status_code, kwargs)
        self.refuse(status_code, None, message)

    async def post(self) -> None:
        kind = self.received_kind()
        if kind is None:
            return
        if kind != "application/x-www-form-urlencoded":
            return self.refuse(415, "body", "send the fields source and target as application/x-www-form-urlencoded")
        try:
            text = self.body.decode("utf-8")
            pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
        except UnicodeDecodeError:
            return self.refuse(400, "body", "the form is not valid UTF-8")
        except ValueError:
            return self.refuse(400, "body", f"the form has more than {MAX_FIELDS} fields; send source and target")
        form: dict[str, str] = {}
        for name, value in pairs:
            if name in ("source", "target") and name in form:
                return self.refuse(400, name, f"the field {name} is given twice; give it once")
            form[name] = value
        for name in ("source", "target"):
            if not form.get(name, "").strip():
                return self.refuse(400, name, f"the field {name} is missing; send source and target URLs")
        from .store import QueueFull

        try:
            queued = await self.service.receive(form["source"], form["target"], host=self.request.host,
                                                address=client_address(self))
        except Refused as exc:
            return self.refuse(exc.status, exc.field, exc.message)
        except QueueFull as exc:
            return self.refuse(429, exc.field, str(exc), retry_after=exc.retry_after)
        status_url = f"{self.request.protocol}://{self.request.host}{self.settings.get('base_url', '/')}" \
                     f"webmention/status/{queued.token}"
        self.set_status(201)
        self.set_header("Location", status_url)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"status": "queued", "status_url": status_url,
                                "message": "the mention will be verified shortly; its status is at status_url"}))


class StatusHandler(tornado.web.RequestHandler):
    """``GET /webmention/status/<token>``: where one Webmention stands."""

    def initialize(self, service: MentionService) -> None:
        self.service = service

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"field": None, "message": error_reason(status_code, kwargs)}))

    async def get(self, token: str) -> None:
        request = await self.service.status(token)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if request is None:
            self.set_status(404)
            return self.finish(json.dumps({"field": None, "message": "no Webmention has this status URL"}))
        self.finish(json.dumps(request.public_dict()))


class PingbackHandler(_Receiver):
    """``POST /pingback``: the XML-RPC server with one method, ``pingback.ping``."""

    LIMIT = XMLRPC_LIMIT

    def refuse(self, status: int, field: str | None, message: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(message + "\n")

    def write_error(self, status_code: int, **kwargs) -> None:
        if status_code == 405:
            self.set_header("Allow", "POST")
            return self.refuse(405, None, "this is an XML-RPC endpoint for pingback.ping; POST a methodCall")
        self.refuse(status_code, None, error_reason(status_code, kwargs))

    def answer(self, payload: bytes) -> None:
        self.set_header("Content-Type", "text/xml; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(payload)

    async def post(self) -> None:
        kind = self.received_kind()
        if kind is None:
            return
        try:
            if kind not in ("text/xml", "application/xml"):
                raise xmlrpc.Fault(xmlrpc.NOT_XMLRPC, "send an XML-RPC methodCall as text/xml")
            method, params = xmlrpc.parse_call(self.body)
            if method != xmlrpc.METHOD:
                raise xmlrpc.Fault(xmlrpc.NO_SUCH_METHOD, f"there is no method {method[:100]!r}; "
                                                          "this server answers pingback.ping only")
            if len(params) != 2:
                raise xmlrpc.Fault(xmlrpc.BAD_PARAMS, f"pingback.ping takes 2 parameters (source, target), "
                                                      f"not {len(params)}")
            message = await self.service.ping(params[0], params[1], host=self.request.host,
                                              address=client_address(self))
        except xmlrpc.Fault as fault:
            return self.answer(xmlrpc.fault(fault.code, fault.message))
        self.answer(xmlrpc.response(message))
