"""The token formats essaykit signed before :mod:`.signing`, read only.

Readers' cookies and the links in emails already sent were signed in these
formats; they keep working for as long as the key that signed them is still
accepted (so at most until a ``essaykit secret rotate`` and its grace period),
and a reader's cookie comes back in the new format the next time it is seen.
Nothing is signed in these formats any more.

Each was HMAC-SHA256 under the database's keys, URL-safe base64, cut short:

* ``session``: ``<id>.<issued>.<mac>``, the MAC (32 characters) of ``v1.<id>.<issued>``;
* ``known`` ("approved before"): ``k1.<email, base64>.<issued>.<mac>``, the MAC (32) of the first three parts;
* links (``moderate``, ``confirm``, ``unsubscribe``): ``<value>.<expires>.<mac>``, the MAC (43) of
  ``link``, the purpose, the value and the expiry joined by NUL bytes.

``issued`` and ``expires`` are whole seconds since the epoch in base 36.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from .lookup import normalise_email

LINK_PURPOSES = ("moderate", "confirm", "unsubscribe")
PURPOSES = ("session", "known", *LINK_PURPOSES)


def _mac(key: bytes, message: bytes, length: int) -> str:
    return base64.urlsafe_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()[:length]


def _genuine(keys: tuple[bytes, ...], mac: str, message: bytes, length: int) -> bool:
    return len(mac) == length and any(hmac.compare_digest(mac, _mac(key, message, length)) for key in keys)


def _seconds(base36: str) -> int:
    # Only a genuine MAC gets here, so this is a number essaykit wrote.
    return int(base36, 36)


def read(purpose: str, token: str, keys: tuple[bytes, ...]) -> tuple[str, int | None, int | None] | None:
    """``(payload, signed at, expires at)`` of a genuine ``token`` in the old format of ``purpose``
    (the session id, the normalised email, or the link's value; a session or a "known" token has
    no expiry of its own, a link no signing time), or None. The caller checks the times."""
    parts = token.split(".")
    if purpose == "session" and len(parts) == 3:
        session, issued, mac = parts
        if _genuine(keys, mac, b".".join((b"v1", session.encode(), issued.encode())), 32):
            return session, _seconds(issued), None
    elif purpose == "known" and len(parts) == 4 and parts[0] == "k1":
        _, encoded, issued, mac = parts
        if _genuine(keys, mac, ".".join(parts[:3]).encode(), 32):
            try:
                email = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return None
            if email == normalise_email(email) and "@" in email:
                return email, _seconds(issued), None
    elif purpose in LINK_PURPOSES and len(parts) == 3:
        value, expires, mac = parts
        if _genuine(keys, mac, b"\0".join((b"link", purpose.encode(), value.encode(), expires.encode())), 43):
            return value, None, _seconds(expires)
    return None
