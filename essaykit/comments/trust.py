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

    token = mint_known(source, "A1@Example.org ")   # signed for the normalised "a1@example.org"
    verify_known(source, token)                      # -> "a1@example.org", or None
    give_known(handler, "a1@example.org")            # Tornado: set the cookie on the answer
    known_email(handler)                             # Tornado: the verified address, or None

``source`` is what holds the keys: a :class:`~essaykit.db.signing.Signer`
(reader :class:`~.sessions.Sessions` are one), a
:class:`~.store.CommentStore` (its signing keys, rotation included) or the
raw key bytes (one, or a tuple, the signing key first). The token is signed
the one way (:mod:`essaykit.db.signing`) for the purpose ``known``, so a
session token can never pass for a trust token or the other way round, and
``essaykit secret rotate`` rotates both (the previous key is still accepted
for its grace period; :func:`needs_reissue` says when to give a new token).

The cookie is :data:`KNOWN_COOKIE` (``essaykit_known``; ``__Host-essaykit_known``
over HTTPS, :mod:`essaykit._cookies`): ``HttpOnly; SameSite=Lax; Path=/``,
``Secure`` over HTTPS, kept :data:`MAX_AGE_SECONDS`.
Its value holds the normalised address (:func:`.fields.normalise_email`) in
URL-safe base64: the reader's own browser already knows it, and nobody else
sees the cookie.
"""

from __future__ import annotations

from .. import _cookies
from ..db.signing import MAX_AGE_SECONDS, BadToken, Signer
from ..db.signing_keys import keys_for
from ..names import KNOWN_COOKIE, READER_COOKIE
from .fields import normalise_email

PURPOSE = "known"

__all__ = ["KNOWN_COOKIE", "MAX_AGE_SECONDS", "approved_email_of_session", "give_known", "known_email",
           "mint_known", "needs_reissue", "rotate_session", "verify_known"]


def _signer(source) -> Signer:
    if isinstance(source, Signer):
        return source
    if isinstance(source, bytes):
        return Signer((source,))
    if isinstance(source, tuple) and source and all(isinstance(k, bytes) for k in source):
        return Signer(source)
    if hasattr(source, "settings_of"):
        return Signer(keys_for(source))
    raise TypeError(f"give a Signer, a CommentStore or key bytes to sign with (not {type(source).__name__})")


def mint_known(source, email: str, *, now: float | None = None) -> str:
    """A token saying "this browser has proved ``email``" (normalised), signed with ``source``'s current key."""
    key = normalise_email(email)
    if "@" not in key:
        raise ValueError(f"a trust token needs an email address (not {email!r})")
    return _signer(source).sign(PURPOSE, key, now=now)


def _verified(source, token: object, now: float | None, max_age: int):
    try:
        found = _signer(source).unsign(PURPOSE, token, max_age=max_age, now=now)
    except BadToken:
        return None
    return found if found.payload == normalise_email(found.payload) and "@" in found.payload else None


def verify_known(source, token: object, *, now: float | None = None, max_age: int = MAX_AGE_SECONDS) -> str | None:
    """The normalised email a genuine, unexpired ``token`` vouches for; None for anything else."""
    found = _verified(source, token, now, max_age)
    return found.payload if found else None


def needs_reissue(source, token: object) -> bool:
    """True for a genuine token signed with a previous key or in the old format: give a new one."""
    found = _verified(source, token, None, MAX_AGE_SECONDS)
    return found is not None and not found.current


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
    _cookies.write(handler, KNOWN_COOKIE, token, max_age_days=MAX_AGE_SECONDS // 86400)
    return token


def known_email(handler, *, source=None) -> str | None:
    """The normalised email the request's ``essaykit_known`` cookie proves, or None."""
    token = _cookies.read(handler, KNOWN_COOKIE)
    if not token:
        return None
    return verify_known(source if source is not None else _handler_source(handler), token)


def rotate_session(handler, sessions, store, old: str | None = None) -> str | None:
    """Give ``handler``'s reader a new session id (cookie set) and move what session ``old`` (default: the
    request's genuine session cookie) posted and rated to it; the new id, or None when there was none to rotate.

    Called whenever trust changes (a comment posted, "approved before" earned, an address confirmed), so a
    session planted in the reader's browser (fixation) never owns what the reader did from then on."""
    if old is None:
        old = sessions.verify(_cookies.read(handler, READER_COOKIE))
    if not old:
        return None
    session, token = sessions.mint()
    store.move_session(old, session)
    _cookies.write(handler, READER_COOKIE, token)
    return session


def approved_email_of_session(store, session: str) -> str | None:
    """The normalised email of the newest approved comment this reader session posted, or None.

    That comment came from this very browser and the author approved it: the
    proof :func:`give_known` turns into a token the next time the session is seen.
    """
    return store.approved_email_of_session(session) if session else None
