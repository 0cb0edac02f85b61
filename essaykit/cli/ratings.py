"""``essaykit ratings``: the author's view of readers' ratings, to find and remove stuffing.

A reader rates an essay once per signed session and once per client address
(docs/comments.md, "Ratings"). What is left to a patient stuffer is many
addresses; ``list`` shows each rating's network and session hash so they
can be seen, and ``delete`` removes them by id, address, network or session.
"""

from __future__ import annotations

import sys

import click

from .._words import plural
from ..errors import CommentError
from ._command import EssaykitCommand, EssaykitGroup
from .comments import _open, db_option


@click.group("ratings", cls=EssaykitGroup)
def ratings_command() -> None:
    """List and delete readers' ratings.

    \b
    essaykit ratings list --essay the-salt-road
    essaykit ratings delete 17 18
    essaykit ratings delete --essay the-salt-road --network 203.0.113.0/24
    """


@ratings_command.command("list", cls=EssaykitCommand)
@click.option("--essay", metavar="SLUG", default=None, help="Only this essay, e.g. --essay the-salt-road.")
@db_option
def list_command(essay: str | None, db: str | None) -> None:
    """List ratings, oldest first: id, essay, time, stars, the address's network and the session's hash.

    On a terminal this is a table; piped, one tab-separated line per rating
    (id, essay, created, value/scale, network, session).
    """
    from ..comments.model import iso_utc

    with _open(db) as store:
        found = store.ratings(essay)
    if not sys.stdout.isatty():
        for r in found:
            click.echo("\t".join([str(r["id"]), r["essay"], iso_utc(r["created"]), f"{r['value']}/{r['scale']}",
                                  r["network"] or "-", r["session"]]))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=plural(len(found), "rating"), title_justify="left")
    for name in ("id", "essay", "created", "stars", "network", "session"):
        table.add_column(name, no_wrap=True)
    for r in found:
        table.add_row(Text(str(r["id"])), Text(r["essay"]), Text(r["created"].strftime("%Y-%m-%d %H:%M")),
                      Text(f"{r['value']}/{r['scale']}"), Text(r["network"] or "—"), Text(r["session"]))
    Console().print(table)


@ratings_command.command("delete", cls=EssaykitCommand)
@click.argument("ids", nargs=-1, type=int)
@click.option("--essay", metavar="SLUG", default=None, help="Only ratings of this essay.")
@click.option("--address", metavar="IP", default=None,
              help="Ratings from this client address (IPv4, or any address of an IPv6 /64).")
@click.option("--network", metavar="PREFIX", default=None,
              help="Ratings from this network, as `list` shows it, e.g. 203.0.113.0/24 or 2001:db8:1::/48.")
@click.option("--session", metavar="HASH", default=None,
              help="Ratings from this reader session: its hash as `list` shows it (8 characters or more).")
@db_option
def delete_command(ids: tuple[int, ...], essay: str | None, address: str | None, network: str | None,
                   session: str | None, db: str | None) -> None:
    """Delete the ratings with these IDS, or those matching --address, --network or --session.

    Any rating that matches one of the conditions goes; --essay narrows all of them to one essay.
    """
    if not (ids or address or network or session):
        raise CommentError("say which ratings to delete: give their ids (see `essaykit ratings list`), "
                           "--address, --network or --session")
    with _open(db) as store:
        deleted = store.delete_ratings(essay=essay, ids=ids, address=address or "", network=network or "",
                                       session=session or "")
    click.echo(f"deleted {plural(deleted, 'rating')}")
