"""CommentSection in the kernel: the reader lists, edits and deletes their own comment through the widget's
commands (``_mine``, ``_edit``, ``_delete``) into a real SQLite store, by the store's rules; nobody else can."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from essaykit.comments.moderation import Rules
from essaykit.widgets.comments import CommentSection
from helpers.widgets import front_end, invoke

ESSAY = "the-salt-road"
READER = "0123456789abcdef0123"  # a browser's reader id (_common.js readerId)


@pytest.fixture
def store_rules():
    return Rules.permissive()


def make(store, session="reader-a"):
    widget = CommentSection(ESSAY, store=store, session=session)
    widget.sent = []
    widget.send = lambda content, buffers=None: widget.sent.append(content)
    return widget


def post(widget, body="The mule scnee.", reader=None):
    answer = invoke(widget, "_post", {"author": "Ada", "email": "ada@example.org", "body": body, "reader": reader})
    assert answer["ok"], answer
    return answer["id"]


def test_the_writer_edits_then_deletes_their_comment_in_the_widget(store):
    widget = make(store)
    cid = post(widget)
    store.set_status(cid, "approved", by="test")
    mine = invoke(widget, "_mine", {})
    assert mine["ok"] and f'data-ek-own="{cid}"' in mine["html"] and "The mule scnee.</textarea>" in mine["html"], \
        "the writer is offered their comment's Edit and Delete"
    assert "action=" not in mine["html"], "the widget's forms post nowhere: only its script acts on them"

    edited = invoke(widget, "_edit", {"id": cid, "body": "The mule scene."})
    assert edited["ok"] and edited["status"] == "approved" and edited["notice"] == "Your comment is updated."
    assert "The mule scene." in widget.thread_html and "scnee" not in widget.thread_html, "the thread shows the edit"
    assert store.get(cid).edited is not None

    held = invoke(widget, "_edit", {"id": cid, "body": "The mule scene: https://spam.example"})
    assert held["status"] == "pending" and "awaiting moderation" in held["notice"], "an added link goes back"
    assert "spam.example" not in widget.thread_html

    gone = invoke(widget, "_delete", {"id": cid})
    assert gone == {"ok": True, "id": cid, "status": "deleted", "notice": "Your comment is deleted."}
    assert store.get(cid).status == "deleted" and store.get(cid).body == ""
    assert f'data-ek-own="{cid}"' not in invoke(widget, "_mine", {})["html"], "a deleted comment is not offered"


@pytest.mark.parametrize("command, msg", [("_edit", {"body": "Mine now."}), ("_delete", {})])
def test_another_reader_cannot_edit_or_delete_it(store, command, msg):
    cid = post(make(store))
    other = make(store, session="reader-b")
    assert f'data-ek-own="{cid}"' not in invoke(other, "_mine", {})["html"], "nobody else gets the forms"
    answer = invoke(other, command, {"id": cid, **msg})
    assert answer["ok"] is False and "only your own comments" in answer["message"], answer
    assert store.get(cid).body == "The mule scnee." and store.get(cid).status == "pending"


@pytest.mark.parametrize("cid", [None, 7, ["x"], "", "../etc/passwd", "no-such-comment"])
def test_forged_ids_are_refused_alike(store, cid):
    widget = make(store)
    post(widget)
    for command in ("_edit", "_delete"):
        answer = invoke(widget, command, {"id": cid, "body": "x"})
        assert answer["ok"] is False and answer["message"], answer
    assert [c.body for c in store.list()] == ["The mule scnee."]


def test_after_the_window_an_edit_is_refused_and_a_delete_is_not(store):
    old = store.post(ESSAY, author="Ada", email="ada@example.org", body="Long ago.", session="reader-a",
                     now=datetime.now(timezone.utc) - timedelta(minutes=16)).comment.id
    widget = make(store)
    assert f"{old}-body" not in invoke(widget, "_mine", {})["html"], "no edit box after the window"
    answer = invoke(widget, "_edit", {"id": old, "body": "Rewritten."})
    assert answer["ok"] is False and "15 minutes" in answer["message"] and answer["field"] == "body"
    assert store.get(old).body == "Long ago."
    assert invoke(widget, "_delete", {"id": old})["ok"] is True


def test_the_browsers_reader_id_owns_what_it_posted(store, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_SESSION", raising=False)
    widget = make(store, session=None)
    cid = post(widget, reader=READER)
    assert invoke(widget, "_edit", {"id": cid, "body": "Forged.", "reader": "f" * 20})["ok"] is False, \
        "another browser's id in the same kernel"
    assert invoke(widget, "_edit", {"id": cid, "body": "Kept.", "reader": READER})["ok"] is True


def test_under_essaykit_serve_the_kernel_refuses_and_redraws_when_the_page_says(store, store_url, monkeypatch):
    """posts_to_api: the reader's cookie owns their comments; the page edits through the API."""
    from essaykit.names import ENV_DB, ENV_SERVE, ENV_SLUG

    for name, value in ((ENV_DB, store_url), (ENV_SERVE, "1"), (ENV_SLUG, ESSAY)):
        monkeypatch.setenv(name, value)
    served = make(None, session=None)
    cid = store.post(ESSAY, author="Ada", email="ada@example.org", body="Before.", session="kernel-s").comment.id
    store.set_status(cid, "approved", by="test")
    for command in ("_mine", "_edit", "_delete"):
        assert invoke(served, command, {"id": cid, "body": "After."})["ok"] is False
    assert invoke(served, "_edit", "not an object")["ok"] is False
    store.edit_own(cid, "kernel-s", "After.")  # as the API would, for the cookie's session
    front_end(served, "custom", {"event": "changed"})
    assert "After." in served.thread_html, "the page said it changed one: the kernel redraws"
