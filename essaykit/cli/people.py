"""``essaykit people``: what the comment database holds about a reader's email address (docs/privacy.md).

``list`` names every address (or one) with what is stored; ``export`` writes everything about one
address as JSON, the same download a reader gets by email link; ``erase`` removes it
(:mod:`essaykit.mail.people`).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .._words import plural
from ._command import EssaykitCommand, EssaykitGroup
from .comments import _open, db_option


@click.group("people", cls=EssaykitGroup)
def people_command() -> None:
    """Readers' data by email address: list, export as JSON, erase.

    \b
    essaykit people list
    essaykit people export reader@example.org > reader.json
    essaykit people erase reader@example.org --yes
    """


@people_command.command("list", cls=EssaykitCommand)
@click.argument("email", required=False)
@db_option
def list_command(email: str | None, db: str | None) -> None:
    """Every address the database holds (or only EMAIL): comments, reply subscriptions, following."""
    from ..mail.people import everyone, key_of

    wanted = key_of(email) if email else None
    with _open(db) as store:
        found = [p for p in everyone(store) if wanted is None or p.email == wanted]
    if email and not found:
        click.echo(f"nothing is stored about {wanted}")
        return
    for person in found:
        follow = f", follower ({person.follower})" if person.follower else ""
        click.echo(f"{person.email}\t{plural(person.comments, 'comment')}, "
                   f"{plural(person.subscriptions, 'reply subscription')}{follow}")


@people_command.command("export", cls=EssaykitCommand)
@click.argument("email")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the JSON to this file (default: standard output).")
@db_option
def export_command(email: str, output: Path | None, db: str | None) -> None:
    """Everything stored about EMAIL as JSON: comments, ratings from their sessions, subscriptions, mail."""
    from ..mail.people import collect

    with _open(db) as store:
        text = json.dumps(collect(store, email), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@people_command.command("erase", cls=EssaykitCommand)
@click.argument("email")
@click.option("--remove-comments/--tombstone-comments", default=None,
              help="Delete the address's comments that nothing replies to, or leave every one as a [deleted] "
                   "tombstone (default: the erase_removes_comments moderation setting, else tombstones).")
@click.option("--yes", is_flag=True, help="Erase without asking first.")
@db_option
def erase_command(email: str, remove_comments: bool | None, yes: bool, db: str | None) -> None:
    """Erase everything stored about EMAIL: its comments' words and hashes, ratings, subscriptions, mail."""
    from ..mail.people import erase, key_of

    key = key_of(email)
    if not yes:
        click.confirm(f"Erase everything stored about {key}? This cannot be undone", abort=True)
    with _open(db) as store:
        done = erase(store, key, remove_comments=remove_comments)
    click.echo(f"erased {key}: {done.summary()}")
