"""The comment API of a real `essaykit serve`, over raw HTTP: routes, fields, statuses, caching,
origins and CORS, cookies, and every kind of bad input (nothing stored, the server keeps serving)."""

from __future__ import annotations

import http.client
import json
import re
import socket

import pytest
from helpers.api_client import (ESSAY, LONG, OTHER, Answer, active_content, call, comment, kernel_processes,
                                load_seconds_of, post_form, post_json, start_site, stored, write_site)
from helpers.comment_payloads import PAYLOADS
from helpers.servers import stop_process

pytestmark = pytest.mark.slow
FOREIGN = "http://evil.example"
LISTED = "http://127.0.0.1:9"  # a static site on another port: another origin


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    server = start_site(tmp_path_factory, "api", "--allow-origin", LISTED + "/")
    server.kernels_at_start = len(kernel_processes(server))
    yield server
    stop_process(server.proc)


def approve(db: str, *ids: str) -> None:
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        store.set_status(list(ids), "approved", by="test")


def count(db: str) -> int:
    return len(stored(db))


# --- GET /api/comments -------------------------------------------------------------------------


def test_posted_comment_waits_then_appears_with_exactly_the_public_fields(api):
    posted = post_json(api, "/api/comments", comment(author="Ada", email="ada-secret@example.org",
                                                     website="ada.example", body="The *mule* scene."))
    assert posted.status == 202, posted
    answer = posted.json
    assert answer["status"] == "pending" and answer["notice"] == "Your comment is awaiting moderation."
    assert re.fullmatch(r"[0-9a-f]{12}", answer["id"])
    listed = call(api, "GET", f"/api/comments?essay={ESSAY}")
    assert listed.status == 200 and answer["id"] not in listed.text, "pending comments are not public"

    approve(api.db, answer["id"])
    page = call(api, "GET", f"/api/comments?essay={ESSAY}").json
    assert set(page) >= {"essay", "total", "page", "per_page", "items"} and page["essay"] == ESSAY
    [item] = [i for i in page["items"] if i["id"] == answer["id"]]
    assert set(item) == {"id", "parent", "depth", "author", "website", "body_html", "created", "kind", "avatar",
                         "by_author", "edited", "verified"}
    assert item["author"] == "Ada" and item["website"] == "https://ada.example"
    assert item["body_html"] == "<p>The <em>mule</em> scene.</p>\n" and item["kind"] == "comment"
    assert item["parent"] is None and item["depth"] == 0 and item["created"].endswith("Z")
    assert item["avatar"].startswith("data:image/svg+xml;base64,"), "the identicon is drawn here"
    text = call(api, "GET", f"/api/comments?essay={ESSAY}").text
    assert "ada-secret" not in text and "session" not in text, "never an email or a session"


def test_get_is_cacheable_and_revalidates(api):
    first = call(api, "GET", f"/api/comments?essay={OTHER}")
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert "public" in first.headers["cache-control"] and "max-age=" in first.headers["cache-control"]
    again = call(api, "GET", f"/api/comments?essay={OTHER}", headers={"If-None-Match": etag})
    assert again.status == 304 and again.body == b"", "an unchanged thread is not sent again"
    posted = post_json(api, "/api/comments", comment(OTHER)).json
    approve(api.db, posted["id"])
    changed = call(api, "GET", f"/api/comments?essay={OTHER}", headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["etag"] != etag and posted["id"] in changed.text


def test_pages_by_key_page_numbers_and_cursors_agree(api):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(api.db) as store:
        report = store.import_records([{
            "id": f"long-{i:03d}", "essay": LONG, "parent": f"long-{i - 1:03d}" if i % 10 == 9 else None,
            "author": f"Reader {i}", "email": f"r{i}@example.org", "body": f"Comment number {i}.",
            "created": f"2026-02-01T10:{i // 60:02d}:{i % 60:02d}Z", "status": "approved",
        } for i in range(130)])
        assert not report.failed, report.errors
        expected = [c.id for c in store.thread(LONG, per_page=500).items]
    numbered, cursor_walk = [], []
    for n in (1, 2, 3):
        page = call(api, "GET", f"/api/comments?essay={LONG}&page={n}&per_page=50").json
        assert page["page"] == n and page["per_page"] == 50 and page["total"] == 130
        numbered += [i["id"] for i in page["items"]]
    assert call(api, "GET", f"/api/comments?essay={LONG}&page=4&per_page=50").json["items"] == []
    after = None
    while True:
        query = f"&after={after}" if after else ""
        page = call(api, "GET", f"/api/comments?essay={LONG}&per_page=50{query}").json
        cursor_walk += [i["id"] for i in page["items"]]
        after = page["next"]
        if not after:
            break
    assert numbered == cursor_walk == expected, "page=N, the next cursor and the store's thread order agree"
    reply = call(api, "GET", f"/api/comments?essay={LONG}&page=1&per_page=50").json["items"]
    nested = next(i for i in reply if i["id"] == "long-009")
    assert nested["parent"] == "long-008" and nested["depth"] == 1, "a reply follows its parent, one level in"


@pytest.mark.parametrize("query,field", [
    ("", "essay"), ("essay=", "essay"), ("essay=nope", "essay"), ("essay=..%2Fetc", "essay"),
    (f"essay={ESSAY}&page=0", "page"), (f"essay={ESSAY}&page=x", "page"), (f"essay={ESSAY}&per_page=501", "per_page"),
    (f"essay={ESSAY}&per_page=-1", "per_page"), (f"essay={ESSAY}&after=not-a-cursor", "after"),
    (f"essay={ESSAY}&after=%FF%FE", "after"), ("essay=%FF", "essay"),
])
def test_bad_queries_get_a_one_line_answer(api, query, field):
    answer = call(api, "GET", f"/api/comments?{query}")
    assert answer.status in (400, 404), answer
    assert answer.json["field"] == field and "\n" not in answer.json["message"]


# --- POST /api/comments ------------------------------------------------------------------------


def test_every_problem_is_named_at_its_field_at_once(api):
    before = count(api.db)
    answer = post_json(api, "/api/comments", {"essay": ESSAY, "author": "", "email": "nope", "website": "ftp://x",
                                              "body": ""})
    assert answer.status == 400
    fields = [e["field"] for e in answer.json["errors"]]
    assert fields == ["author", "email", "website", "body"], answer.json
    assert answer.json["field"] == "author" and answer.json["message"].startswith("Name: ")
    assert count(api.db) == before


def test_reader_posting_again_too_soon_gets_429(api):
    first = post_json(api, "/api/comments", comment())
    assert first.status == 202
    cookie = first.cookie("essaykit_reader")
    again = post_json(api, "/api/comments", comment(), headers={"Cookie": f"essaykit_reader={cookie}"})
    assert again.status == 429 and again.headers.get("retry-after"), again
    assert again.json["field"] == "body" and "too fast" in again.json["message"]
    wait = re.search(r"wait (\d+) seconds?", again.json["message"]).group(1)
    assert again.headers["retry-after"] == wait, "Retry-After is the wait the message computes, not a fixed minute"


def test_form_post_goes_back_to_the_page_with_a_303(api):
    answer = post_form(api, "/api/comments", {**comment(), "return": f"{LISTED}/essays/salt.html?x=1#old"},
                       origin=LISTED)
    assert answer.status == 303, answer
    assert answer.headers["location"] == f"{LISTED}/essays/salt.html?x=1#ek-comment-pending"
    # A returning commenter (their browser holds the "approved before" token) is published: back at their comment.
    first = post_json(api, "/api/comments", comment(email="known@example.org")).json
    approve(api.db, first["id"])
    from essaykit.comments.store import CommentStore
    from essaykit.comments.trust import KNOWN_COOKIE, mint_known

    with CommentStore.open(api.db) as store:
        proof = {"Cookie": f"{KNOWN_COOKIE}={mint_known(store, 'known@example.org')}"}
    answer = post_form(api, "/api/comments", comment(email="known@example.org"),
                       headers={"Referer": f"{api.url}/", **proof})
    new_id = re.search(r"#ek-c-([0-9a-f]{12})$", answer.headers["location"])
    assert answer.status == 303 and new_id and answer.headers["location"].startswith(f"{api.url}/"), answer.headers
    assert any(c.id == new_id.group(1) and c.status == "approved" for c in stored(api.db))
    static = post_form(api, "/api/comments", {**comment(email="known@example.org"), "return": f"{LISTED}/s.html"},
                       origin=LISTED, headers=proof)
    assert static.headers["location"] == f"{LISTED}/s.html#ek-comment-published", \
        "a static page's snapshot cannot show the new comment: it shows the published notice"


def test_form_never_redirects_to_a_foreign_site(api):
    answer = post_form(api, "/api/comments", {**comment(), "return": "https://evil.example/phish"})
    assert answer.status == 303
    assert answer.headers["location"] == f"/voila/render/{ESSAY}.ipynb#ek-comment-pending", \
        "an unlisted return address falls back to the essay's own page here"
    refused = post_form(api, "/api/comments", comment(), origin=FOREIGN, headers={"Referer": f"{FOREIGN}/p"})
    assert refused.status == 403 and "text/html" in refused.headers["content-type"]
    assert "does not take posts from http://evil.example" in refused.text and FOREIGN not in refused.text.split(
        "does not take posts from")[0], "a one-line page, with no link back to the foreign page"


def test_form_error_is_the_form_again_refilled_with_every_field_marked(api):
    before = count(api.db)
    typed = {"essay": ESSAY, "author": 'Zoë "Z" <b>', "email": "zoe-at-example.org", "website": "https://z.example/",
             "body": "Line one\nLine <two> & three", "remember": "1", "return": f"{api.url}/"}
    answer = post_form(api, "/api/comments", typed)
    assert answer.status == 400 and answer.headers["content-type"].startswith("text/html")
    page = answer.text
    assert "<title>Your comment was not posted: The Salt Road</title>" in page, "in the essay's look and name"
    assert 'value="Zoë &#34;Z&#34; &lt;b&gt;"' in page, "the name comes back, escaped"
    assert 'value="zoe-at-example.org"' in page and 'value="https://z.example/"' in page
    assert ">Line one\nLine &lt;two&gt; &amp; three</textarea>" in page, "the comment comes back as typed"
    assert re.search(r'name="email"[^>]*aria-invalid="true"', page), "the email field is marked"
    assert "Email: the email" in page and 'name="remember" value="1" checked' in page
    assert count(api.db) == before


def test_own_pending_comment_shows_on_the_live_page_for_that_reader_only(api):
    posted = post_form(api, "/api/comments", comment(OTHER, body="Only I can see this yet.", remember="1"),
                       headers={"Referer": f"{api.url}/voila/render/second.ipynb"})
    cookies = {name: posted.cookie(name) for name in ("essaykit_reader", "essaykit_identity")}
    assert all(cookies.values()), posted.headers
    for line in posted.headers["set-cookie"].split("\n"):
        assert "HttpOnly" in line and "SameSite=Lax" in line and "Secure" not in line, line
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    mine = call(api, "GET", "/voila/render/second.ipynb", headers={"Cookie": header})
    assert "Only I can see this yet." in mine.text and "Your comment is awaiting moderation." in mine.text
    assert re.search(r'name="author"[^>]*value="Reader [0-9a-f]{8}"', mine.text), "the name was remembered"
    other = call(api, "GET", "/voila/render/second.ipynb")
    assert "Only I can see this yet." not in other.text, "nobody else sees a pending comment"


def test_every_form_carries_a_signed_load_time_that_times_its_comment(api):
    pages = [call(api, "GET", "/voila/render/second.ipynb").text for _ in range(2)]
    tokens = [re.search(r'name="ek_loaded" value="([^"]+)"', page).group(1) for page in pages]
    assert tokens[0] != tokens[1], "signed for each view, though the page comes from the cache"
    assert "\x00" not in pages[0], "no placeholder is left in the page"
    posted = post_json(api, "/api/comments", comment(OTHER, ek_loaded=tokens[0]))
    assert posted.status == 202 and posted.json["loaded"] not in tokens, "the answer times the page's next comment"
    assert load_seconds_of(api.db, posted.json["id"]) is not None
    replayed = post_json(api, "/api/comments", comment(OTHER, ek_loaded=tokens[0]))
    assert load_seconds_of(api.db, replayed.json["id"]) is None, "a token times one comment"
    static = call(api, "GET", f"/api/comments/timing?essay={OTHER}")
    assert static.status == 200 and "no-store" in static.headers["cache-control"]
    fields = comment(OTHER, ek_loaded=static.json["loaded"])
    form = post_form(api, "/api/comments", fields, headers={"Referer": f"{api.url}/voila/render/second.ipynb"})
    assert form.status == 303, "a plain form (a static page without JavaScript) is timed the same way"
    [mine] = [c for c in stored(api.db, OTHER) if c.body == fields["body"]]
    assert load_seconds_of(api.db, mine.id) is not None
    assert call(api, "GET", "/api/comments/timing?essay=no-such-essay").status in (400, 404)
    forged = post_json(api, "/api/comments", comment(OTHER, ek_loaded=static.json["loaded"][:-3] + "abc"))
    assert forged.status == 202 and load_seconds_of(api.db, forged.json["id"]) is None, "kept, not timed"


@pytest.mark.parametrize("case", ["malformed-json", "json-array", "json-deep", "text-plain", "multipart",
                                  "no-content-type", "huge-body", "chunked-huge", "missing-essay", "unknown-essay",
                                  "foreign-origin", "null-origin", "no-origin-no-referer", "foreign-referer",
                                  "thousand-fields", "thousand-json-fields", "bad-utf8-json", "bad-utf8-form",
                                  "parent-elsewhere", "parent-pending", "parent-missing", "wrong-types",
                                  "put-method", "delete-method"])
def test_bad_input_is_refused_stores_nothing_and_the_server_keeps_serving(api, case):
    before = count(api.db)
    body = json.dumps(comment())
    headers = {"Content-Type": "application/json", "Origin": api.url}
    method, path, status, field = "POST", "/api/comments", 400, None
    if case == "malformed-json":
        body = '{"essay": "the-salt-road", "author": '
    elif case == "json-array":
        body = json.dumps([comment()])
    elif case == "json-deep":
        body = "[" * 30_000 + "]" * 30_000
    elif case == "text-plain":
        headers["Content-Type"], status = "text/plain", 415
    elif case == "multipart":
        headers["Content-Type"], status = "multipart/form-data; boundary=x", 415
    elif case == "no-content-type":
        del headers["Content-Type"]
        status = 415
    elif case == "huge-body":
        body, status = json.dumps(comment(body="x" * 1_000_000)), 413
    elif case == "chunked-huge":
        answer = _chunked(api, b"x" * 200_000)
        assert answer.status == 413, answer
        assert count(api.db) == before
        assert call(api, "GET", f"/api/comments?essay={ESSAY}").status == 200
        return
    elif case == "missing-essay":
        body, field = json.dumps({k: v for k, v in comment().items() if k != "essay"}), "essay"
    elif case == "unknown-essay":
        body, status, field = json.dumps(comment("no-such-essay")), 404, "essay"
    elif case == "foreign-origin":
        headers["Origin"], status = FOREIGN, 403
    elif case == "null-origin":
        headers["Origin"], status = "null", 403
    elif case == "no-origin-no-referer":
        del headers["Origin"]
        status = 403
    elif case == "foreign-referer":
        del headers["Origin"]
        headers["Referer"], status = f"{FOREIGN}/page.html", 403
    elif case == "thousand-fields":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = "&".join(f"f{i}=x" for i in range(1000)) + "&essay=the-salt-road"
        headers["Accept"] = "application/json"
    elif case == "thousand-json-fields":
        body = json.dumps({**comment(), **{f"f{i}": "x" for i in range(1000)}})
    elif case == "bad-utf8-json":
        body = b'{"essay": "the-salt-road", "author": "\xff\xfe", "email": "a@example.org", "body": "x"}'
    elif case == "bad-utf8-form":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Accept"] = "application/json"
        body = "essay=the-salt-road&author=%FF%FE&email=a%40example.org&body=x"
    elif case in ("parent-elsewhere", "parent-pending", "parent-missing"):
        elsewhere = post_json(api, "/api/comments", comment(OTHER)).json["id"]
        pending = post_json(api, "/api/comments", comment()).json["id"]
        if case == "parent-elsewhere":
            approve(api.db, elsewhere)
        before = count(api.db)
        parent = {"parent-elsewhere": elsewhere, "parent-pending": pending, "parent-missing": "ffffffffffff"}[case]
        body, field = json.dumps(comment(parent=parent)), "parent"
    elif case == "wrong-types":
        body, field = json.dumps(comment(author=["Ada"], body={"x": 1})), "author"
    elif case in ("put-method", "delete-method"):
        method, status = case.split("-")[0].upper(), 405
    answer = call(api, method, path, body, headers)
    assert answer.status == status, answer
    assert answer.headers["content-type"].startswith("application/json")
    message = answer.json["message"]
    assert message and "\n" not in message and "Traceback" not in message and len(message) < 300, message
    if field:
        assert answer.json["field"] == field, answer.json
    assert count(api.db) == before, "nothing is stored"
    assert call(api, "GET", f"/api/comments?essay={ESSAY}").status == 200, "the server keeps serving"


def _chunked(api, payload: bytes) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=60)
    try:
        conn.putrequest("POST", "/api/comments")
        for k, v in (("Content-Type", "application/json"), ("Origin", api.url), ("Transfer-Encoding", "chunked")):
            conn.putheader(k, v)
        conn.endheaders()
        try:
            for start in range(0, len(payload), 16384):
                chunk = payload[start:start + 16384]
                conn.send(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            conn.send(b"0\r\n\r\n")
        except OSError:
            pass  # the server may stop reading once it has refused
        resp = conn.getresponse()
        return Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def test_a_megabyte_is_refused_before_it_is_sent(api):
    """The 413 comes back after the headers alone: the server never waits for the body."""
    with socket.create_connection(("127.0.0.1", api.port), timeout=30) as sock:
        sock.sendall((f"POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1:{api.port}\r\nOrigin: {api.url}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n").encode())
        head = sock.recv(65536).decode("latin-1")
    assert head.startswith("HTTP/1.1 413"), head[:200]


def test_get_with_post_fields_stores_nothing(api):
    before = count(api.db)
    from urllib.parse import urlencode

    assert call(api, "GET", f"/api/comments?{urlencode(comment())}").status == 200
    assert call(api, "GET", f"/api/ratings?essay={ESSAY}&value=5").json["mine"] is None
    assert count(api.db) == before


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.id for p in PAYLOADS])
def test_hostile_payloads_through_the_api_are_refused_or_inert(api, payload):
    data = {"essay": OTHER, **payload.fields()}
    answer = post_json(api, "/api/comments", data)
    if len(json.dumps(data)) > 64 * 1024:
        assert answer.status == 413, answer  # refused whole, before the field checks
        return
    if payload.refused:
        assert answer.status == 400 and answer.json["field"] == payload.refused, answer
        return
    assert answer.status == 202, answer
    approve(api.db, answer.json["id"])
    page = call(api, "GET", f"/api/comments?essay={OTHER}&per_page=500").json
    [item] = [i for i in page["items"] if i["id"] == answer.json["id"]]
    # "author" is plain text in JSON (a client escapes it); the markup fields must be inert.
    for markup in (item["body_html"], page["html"]):
        assert active_content(markup) == [], f"{payload.id}: active content survived: {active_content(markup)}"
    if payload.keep:
        import html as html_lib

        assert payload.keep in html_lib.unescape(item["body_html"] + item["author"]), "the harmless text is kept"
    live = call(api, "GET", "/voila/render/second.ipynb").text
    section = live[live.index("data-ek-comments"):]
    thread = section.split('<p class="ek-comment-section__more"', 1)[0]  # the thread, before the forms
    assert active_content(thread) == [], "and inert in the live page's server-rendered thread"


# --- ratings and counts ------------------------------------------------------------------------


def test_rating_once_per_reader_and_own_rating_comes_back(api):
    first = post_json(api, "/api/ratings", {"essay": OTHER, "value": 9})
    assert first.status == 201 and first.json["mine"] == 9 and first.json["scale"] == 10, first
    cookie = {"Cookie": f"essaykit_reader={first.cookie('essaykit_reader')}"}
    mine = call(api, "GET", f"/api/ratings?essay={OTHER}", headers=cookie).json
    assert mine["mine"] == 9 and mine["count"] >= 1 and mine["average"] is not None
    again = post_json(api, "/api/ratings", {"essay": OTHER, "value": 3}, headers=cookie)
    assert again.status == 409 and "already rated" in again.json["message"] and again.json["mine"] == 9
    twice = post_form(api, "/api/ratings", {"essay": OTHER, "value": "3", "return": f"{api.url}/x"}, headers=cookie)
    assert twice.status == 303 and twice.headers["location"] == f"{api.url}/x#ek-rating", \
        "a plain form rating twice goes back to the page, which shows the first rating"
    assert call(api, "GET", f"/api/ratings?essay={OTHER}").json["mine"] is None, "a new reader has not rated"
    form = post_form(api, "/api/ratings", {"essay": ESSAY, "value": "4", "return": f"{api.url}/"})
    assert form.status == 303 and form.headers["location"] == f"{api.url}/#ek-rating"


@pytest.mark.parametrize("value", [0, 6, 2.5, "five", "", None, True, "4.0", [4], "1e1"])
def test_bad_ratings_are_refused(api, value):
    before = call(api, "GET", f"/api/ratings?essay={ESSAY}").json["count"]
    answer = post_json(api, "/api/ratings", {"essay": ESSAY, "value": value})
    assert answer.status == 400 and answer.json["field"] == "value", answer
    assert "whole number of stars from 1 to 5" in answer.json["message"]
    assert call(api, "GET", f"/api/ratings?essay={ESSAY}").json["count"] == before


def test_counts_for_index_pages(api):
    posted = post_json(api, "/api/comments", comment(OTHER)).json
    approve(api.db, posted["id"])
    counts = call(api, "GET", f"/api/counts?essay={ESSAY}&essay={OTHER}&essay={ESSAY}").json["counts"]
    assert list(counts) == [ESSAY, OTHER]
    approved = {slug: sum(1 for c in stored(api.db, slug) if c.status == "approved") for slug in counts}
    assert counts == approved
    assert call(api, "GET", "/api/counts").status == 400
    assert call(api, "GET", "/api/counts?essay=nope").status == 404


# --- origins, CORS, cookies ------------------------------------------------------------------------


def test_listed_origin_gets_cors_and_others_do_not(api):
    preflight = call(api, "OPTIONS", "/api/comments", headers={
        "Origin": LISTED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-origin"] == LISTED
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    assert preflight.headers["access-control-allow-credentials"] == "true"
    foreign = call(api, "OPTIONS", "/api/comments", headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in foreign.headers, "no CORS for an unlisted origin"
    assert "access-control-allow-origin" not in call(api, "GET", f"/api/comments?essay={ESSAY}",
                                                     headers={"Origin": FOREIGN}).headers
    got = call(api, "GET", f"/api/comments?essay={ESSAY}", headers={"Origin": LISTED})
    assert got.headers["access-control-allow-origin"] == LISTED and "Origin" in got.headers["vary"]
    posted = post_json(api, "/api/comments", comment(), origin=LISTED)
    assert posted.status == 202 and posted.headers["access-control-allow-origin"] == LISTED


def test_referer_stands_in_for_a_missing_origin(api):
    answer = call(api, "POST", "/api/comments", json.dumps(comment()),
                  {"Content-Type": "application/json", "Referer": f"{LISTED}/essays/x.html"})
    assert answer.status == 202, answer


def test_secure_cookies_behind_https_are_not_needed_on_http_but_forged_sessions_are_replaced(api):
    forged = post_json(api, "/api/ratings", {"essay": LONG, "value": 3},
                       headers={"Cookie": "essaykit_reader=" + "A" * 24 + ".tpdegm." + "B" * 32})
    assert forged.status == 201
    issued = forged.cookie("essaykit_reader")
    assert issued and not issued.startswith("A" * 24), "a forged session is replaced, never echoed"


def test_no_kernel_was_started_by_any_of_this(api):
    for path in ("/voila/render/second.ipynb", f"/voila/render/{ESSAY}.ipynb", "/voila/render/long.ipynb"):
        page = call(api, "GET", path)
        assert page.status == 200 and 'class="ek-comment-form"' in page.text
        assert "jupyter-config-data" not in page.text, "an essay with only essaykit's widgets needs no kernel"
    assert len(kernel_processes(api)) <= api.kernels_at_start, "nothing beyond the warm pool"


@pytest.mark.parametrize("value", ["blog.example.org", "https://blog.example.org/essays/", "ftp://x.example", "*",
                                   "https://user@blog.example.org", ""])
def test_a_bad_allow_origin_is_a_one_line_error(tmp_path, value):
    from helpers.cli import run_essaykit

    folder = write_site(tmp_path / "essays")
    result = run_essaykit("serve", folder, "--allow-origin", value, "--port", "9", cwd=tmp_path, timeout=60)
    assert result.returncode != 0
    assert "--allow-origin" in result.stderr and "scheme, host and port" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- comments on a passage (issue 24) ------------------------------------------------------------

MULE = "A mule stops dead on a switchback"
CELLARER = "the cellarer meets her at the gate"  # in the example's spoiler block


def test_a_comment_on_a_passage_is_marked_on_the_page_and_the_api_says_where_it_points(api):
    posted = post_json(api, "/api/comments", comment(body="That mule!", anchor={
        "exact": MULE, "prefix": "stopped thinking about. ", "suffix": " and refuses"}))
    assert posted.status == 202, posted
    hidden = post_form(api, "/api/comments", comment(body="So sad.", anchor_exact=CELLARER))
    assert hidden.status == 303, hidden
    spoiled = next(c.id for c in stored(api.db) if c.body == "So sad.")
    approve(api.db, posted.json["id"], spoiled)
    items = {i["id"]: i for i in call(api, "GET", f"/api/comments?essay={ESSAY}&per_page=500").json["items"]}
    mule = items[posted.json["id"]]["anchor"]
    assert mule["exact"] == MULE and mule["now"]["state"] == "same" and mule["now"]["exact"] == MULE
    assert mule["now"]["block"].startswith("ek-p-")
    inside = items[spoiled]["anchor"]
    assert inside["now"]["in_spoiler"] and "exact" not in inside and "exact" not in inside["now"]
    page = call(api, "GET", f"/voila/render/{ESSAY}.ipynb").text
    assert f'<mark class="ek-anchor" id="ek-a-{posted.json["id"]}" data-ek-comments="1"' in page
    assert "on &ldquo;A mule stops dead on a switchback&rdquo;" in page  # the marks as character references
    assert "on a passage in a spoiler" in page and f"on &ldquo;{CELLARER}" not in page and f"on “{CELLARER}" not in page
    assert page.count("Comment on this paragraph") > 5
    block = mule["now"]["block"]
    form = call(api, "GET", f"/voila/render/{ESSAY}.ipynb?on={block}").text
    assert 'name="anchor_exact" value="There is a shot about twenty minutes' in form
    assert f'name="anchor_block" value="{block}"' in form


def test_a_passage_in_a_spoiler_stays_out_of_the_pages_meta_structured_data_and_search(api):
    posted = post_json(api, "/api/comments", comment(body="Of course she does.", anchor={
        "exact": CELLARER, "prefix": "", "suffix": ""}))
    assert posted.status == 202, posted
    approve(api.db, posted.json["id"])
    page = call(api, "GET", f"/voila/render/{ESSAY}.ipynb").text
    assert "Of course she does." in page, "the comment is on the page"
    head = " ".join(re.findall(r"<meta\b[^>]*>", page))
    structured = " ".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S))
    assert structured, "the page has its structured data"
    for part, text in (("<meta>", head), ("JSON-LD", structured)):
        assert "cellarer" not in text.lower(), f"the spoiler's passage leaked into the page's {part}"
    assert call(api, "GET", "/").status == 200  # the index writes the search files
    searched = call(api, "GET", "/search/docs.js").text + call(api, "GET", f"/search/text/{ESSAY}.js").text
    assert "salt road" in searched.lower(), "the essay is indexed"
    assert "cellarer" not in searched.lower(), "the spoiler's passage leaked into the search index"


@pytest.mark.parametrize("anchor, words", [
    ({"exact": "x" * 20_000}, "quote at most 1,000"),
    ({"exact": "ok", "prefix": "\ud800"}, "unpaired surrogate"),
    ("just text", "must be an object"),
    ({"exact": ["a list"]}, "must be text (not list)"),
    ({"exact": "ok", "start": 1.5, "end": 3}, "whole number"),
    ({"exact": "ok", "suffix": "s" * 65}, "quote at most 64"),
    ({"exact": "\u200b\u200d", "block": "ek-p-1a2b3c4d"}, "select the words"),
])
def test_hostile_anchors_get_the_usual_field_error(api, anchor, words):
    before = count(api.db)
    answer = post_json(api, "/api/comments", comment(anchor=anchor))
    assert answer.status == 400 and answer.json["field"] == "anchor" and words in answer.json["message"], answer.json
    assert count(api.db) == before


def test_an_anchor_on_words_the_essay_lacks_is_kept_as_an_orphan(api):
    posted = post_json(api, "/api/comments", comment(body="Huh.", anchor={"exact": "<b>zebra</b> \u202equartz"}))
    assert posted.status == 202, posted
    approve(api.db, posted.json["id"])
    items = call(api, "GET", f"/api/comments?essay={ESSAY}&per_page=500").json["items"]
    [item] = [i for i in items if i["id"] == posted.json["id"]]
    assert item["anchor"]["now"] == {"state": "orphan"} and item["anchor"]["exact"] == "<b>zebra</b> quartz"
    assert "on &ldquo;&lt;b&gt;zebra&lt;/b&gt; quartz&rdquo; (no longer in the essay)" in call(
        api, "GET", f"/voila/render/{ESSAY}.ipynb").text


def hidden_fields(page: str) -> dict:
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', page))


def test_a_static_pages_paragraph_link_opens_the_apis_form_on_it_which_comes_back_only_to_a_listed_page(api):
    from html import unescape
    from urllib.parse import quote

    text = call(api, "GET", f"/voila/render/{ESSAY}.ipynb").text
    block = re.search(r'<p id="(ek-p-[0-9a-f]+)">There is a shot', text).group(1)
    static = f"{LISTED}/{ESSAY}.html"
    page = call(api, "GET", f"/api/comments/form?essay={ESSAY}&on={block}&return={quote(static, safe='')}")
    assert page.status == 200 and page.headers["content-type"].startswith("text/html"), page
    assert "no-store" in page.headers["cache-control"] and "default-src" in page.headers["content-security-policy"]
    assert f"form-action 'self' {LISTED}" in page.headers["content-security-policy"], "its post may end back there"
    assert f'method="post" action="/api/comments"' in page.text and "On “There is a shot" in page.text
    fields = {k: unescape(v) for k, v in hidden_fields(page.text).items()}
    assert fields["anchor_block"] == block and fields["anchor_exact"].startswith("There is a shot about twenty")
    assert fields["return"] == static and fields["ek_loaded"], "back to the static page; the load time is signed"

    before = count(api.db)
    refused = post_form(api, "/api/comments", {**fields, "essay": ESSAY, "author": "", "email": "n@example.org",
                                               "body": "No name."})
    assert refused.status == 400 and "On “There is a shot" in refused.text and f'value="{block}"' in refused.text, \
        "a refused form comes back with its passage"
    assert count(api.db) == before
    posted = post_form(api, "/api/comments", comment(**fields, body="From the static page, no script."))
    assert posted.status == 303 and posted.headers["location"] == f"{static}#ek-comment-pending", posted.headers
    [mine] = [c for c in stored(api.db) if c.body == "From the static page, no script."]
    assert mine.anchor.block == block and mine.anchor.exact.startswith("There is a shot about twenty minutes")

    foreign = call(api, "GET", f"/api/comments/form?essay={ESSAY}&on={block}&return={quote(FOREIGN + '/x', safe='')}")
    assert foreign.status == 200 and FOREIGN not in foreign.text, "never sent back to an unlisted site"
    assert hidden_fields(foreign.text)["return"] == f"/voila/render/{ESSAY}.ipynb"


@pytest.mark.parametrize("query, status", [
    (f"essay={ESSAY}&on=ek-p-00000000", 404),  # no such paragraph (edited since the page was built)
    ("essay=nope&on=ek-p-00000000", 404),
    (f"on=ek-p-00000000", 400),
])
def test_the_paragraph_form_refuses_with_a_page_that_says_why(api, query, status):
    answer = call(api, "GET", f"/api/comments/form?{query}")
    assert answer.status == status and answer.headers["content-type"].startswith("text/html"), answer
    assert "Traceback" not in answer.text and "<form" not in answer.text


def test_a_paragraph_in_a_spoiler_has_no_form_that_would_quote_it(api):
    text = call(api, "GET", f"/voila/render/{ESSAY}.ipynb").text
    block = re.search(r'<p id="(ek-p-[0-9a-f]+)">When Teodora finally reaches the monastery', text).group(1)
    answer = call(api, "GET", f"/api/comments/form?essay={ESSAY}&on={block}")
    assert answer.status == 404 and CELLARER not in answer.text
