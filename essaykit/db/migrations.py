"""The comment database's named, recorded migrations.

The schema only ever moves forward through :data:`MIGRATIONS`, a list of
named functions. :func:`migrate` runs each one not yet listed in the
``schema_migrations`` table inside its own transaction and records its name
in that same transaction, so a crash leaves either the old or the new
schema, never half of one.

A migration that creates a table creates it as it was then: from the table's
``*_v1`` builder in :mod:`.schema` when later migrations changed it, else from
its declaration there. A migration that adds a column or an index adds the one
:mod:`.schema` declares (:func:`_add_columns`, :func:`_add_index`), so no column
is described twice; ``tests/db/test_schema.py`` checks that the result is the
declared schema.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import sqlalchemy as sa

from ..errors import StoreError
from .lookup import body_hash, normalise_email
from .schema import (comments, comments_v1, erased_people, mail_essays, mail_follow_requests, mail_followers,
                     mail_outbox, mail_people_requests, mail_v1, moderation_log_v1, ratings, ratings_v1, received_mentions,
                     received_mentions_v1, schema_migrations, sent_mentions_v1, settings, sign_in_flows, sign_ins,
                     spam_model, store_version, new_revision, utcnow)


def _add_columns(conn: sa.Connection, table: sa.Table, *names: str) -> None:
    """``ALTER TABLE … ADD COLUMN`` for columns as :mod:`.schema` declares them (with the server
    default old rows get)."""
    for name in names:
        spec = sa.schema.CreateColumn(table.c[name]).compile(dialect=conn.dialect)
        conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {spec}"))


def _add_index(conn: sa.Connection, table: sa.Table, name: str) -> None:
    next(index for index in table.indexes if index.name == name).create(conn)


def create_comments_and_log(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    comments_v1(meta)
    moderation_log_v1(meta)
    meta.create_all(conn)


def create_ratings(conn: sa.Connection) -> None:
    ratings_v1(sa.MetaData()).create(conn)


def create_settings_with_salt(conn: sa.Connection) -> None:
    """A per-database secret salt, so identicon and session hashes cannot be reversed from a list of emails."""
    settings.create(conn)
    conn.execute(settings.insert().values(key="hash_salt", value=secrets.token_hex(16)))


def add_body_hash(conn: sa.Connection) -> None:
    """Index bodies by hash, so the duplicate check stays fast for readers with many comments."""
    _add_columns(conn, comments, "body_hash")
    rows = conn.execute(sa.select(comments.c.id, comments.c.body)).all()
    if rows:
        conn.execute(sa.text("UPDATE comments SET body_hash = :hash WHERE id = :id"),
                     [{"id": row.id, "hash": body_hash(row.body)} for row in rows])
    _add_index(conn, comments, "ix_comments_essay_body_hash")


def add_session_secret(conn: sa.Connection) -> None:
    """The key that signs reader sessions (:mod:`essaykit.db.signing_keys`); never leaves the database."""
    conn.execute(settings.insert().values(key="session_secret", value=secrets.token_hex(32)))


def add_author_replies(conn: sa.Connection) -> None:
    """Mark the author's own replies, so they can carry an "Author" badge no reader can claim."""
    _add_columns(conn, comments, "by_author")


def receive_and_send_mentions(conn: sa.Connection) -> None:
    """A title for received mentions, the receiver's queue and the sender's record (docs/mentions.md)."""
    _add_columns(conn, comments, "title")
    meta = sa.MetaData()
    received_mentions_v1(meta)
    sent_mentions_v1(meta)
    meta.create_all(conn)


def create_mail_outbox(conn: sa.Connection) -> None:
    """The outbox of notification emails, reply subscriptions and verified or bounced addresses."""
    meta = sa.MetaData()
    sa.Table("comments", meta, sa.Column("id", sa.Integer, primary_key=True))  # for the foreign key only
    for table in mail_v1(meta):
        table.create(conn)


def limits_by_address(conn: sa.Connection) -> None:
    """Limits per client address and network (issue 11): who sent each comment and rating, and email
    keys normalised the one way moderation compares them (:func:`.lookup.normalise_email`)."""
    _add_columns(conn, comments, "address_hash", "network")
    _add_columns(conn, ratings, "address_hash", "network")
    for name in ("ix_comments_address_created", "ix_comments_network_created", "ix_comments_essay_status"):
        _add_index(conn, comments, name)
    _add_index(conn, ratings, "ix_ratings_essay_address")
    rows = conn.execute(sa.text("SELECT id, email, email_key FROM comments WHERE email <> ''")).all()
    changed = [{"id": r.id, "key": normalise_email(r.email)} for r in rows if normalise_email(r.email) != r.email_key]
    if changed:
        conn.execute(sa.text("UPDATE comments SET email_key = :key WHERE id = :id"), changed)


_VERSIONED = ("comments", "ratings")


def add_store_version(conn: sa.Connection) -> None:
    """A counter every server reads to know that its rendered pages are stale (essaykit.live.pagecache).

    Triggers bump it in the same transaction as any insert, update or delete of
    comments (a status change included) and ratings, whoever writes them: a
    server, the CLI, an import. The row is locked until commit, so the counter
    rises in commit order: a server that reads N sees every change counted in N.
    (The newest row ids cannot say that on PostgreSQL, where ids are handed out
    before commit, so a later-committed lower id would go unseen.)

    On PostgreSQL the trigger is a deferred constraint trigger: the bump runs at
    commit, after every other lock the transaction takes, so two writers cannot
    deadlock over the counter.
    """
    store_version.create(conn)
    conn.execute(store_version.insert().values(id=1, counter=0))
    bump = "UPDATE store_version SET counter = counter + 1 WHERE id = 1"
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "CREATE FUNCTION essaykit_bump_store_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {bump}; RETURN NULL; END $$"))
        for table in _VERSIONED:
            conn.execute(sa.text(
                f"CREATE CONSTRAINT TRIGGER essaykit_{table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION essaykit_bump_store_version()"))
        return
    for table in _VERSIONED:
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(sa.text(
                f"CREATE TRIGGER essaykit_{table}_{event.lower()}_version AFTER {event} ON {table} "
                f"BEGIN {bump}; END"))


def add_spam_filter(conn: sa.Connection) -> None:
    """The spam filter (issue 25): each comment's score and reason, and the shared model."""
    _add_columns(conn, comments, "spam_score", "spam_reason")
    spam_model.create(conn)


def _outbox_kinds_as_declared(conn: sa.Connection, *new_columns: str) -> None:
    """Give the outbox the kinds (and ``new_columns``) :mod:`.schema` declares now."""
    kind = next(c for c in mail_outbox.constraints if c.name == "ck_mail_outbox_kind")
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ALTER TABLE mail_outbox DROP CONSTRAINT ck_mail_outbox_kind"))
        conn.execute(sa.schema.AddConstraint(kind))
        _add_columns(conn, mail_outbox, *new_columns)
    else:
        # SQLite cannot change a CHECK constraint: the table is rebuilt as declared (nothing refers to it).
        old = [c["name"] for c in sa.inspect(conn).get_columns("mail_outbox")]
        for index in sa.inspect(conn).get_indexes("mail_outbox"):
            conn.execute(sa.text(f"DROP INDEX {index['name']}"))
        conn.execute(sa.text("ALTER TABLE mail_outbox RENAME TO mail_outbox_old"))
        mail_outbox.create(conn)
        columns = ", ".join(old)
        conn.execute(sa.text(f"INSERT INTO mail_outbox ({columns}) SELECT {columns} FROM mail_outbox_old"))
        conn.execute(sa.text("DROP TABLE mail_outbox_old"))


def follow_by_email(conn: sa.Connection) -> None:
    """Followers (issue 27): their table, the Follow form's request log, the essays' announcements, and
    an outbox that also takes "follow" and "essay" messages, each naming its essay and follower."""
    _outbox_kinds_as_declared(conn, "essay", "follower_id")
    for table in (mail_followers, mail_follow_requests, mail_essays):
        table.create(conn)


def add_unlinked_mentions(conn: sa.Connection) -> None:
    """A mention's site name, for imported pingbacks whose source gave no address (issue 28)."""
    _add_columns(conn, comments, "site")


ANCHOR_COLUMNS = ("anchor_exact", "anchor_prefix", "anchor_suffix", "anchor_start", "anchor_end", "anchor_block",
                  "anchor_spoiler")


def add_comment_anchors(conn: sa.Connection) -> None:
    """The passage a comment answers (issue 24): quote, context, position and paragraph."""
    _add_columns(conn, comments, *ANCHOR_COLUMNS)


def add_comment_edits(conn: sa.Connection) -> None:
    """Readers' rights (issue 26): when a reader last edited their own comment (shown as "edited"), and
    their requests by email link for their data, which the outbox sends as "people" messages."""
    _add_columns(conn, comments, "edited_at")
    _outbox_kinds_as_declared(conn)
    mail_people_requests.create(conn)


def add_comment_timing(conn: sa.Connection) -> None:
    """Time from page load to post, a feature of the spam filter (issue 25): the seconds and the load
    token's nonce, so a token times one comment only (:mod:`essaykit.comments.timing`)."""
    _add_columns(conn, comments, "load_seconds", "load_nonce")
    _add_index(conn, comments, "ix_comments_load_nonce")


def add_mention_networks(conn: sa.Connection) -> None:
    """The mention queue's limits per network (issue 30): each waiting request's network prefix."""
    _add_columns(conn, received_mentions, "network")
    _add_index(conn, received_mentions, "ix_received_mentions_network")


def add_sign_ins(conn: sa.Connection) -> None:
    """Sign in to comment (issue 26): who a reader session is signed in as, the sign-ins under way, the
    identity each comment was posted under, and an outbox that also sends "signin" links."""
    _add_columns(conn, comments, "identity")
    _add_index(conn, comments, "ix_comments_identity")
    _outbox_kinds_as_declared(conn)
    sign_ins.create(conn)
    sign_in_flows.create(conn)


def add_erased_people(conn: sa.Connection) -> None:
    """Readers' rights (issue 26): the outbox's notice of an edit sent back to moderation ("edited"), and
    the salted hashes of erased addresses, which imports and restored backups respect."""
    _outbox_kinds_as_declared(conn)
    erased_people.create(conn)


def add_comment_revisions(conn: sa.Connection) -> None:
    """Comments on passages (issue 24): a revision every update of a comment changes, so a page view learns
    that none of its comments changed from their ids and revisions. The rows there are get a random one each,
    as a new row does (:func:`.schema.new_revision`), not all 0: a row of another database with the same
    public id and revision would pass for it."""
    _add_columns(conn, comments, "revision")
    rows = conn.execute(sa.select(comments.c.id)).scalars().all()
    if rows:
        conn.execute(comments.update().where(comments.c.id == sa.bindparam("row")).values(revision=sa.bindparam("start")),
                     [{"row": row, "start": new_revision()} for row in rows])


MIGRATIONS: list[tuple[str, Callable[[sa.Connection], None]]] = [
    ("0001_create_comments_and_log", create_comments_and_log),
    ("0002_create_ratings", create_ratings),
    ("0003_create_settings_with_salt", create_settings_with_salt),
    ("0004_add_body_hash", add_body_hash),
    ("0005_add_session_secret", add_session_secret),
    ("0006_author_replies", add_author_replies),
    ("0007_receive_and_send_mentions", receive_and_send_mentions),
    ("0008_limits_by_address", limits_by_address),
    ("0009_mail_outbox", create_mail_outbox),
    ("0010_store_version", add_store_version),
    ("0011_spam_filter", add_spam_filter),
    ("0012_follow_by_email", follow_by_email),
    ("0013_unlinked_mentions", add_unlinked_mentions),
    ("0014_comment_anchors", add_comment_anchors),
    ("0015_comment_edits", add_comment_edits),
    ("0016_comment_timing", add_comment_timing),
    ("0017_mention_networks", add_mention_networks),
    ("0018_sign_ins", add_sign_ins),
    ("0019_erased_people", add_erased_people),
    ("0020_comment_revisions", add_comment_revisions),
]


def applied(conn: sa.Connection) -> list[str]:
    return list(conn.execute(sa.select(schema_migrations.c.name).order_by(schema_migrations.c.name)).scalars())


def migrate(engine: sa.Engine, *, write_options: dict) -> list[str]:
    """Bring the database up to date; returns the names of the migrations run now.

    Several processes may open a new database at once: SQLite serialises
    them with ``BEGIN IMMEDIATE`` (``write_options``), PostgreSQL with an
    advisory lock held for the transaction.
    """
    known = [name for name, _ in MIGRATIONS]
    ran: list[str] = []
    with engine.connect() as conn:
        conn = conn.execution_options(**write_options)
        with conn.begin():
            _lock(conn)
            schema_migrations.create(conn, checkfirst=True)
            done = set(applied(conn))
        unknown = sorted(done - set(known))
        if unknown:
            raise StoreError(
                f"the comment database has migrations this essaykit does not know ({', '.join(unknown)}); "
                "it was written by a newer essaykit, so upgrade essaykit to use it"
            )
        for name, step in MIGRATIONS:
            if name in done:
                continue
            with conn.begin():
                _lock(conn)
                # Another process may have run it while we waited for the lock.
                if conn.execute(sa.select(schema_migrations.c.name).where(schema_migrations.c.name == name)).first():
                    continue
                step(conn)
                conn.execute(schema_migrations.insert().values(name=name, applied_at=utcnow()))
            ran.append(name)
    return ran


_MIGRATION_LOCK = 0x65_6B_63_6D  # "ekcm": any constant shared by all essaykit processes


def _lock(conn: sa.Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
