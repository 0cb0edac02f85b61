"""The followers' store on SQLite and PostgreSQL: migration 0012 keeps an older outbox's messages and
lets it take the new kinds; two replicas queueing one essay at once queue it once per follower; the
announcement of an essay never holds a spoiler's words."""

from __future__ import annotations

import json
import threading

import sqlalchemy as sa

from essaykit.comments.statements import naive_utc
from essaykit.comments.store import CommentStore
from essaykit.db import migrations as schema
from essaykit.db.engine import dispose
from essaykit.essay.read import load_essay
from essaykit.mail import followers, outbox
from essaykit.mail.follow_messages import CONTAINS_SPOILERS, announcement
from helpers.notebooks import md_cell, notebook


def test_migration_0012_keeps_the_queued_mail_and_takes_the_new_kinds(db_url, monkeypatch):
    monkeypatch.setattr(schema, "MIGRATIONS", [m for m in schema.MIGRATIONS if m[0] < "0012"])
    dispose(db_url)
    engine = sa.create_engine(db_url)
    schema.migrate(engine, write_options={})
    with engine.begin() as conn:  # rows as essaykit 0011 wrote them (its outbox has no essay or follower)
        for n, kind in enumerate(("author", "confirm")):
            conn.execute(sa.text(
                "INSERT INTO mail_outbox (message_id, dedupe, kind, recipient, comment_id, state, attempts,"
                " next_attempt, claimed_by, last_error, created) VALUES (:m, :d, :k, '', 'c1', 'queued', 0,"
                " '2026-01-01 00:00:00', '', '', '2026-01-01 00:00:00')"), {"m": f"m{n}", "d": f"{kind}:c1", "k": kind})
        before = conn.execute(sa.text("SELECT id, dedupe, kind, state FROM mail_outbox ORDER BY id")).all()
    engine.dispose()
    assert len(before) == 2
    monkeypatch.undo()
    dispose(db_url)
    with CommentStore.open(db_url) as store:
        with store.reading() as conn:
            after = conn.execute(sa.text("SELECT id, dedupe, kind, state FROM mail_outbox ORDER BY id")).all()
        assert after == before, "every queued message survives the rebuild, ids and keys included"
        with store.writing() as conn:
            conn.execute(followers.followers.insert().values(
                token=followers.new_token(), email="f@example.org", email_key="f@example.org", state="active",
                source="test", created=naive_utc(None), consent_at=naive_utc(None)))
            queued = followers.queue_essay(conn, followers.Announcement("an-essay", "An Essay", "https://x/a.html",
                                                                        "Words.", False), moment=naive_utc(None))
        assert queued == 1
        with store.reading() as conn:
            assert outbox.counts(conn) == {"queued": 3}


def test_two_replicas_queue_an_essay_once_per_follower(db_url):
    with CommentStore.open(db_url) as store, store.writing() as conn:
        for n in range(300):
            conn.execute(followers.followers.insert().values(
                token=followers.new_token(), email=f"r{n}@example.org", email_key=f"r{n}@example.org",
                state="active", source="test", created=naive_utc(None), consent_at=naive_utc(None)))
    item = followers.Announcement("the-essay", "The Essay", "https://x/the-essay.html", "Words.", False)
    counts: list[int] = []
    start = threading.Barrier(2)

    def replica() -> None:
        with CommentStore.open(db_url) as store:
            start.wait()
            with store.writing() as conn:
                counts.append(followers.queue_essay(conn, item, moment=naive_utc(None)))

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(counts) == [0, 300] or sum(counts) == 300, counts
    with CommentStore.open(db_url) as store, store.reading() as conn:
        rows = conn.execute(sa.text("SELECT follower_id, COUNT(*) FROM mail_outbox WHERE kind = 'essay' "
                                    "GROUP BY follower_id")).all()
    assert len(rows) == 300 and {n for _, n in rows} == {1}, "one message per follower and essay"


def test_the_announcement_holds_no_spoiler(tmp_path):
    nb = notebook([md_cell("Plain opening. ||Keyser Soze|| is named here.[^1]\n\n[^1]: A note."),
                   md_cell("The twist: Rosebud is a sled.", tags=["spoiler"]),
                   md_cell("Later text ||Tyler Durden||.")],
                  essay={"title": "Twists", "slug": "twists"})
    path = tmp_path / "twists.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    item = announcement(load_essay(path), "https://blog.example.org/twists.html")
    for words in ("Keyser", "Rosebud", "sled", "Tyler"):
        assert words not in item.text, f"{words!r} is a spoiler's word"
    assert "Plain opening." in item.text and "[Spoiler — read it on the page]" in item.text
    assert item.spoilers
    nb["metadata"]["essay"]["summary"] = "A summary that hides ||the ending||."
    path.write_text(json.dumps(nb), encoding="utf-8")
    summary = announcement(load_essay(path), "https://blog.example.org/twists.html")
    assert "the ending" not in summary.text and summary.text.startswith("A summary that hides")
    assert CONTAINS_SPOILERS == "Contains spoilers — read on the site"
