"""Signing in with your website: IndieAuth (https://indieauth.spec.indieweb.org/), as a client.

    me = profile_url("ada.example")                            # "https://ada.example/"
    found = discover(me, policy)                               # its authorization endpoint
    url = authorization_url(found, me=me, client_id=…, redirect_uri=…, state=…, verifier=…)
    who = redeem(found.authorization_endpoint, code, …)        # {"me", "profile"} from the endpoint
    identity = verified(who, typed=me, endpoint=…, policy=…)   # the me checked

Every request to the reader's site and endpoint goes through the mentions' safe fetcher
(:func:`essaykit.mentions.fetch.fetch`: no private or loopback addresses unless the host allows them, a
deadline, a size cap). Discovery follows the spec's order: the ``indieauth-metadata`` link (HTTP ``Link``
header, then ``<link rel>``) and its JSON document, else the older ``authorization_endpoint`` links. The
client uses PKCE (S256), and the code is redeemed at the authorization endpoint (the profile-only flow).
The ``me`` it answers must be on the host the reader typed, and when it is another URL there, its own
discovery must name the same authorization endpoint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from ..comments import fields
from ..comments.signins import Identity
from ..errors import CommentError, SignInFailed
from ..mentions import linkheader
from ..mentions.fetch import FetchError, FetchPolicy, fetch
from ..mentions.urls import BadURL, check_http_url

JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class Endpoints:
    """What discovery found: the authorization endpoint, and the issuer when a metadata document named one."""

    authorization_endpoint: str
    issuer: str = ""


def profile_url(typed: object) -> str:
    """The reader's website as IndieAuth writes a profile URL: http(s), a host, a path ("/" at least), no
    fragment, user or password; "ada.example" means https://ada.example/. SignInFailed saying what to type."""
    text = typed.strip() if isinstance(typed, str) else ""
    if text and "://" not in text:
        text = "https://" + text
    try:
        url = check_http_url(text, what="website")
    except BadURL as exc:
        raise SignInFailed(f"Your website: {exc}") from None
    parts = urlsplit(url)
    if parts.fragment or parts.port == 0:
        raise SignInFailed("Your website: give your site's address without a #fragment, e.g. https://you.example/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _get(url: str, policy: FetchPolicy, *, types=("text/html", "application/xhtml+xml")):
    try:
        response = fetch(url, policy=policy, read_types=types + JSON_TYPES)
    except FetchError as exc:
        raise SignInFailed(f"{url} could not be read to sign you in: {exc}") from None
    if not 200 <= response.status < 300:
        raise SignInFailed(f"{url} answered HTTP {response.status}; check the address of your website")
    return response


def discover(me: str, policy: FetchPolicy) -> Endpoints:
    """The authorization endpoint of the profile URL ``me``; SignInFailed when it names none."""
    page = _get(me, policy)
    links = page.header_all("Link")
    metadata = linkheader.find_rel(links, "indieauth-metadata")
    older = linkheader.find_rel(links, "authorization_endpoint")
    if metadata is None and older is None and page.is_html and page.body:
        from ..mentions.html import parse_page, rel_endpoint

        soup = parse_page(page.text())
        metadata = rel_endpoint(soup, page.url, "indieauth-metadata", ("link",))
        older = rel_endpoint(soup, page.url, "authorization_endpoint", ("link",))
    if metadata is not None:
        document = _json(_get(urljoin(page.url, metadata), policy, types=JSON_TYPES), "its IndieAuth metadata")
        endpoint = document.get("authorization_endpoint")
        if isinstance(endpoint, str) and endpoint:
            return Endpoints(_absolute(page.url, endpoint), issuer=str(document.get("issuer") or ""))
    if older is not None:
        return Endpoints(_absolute(page.url, older))
    raise SignInFailed(f"{me} names no IndieAuth server (no indieauth-metadata or authorization_endpoint link); "
                       "sign in another way, or add one to your site")


def _absolute(page: str, found: str) -> str:
    try:
        return check_http_url(urljoin(page, found.strip()), what="authorization endpoint")
    except BadURL as exc:
        raise SignInFailed(f"your site's IndieAuth server cannot be used: {exc}") from None


def _json(response, what: str) -> dict:
    try:
        document = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document = None
    if not isinstance(document, dict):
        raise SignInFailed(f"{response.url} did not answer with {what} as a JSON object")
    return document


def authorization_url(found: Endpoints, *, me: str, client_id: str, redirect_uri: str, state: str,
                      verifier: str) -> str:
    """Where to send the reader: their authorization endpoint, asking for their profile, with PKCE (S256)."""
    return add_params_to_uri(found.authorization_endpoint, [
        ("response_type", "code"), ("client_id", client_id), ("redirect_uri", redirect_uri), ("state", state),
        ("code_challenge", create_s256_code_challenge(verifier)), ("code_challenge_method", "S256"),
        ("scope", "profile"), ("me", me)])


def check_issuer(iss: object, issuer: str) -> None:
    """The authorization response's ``iss`` against the issuer the reader's metadata named at discovery
    (IndieAuth's authorization response, RFC 9207): a response from another server is refused before its
    code is redeemed. Found through an ``authorization_endpoint`` link alone, a server names no issuer."""
    if issuer and iss != issuer:
        raise SignInFailed(f"the answer did not come from {issuer}, your website's IndieAuth server; sign in again")


def redeem(endpoint: str, code: object, *, client_id: str, redirect_uri: str, verifier: str,
           policy: FetchPolicy) -> dict:
    """Redeem ``code`` at the authorization endpoint (profile only): its JSON answer."""
    if not isinstance(code, str) or not code or len(code) > 2000:
        raise SignInFailed("your website's IndieAuth server sent no code back; sign in again")
    body = urlencode({"grant_type": "authorization_code", "code": code, "client_id": client_id,
                      "redirect_uri": redirect_uri, "code_verifier": verifier}).encode()
    try:
        response = fetch(endpoint, policy=policy, method="POST", body=body, follow_redirects=False,
                         read_types=JSON_TYPES, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                         "Accept": "application/json"})
    except FetchError as exc:
        raise SignInFailed(f"your website's IndieAuth server could not be reached: {exc}") from None
    if response.status != 200:
        raise SignInFailed(f"your website's IndieAuth server refused the sign-in (HTTP {response.status}); "
                           "sign in again")
    return _json(response, "the signed-in profile")


def verified(answer: dict, *, typed: str, endpoint: str, policy: FetchPolicy) -> Identity:
    """The identity ``answer`` proves: its ``me`` on the host the reader typed, and, when it is another URL
    there, one whose own discovery names the same authorization ``endpoint``. SignInFailed otherwise."""
    try:
        me = profile_url(answer.get("me"))
    except SignInFailed:
        raise SignInFailed("your website's IndieAuth server did not say which website you are; sign in again") \
            from None
    if urlsplit(me).hostname != urlsplit(typed).hostname:
        raise SignInFailed(f"your website's IndieAuth server vouched for {me}, which is not on "
                           f"{urlsplit(typed).hostname}, the site you typed; sign in again")
    if me != typed and discover(me, policy).authorization_endpoint != endpoint:
        raise SignInFailed(f"{me} names another IndieAuth server than the one that signed you in; sign in again")
    profile = answer.get("profile") if isinstance(answer.get("profile"), dict) else {}
    try:
        name = fields.clean_name(profile.get("name") or "")
    except CommentError:
        name = urlsplit(me).hostname or me
    return Identity("indieauth", me, name=name, website=me)
