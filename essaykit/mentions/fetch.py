"""The safe fetcher: every request essaykit makes to another site for mentions.

A mention makes *our* server fetch a URL that a stranger chose. Without care
that is a way into the server's own network (server-side request forgery):
``http://127.0.0.1:5432/``, ``http://169.254.169.254/`` (cloud metadata with
credentials), a router's admin page. So :func:`fetch`:

- accepts only ``http:``/``https:`` URLs with a host and no ``user:password@``;
- resolves the host itself and refuses private, loopback, link-local,
  carrier-grade NAT, multicast, reserved and cloud-metadata addresses (IPv4,
  IPv6 and IPv4 inside IPv6), then **connects to the address it checked**
  (TLS still verifies the certificate for the host name), so a DNS answer
  that changes between the check and the connection (rebinding) cannot
  slip through;
- re-checks every redirect the same way, and follows at most 5;
- gives the whole exchange, redirects included, 5 seconds, and reads at most
  1 MB of body (a larger ``Content-Length`` is refused before reading);
- asks for no compression (no gzip bombs) and reads a body only when its
  type is one the caller parses (``text/html`` by default).

``FetchPolicy(allow_private=True)`` (``--allow-private-sources``) lifts the
address rule, and only that rule: for tests on loopback and intranets.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import EssaykitError
from .urls import BadURL, check_http_url

MAX_BYTES = 1_000_000
TIMEOUT = 5.0
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
ALLOW_PRIVATE_WARNING = (
    "warning: --allow-private-sources is on: essaykit will fetch private, loopback and link-local addresses "
    "(including cloud metadata) when a mention names them; use it only for tests and intranets"
)

# Addresses of instance-metadata services, refused even when they would otherwise pass.
_METADATA = {ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "192.0.0.192", "fd00:ec2::254",
)}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)


class FetchError(EssaykitError):
    """A fetch was refused or failed. ``reason`` is one of ``url``, ``address``,
    ``connect``, ``time``, ``size``, ``redirects``, ``http``."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one fetch. ``resolver(host, port)`` returns IP address
    strings; the default asks the system (tests map names with their own)."""

    allow_private: bool = False
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT
    max_redirects: int = MAX_REDIRECTS
    resolver: Callable[[str, int], Sequence[str]] | None = None
    user_agent: str = "essaykit-mentions (+https://www.w3.org/TR/webmention/)"


@dataclass
class Response:
    """What a fetch got: the final URL (after redirects), status, headers and (maybe) body."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def header_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";", 1)[0].strip().lower()

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    def text(self) -> str:
        """The body as text: the charset the server named, else one a ``<meta>`` names, else UTF-8."""
        found = _CHARSET.search(self.header("Content-Type") or "") or _CHARSET.search(
            self.body[:2048].decode("ascii", "replace"))
        encoding = found.group(1) if found else "utf-8"
        try:
            return self.body.decode(encoding, "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")


def refusal(address: str) -> str | None:
    """Why ``address`` (an IP address string) may not be fetched, or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = refusal(str(embedded))
            if inner or ip.ipv4_mapped:
                return inner  # an IPv4-mapped address is the IPv4 address
    if ip in _METADATA:
        return f"{ip} is a cloud metadata address"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private:
        return f"{ip} is a private address"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved or not ip.is_global:
        return f"{ip} is not a public address"
    return None


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _addresses(host: str, port: int, policy: FetchPolicy) -> list[str]:
    """The addresses to connect to for ``host``: resolved, then checked (unless allowed)."""
    try:
        ipaddress.ip_address(host)
        found = [host]
    except ValueError:
        try:
            found = list((policy.resolver or _system_resolver)(host, port))
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"cannot find the host {host!r} ({getattr(exc, 'strerror', None) or exc})",
                             "connect") from None
        if not found:
            raise FetchError(f"the host {host!r} has no address", "connect")
    if policy.allow_private:
        return found
    allowed = [a for a in found if refusal(a) is None]
    if not allowed:
        raise FetchError(f"refused to fetch {host}: {refusal(found[0])} (essaykit fetches only public addresses; "
                         "--allow-private-sources lifts this for tests and intranets)", "address")
    return allowed


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a checked address, whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate must still match the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        # The context is kept here too: http.client holds its own copy only in a private attribute.
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url} took longer than the time limit", "time")
    return left


def _one(url: str, method: str, body: bytes | None, headers: dict, policy: FetchPolicy, deadline: float,
         read_types: tuple[str, ...]) -> Response:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    port = parts.port or (443 if scheme == "https" else 80)
    addresses = _addresses(host, port, policy)
    cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    last_error: Exception | None = None
    for address in addresses[:3]:
        conn = cls(host, port, address, _remaining(deadline, url))
        # Socket timeouts bound each read; this bounds them all (headers sent a byte at a time too).
        watchdog = threading.Timer(_remaining(deadline, url), _abort, (conn,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            result = Response(url=url, status=resp.status, headers=list(resp.getheaders()))
            if method != "HEAD" and result.content_type in read_types and result.status not in _REDIRECTS:
                result.body = _read(resp, conn, url, policy, deadline)
            return result
        except FetchError:
            raise
        except (TimeoutError, socket.timeout):
            raise FetchError(f"{url} took longer than the time limit", "time") from None
        except ssl.SSLError as exc:
            last_error = FetchError(f"{url}: TLS failed ({exc.reason or exc})", "connect")
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline:
                raise FetchError(f"{url} took longer than the time limit", "time") from None
            last_error = FetchError(f"{url}: {_describe(exc)}", "connect")
        finally:
            watchdog.cancel()
            conn.close()
    assert last_error is not None
    raise last_error


def _abort(conn) -> None:
    sock = conn.sock
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _read(resp, conn, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    length = resp.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > policy.max_bytes:
        raise FetchError(f"{url} is {int(length):,} bytes; the limit is {policy.max_bytes:,}", "size")
    chunks, size = [], 0
    while True:
        left = _remaining(deadline, url)
        if conn.sock is not None:
            conn.sock.settimeout(left)
        chunk = resp.read1(min(65536, policy.max_bytes + 1 - size))  # read1: whatever has arrived, so the deadline is checked often
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"{url} is larger than {policy.max_bytes:,} bytes", "size")
    if time.monotonic() >= deadline:
        raise FetchError(f"{url} took longer than the time limit", "time")  # cut off, not finished
    return b"".join(chunks)


def _describe(exc: Exception) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, http.client.HTTPException):
        return f"the server's answer is not valid HTTP ({type(exc).__name__})"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def fetch(url: str, *, policy: FetchPolicy = FetchPolicy(), method: str = "GET", body: bytes | None = None,
          headers: dict | None = None, follow_redirects: bool = True,
          read_types: tuple[str, ...] = HTML_TYPES) -> Response:
    """Fetch ``url`` under ``policy``; FetchError (with a one-line message) when refused or failed.

    Any HTTP status is a :class:`Response`, not an error: a 410 means something.
    The body is read only when the response's type is in ``read_types``.
    """
    try:
        url = check_http_url(url)
    except BadURL as exc:
        raise FetchError(str(exc), "url") from None
    deadline = time.monotonic() + policy.timeout
    sent = {"User-Agent": policy.user_agent, "Accept-Encoding": "identity", "Connection": "close",
            "Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1", **(headers or {})}
    history: list[str] = []
    while True:
        response = _one(url, method, body, sent, policy, deadline, read_types)
        location = response.header("Location")
        if not follow_redirects or response.status not in _REDIRECTS or not location:
            response.redirects = history
            return response
        if len(history) >= policy.max_redirects:
            raise FetchError(f"{history[0]} redirects more than {policy.max_redirects} times", "redirects")
        history.append(url)
        try:
            url = check_http_url(urljoin(url, location.strip()), what="redirect")
        except (BadURL, ValueError) as exc:
            raise FetchError(f"{history[-1]} redirects to a URL essaykit will not fetch: {exc}", "url") from None
        if response.status == 303 or (response.status in (301, 302) and method == "POST"):
            method, body = "GET", None
            sent.pop("Content-Type", None)
