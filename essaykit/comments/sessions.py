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
Rotation (``essaykit secret rotate``, :func:`rotate`) makes a new key the
signing one and keeps the old one as ``session_secret_previous``, accepted
until ``session_secret_previous_until`` (a grace period, 30 days by
default), so readers' sessions and "approved before" tokens (:mod:`.trust`)
do not all die at once; each is re-signed with the new key the next time
its reader comes back. ``--grace 0`` drops the old key at once.
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
PREVIOUS = "session_secret_previous"
PREVIOUS_UNTIL = "session_secret_previous_until"  # whole seconds since the epoch
DEFAULT_GRACE_DAYS = 30
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
    def for_store(cls, store, *, now: float | None = None) -> Sessions:
        """The sessions of ``store``'s database: its ``session_secret``, and the previous key while
        its grace period lasts."""
        return cls(keys_of(store.settings_of((SETTING, PREVIOUS, PREVIOUS_UNTIL)), now=now))

    def old(self, token: object) -> bool:
        """True when ``token`` is genuine but signed with an older key: re-sign it (same id) when you can."""
        return len(self.keys) > 1 and isinstance(token, str) and self.verify(token) is not None and \
            Sessions(self.keys[:1], self.max_age).verify(token) is None

    def resign(self, session: str, *, now: float | None = None) -> str:
        """A token for an existing session id, signed with the current key."""
        issued = _base36(int(time.time() if now is None else now))
        return f"{session}.{issued}.{_mac(self.keys[0], session, issued)}"

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

    def derived(self, purpose: str) -> bytes:
        """A key for another use (``purpose``) derived from the signing key: the same on every server
        that shares the database, useless for signing sessions."""
        return hmac.new(self.keys[0], b"essaykit derived key\0" + purpose.encode(), hashlib.sha256).digest()

    def resume(self, token: object, *, now: float | None = None) -> tuple[str, str, bool]:
        """``(id, token, fresh)``: the reader's session from ``token``, or a new one (``fresh``) when it is not genuine.

        A genuine token signed with a previous key keeps its id and comes back re-signed
        with the current key (``fresh`` is True then too: the caller sets the cookie)."""
        session = self.verify(token, now=now)
        if session is not None:
            if self.old(token):
                return session, self.resign(session, now=now), True
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

def keys_of(values: dict, *, now: float | None = None) -> tuple[bytes, ...]:
    """The keys to accept from the settings ``values``: the current one first, then the previous
    one if its grace period has not ended."""
    from ..errors import StoreError

    current = values.get(SETTING)
    if not current:
        raise StoreError("the comment database has no session key; open it with this essaykit to migrate it")
    keys = [current.encode()]
    previous, until = values.get(PREVIOUS), values.get(PREVIOUS_UNTIL)
    if previous and until and until.isdigit() and int(until) > (time.time() if now is None else now):
        keys.append(previous.encode())
    return tuple(keys)


def rotate(store, *, grace_days: float = DEFAULT_GRACE_DAYS, now: float | None = None) -> float:
    """Make a new signing key for ``store``'s database, keeping the current one for ``grace_days``.

    Returns when the old key stops being accepted (seconds since the epoch).
    Servers sharing the database pick the new key up within a minute.
    """
    import secrets as _secrets

    if grace_days < 0:
        from ..errors import ConfigError

        raise ConfigError(f"the grace period must be 0 days or more (not {grace_days!r})")
    moment = time.time() if now is None else now
    until = int(moment + grace_days * 86400)
    current = store.setting(SETTING)
    store.put_settings({SETTING: _secrets.token_hex(32), PREVIOUS: current if grace_days else "",
                        PREVIOUS_UNTIL: str(until) if grace_days else "0"})
    return until
