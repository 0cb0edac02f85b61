"""Signing in by email link (issue 26; docs/comments.md, "Signing in"): no password, one link, once.

1. The comment form's "Sign in by email" (``POST /api/signin/email``: ``email``, optional ``name``,
   ``return``) begins a sign-in (:meth:`~essaykit.comments.signins.SignInsMixin.begin_flow`, limited per
   client address and network) and, when the address still takes mail, queues a "signin" message through
   the outbox, so its limits hold: at most one link per address every ten minutes, and the outbox's
   per-address hourly cap. The answer is the same whether or not the address is known or reachable.
2. The email holds a link signed for the purpose ``signin`` (:mod:`essaykit.db.signing`) that works for
   :data:`~essaykit.comments.signins.FLOW_MINUTES` minutes and once.
3. Its page (:class:`essaykit.live.api.signin.SignInLinkHandler`) shows a button; the POST uses the link, renews the browser's
   session and signs it in as the address, then goes back to the page the sign-in began on.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..comments.signins import FLOW_MINUTES
from ..db.schema import mail_outbox as outbox_table
from ..db.schema import sign_in_flows as flows
from . import outbox
from .messages import _envelope, _signature

#: One sign-in email per address in this many minutes (the dedupe window).
EVERY_MINUTES = 10


def request(store, conn, email: str, *, name: str, return_to: str, address_hash: str, network: str,
            moment) -> None:
    """Begin an email sign-in for ``email`` (already checked) and queue its link when the address takes
    mail. Says nothing back."""
    key = outbox.email_key(email)
    token = store.begin_flow(conn, "email", session="", address_hash=address_hash, network=network, moment=moment,
                             email_key=key, name=name, return_to=return_to)
    if not outbox.reachable(conn, email):
        return
    dedupe = f"signin:{key}:{moment:%Y-%m-%d-%H}:{moment.minute // EVERY_MINUTES}"
    if outbox.enqueue(conn, dedupe=dedupe, kind="signin", recipient=email, comment_id="", moment=moment):
        message_id = conn.execute(sa.select(outbox_table.c.message_id).where(outbox_table.c.dedupe == dedupe)).scalar()
        conn.execute(flows.update().where(flows.c.token == token).values(message_id=message_id))


def for_message(conn, message_id: str):
    """The sign-in a queued "signin" message carries, or None."""
    return conn.execute(sa.select(flows).where(flows.c.message_id == message_id, flows.c.kind == "email")).first()


def message(found, *, sender, to: str, message_id: str, site: str, links):
    """The email with the link: what it does, for how long, and that ignoring it does nothing."""
    body = "\n".join([
        f"Someone, probably you, asked to sign in to {site} to comment as {found.email_key}.",
        "",
        "To sign in, open this link and press the button:",
        links.sign_in(found.token),
        "",
        f"The link works once, for {FLOW_MINUTES} minutes. If it was not you, ignore this email: nothing happens.",
    ]) + _signature(f"Sent by essaykit for {site}")
    return _envelope(sender=sender, to=to, subject="Sign in to comment on " + site, message_id=message_id, body=body)
