"""A reader edits their own comment within the window and deletes it at any time; nobody else can."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from essaykit.comments.moderation import Rules, held_by_edit
from essaykit.errors import CommentError, EditClosed, NotYourComment

ESSAY = "the-salt-road"
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def store_rules():
    return Rules.permissive()


def posted(store, session="s-ada", body="The mule scene.", approve=True, **kw):
    result = store.post(ESSAY, author="Ada", email="ada@example.org", body=body, session=session, now=T0, **kw)
    if approve:
        store.set_status(result.comment.id, "approved", by="test")
    return result.comment.id


def test_the_writer_edits_within_the_window_and_the_comment_says_edited(store):
    cid = posted(store)
    edited = store.edit_own(cid, "s-ada", "The *mule* scene, twice.", now=T0 + timedelta(minutes=14))
    assert edited.body == "The *mule* scene, twice." and edited.status == "approved", "the decision stands"
    assert edited.edited == T0 + timedelta(minutes=14)
    [shown] = [c for c in store.thread(ESSAY).items if c.id == cid]
    assert shown.edited is not None and "twice" in shown.body


def test_an_edit_that_adds_links_goes_back_to_the_author(store):
    cid = posted(store)
    edited = store.edit_own(cid, "s-ada", "See https://spam.example and www.spam.example", now=T0 + timedelta(minutes=1))
    assert edited.status == "pending", "an edit that adds links waits for the author again"
    assert store.log(cid)[-1]["by"] == "reader" and "links added" in store.log(cid)[-1]["reason"]
    assert cid not in [c.id for c in store.thread(ESSAY).items]


@pytest.mark.parametrize("old, new, held", [
    ("Plain words.", "Plain words, fixed.", False),
    ("One link https://a.example", "One link https://b.example", False),
    ("No link.", "A link https://a.example", True),
    ("Nice film.", "Nice film. Cheap viagra.", True),
    ("Mentions viagra already.", "Mentions viagra already, twice.", False),
])
def test_which_edits_send_a_comment_back(old, new, held):
    assert (held_by_edit(old, new, Rules()) is not None) is held


@pytest.mark.parametrize("who, when, error", [
    ("s-bob", 1, NotYourComment),   # another browser
    ("", 1, NotYourComment),        # no session at all
    ("s-ada", 16, EditClosed),      # after the 15-minute window
])
def test_nobody_else_edits_and_nobody_edits_late(store, who, when, error):
    cid = posted(store)
    with pytest.raises(error):
        store.edit_own(cid, who, "Changed.", now=T0 + timedelta(minutes=when))
    assert store.get(cid).body == "The mule scene.", "nothing changed"


def test_the_same_email_from_another_browser_proves_nothing(store):
    cid = posted(store)
    posted(store, session="s-mallory", body="Hello from the same email.")
    with pytest.raises(NotYourComment):
        store.edit_own(cid, "s-mallory", "Taken over.", now=T0 + timedelta(minutes=1))
    with pytest.raises(NotYourComment):
        store.delete_own(cid, "s-mallory")


def test_unknown_ids_and_the_authors_replies_get_the_same_refusal(store):
    cid = posted(store)
    reply = store.reply(cid, "Thanks.", author="The author", by="test")
    for target in ("nope0000", reply.id, "../x", 7):
        with pytest.raises(NotYourComment) as caught:
            store.delete_own(target, "s-ada")
        assert str(caught.value) == str(NotYourComment())


def test_a_moved_session_owns_nothing_any_more(store):
    cid = posted(store)
    store.move_session("s-ada", "s-ada-2")
    with pytest.raises(NotYourComment):
        store.edit_own(cid, "s-ada", "Replayed.", now=T0 + timedelta(minutes=1))
    assert store.edit_own(cid, "s-ada-2", "Mine still.", now=T0 + timedelta(minutes=1)).body == "Mine still."


def test_delete_leaves_a_tombstone_that_keeps_the_replies_in_place(store):
    cid = posted(store)
    reply = store.post(ESSAY, author="Bob", email="bob@example.org", body="I agree.", parent=cid, session="s-bob",
                       now=T0 + timedelta(minutes=1)).comment
    store.set_status(reply.id, "approved", by="test")
    store.delete_own(cid, "s-ada", now=T0 + timedelta(days=30))
    items = store.thread(ESSAY).items
    assert [c.id for c in items] == [cid, reply.id], "the reply keeps its place"
    assert items[0].is_tombstone and items[0].author == "" and items[1].parent == cid
    gone = store.get(cid)
    assert (gone.status, gone.body, gone.author, gone.email, gone.website) == ("deleted", "", "", "", "")
    assert store.own_comments(ESSAY, "s-ada") == []
    with pytest.raises(NotYourComment):
        store.edit_own(cid, "s-ada", "Back again.", now=T0 + timedelta(minutes=2))


def test_an_edit_is_checked_like_a_new_comment(store):
    cid = posted(store)
    with pytest.raises(CommentError) as caught:
        store.edit_own(cid, "s-ada", "   ", now=T0 + timedelta(minutes=1))
    assert caught.value.field == "body"


def test_edit_minutes_is_a_moderation_setting(tmp_path):
    (tmp_path / "rules.json").write_text('{"edit_minutes": 60}')
    assert Rules.from_file(tmp_path / "rules.json").edit_minutes == 60
    (tmp_path / "rules.json").write_text('{"edit_minutes": -1}')
    with pytest.raises(Exception, match="edit_minutes"):
        Rules.from_file(tmp_path / "rules.json")
