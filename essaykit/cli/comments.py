"""``essaykit comments``: the author's tools for listing, moderating, backing up and restoring comments.

Every subcommand takes ``--db URL`` (else ``$ESSAYKIT_DB``, else
``./.essaykit/comments.sqlite`` in the current folder — run it in your
essays' folder). Errors are one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

import click

from .._words import excerpt, plural
from ..comments.anchor import IN_SPOILER
from ..errors import StoreError
from ..limits import STATUSES
from ..names import ENV_AUTHOR
from ._command import EssaykitCommand, EssaykitGroup

DB_HELP = ("Database URL or SQLite file, e.g. --db sqlite:///site/.essaykit/comments.sqlite or "
           "--db postgresql+psycopg://me@localhost/essays. Default: $ESSAYKIT_DB, else "
           ".essaykit/comments.sqlite in the site folder: the nearest folder with an essaykit.toml, "
           "else the current folder.")

db_option = click.option("--db", "db", default=None, metavar="URL", help=DB_HELP)


def _open(db: str | None, *, must_exist: bool = True):
    from ..db.engine import resolve_url, sqlite_file
    from ..comments.store import CommentStore

    path = sqlite_file(resolve_url(db))
    if must_exist and path is not None:
        if not path.is_file():
            raise StoreError(
                f"there is no comment database at {path}; run this in your site's folder (the one with "
                "essaykit.toml) or your essays' folder, or give --db"
            )
    return CommentStore.open(db)


def _moderator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return f"uid:{os.getuid()}"


@click.group("comments", cls=EssaykitGroup)
def comments_command() -> None:
    """List, moderate, back up and restore readers' comments.

    \b
    essaykit comments list --status pending
    essaykit comments approve 1a2b3c4d5e6f
    essaykit comments export > backup.json
    essaykit comments import backup.json
    """


@comments_command.command("list", cls=EssaykitCommand)
@click.option("--essay", metavar="SLUG", default=None, help="Only this essay, e.g. --essay the-salt-road.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Only comments with this status.")
@db_option
def list_command(essay: str | None, status: str | None, db: str | None) -> None:
    """List comments, oldest first: id, status, essay, date, author, the start of the text, the spam score
    and the passage a comment answers.

    On a terminal this is a table; piped, it is one tab-separated line per
    comment (id, status, essay, created, author, email, excerpt, spam reason:
    "filter 0.97: …", or "" when it arrived before the filter learned anything;
    passage: the quote it was made on, "(a passage in a spoiler)" for one in a spoiler, "" for a comment on
    the whole essay).
    """
    from ..comments.model import iso_utc

    with _open(db) as store:
        found = store.list(essay=essay, status=status)
    if not sys.stdout.isatty():
        for c in found:
            click.echo("\t".join([c.id, c.status, c.essay, iso_utc(c.created), c.author, c.email,
                                  excerpt(c.body, 80), c.spam_reason, _passage(c, 80)]))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=plural(len(found), "comment"), title_justify="left")
    for name in ("id", "status", "essay", "created", "author", "text", "spam", "passage"):
        table.add_column(name, overflow="fold" if name in ("text", "spam", "passage") else "ellipsis",
                         no_wrap=name not in ("text", "spam", "passage"))
    for c in found:
        # Text() never interprets rich markup, so a name like "[bold]" prints as typed.
        who = Text(c.author or "—")
        if c.email:
            who.append(f"\n{c.email}", style="dim")
        kind = "" if c.kind == "comment" else f"[{c.kind}] "
        table.add_row(Text(c.id), Text(c.status), Text(c.essay), Text(c.created.strftime("%Y-%m-%d %H:%M")),
                      who, Text(kind + excerpt(c.body, 200)), Text(c.spam_reason), Text(_passage(c, 120)))
    Console().print(table)


def _passage(comment, chars: int) -> str:
    """The quote a comment on a passage was made on; for a passage in a spoiler only that (a terminal is
    seen over shoulders and in screencasts)."""
    if comment.anchor is None:
        return ""
    return f"({IN_SPOILER})" if comment.anchor.spoiler else excerpt(comment.anchor.exact, chars)


def _moderate(status: str, verb: str):
    @click.command(verb, cls=EssaykitCommand)
    @click.argument("ids", nargs=-1, required=True)
    @click.option("--reason", default="", help="Why, kept in the moderation log, e.g. --reason 'off topic'.")
    @db_option
    def command(ids: tuple[str, ...], reason: str, db: str | None) -> None:
        with _open(db) as store:
            changed = store.set_status(ids, status, by=_moderator(), reason=reason)
        same = len(set(ids)) - changed
        note = f" ({same} already {status})" if same else ""
        click.echo(f"{status} {plural(changed, 'comment')}{note}")

    command.__doc__ = (f"Mark the comments with these IDS as {status}.\n\n"
                       f"The change is recorded in the moderation log with your user name. "
                       f"All or nothing: an unknown id changes none.")
    command.help = command.__doc__
    return command


comments_command.add_command(_moderate("approved", "approve"))
comments_command.add_command(_moderate("spam", "spam"))
comments_command.add_command(_moderate("deleted", "delete"))


@comments_command.command("reply", cls=EssaykitCommand)
@click.argument("comment_id", metavar="ID")
@click.argument("body", required=False)
@click.option("--name", default=None, metavar="NAME",
              help="Your name as the reply shows it (default: $ESSAYKIT_AUTHOR, else the essay's essay.author, "
                   "else the site's [site] author in essaykit.toml).")
@click.option("--email", default="", metavar="EMAIL", help="Your email, for your avatar (never shown).")
@click.option("--website", default="", metavar="URL", help="A link for your name.")
@click.option("--approve", is_flag=True, help="Approve the comment first if it is still pending.")
@db_option
def reply_command(comment_id: str, body: str | None, name: str | None, email: str, website: str, approve: bool,
                  db: str | None) -> None:
    """Reply to comment ID as the essay's author: published at once, marked "Author".

    BODY is the reply in Markdown; "-" or nothing reads it from standard input.

    \b
    essaykit comments reply 1a2b3c4d5e6f "Thank you, that scene still haunts me too."
    """
    if body is None or body == "-":
        body = click.get_text_stream("stdin").read()
    from ..comments.signature import reply_name

    with _open(db) as store:
        author = (name or os.environ.get(ENV_AUTHOR, "") or reply_name(store.get(comment_id).essay)).strip()
        if not author:
            raise click.UsageError(f"no name to sign the reply with: essay {store.get(comment_id).essay!r} has no "
                                   "essay.author and essaykit.toml no [site] author; give --name")
        if approve and store.get(comment_id).status == "pending":
            store.set_status(comment_id, "approved", by=_moderator(), reason="approved to reply")
        reply = store.reply(comment_id, body, author=author, email=email, website=website,
                            by=f"{_moderator()} (essaykit comments reply)")
    click.echo(f"replied to {comment_id} as {author} (Author): {reply.id}")


@comments_command.command("export", cls=EssaykitCommand)
@click.option("--essay", metavar="SLUG", default=None, help="Only this essay's comments.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@db_option
def export_command(essay: str | None, output: Path | None, db: str | None) -> None:
    """Write a full backup as JSON (docs/comments.md), emails included: keep it private.

    essaykit comments export > backup.json
    """
    from .._files import write_atomic

    with _open(db) as store:
        records = store.export(essay=essay)
    text = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text, error=StoreError, hint="choose another file with -o")
    click.echo(f"wrote {len(records)} comments to {output}", err=True)


@comments_command.command("import", cls=EssaykitCommand)
@click.argument("file", type=click.Path(path_type=Path))
@db_option
def import_command(file: Path, db: str | None) -> None:
    """Add the comments in FILE (JSON, as written by `export`) that are not stored yet.

    Safe to repeat: comments already stored are never changed and nothing is
    deleted. Bad records are listed by index and field; the exit status is 1
    when any record failed.
    """
    from ..comments.jsonio import read_file

    records = read_file(file)
    with _open(db, must_exist=False) as store:
        # The author's own CLI: the one path that may restore replies marked as the author's.
        report = store.import_records(records, source="json", author_backup=True)
    for problem in report.errors:
        click.echo(f"{file}: {problem}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)
