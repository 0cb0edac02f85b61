"""Everything essaykit signs, signed one way: itsdangerous, one salt per purpose, the database's keys.

    signer = Signer(keys)                                  # the current key first (:mod:`.signing_keys`)
    token = signer.sign("session", session_id)
    signer.unsign("session", token, max_age=MAX_AGE_SECONDS).payload   # -> session_id, or BadToken

A token is itsdangerous' URL-safe timed format (``payload.timestamp.signature``,
HMAC-SHA256), with the purpose as its salt: a token made for one purpose
(``session``, ``known``, ``moderate``, ``confirm``, ``unsubscribe``, ``loaded``, ``people``, ``signin``
for an email sign-in link, ``signin state`` for an OAuth round trip's ``state``) is refused
for every other one. The keys are the database's (:mod:`.signing_keys`), so
every server and process sharing the database accepts the same tokens and
nobody without the database can make one. Rotation keeps the previous key
for a grace period: :meth:`Signer.unsign` accepts it and says the token is
not :attr:`~Verified.current`, so the caller can give the reader a new one.

Tokens in the formats essaykit signed before this module are still read
(:mod:`.legacy_tokens`) for as long as the key that signed them is accepted,
and are never current.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

import itsdangerous

from ..errors import StoreError
from . import legacy_tokens

__all__ = ["BadToken", "ExpiredToken", "MAX_AGE_SECONDS", "Signer", "Verified"]

#: How long a reader's session and "approved before" token last: a year, so "you already rated"
#: and "your pending comment" survive.
MAX_AGE_SECONDS = 365 * 24 * 3600
#: How far ahead of this server's clock another server's token may be.
CLOCK_SKEW_SECONDS = 300
#: Nothing essaykit signs is longer; anything longer is refused before any work.
MAX_TOKEN_CHARS = 1000


class BadToken(ValueError):
    """Not a genuine token for this purpose: missing, malformed, tampered, another purpose or
    another database's key."""


class ExpiredToken(BadToken):
    """A genuine token that is too old (or, for an old-format link, past its expiry)."""


@dataclass(frozen=True)
class Verified:
    """A genuine, unexpired token's payload; ``current`` when it is in this module's format and
    signed with the current key (otherwise re-issue it when you can); ``signed_at``, when it was
    signed (seconds since the epoch; None for an old-format token that did not say)."""

    payload: str
    current: bool
    signed_at: float | None = None


class _ClockSigner(itsdangerous.TimestampSigner):
    """itsdangerous' timestamp signer with the time given, so a token can be made as of ``now``."""

    def __init__(self, *args, now: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._now = now

    def get_timestamp(self) -> int:
        return int(time.time() if self._now is None else self._now)


class Signer:
    """Signs and checks tokens with ``keys`` (bytes, the signing key first; every one is accepted)."""

    def __init__(self, keys: tuple[bytes, ...] | list[bytes]):
        keys = tuple(keys)
        if not keys or any(not isinstance(k, bytes) or len(k) < 16 for k in keys):
            raise StoreError("the signing key in the comment database is missing or too short; "
                             "run `essaykit comments list` once to migrate the database")
        self.keys = keys

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self.keys)} keys>)"

    def _serializer(self, purpose: str, keys: tuple[bytes, ...], now: float | None):
        # itsdangerous signs with the last key of its list and accepts them all.
        return itsdangerous.URLSafeTimedSerializer(
            list(reversed(keys)), salt=f"essaykit {purpose}", signer=_ClockSigner,
            signer_kwargs={"digest_method": hashlib.sha256, "now": now})

    def sign(self, purpose: str, payload: str, *, now: float | None = None) -> str:
        """A token for the text ``payload`` that :meth:`unsign` accepts for ``purpose`` only."""
        if not isinstance(payload, str):
            raise TypeError(f"a signed payload is text (not {type(payload).__name__})")
        return self._serializer(purpose, self.keys[:1], now).dumps(payload)

    def unsign(self, purpose: str, token: object, *, max_age: int, now: float | None = None) -> Verified:
        """The payload of a genuine token signed for ``purpose`` at most ``max_age`` seconds ago.

        Raises :class:`ExpiredToken` for a genuine but too old one, :class:`BadToken` for
        anything else (missing, malformed, tampered, another purpose or another database's key).
        """
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
            raise BadToken("not a token")
        if not _canonical_signature(token):
            raise BadToken("not signed by this database")
        moment = time.time() if now is None else now
        try:
            payload, signed = self._serializer(purpose, self.keys, None).loads(token, return_timestamp=True)
        except itsdangerous.BadSignature:
            old = legacy_tokens.read(purpose, token, self.keys) if purpose in legacy_tokens.PURPOSES else None
            if old is None:
                raise BadToken("not signed by this database") from None
            payload, signed_at, expires_at = old
            _check_time(moment, signed_at=signed_at, expires_at=expires_at, max_age=max_age)
            return Verified(payload, current=False, signed_at=signed_at)
        if not isinstance(payload, str):
            raise BadToken("not a token of essaykit's")
        _check_time(moment, signed_at=signed.timestamp(), max_age=max_age)
        return Verified(payload, current=len(self.keys) == 1 or self._signed_with_current(purpose, token),
                        signed_at=signed.timestamp())

    def _signed_with_current(self, purpose: str, token: str) -> bool:
        try:
            self._serializer(purpose, self.keys[:1], None).loads(token)
        except itsdangerous.BadSignature:
            return False
        return True

    def derived(self, purpose: str) -> bytes:
        """A key for another use (``purpose``) derived from the signing key: the same on every server
        that shares the database, useless for signing tokens."""
        return hmac.new(self.keys[0], b"essaykit derived key\0" + purpose.encode(), hashlib.sha256).digest()


def _canonical_signature(token: str) -> bool:
    """False when the signature part of ``token`` is not written the one way its bytes are.

    itsdangerous checks the signature's decoded bytes, and base64 decoding lets a few spellings
    through for the same bytes (spare low bits in the last character, characters it skips). Such a
    variant is no forgery (it needs the genuine token), but then one reader could hold several
    tokens for one session, and a token must be the one value the server gave."""
    signature = token.rpartition(".")[2].encode()
    try:
        return itsdangerous.encoding.base64_encode(itsdangerous.encoding.base64_decode(signature)) == signature
    except itsdangerous.BadData:
        return False


def _check_time(now: float, *, signed_at: float | None, max_age: int, expires_at: float | None = None) -> None:
    """ExpiredToken unless a token signed at ``signed_at`` is at most ``max_age`` seconds old (and
    not from further ahead than the clock skew), and ``expires_at``, if any, has not passed."""
    if signed_at is not None:
        age = now - signed_at
        if age > max_age or age < -CLOCK_SKEW_SECONDS:
            raise ExpiredToken(f"signed {int(age)} seconds ago; good for {max_age}")
    if expires_at is not None and now > expires_at:
        raise ExpiredToken("past its expiry")
