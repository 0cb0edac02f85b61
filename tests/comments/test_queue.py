"""The moderation queue both the ModerationQueue widget and JupyterLab's Comments panel show:
the likeliest spam first, with the filter's reason and what each comment answers."""

from __future__ import annotations

from essaykit._words import excerpt
from essaykit.comments.queue import pending_items
from essaykit.widgets.moderation import ModerationQueue
from helpers.queue import record


def test_the_likeliest_spam_comes_first_and_unscored_comments_last(store):
    report = store.import_records([record("a1", 0.2), record("b22", None), record("c333", 0.995),
                                   record("d4444", 0.7)])
    assert not report.errors
    items = pending_items(store)
    assert [i["id"] for i in items] == ["c333", "d4444", "a1", "b22"], [(i["id"], i["score"]) for i in items]
    assert items[0]["score"] == 0.995 and items[-1]["score"] is None


def test_each_item_says_what_it_answers(store):
    parent_body = "The long take in the station scene is the film's best minute. " * 5
    report = store.import_records([
        record("p1", None, status="approved", body=parent_body),
        record("r22", 0.4, parent="p1"),
        record("t333", 0.3),
        record("m4444", 0.9, kind="pingback", author="", source_url="https://films.example/post"),
        record("q55555", 0.2, anchor={"exact": "the long take", "prefix": "", "suffix": ""}),
        record("s666666", 0.1, anchor={"exact": "the cellarer meets her", "spoiler": True}),
    ])
    assert not report.errors
    by_id = {i["id"]: i for i in pending_items(store)}
    assert by_id["r22"]["answers"] == f"Reader p1: {excerpt(parent_body, 160)}" and by_id["r22"]["answers"].endswith("…")
    assert by_id["t333"]["answers"] == "the essay"
    assert by_id["m4444"]["answers"] == "links here from https://films.example/post"
    assert by_id["q55555"]["answers"] == "the passage “the long take”"
    assert by_id["s666666"]["answers"] == "a passage in a spoiler", "a spoiler's words stay out of the queue"


def test_the_widget_shows_the_same_queue(store, monkeypatch):
    for name in ("VOILA_KERNEL_ID", "ESSAYKIT_SERVE", "SERVER_SOFTWARE"):
        monkeypatch.delenv(name, raising=False)
    assert not store.import_records([record("a1", 0.2), record("c333", 0.995)]).errors
    widget = ModerationQueue(store=store, by="Maren")
    assert widget.items == pending_items(store)
    assert [i["id"] for i in widget.items] == ["c333", "a1"]
