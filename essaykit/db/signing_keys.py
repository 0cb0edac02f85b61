"""The signing keys, kept in the database's ``settings`` table, and their rotation.

``session_secret`` (migration ``0005_add_session_secret``) signs everything
(:mod:`.signing`). Rotation (``essaykit secret rotate``, :func:`rotate`) makes
a new key the signing one and keeps the old one as
``session_secret_previous``, accepted until ``session_secret_previous_until``
(a grace period, :data:`DEFAULT_GRACE_DAYS` by default), so readers'
sessions, "approved before" tokens and emailed links do not all die at once;
a reader's cookies are re-signed with the new key the next time they come
back. A grace of 0 days drops the old key at once. Servers sharing the
database read the keys again every minute.
"""

from __future__ import annotations

import secrets
import time

from ..errors import ConfigError, StoreError
from .signing import Signer

SETTING = "session_secret"
PREVIOUS = "session_secret_previous"
PREVIOUS_UNTIL = "session_secret_previous_until"  # whole seconds since the epoch
DEFAULT_GRACE_DAYS = 30


def keys_of(values: dict, *, now: float | None = None) -> tuple[bytes, ...]:
    """The keys to accept from the settings ``values``: the current one first, then the previous
    one if its grace period has not ended."""
    current = values.get(SETTING)
    if not current:
        raise StoreError("the comment database has no session key; open it with this essaykit to migrate it")
    keys = [current.encode()]
    previous, until = values.get(PREVIOUS), values.get(PREVIOUS_UNTIL)
    if previous and until and until.isdigit() and int(until) > (time.time() if now is None else now):
        keys.append(previous.encode())
    return tuple(keys)


def keys_for(db, *, now: float | None = None) -> tuple[bytes, ...]:
    """The keys of ``db`` (a :class:`~.database.Database`) accepted now, the signing key first."""
    return keys_of(db.settings_of((SETTING, PREVIOUS, PREVIOUS_UNTIL)), now=now)


def signer_for(db, *, now: float | None = None) -> Signer:
    """A :class:`~.signing.Signer` with ``db``'s keys."""
    return Signer(keys_for(db, now=now))


def rotate(db, *, grace_days: float = DEFAULT_GRACE_DAYS, now: float | None = None) -> float:
    """Make a new signing key for ``db``, keeping the current one for ``grace_days``.

    Returns when the old key stops being accepted (seconds since the epoch).
    """
    if grace_days < 0:
        raise ConfigError(f"the grace period must be 0 days or more (not {grace_days!r})")
    moment = time.time() if now is None else now
    until = int(moment + grace_days * 86400)
    current = db.setting(SETTING)
    db.put_settings({SETTING: secrets.token_hex(32), PREVIOUS: current if grace_days else "",
                     PREVIOUS_UNTIL: str(until) if grace_days else "0"})
    return until
