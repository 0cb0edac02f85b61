"""Signing in to comment, and out (issue 26; docs/comments.md, "Signing in"). No JavaScript anywhere.

    GET  /signin?return=PAGE        the ways this server offers, as plain forms (a static page links here)
    GET  /api/signin                {"signed_in": false} or {"signed_in": true, "verified", "name", "website"}
    POST /api/signin/email          email, name, return → 202 JSON, or a 303 back to PAGE#ek-signin-sent
    /essaykit/mail/signin/TOKEN     the emailed link: GET shows a button, its POST signs this browser in
    POST /api/signout               return → 303 back to PAGE#ek-cf, or 200 JSON
    (OpenID Connect and IndieAuth: :mod:`.signin_oauth`)

A sign-in belongs to the browser's signed reader session (:mod:`essaykit.comments.signins`). It is a change
of trust, so the session is renewed first (:func:`.client.rotate`) and the identity recorded for the new
one; signing out forgets it and renews the session again. Every POST comes from this server's pages or an
``--allow-origin`` (:mod:`.origins`). ``return`` goes back only to a page of this site: a path here, or
a URL of this server's or a listed origin (:func:`safe_return`); anything else goes to the front page.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from ..._web import SitePageHandler, render_site_page
from ...comments import fields
from ...comments.render import sign_in_context
from ...comments.signins import Identity
from ...errors import CommentError, EssaykitError
from ...mail import signin_links
from ...mail.handlers import OnceLinkHandler
from .client import reader_of, rotate, session_of
from .follow import EmailFormHandler
from .origins import read_alike
from .request import ApiHandler
from .service import ApiError

log = logging.getLogger("essaykit.api")

SENT_ANCHOR = "ek-signin-sent"
#: Where the reader lands after signing in or out: the comment form.
FORM_ANCHOR = "ek-cf"
SENT = ("If that address takes email, we have sent it a sign-in link; it works once, for "
        f"{signin_links.FLOW_MINUTES} minutes.")
NO_MAIL = "this site does not send email, so it cannot sign you in by email; sign in another way"
ASK_AGAIN = "Sign in again from the comment form to get a new link."


def safe_return(handler, value: object) -> str | None:
    """``value`` when it is a page of this site: a path (``/…``, never ``//…`` or ``/\\…``) or a URL of this
    server's or a listed origin, read alike by browsers and Python; its fragment dropped. Else None."""
    if not isinstance(value, str) or not value or len(value) > 2000 or not read_alike(value):
        return None
    parts = urlsplit(value)
    if value.startswith("/") and not value.startswith("//") and not parts.scheme and not parts.netloc:
        return urlunsplit(("", "", parts.path, parts.query, ""))
    if handler.api.policy.may_return_to(value, handler.request):
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return None


def back_to(handler, value: object) -> str:
    """Where to send the reader back: ``value`` if :func:`safe_return` takes it, else the front page."""
    return safe_return(handler, value) or handler.settings.get("base_url", "/")


def finish_sign_in(handler, api, identity: Identity, return_to: str) -> None:
    """Renew the browser's session, sign it in as ``identity`` and send it back to ``return_to``."""
    reader_of(handler, api)
    session = rotate(handler, api).session
    api.store.sign_in(session, identity)
    log.info("a reader signed in (%s)", identity.kind)
    handler.redirect(back_to(handler, return_to) + "#" + FORM_ANCHOR, status=303)


def offered(api, *, base_url: str, return_url: str, identity: Identity | None = None) -> dict:
    """The ``sign_in`` macro's context for a page of this server: the reader's ``identity``, or the ways
    this server offers (:class:`essaykit.signin.config.SignInConfig`)."""
    config = getattr(api, "sign_in", None)
    if config is None:
        return sign_in_context(base_url, return_url, identity=identity, sent=SENT)
    return sign_in_context(base_url, return_url, identity=identity, sent=SENT, email=config.email,
                           indieauth=config.indieauth, oidc_name=config.oidc.name if config.oidc else "")


class SignInStatusHandler(ApiHandler):
    """``GET /api/signin``: who this browser is signed in as (never mints a session)."""

    SUPPORTED_METHODS = ("GET", "OPTIONS")

    def get(self) -> None:
        self.run(self._get)

    def _get(self) -> None:
        identity = self.api.store.signed_in(session_of(self, self.api))
        if identity is None:
            self.send_json(200, {"signed_in": False})
        else:
            self.send_json(200, {"signed_in": True, "verified": identity.kind, "name": identity.name,
                                 "website": identity.website})


class EmailSignInHandler(EmailFormHandler):
    """``POST /api/signin/email``: ask for a sign-in link (the same answer whatever the address)."""

    no_mail = NO_MAIL

    def _post(self) -> None:
        values, email = self.checked_email()
        try:
            name = fields.clean_name(values.get("name") or "", required=False)
        except CommentError as exc:
            raise ApiError(400, f"Name: {exc}", "name") from None
        return_to = safe_return(self, values.get("return")) or ""
        self.record(lambda conn, keys, moment: signin_links.request(
            self.api.store, conn, email, name=name, return_to=return_to, address_hash=keys.address_hash,
            network=keys.network, moment=moment))
        if self.wants_json():
            self.send_json(202, {"status": "requested", "notice": SENT})
        else:
            self._page_policy()  # the redirect's body is a page too
            self.redirect(back_to(self, return_to) + "#" + SENT_ANCHOR, status=303)


class SignOutHandler(ApiHandler):
    """``POST /api/signout``: forget the browser's sign-in and renew its session."""

    SUPPORTED_METHODS = ("POST", "OPTIONS")

    def post(self) -> None:
        self.run(self._post)

    def _post(self) -> None:
        self.require_origin()
        values = self.fields()
        session = session_of(self, self.api)
        if session and self.api.store.sign_out(session):
            rotate(self, self.api)
            log.info("a reader signed out")
        if self.wants_json():
            self.send_json(200, {"signed_in": False})
        else:
            self._page_policy()  # the redirect's body is a page too
            self.redirect(back_to(self, values.get("return")) + "#" + FORM_ANCHOR, status=303)


class SignInPageHandler(SitePageHandler):
    """``GET /signin?return=PAGE``: the ways to sign in, or who the reader is with Sign out."""

    def initialize(self, api) -> None:
        self.api = api

    def get(self) -> None:
        back = safe_return(self, self.get_query_argument("return", "")) or ""
        try:
            identity = self.api.store.signed_in(session_of(self, self.api))
        except EssaykitError:
            identity = None  # a broken database: the forms still show, and say so when used
        base_url = self.settings.get("base_url", "/")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(render_site_page("signin.html.j2", back_url=back, s=offered(
            self.api, base_url=base_url, return_url=back, identity=identity)))


class SignInLinkHandler(OnceLinkHandler):
    """``/essaykit/mail/signin/TOKEN``: GET shows the address and a button; POST signs this browser in, once."""

    ask_again = ASK_AGAIN
    expired = "This sign-in link has expired."

    # The button's POST must say it comes from this page (a sign-in another site's page posts would sign
    # the reader in as someone else): under "no-referrer" a browser sends its Origin as "null".
    referrer = "same-origin"

    def prepare(self) -> None:
        self.set_header("Referrer-Policy", self.referrer)
        # The button's POST ends in a redirect back to the page the sign-in began on, which may be a
        # static page of a listed origin: the form may lead there too.
        listed = "".join(f" {origin}" for origin in sorted(self.api.policy.listed))
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                                                   f"form-action 'self'{listed}; frame-ancestors 'none'; "
                                                   "base-uri 'none'")

    def _use(self, token: str, *, act: bool) -> None:
        value, why = self._links().read("signin", token)
        if value is None:
            return self._refused("signin", why)
        if act and not self.api.policy.may_post(self.request):
            return self._page(403, "Press the button on the link's page",
                              "This sign-in can only be finished from the page the emailed link opens.")
        store = self.api.store
        found = store.flow(value, "email")
        if found is not None and act:
            found = store.take_flow(value, "email")
        if found is None:
            return self._page(410, "This link was already used", "Each sign-in link works once. " + ASK_AGAIN)
        if not act:
            return self._page(200, "Sign in", f"Sign in on this browser as {found.email_key} to comment?",
                              buttons=[("do", "signin", "Sign in")])
        name = found.name or found.email_key.partition("@")[0]
        finish_sign_in(self, self.api, Identity("email", found.email_key, name=name, email=found.email_key),
                       found.return_to)
