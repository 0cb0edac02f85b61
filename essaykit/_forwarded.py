"""Who the client is: the one place a request's client address is worked out (``--forwarded-allow-ips``).

Without ``essaykit serve --forwarded-allow-ips`` the client is the TCP peer
and ``X-Forwarded-For`` is ignored: anyone can write that header. With
``--forwarded-allow-ips IPS`` (comma-separated addresses and networks, ``*``
for any; the option uvicorn and gunicorn have), the header is believed only
when the peer is one of those proxies, and read from the right: each trusted
proxy appended the address it saw, so the first address from the right that
is *not* a trusted proxy is the client. When every hop is trusted (``*``),
the left-most one is taken; an entry that is not an address ends the walk at
the last address a trusted proxy vouched for.

:func:`forwarded_scheme` does the same for ``X-Forwarded-Proto``: the
scheme a trusted proxy says the client used (``https`` when it ends TLS).

Every route calls :func:`client_address`: the comment API and its plain
forms, the live pages, the kernel route (which tells the reader's kernel)
and the Webmention and pingback receivers. It needs only a handler's
``request`` and ``settings`` (no Tornado import), so it sits below every
layer that serves HTTP.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .errors import ConfigError

#: The application setting that holds the server's :class:`TrustedProxies`.
SETTING = "essaykit_forwarded_allow_ips"


def parse_ip(text: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP in ``text`` (IPv4-mapped IPv6 made IPv4, a zone id dropped), or None when it is none."""
    if not isinstance(text, str) or not text or len(text) > 64:
        return None
    try:
        ip = ipaddress.ip_address(text.strip().split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


@dataclass(frozen=True)
class TrustedProxies:
    """The proxies whose ``X-Forwarded-For`` is believed (``--forwarded-allow-ips``)."""

    networks: tuple = ()
    everyone: bool = False

    @classmethod
    def parse(cls, text: str | None) -> TrustedProxies:
        """``"127.0.0.1, 10.0.0.0/8, ::1"`` or ``"*"``; ConfigError naming the bad entry otherwise."""
        if text is None or not text.strip():
            return cls()
        networks = []
        everyone = False
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if part == "*":
                everyone = True
                continue
            try:
                net = ipaddress.ip_network(part, strict=False)
            except ValueError:
                raise ConfigError(f"--forwarded-allow-ips: {part!r} is not an IP address or network; "
                                  "give e.g. 127.0.0.1,10.0.0.0/8 or *") from None
            networks.append(net)
        return cls(tuple(networks), everyone)

    def __bool__(self) -> bool:
        return self.everyone or bool(self.networks)

    def trusts(self, ip) -> bool:
        if ip is None:
            return False
        return self.everyone or any(ip.version == net.version and ip in net for net in self.networks)

    def client(self, peer: str, forwarded: list[str]) -> str:
        """The client's address, given the TCP ``peer`` and every ``X-Forwarded-For`` header value."""
        peer_ip = parse_ip(peer)
        if not forwarded or not self.trusts(peer_ip):
            return str(peer_ip) if peer_ip is not None else (peer or "")
        hops = [_hop(h) for value in forwarded for h in value.split(",") if h.strip()]
        if not hops:
            return str(peer_ip)
        last_good = peer_ip
        for hop in reversed(hops):
            ip = parse_ip(hop)
            if ip is None:
                # Not an address: whatever a trusted proxy vouched for last is all we know.
                return str(last_good)
            if not self.trusts(ip):
                return str(ip)
            last_good = ip
        return str(last_good)  # every hop is a trusted proxy: the left-most one


def _hop(text: str) -> str:
    """One X-Forwarded-For entry without brackets or a port (``[2001:db8::1]:443``, ``192.0.2.1:80``)."""
    text = text.strip().strip('"')
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    if text.count(":") == 1:
        return text.split(":", 1)[0]
    return text


def client_address(handler) -> str:
    """The client's IP for ``handler``'s request (see the module docstring); remembered per request."""
    request = handler.request
    found = getattr(request, "_essaykit_client", None)
    if found is None:
        proxies = handler.settings.get(SETTING) or TrustedProxies()
        found = proxies.client(request.remote_ip or "", request.headers.get_list("X-Forwarded-For"))
        request._essaykit_client = found
    return found


def forwarded_scheme(request, settings) -> None:
    """Behind a trusted proxy that ends TLS, take ``X-Forwarded-Proto`` (``http`` or ``https``) as the
    request's scheme, so cookies get ``Secure``, the server's own origin is ``https://…`` and the
    addresses it advertises are the public ones. From anyone else the header is ignored."""
    proxies = settings.get(SETTING)
    if not proxies or not proxies.trusts(parse_ip(request.remote_ip)):
        return
    values = request.headers.get_list("X-Forwarded-Proto")
    # The last value is the one the nearest proxy (the trusted one) wrote.
    scheme = values[-1].split(",")[-1].strip().lower() if values else ""
    if scheme in ("http", "https"):
        request.protocol = scheme
