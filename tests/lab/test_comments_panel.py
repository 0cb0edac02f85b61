"""JupyterLab's Comments panel in Chromium: the queue of every essay, the likeliest spam first with the
filter's reason and what each answers; the bulk spam action, the A/D/R keys and a reply, each checked in the
database the route writes to."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from essaykit.comments.store import CommentStore
from essaykit.db.schema import comments
from helpers.lab import LONG, start_lab, stop_lab
from helpers.queue import ESSAY, queue_site, record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REASON = "filter 0.60: link to films.example, word 'cinema'"


@pytest.fixture(scope="module")
def lab(tmp_path_factory, browser):
    work = tmp_path_factory.mktemp("lab-comments")
    root, db = queue_site(work, [
        record("parent1", None, status="approved", body="The station scene is the film's best minute."),
        record("spam1", 0.995, body="Cheap essays at best-essay.top"),
        record("spam2", 0.992, body="Buy followers at followers.shop"),
        record("mid1", 0.6, parent="parent1", body="I disagree about the station."),
        record("low1", 0.1, body="Lovely piece."),
        record("plain1", None, body="First!"),
    ])
    with CommentStore.open(db) as store:
        # The reason is the filter's, written when a comment arrives; an import carries only the score.
        with store.writing() as conn:
            conn.execute(sa.update(comments).where(comments.c.public_id == "mid1").values(spam_reason=REASON))
    server = start_lab(root, work, env={"ESSAYKIT_DB": db})
    server.db = db
    yield server
    stop_lab(server)


def status_of(lab, cid) -> str:
    with CommentStore.open(lab.db) as store:
        return store.get(cid).status


def test_the_author_sweeps_the_queue_with_the_bulk_action_and_the_keyboard(lab, page):
    from playwright.sync_api import expect

    page.goto(f"{lab.url}/lab?reset", timeout=LONG)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands.hasCommand('essaykit:open-comments')",
                           timeout=LONG)
    # Once JupyterLab has restored its layout (else the restored layout may close the panel again).
    page.evaluate("() => window.jupyterapp.restored.then(() => window.jupyterapp.commands.execute('essaykit:open-comments'))")
    items = page.locator(".ek-lab-comments .ek-lab-comment")
    try:
        expect(items).to_have_count(5, timeout=LONG)
    except AssertionError as exc:  # say what the panel and the server said instead
        panel = page.locator(".ek-lab-comments")
        shown = panel.inner_text() if panel.count() else "(no Comments panel)"
        raise AssertionError(f"{exc}\n--- the panel ---\n{shown}\n--- JupyterLab log ---\n{lab.output()[-3000:]}") from None
    order = items.evaluate_all("els => els.map(e => e.dataset.ekPending)")
    assert order == ["spam1", "spam2", "mid1", "low1", "plain1"], "the likeliest spam first, unscored last"
    mid = page.locator('[data-ek-pending="mid1"]')
    expect(mid.locator(".ek-lab-comment-reason")).to_have_text(REASON)
    expect(mid.locator(".ek-lab-comment-answers")).to_have_text(
        "In reply to Reader parent1: The station scene is the film's best minute.")

    bulk = page.get_by_role("button", name="Mark the 2 comments scored over 0.99 as spam")
    bulk.click()
    expect(items).to_have_count(3, timeout=LONG)
    expect(page.locator(".ek-lab-comments-status")).to_have_text("2 comments marked spam.")
    assert (status_of(lab, "spam1"), status_of(lab, "spam2")) == ("spam", "spam")
    expect(bulk).to_be_hidden()

    mid.focus()
    page.keyboard.press("a")
    expect(page.locator('[data-ek-pending="mid1"]')).to_have_count(0, timeout=LONG)
    assert status_of(lab, "mid1") == "approved"
    low = page.locator('[data-ek-pending="low1"]')
    expect(low).to_be_focused()  # the next comment takes the decided one's place
    page.keyboard.press("d")
    expect(low).to_have_count(0, timeout=LONG)
    assert status_of(lab, "low1") == "deleted"

    plain = page.locator('[data-ek-pending="plain1"]')
    expect(plain).to_be_focused()
    page.keyboard.press("r")
    box = plain.locator("textarea")
    expect(box).to_be_focused()
    box.type("Thanks, and a dull answer.")  # "a" and "d" typed here are letters, not actions
    assert status_of(lab, "plain1") == "pending"
    plain.get_by_role("button", name="Approve and reply", exact=True).click()
    expect(page.locator(".ek-lab-comments-empty")).to_have_text("Nothing is waiting for you.", timeout=LONG)
    with CommentStore.open(lab.db) as store:
        assert store.get("plain1").status == "approved"
        [reply] = [c for c in store.list(ESSAY, "approved") if c.parent == "plain1"]
        assert reply.by_author and reply.body == "Thanks, and a dull answer."
    assert not page.console_errors, page.console_errors
