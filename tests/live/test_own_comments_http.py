"""A reader edits and deletes their own comment through a real `essaykit serve`: the API (PATCH, DELETE),
the plain forms (POST, 303 back), and every way someone else might try (other sessions, the same email,
a replayed pre-rotation cookie, a forged one, a foreign origin, after the window)."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from helpers.api_client import ESSAY, call, comment, post_json, start_site
from helpers.servers import stop_process

pytestmark = pytest.mark.slow
COOKIE = "essaykit_reader"


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    server = start_site(tmp_path_factory, "own")
    yield server
    stop_process(server.proc)


def as_reader(cookie: str, **headers) -> dict:
    return {"Cookie": f"{COOKIE}={cookie}", **headers}


def post_as_new_reader(api, **fields):
    """A comment from a fresh browser: its id, the session cookie it ends with, and the one it had before."""
    first = call(api, "GET", f"/api/ratings?essay={ESSAY}")
    before = first.cookie(COOKIE)
    posted = post_json(api, "/api/comments", comment(**fields), headers=as_reader(before))
    assert posted.status == 202, posted
    return posted.json["id"], posted.cookie(COOKIE) or before, before


def patch(api, cid, cookie, body, origin=None):
    return call(api, "PATCH", f"/api/comments/{cid}", json.dumps({"body": body}),
                as_reader(cookie, **{"Content-Type": "application/json", "Origin": origin or api.url}))


def stored(api, cid):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(api.db) as store:
        return store.get(cid)


def test_the_writer_patches_then_deletes_their_comment(api):
    cid, cookie, _ = post_as_new_reader(api, body="Frist.")
    edited = patch(api, cid, cookie, "First, *properly*.")
    assert edited.status == 200, edited
    assert edited.json["id"] == cid and "<em>properly</em>" in edited.json["html"]
    assert stored(api, cid).body == "First, *properly*." and stored(api, cid).edited is not None
    gone = call(api, "DELETE", f"/api/comments/{cid}", headers=as_reader(cookie, Origin=api.url))
    assert gone.status == 200 and gone.json["status"] == "deleted", gone
    assert stored(api, cid).status == "deleted" and stored(api, cid).body == ""


def test_an_approved_comment_shows_edited_in_the_thread(api):
    from essaykit.comments.store import CommentStore

    cid, cookie, _ = post_as_new_reader(api, body="Approved words.")
    with CommentStore.open(api.db) as store:
        store.set_status(cid, "approved", by="test")
    assert patch(api, cid, cookie, "Approved words, fixed.").json["status"] == "approved"
    [item] = [i for i in call(api, "GET", f"/api/comments?essay={ESSAY}").json["items"] if i["id"] == cid]
    assert item["edited"] is True and "fixed" in item["body_html"]
    assert patch(api, cid, cookie, "Now with https://link.example").json["status"] == "pending", \
        "an edit that adds a link waits for the author"


@pytest.mark.parametrize("who", ["other reader", "same email elsewhere", "replayed cookie", "forged cookie", "none"])
def test_nobody_else_can_edit_or_delete(api, who):
    cid, cookie, before = post_as_new_reader(api, email="victim@example.org", body="Mine alone.")
    if who == "other reader":
        _, cookie, _ = post_as_new_reader(api)
    elif who == "same email elsewhere":
        _, cookie, _ = post_as_new_reader(api, email="victim@example.org", body="Same address, other browser.")
    elif who == "replayed cookie":
        cookie = before  # the session the browser had before posting rotated it away
    elif who == "forged cookie":
        cookie = cookie[:-4] + ("AAAA" if not cookie.endswith("AAAA") else "BBBB")
    elif who == "none":
        cookie = ""
    refused = patch(api, cid, cookie, "Hijacked.")
    assert refused.status == 403 and refused.json["field"] == "id", refused
    assert refused.json["errors"] == [{"field": "id", "message": refused.json["message"]}]
    gone = call(api, "DELETE", f"/api/comments/{cid}", headers=as_reader(cookie, Origin=api.url))
    assert gone.status == 403, gone
    assert stored(api, cid).body == "Mine alone." and stored(api, cid).status != "deleted"


@pytest.mark.parametrize("who", ["the writer", "other reader", "replayed cookie", "forged cookie", "foreign origin"])
def test_mine_lists_the_writers_own_comments_with_their_forms_and_nobody_elses(api, who):
    cid, cookie, before = post_as_new_reader(api, body="Listed for me.")
    headers = {"Origin": api.url}
    if who == "other reader":
        _, cookie, _ = post_as_new_reader(api)
    elif who == "replayed cookie":
        cookie = before
    elif who == "forged cookie":
        cookie = cookie[:-4] + ("AAAA" if not cookie.endswith("AAAA") else "BBBB")
    elif who == "foreign origin":
        headers = {"Origin": "http://evil.example"}
    mine = call(api, "GET", f"/api/comments/mine?essay={ESSAY}", headers=as_reader(cookie, **headers))
    if who == "foreign origin":
        assert mine.status == 403 and "access-control-allow-origin" not in mine.headers, mine
        return
    assert mine.status == 200 and mine.headers["cache-control"] == "private, no-store", mine
    assert COOKIE not in (mine.headers.get("set-cookie") or ""), "no session is minted here"
    listed = cid in mine.json["ids"] and f'action="{api.url}/api/comments/{cid}"' in mine.json["html"]
    assert listed is (who == "the writer"), mine.json
    assert ("Listed for me.</textarea>" in mine.json["html"]) is (who == "the writer")


def test_a_foreign_origin_cannot_make_the_readers_browser_delete(api):
    cid, cookie, _ = post_as_new_reader(api)
    refused = call(api, "DELETE", f"/api/comments/{cid}", headers=as_reader(cookie, Origin="http://evil.example"))
    assert refused.status == 403 and stored(api, cid).status != "deleted"
    form = call(api, "POST", f"/api/comments/{cid}", urlencode({"action": "delete"}),
                as_reader(cookie, **{"Content-Type": "application/x-www-form-urlencoded",
                                     "Origin": "http://evil.example"}))
    assert form.status == 403 and stored(api, cid).status != "deleted"


def test_after_the_window_the_edit_is_refused_but_delete_works(api):
    from essaykit.db.engine import get_engine
    from essaykit.db.schema import comments

    cid, cookie, _ = post_as_new_reader(api, body="Old words.")
    with get_engine(api.db).begin() as conn:
        created = conn.execute(sa.select(comments.c.created).where(comments.c.public_id == cid)).scalar_one()
        conn.execute(comments.update().where(comments.c.public_id == cid)
                     .values(created=created - timedelta(minutes=16)))
    late = patch(api, cid, cookie, "Too late.")
    assert late.status == 403 and late.json["field"] == "body" and "15 minutes" in late.json["message"], late
    assert call(api, "DELETE", f"/api/comments/{cid}", headers=as_reader(cookie, Origin=api.url)).status == 200


def test_bad_bodies_get_the_apis_field_errors(api):
    cid, cookie, _ = post_as_new_reader(api)
    empty = patch(api, cid, cookie, "   ")
    assert empty.status == 400 and empty.json["field"] == "body" and "empty" in empty.json["message"]
    huge = patch(api, cid, cookie, "x" * 70_000)
    assert huge.status == 413
    assert call(api, "PATCH", f"/api/comments/{cid}", "{", as_reader(
        cookie, **{"Content-Type": "application/json", "Origin": api.url})).status == 400


def test_plain_forms_edit_and_delete_then_redirect_back_to_the_page(api):
    cid, cookie, _ = post_as_new_reader(api, body="Typo here.")
    page = call(api, "GET", f"/voila/render/{ESSAY}.ipynb", headers=as_reader(cookie))
    assert page.status == 200 and f'action="/api/comments/{cid}"' in page.text, "the writer gets the forms"
    assert ">Typo here.</textarea>" in page.text and "Your comments here" in page.text
    stranger = call(api, "GET", f"/voila/render/{ESSAY}.ipynb")
    assert f"/api/comments/{cid}" not in stranger.text and "Your comments here" not in stranger.text
    form = {"action": "edit", "essay": ESSAY, "body": "No typo here."}
    headers = as_reader(cookie, **{"Content-Type": "application/x-www-form-urlencoded", "Origin": api.url})
    edited = call(api, "POST", f"/api/comments/{cid}", urlencode(form), headers)
    # Still pending (never approved): the page says the edit waits, as the comment does.
    assert edited.status == 303 and edited.headers["location"] == f"/voila/render/{ESSAY}.ipynb#ek-comment-edited", edited
    assert stored(api, cid).body == "No typo here."
    deleted = call(api, "POST", f"/api/comments/{cid}", urlencode({"action": "delete", "essay": ESSAY}), headers)
    assert deleted.status == 303 and deleted.headers["location"].endswith("#ek-comment-deleted")
    unknown = call(api, "POST", f"/api/comments/{cid}", urlencode({"action": "burn"}), headers)
    assert unknown.status == 400 and "action=edit" in unknown.text and "<html" in unknown.text.lower()


def test_the_privacy_notice_is_served_from_this_servers_rules_and_the_form_links_to_it(api):
    page = call(api, "GET", "/privacy")
    assert page.status == 200 and "Your data on this site" in page.text
    assert "one comment every 30 seconds" in page.text, "the server's own rules file (min_interval 30)"
    assert "an hour from one address" not in page.text, "max_per_hour is 0 there: no such limit is claimed"
    assert "This server sends no email" in page.text, "this server runs without --smtp"
    essay = call(api, "GET", f"/voila/render/{ESSAY}.ipynb")
    assert 'href="/privacy">What this site stores about you' in essay.text


@pytest.mark.parametrize("back", ["http://evil.example/", "//evil.example/x", "https://127.0.0.1.evil.example/"])
def test_a_form_never_redirects_off_the_site(api, back):
    cid, cookie, _ = post_as_new_reader(api)
    headers = as_reader(cookie, **{"Content-Type": "application/x-www-form-urlencoded", "Origin": api.url})
    answer = call(api, "POST", f"/api/comments/{cid}", urlencode({"action": "delete", "essay": ESSAY,
                                                                   "return": back}), headers)
    assert answer.status == 303 and answer.headers["location"] == f"/voila/render/{ESSAY}.ipynb#ek-comment-deleted"


def test_get_is_refused_and_the_connection_keeps_working(api):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", api.port, timeout=60)
    try:
        conn.request("GET", "/api/comments/approve", body="{}")
        first = conn.getresponse()
        assert first.status == 405 and b"PATCH" in first.read()
        conn.request("POST", "/api/comments/approve", body="{}", headers={"Content-Type": "application/json"})
        second = conn.getresponse()
        assert second.status == 403, "the next request on the same connection is answered, not reset"
        second.read()
    finally:
        conn.close()
