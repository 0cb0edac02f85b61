"""Who is asking: the one place a route learns the client's address and the reader's signed cookies.

**The client address** (:func:`client_address`). Without
``--forwarded-allow-ips`` it is the TCP peer, and ``X-Forwarded-For`` is
ignored: anyone can write that header. With ``--forwarded-allow-ips IPS``
(comma-separated addresses and networks, ``*`` for any; the option uvicorn
and gunicorn have), the header is believed only when the peer is one of
those proxies, and read from the right: each trusted proxy appended the
address it saw, so the first address from the right that is *not* a trusted
proxy is the client. When every hop is trusted (``*``), the left-most one
is taken. The comment API, the plain forms, the live pages, the kernel a
reader starts and the mention receivers all call :func:`client_address`.

**The reader** (:func:`reader_of`): the signed session
(:mod:`essaykit.comments.sessions`; a missing, forged or expired cookie is
replaced, never echoed) and, when the browser has earned it, the
"approved before" token (:mod:`essaykit.comments.trust`): a session whose
earlier comment the author approved gets the ``essaykit_known`` cookie the
next time it is seen.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass

from ..comments.addresses import parse_ip
from ..errors import ConfigError

log = logging.getLogger("essaykit.live")

SETTING = "essaykit_forwarded_allow_ips"


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


@dataclass(frozen=True)
class Reader:
    """The reader behind a request: their session id, whether it was just minted, the email their
    browser has proved (or None) and their address."""

    session: str
    fresh: bool
    known: str | None
    address: str


def reader_of(handler, api) -> Reader:
    """The request's reader, setting the session cookie when it is new (or re-signed) and the
    ``essaykit_known`` cookie when the session's earlier comment was approved; remembered per request."""
    found = getattr(handler, "_essaykit_reader", None)
    if found is not None:
        return found
    from ..comments import trust
    from .api import READER_COOKIE, cookie_options

    sessions = api.sessions
    sent = handler.get_cookie(READER_COOKIE)
    session, token, renewed = sessions.resume(sent)
    if renewed:  # new, or re-signed with the current key after a rotation
        handler.set_cookie(READER_COOKIE, token, **cookie_options(handler.request, max_age_days=365))
    fresh = token != sent and sessions.verify(sent) is None
    known = None
    cookie = handler.get_cookie(trust.KNOWN_COOKIE)
    if cookie:
        known = trust.verify_known(sessions, cookie)
        if known is None:
            handler.clear_cookie(trust.KNOWN_COOKIE, path="/")  # forged or expired: never kept, never echoed
        elif len(sessions.keys) > 1 and trust.verify_known(sessions.keys[:1], cookie) is None:
            trust.give_known(handler, known, source=sessions)  # re-signed with the current key
    if known is None and not fresh:
        try:
            earned = trust.approved_email_of_session(api.store, session)
        except Exception as exc:  # a broken database: no token this time, the page still works
            log.warning("could not look up the reader's approved comments: %s", exc)
            earned = None
        if earned:
            trust.give_known(handler, earned, source=sessions)
            known = earned
    found = Reader(session=session, fresh=fresh, known=known, address=client_address(handler))
    handler._essaykit_reader = found
    return found
