"""Readers comment on the live example essay under `essaykit serve`, in a real Chromium:
post, see a refusal that keeps their text, see the moderation notice, reply; the author
approves from the CLI. And a served reader can never reach moderation."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from essaykit.comments.moderation import HONEYPOT_FIELD
from helpers.browser import external_requests
from helpers.cli import run_essaykit
from helpers.comment_pages import ANSWER_MS, LOAD_MS, fill_form, open_comments, submit
from helpers.notebooks import code_cell

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ESSAY = "the-salt-road"


@pytest.fixture
def live(essay_dir, tmp_path, essaykit_server):
    """The example essay served by `essaykit serve` with a fresh SQLite database."""
    db = f"sqlite:///{tmp_path / 'live.sqlite'}"
    # Each browser context below is a reader at an address of its own (X-Forwarded-For from loopback).
    server = essaykit_server(essay_dir / f"{ESSAY}.ipynb", db=db, args=["--forwarded-allow-ips", "127.0.0.1"])
    server.db = db
    return server


def stored(db: str, essay: str = ESSAY):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        return store.list(essay)


def test_reader_posts_is_refused_keeps_text_then_replies(live, browser, page, tmp_path):
    open_comments(page, live.url + "/")
    for label in ("Name", "Email", "Website", "Comment"):
        assert page.get_by_label(label, exact=True).is_visible(), f"the form needs a field labelled {label}"
    trap = page.locator(f'input[name="{HONEYPOT_FIELD}"]')
    assert trap.count() == 1, "the form carries the honeypot field"
    assert trap.get_attribute("tabindex") == "-1" and trap.get_attribute("autocomplete") == "off"
    assert trap.evaluate("el => el.closest('[aria-hidden=true]') !== null"), "hidden from assistive technology"
    box = trap.evaluate("el => { const r = el.getBoundingClientRect(); return [r.right, getComputedStyle(el).display]; }")
    assert box[0] <= 0 and box[1] != "none", "off-screen for people, but not display:none for naive bots"
    page.screenshot(path=str(tmp_path / "1-empty.png"), full_page=True)

    # A bad email: the message names the field and nothing the reader typed is lost.
    typed = {"author": "Ada Lovelace", "email": "ada-at-example.org", "website": "https://ada.example/",
             "body": "The mule on the switchback *is* the film.\n\nA second paragraph, kept too."}
    fill_form(page, typed)
    said = submit(page)
    assert said["alert"].startswith("Email: "), f"the refusal names the field: {said['alert']!r}"
    assert said["values"]["author"] == typed["author"] and said["values"]["email"] == typed["email"]
    assert said["values"]["website"] == typed["website"] and said["values"]["body"] == typed["body"], \
        "everything the reader typed stays in the form"
    assert said["invalid"] == ["email"]
    assert page.evaluate("document.activeElement.name") == "email", "focus goes to the field to fix"
    page.screenshot(path=str(tmp_path / "2-refused.png"), full_page=True)
    assert stored(live.db) == []

    # Fixed: the comment waits for moderation and the form clears.
    page.get_by_label("Email", exact=True).fill("ada@example.org")
    said = submit(page)
    assert said["status"] == "Your comment is awaiting moderation.", said
    assert said["alert"] == "" and set(said["values"].values()) == {""}, "after success the form is empty"
    page.screenshot(path=str(tmp_path / "3-pending.png"), full_page=True)
    [comment] = stored(live.db)
    assert comment.status == "pending" and comment.author == "Ada Lovelace" and comment.website == "https://ada.example/"
    assert "ada@example.org" not in page.content(), "a reader's email never appears in the page"

    # The author approves from the command line; a reload shows the comment.
    result = run_essaykit("comments", "approve", comment.id, "--db", live.db)
    assert result.returncode == 0, result.stderr
    open_comments(page, live.url + "/")
    shown = page.locator(f"#ek-c-{comment.id}")
    shown.wait_for(state="visible", timeout=LOAD_MS)
    assert shown.locator(".ek-comment__author a").get_attribute("href") == "https://ada.example/"
    assert shown.locator(".ek-comment__author a").get_attribute("rel") == "nofollow ugc noopener"
    assert shown.locator(".ek-comment__body em").inner_text() == "is", "the body's Markdown is rendered"
    assert shown.locator("img.ek-comment__avatar").evaluate("img => img.complete && img.naturalWidth > 0"), \
        "the identicon is drawn locally"
    assert "ada@example.org" not in page.content()

    # Another reader replies: reply mode names whom they answer and can be cancelled.
    other = browser.new_context(viewport={"width": 1100, "height": 900},
                                extra_http_headers={"X-Forwarded-For": "192.0.2.44"}).new_page()
    try:
        open_comments(other, live.url + "/")
        other.get_by_role("button", name="Reply to Ada Lovelace").click()
        replying = other.locator(".ek-comment-form__replying")
        assert replying.is_visible() and replying.inner_text().startswith("Replying to Ada Lovelace")
        other.get_by_role("button", name="Cancel reply").click()
        assert replying.is_hidden(), "cancel leaves reply mode"
        other.get_by_role("button", name="Reply to Ada Lovelace").click()
        fill_form(other, {"author": "Bob", "email": "bob@example.org", "body": "The ending earns it."})
        other.screenshot(path=str(tmp_path / "4-replying.png"), full_page=True)
        said = submit(other)
        assert said["status"] == "Your comment is awaiting moderation.", said
        assert replying.is_hidden(), "after posting, the form leaves reply mode"
    finally:
        other.context.close()
    reply = next(c for c in stored(live.db) if c.author == "Bob")
    assert reply.parent == comment.id, "the reply is stored under the comment it answers"

    from essaykit.comments.store import CommentStore

    with CommentStore.open(live.db) as store:
        store.set_status(reply.id, "approved", by="author")
    open_comments(page, live.url + "/")
    nested = page.locator(f"#ek-c-{reply.id}")
    nested.wait_for(state="visible", timeout=LOAD_MS)
    assert nested.get_attribute("data-ek-depth") == "1"
    assert nested.locator(".ek-comment__reply-to").inner_text() == "in reply to Ada Lovelace"
    indent = nested.evaluate("el => parseFloat(getComputedStyle(el).marginLeft)")
    assert indent > 10, "a reply is indented under its parent"
    assert page.locator(".ek-comments__count").inner_text() == "2 comments"
    page.screenshot(path=str(tmp_path / "5-thread.png"), full_page=True)
    assert external_requests(page.requests_seen) == [], "comments load nothing from other sites"


def test_reader_sees_their_published_comment_at_once(live, page, tmp_path):
    from essaykit.comments.store import CommentStore

    from essaykit.comments.trust import KNOWN_COOKIE, mint_known

    with CommentStore.open(live.db) as store:  # a returning commenter: their email has an approved comment
        first = store.post(ESSAY, author="Cy", email="cy@example.org", body="Earlier words.")
        store.set_status(first.comment.id, "approved", by="author")
        # ...and their browser holds the signed "approved before" token (a confirmed email gives it too).
        token = mint_known(store, "cy@example.org")
    page.context.add_cookies([{"name": KNOWN_COOKIE, "value": token, "url": live.url + "/"}])
    open_comments(page, live.url + "/")
    fill_form(page, {"author": "Cy", "email": "cy@example.org", "body": "Back again, with *more*."})
    said = submit(page)
    assert said["status"] == "Thank you! Your comment is published."
    page.locator(".ek-comment-section__thread").get_by_text("Back again, with").wait_for(state="visible",
                                                                                        timeout=ANSWER_MS)
    assert page.locator(".ek-comments__count").inner_text() == "2 comments"


# --- a served reader can never reach moderation ----------------------------------------------------

ATTACK = """
async ({kernelId, pendingId}) => {
  const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api/kernels/${kernelId}/channels`);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('no websocket')); });
  const replies = [];
  ws.onmessage = (ev) => { try { replies.push(JSON.parse(ev.data)); } catch (e) { /* binary */ } };
  const session = crypto.getRandomValues(new Uint32Array(4)).join('-');
  let n = 0;
  const send = (channel, msg_type, content) => ws.send(JSON.stringify({
    channel, content, metadata: {}, parent_header: {}, buffers: [],
    header: { msg_id: `attack-${n++}`, msg_type, session, username: 'reader', version: '5.3', date: new Date().toISOString() },
  }));
  const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
  send('shell', 'comm_info_request', {});
  for (let i = 0; i < 600 && !replies.some((r) => r.msg_type === 'comm_info_reply'); i++) await wait(100);
  const info = replies.find((r) => r.msg_type === 'comm_info_reply');
  const comms = info ? Object.keys(info.content.comms || {}) : [];
  const customs = [
    { event: 'moderate', id: pendingId, action: 'approve' },
    { event: 'approve', id: pendingId }, { event: 'set_status', id: pendingId, status: 'approved' },
    { event: 'post', author: 'x', email: 'x@example.org', body: 'x', parent: pendingId },
  ];
  for (const comm_id of comms) {
    for (const content of customs) send('shell', 'comm_msg', { comm_id, data: { method: 'custom', content } });
    send('shell', 'comm_msg', { comm_id, data: { method: 'update', state: { enabled: true, essay: null }, buffer_paths: [] } });
  }
  const code = `from essaykit.comments.store import CommentStore\\nCommentStore.open().set_status(['${pendingId}'], 'approved', by='reader')`;
  send('shell', 'execute_request', { code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true });
  // The kernel answers shell requests in order: once this one is answered,
  // everything sent before it has been handled (or dropped on the way).
  send('shell', 'kernel_info_request', {});
  for (let i = 0; i < 600 && !replies.some((r) => r.msg_type === 'kernel_info_reply'); i++) await wait(100);
  await wait(500);
  ws.close();
  return { comms: comms.length, replies: replies.map((r) => [r.msg_type, r.content && r.content.status]) };
}
"""


def test_served_reader_cannot_moderate(essay_dir, tmp_path, essaykit_server, page):
    from essaykit.comments.store import CommentStore

    # The worst case: the author left a ModerationQueue in the published essay.
    nb = json.loads((essay_dir / f"{ESSAY}.ipynb").read_text(encoding="utf-8"))
    nb["cells"].append(code_cell("from essaykit import ModerationQueue\nModerationQueue()"))
    (essay_dir / f"{ESSAY}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    db_path = tmp_path / "guarded.sqlite"
    db = f"sqlite:///{db_path}"
    with CommentStore.open(db) as store:
        pending_id = store.post(ESSAY, author="Waiting", email="wait@example.org", body="Hold me.").comment.id
    # The ModerationQueue cell is live code: the page's kernel is what the attack below talks to.
    server = essaykit_server(essay_dir / f"{ESSAY}.ipynb", db=db, warm_kernels=1)

    # The page's widgets talk to its kernel over this socket: its URL names the kernel.
    with page.expect_websocket(lambda ws: "/channels" in ws.url, timeout=LOAD_MS) as channel:
        open_comments(page, server.url + "/")
        page.get_by_text("Moderation is only available to the author").wait_for(state="visible", timeout=LOAD_MS)
    for action in ("Approve", "Spam", "Delete"):
        assert page.get_by_role("button", name=action).count() == 0, f"no {action} button on a served page"
    assert "Hold me." not in page.content() and "wait@example.org" not in page.content(), \
        "pending comments and emails are not shown to readers"

    # No route: probe the APIs a Jupyter server usually has, and the database file.
    probes = ["/api/contents", "/api/sessions", "/api/kernels", "/lab", "/tree", "/files/",
              "/voila/files/.essaykit/comments.sqlite", "/.essaykit/comments.sqlite", f"/files/{db_path.name}",
              f"/voila/files/{db_path.name}", "/api/comments/approve"]
    for path in probes:
        for method in ("GET", "POST"):
            response = page.request.fetch(server.url + path, method=method, data="{}", fail_on_status_code=False)
            assert response.status in (403, 404, 405), f"{method} {path} answered {response.status}"
            assert b"SQLite format 3" not in response.body(), f"{path} must not hand out the database"
    # The comment API is public, and shows readers only what the page shows them.
    listed = page.request.get(f"{server.url}/api/comments?essay={ESSAY}")
    assert listed.status == 200 and "Hold me." not in listed.text() and "wait@example.org" not in listed.text()
    posted = page.request.fetch(server.url + "/api/comments", method="POST", data="{}", fail_on_status_code=False)
    assert posted.status == 403, "a post that names no page it comes from is refused"

    # No kernel message: talk to the page's own kernel the way devtools could.
    found = re.search(r"/api/kernels/([0-9a-f-]+)/channels", channel.value.url)
    assert found, f"the page's widgets talk to a kernel of their own: {channel.value.url}"
    kernel_id = found.group(1)
    outcome = page.evaluate(ATTACK, {"kernelId": kernel_id, "pendingId": pending_id})
    assert outcome["comms"] >= 2, f"the attack must reach the page's widgets to prove anything: {outcome}"
    assert ["kernel_info_reply", "ok"] in outcome["replies"], \
        f"the kernel answered the request sent after the attack, so the attack was handled: {outcome}"

    with CommentStore.open(db) as store:
        assert store.get(pending_id).status == "pending", f"a reader changed a comment's status: {outcome}"
        assert len(store.log(pending_id)) == 1, "nothing was logged: nothing changed"
    assert not any(kind == "execute_reply" and status == "ok" for kind, status in outcome["replies"]), \
        f"the served kernel ran code sent by a reader: {outcome['replies']}"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_long_thread_pages_with_show_more(essay_dir, tmp_path, essaykit_server, page):
    from essaykit.comments.store import CommentStore

    db = f"sqlite:///{tmp_path / 'long.sqlite'}"
    with CommentStore.open(db) as store:
        report = store.import_records([{
            "id": f"long-{i}", "essay": ESSAY, "parent": None, "author": f"Reader {i}", "email": f"r{i}@example.org",
            "website": "", "body": f"Comment number {i}.", "created": f"2026-02-01T10:{i // 60:02d}:{i % 60:02d}Z",
            "status": "approved", "kind": "comment", "source_url": "",
        } for i in range(120)])
        assert not report.failed
    server = essaykit_server(essay_dir / f"{ESSAY}.ipynb", db=db)
    open_comments(page, server.url + "/")
    assert page.locator(".ek-comment").count() == 50, "one page of the thread, not all of it"
    assert page.locator(".ek-comments__count").inner_text() == "120 comments"
    assert page.locator(".ek-comment .ek-comment__body").first.inner_text() == "Comment number 0.", "oldest first"
    more = page.get_by_role("button", name="Show more comments (70 more)")
    more.click()
    page.get_by_role("button", name="Show more comments (20 more)").click()
    page.get_by_text("Comment number 119.").wait_for(state="visible", timeout=ANSWER_MS)
    assert page.locator(".ek-comment").count() == 120
    assert page.get_by_role("button", name="Show more comments").count() == 0 or \
        page.get_by_role("button", name="Show more comments").is_hidden(), "nothing more to show"
