"""The ``essaykit import`` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli._command import EssaykitCommand


@click.command("import", cls=EssaykitCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("notebooks"),
              show_default=True, help="Folder for the essay notebooks, e.g. -o notebooks/.")
@click.option("--db", default=None, metavar="URL",
              help="Comment database, e.g. --db sqlite:///comments.sqlite or postgresql+psycopg://host/db "
                   "(default: $ESSAYKIT_DB, else OUTPUT/.essaykit/comments.sqlite).")
@click.option("--dry-run", is_flag=True, help="Print what would happen; write no notebook and no comment.")
@click.option("--force", is_flag=True, help="Replace notebooks imported before from the same source.")
@click.option("--merge", is_flag=True,
              help="Add comments to a slug that already has comments in the database but no notebook in "
                   "OUTPUT (without it, such an essay is refused).")
@click.option("--explain", is_flag=True,
              help="Print each input line with what it became (text, spoiler, comment, author, date, mention, "
                   "metadata, dropped boilerplate); use with --dry-run to check an import first.")
@click.option("--download-images", is_flag=True,
              help="Fetch each post's images (PNG, JPEG, GIF, WebP, at most 5 MiB each) into OUTPUT/media/ and "
                   "show them from there; an image that cannot be fetched stays a link to the old blog, and "
                   "the report says why.")
@click.option("--allow-private-sources", is_flag=True,
              help="With --download-images, also fetch from private, loopback and link-local addresses: for a "
                   "blog on your own network, or tests. Without it those images stay links.")
def import_command(files: tuple[Path, ...], output: Path, db: str | None, dry_run: bool, force: bool,
                   merge: bool, explain: bool, download_images: bool, allow_private_sources: bool) -> None:
    """Import posts from FILES as essay notebooks, with their comments and pingbacks.

    Each FILE is a WordPress export (WXR), a Blogger export (classic or
    Takeout's feed.atom), a Ghost export (JSON), a saved HTML page of one
    post, a plain-text copy of one, a Disqus export (comments for essays
    imported before, matched by link or slug), or Medium's, Substack's,
    WordPress.com's, Blogger's (Takeout) or Ghost's (with content/images/)
    export as its ZIP or unzipped folder (read in place, with size limits);
    the format is read from the content. Prints
    one line per essay, `slug: N comments, M mentions`. Drafts are skipped.
    Importing the same file again adds nothing; existing notebooks are kept
    unless --force, and existing comments are never deleted. A new essay
    whose slug already has comments in the database is refused unless
    --merge. With --download-images the posts' images are fetched (public
    addresses only, size and time limits) into OUTPUT/media/. Exit status is 1
    when any post or comment failed; an image that could not be fetched is
    reported and keeps its link.
    """
    from .images import ImageDownloader, image_policy
    from .run import ImportRun

    if allow_private_sources and not download_images:
        raise click.UsageError("--allow-private-sources is for --download-images; add that flag, or drop this one")
    images = ImageDownloader(output, image_policy(allow_private=allow_private_sources)) if download_images else None
    run = ImportRun(output, db=db, dry_run=dry_run, force=force, merge=merge,
                    echo=click.echo, warn=lambda line: click.echo(line, err=True),
                    explain=click.echo if explain else None, images=images)
    try:
        totals = run.run(list(files))
    finally:
        run.close()
    verb = "would import" if dry_run else "imported"
    click.echo(
        f"{verb} {totals.essays} essay{'s' if totals.essays != 1 else ''} "
        f"({totals.written} notebook{'s' if totals.written != 1 else ''} written, "
        f"{totals.comments_added} comment{'s' if totals.comments_added != 1 else ''} added), "
        f"{totals.skipped} skipped, {totals.failed} failed" + (" — nothing was written" if dry_run else ""),
        err=True,
    )
    if totals.failed:
        sys.exit(1)
