"""Migration 0009 on a database from before it (SQLite and PostgreSQL): the mail tables appear,
older comments stay, and approving an older comment's reply queues mail as on a new database."""

from __future__ import annotations

import sqlalchemy as sa

from essaykit.comments.store import CommentStore
from essaykit.db import migrations as schema
from essaykit.db.engine import dispose
from essaykit.mail import outbox


def test_migration_0009_on_an_older_database(db_url, monkeypatch):
    before = [m for m in schema.MIGRATIONS if m[0] < "0009"]
    engine = sa.create_engine(db_url)
    monkeypatch.setattr(schema, "MIGRATIONS", before)
    schema.migrate(engine, write_options={})
    assert "mail_outbox" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    monkeypatch.undo()
    dispose(db_url)

    with CommentStore.open(db_url) as store:
        assert {"mail_outbox", "mail_subscriptions", "mail_addresses"} <= set(sa.inspect(store._engine).get_table_names())
        with store.reading() as conn:
            names = [r[0] for r in conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name"))]
        assert names == sorted(name for name, _ in schema.MIGRATIONS), "0009 and every later migration ran"
        assert names[names.index("0008_limits_by_address") + 1] == "0009_mail_outbox"
        posted = store.post("the-salt-road", author="Ada", email="ada@example.org", body="After the upgrade.",
                            notify=True)
        store.set_status(posted.comment.id, "approved", by="test")
        with store.reading() as conn:
            assert outbox.counts(conn) == {"queued": 2}, "the author's notice and Ada's confirmation"
