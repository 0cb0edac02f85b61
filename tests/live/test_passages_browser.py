"""Comments on a passage in a real Chromium on the live page (issue 24): select words, respond with the
keyboard, see the pending comment at its passage, approve, and find it in the margin at 1280 px and after
its paragraph at 390 px; without JavaScript, "Comment on this paragraph" does the same with a plain form."""

from __future__ import annotations

import pytest
from helpers.api_client import ESSAY, random_client, start_unthrottled, stored
from helpers.comment_pages import first_paragraph_link_without_javascript, narrow_to_phone, select_with_keys
from helpers.comment_pages import post_comment as post
from helpers.servers import stop_process
from test_accessibility_axe import audit, axe_source  # noqa: F401 - axe_source is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MS = 60_000
MULE = "A mule stops dead on a switchback"
PAGE = f"/voila/render/{ESSAY}.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    found = start_unthrottled(tmp_path_factory, "passages")
    yield found
    stop_process(found.proc)


def approve(db: str, body: str) -> str:
    from essaykit.comments.store import CommentStore

    [mine] = [c for c in stored(db, ESSAY) if c.body == body]
    with CommentStore.open(db) as store:
        store.set_status(mine.id, "approved", by="test")
    return mine.id


def test_select_respond_approve_then_margin_wide_and_after_the_paragraph_narrow(caret_browser, axe_source, server,
                                                                              tmp_path):
    context = caret_browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,  # axe, below
                                  extra_http_headers={"X-Forwarded-For": random_client()})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + PAGE)
    # A keyboard-only reader selects the words with Shift+arrows and presses the shortcut.
    page.locator("form[data-ek-comment-form]").wait_for(timeout=MS)
    select_with_keys(page, MULE)
    respond = page.get_by_role("button", name="Respond")
    respond.wait_for(state="visible", timeout=MS)
    assert respond.get_attribute("aria-keyshortcuts") == "Alt+R"
    page.keyboard.press("Alt+r")
    passage = page.locator("#ek-cf .ek-comment-form__passage")
    passage.wait_for(state="visible", timeout=MS)
    assert passage.inner_text() == f"On “{MULE}”"
    assert page.evaluate("() => document.activeElement.name") == "body", "the form opens at the comment box"
    body = "That mule is the whole film."
    post(page, body)
    pending = page.locator(".ek-anchor-notes--pending")
    pending.wait_for(state="visible", timeout=MS)
    assert body in pending.inner_text()
    [held] = [c for c in stored(server.db, ESSAY) if c.body == body]
    assert held.anchor.exact == MULE and held.anchor.block.startswith("ek-p-")
    assert held.anchor.suffix.startswith(" and refuses")

    cid = approve(server.db, body)
    page.goto(server.url + PAGE)
    mark = page.locator(f"#ek-a-{cid}")
    assert mark.inner_text() == MULE and mark.get_attribute("aria-describedby") == f"ek-am-{cid}"
    note = page.locator(f"#ek-am-{cid}")
    note.wait_for(state="visible", timeout=MS)
    paragraph = page.locator(f"p#{held.anchor.block}")
    assert note.bounding_box()["x"] >= paragraph.bounding_box()["x"] + paragraph.bounding_box()["width"], \
        "in the margin beside its paragraph"
    assert not page.locator(".ek-anchor-count").first.is_visible()
    assert page.locator(f"#ek-c-{cid} .ek-comment__on").inner_text() == f"on “{MULE}”"
    page.screenshot(path=str(tmp_path / "margin-1280.png"))
    assert audit(page, axe_source) == [], "marks, margin notes and paragraph links: nothing serious for axe"

    count = narrow_to_phone(page, held.anchor.block)
    assert count.inner_text() == "1 comment on this paragraph" and not note.is_visible()
    page.screenshot(path=str(tmp_path / "after-paragraph-390.png"), full_page=False)
    assert errors == []
    context.close()


def test_without_javascript_comment_on_this_paragraph_opens_the_form_on_it(browser, server):
    context, page, block = first_paragraph_link_without_javascript(browser, server.url + PAGE, random_client())
    page.wait_for_url(f"**?on={block}#ek-cf", timeout=MS)
    assert page.locator("#ek-cf .ek-comment-form__passage").inner_text().startswith("On “There is a shot")
    body = "Posted on a paragraph with JavaScript off."
    post(page, body)
    page.wait_for_url("**#ek-comment-pending", timeout=MS)
    [held] = [c for c in stored(server.db, ESSAY) if c.body == body]
    assert held.anchor.block == block and held.anchor.exact.startswith("There is a shot about twenty minutes")
    context.close()
