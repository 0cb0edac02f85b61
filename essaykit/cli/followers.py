"""``essaykit followers``: readers who follow the blog by email (docs/email.md, "Follow by email").

``send`` queues one email per follower about a published essay, through the
outbox (``essaykit serve``'s sender or ``essaykit mail send`` delivers it);
``list``, ``export`` and ``remove`` are the author's view of the list, and
``import`` brings followers from a CSV with their consent dates.
"""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click

from .._words import plural
from ..errors import EssaykitError
from ._command import EssaykitCommand, EssaykitGroup
from .comments import db_option

#: ``essaykit build --notify-followers`` announces essays dated this recently (an older essay that is
#: built for the first time is not news; ``essaykit followers send`` sends any published essay).
NEW_DAYS = 7


@click.group("followers", cls=EssaykitGroup)
def followers_command() -> None:
    """Readers who follow by email: send an essay, list, export, remove, import.

    \b
    essaykit followers send notebooks/my-review.ipynb --base-url https://example.org/
    essaykit followers list
    essaykit followers export > followers.csv
    essaykit followers import followers.csv
    essaykit followers remove reader@example.org
    """


def _open_store(db: str | None, notebook: Path | None = None):
    from ..comments.store import CommentStore

    return CommentStore.open(db, essay_dir=notebook.parent if notebook is not None else None)


def _page_url(notebook: Path, base_url: str) -> str:
    from ..exports.settings import normalise_base_url, site_file_settings

    base = normalise_base_url(base_url) if base_url else ""
    if not base:
        settings = site_file_settings(notebook.parent)
        base = settings.base_url if settings else ""
    if not base:
        raise EssaykitError("the emails link to the essay's page: give the site's address with --base-url "
                            "https://example.org/ (or base_url in the [site] table of essaykit.toml)")
    return base


def announce(notebooks: list[Path], *, base_url: str, db: str | None, recent_only: bool, echo) -> int:
    """Queue the emails about each published essay in ``notebooks``; how many were queued now."""
    from ..comments.statements import naive_utc
    from ..essay.read import load_essay
    from ..mail.follow_messages import announcement
    from ..mail.followers import queue_essay

    total = 0
    now = datetime.now(timezone.utc)
    for notebook in notebooks:
        essay = load_essay(notebook)
        meta = essay.meta
        why = meta.unpublished(now)
        if why:
            raise EssaykitError(f"{notebook}: the essay is a draft (essay.draft); publish it before telling followers"
                                if why == "draft" else f"{notebook}: the essay is scheduled for {meta.date}; send it "
                                "on or after that date")
        if recent_only and (meta.published is None or meta.published < now - timedelta(days=NEW_DAYS)):
            continue
        url = _page_url(notebook, base_url) + f"{meta.slug}.html"
        with _open_store(db, notebook) as store, store.writing() as conn:
            queued = queue_essay(conn, announcement(essay, url), moment=naive_utc(None))
        echo(f"{meta.slug}: {plural(queued, 'email')} queued for followers" if queued else
             f"{meta.slug}: every follower already has it")
        total += queued
    return total


@followers_command.command("send", cls=EssaykitCommand)
@click.argument("notebooks", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--base-url", default="", metavar="URL",
              help="The site's public address, e.g. https://example.org/essays/; the email links to "
                   "URL/SLUG.html (default: base_url in essaykit.toml's [site] table).")
@db_option
def send_command(notebooks: tuple[Path, ...], base_url: str, db: str | None) -> None:
    """Queue one email per follower about each published essay in NOTEBOOKS.

    Drafts and essays dated in the future are refused. Each follower gets an
    essay once, however often this runs and wherever: the outbox keeps one
    message per follower and essay. essaykit serve (or essaykit mail send) sends them.
    """
    announce(list(notebooks), base_url=base_url, db=db, recent_only=False, echo=click.echo)


@followers_command.command("list", cls=EssaykitCommand)
@click.option("--state", type=click.Choice(["requested", "active", "unsubscribed"]), default=None,
              help="Only followers in this state.")
@db_option
def list_command(state: str | None, db: str | None) -> None:
    """One line per follower: email, state, consent date, where the consent comes from."""
    from ..mail.followers import listing

    with _open_store(db) as store, store.reading() as conn:
        rows = listing(conn, state)
    for row in rows:
        consent = row.consent_at.strftime("%Y-%m-%dT%H:%M:%SZ") if row.consent_at else "-"
        click.echo("\t".join([row.email, row.state, consent, row.source]))
    if sys.stdout.isatty():
        click.echo(plural(len(rows), "follower"), err=True)


@followers_command.command("export", cls=EssaykitCommand)
@db_option
def export_command(db: str | None) -> None:
    """Every follower as CSV (email, state, consent_at, source, created), which `import` reads back."""
    from ..mail.followers import listing

    with _open_store(db) as store, store.reading() as conn:
        rows = listing(conn)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["email", "state", "consent_at", "source", "created"])
    for row in rows:
        out.writerow([row.email, row.state, row.consent_at.isoformat() + "Z" if row.consent_at else "", row.source,
                      row.created.isoformat() + "Z"])


@followers_command.command("remove", cls=EssaykitCommand)
@click.argument("emails", nargs=-1, required=True)
@db_option
def remove_command(emails: tuple[str, ...], db: str | None) -> None:
    """Stop sending to these addresses (what is queued for them is dropped)."""
    from ..comments.statements import naive_utc
    from ..mail.followers import remove

    with _open_store(db) as store, store.writing() as conn:
        removed = remove(conn, list(emails), moment=naive_utc(None))
    click.echo(f"{plural(len(removed), 'follower')} removed")
    unknown = sorted(set(e.strip().lower() for e in emails) - {e.lower() for e in removed})
    for email in unknown:
        click.echo(f"warning: {email} is not a follower", err=True)


@followers_command.command("import", cls=EssaykitCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", "csv", "ghost", "wordpress"]), default="auto",
              show_default=True, help="The file's layout (auto: from its header row). See docs/email.md.")
@click.option("--consent-date", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="WordPress.com's export has no dates: the day these readers had subscribed there by.")
@db_option
def import_command(files: tuple[Path, ...], fmt: str, consent_date, db: str | None) -> None:
    """Add followers from CSV FILES, each with the date they consented.

    Rows without a valid address or consent date are named (file:line) and
    skipped; addresses that unsubscribed or asked for no mail are never added
    back. Running it again adds nothing twice. The exit status is 1 when a row was skipped.
    """
    from ..comments.statements import naive_utc
    from ..mail.follow_import import read_followers
    from ..mail.followers import add_imported

    day: date | None = consent_date.date() if consent_date else None
    skipped = 0
    for path in files:
        result = read_followers(path, fmt=fmt, consent_date=day)
        counts = {"added": 0, "known": 0, "unsubscribed": 0}
        with _open_store(db) as store, store.writing() as conn:
            for row in result.rows:
                counts[add_imported(conn, row.email, row.consent_at, f"import:{result.format}:{path.name}",
                                    moment=naive_utc(None))] += 1
        for problem in result.problems:
            click.echo(f"warning: {problem}", err=True)
        skipped += len(result.problems)
        click.echo(f"{path}: {plural(counts['added'], 'follower')} added, {counts['known']} already here, "
                   f"{counts['unsubscribed']} left out (unsubscribed or no mail wanted), "
                   f"{plural(len(result.problems), 'row')} skipped ({result.format} format)")
    if skipped:
        raise click.exceptions.Exit(1)
