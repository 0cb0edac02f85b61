"""Everything stored about one email address: list it, download it as JSON, erase it (issue 26).

    people = everyone(store)                      # every address the database holds, with counts
    data = collect(store, "ada@example.org")     # the JSON download: comments, ratings, subscriptions…
    erase(store, "ada@example.org")              # tombstones (or removal), subscriptions gone, hashes dropped

An address is matched by its normalised key (:func:`essaykit.db.lookup.normalise_email`), the one
moderation and the outbox use. What is stored about it:

* its comments (every status), with the salted hashes of the session and client address that sent them;
* the ratings given from those sessions (a rating carries no email: the session ties it to the address);
* its reply subscriptions, its follow row and what the outbox knows of the address (verified, blocked,
  bounced), the messages queued or sent to it, and its own requests for its data (:mod:`.people_links`);
* its sign-ins (:mod:`essaykit.comments.signins`): those proving the address, those held by the sessions
  that posted its comments, and the sign-in links asked for it.

:func:`erase` drops all of that in one transaction: comments become blanked ``deleted`` tombstones
(their replies keep their place) or, with ``remove_comments`` (the host's ``erase_removes_comments``
setting), are deleted outright when nothing replies to them; the session and address hashes and the
network go too, ratings from their sessions are deleted, and so are subscriptions, the follow row, the
address's record, its messages, its data requests and its sign-ins. The store's version moves with the comments, so every server's page
cache (:mod:`essaykit.live.pages.cache`) drops the pages that showed them, as an approval does, and the
site's comment feeds leave them out on the next build. What remains is the address's salted hash and the
time of erasure (``erased_people``), so that importing or restoring a backup made before it does not bring
the comments back (:mod:`essaykit.comments.jsonio`); comments the address writes later are its own again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import sqlalchemy as sa

from ..comments import own, signins
from ..comments.jsonio import ERASED
from ..comments.model import iso_utc
from ..comments.statements import change_status, naive_utc
from ..db.lookup import normalise_email
from ..db.schema import comments as c
from ..db.schema import (erased_people, mail_addresses, mail_followers, mail_outbox, mail_people_requests,
                         mail_subscriptions, moderation_log, sign_ins)
from ..db.schema import ratings as r
from ..errors import CommentError

#: Who the moderation log names for an erasure.
BY_ERASURE = "erasure"


def key_of(email: object) -> str:
    """The address's key; CommentError (field ``email``) when it is not an address."""
    key = normalise_email(email) if isinstance(email, str) else ""
    if "@" not in key or len(key) > 320:
        raise CommentError(f"{str(email)[:100]!r} is not an email address; give one like reader@example.org",
                           "email")
    return key


def _time(moment) -> str | None:
    return None if moment is None else iso_utc(moment)


def _comment_rows(conn, key: str):
    return conn.execute(sa.select(c.c.id, c.c.public_id, c.c.essay, c.c.author, c.c.email, c.c.website, c.c.body,
                                  c.c.created, c.c.edited_at, c.c.status, c.c.session_hash, c.c.address_hash,
                                  c.c.network).where(c.c.email_key == key, c.c.kind == "comment")
                        .order_by(c.c.created, c.c.id)).all()


def _sessions(rows) -> list[str]:
    return sorted({row.session_hash for row in rows if row.session_hash})


@dataclass(frozen=True)
class Person:
    """One address the database holds, and how much of it: for ``essaykit people list``."""

    email: str
    comments: int
    subscriptions: int
    follower: str  # the follow row's state, or ""


def everyone(store) -> list[Person]:
    """Every address with a comment, a reply subscription, a follow row or a sign-in, sorted."""
    with store.reading() as conn:
        counted = dict(conn.execute(sa.select(c.c.email_key, sa.func.count()).where(
            c.c.email_key != "", c.c.kind == "comment").group_by(c.c.email_key)).all())
        subs = dict(conn.execute(sa.select(mail_subscriptions.c.email_key, sa.func.count())
                                 .group_by(mail_subscriptions.c.email_key)).all())
        follows = dict(conn.execute(sa.select(mail_followers.c.email_key, mail_followers.c.state)).all())
        signed = set(conn.execute(sa.select(sign_ins.c.email_key).where(sign_ins.c.email_key != "")).scalars())
    keys = sorted(set(counted) | set(subs) | set(follows) | signed)
    return [Person(k, counted.get(k, 0), subs.get(k, 0), follows.get(k, "")) for k in keys]


def collect(store, email: str) -> dict:
    """Everything stored about ``email``, as JSON-ready data (the reader's download; ``people export``)."""
    key = key_of(email)
    with store.reading() as conn:
        rows = _comment_rows(conn, key)
        sessions = _sessions(rows)
        ratings = conn.execute(sa.select(r.c.essay, r.c.value, r.c.scale, r.c.created)
                               .where(r.c.session_hash.in_(sessions)).order_by(r.c.created)).all() if sessions else []
        subs = conn.execute(sa.select(mail_subscriptions, c.c.public_id).select_from(
            mail_subscriptions.join(c, c.c.id == mail_subscriptions.c.comment_id))
            .where(mail_subscriptions.c.email_key == key)).all()
        follow = conn.execute(sa.select(mail_followers).where(mail_followers.c.email_key == key)).first()
        address = conn.execute(sa.select(mail_addresses).where(mail_addresses.c.email_key == key)).first()
        asked = conn.execute(sa.select(mail_people_requests.c.what, mail_people_requests.c.created,
                                       mail_people_requests.c.used_at)
                             .where(mail_people_requests.c.email_key == key).order_by(mail_people_requests.c.id)).all()
        signed = signins.listed(conn, email_key=key, session_hashes=sessions)
        sent = conn.execute(sa.select(mail_outbox.c.kind, mail_outbox.c.state, mail_outbox.c.created,
                                      mail_outbox.c.sent_at).where(sa.func.lower(mail_outbox.c.recipient) == key)
                            .order_by(mail_outbox.c.created)).all()
    return {
        "email": key,
        "comments": [{"id": row.public_id, "essay": row.essay, "author": row.author, "email": row.email,
                      "website": row.website, "body": row.body, "created": _time(row.created),
                      "edited": _time(row.edited_at), "status": row.status,
                      "session_hash": row.session_hash, "address_hash": row.address_hash, "network": row.network}
                     for row in rows],
        "ratings": [{"essay": row.essay, "value": row.value, "scale": row.scale, "created": _time(row.created)}
                    for row in ratings],
        "reply_subscriptions": [{"comment": row.public_id, "state": row.state, "created": _time(row.created),
                                 "confirmed": _time(row.confirmed_at)} for row in subs],
        "follow": None if follow is None else {"state": follow.state, "source": follow.source,
                                               "created": _time(follow.created), "consent": _time(follow.consent_at)},
        "address": None if address is None else {"verified": _time(address.verified_at),
                                                  "blocked": _time(address.blocked_at),
                                                  "bounced": _time(address.bounced_at), "bounce": address.bounce},
        "messages": [{"kind": row.kind, "state": row.state, "created": _time(row.created),
                      "sent": _time(row.sent_at)} for row in sent],
        "data_requests": [{"what": row.what, "created": _time(row.created), "used": _time(row.used_at)}
                          for row in asked],
        "sign_ins": [{**row, "created": _time(row["created"])} for row in signed["sign_ins"]],
        "sign_in_links": [{**row, "created": _time(row["created"]), "used": _time(row["used"])}
                          for row in signed["sign_in_links"]],
    }


@dataclass(frozen=True)
class Erased:
    """What :func:`erase` did, in counts."""

    tombstoned: int = 0
    removed: int = 0
    ratings: int = 0
    subscriptions: int = 0
    follows: int = 0
    messages: int = 0
    sign_ins: int = 0

    def summary(self) -> str:
        return ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in asdict(self).items())


def erase(store, email: str, *, remove_comments: bool | None = None) -> Erased:
    """Erase everything stored about ``email`` (see the module's docstring); ``remove_comments`` defaults
    to the host's ``erase_removes_comments`` moderation setting."""
    key = key_of(email)
    remove = store.rules.erase_removes_comments if remove_comments is None else remove_comments
    moment = naive_utc(None)
    with store.writing() as conn:
        rows = _comment_rows(conn, key)
        ids = [row.id for row in rows]
        sessions = _sessions(rows)
        replied = set(conn.execute(sa.select(c.c.parent_id).where(c.c.parent_id.in_(ids))).scalars()) if ids else set()
        gone = [row.id for row in rows if remove and row.id not in replied]
        kept = [row for row in rows if row.id not in gone]
        subscriptions = conn.execute(mail_subscriptions.delete().where(mail_subscriptions.c.email_key == key)).rowcount
        for row in kept:
            if row.status != "deleted":
                change_status(conn, row, "deleted", by=BY_ERASURE, reason="its writer's data was erased", at=moment)
        own.blank(conn, ids)
        if ids:
            conn.execute(c.update().where(c.c.id.in_(ids)).values(session_hash="", address_hash="", network=""))
        if gone:
            conn.execute(moderation_log.delete().where(moderation_log.c.comment_id.in_(gone)))
            conn.execute(c.delete().where(c.c.id.in_(gone)))
        ratings = conn.execute(r.delete().where(r.c.session_hash.in_(sessions))).rowcount if sessions else 0
        follows = conn.execute(mail_followers.delete().where(mail_followers.c.email_key == key)).rowcount
        conn.execute(mail_addresses.delete().where(mail_addresses.c.email_key == key))
        messages = conn.execute(mail_outbox.delete().where(sa.func.lower(mail_outbox.c.recipient) == key)).rowcount
        conn.execute(mail_people_requests.delete().where(mail_people_requests.c.email_key == key))
        erased = store.hash(ERASED, key)
        conn.execute(erased_people.delete().where(erased_people.c.email_hash == erased))
        conn.execute(erased_people.insert().values(email_hash=erased, erased_at=moment))
        signed = signins.forget(conn, email_key=key, session_hashes=sessions)
    return Erased(tombstoned=len(kept), removed=len(gone), ratings=ratings, subscriptions=subscriptions,
                  follows=follows, messages=messages, sign_ins=signed)
