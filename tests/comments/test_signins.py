"""Readers signed in to comment, in the store (SQLite and PostgreSQL): the verified name and website win over
what was typed, the first comment of an identity waits for the author and its approval lets the next ones
through, sign-ins follow the session and go with sign-out and erasure, and a sign-in under way works once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from essaykit.comments.moderation import Rules
from essaykit.comments.signins import Identity
from essaykit.comments.statements import naive_utc
from essaykit.db.schema import sign_in_flows
from essaykit.errors import NotYourComment
from essaykit.live.api.service import public_item
from essaykit.mail import people

ESSAY = "the-salt-road"
ADA = Identity("indieauth", "https://ada.example/", name="Ada Lovelace", website="https://ada.example/")


@pytest.fixture
def store_url(db_url):
    return db_url


@pytest.fixture
def store_rules():
    return replace(Rules(), min_interval=0, max_per_hour=0, max_per_hour_network=0)


def post(store, session, identity=None, **typed):
    fields = {"author": "Mallory", "email": "mallory@example.org", "website": "https://evil.example/",
              "body": f"A comment from {session}.", **typed}
    return store.post(ESSAY, session=session, identity=identity, **fields)


def test_a_signed_in_identity_is_held_once_then_trusted_and_shown_verified(store):
    store.sign_in("s-ada-1", ADA)
    assert store.signed_in("s-ada-1") == ADA and store.signed_in("s-other") is None
    first = post(store, "s-ada-1", store.signed_in("s-ada-1"), email="")
    stored = store.get(first.comment.id)
    assert (stored.author, stored.website, stored.email) == ("Ada Lovelace", "https://ada.example/", ""), \
        "the verified name and website, never what the form typed"
    assert first.status == "pending", "an identity's first comment waits for the author"
    assert stored.verified == "indieauth"
    backup = store.export(ESSAY)
    assert backup[0]["identity"] == "indieauth:https://ada.example/", "the backup keeps it"
    store.set_status(first.comment.id, "approved", by="test")
    assert public_item(store.get(first.comment.id))["verified"] == "indieauth", "the API says how it was verified"

    store.sign_in("s-ada-2", ADA)  # the same identity, proved again in another browser
    assert post(store, "s-ada-2", ADA).status == "approved", "approved once: the identity's next comments go through"
    other = Identity("indieauth", "https://ada.example.evil/", name="Ada Lovelace", website="https://ada.example/")
    assert post(store, "s-copycat", other).status == "pending", "the same name under another identity proves nothing"
    anonymous = post(store, "s-anon", author="Ada Lovelace", website="https://ada.example/")
    assert anonymous.status == "pending" and store.get(anonymous.comment.id).verified == ""


def test_sign_in_follows_the_session_and_sign_out_forgets_it(store):
    store.sign_in("s-old", ADA)
    store.move_session("s-old", "s-new")
    assert store.signed_in("s-old") is None and store.signed_in("s-new") == ADA, "a rotated session keeps its sign-in"
    assert store.sign_out("s-new") and store.signed_in("s-new") is None
    assert not store.sign_out("s-new"), "nothing left to forget"


def test_a_signed_in_identity_edits_its_own_comments_and_nobody_elses(store):
    store.sign_in("s-ada", ADA)
    mine = post(store, "s-ada", ADA).comment.id
    theirs = post(store, "s-bob").comment.id
    store.sign_in("s-ada-laptop", ADA)
    assert store.edit_own(mine, "s-ada-laptop", "Fixed from my laptop.").body == "Fixed from my laptop."
    with pytest.raises(NotYourComment):
        store.edit_own(theirs, "s-ada-laptop", "Not mine to change.")
    with pytest.raises(NotYourComment):
        store.delete_own(theirs, "s-ada")


def test_a_sign_in_under_way_is_used_once_by_the_browser_that_began_it(store):
    with store.writing() as conn:
        token = store.begin_flow(conn, "oidc", session="s-began", address_hash="a", network="n",
                                 moment=naive_utc(None), nonce="n0nce")
    assert store.take_flow(token, "indieauth", session="s-began") is None, "another kind's state"
    assert store.take_flow(token, "oidc", session="s-elsewhere") is None, "another browser cannot finish it"
    assert store.take_flow(token, "oidc", session="s-began").nonce == "n0nce"
    assert store.take_flow(token, "oidc", session="s-began") is None, "a state works once"
    with store.writing() as conn:
        late = store.begin_flow(conn, "email", session="", address_hash="a", network="n",
                                moment=naive_utc(None), email_key="ada@example.org")
        conn.execute(sign_in_flows.update().where(sign_in_flows.c.token == late)
                     .values(created=naive_utc(None) - timedelta(minutes=31)))
    assert store.take_flow(late, "email") is None, "a sign-in link is good for 30 minutes"


def test_sign_ins_are_in_the_data_download_and_go_with_erasure(store):
    by_email = Identity("email", "ada@example.org", name="Ada", email="ada@example.org")
    store.sign_in("s-mail", by_email)
    post(store, "s-mail", by_email)
    store.sign_in("s-web", ADA)
    post(store, "s-web", ADA, email="ada@example.org")  # a website identity stores no address, whatever was typed
    data = people.collect(store, "ada@example.org")
    assert [s["identity"] for s in data["sign_ins"]] == ["email:ada@example.org"]
    assert "ada@example.org" in [p.email for p in people.everyone(store)]
    erased = people.erase(store, "ada@example.org")
    assert erased.sign_ins == 1 and store.signed_in("s-mail") is None
    with store.reading() as conn:
        left = conn.execute(sa.text("SELECT identity FROM comments WHERE identity <> ''")).scalars().all()
    assert left == ["indieauth:https://ada.example/"], "an erased comment keeps no identity"


def test_a_backup_keeps_the_identity_and_only_the_authors_own_import_restores_it(store, tmp_path):
    from essaykit.comments.store import CommentStore

    store.sign_in("s-ada", ADA)
    store.set_status(post(store, "s-ada", ADA).comment.id, "approved", by="test")
    backup = store.export(ESSAY)
    for vouched, expected in ((True, "indieauth"), (False, "")):
        with CommentStore.open(f"sqlite:///{tmp_path / f'{vouched}.sqlite'}") as other:
            assert other.import_records(backup, author_backup=vouched).added == 1
            assert other.list(ESSAY)[0].verified == expected, "a reader's file cannot mark a comment verified"
