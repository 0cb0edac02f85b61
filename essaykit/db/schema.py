"""The comment database's tables: the one declaration of the schema, as SQLAlchemy metadata.

Every query is built from these tables, and :mod:`.migrations` builds every database from them:
a table is created by the migration that introduced it from its ``*_v1`` builder below (the
table as that migration made it), and each later column and index is declared once here, in
the table, and added by its migration from that declaration. ``tests/db/test_schema.py``
migrates empty and old databases and compares them with :data:`metadata`.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

import sqlalchemy as sa

metadata = sa.MetaData()


def new_revision() -> int:
    """A new comment row's first revision: random below 2**62, so two rows with one public id (in two
    databases, or erased and imported again) share a revision by a chance of about one in 2**62 per update."""
    return secrets.randbits(62)


#: The server default of the text columns later migrations added, so old rows get "". Written as SQL:
#: alembic's comparison reads a bare "" as no default on SQLite.
EMPTY = sa.text("''")

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("applied_at", sa.DateTime(), nullable=False),
)

def comments_v1(meta: sa.MetaData) -> sa.Table:
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


def moderation_log_v1(meta: sa.MetaData) -> sa.Table:
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
comments = comments_v1(metadata)
comments.append_column(sa.Column("body_hash", sa.String(64), nullable=False, server_default=EMPTY))  # 0004
sa.Index("ix_comments_essay_body_hash", comments.c.essay, comments.c.body_hash)  # 0004
# 0006: True only for a reply the author wrote through CommentStore.reply (the
# ModerationQueue or `essaykit comments reply`); no reader's field can set it.
comments.append_column(sa.Column("by_author", sa.Boolean, nullable=False, server_default=sa.text("FALSE")))
comments.append_column(sa.Column("title", sa.String(400), nullable=False, server_default=EMPTY))  # 0007
# 0008: who sent it, for limits keyed on what an attacker pays for (essaykit.comments.addresses):
# a salted hash of the client's address (/32, IPv6 /64) and its network prefix (/24, IPv6 /48) in clear.
comments.append_column(sa.Column("address_hash", sa.String(64), nullable=False, server_default=EMPTY))
comments.append_column(sa.Column("network", sa.String(64), nullable=False, server_default=EMPTY))
sa.Index("ix_comments_address_created", comments.c.address_hash, comments.c.created)  # 0008
sa.Index("ix_comments_network_created", comments.c.network, comments.c.created)  # 0008
sa.Index("ix_comments_essay_status", comments.c.essay, comments.c.status)  # 0008: the pending queue's size
# 0011: the spam filter's score of each new comment and mention (0-1, None before the filter
# existed) and the features behind it (essaykit.spam).
comments.append_column(sa.Column("spam_score", sa.Float, nullable=True))
comments.append_column(sa.Column("spam_reason", sa.String(1000), nullable=False, server_default=EMPTY))
# 0012: the site a mention came from, as its source names it ("Still Frames"), for a pingback an
# imported text copy shows without an address: source_url stays "" (an unlinked mention; no URL is
# ever made up), and this is all the reader learns of where it came from. "" when source_url says it.
comments.append_column(sa.Column("site", sa.String(400), nullable=False, server_default=EMPTY))
# 0014: the passage a comment answers (essaykit.comments.anchor): the W3C TextQuoteSelector (quote and
# context), TextPositionSelector and the paragraph's id; anchor_exact "" for a comment on the whole essay.
comments.append_column(sa.Column("anchor_exact", sa.String(1000), nullable=False, server_default=EMPTY))
comments.append_column(sa.Column("anchor_prefix", sa.String(64), nullable=False, server_default=EMPTY))
comments.append_column(sa.Column("anchor_suffix", sa.String(64), nullable=False, server_default=EMPTY))
comments.append_column(sa.Column("anchor_start", sa.Integer, nullable=True))
comments.append_column(sa.Column("anchor_end", sa.Integer, nullable=True))
comments.append_column(sa.Column("anchor_block", sa.String(100), nullable=False, server_default=EMPTY))
# True when the passage was in a spoiler as the comment was posted: an orphan's quote is never shown then.
comments.append_column(sa.Column("anchor_spoiler", sa.Boolean, nullable=False, server_default=sa.text("FALSE")))
# 0015: when the comment's writer last edited it from the browser that posted it (None: never edited).
comments.append_column(sa.Column("edited_at", sa.DateTime(), nullable=True))
# 0016: seconds from the page's load to the post, from the form's signed load time
# (essaykit.comments.timing); None when the form sent none or one that was not genuine, fresh and
# unused (missing, forged, expired, from the future, replayed). The nonce of the load token a comment
# used, so the same token cannot time a second comment.
comments.append_column(sa.Column("load_seconds", sa.Integer, nullable=True))
comments.append_column(sa.Column("load_nonce", sa.String(32), nullable=True))
sa.Index("ix_comments_load_nonce", comments.c.load_nonce)  # 0016: is a load token used already?
# 0018: the verified identity a signed-in reader posted under (essaykit.comments.signins), as
# "KIND:VALUE" ("email:ada@example.org", "indieauth:https://ada.example/", "oidc:ISSUER SUBJECT"); "" for
# an anonymous comment. Its earlier approved comment is what lets that identity's next one through.
comments.append_column(sa.Column("identity", sa.String(2000), nullable=False, server_default=EMPTY))
sa.Index("ix_comments_identity", comments.c.identity, comments.c.status)  # 0018
# 0020: one more on every update of the row (``onupdate``: any Core update not setting it), see passage_entries.
comments.append_column(sa.Column("revision", sa.BigInteger, nullable=False, server_default=sa.text("0"),
                                 default=new_revision, onupdate=sa.literal_column("revision", sa.BigInteger) + 1))
moderation_log = moderation_log_v1(metadata)


def ratings_v1(meta: sa.MetaData) -> sa.Table:
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


ratings = ratings_v1(metadata)
ratings.append_column(sa.Column("address_hash", sa.String(64), nullable=False, server_default=EMPTY))  # 0008
ratings.append_column(sa.Column("network", sa.String(64), nullable=False, server_default=EMPTY))  # 0008
sa.Index("ix_ratings_essay_address", ratings.c.essay, ratings.c.address_hash)  # 0008

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.String(1000), nullable=False),
)


def received_mentions_v1(meta: sa.MetaData) -> sa.Table:
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


def sent_mentions_v1(meta: sa.MetaData) -> sa.Table:
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


#: What the outbox sends: the author's notice, a reply subscription's confirmation and its replies
#: (0009); a follower's confirmation and a newly published essay (0012); a reader's link to their data (0015);
#: a reader's sign-in link (0018); the author's notice of a published comment its writer edited back to
#: moderation (0019).
OUTBOX_KINDS_V1 = ("author", "confirm", "reply")
OUTBOX_KINDS = (*OUTBOX_KINDS_V1, "follow", "essay", "people", "signin", "edited")


def mail_v1(meta: sa.MetaData, kinds: tuple[str, ...] = OUTBOX_KINDS_V1) -> tuple[sa.Table, sa.Table, sa.Table]:
    """The outbox (taking ``kinds``), reply subscriptions and what is known of each address (docs/email.md)."""
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
        sa.CheckConstraint(f"kind IN ({', '.join(repr(k) for k in kinds)})", name="ck_mail_outbox_kind"),
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

# 0011: the one spam model every server shares; ``version`` rises with each save, so a server
# reloads it only when it changed. No row until the filter first learns.
spam_model = sa.Table(
    "spam_model", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("ham", sa.Integer, nullable=False),  # decisions learned of each kind
    sa.Column("spam", sa.Integer, nullable=False),
    sa.Column("model", sa.LargeBinary, nullable=False),
    sa.Column("trained_at", sa.DateTime(), nullable=False),
)

received_mentions = received_mentions_v1(metadata)
# 0017: the sender's network prefix in clear (IPv4 /24, IPv6 /48), so the queue's limits count a whole
# network; address_hash is now the salted hash of its address key (IPv4, IPv6 /64) as comments keep it.
received_mentions.append_column(sa.Column("network", sa.String(64), nullable=False, server_default=EMPTY))
sa.Index("ix_received_mentions_network", received_mentions.c.network, received_mentions.c.state)  # 0017
sent_mentions = sent_mentions_v1(metadata)
mail_outbox, mail_subscriptions, mail_addresses = mail_v1(metadata, OUTBOX_KINDS)
# 0012: an essay announcement names its essay and its follower (no comment, no reply subscription).
mail_outbox.append_column(sa.Column("essay", sa.String(100), nullable=False, server_default=EMPTY))
mail_outbox.append_column(sa.Column("follower_id", sa.Integer, nullable=True))

# 0012: readers who follow the blog by email (docs/email.md, "Follow by email"). One row per address:
# ``consent_at`` is when they agreed (their confirmation, or the date an import's file gives), and
# ``source`` where that consent comes from ("form", or "import:FORMAT:FILE").
mail_followers = sa.Table(
    "mail_followers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),  # the links' random part
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("email_key", sa.String(320), nullable=False, unique=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("source", sa.String(400), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("consent_at", sa.DateTime(), nullable=True),
    sa.CheckConstraint("state IN ('requested', 'active', 'unsubscribed')", name="ck_mail_followers_state"),
    sa.Index("ix_mail_followers_state", "state", "id"),
)
# 0012: every Follow form post, for its limits (per client address and network, like comments').
mail_follow_requests = sa.Table(
    "mail_follow_requests", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("address_hash", sa.String(64), nullable=False),
    sa.Column("network", sa.String(64), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Index("ix_mail_follow_requests_address", "address_hash", "created"),
    sa.Index("ix_mail_follow_requests_network", "network", "created"),
)
# 0012: what the email about a published essay says, written once when it is queued, so any sender
# (a replica, `essaykit mail send`) can write it without the notebook. Spoiler-free by construction.
mail_essays = sa.Table(
    "mail_essays", metadata,
    sa.Column("slug", sa.String(100), primary_key=True),
    sa.Column("title", sa.String(400), nullable=False),
    sa.Column("url", sa.String(2000), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("spoilers", sa.Boolean, nullable=False),
    sa.Column("queued_at", sa.DateTime(), nullable=False),
)

# 0015: a reader's request, by email link, for everything stored about their address (``export``) or for
# its erasure (``erase``): the link's random part, the outbox message that carries it, who asked (for
# the limits), and when the link was used (each works once).
mail_people_requests = sa.Table(
    "mail_people_requests", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),
    sa.Column("email_key", sa.String(320), nullable=False),
    sa.Column("what", sa.String(16), nullable=False),
    sa.Column("message_id", sa.String(100), nullable=False, server_default=EMPTY),
    sa.Column("address_hash", sa.String(64), nullable=False),
    sa.Column("network", sa.String(64), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("used_at", sa.DateTime(), nullable=True),
    sa.CheckConstraint("what IN ('export', 'erase')", name="ck_mail_people_requests_what"),
    sa.Index("ix_mail_people_requests_address", "address_hash", "created"),
    sa.Index("ix_mail_people_requests_network", "network", "created"),
    sa.Index("ix_mail_people_requests_message", "message_id"),
)

# 0018: readers signed in to comment (essaykit.comments.signins). ``sign_ins``: the verified identity a
# reader session holds (one per session; sign-out deletes it). ``sign_in_flows``: each sign-in under way,
# used once: an email link's request or an OAuth round trip's state, with what its end must check.
sign_ins = sa.Table(
    "sign_ins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("identity", sa.String(2000), nullable=False),  # "KIND:VALUE", as comments.identity
    sa.Column("name", sa.String(400), nullable=False),
    sa.Column("website", sa.String(2000), nullable=False, server_default=EMPTY),
    sa.Column("email_key", sa.String(320), nullable=False, server_default=EMPTY),  # a verified address, else ""
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Index("ix_sign_ins_email", "email_key"),
)
sign_in_flows = sa.Table(
    "sign_in_flows", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token", sa.String(64), nullable=False, unique=True),  # the link's or the state's random part
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("session_hash", sa.String(64), nullable=False, server_default=EMPTY),  # the browser that began it
    sa.Column("email_key", sa.String(320), nullable=False, server_default=EMPTY),
    sa.Column("name", sa.String(400), nullable=False, server_default=EMPTY),
    sa.Column("me", sa.String(2000), nullable=False, server_default=EMPTY),  # IndieAuth: the URL typed
    sa.Column("endpoint", sa.String(2000), nullable=False, server_default=EMPTY),  # ...its authorization endpoint
    sa.Column("issuer", sa.String(2000), nullable=False, server_default=EMPTY),  # ...and issuer, from its metadata
    sa.Column("nonce", sa.String(64), nullable=False, server_default=EMPTY),
    sa.Column("verifier", sa.String(128), nullable=False, server_default=EMPTY),  # PKCE
    sa.Column("return_to", sa.String(2000), nullable=False, server_default=EMPTY),
    sa.Column("message_id", sa.String(100), nullable=False, server_default=EMPTY),
    sa.Column("address_hash", sa.String(64), nullable=False),
    sa.Column("network", sa.String(64), nullable=False),
    sa.Column("created", sa.DateTime(), nullable=False),
    sa.Column("used_at", sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('email', 'indieauth', 'oidc')", name="ck_sign_in_flows_kind"),
    sa.Index("ix_sign_in_flows_address", "address_hash", "created"),
    sa.Index("ix_sign_in_flows_network", "network", "created"),
    sa.Index("ix_sign_in_flows_message", "message_id"),
    sa.Index("ix_sign_in_flows_email", "email_key"),
)


# 0019: the addresses whose data was erased (``essaykit people erase``, a reader's erasure link), as the
# store's salted hash of the address (purpose "erased"): an import or a restored older backup does not
# bring their comments back. No address is kept, only what cannot be read back without the salt.
erased_people = sa.Table(
    "erased_people", metadata,
    sa.Column("email_hash", sa.String(64), primary_key=True),
    sa.Column("erased_at", sa.DateTime(), nullable=False),
)


def utcnow() -> datetime:
    """Now, naive UTC, the way times are stored."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
