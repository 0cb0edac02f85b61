"""A reader's request, by signed email link, for their data or its erasure (issue 26; docs/privacy.md).

1. The privacy page's form (``POST /api/people``: ``email``, ``what`` = ``export`` or ``erase``) records
   the request (:func:`request`) and, when anything is stored about the address and it still takes mail,
   queues a "people" message through the outbox (so its limits hold: at most one such email per address,
   per kind, per hour, and the outbox's per-address hourly cap). The answer never says which.
2. The email holds a link signed for the purpose ``people`` (:mod:`essaykit.db.signing`) that works for
   :data:`~.links.PEOPLE_HOURS` hours and once: :func:`use` marks it used in the same transaction that acts.
3. Its page (:mod:`.people_pages`) shows a button; the POST downloads the JSON or erases
   (:mod:`.people`).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..db.schema import comments, mail_followers, mail_subscriptions
from ..db.schema import mail_outbox as outbox_table
from ..db.schema import mail_people_requests as requests
from ..errors import RateLimited
from . import outbox
from .links import PEOPLE_HOURS
from .messages import _envelope, _signature

WHAT = ("export", "erase")
#: Requests one client address / one network may make in an hour.
PER_ADDRESS_HOUR = 5
PER_NETWORK_HOUR = 20
HOUR = 3600


def _held(conn, key: str) -> bool:
    """True when anything is stored about the address (a comment, a reply subscription, a follow row)."""
    return any(conn.execute(sa.select(column).where(column == key).limit(1)).first() is not None
               for column in (comments.c.email_key, mail_subscriptions.c.email_key, mail_followers.c.email_key))


def _check_rate(conn, *, address_hash: str, network: str, moment: datetime) -> None:
    since = moment - timedelta(seconds=HOUR)
    for column, value, limit, who in ((requests.c.address_hash, address_hash, PER_ADDRESS_HOUR, "your address"),
                                      (requests.c.network, network, PER_NETWORK_HOUR, "your network")):
        if value and conn.execute(sa.select(sa.func.count()).where(column == value, requests.c.created > since)
                                  ).scalar() >= limit:
            raise RateLimited(f"many requests came from {who} in the last hour; please try again later", "email",
                              retry_after=HOUR)


def request(conn, email: str, what: str, *, address_hash: str, network: str, moment: datetime) -> None:
    """Record the request for ``what`` about ``email`` (already checked) and queue its email when there
    is something to send and the address takes mail. Says nothing back."""
    if what not in WHAT:
        raise ValueError(f"what must be one of {WHAT} (not {what!r})")
    _check_rate(conn, address_hash=address_hash, network=network, moment=moment)
    key = outbox.email_key(email)
    token = secrets.token_hex(16)
    conn.execute(requests.insert().values(token=token, email_key=key, what=what, address_hash=address_hash,
                                          network=network, created=moment))
    if not _held(conn, key) or not outbox.reachable(conn, email):
        return
    if outbox.enqueue(conn, dedupe=f"people:{what}:{key}:{moment:%Y-%m-%d-%H}", kind="people", recipient=email,
                      comment_id="", moment=moment):
        message_id = conn.execute(sa.select(outbox_table.c.message_id).where(
            outbox_table.c.dedupe == f"people:{what}:{key}:{moment:%Y-%m-%d-%H}")).scalar()
        conn.execute(requests.update().where(requests.c.token == token).values(message_id=message_id))


def for_message(conn, message_id: str):
    """The request a queued "people" message carries, or None."""
    return conn.execute(sa.select(requests).where(requests.c.message_id == message_id)).first()


def by_token(conn, token: str):
    return conn.execute(sa.select(requests).where(requests.c.token == token)).first()


def use(conn, token: str, moment: datetime) -> bool:
    """Mark the link used; False when it already was (a link works once, even for two clicks at once)."""
    return conn.execute(requests.update().where(requests.c.token == token, requests.c.used_at.is_(None))
                        .values(used_at=moment)).rowcount == 1


def message(found, *, sender, to: str, message_id: str, site: str, links):
    """The email with the link to request ``found``: what it does, for how long, and that ignoring it does
    nothing."""
    what, link = found.what, links.people(found.token)
    doing = ("download a copy of everything this site stores about this address (a JSON file)" if what == "export"
             else "erase everything this site stores about this address: your comments become \"[deleted]\", "
                  "and your subscriptions and ratings are deleted")
    body = "\n".join([
        f"Someone, probably you, asked {site} to {doing}.",
        "",
        "To do it, open this link and press the button:",
        link,
        "",
        f"The link works once, for {PEOPLE_HOURS} hours. If it was not you, ignore this email: nothing happens.",
    ]) + _signature(f"Sent by essaykit for {site}")
    subject = "Your data on " + site if what == "export" else "Erase your data on " + site
    return _envelope(sender=sender, to=to, subject=subject, message_id=message_id, body=body)
