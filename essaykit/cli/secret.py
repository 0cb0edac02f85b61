"""``essaykit secret rotate``: a new key for signing reader sessions and "approved before" tokens.

The key lives in the comment database's settings (never in a file), so every
server sharing the database signs with it. Rotating keeps the old key
accepted for a grace period: readers keep their sessions, ratings and
tokens, each re-signed with the new key on their next visit. Rotate with
``--grace 0`` when the old key may have leaked: every session and token
signed with it stops working at once (servers notice within a minute).
"""

from __future__ import annotations

from datetime import datetime, timezone

import click

from ._command import EssaykitCommand, EssaykitGroup
from .comments import _open, db_option


@click.group("secret", cls=EssaykitGroup)
def secret_command() -> None:
    """Manage the key that signs reader sessions and "approved before" tokens.

    \b
    essaykit secret rotate              # the old key still works for 30 days
    essaykit secret rotate --grace 0    # it may have leaked: stop accepting it now
    """


@secret_command.command("rotate", cls=EssaykitCommand)
@click.option("--grace", "grace_days", type=click.FloatRange(0, 3650), default=None, metavar="DAYS",
              help="Days the old key is still accepted (default 30); 0 drops it at once.")
@db_option
def rotate_command(grace_days: float | None, db: str | None) -> None:
    """Make a new signing key; the old one is accepted for --grace days."""
    from ..db.signing_keys import DEFAULT_GRACE_DAYS, rotate

    grace = DEFAULT_GRACE_DAYS if grace_days is None else grace_days
    with _open(db) as store:
        until = rotate(store, grace_days=grace)
    if grace:
        when = datetime.fromtimestamp(until, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        click.echo(f"rotated the session key; the old key is accepted until {when}")
    else:
        click.echo("rotated the session key; the old key is no longer accepted (readers get new sessions)")
