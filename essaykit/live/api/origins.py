"""Which web pages may post comments and ratings to this server: the Origin policy.

Browsers say where a request comes from in ``Origin`` (and, for some
requests, only in ``Referer``). Every POST to the API must come from the
server's own origin or from one listed with ``essaykit serve
--allow-origin URL``; anything else, including a request that names no
origin at all, is refused with 403 before a byte is stored. That is what
stops another site's page from posting in a reader's name (CSRF).

Cross-origin JavaScript additionally needs CORS headers; they go to the
listed origins only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...errors import EssaykitError

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: object) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL, lower-cased, default port left out; None when it has none."""
    if not isinstance(url, str) or not url or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}" + (f":{port}" if port and port != _DEFAULT_PORTS[scheme] else "")


def read_alike(url: object) -> bool:
    """True when ``url`` has nothing browsers and Python's ``urlsplit`` read differently: no backslash
    (``http://evil.example\\@host/`` is evil.example to a browser, host to Python), no userinfo, no
    whitespace or control characters."""
    if not isinstance(url, str) or any(ch == "\\" or ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return False
    try:
        return "@" not in urlsplit(url).netloc
    except ValueError:
        return False


def check_allowed_origin(url: str) -> str:
    """An ``--allow-origin`` value as an origin; EssaykitError saying what to write when it is not one."""
    origin = origin_of(url)
    parts = urlsplit(url.strip()) if isinstance(url, str) else None
    if origin is None or (parts and (parts.path not in ("", "/") or parts.query or parts.fragment or parts.username)):
        raise EssaykitError(f"--allow-origin {url!r}: give a page origin such as https://blog.example.org "
                            "(scheme, host and port only, no path)")
    return origin


@dataclass(frozen=True)
class OriginPolicy:
    """The origins allowed to post besides the server's own (``listed``)."""

    listed: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, urls) -> OriginPolicy:
        return cls(frozenset(check_allowed_origin(u) for u in urls or ()))

    @staticmethod
    def own(request) -> str | None:
        """The origin this request was addressed to (scheme and Host header)."""
        return origin_of(f"{request.protocol}://{request.host}/")

    def allows(self, origin: str | None, request) -> bool:
        return origin is not None and (origin in self.listed or origin == self.own(request))

    def sender(self, request) -> str | None:
        """The origin of the page that sent ``request``: ``Origin``, else ``Referer``'s; None when unknown."""
        header = request.headers.get("Origin")
        if header is not None:
            return origin_of(header)  # "null" (sandboxed frames, privacy modes) is no origin
        return origin_of(request.headers.get("Referer"))

    def may_post(self, request) -> bool:
        """True when the request comes from this server's pages or a listed origin."""
        return self.allows(self.sender(request), request)

    def cors_origin(self, request) -> str | None:
        """The ``Origin`` to echo in CORS headers: a listed origin, never anyone else."""
        origin = origin_of(request.headers.get("Origin"))
        return origin if origin in self.listed else None

    def may_return_to(self, url: object, request) -> bool:
        """True when ``url`` is a page of this server or of a listed origin (where a form may be sent back),
        written so that browsers and Python read the same host in it (:func:`read_alike`)."""
        return read_alike(url) and self.allows(origin_of(url), request)
