"""Everything stored about one address: `essaykit people list|export|erase` and essaykit.mail.people."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from essaykit.comments.moderation import Rules
from essaykit.db.schema import comments, mail_subscriptions, ratings
from essaykit.mail import outbox, people

ESSAY = "the-salt-road"


@pytest.fixture
def store_url(db_url):
    return db_url  # erasure deletes across tables: SQLite and PostgreSQL


@pytest.fixture
def store_rules():
    return Rules.permissive()


@pytest.fixture
def filled(store):
    """Ada (two comments from one browser, one replied to by Bob, a rating, a reply subscription) and Bob."""
    ada = store.post(ESSAY, author="Ada", email="Ada@Example.org", body="First.", session="s-ada",
                     client="10.1.2.3", notify=True).comment
    store.post(ESSAY, author="Ada", email="ada@example.org", body="Second.", session="s-ada", client="10.1.2.3")
    store.set_status(ada.id, "approved", by="test")
    bob = store.post(ESSAY, author="Bob", email="bob@example.org", body="Reply.", parent=ada.id, session="s-bob",
                     client="10.9.9.9").comment
    store.set_status(bob.id, "approved", by="test")
    store.add_rating(ESSAY, "s-ada", 4, client="10.1.2.3")
    store.add_rating(ESSAY, "s-bob", 2, client="10.9.9.9")
    with store.writing() as conn:
        outbox.upsert_address(conn, "ada@example.org", verified_at=datetime(2026, 12, 1))
    return ada, bob


def test_export_holds_everything_about_the_address_and_nothing_of_anyone_else(store, filled):
    data = people.collect(store, " ADA@example.org ")
    assert data["email"] == "ada@example.org"
    assert sorted(c["body"] for c in data["comments"]) == ["First.", "Second."]
    assert all(c["session_hash"] and c["address_hash"] for c in data["comments"]), "the hashes are shown too"
    assert data["ratings"] == [{"essay": ESSAY, "value": 4, "scale": 5, "created": data["ratings"][0]["created"]}]
    assert [s["comment"] for s in data["reply_subscriptions"]] == [filled[0].id]
    assert data["address"]["verified"].startswith("2026-12-01")
    assert "bob" not in json.dumps(data).lower() and "Reply." not in json.dumps(data)


def test_erase_leaves_tombstones_keeps_replies_and_drops_hashes_ratings_and_subscriptions(store, filled):
    ada, bob = filled
    version = store.version()
    done = people.erase(store, "ada@example.org")
    assert (done.tombstoned, done.removed, done.ratings, done.subscriptions) == (2, 0, 1, 1)
    assert store.version() > version, "every server's page cache sees the change"
    items = store.thread(ESSAY).items
    assert [c.id for c in items] == [ada.id, bob.id] and items[0].is_tombstone and items[0].author == ""
    with store.reading() as conn:
        left = conn.execute(sa.select(comments).where(comments.c.public_id == ada.id)).one()
        assert (left.email, left.email_key, left.body, left.session_hash, left.address_hash, left.network) == \
               ("", "", "", "", "", "")
        assert conn.execute(sa.select(sa.func.count()).select_from(mail_subscriptions)).scalar() == 0
        assert [r.value for r in conn.execute(sa.select(ratings))] == [2], "Bob's rating stays"
    assert people.collect(store, "ada@example.org")["comments"] == []
    assert people.collect(store, "bob@example.org")["comments"][0]["body"] == "Reply.", "nobody else is touched"


def test_erase_can_remove_unreplied_comments_when_the_host_says_so(store, filled):
    store.rules = Rules.permissive(erase_removes_comments=True)
    done = people.erase(store, "ada@example.org")
    assert (done.tombstoned, done.removed) == (1, 1), "the replied-to one stays a tombstone for its reply"
    assert [c.body for c in store.list(ESSAY)] == ["", "Reply."]


@pytest.mark.parametrize("bad", ["", "not-an-address", "x" * 400 + "@example.org"])
def test_a_bad_address_is_refused_by_name(store, bad):
    with pytest.raises(Exception, match="not an email address") as caught:
        people.collect(store, bad)
    assert caught.value.field == "email"


def test_the_people_commands(store, filled, cli, tmp_path):
    listed = cli("people", "list", "--db", store.url)
    assert "ada@example.org\t2 comments, 1 reply subscription" in listed.output
    assert "bob@example.org\t1 comment" in listed.output
    out = tmp_path / "ada.json"
    cli("people", "export", "ada@example.org", "-o", out, "--db", store.url)
    assert len(json.loads(out.read_text())["comments"]) == 2
    refused = cli("people", "erase", "ada@example.org", "--db", store.url, input="n\n")
    assert refused.exit_code != 0 and len(people.collect(store, "ada@example.org")["comments"]) == 2
    erased = cli("people", "erase", "ada@example.org", "--yes", "--remove-comments", "--db", store.url)
    assert erased.exit_code == 0 and "removed 1" in erased.output, erased.output
    assert "nothing is stored about ada@example.org" in cli("people", "list", "ada@example.org", "--db",
                                                            store.url).output
    bad = cli("people", "export", "nobody", "--db", store.url)
    assert bad.exit_code != 0 and "not an email address" in bad.output and "Traceback" not in bad.output


def test_dates_are_utc_iso(store, filled):
    created = people.collect(store, "ada@example.org")["comments"][0]["created"]
    assert created.endswith("Z") and datetime.fromisoformat(created[:-1]).replace(tzinfo=timezone.utc)


def test_an_older_backup_does_not_bring_an_erased_person_back_nor_their_feed_entries(store, filled, tmp_path):
    """A backup made before the erasure, imported after it, leaves the erased address's comments out (they
    were removed: nothing of theirs is in the database to match); a later comment of theirs is their own."""
    from essaykit.exports.site_index import IndexItem, write_comment_feeds
    from essaykit.exports.settings import SiteSettings
    from essaykit.exports.site_stats import approved_comments

    def feed() -> str:
        found = approved_comments([ESSAY], db=store.url, notebook_dir=tmp_path)
        item = IndexItem(slug=ESSAY, title="The Salt Road", href=f"{ESSAY}.html", absolute_url="", author="",
                         summary="", rating=None, tags=(), date="", published=None, updated=datetime.now(timezone.utc))
        write_comment_feeds(tmp_path, [item], SiteSettings(title="Notes", base_url="https://notes.example/"), found)
        return (tmp_path / f"{ESSAY}.comments.xml").read_text(encoding="utf-8")

    ada, bob = filled
    assert "First." in feed()
    store.rules = Rules.permissive(erase_removes_comments=True)
    older = store.export()
    people.erase(store, "ada@example.org")
    assert "First." not in feed() and "Reply." in feed(), "the next build's feed drops the erased comment"

    report = store.import_records(older)
    assert report.erased == 1 and report.added == 0 and "1 of erased people left out" in report.summary(), report
    assert "Second." not in [c.body for c in store.list(ESSAY)] and people.collect(store, "ada@example.org")[
        "comments"] == [], "neither the comment nor the address came back"
    back = store.post(ESSAY, author="Ada", email="ada@example.org", body="I am back.", session="s-new").comment
    assert store.import_records([{**r, "id": "x-" + r["id"]} for r in store.export() if r["id"] == back.id]).added == 1, \
        "what the address writes after its erasure is its own again"
