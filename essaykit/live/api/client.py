"""Who is asking: the one place a route learns the reader's cookies and address.

**The client address** (:func:`client_address`, from :mod:`essaykit._forwarded`,
which holds the ``--forwarded-allow-ips`` rule below every HTTP layer).

**The reader** (:func:`reader_of`): the signed session
(:mod:`essaykit.comments.sessions`; a missing, forged or expired cookie is
replaced, never echoed) and, when the browser has earned it, the
"approved before" token (:mod:`essaykit.comments.trust`): a session whose
earlier comment the author approved gets the ``essaykit_known`` cookie the
next time it is seen.

**The page's reader** (:data:`READER`): who the page being rendered is for, with
the name, email and website their "Save my name…" cookie remembers
(:func:`read_identity`).
"""

from __future__ import annotations

import base64
import json
import logging
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..._forwarded import client_address
from ...names import IDENTITY_COOKIE, READER_COOKIE
from ...comments import trust

log = logging.getLogger("essaykit.live")



@dataclass(frozen=True)
class ReaderView:
    """Who is reading the page being rendered: their session id and, if they asked, the remembered identity."""

    session: str = ""
    identity: dict = field(default_factory=dict)
    reply: str = ""  # the comment the page's ?reply=ID asks the form to answer (names.REPLY_PARAM)
    page: str = ""  # the page's own path, without its query: where "Cancel reply" returns without JavaScript


#: Set by the page handler for the page it renders (essaykit.live.pages.page reads it).
READER: ContextVar[ReaderView] = ContextVar("essaykit_reader", default=ReaderView())


def cookie_options(request, *, max_age_days: int | None = None) -> dict:
    """``HttpOnly; SameSite=Lax``, ``Secure`` behind HTTPS, for the whole site."""
    options = {"path": "/", "httponly": True, "samesite": "Lax"}
    if request.protocol == "https":
        options["secure"] = True
    if max_age_days:
        options["expires_days"] = max_age_days
    return options


def cookie_text(value: str) -> str:
    """``value`` as the identity cookie holds it (URL-safe base64 of UTF-8)."""
    return base64.urlsafe_b64encode(value.encode("utf-8")).decode("ascii")


def read_identity(cookie: str | None) -> dict:
    """The remembered name, email and website from the identity cookie (empty when there is none)."""
    if not cookie or len(cookie) > 4000:
        return {}
    try:
        author, email, website = json.loads(base64.urlsafe_b64decode(cookie.encode("ascii")).decode("utf-8"))
    except (ValueError, TypeError, UnicodeError):
        return {}
    if not all(isinstance(v, str) and len(v) <= 2000 for v in (author, email, website)):
        return {}
    return {"author": author, "email": email, "website": website}


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
