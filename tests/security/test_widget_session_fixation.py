"""Attack: session fixation through the comment section a kernel draws (a ``CommentSection`` cell the server
cannot draw itself, so the reader's kernel runs it). The attacker plants their own genuine session in the
victim's browser; the victim's kernel is started for that session and, before, stored the victim's comment
under it: a kernel cannot set the browser's cookie, so nothing rotated it, and the attacker owned the
victim's held comment (and would have earned their "approved before" token).

Defence: under ``essaykit serve`` the widget's page posts through the comment API (``posts_to_api``), whose
answer rotates the session in the same request that stores the comment; the kernel still draws the thread.
"""

from __future__ import annotations

import json

import pytest
from helpers.api_client import UNTHROTTLED
from helpers.comment_pages import ANSWER_MS, fill_form, open_comments, submit
from helpers.hardening import request, set_cookies
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

from essaykit.comments.sessions import Sessions
from essaykit.comments.store import CommentStore

COOKIE = "essaykit_reader"
SLUG = "widget-thread"
# A call the server cannot read without running it (essaykit.widgets._recognize): the kernel draws this one.
KERNEL_DRAWN = "from essaykit import CommentSection\nimport math\nCommentSection(per_page=math.floor(10.5))"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("widget-fixation")
    folder = base / "essays"
    folder.mkdir()
    essay = notebook([md_cell("A thread the kernel draws."), code_cell(KERNEL_DRAWN)],
                     essay={"title": "Widget thread", "slug": SLUG})
    (folder / f"{SLUG}.ipynb").write_text(json.dumps(essay), encoding="utf-8")
    (base / "rules.json").write_text(json.dumps(UNTHROTTLED), encoding="utf-8")  # two tests post from one address
    server = serve_essaykit(folder, log=base / "server.log", db=f"sqlite:///{base / 'c.sqlite'}", warm_kernels=1,
                            env={"ESSAYKIT_MODERATION": str(base / "rules.json")})
    server.db = f"sqlite:///{base / 'c.sqlite'}"
    yield server
    stop_process(server.proc)


def session_of(db: str, token: str) -> str | None:
    with CommentStore.open(db) as store:
        return Sessions.for_store(store).verify(token)


def test_a_comment_posted_in_a_kernel_widget_is_not_owned_by_a_planted_session(server, page):
    _status, pairs, _ = request(server, "GET", f"/voila/render/{SLUG}.ipynb")
    planted = next(line.split(";")[0].split("=", 1)[1] for line in set_cookies(pairs) if line.startswith(COOKIE + "="))
    page.context.add_cookies([{"name": COOKIE, "value": planted, "url": server.url}])

    open_comments(page, server.url + f"/voila/render/{SLUG}.ipynb")
    assert page.locator(".ek-live-cell .ek-comment-form").count() == 1, "the section is the kernel's widget"
    secret = "Held words from the widget, 5e2a."
    fill_form(page, {"author": "Victim", "email": "victim-widget@example.org", "body": secret})
    said = submit(page)
    assert "awaiting moderation" in said["status"], said
    page.locator("[data-ek-mine] .ek-comment", has_text=secret).wait_for(timeout=ANSWER_MS)

    now = next(c["value"] for c in page.context.cookies(server.url) if c["name"] == COOKIE)
    assert now != planted, "posting rotated the victim's session"
    with CommentStore.open(server.db) as store:
        assert [c.body for c in store.own_pending(SLUG, session_of(server.db, now))] == [secret], \
            "the victim's new session owns their comment"
        assert store.own_pending(SLUG, session_of(server.db, planted)) == [], \
            "the planted session owns nothing the victim posted"


def test_the_writer_edits_and_deletes_in_the_kernels_widget_through_the_api(server, page):
    """The same section a kernel draws: the writer's own comment gets Edit and Delete (the API's, whose
    cookie owns it), and the kernel redraws the thread when the page says it changed."""
    from essaykit.comments.store import CommentStore

    open_comments(page, server.url + f"/voila/render/{SLUG}.ipynb")
    fill_form(page, {"author": "Widget Writer", "email": "widget-writer@example.org", "body": "Widget tpyo."})
    said = submit(page)
    assert "awaiting moderation" in said["status"], said
    with CommentStore.open(server.db) as store:
        [mine] = [c for c in store.list() if c.author == "Widget Writer"]
        store.set_status(mine.id, "approved", by="test")
    box = page.locator(f".ek-live-cell #ek-yours-{mine.id}-body")
    box.fill("Widget typo fixed.")
    page.locator(f"#ek-yours-{mine.id} .ek-yours__edit button").click()
    page.locator(".ek-yours__status", has_text="Your comment is updated.").wait_for(timeout=ANSWER_MS)
    page.locator(".ek-comment-section__thread", has_text="Widget typo fixed.").wait_for(timeout=ANSWER_MS)
    page.locator(f"#ek-yours-{mine.id} .ek-yours__delete button").click()
    page.locator(".ek-yours__status", has_text="Your comment is deleted.").wait_for(timeout=ANSWER_MS)
    page.locator(".ek-comment-section__thread", has_text="Widget typo fixed.").wait_for(state="detached",
                                                                                        timeout=ANSWER_MS)
    with CommentStore.open(server.db) as store:
        assert store.get(mine.id).status == "deleted"
