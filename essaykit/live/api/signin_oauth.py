"""Signing in through a round trip to another server: OpenID Connect and IndieAuth (issue 26).

    POST /api/signin/oidc                  return → a page that moves on to the host's provider (essaykit.signin.oidc)
    GET  /api/signin/oidc/callback         code, state → 303 back to the page the sign-in began on
    POST /api/signin/indieauth             me, return → a page that moves on to the reader's IndieAuth server
    GET  /api/signin/indieauth/callback    code, state → 303 back to that page

The start is a plain form's POST from this server's pages or an ``--allow-origin`` (a static page with
``--api``). It records the round trip (:meth:`~essaykit.comments.signins.SignInsMixin.begin_flow`: the
browser's session, the nonce, the PKCE verifier, the page to go back to; limited per client address and
network) and sends the reader off with ``state``: the flow's random token signed for the purpose
``signin state`` (:mod:`essaykit.db.signing`). The callback takes that state once, only in the browser
that began it, within :data:`~essaykit.comments.signins.FLOW_MINUTES` minutes; a forged, replayed,
expired or other browser's state, a refused code, a wrong nonce, an ID token for another client or a
``me`` on another site gets a page that says so and signs nobody in.
"""

from __future__ import annotations

import asyncio
import logging
import secrets

from ...db.signing import BadToken
from ...comments.signins import FLOW_MINUTES
from ...comments.statements import naive_utc
from ...errors import EssaykitError, RateLimited, SignInFailed
from ...mentions.fetch import FetchPolicy
from ..._web import render_site_page
from .client import session_of
from .request import ApiHandler
from .service import JSON_TYPE, ApiError
from .signin import finish_sign_in, safe_return

log = logging.getLogger("essaykit.api")

STATE = "signin state"
AGAIN = ("This sign-in cannot be finished: it was already used, is over {minutes} minutes old, or began in "
         "another browser. Sign in again from the comment form.")
_clients: dict = {}


class RoundTripHandler(ApiHandler):
    """What the four routes share: HTML answers (a browser's page, not JSON), the callback address, the
    signed state, and refusals as pages."""

    SUPPORTED_METHODS = ("GET", "POST", "OPTIONS")
    kind = ""

    def wants_json(self) -> bool:
        return JSON_TYPE in self.request.headers.get("Accept", "")

    def callback_url(self) -> str:
        return f"{self.api.policy.own(self.request)}{self.settings.get('base_url', '/')}api/signin/{self.kind}/callback"

    def client_id(self) -> str:
        return f"{self.api.policy.own(self.request)}{self.settings.get('base_url', '/')}"

    def policy(self) -> FetchPolicy:
        config = self.api.sign_in
        return FetchPolicy(allow_private=bool(config and config.allow_private),
                           user_agent="essaykit-signin (IndieAuth client)")

    async def guarded(self, work) -> None:
        try:
            await work()
        except ApiError as error:
            if not self.answered:
                self._refuse(error)
        except SignInFailed as exc:
            log.info("a %s sign-in failed: %s", self.kind, exc)
            if not self.answered:
                self._refuse(ApiError(400, str(exc)))
        except EssaykitError as exc:
            log.error("%s sign-in: %s", self.kind, exc)
            if not self.answered:
                self._refuse(ApiError(503, "Sorry, signing in did not work just now. Please try again in a minute."))

    def send_off(self, url: str, name: str) -> None:
        """Send the reader to ``url`` (their sign-in server) by a page, not a redirect: the pages' CSP
        (``form-action 'self'``) stops a form's redirect to another site."""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self._page_policy()
        self.finish(render_site_page("signin-continue.html.j2", url=url, where=name))

    def begin(self, values: dict, **kept: str) -> str:
        """Record the round trip for this browser; the signed ``state`` to send along."""
        return_to = safe_return(self, values.get("return")) or ""
        visitor = self.visitor()
        store = self.api.store
        keys = store.sender(client=visitor.address)
        try:
            with store.writing() as conn:
                token = store.begin_flow(conn, self.kind, session=visitor.session, address_hash=keys.address_hash,
                                         network=keys.network, moment=naive_utc(None), return_to=return_to, **kept)
        except RateLimited as exc:
            raise ApiError(429, str(exc), None, retry_after=exc.retry_after) from None
        return self.api.sessions.sign(STATE, token)

    def take(self):
        """The round trip this callback's ``state`` names, used now; SignInFailed for anything else."""
        error = self.query_one("error")
        try:
            token = self.api.sessions.unsign(STATE, self.query_one("state"), max_age=FLOW_MINUTES * 60).payload
        except BadToken:
            raise SignInFailed("This sign-in's state is not one this site made (forged, cut short or expired). "
                               "Sign in again from the comment form.") from None
        flow = self.api.store.take_flow(token, self.kind, session=session_of(self, self.api) or "")
        if flow is None:
            raise SignInFailed(AGAIN.format(minutes=FLOW_MINUTES))
        if error:
            raise SignInFailed(f"The sign-in was not completed ({error[:100]}). Sign in again from the comment form.")
        return flow

    async def post(self, callback: str = "") -> None:
        async def work() -> None:
            self.require_origin()
            await self.start(self.fields())

        await self.guarded(work)

    async def get(self, callback: str = "") -> None:
        async def work() -> None:
            if not callback:
                raise ApiError(405, "start signing in with a POST from the comment form", None)
            self.offered()  # before the state is taken: a site offering no such sign-in uses up nothing
            flow = self.take()
            identity = await self.identity(flow)
            self._page_policy()  # the redirect's body is a page too
            finish_sign_in(self, self.api, identity, flow.return_to)

        await self.guarded(work)

    def offered(self) -> None:
        """ApiError when this site offers no sign-in of this kind."""

    async def start(self, values: dict) -> None:
        """Begin the round trip for the form's ``values``: record it and send the reader off."""
        raise NotImplementedError

    async def identity(self, flow):
        """The verified identity the callback's code gives for ``flow`` (SignInFailed otherwise)."""
        raise NotImplementedError


class OidcHandler(RoundTripHandler):
    """``POST /api/signin/oidc`` starts; ``GET /api/signin/oidc/callback`` finishes."""

    kind = "oidc"

    def client(self):
        provider = self.api.sign_in.oidc if self.api.sign_in else None
        if provider is None:
            raise ApiError(404, "this site offers no sign-in provider; sign in another way", None)
        if provider not in _clients:
            # Here, not at the top: Authlib's httpx client and joserfc cost ~0.4 s to import (-X importtime),
            # which a server without a provider never needs.
            from ...signin.oidc import OidcClient

            _clients[provider] = OidcClient(provider)
        return _clients[provider]

    def offered(self) -> None:
        self.client()

    async def start(self, values: dict) -> None:
        client = self.client()
        nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(48)
        state = self.begin(values, nonce=nonce, verifier=verifier)
        self.send_off(await client.authorization_url(self.callback_url(), state=state, nonce=nonce,
                                                     verifier=verifier), client.provider.name)

    async def identity(self, flow):
        return await self.client().identity(self.query_one("code"), redirect_uri=self.callback_url(),
                                            nonce=flow.nonce, verifier=flow.verifier)


class IndieAuthHandler(RoundTripHandler):
    """``POST /api/signin/indieauth`` (``me``) starts; ``GET /api/signin/indieauth/callback`` finishes."""

    kind = "indieauth"

    async def start(self, values: dict) -> None:
        from ...signin import indieauth

        me = indieauth.profile_url(values.get("me"))
        # The safe fetcher blocks (http.client): off the event loop, bounded by its own deadline.
        found = await asyncio.to_thread(indieauth.discover, me, self.policy())
        verifier = secrets.token_urlsafe(48)
        state = self.begin(values, me=me, endpoint=found.authorization_endpoint, issuer=found.issuer,
                           verifier=verifier)
        self.send_off(indieauth.authorization_url(found, me=me, client_id=self.client_id(),
                                                  redirect_uri=self.callback_url(), state=state,
                                                  verifier=verifier), "your website")

    async def identity(self, flow):
        from ...signin import indieauth

        indieauth.check_issuer(self.query_one("iss"), flow.issuer)
        answer = await asyncio.to_thread(indieauth.redeem, flow.endpoint, self.query_one("code"),
                                         client_id=self.client_id(), redirect_uri=self.callback_url(),
                                         verifier=flow.verifier, policy=self.policy())
        return await asyncio.to_thread(indieauth.verified, answer, typed=flow.me, endpoint=flow.endpoint,
                                       policy=self.policy())
