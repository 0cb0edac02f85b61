"""Who is asking: the one place a route learns the reader's cookies and address.

**The client address** (:func:`client_address`, from :mod:`essaykit._forwarded`,
which holds the ``--forwarded-allow-ips`` rule below every HTTP layer).

**The reader** (:func:`reader_of`): the signed session
(:mod:`essaykit.comments.sessions`; a missing, forged or expired cookie is
replaced, never echoed) and, when the browser has earned it, the
"approved before" token (:mod:`essaykit.comments.trust`): a session whose
earlier comment the author approved gets the ``essaykit_known`` cookie the
next time it is seen.

**Rotation** (:func:`rotate`): whenever the reader's trust changes (they post
a comment, their earlier comment earns the "approved before" token, they
confirm an address), the session gets a new id and everything the old one
posted and rated moves to it. A session someone planted in the reader's
browser (fixation) then owns nothing: the planter never sees the reader's
held comment and never receives their token.

The cookies are named and flagged by :mod:`essaykit._cookies` (``__Host-``
over HTTPS).

**The page's reader** (:data:`READER`): who the page being rendered is for, with
the name, email and website their "Save my name…" cookie remembers
(:func:`read_identity`).
"""

from __future__ import annotations

import base64
import json
import logging
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from ... import _cookies
from ..._forwarded import client_address
from ...names import IDENTITY_COOKIE, READER_COOKIE
from ...comments import trust
from ...errors import EssaykitError

log = logging.getLogger("essaykit.live")



@dataclass(frozen=True)
class ReaderView:
    """Who is reading the page being rendered: their session id and, if they asked, the remembered identity."""

    session: str = ""
    identity: dict = field(default_factory=dict)
    reply: str = ""  # the comment the page's ?reply=ID asks the form to answer (names.REPLY_PARAM)
    on: str = ""  # the paragraph the page's ?on=ID asks the form to comment on (names.ON_PARAM)
    page: str = ""  # the page's own path, without its query: where "Cancel reply" returns without JavaScript
    signed: object = None  # the Identity the reader signed in as (essaykit.comments.signins), or None


#: Set by the page handler for the page it renders (essaykit.live.pages.page reads it).
READER: ContextVar[ReaderView] = ContextVar("essaykit_reader", default=ReaderView())


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
    sent = _cookies.read(handler, READER_COOKIE)
    session, token, renewed = sessions.resume(sent)
    if renewed or handler.get_cookie(_cookies.name_for(handler.request, READER_COOKIE)) is None:
        # New, re-signed with the current key after a key rotation, or still under its pre-__Host- name.
        _cookies.write(handler, READER_COOKIE, token)
    fresh = token != sent and sessions.verify(sent) is None
    known = None
    cookie = _cookies.read(handler, trust.KNOWN_COOKIE)
    if cookie:
        known = trust.verify_known(sessions, cookie)
        if known is None:
            # Forged or expired: never kept, never echoed; cleared with the flags it was set with.
            _cookies.clear(handler, trust.KNOWN_COOKIE)
        elif trust.needs_reissue(sessions, cookie) or \
                handler.get_cookie(_cookies.name_for(handler.request, trust.KNOWN_COOKIE)) is None:
            trust.give_known(handler, known, source=sessions)  # re-signed with the current key, or renamed
    earned = None
    if known is None and not fresh:
        try:
            earned = trust.approved_email_of_session(api.store, session)
        except Exception as exc:  # a broken database: no token this time, the page still works
            log.warning("could not look up the reader's approved comments: %s", exc)
        if earned:
            trust.give_known(handler, earned, source=sessions)
            known = earned
    handler._essaykit_reader = Reader(session=session, fresh=fresh, known=known, address=client_address(handler))
    if earned:
        # The session has just earned the author's trust: from here on only this browser holds it.
        return rotate(handler, api)
    return handler._essaykit_reader


def rotate(handler, api) -> Reader:
    """Give the request's reader a new session id (cookie set), move what the old one posted and rated to
    it, and hand it the old one's kernels; the new :class:`Reader`. Called when the reader's trust changes."""
    before = reader_of(handler, api)
    try:
        session = trust.rotate_session(handler, api.sessions, api.store, before.session)
    except EssaykitError as exc:  # a broken database: the reader keeps the session they have
        log.warning("could not rotate the reader's session: %s", exc)
        return before
    owners = getattr(handler.settings.get("kernel_manager"), "owners", None) or {}
    for kernel_id, owner in [(k, o) for k, o in owners.items() if o.session == before.session]:
        owners[kernel_id] = replace(owner, session=session)  # the page's open kernel stays the reader's
    found = Reader(session=session, fresh=False, known=before.known, address=before.address)
    handler._essaykit_reader = found
    return found


def session_of(handler, api) -> str | None:
    """The genuine session the request's cookie carries, or None; never mints one (for the kernel routes)."""
    return api.sessions.verify(_cookies.read(handler, READER_COOKIE))


def xsrf_matches(handler, api) -> bool:
    """True when the request's ``_xsrf`` (field or ``X-XSRFToken`` header) was made for its own session
    (:meth:`essaykit.comments.sessions.Sessions.check_xsrf`): only a page served to this reader has it."""
    sent = handler.get_argument("_xsrf", None) or handler.request.headers.get("X-Xsrftoken")
    return api.sessions.check_xsrf(session_of(handler, api), sent)
