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
                   "makes the feed's and pages' links absolute (wins over the settings file's base_url).")
@click.option("--title", default=None,
              help="The site's title, shown on the index page and in the feed, e.g. --title 'Film notes' "
                   "(default: the settings file's title, else 'Essays').")
@click.option("--settings", "settings_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A TOML file with the site's title, author, bio, navigation links and base_url "
                   "(see docs/export.md), e.g. --settings site.toml (default: the [site] table of the "
                   "site's essaykit.toml, if it has one).")
@click.option("--drafts", is_flag=True,
              help="Include drafts (essay.draft) and essays dated in the future, marked 'Draft'.")
@kernel_db_option
@click.option("--no-execute", is_flag=True, help="Use stored outputs instead of running notebooks.")
@click.option("--force", is_flag=True, help="Rebuild every essay, even unchanged ones.")
@timeout_option("that essay")
@api_option
@click.option("--send-mentions", is_flag=True,
              help="Then send Webmentions and pingbacks for new or changed external links "
                   "(as `essaykit mentions send`; publish SITE_DIR at --base-url first).")
@click.option("--notify-followers", is_flag=True,
              help="Then queue one email per follower about each newly published essay (dated in the last "
                   "7 days; as `essaykit followers send`; needs --base-url). Each follower gets an essay once.")
@click.option("--allow-private-sources", is_flag=True,
              help="With --send-mentions: also fetch private and loopback addresses (tests and intranets only).")
def build_command(notebook_dir: Path, site_dir: Path, jobs: int | None, base_url: str, title: str | None,
                  settings_file: Path | None, drafts: bool, db: str | None, no_execute: bool, force: bool,
                  timeout: int, api: str | None, send_mentions: bool, notify_followers: bool,
                  allow_private_sources: bool) -> None:
    """Build a static site from every essay notebook in NOTEBOOK_DIR.

    Writes one page per essay, an index.html (newest first), a full-content
    Atom feed.xml, tag pages under tags/ (each with its feed) and, when there
    is a comment database, comment feeds. Drafts and essays dated in the
    future are left out unless --drafts is given. Essays whose notebook and comments are unchanged since the last
    build are skipped. One essay failing does not stop the others; the exit
    status is 1 if any failed.
    """
    from ..exports.live_api import check_api
    from ..exports.settings import load_settings, site_file_settings
    from ..exports.site import BuildOptions, build_site

    settings = load_settings(settings_file) if settings_file else site_file_settings(notebook_dir)
    chosen = (title or "").strip() or (settings.title if settings else "Essays")
    options = BuildOptions(jobs=jobs, base_url=base_url, db=db, execute=not no_execute, force=force,
                           timeout=timeout, title=chosen, settings=settings, drafts=drafts,
                           api=check_api(api) if api else None)
    report = build_site(notebook_dir, site_dir, options)
    if send_mentions:
        from ..mentions.publish import send_essays

        # Only published pages send: a draft or scheduled essay must not announce itself.
        done = [Path(o.source) for o in report.outcomes if o.status in ("built", "skipped")]
        public = base_url or (settings.base_url if settings else "")
        # The whole site: an essay that was deleted or unpublished since the last build withdraws its mentions.
        if not send_essays(done, base_url=public, db=db, allow_private=allow_private_sources, echo=click.echo,
                           whole_site=not report.failed):
            raise click.exceptions.Exit(1)
    if notify_followers:
        from .followers import announce

        # Only published pages (built or unchanged): drafts and scheduled essays are never announced.
        done = [Path(o.source) for o in report.outcomes if o.status in ("built", "skipped")]
        announce(done, base_url=base_url or (settings.base_url if settings else ""), db=db, recent_only=True,
                 echo=click.echo)
    if report.failed:
        raise click.exceptions.Exit(1)
