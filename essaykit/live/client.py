"""Who is asking: the one place a route learns the reader's signed cookies and address.

**The client address** (:func:`client_address`, from :mod:`essaykit._forwarded`,
which holds the ``--forwarded-allow-ips`` rule below every HTTP layer).

**The reader** (:func:`reader_of`): the signed session
(:mod:`essaykit.comments.sessions`; a missing, forged or expired cookie is
replaced, never echoed) and, when the browser has earned it, the
"approved before" token (:mod:`essaykit.comments.trust`): a session whose
earlier comment the author approved gets the ``essaykit_known`` cookie the
next time it is seen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .._forwarded import client_address

log = logging.getLogger("essaykit.live")


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
            # Forged or expired: never kept, never echoed; cleared with the flags it was set with.
            handler.clear_cookie(trust.KNOWN_COOKIE, **cookie_options(handler.request))
        elif trust.needs_reissue(sessions, cookie):
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
