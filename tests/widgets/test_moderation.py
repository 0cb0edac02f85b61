"""ModerationQueue: the author approves, marks spam or deletes pending comments; in a kernel
that serves readers it does nothing at all. The browser test drives it in real JupyterLab."""

from __future__ import annotations

import json

import pytest

from essaykit.errors import WidgetError
from essaykit.widgets.moderation import SERVED_NOTE, ModerationQueue, served_to_readers
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.widgets import front_end

ESSAY = "the-salt-road"
SERVED_ENV = ["VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_BASE_URL", "VOILA_SERVER_URL", "VOILA_REQUEST_URL",
              "ESSAYKIT_SERVE", "SERVER_SOFTWARE"]


@pytest.fixture(autouse=True)
def not_served(monkeypatch):
    for name in SERVED_ENV:
        monkeypatch.delenv(name, raising=False)


def pending(store, essay=ESSAY, n=1):
    ids = []
    for i in range(n):
        r = store.post(essay, author=f"Reader {i}", email=f"r{i}-{essay}@example.org", body=f"comment {i} on {essay}")
        ids.append(r.comment.id)
    return ids


def make(store, **kwargs):
    widget = ModerationQueue(store=store, by="Maren", **kwargs)
    widget.sent = []
    widget.send = lambda content, buffers=None: widget.sent.append(content)
    return widget


def test_lists_pending_of_every_essay_by_default(store):
    pending(store, ESSAY, 2)
    pending(store, "another-essay", 1)
    assert len(make(store).items) == 3
    assert [i["essay"] for i in make(store, essay="another-essay").items] == ["another-essay"]


def test_items_show_the_author_what_to_judge(store):
    [cid] = pending(store)
    item = make(store).items[0]
    assert item["id"] == cid and item["author"] == "Reader 0" and item["email"] == f"r0-{ESSAY}@example.org"
    assert item["body_html"] == "<p>comment 0 on the-salt-road</p>\n"


@pytest.mark.parametrize("action,status", [("approve", "approved"), ("spam", "spam"), ("delete", "deleted")])
def test_each_button_changes_the_status_and_logs_who(store, action, status):
    [cid] = pending(store)
    widget = make(store)
    front_end(widget, "custom", {"event": "act", "request": {"action": action, "ids": [cid]}})
    assert widget.sent[-1]["ok"] is True
    assert store.get(cid).status == status
    assert store.log(cid)[-1]["by"] == "Maren" and store.log(cid)[-1]["new"] == status, "the log says who and what"
    assert widget.items == [], "a decided comment leaves the queue"
    assert f"marked {status}" in widget.message


def test_only_comments_in_the_queue_can_be_changed(store):
    [cid] = pending(store)
    store.set_status(cid, "approved", by="cli")
    other = store.post("x-essay", author="Z", email="z@example.org", body="z").comment.id
    widget = make(store, essay=ESSAY)
    for request in ({"action": "delete", "ids": [cid]},       # not pending any more
                    {"action": "approve", "ids": [other]},    # another essay's queue
                    {"action": "approve", "ids": ["nope"]},
                    {"action": "promote", "ids": [cid]},
                    {"action": "approve", "ids": [["a"]]},
                    {"action": "spam", "ids": [cid, other]}):  # one outside the queue refuses them all
        message = {"event": "act", "request": request}
        front_end(widget, "custom", message)
        assert widget.sent[-1]["ok"] is False, message
    for message in ({"event": "moderate", "id": other, "action": "approve"}, {"event": "act"}, ["act"]):
        front_end(widget, "custom", message)
        assert widget.sent[-1]["ok"] is False, message
    assert store.get(cid).status == "approved" and store.get(other).status == "pending"


def test_the_bulk_action_marks_every_comment_scored_over_the_bulk_score_as_spam(store):
    from helpers.queue import record

    assert not store.import_records([record("s1", 0.995), record("s22", 0.999), record("k333", 0.99),
                                     record("h4444", 0.2)]).errors
    widget = make(store)
    assert widget.bulk_score == 0.99
    front_end(widget, "custom", {"event": "act", "request": {"action": "spam", "ids": ["s1", "s22"]}})
    assert widget.sent[-1] == {"event": "result", "ok": True, "message": "2 comments marked spam."}, \
        "the route's answer, from the route's code"
    assert [i["id"] for i in widget.items] == ["k333", "h4444"], "a score of exactly 0.99 is not over it"
    assert widget.spam_over() is False and "No comment" in widget.message
    assert widget.spam_over(0.1) is True and widget.items == []
    assert {store.get(i).status for i in ("s1", "s22", "k333", "h4444")} == {"spam"}
    assert store.log("h4444")[-1]["by"] == "Maren"


def test_front_end_cannot_set_its_state(store):
    pending(store)
    widget = make(store)
    before = list(widget.items)
    front_end(widget, "update", {"items": [], "enabled": True, "essay": "other"})
    assert widget.items == before and widget.essay is None


@pytest.mark.parametrize("env", [("VOILA_KERNEL_ID", "abc"), ("VOILA_PREHEAT", "True"),
                                 ("SERVER_SOFTWARE", "voila/0.5.13"), ("ESSAYKIT_SERVE", "1")])
def test_in_a_served_kernel_it_refuses_everything(store, monkeypatch, env):
    [cid] = pending(store)
    monkeypatch.setenv(*env)
    assert served_to_readers()
    widget = make(store)
    assert widget.enabled is False and widget.items == [] and widget.message == SERVED_NOTE, \
        "a served page shows no pending comments and no buttons"
    front_end(widget, "custom", {"event": "act", "request": {"action": "approve", "ids": [cid]}})
    assert widget.sent[-1]["ok"] is False
    assert widget.approve(cid) is False
    assert store.get(cid).status == "pending" and len(store.log(cid)) == 1, "nothing changed, nothing logged"


def test_a_queue_built_before_serving_still_refuses_when_served(store, monkeypatch):
    [cid] = pending(store)
    widget = make(store)
    monkeypatch.setenv("VOILA_KERNEL_ID", "abc")
    assert widget.approve(cid) is False and store.get(cid).status == "pending"


def test_never_in_an_export(store):
    pending(store)
    data, _ = make(store)._repr_mimebundle_()
    assert data["text/html"] == "", "pending comments and emails never reach an exported page"


@pytest.mark.parametrize("kwargs", [{"essay": "Bad Slug"}, {"essay": 3}, {"by": ""}, {"by": 5}])
def test_bad_arguments_are_refused(store, kwargs):
    with pytest.raises(WidgetError):
        ModerationQueue(store=store, **kwargs)


# --- in JupyterLab, with a real Chromium ----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_author_approves_in_jupyterlab(jupyterlab_server, page, tmp_path):
    from essaykit.comments.store import CommentStore

    root = tmp_path / "lab"
    root.mkdir()
    db = f"sqlite:///{tmp_path / 'lab.sqlite'}"
    with CommentStore.open(db) as store:
        [keep] = pending(store)
        junk = store.post(ESSAY, author="Spammer", email="spam@example.org", body="cheap pills here").comment.id
        from helpers.queue import record

        assert not store.import_records([record("sure1", 0.995)]).errors  # the filter is sure of this one
    nb = notebook([md_cell("# Moderation"),
                   code_cell(f"from essaykit import CommentSection\nCommentSection(essay={ESSAY!r})"),
                   code_cell("from essaykit import ModerationQueue\nModerationQueue()")],
                  essay={"title": "Moderation", "slug": "moderation"})
    (root / "moderate.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = jupyterlab_server(root, env={"ESSAYKIT_DB": db})

    page.set_default_timeout(240_000)
    page.goto(f"{server.url}/lab/tree/moderate.ipynb", timeout=240_000)
    page.locator(".jp-Notebook .jp-Cell").nth(1).wait_for(state="visible")
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(state="visible")  # the kernel is up
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # The comment form works in JupyterLab too: a comment posted there joins the queue.
    page.get_by_role("button", name="Post comment", exact=True).wait_for(state="visible")
    page.get_by_label("Name", exact=True).fill("Lab Reader")
    page.get_by_label("Email", exact=True).fill("lab@example.org")
    page.get_by_label("Comment", exact=True).fill("Posted from JupyterLab.")
    page.get_by_role("button", name="Post comment", exact=True).click()
    page.locator(".ek-comment-form__status").filter(has_text="Your comment is awaiting moderation.").wait_for(
        state="visible")
    assert "Posted from JupyterLab." in page.locator("[data-ek-mine]").inner_text(), \
        "the poster keeps seeing their held comment"
    assert "awaiting moderation" not in page.locator("[data-ek-mine]").inner_text(), "said once, by the status line"
    # The poster fixes it in place, through the kernel (the widget's _edit), as the reader this browser is.
    page.locator(".ek-yours__edit textarea").fill("Posted from JupyterLab, edited.")
    page.get_by_role("button", name="Save the edit", exact=True).click()
    page.locator(".ek-yours__status").filter(has_text="Your edit is awaiting moderation.").wait_for(state="visible")
    assert "Posted from JupyterLab, edited." in page.locator("[data-ek-mine]").inner_text(), "the held copy too"
    page.get_by_role("button", name="Refresh", exact=True).click()
    page.get_by_role("button", name="Approve comment by Lab Reader").wait_for(state="visible")
    approve = page.get_by_role("button", name="Approve comment by Reader 0")
    approve.wait_for(state="visible")
    assert page.get_by_role("button", name="Spam comment by Spammer").is_visible()
    assert page.get_by_role("button", name="Delete comment by Reader 0").is_visible()
    page.screenshot(path=str(tmp_path / "moderation-lab.png"))
    approve.click()
    page.get_by_text("Comment by Reader 0 marked approved.").wait_for(state="visible")
    page.get_by_role("button", name="Spam comment by Spammer").click()
    page.get_by_text("Comment by Spammer marked spam.").wait_for(state="visible")
    page.get_by_role("button", name="Mark the 1 comment scored over 0.99 as spam").click()
    page.get_by_text("Comment by Reader sure1 marked spam.").wait_for(state="visible")
    page.get_by_role("button", name="Approve comment by Lab Reader").click()
    page.get_by_text("0 comments awaiting moderation").wait_for(state="visible")
    page.screenshot(path=str(tmp_path / "moderation-lab-done.png"))
    with CommentStore.open(db) as store:
        assert store.get(keep).status == "approved", "the click must reach the database"
        assert store.get(junk).status == "spam" and store.get("sure1").status == "spam"
        assert store.log(keep)[-1]["by"].endswith("(ModerationQueue)")
        [lab] = [c for c in store.list(ESSAY) if c.author == "Lab Reader"]
        assert lab.status == "approved" and lab.body == "Posted from JupyterLab, edited."
