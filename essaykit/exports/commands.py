"""The ``essaykit export`` and ``essaykit build`` commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import EssaykitCommand
from .execute import DEFAULT_TIMEOUT

_DB_HELP = ("Comment database URL passed to the kernel as ESSAYKIT_DB, e.g. "
            "--db sqlite:///comments.sqlite or --db postgresql://host/essays "
            "(default: ESSAYKIT_DB, else .essaykit/comments.sqlite beside the notebook).")


@click.command("export", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page (default: exports/<slug>.html).")
@click.option("--db", default=None, metavar="URL", help=_DB_HELP)
@click.option("--no-execute", is_flag=True, help="Use the outputs stored in the notebook instead of running it.")
@click.option("--show-code", is_flag=True, help="Show code cell sources (hidden by default).")
@click.option("--timeout", type=click.IntRange(1, 86400), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one code cell may run before the export fails.")
def export_command(path: Path, output: Path | None, db: str | None, no_execute: bool, show_code: bool,
                   timeout: int) -> None:
    """Export the essay at PATH as one self-contained HTML file.

    The notebook runs first (in a fresh kernel, only if it has code) so the
    comment snapshot is current. The page inlines its styles, embeds images
    and makes no network request; it works offline and without JavaScript.
    """
    from ..essay import load_essay
    from .export import default_output, essay_page
    from .write import write_atomic

    essay = load_essay(path)
    target = output or default_output(essay)
    page = essay_page(essay, execute=not no_execute, db=db, show_code=show_code, timeout=timeout)
    write_atomic(target, page)
    size = len(page.encode("utf-8"))
    click.echo(f"wrote {target} ({size / 1024:.1f} KB); open it in a browser: {target.resolve().as_uri()}")


@click.command("build", cls=EssaykitCommand)
@click.argument("notebook_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "site_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the site into (created if missing), e.g. -o site.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Essays built at once (default: the number of CPU cores).")
@click.option("--base-url", default="", metavar="URL",
              help="Public address of the site, e.g. --base-url https://example.org/essays/; "
                   "makes the feed's and pages' links absolute.")
@click.option("--title", default="Essays", show_default=True,
              help="The site's title, shown on the index page and in the feed, e.g. --title 'Film notes'.")
@click.option("--db", default=None, metavar="URL", help=_DB_HELP)
@click.option("--no-execute", is_flag=True, help="Use stored outputs instead of running notebooks.")
@click.option("--force", is_flag=True, help="Rebuild every essay, even unchanged ones.")
@click.option("--timeout", type=click.IntRange(1, 86400), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one code cell may run before that essay fails.")
@click.option("--send-mentions", is_flag=True,
              help="Then send Webmentions and pingbacks for new or changed external links "
                   "(as `essaykit mentions send`; publish SITE_DIR at --base-url first).")
@click.option("--allow-private-sources", is_flag=True,
              help="With --send-mentions: also fetch private and loopback addresses (tests and intranets only).")
def build_command(notebook_dir: Path, site_dir: Path, jobs: int | None, base_url: str, title: str,
                  db: str | None, no_execute: bool, force: bool, timeout: int, send_mentions: bool,
                  allow_private_sources: bool) -> None:
    """Build a static site from every essay notebook in NOTEBOOK_DIR.

    Writes one page per essay, an index.html (newest first) and an Atom
    feed.xml. Essays whose notebook and comments are unchanged since the last
    build are skipped. One essay failing does not stop the others; the exit
    status is 1 if any failed.
    """
    from .site import BuildOptions, build_site

    options = BuildOptions(jobs=jobs, base_url=base_url, db=db, execute=not no_execute, force=force,
                           timeout=timeout, title=title.strip() or "Essays")
    report = build_site(notebook_dir, site_dir, options)
    if send_mentions:
        from ..mentions.commands import send_essays

        done = [Path(o.source) for o in report.outcomes if o.status != "failed"]
        if not send_essays(done, base_url=base_url, db=db, allow_private=allow_private_sources):
            raise click.exceptions.Exit(1)
    if report.failed:
        raise click.exceptions.Exit(1)
