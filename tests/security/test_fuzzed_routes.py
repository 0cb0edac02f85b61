"""Attack: find any input that makes a route of ``essaykit serve`` answer 500.

Hypothesis generates requests for every route the server answers (the comment API, the Follow form,
kernels and their shutdown, mentions, mail links, the pages, the share page): fields the route knows
and some it does not, holding text with lone surrogates and control characters, huge and negative
numbers, floats, nulls, lists and objects, sent as JSON, as a form (with malformed percent escapes
too) or with a wrong content type. Every answer must be below 500: a refusal names what was wrong,
it never breaks. And every HTML answer, whatever the route or the input, carries the server's
Content-Security-Policy. Examples are bounded so a run takes seconds. The server sends mail (``MAIL``),
so the Follow form gets past "this site sends no email" to its fields.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from helpers.api_client import ESSAY
from helpers.security import Browser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MAIL = True
FIELDS = ["essay", "author", "email", "website", "body", "parent", "notify", "remember", "return", "value",
          "source", "target", "after", "page", "per_page", "scope", "act", "confirm", "_xsrf", "website_url",
          "ek_loaded"]
SLUGS = [ESSAY, "second-thoughts", "long-thread", "", "nope", "../etc"]

#: Stands for a JSON number of 4,301 digits (Python will not turn one into an int to dump it).
HUGE = "<a number of 4,301 digits>"

texts = st.one_of(st.sampled_from(SLUGS), st.text(max_size=40),
                  st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
                  st.sampled_from(["http://evil.example\\@127.0.0.1/", "javascript:alert(1)", "9" * 4301,
                                   "http://127.0.0.1:1/", "x@y", "\x00", "%ff"]))
scalars = st.one_of(texts, st.integers(min_value=-(10**30), max_value=10**30), st.floats(), st.booleans(), st.none(),
                    st.just(HUGE))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=3), max_leaves=6)
bodies = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), values, max_size=6)
# A comment with its fields filled in, one or more of them hostile: gets past "which essay?" to the store.
comments = st.fixed_dictionaries({"essay": st.just(ESSAY), "author": values, "email": values, "body": values,
                                  "website": values}, optional={"ek_loaded": values}) | \
    st.fixed_dictionaries({"essay": st.just(ESSAY), "value": values})

# The comment and rating routes take the most fields: they come up most often.
ROUTES = [("POST", "/api/comments")] * 4 + [("POST", "/api/ratings")] * 3 + [("POST", "/api/follow")] * 2 + [
    ("POST", "/webmention"), ("POST", "/pingback"), ("POST", "/essaykit/kernel"),
    ("POST", "/voila/api/shutdown/0a1b2c3d-0000-4000-8000-00000000abcd"), ("POST", "/essaykit/mail/confirm/abcdefghijkl"),
    ("POST", "/essaykit/mail/moderate/abc.def"), ("POST", "/essaykit/mail/unsubscribe/x"),
    ("POST", "/api/signin/email"), ("POST", "/api/signin/indieauth"), ("POST", "/api/signin/oidc"),
    ("POST", "/api/signout"), ("POST", "/essaykit/mail/signin/abc.def")]
GETS = ["/api/comments", "/api/ratings", "/api/counts", "/api/comments/timing", "/api/comments/form", "/api/comments/mine",
        "/webmention/status/abcdefghijkl",
        "/healthz",
        "/essaykit/mail/confirm/abcdefghijkl", "/essaykit/mail/moderate/abc.def", "/essaykit/mail/unsubscribe/x",
        "/voila/render/the-salt-road.ipynb", "/voila/render/missing.ipynb", "/", "/essaykit/share/mastodon",
        "/voila/files/nope.png", "/api/kernels/0a1b2c3d-0000-4000-8000-00000000abcd", "/no/such/page",
        "/signin", "/api/signin", "/api/signin/oidc/callback", "/api/signin/indieauth/callback",
        "/essaykit/mail/signin/abc.def"]


def as_json(data: dict) -> str:
    # ensure_ascii: lone surrogates travel as "\ud800" escapes, as a hostile client sends them.
    return json.dumps(data, ensure_ascii=True, default=str).replace(json.dumps(HUGE), "9" * 4301)


def as_form(data: dict) -> str:
    def one(value) -> str:
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        return quote(text, safe="", errors="surrogatepass")
    return "&".join(f"{one(k)}={one(v)}" for k, v in data.items())


def assert_answers(answer, what: str) -> None:
    assert answer.status < 500, f"{what} answered {answer.status}: {answer.text[:300]}"
    if answer.headers.get("content-type", "").startswith("text/html"):
        csp = answer.headers.get("content-security-policy", "")
        # The pages' policy names script-src; a page with no script at all allows none (default-src 'none').
        assert "script-src" in csp or "default-src 'none'" in csp, f"{what}: an HTML answer without a CSP ({csp!r})"


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(route=st.sampled_from(ROUTES), data=bodies | comments, kind=st.sampled_from(["json", "form", "text"]))
def test_no_post_answers_500(hostile_server, route, data, kind):
    method, path = route
    reader = Browser(hostile_server)
    body = {"json": as_json, "form": as_form, "text": as_form}[kind](data)
    content_type = {"json": "application/json", "form": "application/x-www-form-urlencoded",
                    "text": "text/xml"}[kind]
    answer = reader.request(method, path, body, {"Origin": hostile_server.url, "Content-Type": content_type})
    assert_answers(answer, f"{method} {path} with {kind} {body[:200]!r}")


@SETTINGS
@given(path=st.sampled_from(GETS), data=bodies)
def test_no_get_answers_500(hostile_server, path, data):
    answer = Browser(hostile_server).request("GET", f"{path}?{as_form(data)}")
    assert_answers(answer, f"GET {path}?{as_form(data)[:200]}")


@SETTINGS
@given(data=bodies | comments)
def test_no_plain_form_answers_500(hostile_server, data):
    # A reader without JavaScript: the answer is a page (the form again, or a redirect).
    reader = Browser(hostile_server)
    for path in ("/api/comments", "/api/ratings", "/api/follow"):
        answer = reader.request("POST", path, as_form(data), {
            "Origin": hostile_server.url, "Content-Type": "application/x-www-form-urlencoded",
            "Referer": hostile_server.url + "/"})
        assert_answers(answer, f"form POST {path} {as_form(data)[:200]!r}")
