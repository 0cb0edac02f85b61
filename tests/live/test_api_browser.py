"""Readers in a real Chromium use the comment API with and without JavaScript: on a static site
served from a second loopback port (another origin, listed with --allow-origin), and on the live
page of `essaykit serve`. No kernel beyond the warm pool is started by any of it."""

from __future__ import annotations

import json
import shutil

import pytest
from helpers.api_client import (ESSAY, OTHER, UNTHROTTLED, call, kernel_processes, load_seconds_of, post_json,
                                random_client, serve_folder, start, stored, write_site)
from helpers.cli import run_essaykit
from helpers.comment_pages import provoke
from helpers.comment_payloads import STORED
from helpers.servers import free_port, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WARM_POOL = 0  # the tests start essaykit serve with no warm kernel unless asked (helpers.servers)
MS = 60_000


@pytest.fixture(scope="module")
def sites(tmp_path_factory, browser):
    """The API server (P1), the built site on P2 (listed) and a copy of it on P3 (not listed)."""
    base = tmp_path_factory.mktemp("api-browser")
    folder = write_site(base / "essays", rules=UNTHROTTLED)
    db = f"sqlite:///{base / 'comments.sqlite'}"
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:  # an approved comment before the build: the snapshot shows it
        first = store.post(ESSAY, author="Early Bird", email="early@example.org", body="Seen at *build* time.")
        store.set_status(first.comment.id, "approved", by="test")
    api_port, static_port, foreign_port = free_port(), free_port(), free_port()
    static, foreign = f"http://127.0.0.1:{static_port}", f"http://127.0.0.1:{foreign_port}"
    built = run_essaykit("build", folder, "-o", base / "site", "--base-url", f"{static}/",
                         "--api", f"http://127.0.0.1:{api_port}/", "--db", db, cwd=base, timeout=600)
    assert built.returncode == 0, built.stderr
    shutil.copytree(base / "site", base / "foreign")
    api = start(folder, db, base / "server.log", "--allow-origin", static, port=api_port)
    servers = [serve_folder(base / "site", static_port), serve_folder(base / "foreign", foreign_port)]
    api.db, api.static, api.foreign, api.base = db, static, foreign, base
    api.kernel_counts = []
    yield api
    for server in servers:
        server.shutdown()
        server.server_close()
    stop_process(api.proc)


@pytest.fixture
def reader(browser, sites):
    """A fresh browser context factory (js=True/False); records its requests; counts kernels as it closes."""
    contexts = []

    def make(js: bool = True, address: str | None = None):
        # A reader without JavaScript only navigates, so it can carry its own address (one rating per
        # address); scripted cross-origin requests keep loopback's, as a header would change their CORS.
        address = None if js else address or random_client()
        extra = {"extra_http_headers": {"X-Forwarded-For": address}} if address else {}
        context = browser.new_context(viewport={"width": 1000, "height": 900}, java_script_enabled=js, **extra)
        page = context.new_page()
        page.address = address
        page.requests_seen = []
        page.errors = []
        page.on("request", lambda r: page.requests_seen.append(r.url))
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        contexts.append(context)
        return page

    yield make
    sites.kernel_counts.append(len(kernel_processes(sites)))
    for context in contexts:
        context.close()


def fill(page, **fields):
    labels = {"author": "Name", "email": "Email", "website": "Website", "body": "Comment"}
    for name, value in fields.items():
        page.get_by_label(labels[name], exact=True).fill(value)


def form_values(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('.ek-comment-form__input'), (el) => [el.name, el.value]))""")


def static_page(sites) -> str:
    return f"{sites.static}/{ESSAY}.html"


# --- the static site, another origin ----------------------------------------------------------------


def test_static_page_html_has_a_plain_form_to_the_api_and_only_that_origin(sites):
    html = (sites.base / "site" / f"{ESSAY}.html").read_text(encoding="utf-8")
    api = f"http://127.0.0.1:{sites.port}/"
    assert f'<form class="ek-comment-form" id="ek-cf" method="post" action="{api}api/comments"' in html
    assert f'name="return" value="{static_page(sites)}"' in html, "the form comes back to this page"
    assert f'action="{api}api/ratings"' in html and "Seen at <em>build</em> time." in html
    assert f'href="{api}signin?return=' in html, "signing in happens on the server's own page, which knows the ways"
    assert not __import__("re").search(r'\ssrc="https?:', html), "nothing is loaded from elsewhere"
    plain = (sites.base / "plain.html")
    result = run_essaykit("export", sites.base / "essays" / f"{ESSAY}.ipynb", "-o", plain, "--no-execute")
    assert result.returncode == 0, result.stderr
    text = plain.read_text(encoding="utf-8")
    assert "api/comments" not in text and "<form" not in text and "fetch(" not in text, \
        "without --api the page is as before: no form, no request"


def test_static_page_without_javascript_posts_a_plain_form(sites, reader, tmp_path):
    page = reader(js=False)
    page.goto(static_page(sites))
    fill(page, author="Nora No-Script", email="nora@example.org", body="Posted with *JavaScript* off.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"{static_page(sites)}#ek-comment-pending", timeout=MS)
    notice = page.locator("#ek-comment-pending")
    assert notice.is_visible() and notice.inner_text() == "Your comment is awaiting moderation."
    assert not page.locator("#ek-comment-published").is_visible()
    page.screenshot(path=str(tmp_path / "static-nojs-posted.png"), full_page=True)
    [mine] = [c for c in stored(sites.db, ESSAY) if c.author == "Nora No-Script"]
    assert mine.status == "pending" and mine.body == "Posted with *JavaScript* off."
    assert all(u.startswith((sites.static, sites.url)) for u in page.requests_seen), page.requests_seen


def test_static_page_with_javascript_posts_keeps_pending_and_remembers_only_when_asked(sites, reader, tmp_path):
    page = reader(js=True)
    page.goto(static_page(sites))
    page.get_by_text("Seen at build time.").wait_for()
    # The static form has no load time of its own: the module asks the API to sign one.
    page.wait_for_function("document.querySelector('input[data-ek-loaded]').value !== ''", timeout=MS)
    fill(page, author="Jo Script", email="jo@example.org", website="jo.example", body="First, not remembered.")
    assert not page.get_by_label("Save my name").is_checked(), "the box is off by default"
    page.get_by_role("button", name="Post comment").click()
    status = page.locator(".ek-comment-form__status")
    status.filter(has_text="awaiting moderation").wait_for(timeout=MS)
    assert page.url == static_page(sites), "no page load: the module posted it"
    mine = page.locator("[data-ek-mine] .ek-comment")
    assert mine.count() == 1 and "First, not remembered." in mine.inner_text()
    assert "awaiting moderation" not in mine.inner_text(), "the status line says it; once is enough"
    assert form_values(page) == {"author": "", "email": "", "website": "", "body": ""}

    page.reload()
    page.locator("[data-ek-mine]").get_by_text("First, not remembered.").wait_for()
    assert page.locator("[data-ek-mine] .ek-comment").count() == 1, "still shown, to this reader, after a reload"
    assert "Your comment is awaiting moderation." in mine.inner_text(), "now on the comment, the status is empty"
    assert form_values(page)["author"] == "", "the name was not remembered: the box was not ticked"

    fill(page, author="Jo Script", email="jo@example.org", website="jo.example", body="Second, remembered.")
    page.get_by_label("Save my name").check()
    page.get_by_role("button", name="Post comment").click()
    status.filter(has_text="awaiting moderation").wait_for(timeout=MS)
    page.reload()
    page.locator("[data-ek-mine]").get_by_text("Second, remembered.").wait_for()
    assert form_values(page) == {"author": "Jo Script", "email": "jo@example.org", "website": "jo.example",
                                 "body": ""}, "the three fields come back as typed"
    assert page.get_by_label("Save my name").is_checked()
    page.screenshot(path=str(tmp_path / "static-js-remembered.png"), full_page=True)

    page.get_by_label("Save my name").uncheck()
    fill(page, body="Third, forget me now.")
    page.get_by_role("button", name="Post comment").click()
    status.filter(has_text="awaiting moderation").wait_for(timeout=MS)
    page.reload()
    page.locator("[data-ek-mine]").get_by_text("Third, forget me now.").wait_for()
    assert form_values(page)["author"] == "" and not page.get_by_label("Save my name").is_checked()
    assert page.errors == []
    assert {c.body for c in stored(sites.db, ESSAY) if c.author == "Jo Script"} == {
        "First, not remembered.", "Second, remembered.", "Third, forget me now."}
    [first] = [c for c in stored(sites.db, ESSAY) if c.body == "First, not remembered."]
    assert load_seconds_of(sites.db, first.id) is not None, "the comment was timed from the page's load"
    assert all(u.startswith((sites.static, sites.url, "data:")) for u in page.requests_seen), \
        "the page talks to its own origin and the API's, nothing else"


def test_static_page_offers_the_readers_own_comments_to_edit_and_delete(sites, reader):
    page = reader(js=True)
    page.goto(static_page(sites))
    page.wait_for_function("document.querySelector('input[data-ek-loaded]').value !== ''", timeout=MS)
    fill(page, author="Ed Static", email="ed@example.org", body="Static, with a tpyo.")
    page.get_by_role("button", name="Post comment").click()
    page.locator(".ek-comment-form__status").filter(has_text="awaiting moderation").wait_for(timeout=MS)
    [mine] = [c for c in stored(sites.db, ESSAY) if c.author == "Ed Static"]
    page.reload()
    box = page.locator(f"#ek-yours-{mine.id}-body")
    box.wait_for(timeout=MS)  # fetched from the API with this browser's cookie, after the page loaded
    box.fill("Static, with a typo fixed.")
    page.locator(f"#ek-yours-{mine.id} .ek-yours__edit button").click()
    page.locator(".ek-yours__status", has_text="Your edit is awaiting moderation.").wait_for(timeout=MS)
    assert [c.body for c in stored(sites.db, ESSAY) if c.id == mine.id] == ["Static, with a typo fixed."]

    # The same browser on a site nobody listed: its script may not read the reader's own comments.
    foreign = page.context.new_page()
    foreign.goto(f"{sites.foreign}/{ESSAY}.html")
    read = foreign.evaluate("""async (api) => {
        try { return (await fetch(api + 'api/comments/mine?essay=' + %r, {credentials: 'include'})).status; }
        catch (e) { return 'blocked'; } }""" % ESSAY, f"{sites.url}/")
    assert read == "blocked" and foreign.locator(f"#ek-yours-{mine.id}").count() == 0

    page.locator(f"#ek-yours-{mine.id} .ek-yours__delete button").click()
    page.locator(".ek-yours__status", has_text="Your comment is deleted.").wait_for(timeout=MS)
    assert page.locator(f"#ek-yours-{mine.id}").count() == 0
    assert [c.status for c in stored(sites.db, ESSAY) if c.id == mine.id] == ["deleted"]
    assert page.errors == [] and all(u.startswith((sites.static, sites.url, "data:")) for u in page.requests_seen), \
        "the reader's cookie goes to the configured API and nowhere else"


def test_static_page_shows_comments_approved_after_the_build(sites, reader):
    later = post_json(sites, "/api/comments", {"essay": ESSAY, "author": "Late Lu", "email": "lu@example.org",
                                               "body": "Approved after the build."}).json
    from essaykit.comments.store import CommentStore

    with CommentStore.open(sites.db) as store:
        store.set_status(later["id"], "approved", by="test")
    offline = reader(js=False)
    offline.goto(static_page(sites))
    assert offline.get_by_text("Approved after the build.").count() == 0, "the snapshot is as built"
    online = reader(js=True)
    online.goto(static_page(sites))
    online.get_by_text("Approved after the build.").wait_for(timeout=MS)
    assert online.get_by_role("button", name="Reply to Late Lu").is_visible(), "fetched comments can be answered"


def test_a_static_page_at_a_reply_link_answers_that_comment_with_javascript(sites, reader):
    later = post_json(sites, "/api/comments", {"essay": ESSAY, "author": "Rae", "email": "rae@example.org",
                                               "body": "Approved after the build, answered by link."}).json
    from essaykit.comments.store import CommentStore

    with CommentStore.open(sites.db) as store:
        store.set_status(later["id"], "approved", by="test")
    (early,) = [c for c in stored(sites.db, ESSAY) if c.author == "Early Bird"]
    page = reader(js=True)
    for comment_id, name in ((early.id, "Early Bird"), (later["id"], "Rae")):  # in the snapshot, then fetched
        page.goto(f"{static_page(sites)}?reply={comment_id}#ek-cf")
        page.locator(".ek-comment-form__replying").get_by_text(f"Replying to {name}").wait_for(timeout=MS)
        assert page.locator('#ek-cf input[name="parent"]').input_value() == comment_id
    page.goto(f"{static_page(sites)}?reply=no-such-comment")
    page.get_by_text("Rae", exact=True).first.wait_for(timeout=MS)
    assert page.locator('#ek-cf input[name="parent"]').input_value() == ""
    assert page.locator(".ek-comment-form__replying").is_hidden()
    assert page.errors == []


@pytest.mark.parametrize("js", [False, True], ids=["no-js", "js"])
def test_cancel_reply_on_a_reply_link_returns_to_the_plain_form(sites, reader, js):
    """Without JavaScript "Cancel reply" is a link to the page without ?reply (to the form again);
    with it, it stays the button that empties the form's reply in place."""
    from playwright.sync_api import expect

    (early,) = [c for c in stored(sites.db, ESSAY) if c.author == "Early Bird"]
    live = f"{sites.url}/voila/render/{ESSAY}.ipynb"
    page = reader(js=js)
    page.goto(f"{live}?reply={early.id}#ek-cf")
    replying, parent = page.locator(".ek-comment-form__replying"), page.locator('#ek-cf input[name="parent"]')
    expect(replying).to_contain_text("Replying to Early Bird")
    assert parent.input_value() == early.id
    link, button = replying.get_by_role("link", name="Cancel reply"), replying.get_by_role("button", name="Cancel reply")
    if js:
        expect(link).to_be_hidden()
        button.click()
        expect(replying).to_be_hidden()
        assert page.url == f"{live}?reply={early.id}#ek-cf", "the button answers in place: no navigation"
    else:
        expect(button).to_be_hidden()
        link.click()
        page.wait_for_url(f"{live}#ek-cf")
        expect(replying).to_be_hidden()
        expect(page.locator("#ek-cf:target")).to_have_count(1)  # the reader is taken back to the form
    assert parent.input_value() == "", "the form is the plain one again"
    expect(page.locator("#ek-cf-title")).to_have_text("Leave a comment")
    assert page.errors == []


def test_rating_from_the_static_page_with_and_without_javascript(sites, reader):
    page = reader(js=True)
    page.goto(static_page(sites))
    page.get_by_role("button", name="Rate 4 of 5", exact=True).click()
    page.locator(".ek-rating-widget__message").filter(has_text="You rated this essay 4 of 5").wait_for(timeout=MS)
    page.reload()
    page.get_by_role("button", name="Rate 4 of 5", exact=True).wait_for()
    page.wait_for_function("""() => document.querySelector('[aria-label="Rate 4 of 5"]')
                              .getAttribute('aria-pressed') === 'true'""", timeout=MS)
    plain = reader(js=False)
    plain.goto(static_page(sites))
    plain.get_by_role("button", name="Rate 2 of 5", exact=True).click()
    plain.wait_for_url(f"{static_page(sites)}#ek-rating", timeout=MS)
    summary = call(sites, "GET", f"/api/ratings?essay={ESSAY}").json
    assert summary["count"] >= 2


@pytest.mark.parametrize("js", [False, True])
@pytest.mark.parametrize("where", ["static", "live"])
def test_one_labelled_rating_block_and_no_second_one_in_the_header(sites, reader, where, js):
    page = reader(js=js)
    page.goto(static_page(sites) if where == "static" else f"{sites.url}/voila/render/{ESSAY}.ipynb")
    block = page.get_by_role("group", name="Ratings", exact=True)
    assert block.count() == 1 and block.get_attribute("data-ek-rating") is not None
    labels = block.locator(".ek-rating-widget__label")
    assert labels.all_inner_texts() == ["The author’s verdict", "Readers’ average", "Your rating"]
    assert block.locator(".ek-rating-widget__author [role=img]").get_attribute("aria-label") == "Rated 4 out of 5"
    assert page.locator(".ek-header .ek-rating, .ek-header .ek-stars").count() == 0, "the block has the verdict"
    left = [labels.nth(i).bounding_box()["x"] for i in range(3)]
    assert max(left) - min(left) < 1, "the labels share one column"
    assert block.get_by_role("group", name="Your rating").get_by_role("button").count() == 5


def test_foreign_origin_is_refused_with_and_without_javascript(sites, reader, tmp_path):
    before = len(stored(sites.db))
    page = reader(js=False)
    page.goto(f"{sites.foreign}/{ESSAY}.html")
    fill(page, author="Mallory", email="mallory@example.org", body="From a site nobody listed.")
    page.get_by_role("button", name="Post comment").click()
    page.get_by_role("alert").filter(has_text="does not take posts from").wait_for(timeout=MS)
    assert sites.foreign in page.get_by_role("alert").inner_text()
    page.screenshot(path=str(tmp_path / "foreign-refused.png"), full_page=True)

    scripted = reader(js=True)
    scripted.goto(f"{sites.foreign}/{ESSAY}.html")
    fill(scripted, author="Mallory", email="mallory@example.org", body="Scripted, from a site nobody listed.")
    scripted.get_by_role("button", name="Post comment").click()
    scripted.locator(".ek-comment-form__alert").filter(has_text="No answer").wait_for(timeout=MS)
    assert form_values(scripted)["body"] == "Scripted, from a site nobody listed.", "the text is kept"
    assert len(stored(sites.db)) == before, "nothing was stored"


def test_cors_preflight_lets_the_listed_site_post_json_and_nobody_else(sites, reader):
    script = """async (api) => {
        try {
            const r = await fetch(api + 'api/comments', {method: 'POST', credentials: 'include',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({essay: 'second-thoughts', author: 'Cors', email: 'cors@example.org',
                                      body: 'Through a preflight from ' + location.origin})});
            return [r.status, (await r.json()).status];
        } catch (e) { return ['blocked', String(e)]; }
    }"""
    api = f"{sites.url}/"
    listed = reader(js=True)
    listed.goto(static_page(sites))
    assert listed.evaluate(script, api) == [202, "pending"], "the preflight passed for the listed origin"
    foreign = reader(js=True)
    foreign.goto(f"{sites.foreign}/{ESSAY}.html")
    status, _ = foreign.evaluate(script, api)
    assert status == "blocked", "the browser refuses: no CORS headers for an unlisted origin"
    bodies = {c.body for c in stored(sites.db, OTHER)}
    assert f"Through a preflight from {sites.static}" in bodies
    assert f"Through a preflight from {sites.foreign}" not in bodies


# --- the live page --------------------------------------------------------------------------------


def test_live_page_without_javascript_reads_posts_and_fixes_mistakes(sites, reader, tmp_path):
    live = f"{sites.url}/voila/render/{ESSAY}.ipynb"
    page = reader(js=False)
    page.goto(live)
    assert page.get_by_text("Seen at build time.").is_visible(), "the thread is in the page's HTML"
    assert page.get_by_role("button", name="Reply to Early Bird").count() == 0 or \
        not page.get_by_role("button", name="Reply to Early Bird").is_visible(), "no dead Reply buttons without JS"
    fill(page, author="Vi <Live>", email="vi-at-example.org", website="vi.example", body="")
    page.get_by_label("Save my name").check()
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"{sites.url}/api/comments", timeout=MS)
    page.screenshot(path=str(tmp_path / "live-nojs-errors.png"), full_page=True)
    assert page.title() == "Your comment was not posted: The Salt Road"
    assert form_values(page) == {"author": "Vi <Live>", "email": "vi-at-example.org", "website": "vi.example",
                                 "body": ""}, "everything typed comes back"
    errors = page.locator(".ek-comment-form__error").all_inner_texts()
    assert errors[1].startswith("Email: ") and errors[3].startswith("Comment: ") and errors[0] == errors[2] == ""
    invalid = page.evaluate("() => Array.from(document.querySelectorAll('[aria-invalid=true]'), e => e.name)")
    assert invalid == ["email", "body"], "each problem at its field, all at once"
    assert page.get_by_label("Save my name").is_checked()

    fill(page, email="vi@example.org", body="Fixed, and posted from the *error page*.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_url(f"{live}#ek-comment-pending", timeout=MS)
    mine = page.locator("[data-ek-mine] .ek-comment")
    assert "Fixed, and posted from the error page." in mine.inner_text()
    assert "Your comment is awaiting moderation." in mine.inner_text()
    assert form_values(page)["author"] == "Vi <Live>", "remembered, because the box was ticked"
    page.screenshot(path=str(tmp_path / "live-nojs-posted.png"), full_page=True)
    html = call(sites, "GET", f"/voila/render/{ESSAY}.ipynb").text
    assert "Fixed, and posted" not in html, "a pending comment is shown to its author only"

    shown = [t for t in page.locator("body").inner_text().splitlines() if "awaiting moderation" in t]
    assert shown == ["Your comment is awaiting moderation."], "said once, on the comment itself"

    page.get_by_role("button", name="Rate 5 of 5", exact=True).click()
    page.wait_for_url(f"{live}#ek-rating", timeout=MS)
    assert page.get_by_text("You rated this essay 5 of 5.").is_visible()
    assert page.get_by_role("button", name="Rate 5 of 5", exact=True).get_attribute("aria-pressed") == "true"
    # Another browser on the same address: refused, and told so, without JavaScript too.
    other = reader(js=False, address=page.address)
    other.goto(live)
    other.get_by_role("button", name="Rate 2 of 5", exact=True).click()
    other.wait_for_url(f"{live}#ek-rating-already", timeout=MS)
    assert other.get_by_text("This essay has already been rated from your address").is_visible()


@pytest.mark.parametrize("js", [False, True], ids=["without-js", "with-js"])
def test_one_pending_notice_and_no_no_comments_yet_above_it(sites, reader, js):
    live = f"{sites.url}/voila/render/second.ipynb"
    page = reader(js=js)
    page.goto(live)
    count = page.locator(".ek-comments__count")
    assert count.inner_text() == "No comments yet" and count.is_visible()
    fill(page, author="Wen", email=f"wen-{js}@example.org", body=f"First to write, js={js}.")
    page.get_by_role("button", name="Post comment").click()
    page.locator("[data-ek-mine] .ek-comment").first.wait_for(timeout=MS)
    assert not count.is_visible(), "no 'No comments yet' above the reader's own pending comment"
    page.locator("text='Your comment is awaiting moderation.' >> visible=true").first.wait_for(timeout=MS)
    seen = [t for t in page.locator("body").inner_text().splitlines() if "awaiting moderation" in t]
    assert seen == ["Your comment is awaiting moderation."], "said once, on the comment itself"


def test_live_page_with_javascript_replies_and_shows_more_without_a_reload(sites, reader):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(sites.db) as store:
        store.import_records([{"id": f"many-{i:03d}", "essay": "long-thread", "author": f"Reader {i}",
                               "email": f"m{i}@example.org", "body": f"Comment number {i}.",
                               "created": f"2026-03-01T10:{i // 60:02d}:{i % 60:02d}Z", "status": "approved"}
                              for i in range(70)])
        from essaykit.comments.trust import KNOWN_COOKIE, mint_known

        token = mint_known(store, "m3@example.org")  # Reader 3's browser holds the "approved before" token
    page = reader(js=True)
    page.context.add_cookies([{"name": KNOWN_COOKIE, "value": token, "url": f"{sites.url}/"}])
    page.goto(f"{sites.url}/voila/render/long.ipynb")
    assert page.locator(".ek-comment").count() == 50
    page.get_by_role("button", name="Show more comments (20 more)").click()
    page.get_by_text("Comment number 69.").wait_for(timeout=MS)
    assert page.locator(".ek-comment").count() == 70 and page.url.endswith("long.ipynb")
    page.get_by_role("button", name="Reply to Reader 3", exact=True).click()
    assert page.locator(".ek-comment-form__replying").inner_text().startswith("Replying to Reader 3")
    fill(page, author="Answerer", email="m3@example.org", body="A reply, published at once.")
    page.get_by_role("button", name="Post comment").click()
    page.locator(".ek-comment-form__status").filter(has_text="published").wait_for(timeout=MS)
    reply = page.locator(".ek-comment", has_text="A reply, published at once.")
    reply.wait_for(timeout=MS)
    assert reply.get_attribute("data-ek-depth") == "1"
    assert page.errors == []


def test_payloads_posted_through_the_api_are_inert_in_the_browser(sites, reader):
    from essaykit.comments.store import CommentStore

    ids = []
    for payload in STORED:
        answer = post_json(sites, "/api/comments", {"essay": OTHER, **payload.fields()})
        assert answer.status == 202, (payload.id, answer)
        ids.append(answer.json["id"])
    with CommentStore.open(sites.db) as store:
        store.set_status(ids, "approved", by="test")
    for js in (False, True):
        page = reader(js=js)
        page.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError(f"a dialog opened: {d.message}")))
        page.goto(f"{sites.url}/voila/render/second.ipynb")
        page.locator(".ek-comment").first.wait_for()
        if js:
            found = provoke(page, "[data-ek-comments]")
            assert found == {"flag": None, "unsafe": [], "handlers": []}, found
        html = page.content()
        assert "@example.org" not in html.replace("m3@example.org", ""), "no email reaches a page"


def test_no_kernel_beyond_the_warm_pool_during_all_of_this(sites):
    sites.kernel_counts.append(len(kernel_processes(sites)))
    assert max(sites.kernel_counts) <= WARM_POOL, sites.kernel_counts
    for path in (f"/voila/render/{ESSAY}.ipynb", "/voila/render/second.ipynb"):
        assert "jupyter-config-data" not in call(sites, "GET", path).text, "these pages start no kernel"
