"""A reader without JavaScript posts, edits and deletes their own comment on the live page in a real
Chromium (plain forms, POST-redirect-GET); another browser never sees the forms."""

from __future__ import annotations

import pytest
from helpers.api_client import ESSAY, start_unthrottled, stored
from helpers.servers import stop_process

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    found = start_unthrottled(tmp_path_factory, "own-browser")
    yield found
    stop_process(found.proc)


def test_post_edit_delete_without_javascript(browser, server):
    page_url = f"{server.url}/voila/render/{ESSAY}.ipynb"
    context = browser.new_context(java_script_enabled=False)
    other = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(MS)
        page.goto(page_url)
        page.fill("#ek-cf-author", "Nojs Reader")
        page.fill("#ek-cf-email", "nojs@example.org")
        page.fill("#ek-cf-body", "Teh mule scene.")
        page.click(".ek-comment-form__submit")
        page.wait_for_url("**#ek-comment-pending")
        [mine] = [c for c in stored(server.db, ESSAY) if c.author == "Nojs Reader"]

        box = page.locator(f"#ek-yours-{mine.id}-body")
        assert box.input_value() == "Teh mule scene.", "the writer's own comment is offered for editing"
        box.fill("The mule scene.")
        page.click(f"#ek-yours-{mine.id} .ek-yours__edit button")
        page.wait_for_url("**#ek-comment-edited")
        assert page.locator("#ek-comment-edited").is_visible(), "the page says the edit waits, by :target"
        assert [c.body for c in stored(server.db, ESSAY) if c.id == mine.id] == ["The mule scene."]

        stranger = other.new_page()
        stranger.goto(page_url)
        assert stranger.locator(f"#ek-yours-{mine.id}").count() == 0, "nobody else gets the forms"

        page.click(f"#ek-yours-{mine.id} .ek-yours__delete button")
        page.wait_for_url("**#ek-comment-deleted")
        assert page.locator("#ek-comment-deleted").is_visible()
        assert page.locator(f"#ek-yours-{mine.id}").count() == 0, "a deleted comment is no longer offered"
        assert [c.status for c in stored(server.db, ESSAY) if c.id == mine.id] == ["deleted"]
    finally:
        context.close()
        other.close()


def test_with_javascript_the_script_edits_and_deletes_in_place(browser, server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(MS)
        page.goto(f"{server.url}/voila/render/{ESSAY}.ipynb")
        page.fill("#ek-cf-author", "Scripted Reader")
        page.fill("#ek-cf-email", "scripted@example.org")
        page.fill("#ek-cf-body", "Posted by the scrpt.")
        page.click(".ek-comment-form__submit")
        page.wait_for_selector(".ek-comments__list--mine .ek-comment--pending")  # the script shows it in place
        [mine] = [c for c in stored(server.db, ESSAY) if c.author == "Scripted Reader"]
        box = page.locator(f"#ek-yours-{mine.id}-body")  # drawn by the script with the post, no reload
        box.fill("Posted by the script.")
        page.click(f"#ek-yours-{mine.id} .ek-yours__edit button")
        page.locator(".ek-yours__status", has_text="Your edit is awaiting moderation.").wait_for()
        assert "#" not in page.url, "no page load: the script sent the PATCH"
        assert [c.body for c in stored(server.db, ESSAY) if c.id == mine.id] == ["Posted by the script."]
        assert "Posted by the script." in page.locator(".ek-comments__list--mine").inner_text(), \
            "the held copy shown to the writer is the edited one"

        page.click(f"#ek-yours-{mine.id} .ek-yours__delete button")
        page.locator(".ek-yours__status", has_text="Your comment is deleted.").wait_for()
        assert page.locator(f"#ek-yours-{mine.id}").count() == 0
        assert page.locator(".ek-comments__list--mine", has_text="Posted by the script.").count() == 0
        assert [c.status for c in stored(server.db, ESSAY) if c.id == mine.id] == ["deleted"]
        page.reload()
        assert page.get_by_text("Posted by the script.").count() == 0, "this browser keeps no copy either"
    finally:
        context.close()
