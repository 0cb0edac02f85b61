"""A real OpenID Connect provider and a real IndieAuth server on loopback, for the sign-in tests.

Both are Authlib's provider side (``authlib.oauth2.AuthorizationServer`` with the authorization code
grant, PKCE required, and for OpenID Connect ``authlib.oidc.core.grants.OpenIDCode`` signing RS256 ID
tokens with a key made here) behind a small threaded ``wsgiref`` server, started in this process. There
is no login screen: the authorization endpoint consents at once for its one user, as a provider does
for a reader already signed in there.

``hostile`` turns one part of the next answers wrong, for the hostile cases: ``"nonce"`` (the ID token
carries another nonce), ``"aud"`` (an ID token for another client), ``"me"`` (IndieAuth vouches for a
``me`` on another host than the reader typed: ``localhost`` for ``127.0.0.1``), ``"iss"`` (the IndieAuth
server's answer names another issuer than its metadata, RFC 9207's ``iss``).

    with OAuthProviders() as servers:
        servers.issuer            # http://127.0.0.1:PORT (OpenID Connect)
        servers.website           # http://127.0.0.1:PORT2/ada/ (a reader's site, with its IndieAuth server)
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from socketserver import ThreadingMixIn
from urllib.parse import parse_qsl, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from authlib.oauth2 import AuthorizationServer, OAuth2Request
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.common.urls import add_params_to_uri
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "essaykit-test-site"
CLIENT_SECRET = "s3cret-for-tests"
USER = {"sub": "u-4242", "name": "Ada from the provider", "website": "https://ada.example/",
        "email": "ada@provider.example", "email_verified": True}


class _Threads(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Request(OAuth2Request):
    """A WSGI request as Authlib's provider reads one: its query and form fields are the payload."""

    def __init__(self, environ: dict, base: str):
        uri = base + environ.get("PATH_INFO", "") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        super().__init__(environ["REQUEST_METHOD"], uri, headers=headers)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self._form = dict(parse_qsl(environ["wsgi.input"].read(length).decode())) if length else {}
        self._args = dict(parse_qsl(environ.get("QUERY_STRING", "")))
        self.payload = BasicOAuth2Payload({**self._args, **self._form})

    @property
    def args(self):
        return self._args

    @property
    def form(self):
        return self._form


class _Client(ClientMixin):
    def __init__(self, client_id: str, secret: str, redirect_prefix: str):
        self.client_id, self.secret, self.redirect_prefix = client_id, secret, redirect_prefix

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri.startswith(self.redirect_prefix)

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method == ("client_secret_basic" if self.secret else "none")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class _Code(dict):
    """An issued authorization code and what its request said."""

    def get_redirect_uri(self):
        return self["redirect_uri"]

    def get_scope(self):
        return self["scope"]

    def get_nonce(self):
        return self.get("nonce")

    def get_auth_time(self):
        return self["auth_time"]

    def get_acr(self):
        return None

    def get_amr(self):
        return None

    @property
    def code_challenge(self):
        return self.get("code_challenge")

    @property
    def code_challenge_method(self):
        return self.get("code_challenge_method")


class _Server(AuthorizationServer):
    """Authlib's authorization server, with this module's clients, codes and WSGI answers."""

    def __init__(self, provider, clients):
        super().__init__()
        self.provider, self.clients = provider, clients

    def query_client(self, client_id):
        return self.clients(client_id)

    def save_token(self, token, request):
        self.provider.tokens.append(token)

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


def _grant(provider):
    class Grant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "none"]

        def save_authorization_code(self, code, request):
            data = request.payload.data
            provider.codes[code] = _Code(code=code, client_id=request.client.get_client_id(),
                                         redirect_uri=data.get("redirect_uri"), scope=data.get("scope", ""),
                                         nonce=data.get("nonce"), auth_time=int(time.time()),
                                         code_challenge=data.get("code_challenge"),
                                         code_challenge_method=data.get("code_challenge_method"))

        def query_authorization_code(self, code, client):
            found = provider.codes.get(code)
            return found if found and found["client_id"] == client.get_client_id() else None

        def delete_authorization_code(self, authorization_code):
            provider.codes.pop(authorization_code["code"], None)  # a code works once

        def authenticate_user(self, authorization_code):
            return USER

    return Grant


class _OpenIDCode(OpenIDCode):
    def __init__(self, provider):
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce, request):
        return False

    def resolve_client_private_key(self, client):
        return self.provider.key

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": self.provider.key.kid}

    def get_client_claims(self, client):
        claims = {"iss": self.provider.issuer, "aud": [client.get_client_id()], "exp": int(time.time()) + 300}
        if self.provider.hostile == "aud":  # made for another site (azp names ours, so only aud is wrong)
            claims.update(aud=["another-site"], azp=client.get_client_id())
        return claims

    def get_authorization_code_claims(self, authorization_code):
        claims = super().get_authorization_code_claims(authorization_code)
        if self.provider.hostile == "nonce":
            claims["nonce"] = "not-the-nonce-you-sent"
        return claims

    def generate_user_info(self, user, scope):
        return UserInfo(**user)


class OAuthProviders:
    """Both servers, started on loopback in this process; ``hostile`` is read by every answer."""

    def __init__(self):
        self.hostile = ""
        self.codes: dict = {}
        self.tokens: list = []
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self._servers = []

    def __enter__(self) -> OAuthProviders:
        self.issuer = self._serve(self._oidc_app)
        self.indie = self._serve(self._indie_app)
        self.website = f"{self.indie}/ada/"
        self.oidc_server = _Server(self, lambda cid: _Client(CLIENT_ID, CLIENT_SECRET, "http://")
                                   if cid == CLIENT_ID else None)
        self.oidc_server.register_grant(_grant(self), [CodeChallenge(required=True), _OpenIDCode(self)])
        self.oidc_server.register_token_generator("default", BearerTokenGenerator(
            lambda client, grant_type, user, scope: secrets.token_urlsafe(24)))
        # IndieAuth clients are not registered: a client id is the site's URL, and it must redirect there.
        self.indie_server = _Server(self, lambda cid: _Client(cid, "", cid) if cid.startswith("http") else None)
        self.indie_server.register_grant(_grant(self), [CodeChallenge(required=True)])
        self.indie_server.register_token_generator("default", self._profile)
        return self

    def __exit__(self, *exc) -> None:
        for server, thread in self._servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)

    def _serve(self, app) -> str:
        server = make_server("127.0.0.1", 0, app, server_class=_Threads, handler_class=_Quiet)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        self._servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    # --- the OpenID Connect provider --------------------------------------------------------

    def _oidc_app(self, environ, start_response):
        path = environ["PATH_INFO"]
        request = _Request(environ, self.issuer)
        if path == "/.well-known/openid-configuration":
            return _json(start_response, 200, {
                "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"]})
        if path == "/jwks":
            return _json(start_response, 200, KeySet([self.key]).as_dict(private=False))
        if path == "/authorize":
            return _answer(start_response, *self._consent(self.oidc_server, request))
        if path == "/token":
            return _answer(start_response, *self.oidc_server.create_token_response(request))
        return _json(start_response, 404, {"error": "not_found"})

    @staticmethod
    def _consent(server, request):
        grant = server.get_consent_grant(request, end_user=USER)
        return server.create_authorization_response(request, grant_user=USER, grant=grant)

    # --- the reader's website and its IndieAuth server -------------------------------------------

    def _indie_app(self, environ, start_response):
        path = environ["PATH_INFO"]
        request = _Request(environ, self.indie)
        if path == "/ada/":
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Link", f'<{self.indie}/.well-known/oauth-authorization-server>; '
                                               'rel="indieauth-metadata"')])
            return [b"<!doctype html><title>Ada</title><h1>Ada's site</h1>"]
        if path == "/.well-known/oauth-authorization-server":
            return _json(start_response, 200, {"issuer": f"{self.indie}/", "authorization_endpoint": f"{self.indie}/auth",
                                               "code_challenge_methods_supported": ["S256"]})
        if path == "/auth" and request.method == "GET":
            status, body, headers = self._consent(self.indie_server, request)
            # IndieAuth's authorization response names its issuer (RFC 9207's iss), as its metadata does.
            issuer = "https://evil.example/" if self.hostile == "iss" else f"{self.indie}/"
            headers = [(k, add_params_to_uri(v, [("iss", issuer)]) if k == "Location" else v) for k, v in headers]
            return _answer(start_response, status, body, headers)
        if path == "/auth":
            return _answer(start_response, *self.indie_server.create_token_response(request))
        return _json(start_response, 404, {"error": "not_found"})

    def _profile(self, grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True):
        """The IndieAuth profile answer (the code redeemed at the authorization endpoint)."""
        me = self.website.replace("127.0.0.1", "localhost") if self.hostile == "me" else self.website
        return {"me": me, "profile": {"name": "Ada of ada.example", "url": me}}


def _json(start_response, status: int, data: dict):
    return _answer(start_response, status, data, [])


def _answer(start_response, status: int, body, headers):
    text = json.dumps(body) if isinstance(body, dict) else (body or "")
    given = dict(headers or [])
    given.setdefault("Content-Type", "application/json")
    start_response(f"{status} {'OK' if status < 300 else 'Found' if status < 400 else 'Error'}", list(given.items()))
    return [text.encode()]
