"""The comment database's tables and its named, recorded migrations.

The schema only ever moves forward through :data:`MIGRATIONS`, a list of
named functions. :func:`migrate` runs each one not yet listed in the
``schema_migrations`` table inside its own transaction and records its name
in that same transaction, so a crash leaves either the old or the new
schema, never half of one.

A migration describes the schema *as it was at that step*: later ones must
use explicit DDL (``ALTER TABLE ...``) instead of re-creating tables from
the current definitions below.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timezone

import sqlalchemy as sa

from ..errors import StoreError
from .fields import body_hash

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(), nullable=False),
)

def _comments_v1(meta: sa.MetaData) -> sa.Table:
    """The comments table as migration 0001 created it."""
    return sa.Table(
        "comments", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("public_id", sa.String(100), nullable=False, unique=True),
        sa.Column("essay", sa.String(100), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=True),
        sa.Column("depth", sa.Integer, nullable=False, default=0),
        sa.Column("author", sa.String(400), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, default=""),
        sa.Column("email_key", sa.String(320), nullable=False, default=""),  # lower-cased, for matching
        sa.Column("website", sa.String(2000), nullable=False, default=""),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),  # naive, always UTC
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, default="comment"),
        sa.Column("source_url", sa.String(2000), nullable=False, default=""),
        sa.Column("session_hash", sa.String(64), nullable=False, default=""),
        sa.Column("import_source", sa.String(100), nullable=False, default=""),
        sa.CheckConstraint("status IN ('pending', 'approved', 'spam', 'deleted')", name="ck_comments_status"),
        sa.CheckConstraint("kind IN ('comment', 'pingback', 'webmention')", name="ck_comments_kind"),
        sa.Index("ix_comments_essay_created", "essay", "created"),
        sa.Index("ix_comments_email_key", "email_key", "status"),
        sa.Index("ix_comments_session_created", "session_hash", "created"),
        sa.Index("ix_comments_parent", "parent_id"),
    )


def _moderation_log_v1(meta: sa.MetaData) -> sa.Table:
    return sa.Table(
        "moderation_log", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=False),
        sa.Column("old", sa.String(16), nullable=True),  # None for the first decision
        sa.Column("new", sa.String(16), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("reason", sa.String(1000), nullable=False, default=""),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Index("ix_moderation_log_comment", "comment_id"),
    )


# The current tables, for queries: version 1 plus what later migrations added.
comments = _comments_v1(metadata)
comments.append_column(sa.Column("body_hash", sa.String(64), nullable=False, default=""))  # 0004
sa.Index("ix_comments_essay_body_hash", comments.c.essay, comments.c.body_hash)  # 0004
# 0006: True only for a reply the author wrote through CommentStore.reply (the
# ModerationQueue or `essaykit comments reply`); no reader's field can set it.
comments.append_column(sa.Column("by_author", sa.Boolean, nullable=False, default=False,
                                 server_default=sa.false()))
comments.append_column(sa.Column("title", sa.String(400), nullable=False, default=""))  # 0007
# 0008: who sent it, for limits keyed on what an attacker pays for (essaykit.comments.addresses):
# a salted hash of the client's address (/32, IPv6 /64) and its network prefix (/24, IPv6 /48) in clear.
comments.append_column(sa.Column("address_hash", sa.String(64), nullable=False, default=""))
comments.append_column(sa.Column("network", sa.String(64), nullable=False, default=""))
sa.Index("ix_comments_address_created", comments.c.address_hash, comments.c.created)  # 0008
sa.Index("ix_comments_network_created", comments.c.network, comments.c.created)  # 0008
sa.Index("ix_comments_essay_status", comments.c.essay, comments.c.status)  # 0008: the pending queue's size
moderation_log = _moderation_log_v1(metadata)

def _ratings_v1(meta: sa.MetaData) -> sa.Table:
    """The ratings table as migration 0002 created it."""
    return sa.Table(
    "ratings", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("essay", sa.String(100), nullable=False),
    sa.Column("session_hash", sa.String(64), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("scale", sa.Integer, nullable=False, default=5),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.UniqueConstraint("essay", "session_hash", name="uq_ratings_essay_session"),
    sa.CheckConstraint("value >= 1 AND value <= scale", name="ck_ratings_value"),
    )


ratings = _ratings_v1(metadata)
ratings.append_column(sa.Column("address_hash", sa.String(64), nullable=False, default=""))  # 0008
ratings.append_column(sa.Column("network", sa.String(64), nullable=False, default=""))  # 0008
sa.Index("ix_ratings_essay_address", ratings.c.essay, ratings.c.address_hash)  # 0008

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(1000), nullable=False),
)


def _received_mentions_v1(meta: sa.MetaData) -> sa.Table:
    """Webmentions and pingbacks waiting for (or done with) verification: the receiver's queue."""
    return sa.Table(
        "received_mentions", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),  # the status URL's secret part
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("essay", sa.String(100), nullable=False),
        sa.Column("source", sa.String(2000), nullable=False),
        sa.Column("target", sa.String(2000), nullable=False),
        sa.Column("address_hash", sa.String(64), nullable=False, default=""),  # the sender's address, salted
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("message", sa.String(1000), nullable=False, default=""),
        sa.Column("comment_id", sa.String(100), nullable=False, default=""),  # the stored mention's public id
        sa.Column("received", sa.DateTime(), nullable=False),
        sa.Column("finished", sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'verifying', 'accepted', 'updated', 'removed', 'rejected', 'failed')",
                           name="ck_received_mentions_state"),
        sa.Index("ix_received_mentions_state", "state", "id"),
        sa.Index("ix_received_mentions_address", "address_hash", "state"),
    )


def _sent_mentions_v1(meta: sa.MetaData) -> sa.Table:
    """What ``essaykit mentions send`` told other sites, one row per (essay, link)."""
    return sa.Table(
        "sent_mentions", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("essay", sa.String(100), nullable=False),
        sa.Column("target", sa.String(2000), nullable=False),
        sa.Column("target_hash", sa.String(64), nullable=False),  # PostgreSQL cannot index long URLs well
        sa.Column("source", sa.String(2000), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),  # source + link + its context
        sa.Column("protocol", sa.String(16), nullable=False, default=""),  # webmention, pingback or ""
        sa.Column("endpoint", sa.String(2000), nullable=False, default=""),
        sa.Column("result", sa.String(16), nullable=False),  # sent, no-endpoint, failed, removed
        sa.Column("detail", sa.String(1000), nullable=False, default=""),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("essay", "target_hash", name="uq_sent_mentions_essay_target"),
    )


def _mail_v1(meta: sa.MetaData) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The outbox, reply subscriptions and what is known of each address (docs/email.md)."""
    outbox = sa.Table(
        "mail_outbox", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(100), nullable=False, unique=True),  # stable across retries
        sa.Column("dedupe", sa.String(200), nullable=False, unique=True),  # one message per event
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False, default=""),  # "" = the author (--notify)
        sa.Column("comment_id", sa.String(100), nullable=False, default=""),  # public id
        sa.Column("subscription_id", sa.Integer, nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, default=0),
        sa.Column("next_attempt", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(100), nullable=False, default=""),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(1000), nullable=False, default=""),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('author', 'confirm', 'reply')", name="ck_mail_outbox_kind"),
        sa.CheckConstraint("state IN ('queued', 'sending', 'sent', 'failed', 'skipped', 'expired')",
                           name="ck_mail_outbox_state"),
        sa.Index("ix_mail_outbox_due", "state", "next_attempt"),
        sa.Index("ix_mail_outbox_recipient_sent", "recipient", "sent_at"),
    )
    subscriptions = sa.Table(
        "mail_subscriptions", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token", sa.String(64), nullable=False, unique=True),  # the links' random part
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=False, unique=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("state IN ('requested', 'active', 'unsubscribed')", name="ck_mail_subscriptions_state"),
        sa.Index("ix_mail_subscriptions_email", "email_key", "state"),
    )
    addresses = sa.Table(
        "mail_addresses", meta,
        sa.Column("email_key", sa.String(320), primary_key=True),
        sa.Column("verified_at", sa.DateTime(), nullable=True),
        sa.Column("blocked_at", sa.DateTime(), nullable=True),  # "never email me again"
        sa.Column("bounced_at", sa.DateTime(), nullable=True),  # a permanent (5xx) refusal
        sa.Column("bounce", sa.String(1000), nullable=False, default=""),
    )
    return outbox, subscriptions, addresses


# 0010: one row whose counter moves with every change readers could see (comments, their status,
# ratings), bumped by triggers in the writing transaction itself; see add_store_version.
store_version = sa.Table(
    "store_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("counter", sa.BigInteger, nullable=False),
)

received_mentions = _received_mentions_v1(metadata)
sent_mentions = _sent_mentions_v1(metadata)
mail_outbox, mail_subscriptions, mail_addresses = _mail_v1(metadata)


def utcnow() -> datetime:
    """Now, naive UTC, the way times are stored."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


# --- migrations ------------------------------------------------------------------


def create_comments_and_log(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    _comments_v1(meta)
    _moderation_log_v1(meta)
    meta.create_all(conn)


def create_ratings(conn: sa.Connection) -> None:
    _ratings_v1(sa.MetaData()).create(conn)


def create_settings_with_salt(conn: sa.Connection) -> None:
    """A per-database secret salt, so identicon and session hashes cannot be reversed from a list of emails."""
    settings.create(conn)
    conn.execute(settings.insert().values(key="hash_salt", value=secrets.token_hex(16)))


def add_body_hash(conn: sa.Connection) -> None:
    """Index bodies by hash, so the duplicate check stays fast for readers with many comments."""
    conn.execute(sa.text("ALTER TABLE comments ADD COLUMN body_hash VARCHAR(64) NOT NULL DEFAULT ''"))
    rows = conn.execute(sa.text("SELECT id, body FROM comments")).all()
    if rows:
        conn.execute(sa.text("UPDATE comments SET body_hash = :hash WHERE id = :id"),
                     [{"id": row.id, "hash": body_hash(row.body)} for row in rows])
    conn.execute(sa.text("CREATE INDEX ix_comments_essay_body_hash ON comments (essay, body_hash)"))


def add_session_secret(conn: sa.Connection) -> None:
    """The key that signs reader sessions (:mod:`essaykit.comments.sessions`); never leaves the database."""
    conn.execute(settings.insert().values(key="session_secret", value=secrets.token_hex(32)))


def add_author_replies(conn: sa.Connection) -> None:
    """Mark the author's own replies, so they can carry an "Author" badge no reader can claim."""
    conn.execute(sa.text("ALTER TABLE comments ADD COLUMN by_author BOOLEAN NOT NULL DEFAULT FALSE"))


def receive_and_send_mentions(conn: sa.Connection) -> None:
    """A title for received mentions, the receiver's queue and the sender's record (docs/mentions.md)."""
    conn.execute(sa.text("ALTER TABLE comments ADD COLUMN title VARCHAR(400) NOT NULL DEFAULT ''"))
    meta = sa.MetaData()
    _received_mentions_v1(meta)
    _sent_mentions_v1(meta)
    meta.create_all(conn)


def create_mail_outbox(conn: sa.Connection) -> None:
    """The outbox of notification emails, reply subscriptions and verified or bounced addresses."""
    meta = sa.MetaData()
    sa.Table("comments", meta, sa.Column("id", sa.Integer, primary_key=True))  # for the foreign key only
    outbox, subscriptions, addresses = _mail_v1(meta)
    for table in (outbox, subscriptions, addresses):
        table.create(conn)


def limits_by_address(conn: sa.Connection) -> None:
    """Limits per client address and network (issue 11): who sent each comment and rating, and email
    keys normalised the one way moderation compares them (:func:`.fields.normalise_email`)."""
    from .fields import normalise_email

    for table in ("comments", "ratings"):
        conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN address_hash VARCHAR(64) NOT NULL DEFAULT ''"))
        conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN network VARCHAR(64) NOT NULL DEFAULT ''"))
    conn.execute(sa.text("CREATE INDEX ix_comments_address_created ON comments (address_hash, created)"))
    conn.execute(sa.text("CREATE INDEX ix_comments_network_created ON comments (network, created)"))
    conn.execute(sa.text("CREATE INDEX ix_ratings_essay_address ON ratings (essay, address_hash)"))
    conn.execute(sa.text("CREATE INDEX ix_comments_essay_status ON comments (essay, status)"))
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
    conn.execute(sa.text("CREATE TABLE store_version (id INTEGER PRIMARY KEY, counter BIGINT NOT NULL)"))
    conn.execute(sa.text("INSERT INTO store_version (id, counter) VALUES (1, 0)"))
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
