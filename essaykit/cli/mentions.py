"""``essaykit mentions send ESSAY|DIR``: tell the sites an essay links to (docs/mentions.md).

Receiving is part of ``essaykit serve``; sending after a build is ``essaykit build --send-mentions``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ._command import EssaykitCommand, EssaykitGroup

PRIVATE_HELP = ("Also fetch private, loopback and link-local addresses. For tests and intranets only: "
                "pages you link to could then make essaykit fetch addresses on your network.")


@click.group("mentions", cls=EssaykitGroup, context_settings={"help_option_names": ["-h", "--help"]})
def mentions_command() -> None:
    """Send Webmentions and pingbacks for the links in essays (receiving is part of `essaykit serve`)."""


@mentions_command.command("send", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--base-url", default="", metavar="URL",
              help="Address of the built site, for essays without a url in their metadata "
                   "(the page is BASE_URL<slug>.html), e.g. --base-url https://example.org/essays/.")
@click.option("--db", default=None, metavar="URL",
              help="Database that records what was sent, e.g. --db sqlite:///essays/.essaykit/comments.sqlite "
                   "(default: ESSAYKIT_DB, else .essaykit/comments.sqlite beside the notebooks).")
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send, fetch and record nothing.")
@click.option("--allow-private-sources", is_flag=True, help=PRIVATE_HELP)
def send_command(path: Path, base_url: str, db: str | None, dry_run: bool, allow_private_sources: bool) -> None:
    """Tell the sites that the essay at PATH (or each essay in folder PATH) links to.

    For every external link it finds the page's Webmention endpoint (or
    pingback server), sends the mention and records the result. Run it again
    after editing: when the essay changed, every link is sent again, and removed
    links get one final mention; so do all links of a draft, and (for a folder)
    of an essay that is no longer in it. Publish the pages first: the other sites fetch them
    to check the links. Exit status 1 when a mention failed.
    """
    from ..mentions.publish import essay_paths, send_essays

    if base_url:
        from ..mentions.urls import BadURL, check_http_url

        try:
            check_http_url(base_url, what="--base-url")
        except BadURL as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url") from None
    if not send_essays(essay_paths(path), base_url=base_url, db=db, allow_private=allow_private_sources,
                       dry_run=dry_run, echo=click.echo, whole_site=Path(path).is_dir()):
        raise click.exceptions.Exit(1)
