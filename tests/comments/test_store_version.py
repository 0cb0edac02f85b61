"""The store's change counter (migration 0010), which tells every server that its rendered pages are stale."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from essaykit.db.engine import get_engine
from essaykit.comments.store import CommentStore


def test_every_change_a_reader_could_see_raises_the_version(db_url):
    with CommentStore.open(db_url) as store:
        seen = [store.version()]

        def moved(what: str) -> None:
            now = store.version()
            assert now > seen[-1], f"{what} must raise the store version ({seen[-1]} -> {now})"
            seen.append(now)

        result = store.post("an-essay", author="Ada", email="ada@example.org", body="First words.")
        moved("a new comment")
        store.set_status(result.comment.id, "approved", by="test")
        moved("approving it")
        store.add_rating("an-essay", "reader-one", 4)
        moved("a rating")
        with store.writing() as conn:
            conn.execute(sa.text("DELETE FROM ratings"))
        moved("deleting ratings (e.g. removing stuffing)")
        store.list()
        store.thread("an-essay")
        assert store.version() == seen[-1], "reading must not change the version"


def test_another_process_writes_are_seen_through_the_counter(db_url):
    """Two stores on separate engines (as two servers would be): a write through one moves the other's version."""
    with CommentStore.open(db_url) as first:
        before = first.version()
        other = CommentStore(get_engine(db_url).execution_options(), db_url)  # same database, no shared cache
        other.post("an-essay", author="Bo", email="bo@example.org", body="From the other server.")
        assert first.version() > before


def test_the_version_follows_commit_order_on_postgresql(postgres_url):
    """Ids are handed out before commit: a transaction that took a lower id but commits later must still
    move the version (the newest ids would not, and a page would stay stale)."""
    CommentStore.open(postgres_url).close()
    engine = sa.create_engine(postgres_url)
    insert = sa.text("INSERT INTO ratings (essay, session_hash, value, scale, created) "
                     "VALUES ('an-essay', :who, 3, 5, :at)")
    read = sa.text("SELECT counter FROM store_version WHERE id = 1")
    try:
        with engine.connect() as slow, engine.connect() as fast, engine.connect() as reader:
            slow.begin()
            slow.execute(insert, {"who": "slow", "at": datetime(2026, 1, 1)})  # takes the lower id, commits last
            with fast.begin():
                fast.execute(insert, {"who": "fast", "at": datetime(2026, 1, 1)})
            after_fast = reader.execute(read).scalar_one()
            reader.rollback()
            slow.commit()
            after_slow = reader.execute(read).scalar_one()
            ids = reader.execute(sa.text("SELECT session_hash FROM ratings ORDER BY id")).scalars().all()
        assert ids == ["slow", "fast"], "the test needs the later commit to hold the lower id"
        assert after_slow > after_fast, "the later commit must move the version although its id is lower"
    finally:
        engine.dispose()


def test_a_database_from_before_0010_gets_the_counter(tmp_path):
    from essaykit.db import migrations as schema

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = sa.create_engine(url)
    ours = next(i for i, (name, _) in enumerate(schema.MIGRATIONS) if name == "0010_store_version")
    real = schema.MIGRATIONS
    try:
        schema.MIGRATIONS = real[:ours]
        schema.migrate(engine, write_options={})
    finally:
        schema.MIGRATIONS = real
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO ratings (essay, session_hash, value, scale, created) "
                             "VALUES ('old', 'x', 5, 5, '2025-01-01 00:00:00')"))
    engine.dispose()
    with CommentStore.open(url) as store:
        start = store.version()
        store.add_rating("old", "reader-two", 2)
        assert store.version() > start, "the upgraded database counts changes from now on"
        assert store.rating_summary("old").count == 2, "the rating from before the upgrade is kept"


@pytest.mark.parametrize("query, threshold", [("", None), ("?prepare_threshold=none", None),
                                              ("?prepare_threshold=5", 5), ("?prepare_threshold=0", 0)])
def test_postgres_statements_are_not_prepared_unless_the_url_asks(query, threshold):
    """PgBouncer in transaction mode loses prepared statements between transactions (docs/deploy.md)."""
    from essaykit.db.engine import _pooler_safe

    url, args = _pooler_safe(sa.make_url(f"postgresql+psycopg://me@db/essays{query}"))
    assert args == {"prepare_threshold": threshold}
    assert "prepare_threshold" not in url.query, "the driver must not get essaykit's option as a connection setting"


def test_a_bad_prepare_threshold_says_what_to_write():
    from essaykit.db.engine import _pooler_safe
    from essaykit.errors import StoreError

    with pytest.raises(StoreError, match=r"prepare_threshold='often'.*whole number.*none"):
        _pooler_safe(sa.make_url("postgresql+psycopg://me@db/essays?prepare_threshold=often"))
