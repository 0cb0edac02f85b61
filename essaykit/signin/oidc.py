"""Signing in with the host's OpenID Connect provider, through Authlib's client (its httpx integration).

    client = OidcClient(provider)                        # essaykit.signin.config.OidcProvider
    url = await client.authorization_url(redirect_uri, state=state, nonce=nonce, verifier=verifier)
    identity = await client.identity(code, redirect_uri=redirect_uri, nonce=nonce, verifier=verifier)

Discovery reads ``ISSUER/.well-known/openid-configuration`` and refuses a document that names another
issuer. The caller makes ``state`` (signed, single-use: :mod:`essaykit.live.api.signin_oauth`), the nonce
and the PKCE verifier (S256) and keeps them for the callback. The code is exchanged at the token endpoint
with the verifier; the ID token's signature (the provider's JWKS), ``iss``, ``aud`` (this client),
``exp``, ``iat``, ``nonce`` and ``at_hash`` are checked by Authlib's :class:`~authlib.oidc.core.CodeIDToken`,
every one of them required (Authlib checks ``aud`` only when told what it must be).
"""

from __future__ import annotations

import httpx
from authlib.integrations.base_client import BaseApp, OAuthError
from authlib.integrations.base_client.async_app import AsyncOAuth2Mixin
from authlib.integrations.base_client.async_openid import AsyncOpenIDMixin
from authlib.integrations.httpx_client import AsyncOAuth2Client
from joserfc.errors import JoseError

from ..comments import fields
from ..comments.signins import Identity
from ..errors import CommentError, SignInFailed

SCOPE = "openid profile email"
#: Seconds any one exchange with the provider may take.
TIMEOUT = 10.0


class _Provider(AsyncOAuth2Mixin, AsyncOpenIDMixin, BaseApp):
    """Authlib's OAuth 2 / OpenID Connect client app, as its framework integrations build theirs."""

    client_cls = AsyncOAuth2Client


class OidcClient:
    """The client of one provider (discovery and keys are fetched once and kept)."""

    def __init__(self, provider):
        self.provider = provider
        self._app = _Provider(
            framework=None, name="oidc", client_id=provider.client_id, client_secret=provider.client_secret or None,
            server_metadata_url=f"{provider.issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "timeout": TIMEOUT,
                           # A public client (no secret) is protected by PKCE alone.
                           "token_endpoint_auth_method": "client_secret_basic" if provider.client_secret
                           else "none"})

    async def _metadata(self) -> dict:
        try:
            metadata = await self._app.load_server_metadata()
        except (httpx.HTTPError, ValueError) as exc:
            raise SignInFailed(f"{self.provider.name} could not be reached to sign in ({exc}); try again later") \
                from None
        if metadata.get("issuer") != self.provider.issuer:
            raise SignInFailed(f"{self.provider.name}'s discovery document names the issuer "
                               f"{metadata.get('issuer')!r}, not {self.provider.issuer!r}; the site's owner must "
                               "fix --oidc-issuer")
        return metadata

    async def authorization_url(self, redirect_uri: str, *, state: str, nonce: str, verifier: str) -> str:
        """Where to send the reader: the provider's authorization endpoint with state, nonce and PKCE."""
        await self._metadata()
        found = await self._app.create_authorization_url(redirect_uri, state=state, nonce=nonce,
                                                         code_verifier=verifier)
        return found["url"]

    async def identity(self, code: object, *, redirect_uri: str, nonce: str, verifier: str) -> Identity:
        """Exchange ``code`` and check the ID token; the verified identity. SignInFailed otherwise."""
        if not isinstance(code, str) or not code or len(code) > 2000:
            raise SignInFailed(f"{self.provider.name} sent no authorization code back; sign in again")
        await self._metadata()
        try:
            token = await self._app.fetch_access_token(redirect_uri=redirect_uri, code=code, code_verifier=verifier)
            # The options name every claim that must be there and what it must say: without "aud" here,
            # Authlib accepts an ID token made for another client (tests/live/test_signin_http.py).
            claims = await self._app.parse_id_token(token, nonce=nonce, claims_options={
                "iss": {"essential": True, "values": [self.provider.issuer]},
                "aud": {"essential": True, "values": [self.provider.client_id]},
                "sub": {"essential": True}, "exp": {"essential": True}, "iat": {"essential": True},
                "nonce": {"essential": True, "values": [nonce]}})
        except OAuthError as exc:
            raise SignInFailed(f"{self.provider.name} refused the sign-in ({exc.error}); sign in again") from None
        except (JoseError, ValueError, KeyError) as exc:
            raise SignInFailed(f"{self.provider.name}'s answer did not prove who you are ({exc}); sign in again") \
                from None
        except httpx.HTTPError as exc:
            raise SignInFailed(f"{self.provider.name} could not be reached to sign in ({exc}); try again later") \
                from None
        if claims is None or not claims.get("sub"):
            raise SignInFailed(f"{self.provider.name} sent no ID token; sign in again")
        return Identity("oidc", f"{self.provider.issuer} {claims['sub']}", name=_shown_name(claims),
                        website=_website(claims),
                        email=fields.normalise_email(claims["email"]) if claims.get("email_verified") is True
                        and isinstance(claims.get("email"), str) else "")


def _shown_name(claims) -> str:
    for key in ("name", "preferred_username", "nickname"):
        try:
            return fields.clean_name(claims.get(key) or "")
        except CommentError:
            continue
    return "Reader"


def _website(claims) -> str:
    for key in ("website", "profile"):
        try:
            return fields.clean_url(claims.get(key) or "")
        except CommentError:
            continue
    return ""
