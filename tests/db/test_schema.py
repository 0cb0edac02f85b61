"""The migrations build the schema essaykit.db.schema declares: an empty database migrated from the
first migration, and one made at the oldest released schema (migration 0001, with rows) then
migrated, compare equal to the declared tables (alembic's compare_metadata), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from essaykit.comments.store import CommentStore
from essaykit.db import migrations
from essaykit.db.engine import dispose
from essaykit.db.schema import metadata


def differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(context, metadata)


def test_an_empty_database_migrated_from_the_first_migration_is_the_declared_schema(db_url):
    engine = sa.create_engine(db_url)
    try:
        ran = migrations.migrate(engine, write_options={})
        assert ran == [name for name, _ in migrations.MIGRATIONS], "every migration, from the first"
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_a_database_at_the_oldest_schema_with_rows_migrates_to_the_declared_schema(db_url, monkeypatch):
    engine = sa.create_engine(db_url)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    migrations.migrate(engine, write_options={})
    monkeypatch.undo()
    with engine.begin() as conn:
        for public_id, parent, email in (("old1", None, " Ada@Example.org "), ("old2", 1, "bob@example.org")):
            conn.execute(sa.text(
                "INSERT INTO comments (public_id, essay, parent_id, depth, author, email, email_key, website, body,"
                " created, status, kind, source_url, session_hash, import_source) VALUES (:id, 'the-salt-road',"
                " :parent, :depth, 'Ada', :email, :email, '', 'Lovely.', '2020-01-01 00:00:00', 'approved',"
                " 'comment', '', '', '')"), {"id": public_id, "parent": parent, "depth": int(parent is not None),
                                             "email": email})
    assert differences(engine) != [], "the oldest schema is not the declared one (else this test shows nothing)"
    ran = migrations.migrate(engine, write_options={})
    assert ran == [name for name, _ in migrations.MIGRATIONS[1:]]
    assert differences(engine) == []
    engine.dispose()
    dispose(db_url)
    with CommentStore.open(db_url) as store:
        first, reply = store.list("the-salt-road")
        assert (first.id, reply.parent, reply.body) == ("old1", "old1", "Lovely."), "the old rows are kept"
        assert store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.").status == "spam", \
            "their body hashes and normalised email keys were filled in: a repeat is a duplicate"
        revisions = [first.revision, reply.revision]
        assert None not in revisions and 0 not in revisions and len(set(revisions)) == 2, \
            "each old row got a random revision, not the column's default 0 (another database's would equal it)"


@pytest.mark.parametrize("table", sorted(metadata.tables))
def test_every_declared_table_is_made_by_a_migration(table, tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'c.sqlite'}")
    migrations.migrate(engine, write_options={})
    assert table in sa.inspect(engine).get_table_names()
    engine.dispose()
