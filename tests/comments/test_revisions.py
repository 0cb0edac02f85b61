"""A comment's revision (migration 0020): every writer of a comment row changes it, so a page that remembers
a comment on a passage by its id and revision (essaykit.comments.passage_entries) never shows it stale.

Each test runs one writer the package has and checks the revision moved; the last one reads the package's
source for an UPDATE of the comments table written as raw SQL, which the column's ``onupdate`` would not see."""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

import essaykit
from essaykit.comments.moderation import Rules
from essaykit.db import migrations
from essaykit.db.schema import comments
from essaykit.mail import people
from essaykit.mentions.store import remove_mention, upsert_mention

ESSAY = "the-salt-road"
T0 = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def store_url(db_url):
    return db_url  # SQLite and PostgreSQL


@pytest.fixture
def store_rules():
    return Rules.permissive()


def revision(store, public_id: str) -> int:
    with store.reading() as conn:
        return conn.execute(sa.select(comments.c.revision).where(comments.c.public_id == public_id)).scalar_one()


def posted(store, body="The mule scene.", session="s-ada", **kw) -> str:
    return store.post(ESSAY, author="Ada", email="ada@example.org", body=body, session=session, now=T0, **kw).comment.id


def test_a_comment_read_from_the_store_carries_its_revision_and_new_rows_start_apart(store):
    first, second = posted(store), posted(store, body="Another thought.", session="s-bob")
    assert store.get(first).revision == revision(store, first)
    assert revision(store, first) != revision(store, second), "random starts: two rows' numbers do not coincide"
    assert {c.revision for c in store.list(ESSAY)} == {revision(store, first), revision(store, second)}


def test_a_readers_edit_and_deletion_change_it(store):
    cid = posted(store)
    store.set_status(cid, "approved", by="test")
    before = revision(store, cid)
    store.edit_own(cid, "s-ada", "The mule scene, twice.", now=T0 + timedelta(minutes=2))
    edited = revision(store, cid)
    assert edited != before
    store.delete_own(cid, "s-ada", now=T0 + timedelta(minutes=3))
    assert revision(store, cid) not in (before, edited)


@pytest.mark.parametrize("statuses", [("approved", "spam"), ("approved", "deleted"), ("approved", "pending")])
def test_every_moderation_decision_changes_it(store, statuses):
    cid = posted(store)
    seen = [revision(store, cid)]
    for status in statuses:
        assert store.set_status(cid, status, by="author") == 1
        seen.append(revision(store, cid))
    assert len(set(seen)) == len(seen), seen


def test_an_erasure_changes_the_comments_it_keeps(store):
    cid = posted(store)
    store.set_status(cid, "approved", by="test")
    reply = store.post(ESSAY, author="Bob", email="bob@example.org", body="I agree.", parent=cid, session="s-bob",
                       now=T0).comment.id
    store.set_status(reply, "approved", by="test")
    before = revision(store, cid)
    people.erase(store, "ada@example.org", remove_comments=True)
    assert store.get(cid).status == "deleted", "kept as a tombstone: it has a reply"
    assert revision(store, cid) != before


def test_a_moved_session_changes_it(store):
    cid = posted(store)
    before = revision(store, cid)
    assert store.move_session("s-ada", "s-ada-2") == 1
    assert revision(store, cid) != before


def test_a_mention_updated_in_place_or_removed_changes_it(store):
    values = dict(kind="webmention", source_url="https://blog.example/roads", title="Roads", author="Mara",
                  excerpt="I walked it.")
    first = upsert_mention(store, ESSAY, **values).comment.id
    before = revision(store, first)
    assert upsert_mention(store, ESSAY, **dict(values, excerpt="I walked it twice.")).action == "updated"
    updated = revision(store, first)
    assert updated != before
    remove_mention(store, ESSAY, values["source_url"], reason="the link is gone")
    assert revision(store, first) not in (before, updated)


def test_an_import_over_a_stored_comment_leaves_it_and_its_revision_alone(store):
    cid = posted(store)
    record = store.export(ESSAY)[0]
    before = revision(store, cid)
    report = store.import_records([dict(record, body="Other words.")])
    assert (report.added, report.unchanged) == (0, 1)
    assert (store.get(cid).body, revision(store, cid)) == ("The mule scene.", before)


def test_any_core_update_of_the_table_changes_it_unless_it_sets_it(store):
    cid = posted(store)
    before = revision(store, cid)
    with store.writing() as conn:
        conn.execute(comments.update().where(comments.c.public_id == cid).values(website="https://ada.example/"))
    assert revision(store, cid) == before + 1


_RAW_UPDATE = re.compile(r"UPDATE\s+(comments\b|\{)")


def test_no_writer_updates_comments_in_raw_sql():
    """``onupdate`` is applied by Core's ``comments.update()``; an UPDATE written as SQL text would not change
    the revision. Allowed only in the migrations that ran before the column existed (the revision migration
    gives every row there a new number after them)."""
    before_revisions = {step.__name__ for name, step in migrations.MIGRATIONS if name < "0020"}
    found = []
    for path in sorted(Path(essaykit.__file__).parent.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not _RAW_UPDATE.search(text):
            continue
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _RAW_UPDATE.search(node.value):
                where = _function_at(tree, node.lineno)
                if not (path.name == "migrations.py" and path.parent.name == "db" and where in before_revisions):
                    found.append(f"{path.name}:{node.lineno} ({where})")
    assert found == [], "raw UPDATE of comments: write it as comments.update() so the revision changes"
    assert "UPDATE comments" in Path(migrations.__file__).read_text(), "the scan sees the migrations' raw UPDATEs"


def _function_at(tree: ast.AST, line: int) -> str:
    inside = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.lineno <= line <= n.end_lineno]
    return min(inside, key=lambda n: n.end_lineno - n.lineno).name if inside else ""
