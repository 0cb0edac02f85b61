"""URLs in mentions: what is accepted, and when two URLs are the same page.

Both the receiver (is this target one of our essays? does the source link to
it?) and the sender (is this link external?) compare URLs through
:func:`same_page_key`, so they agree on what "the same URL" means.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from ..limits import MAX_URL_CHARS
_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters that mean the same whether percent-encoded or not (RFC 3986 "unreserved").
_UNRESERVED = re.compile(r"%(4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A]|3[0-9]|2D|2E|5F|7E)", re.I)


class BadURL(ValueError):
    """A URL a mention cannot use; the message says why."""


def check_http_url(value: object, *, what: str = "URL") -> str:
    """``value`` if it is an absolute http(s) URL with a host and no user:password; else BadURL."""
    if not isinstance(value, str) or not value.strip():
        raise BadURL(f"the {what} is empty; give an http:// or https:// address")
    text = value.strip()
    if len(text) > MAX_URL_CHARS:
        raise BadURL(f"the {what} is too long ({len(text)} characters); use at most {MAX_URL_CHARS}")
    bad = _FORBIDDEN.search(text)
    if bad:
        raise BadURL(f"the {what} contains {bad.group()!r}; URLs cannot hold spaces, quotes or angle brackets")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise BadURL(f"the {what} {text[:80]!r} is not a valid URL") from None
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        raise BadURL(f"the {what} {text[:80]!r} must start with http:// or https://")
    if not host:
        raise BadURL(f"the {what} {text[:80]!r} has no host name")
    if parts.username is not None or parts.password is not None:
        raise BadURL(f"the {what} {text[:80]!r} holds a user name or password; remove the part before '@'")
    return text


def _normal_escapes(text: str) -> str:
    return _UNRESERVED.sub(lambda m: chr(int(m.group(1), 16)), text)


def same_page_key(url: str) -> str:
    """A key equal for URLs of the same page: scheme and host lower-cased, the
    default port and the fragment dropped, an empty path made ``/``, and
    percent-escapes of unreserved characters decoded. "" for a non-http URL."""
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".").lower()
        port = parts.port
    except ValueError:
        return ""
    if scheme not in _DEFAULT_PORTS or not host:
        return ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _normal_escapes(parts.path) or "/"
    query = _normal_escapes(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def site_of(url: str) -> str:
    """The site part of :func:`same_page_key`: host, plus the port when it is not the default."""
    key = same_page_key(url)
    return key.split("://", 1)[1].split("/", 1)[0] if key else ""


def host_of(url: str) -> str:
    """The lower-cased host name of ``url`` ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def site_name(url: str) -> str:
    """What readers see as the site of a mention: the host without ``www.``."""
    host = host_of(url)
    return host[4:] if host.startswith("www.") else host


def resolve(base: str, href: str) -> str:
    """``href`` (as written in a page) made absolute against ``base``; "" when it cannot be."""
    href = (href or "").strip()
    try:
        return urljoin(base, href)
    except ValueError:
        return ""


def path_key(path: str) -> str:
    """A path as a live server route sees it: percent-decoded, then re-encoded one way."""
    return quote(unquote(path or "/"), safe="/:@!$&'()*+,;=-._~")
