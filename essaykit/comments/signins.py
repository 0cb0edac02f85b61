"""Readers signed in to comment (issue 26): a verified identity held by the reader's signed session.

There are still no accounts. A reader who proves an identity (an email link, their website through
IndieAuth, or the host's OpenID Connect provider; :mod:`essaykit.live.api.signin`) has it recorded
against the salted hash of their signed reader session (:mod:`.sessions`), one identity per session:

    store.sign_in(session, Identity("email", "ada@example.org", name="Ada"))
    store.signed_in(session)       # -> the Identity, or None
    store.sign_out(session)        # forgets it

An identity is written ``KIND:VALUE`` (:attr:`Identity.key`): the normalised address, the ``me`` URL, or
the provider's issuer and subject. A comment posted while signed in is stored under the verified name
and website with that key (``comments.identity``), shown as verified, and once the author approves one,
the identity's later comments are published at once (:func:`.posting.context`), as the "approved
before" token does for an address (:mod:`.trust`). The first comment of an identity is always held.

Each sign-in under way is one ``sign_in_flows`` row, used once (:meth:`SignInsMixin.take_flow`): the
email link's request, or an OAuth round trip's ``state`` with its nonce, PKCE verifier and where to go
back. Flows are limited per client address and network, like the other forms that make the server act.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..db.engine import retrying
from ..db.schema import sign_in_flows as flows
from ..db.schema import sign_ins
from ..errors import RateLimited
from .statements import naive_utc

KINDS = ("email", "indieauth", "oidc")
#: How long a sign-in under way (an email link, an OAuth round trip) may take.
FLOW_MINUTES = 30
#: Sign-ins one client address / one network may begin in an hour.
PER_ADDRESS_HOUR = 10
PER_NETWORK_HOUR = 40
HOUR = 3600


@dataclass(frozen=True)
class Identity:
    """A verified identity: ``kind`` (email, indieauth, oidc), the verified ``value`` (the address, the
    ``me`` URL, "ISSUER SUBJECT"), the name and website comments show, and a verified address (or "")."""

    kind: str
    value: str
    name: str
    website: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"an identity's kind is one of {', '.join(KINDS)} (not {self.kind!r})")
        if not self.value or len(self.key) > 2000:
            raise ValueError("an identity needs its verified value (at most 2000 characters)")

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def from_key(cls, key: str, *, name: str, website: str = "", email: str = "") -> Identity:
        kind, _, value = key.partition(":")
        return cls(kind, value, name=name, website=website, email=email)


class SignInsMixin:
    """Sign-ins and sign-ins under way, mixed into :class:`~essaykit.comments.store.CommentStore`."""

    def sign_in(self, session: str, identity: Identity, *, now: datetime | None = None) -> None:
        """Record that reader session ``session`` proved ``identity`` (replacing any it held)."""
        if not isinstance(session, str) or not session:
            raise ValueError("signing in needs the reader's session")
        held = self.hash("session", session)

        def work() -> None:
            with self.writing() as conn:
                conn.execute(sign_ins.delete().where(sign_ins.c.session_hash == held))
                conn.execute(sign_ins.insert().values(
                    session_hash=held, identity=identity.key, name=identity.name[:400], website=identity.website,
                    email_key=identity.email, created=naive_utc(now)))

        retrying(work, what="sign the reader in")

    def signed_in(self, session: object) -> Identity | None:
        """The identity reader session ``session`` signed in as, or None."""
        if not isinstance(session, str) or not session:
            return None
        with self.reading() as conn:
            row = conn.execute(sa.select(sign_ins).where(
                sign_ins.c.session_hash == self.hash("session", session))).first()
        if row is None:
            return None
        return Identity.from_key(row.identity, name=row.name, website=row.website, email=row.email_key)

    def sign_out(self, session: object) -> bool:
        """Forget the identity ``session`` held; True when it held one."""
        if not isinstance(session, str) or not session:
            return False
        held = self.hash("session", session)

        def work() -> bool:
            with self.writing() as conn:
                return conn.execute(sign_ins.delete().where(sign_ins.c.session_hash == held)).rowcount > 0

        return retrying(work, what="sign the reader out")

    # --- sign-ins under way ------------------------------------------------------------------

    def begin_flow(self, conn, kind: str, *, session: str, address_hash: str, network: str, moment: datetime,
                   **values: str) -> str:
        """Record a sign-in under way in ``conn``'s write transaction; its random token. RateLimited when
        the client's address or network began too many in the last hour."""
        since = moment - timedelta(seconds=HOUR)
        for column, value, limit, who in ((flows.c.address_hash, address_hash, PER_ADDRESS_HOUR, "your address"),
                                          (flows.c.network, network, PER_NETWORK_HOUR, "your network")):
            if value and conn.execute(sa.select(sa.func.count()).where(column == value, flows.c.created > since)
                                      ).scalar() >= limit:
                raise RateLimited(f"many sign-ins began from {who} in the last hour; please try again later",
                                  "email", retry_after=HOUR)
        token = secrets.token_urlsafe(24)
        conn.execute(flows.insert().values(token=token, kind=kind, address_hash=address_hash, network=network,
                                           created=moment, session_hash=self.hash("session", session)
                                           if session else "", **values))
        return token

    def flow(self, token: object, kind: str):
        """The unused, unexpired flow ``token`` of ``kind``, or None (read only; :meth:`take_flow` uses it)."""
        if not isinstance(token, str) or not token or len(token) > 64:
            return None
        with self.reading() as conn:
            row = conn.execute(sa.select(flows).where(flows.c.token == token, flows.c.kind == kind)).first()
        if row is None or row.used_at is not None or naive_utc(None) - row.created > timedelta(minutes=FLOW_MINUTES):
            return None
        return row

    def take_flow(self, token: object, kind: str, *, session: str | None = None):
        """Use flow ``token`` once: its row, or None when it is unknown, of another kind, used, expired or
        (``session`` given, "" for none) begun by another browser. Two uses at once: only one gets the row."""
        row = self.flow(token, kind)
        if row is None or (session is not None and (not session or not row.session_hash or
                                                    row.session_hash != self.hash("session", session))):
            return None

        def work() -> bool:
            with self.writing() as conn:
                return conn.execute(flows.update().where(flows.c.id == row.id, flows.c.used_at.is_(None))
                                    .values(used_at=naive_utc(None))).rowcount == 1

        return row if retrying(work, what="use the sign-in") else None


def forget(conn, *, email_key: str, session_hashes: list[str]) -> int:
    """Erasure (:func:`essaykit.mail.people.erase`): delete the sign-ins of an address and of these
    sessions, and the sign-ins under way for the address; how many sign-ins went."""
    condition = sign_ins.c.email_key == email_key
    if session_hashes:
        condition = sa.or_(condition, sign_ins.c.session_hash.in_(session_hashes))
    gone = conn.execute(sign_ins.delete().where(condition)).rowcount
    conn.execute(flows.delete().where(flows.c.email_key == email_key))
    return gone


def listed(conn, *, email_key: str, session_hashes: list[str]) -> dict:
    """What :func:`forget` would delete, for the data download."""
    condition = sign_ins.c.email_key == email_key
    if session_hashes:
        condition = sa.or_(condition, sign_ins.c.session_hash.in_(session_hashes))
    held = conn.execute(sa.select(sign_ins).where(condition).order_by(sign_ins.c.id)).all()
    begun = conn.execute(sa.select(flows.c.kind, flows.c.created, flows.c.used_at)
                         .where(flows.c.email_key == email_key).order_by(flows.c.id)).all()
    return {"sign_ins": [{"identity": row.identity, "name": row.name, "website": row.website,
                          "created": row.created} for row in held],
            "sign_in_links": [{"kind": row.kind, "created": row.created, "used": row.used_at} for row in begun]}
