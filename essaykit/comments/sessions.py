"""Reader sessions the server mints and signs.

There are no accounts. A reader is a random id that the server issues and
signs (:mod:`essaykit.db.signing`, purpose ``session``) with the keys kept in
the comment database (:mod:`essaykit.db.signing_keys`), so every server and
process sharing the database accepts the same sessions and nobody without
the database can mint one. The id (24 random URL-safe characters) is what
the store keys flood control and "one rating per reader" on; it stores only
a salted hash of it.

:meth:`Sessions.verify` answers the id of a genuine, unexpired token and None
for anything else (missing, malformed, forged, expired, signed by another
database); :meth:`Sessions.resume` then mints a new one. A forged value is
never trusted and never echoed back. A session signed with the previous key
(within the rotation's grace period) or in the format before
:mod:`essaykit.db.signing` keeps its id and is re-signed.

The token a live page sends back when it asks for a kernel (``_xsrf``) is
bound to the session (:meth:`Sessions.xsrf_token`, :meth:`Sessions.check_xsrf`):
an HMAC of the session id under a key derived from the signing key, masked
afresh on every page (so a compressed page does not give it away). Only a
page served to that session carries it; a cookie and field made up together
pass nothing, and a request without a session has no token at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ..db.signing import MAX_AGE_SECONDS, BadToken, Signer
from ..db.signing_keys import keys_for

PURPOSE = "session"
#: What the ``_xsrf`` key is derived for (:meth:`Signer.derived`); never a token purpose.
XSRF_KEY = "xsrf bound to the session"


class Sessions(Signer):
    """Mint and check signed reader sessions with ``keys`` (the first signs; all are accepted); the
    other purposes of :class:`~essaykit.db.signing.Signer` (links, "approved before") work too."""

    def __init__(self, keys, max_age: int = MAX_AGE_SECONDS):
        super().__init__(keys)
        self.max_age = max_age

    @classmethod
    def for_store(cls, store, *, now: float | None = None) -> Sessions:
        """The sessions of ``store``'s database: its signing key, and the previous one while its
        grace period lasts."""
        return cls(keys_for(store, now=now))

    def resign(self, session: str, *, now: float | None = None) -> str:
        """A token for an existing session id, signed with the current key."""
        return self.sign(PURPOSE, session, now=now)

    def mint(self, *, now: float | None = None) -> tuple[str, str]:
        """A new session: ``(id, token)``; the token goes in the cookie, the id to the store."""
        session = secrets.token_urlsafe(18)
        return session, self.resign(session, now=now)

    def verify(self, token: object, *, now: float | None = None) -> str | None:
        """The session id in ``token`` if this database signed it and it has not expired, else None."""
        try:
            return self.unsign(PURPOSE, token, max_age=self.max_age, now=now).payload
        except BadToken:
            return None

    def resume(self, token: object, *, now: float | None = None) -> tuple[str, str, bool]:
        """``(id, token, fresh)``: the reader's session from ``token``, or a new one (``fresh``) when it is not genuine.

        A genuine token signed with a previous key, or in the old format, keeps its id and comes
        back re-signed (``fresh`` is True then too: the caller sets the cookie)."""
        try:
            found = self.unsign(PURPOSE, token, max_age=self.max_age, now=now)
        except BadToken:
            session, token = self.mint(now=now)
            return session, token, True
        if found.current:
            return found.payload, token, False  # type: ignore[return-value]
        return found.payload, self.resign(found.payload, now=now), True

    def _xsrf_raw(self, session: str) -> bytes:
        return hmac.new(self.derived(XSRF_KEY), session.encode(), hashlib.sha256).digest()

    def xsrf_token(self, session: str) -> str:
        """The ``_xsrf`` token for ``session``'s pages: its HMAC under a one-time mask, as hex."""
        raw = self._xsrf_raw(session)
        mask = secrets.token_bytes(len(raw))
        return (mask + bytes(a ^ b for a, b in zip(mask, raw))).hex()

    def check_xsrf(self, session: str | None, token: object) -> bool:
        """True when ``token`` is an ``_xsrf`` token :meth:`xsrf_token` made for ``session``."""
        if not session or not isinstance(token, str) or len(token) != 128:
            return False
        try:
            found = bytes.fromhex(token)
        except ValueError:
            return False
        mask, masked = found[:32], found[32:]
        return hmac.compare_digest(bytes(a ^ b for a, b in zip(mask, masked)), self._xsrf_raw(session))
