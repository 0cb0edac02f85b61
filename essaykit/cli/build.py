"""``essaykit build``: a static site (pages, index, Atom feed) from a folder of essays."""

from __future__ import annotations

from pathlib import Path

import click

from ._command import EssaykitCommand, api_option, kernel_db_option, timeout_option


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
@kernel_db_option
@click.option("--no-execute", is_flag=True, help="Use stored outputs instead of running notebooks.")
@click.option("--force", is_flag=True, help="Rebuild every essay, even unchanged ones.")
@timeout_option("that essay")
@api_option
def build_command(notebook_dir: Path, site_dir: Path, jobs: int | None, base_url: str, title: str,
                  db: str | None, no_execute: bool, force: bool, timeout: int, api: str | None) -> None:
    """Build a static site from every essay notebook in NOTEBOOK_DIR.

    Writes one page per essay, an index.html (newest first) and an Atom
    feed.xml. Essays whose notebook and comments are unchanged since the last
    build are skipped. One essay failing does not stop the others; the exit
    status is 1 if any failed.
    """
    from ..exports.live_api import check_api
    from ..exports.site import BuildOptions, build_site

    options = BuildOptions(jobs=jobs, base_url=base_url, db=db, execute=not no_execute, force=force,
                           timeout=timeout, title=title.strip() or "Essays", api=check_api(api) if api else None)
    report = build_site(notebook_dir, site_dir, options)
    if report.failed:
        raise click.exceptions.Exit(1)
