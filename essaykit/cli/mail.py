"""``essaykit mail``: check the SMTP settings, send the outbox (for cron), see what is queued.

Every subcommand reads the mail settings as ``essaykit serve`` does (flags,
then ``ESSAYKIT_SMTP`` and friends, then ``[mail]`` in essaykit.toml; see
:mod:`essaykit.mail.config` and docs/email.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .._words import plural
from ..errors import EssaykitError
from ._command import EssaykitCommand, EssaykitGroup
from ._mail_options import link_options, smtp_options
from .comments import db_option


def _config(smtp, mail_from, *, notify=None, public_url=None, site_dir=None, need_public=False):
    from ..mail.config import MailConfig

    config = MailConfig.load(smtp=smtp, sender=mail_from, notify=notify, public_url=public_url, site_dir=site_dir)
    if not config.enabled:
        raise EssaykitError("no SMTP server is configured: pass --smtp URL or set ESSAYKIT_SMTP "
                            "(e.g. smtp://me@mail.example.org:587?starttls=1); see docs/email.md")
    if need_public and not config.public_url:
        raise EssaykitError("the links in the emails need this server's public address: pass --public-url "
                            "https://comments.example.org/ or set ESSAYKIT_PUBLIC_URL (as essaykit serve has it)")
    return config


@click.group("mail", cls=EssaykitGroup)
def mail_command() -> None:
    """Notification emails: test the SMTP settings, send what is queued, list the queue.

    \b
    essaykit mail test me@example.org
    essaykit mail send            # from cron, when no essaykit serve runs
    essaykit mail list
    """


@mail_command.command("test", cls=EssaykitCommand)
@click.argument("address")
@smtp_options
def test_command(address: str, smtp: str | None, mail_from: str | None) -> None:
    """Send a test message to ADDRESS, step by step; a failure names the step and what to do."""
    import secrets

    from ..mail.config import check_address
    from ..mail.messages import test_message
    from ..mail.smtp import Connection, SendFailed

    config = _config(smtp, mail_from)
    check_address(address, "the test address")
    click.echo(f"Sending a test message to {address} via {config.smtp.shown()} from {config.sender}")
    message = test_message(sender=config.sender_address, to=address, message_id=secrets.token_hex(16),
                           server=config.smtp.shown())
    try:
        with Connection(config.smtp) as connection:
            click.echo(f"  ok  DNS, connect{', TLS' if config.smtp.tls != 'none' else ''}"
                       f"{', authentication' if config.smtp.user else ''}")
            connection.send(message, config.sender_address.addr_spec, address)
    except SendFailed as exc:
        click.echo(f"error: {exc.explain()}", err=True)
        sys.exit(1)
    click.echo(f"  ok  the server accepted the message for {address}; check that mailbox (and its spam folder)")


@mail_command.command("send", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path), default=Path("."))
@smtp_options
@link_options()
@click.option("--lease", type=click.FloatRange(1, 86400), default=300, show_default=True, metavar="SECONDS",
              help="How long a claimed message is this run's before another worker may send it again.")
@db_option
def send_command(path: Path, smtp, mail_from, notify, public_url, lease: float, db: str | None) -> None:
    """Send every message due in the outbox once, then exit (for cron).

    PATH is the essays' folder (default: the current one), for their titles
    and pages. Safe to run beside essaykit serve and in several places at
    once: each message is claimed by one sender. The exit status is 1 when
    the SMTP server could not be reached (the messages wait for the next run).
    """
    from ..db.engine import site_folder
    from ..mail.site import essay_links
    from ..mail.worker import Sender
    from .comments import _open

    config = _config(smtp, mail_from, notify=notify, public_url=public_url, site_dir=site_folder(path),
                     need_public=True)
    site = _site_or_none(path)
    with _open(db) as store:
        report = Sender(store, config, essays=essay_links(site, config.public_url), lease=lease).drain()
    click.echo(report.summary())
    for problem in report.problems:
        click.echo(f"error: {problem}", err=True)
    if report.problems:
        sys.exit(1)


def _site_or_none(path: Path):
    from ..live.pages.site import EssaySite

    try:
        return EssaySite.discover(path)
    except EssaykitError:
        return None


@mail_command.command("list", cls=EssaykitCommand)
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True, help="Show this many.")
@db_option
def list_command(limit: int, db: str | None) -> None:
    """The outbox: how many messages are in each state, and the latest ones (newest first).

    Readers' addresses are shown (this is the author's tool); piped, one
    tab-separated line per message (id, state, kind, recipient, attempts, created, last error).
    """
    from ..mail import outbox
    from ..comments.model import iso_utc
    from .comments import _open

    with _open(db) as store, store.reading() as conn:
        counts = outbox.counts(conn)
        rows = outbox.recent(conn, limit)
    if not sys.stdout.isatty():
        for r in rows:
            click.echo("\t".join([str(r.id), r.state, r.kind, r.recipient or "(author)", str(r.attempts),
                                  iso_utc(r.created), " ".join(r.last_error.split())]))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "empty"
    table = Table(title=f"{plural(sum(counts.values()), 'message')}: {summary}", title_justify="left")
    for name in ("id", "state", "kind", "to", "tries", "created", "last error"):
        table.add_column(name, overflow="fold" if name == "last error" else "ellipsis")
    for r in rows:
        table.add_row(Text(str(r.id)), Text(r.state), Text(r.kind), Text(r.recipient or "(author)"),
                      Text(str(r.attempts)), Text(r.created.strftime("%Y-%m-%d %H:%M")), Text(r.last_error))
    Console().print(table)
