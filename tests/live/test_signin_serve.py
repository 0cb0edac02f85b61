"""Signing in to comment against one real ``essaykit serve`` (no kernels), a real SMTP server, and a real
OpenID Connect provider and IndieAuth server built on Authlib's provider side (helpers.oauth_providers):
the three ways in, end to end, and the hostile cases (a forged state, a replayed code, a wrong nonce, an ID
token for another client, a state finished in another browser, an expired or reused email link, an
IndieAuth ``me`` on another host, open redirects through ``return``, editing someone else's comment)."""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import time
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from helpers.api_client import ESSAY, random_client, write_site
from helpers.oauth_providers import CLIENT_ID, CLIENT_SECRET, USER, OAuthProviders
from helpers.servers import serve_essaykit, stop_process
from helpers.smtp import MailServer, link_in, mail_to, text_of

pytestmark = pytest.mark.slow
PAGE = "/voila/render/the-salt-road.ipynb"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


@pytest.fixture(scope="module")
def providers():
    with OAuthProviders() as servers:
        yield servers


@pytest.fixture(scope="module")
def mail():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served(tmp_path_factory, providers, mail):
    folder = write_site(tmp_path_factory.mktemp("signin") / "site")
    db = f"sqlite:///{folder.parent / 'comments.sqlite'}"
    server = serve_essaykit(folder, log=folder.parent / "serve.log", db=db, warm_kernels=0, args=[
        "--forwarded-allow-ips", "127.0.0.1", "--smtp", mail.url(), "--mail-from", "Film notes <blog@example.org>",
        "--mail-every", "0.2", "--allow-private-sources", "--allow-origin", "http://static.example",
        "--oidc-issuer", providers.issuer, "--oidc-client-id", CLIENT_ID, "--oidc-name", "Test ID"],
        env={"ESSAYKIT_MODERATION": str(folder / "rules.json"), "ESSAYKIT_OIDC_CLIENT_SECRET": CLIENT_SECRET})
    server.db = db
    yield server
    stop_process(server.proc)


class Browser:
    """Cookies per host and port, redirects followed by hand (so every hop can be checked), one client
    address per browser."""

    def __init__(self, served):
        self.served, self.jar, self.address = served, {}, random_client()

    def request(self, method: str, url: str, form: dict | None = None, *, origin: bool = True, follow: bool = True):
        """The answers along the way: (status, url, headers, body) of each hop."""
        hops = []
        for _ in range(10):
            parts = urlsplit(url)
            key = (parts.hostname, parts.port)
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.jar.get(key, {}).items()),
                       "X-Forwarded-For": self.address}
            body = None
            if method == "POST":
                body = urlencode(form or {}).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                if origin:
                    headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            try:
                conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, headers)
                resp = conn.getresponse()
                got = (resp.status, url, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode())
                for name, value in resp.getheaders():
                    if name.lower() == "set-cookie":
                        pair = value.split(";")[0].split("=", 1)
                        cookies = self.jar.setdefault(key, {})
                        if "max-age=0" in value.lower() or not pair[1]:
                            cookies.pop(pair[0], None)
                        else:
                            cookies[pair[0]] = pair[1]
            finally:
                conn.close()
            hops.append(got)
            location = got[2].get("location")
            refresh = REFRESH.search(got[3]) if got[0] == 200 else None
            if refresh:  # the sign-in's step to another site: a page, as the CSP stops a form's redirect
                location = html.unescape(refresh.group(1))
            elif got[0] not in (302, 303):
                location = None
            if not follow or not location:
                return hops
            url, method = urljoin(url, location), "GET"
        raise AssertionError(f"too many redirects: {[h[:2] for h in hops]}")

    def signed_in(self) -> dict:
        return json.loads(self.request("GET", f"{self.served.url}/api/signin")[-1][3])

    def comment(self, body: str, **fields) -> dict:
        hops = self.request("POST", f"{self.served.url}/api/comments",
                            {"essay": ESSAY, "author": "Typed Name", "email": "typed@example.org", "body": body,
                             "return": PAGE, **fields}, follow=False)
        assert hops[0][0] == 303, hops[0]
        from essaykit.comments.store import CommentStore

        with CommentStore.open(self.served.db) as store:
            return next(c.record() for c in store.list(ESSAY) if c.body == body)


def ask_link(served, mail, browser, email: str, name: str = "Ada") -> str:
    hops = browser.request("POST", f"{served.url}/api/signin/email", {"email": email, "name": name, "return": PAGE},
                           follow=False)
    assert hops[0][0] == 303 and hops[0][2]["location"] == f"{PAGE}#ek-signin-sent", hops[0]
    (message,) = mail_to(mail, email, "Sign in to comment on Film notes")
    return urlsplit(link_in(text_of(message), "press the button:")).path


def test_an_email_link_signs_this_browser_in_once(served, mail):
    email = f"s{os.urandom(4).hex()}@example.org"
    reader = Browser(served)
    path = ask_link(served, mail, reader, email)
    shown = reader.request("GET", f"{served.url}{path}")[-1]
    assert shown[0] == 200 and email in shown[3] and "Sign in" in shown[3], "a GET only shows the button"
    assert reader.signed_in() == {"signed_in": False}, "a mail scanner's GET signs nobody in"
    foreign = reader.request("POST", f"{served.url}{path}", {"do": "signin"}, origin=False, follow=False)[0]
    assert foreign[0] == 403, "another site's page cannot post the button for the reader"
    done = reader.request("POST", f"{served.url}{path}", {"do": "signin"}, follow=False)[0]
    assert done[0] == 303 and done[2]["location"] == f"{PAGE}#ek-cf", "back to the form it began on"
    assert reader.signed_in() == {"signed_in": True, "verified": "email", "name": "Ada", "website": ""}
    record = reader.comment("Signed in by email.")
    assert (record["author"], record["email"], record["identity"]) == ("Ada", email, f"email:{email}"), \
        "the verified address and name, never what the form typed"
    again = Browser(served).request("POST", f"{served.url}{path}", {"do": "signin"}, follow=False)[0]
    assert again[0] == 410 and "works once" in again[3], "a link used twice signs nobody else in"

    from essaykit.comments.sessions import Sessions
    from essaykit.comments.statements import naive_utc
    from essaykit.comments.store import CommentStore
    from essaykit.mail.links import PREFIX

    with CommentStore.open(served.db) as store:
        with store.writing() as conn:
            token = store.begin_flow(conn, "email", session="", address_hash="x", network="y",
                                     moment=naive_utc(None), email_key=email)
        signed_long_ago = Sessions.for_store(store).sign("signin", token, now=time.time() - 31 * 60)
    old = f"/{PREFIX}/signin/{signed_long_ago}"
    late = Browser(served).request("GET", f"{served.url}{old}")[0]
    assert late[0] == 410 and "expired" in late[3], "a link is good for 30 minutes"

    out = reader.request("POST", f"{served.url}/api/signout", {"return": PAGE}, follow=False)[0]
    assert out[0] == 303 and reader.signed_in() == {"signed_in": False}, "signing out forgets it"


def oidc_begin(served, browser) -> str:
    """Start an OpenID Connect sign-in; the provider's redirect back to the callback (not followed)."""
    step = browser.request("POST", f"{served.url}/api/signin/oidc", {"return": PAGE}, follow=False)[0]
    to_provider = html.unescape(REFRESH.search(step[3]).group(1))
    assert step[0] == 200 and urlsplit(to_provider).path == "/authorize", step
    sent = dict(parse_qsl(urlsplit(to_provider).query))
    assert sent["code_challenge_method"] == "S256" and sent["nonce"] and sent["state"], "PKCE, nonce and state"
    back = browser.request("GET", to_provider, follow=False)[0]
    assert back[0] == 302, back
    return back[2]["location"]


def finish(browser, callback: str):
    return browser.request("GET", callback, follow=False)[0]


def test_openid_connect_round_trip_and_its_hostile_cases(served, providers):
    reader = Browser(served)
    callback = oidc_begin(served, reader)
    query = dict(parse_qsl(urlsplit(callback).query))
    assert set(query) >= {"code", "state"}
    done = finish(reader, callback)
    assert done[0] == 303 and done[2]["location"] == f"{PAGE}#ek-cf", done
    assert reader.signed_in() == {"signed_in": True, "verified": "oidc", "name": USER["name"],
                                  "website": USER["website"]}
    record = reader.comment("Signed in with the provider.")
    assert record["identity"] == f"oidc:{providers.issuer} {USER['sub']}" and record["email"] == USER["email"]
    assert finish(reader, callback)[0] == 400, "a state works once"

    forged = finish(reader, f"{served.url}/api/signin/oidc/callback?" + urlencode({"code": query["code"],
                                                                                    "state": "made.up.state"}))
    assert forged[0] == 400 and "not one this site made" in forged[3]
    fresh = dict(parse_qsl(urlsplit(oidc_begin(served, reader)).query))
    replayed = finish(reader, f"{served.url}/api/signin/oidc/callback?" + urlencode({"code": query["code"],
                                                                                      "state": fresh["state"]}))
    assert replayed[0] == 400 and "refused" in replayed[3], "a code is redeemed once, at the provider"
    elsewhere = oidc_begin(served, reader)
    assert finish(Browser(served), elsewhere)[0] == 400, "a sign-in finishes only in the browser that began it"
    for wrong, why in (("nonce", "nonce"), ("aud", "aud")):
        providers.hostile = wrong
        try:
            answer = finish(reader, oidc_begin(served, reader))
        finally:
            providers.hostile = ""
        assert answer[0] == 400 and why in answer[3], (wrong, answer[3][:300])
    assert reader.signed_in()["verified"] == "oidc", "a failed sign-in changes nothing"


def test_indieauth_round_trip_and_a_me_on_another_host(served, providers):
    reader = Browser(served)
    hops = reader.request("POST", f"{served.url}/api/signin/indieauth", {"me": providers.website, "return": PAGE})
    assert hops[-1][0] == 200 and urlsplit(hops[-1][1]).path == PAGE, [h[:2] for h in hops]
    assert reader.signed_in() == {"signed_in": True, "verified": "indieauth", "name": "Ada of ada.example",
                                  "website": providers.website}
    # IndieAuth vouches for a me on another host; then its answer names another issuer than the reader's
    # metadata (RFC 9207's iss). Neither signs anybody in.
    for hostile, refusal in (("me", "not on 127.0.0.1"), ("iss", "did not come from")):
        providers.hostile = hostile
        try:
            stranger = Browser(served)
            hops = stranger.request("POST", f"{served.url}/api/signin/indieauth", {"me": providers.website})
        finally:
            providers.hostile = ""
        assert hops[-1][0] == 400 and refusal in hops[-1][3], (hostile, hops[-1][3][:300])
        assert stranger.signed_in() == {"signed_in": False}
    nothing = Browser(served).request("POST", f"{served.url}/api/signin/indieauth", {"me": f"{served.url}/"})
    assert nothing[-1][0] == 400 and "names no IndieAuth server" in nothing[-1][3]


@pytest.mark.parametrize("target", [
    "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "%2F%2Fevil.example",
    "/\t/evil.example", "http://127.0.0.1@evil.example/", "https:evil.example", "\\\\evil.example",
])
def test_return_never_leaves_the_site(served, target):
    hops = Browser(served).request("POST", f"{served.url}/api/signin/email",
                                   {"email": "nobody@example.org", "return": target}, follow=False)
    location = hops[0][2]["location"]
    assert hops[0][0] == 303 and location.startswith("/") and not location.startswith(("//", "/\\")), location


def test_a_static_page_signs_in_on_the_servers_page_and_comes_back_to_it(served):
    static = "http://static.example/essays/the-salt-road.html"
    reader = Browser(served)
    offered = reader.request("GET", f"{served.url}/signin?" + urlencode({"return": static}))[-1]
    assert offered[0] == 200 and f'name="return" value="{static}"' in offered[3]
    assert "Sign in with Test ID" in offered[3] and "Sign in with your website" in offered[3]
    to_provider = REFRESH.search(reader.request("POST", f"{served.url}/api/signin/oidc", {"return": static},
                                                follow=False)[0][3]).group(1)
    callback = reader.request("GET", html.unescape(to_provider), follow=False)[0][2]["location"]
    back = finish(reader, callback)
    assert back[0] == 303 and back[2]["location"] == f"{static}#ek-cf", "the round trip ends on the static page"


def test_return_may_name_this_server_or_a_listed_static_site(served):
    for target in (f"{served.url}{PAGE}", "http://static.example/essays/salt.html", f"{PAGE}?x=1"):
        hops = Browser(served).request("POST", f"{served.url}/api/signin/email",
                                       {"email": "nobody@example.org", "return": target}, follow=False)
        assert hops[0][2]["location"] == f"{target}#ek-signin-sent"


def test_a_signed_in_reader_cannot_edit_someone_elses_comment_and_the_forms_say_what_is_stored(served, providers):
    other = Browser(served).comment("Someone else's words.")
    reader = Browser(served)
    reader.request("POST", f"{served.url}/api/signin/indieauth", {"me": providers.website})
    assert reader.signed_in()["signed_in"]
    tried = reader.request("POST", f"{served.url}/api/comments/{other['id']}",
                           {"action": "edit", "body": "Mine now.", "essay": ESSAY}, follow=False)[0]
    assert tried[0] == 403
    page = reader.request("GET", f"{served.url}{PAGE}")[-1][3]
    assert "Signed in as" in page and 'action="/api/signout"' in page and 'id="ek-cf-author"' not in page
    anonymous = Browser(served).request("GET", f"{served.url}{PAGE}")[-1][3]
    assert "Sign in with Test ID" in anonymous and "Email me a sign-in link" in anonymous
    assert 'id="ek-cf-author"' in anonymous, "the anonymous form stays the default"
    privacy = Browser(served).request("GET", f"{served.url}/privacy")[-1][3]
    assert "Signing in" in privacy and "Test ID (OpenID Connect" in privacy


# --- in Chromium: one round trip without JavaScript, one with ------------------------------------------


@pytest.mark.browser
def test_without_javascript_a_reader_signs_in_with_the_provider_and_comments(browser, served, tmp_path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 900, "height": 1400},
                                  extra_http_headers={"X-Forwarded-For": random_client()})
    try:
        page = context.new_page()
        page.goto(f"{served.url}{PAGE}")
        page.click("#ek-signin summary")
        page.screenshot(path=str(tmp_path / "signin-offered.png"), full_page=False,
                        clip=page.locator("#ek-signin").bounding_box())
        page.click("text=Sign in with Test ID")
        page.wait_for_url(f"**{PAGE}#ek-cf")
        assert "Signed in as Ada from the provider" in page.locator("#ek-signin").inner_text()
        assert page.locator("#ek-cf-author").count() == 0, "the verified name replaces the name fields"
        page.screenshot(path=str(tmp_path / "signin-done.png"))
        page.fill("#ek-cf-body", "Without JavaScript, signed in.")
        page.click(".ek-comment-form__submit")
        page.wait_for_url("**#ek-comment-pending")
        mine = page.locator(".ek-comments__list--mine .ek-comment").inner_text()
        assert "awaiting moderation" in mine, "an identity's first comment waits for the author"
        assert "Ada from the provider" in mine and "verified" in mine, "under the verified name, marked verified"
        page.click("#ek-signin button")
        page.wait_for_url(f"**{PAGE}#ek-cf")
        assert page.locator("#ek-cf-author").is_visible(), "signed out: the anonymous form again"
    finally:
        context.close()
    print("screenshots:", tmp_path)


@pytest.mark.browser
def test_with_javascript_a_reader_signs_in_by_email_link(browser, served, mail):
    email = f"js{os.urandom(4).hex()}@example.org"
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": random_client()})  # its own flood limits
    try:
        page = context.new_page()
        page.goto(f"{served.url}{PAGE}")
        page.click("#ek-signin summary")
        page.fill("#ek-signin-email", email)
        page.fill("#ek-signin-name", "Grace")
        page.click("text=Email me a sign-in link")
        page.wait_for_url("**#ek-signin-sent")
        assert page.locator("#ek-signin-sent").is_visible(), "the same answer whatever the address"
        (message,) = mail_to(mail, email, "Sign in to comment on Film notes")
        page.goto(link_in(text_of(message), "press the button:"))
        page.click("button:has-text('Sign in')")
        page.wait_for_url(f"**{PAGE}#ek-cf")
        assert "Signed in as Grace" in page.locator("#ek-signin").inner_text()
        page.fill("#ek-cf-body", "With JavaScript, signed in by email.")
        page.click(".ek-comment-form__submit")
        page.locator(".ek-comment-form__status", has_text="awaiting moderation").wait_for()
    finally:
        context.close()
