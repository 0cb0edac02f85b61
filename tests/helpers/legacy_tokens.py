"""Tokens as essaykit signed them before essaykit.db.signing: the minting of the old
comments/sessions.py and comments/trust.py, kept here (never in the product) so tests can hand
the server the cookies and links readers still hold."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def old_session(key: bytes, session: str, *, now: float | None = None) -> str:
    """The old ``essaykit_reader`` cookie: ``<id>.<issued>.<mac>``."""
    issued = _base36(int(_now(now)))
    digest = hmac.new(key, b".".join((b"v1", session.encode(), issued.encode())), hashlib.sha256).digest()
    return f"{session}.{issued}.{base64.urlsafe_b64encode(digest).decode()[:32]}"


def old_known(key: bytes, email: str, *, now: float | None = None) -> str:
    """The old ``essaykit_known`` cookie for an already normalised ``email``: ``k1.<email>.<issued>.<mac>``."""
    encoded = base64.urlsafe_b64encode(email.encode("utf-8")).decode().rstrip("=")
    issued = _base36(int(_now(now)))
    digest = hmac.new(key, ".".join(("k1", encoded, issued)).encode(), hashlib.sha256).digest()
    return f"k1.{encoded}.{issued}.{base64.urlsafe_b64encode(digest).decode()[:32]}"


def old_link_token(key: bytes, purpose: str, value: str, *, ttl: int, now: float | None = None) -> str:
    """The old signed part of a mail link: ``<value>.<expires>.<mac>``."""
    expires = _base36(int(_now(now) + ttl))
    message = b"\0".join((b"link", purpose.encode(), value.encode(), expires.encode()))
    return f"{value}.{expires}.{base64.urlsafe_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()[:43]}"
