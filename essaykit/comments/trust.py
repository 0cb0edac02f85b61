"""The signed "approved before" token: the only proof that makes a commenter's post publish at once.

A reader is trusted for an email address when their browser holds a token
the server signed for that address. Typing an address proves nothing: a
known address typed by a browser without the token is held like any other
comment, and gets the very same answer (see docs/comments.md, "Threat model").

The server gives a browser the token when

* an earlier comment *from that browser* (its signed reader session,
  :mod:`.sessions`) is approved: the next time that session talks to the
  server (a page view or an API call), :func:`approved_email_of_session`
  finds the approved comment and the handler sets the cookie; or
* the reader confirms the address through an emailed link (the email
  feature calls :func:`give_known` on its confirmation page).

API (all keyword-free positional use is fine)::

    token = mint_known(source, "A1@Example.org ")   # -> "k1.<email>.<issued>.<mac>"
    verify_known(source, token)                      # -> "a1@example.org", or None
    give_known(handler, "a1@example.org")            # Tornado: set the cookie on the answer
    known_email(handler)                             # Tornado: the verified address, or None

``source`` is what holds the keys: a :class:`~.sessions.Sessions`, a
:class:`~.store.CommentStore` (its ``session_secret`` settings, rotation
included) or the raw key bytes (one, or a tuple, the signing key first). The token is signed with HMAC-SHA256 under
the same keys as reader sessions, with its own prefix (``k1``), so a session
token can never pass for a trust token or the other way round, and
``essaykit secret rotate`` rotates both (the previous key is still accepted
for its grace period).

The cookie is :data:`KNOWN_COOKIE` (``essaykit_known``): ``HttpOnly;
SameSite=Lax; Path=/``, ``Secure`` over HTTPS, kept :data:`MAX_AGE_SECONDS`.
Its value holds the normalised address (:func:`.fields.normalise_email`) in
URL-safe base64: the reader's own browser already knows it, and nobody else
sees the cookie.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import time

from ..names import KNOWN_COOKIE
from .fields import normalise_email

#: How long the token is good for: a year, like the reader session.
MAX_AGE_SECONDS = 365 * 24 * 3600
_PREFIX = "k1"
_TOKEN = re.compile(r"k1\.([A-Za-z0-9_-]{4,600})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{32})")

__all__ = ["KNOWN_COOKIE", "MAX_AGE_SECONDS", "approved_email_of_session", "give_known", "known_email",
           "mint_known", "verify_known"]


def _keys(source) -> tuple[bytes, ...]:
    if isinstance(source, bytes):
        return (source,)
    if isinstance(source, tuple) and source and all(isinstance(k, bytes) for k in source):
        return source
    keys = getattr(source, "keys", None)
    if isinstance(keys, tuple):
        return keys
    if hasattr(source, "setting"):
        from .sessions import Sessions

        return Sessions.for_store(source).keys
    raise TypeError(f"give a Sessions, a CommentStore or key bytes to sign with (not {type(source).__name__})")


def _mac(key: bytes, encoded: str, issued: str) -> str:
    message = ".".join((_PREFIX, encoded, issued)).encode()
    return base64.urlsafe_b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()[:32]


def _base36(n: int) -> str:
    from .sessions import _base36 as base36

    return base36(n)


def mint_known(source, email: str, *, now: float | None = None) -> str:
    """A token saying "this browser has proved ``email``" (normalised), signed with ``source``'s current key."""
    key = normalise_email(email)
    if "@" not in key:
        raise ValueError(f"a trust token needs an email address (not {email!r})")
    encoded = base64.urlsafe_b64encode(key.encode("utf-8")).decode().rstrip("=")
    issued = _base36(int(time.time() if now is None else now))
    return f"{_PREFIX}.{encoded}.{issued}.{_mac(_keys(source)[0], encoded, issued)}"


def verify_known(source, token: object, *, now: float | None = None, max_age: int = MAX_AGE_SECONDS) -> str | None:
    """The normalised email a genuine, unexpired ``token`` vouches for; None for anything else."""
    if not isinstance(token, str) or len(token) > 700:
        return None
    match = _TOKEN.fullmatch(token)
    if match is None:
        return None
    encoded, issued, mac = match.groups()
    if not any(hmac.compare_digest(mac, _mac(key, encoded, issued)) for key in _keys(source)):
        return None
    age = (time.time() if now is None else now) - int(issued, 36)
    if age > max_age or age < -300:
        return None
    try:
        email = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return email if email == normalise_email(email) and "@" in email else None


# --- the live side: a Tornado handler of essaykit serve ------------------------------------------


def _handler_source(handler):
    api = handler.settings.get("essaykit_api")
    if api is None:
        raise RuntimeError("this handler's application has no essaykit comment API (settings['essaykit_api'])")
    return api.sessions


def give_known(handler, email: str, *, source=None) -> str:
    """Set the ``essaykit_known`` cookie for ``email`` on ``handler``'s answer; returns the token.

    ``source`` defaults to the server's reader sessions (``settings["essaykit_api"].sessions``).
    """
    token = mint_known(source if source is not None else _handler_source(handler), email)
    options = {"path": "/", "httponly": True, "samesite": "Lax", "expires_days": MAX_AGE_SECONDS // 86400}
    if handler.request.protocol == "https":
        options["secure"] = True
    handler.set_cookie(KNOWN_COOKIE, token, **options)
    return token


def known_email(handler, *, source=None) -> str | None:
    """The normalised email the request's ``essaykit_known`` cookie proves, or None."""
    token = handler.get_cookie(KNOWN_COOKIE)
    if not token:
        return None
    return verify_known(source if source is not None else _handler_source(handler), token)


def approved_email_of_session(store, session: str) -> str | None:
    """The normalised email of the newest approved comment this reader session posted, or None.

    That comment came from this very browser and the author approved it: the
    proof :func:`give_known` turns into a token the next time the session is seen.
    """
    return store.approved_email_of_session(session) if session else None
