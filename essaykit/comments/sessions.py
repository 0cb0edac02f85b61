"""Reader sessions the server mints and signs: the one place a session is signed or checked.

There are no accounts. A reader is a random id that the server issues and
signs with HMAC-SHA256, under a key kept in the comment database's
``settings`` table (migration ``0005_add_session_secret``), so every server
and process sharing the database accepts the same sessions and nobody
without the database can mint one.

A token reads ``<id>.<issued>.<mac>``:

* ``id``: 24 random URL-safe characters, the session the store keys
  flood control and "one rating per reader" on (it stores only a salted hash);
* ``issued``: whole seconds since the epoch, in base 36;
* ``mac``: the first 32 characters of the URL-safe base64 HMAC of
  ``v1.<id>.<issued>``.

:meth:`Sessions.verify` answers the id of a genuine, unexpired token and None
for anything else (missing, malformed, forged, expired, signed by another
database); the caller then mints a new one. A forged value is never trusted
and never echoed back.

The same keys sign the links in notification emails (:meth:`Sessions.sign`,
:meth:`Sessions.unsign`): ``<value>.<expires>.<mac>`` where ``mac`` is the
URL-safe base64 HMAC-SHA256 of ``link``, the link's purpose, the value and the
expiry. The purpose ("moderate", "confirm", "unsubscribe") is part of what is
signed, so a link made for one purpose is refused for another, and neither is
ever a session. This module stays the one place that signs anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

#: How long a session lasts: a year, so "you already rated" and "your pending comment" survive.
MAX_AGE_SECONDS = 365 * 24 * 3600
SETTING = "session_secret"
_VERSION = b"v1"
_TOKEN = re.compile(r"([A-Za-z0-9_-]{24})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})")
_LINK = re.compile(r"([A-Za-z0-9_-]{1,80})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})")
_PURPOSE = re.compile(r"[a-z]{1,20}")


def _mac(key: bytes, session: str, issued: str) -> str:
    digest = hmac.new(key, b".".join((_VERSION, session.encode(), issued.encode())), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:32]


def _link_mac(key: bytes, purpose: str, value: str, expires: str) -> str:
    message = b"\0".join((b"link", purpose.encode(), value.encode(), expires.encode()))
    return base64.urlsafe_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()[:43]


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


@dataclass(frozen=True)
class Sessions:
    """Mint and check signed reader sessions with ``keys`` (the first signs; all are accepted)."""

    keys: tuple[bytes, ...]
    max_age: int = MAX_AGE_SECONDS

    def __post_init__(self) -> None:
        if not self.keys or any(len(k) < 16 for k in self.keys):
            from ..errors import StoreError

            raise StoreError("the session key in the comment database is missing or too short; "
                             "run `essaykit comments list` once to migrate the database")

    @classmethod
    def for_store(cls, store) -> Sessions:
        """The sessions of ``store``'s database (its ``session_secret`` setting)."""
        return cls((store.setting(SETTING).encode(),))

    def mint(self, *, now: float | None = None) -> tuple[str, str]:
        """A new session: ``(id, token)``; the token goes in the cookie, the id to the store."""
        session = secrets.token_urlsafe(18)
        issued = _base36(int(time.time() if now is None else now))
        return session, f"{session}.{issued}.{_mac(self.keys[0], session, issued)}"

    def verify(self, token: object, *, now: float | None = None) -> str | None:
        """The session id in ``token`` if this database signed it and it has not expired, else None."""
        if not isinstance(token, str) or len(token) > 80:
            return None
        match = _TOKEN.fullmatch(token)
        if match is None:
            return None
        session, issued, mac = match.groups()
        if not any(hmac.compare_digest(mac, _mac(key, session, issued)) for key in self.keys):
            return None
        age = (time.time() if now is None else now) - int(issued, 36)
        if age > self.max_age or age < -300:  # a little clock skew between servers is fine
            return None
        return session

    def resume(self, token: object, *, now: float | None = None) -> tuple[str, str, bool]:
        """``(id, token, fresh)``: the reader's session from ``token``, or a new one (``fresh``) when it is not genuine."""
        session = self.verify(token, now=now)
        if session is not None:
            return session, token, False  # type: ignore[return-value]
        session, token = self.mint(now=now)
        return session, token, True

    # --- signed links (notification emails) ------------------------------------------

    def sign(self, purpose: str, value: str, *, ttl: int, now: float | None = None) -> str:
        """A token for ``value`` (1-80 of ``A-Za-z0-9_-``) that :meth:`unsign` accepts for ``purpose``
        until ``ttl`` seconds from now."""
        if not _PURPOSE.fullmatch(purpose):
            raise ValueError(f"a link purpose is a short lower-case word (not {purpose!r})")
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,80}", value):
            raise ValueError(f"a signed value is 1-80 URL-safe characters (not {value!r})")
        expires = _base36(int((time.time() if now is None else now) + ttl))
        return f"{value}.{expires}.{_link_mac(self.keys[0], purpose, value, expires)}"

    def unsign(self, purpose: str, token: object, *, now: float | None = None) -> tuple[str | None, str]:
        """``(value, "")`` for a genuine, unexpired token signed for ``purpose``; otherwise
        ``(None, why)`` where ``why`` is ``"expired"`` or ``"invalid"`` (malformed, tampered, another purpose)."""
        if not isinstance(token, str) or len(token) > 160:
            return None, "invalid"
        match = _LINK.fullmatch(token)
        if match is None:
            return None, "invalid"
        value, expires, mac = match.groups()
        if not any(hmac.compare_digest(mac, _link_mac(key, purpose, value, expires)) for key in self.keys):
            return None, "invalid"
        if (time.time() if now is None else now) > int(expires, 36):
            return None, "expired"
        return value, ""
