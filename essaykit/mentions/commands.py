"""The ``essaykit mentions`` command: ``essaykit mentions send ESSAY|DIR``.

Also used by ``essaykit build --send-mentions`` (:func:`send_essays`).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import EssaykitCommand
from ..errors import EssaykitError

_DB_HELP = ("Database that records what was sent, e.g. --db sqlite:///essays/.essaykit/comments.sqlite "
            "(default: ESSAYKIT_DB, else .essaykit/comments.sqlite beside the notebooks).")
_PRIVATE_HELP = ("Also fetch private, loopback and link-local addresses. For tests and intranets only: "
                 "pages you link to could then make essaykit fetch addresses on your network.")
_LABELS = {"sent": "sent", "unchanged": "unchanged", "no-endpoint": "no endpoint", "failed": "FAILED",
           "removed": "removed"}


@click.group("mentions", context_settings={"help_option_names": ["-h", "--help"]})
def mentions_command() -> None:
    """Send Webmentions and pingbacks for the links in essays (receiving is part of `essaykit serve`)."""


def source_url(essay, base_url: str) -> str:
    """Where readers find the essay: its ``url``, else ``BASE_URL<slug>.html`` (as `essaykit build` names pages)."""
    if essay.meta.url:
        return essay.meta.url
    if base_url:
        return (base_url if base_url.endswith("/") else base_url + "/") + f"{essay.meta.slug}.html"
    raise EssaykitError(
        f"{essay.path}: the essay has no public address; set essay.url in its metadata or pass "
        "--base-url (the address of the built site), so other sites can check its links")


def send_essays(paths: list[Path], *, base_url: str = "", db: str | None = None, allow_private: bool = False,
                dry_run: bool = False, echo=click.echo) -> bool:
    """Send mentions for each essay notebook in ``paths``; True when nothing failed."""
    from ..comments.store import CommentStore
    from ..essay import load_essay
    from .fetch import ALLOW_PRIVATE_WARNING, FetchPolicy
    from .send import send_for_essay
    from .urls import site_of

    if allow_private:
        echo(ALLOW_PRIVATE_WARNING, err=True)
    policy = FetchPolicy(allow_private=allow_private)
    own_sites = {site_of(base_url)} if base_url else set()
    ok = True
    store = None
    try:
        for path in paths:
            try:
                essay = load_essay(path)
                source = source_url(essay, base_url)
            except EssaykitError as exc:
                echo(f"error: {exc}", err=True)
                ok = False
                continue
            if store is None:
                store = CommentStore.open(db, essay_dir=Path(path).parent)

            def show(result) -> None:
                label = _LABELS[result.result] + (f" ({result.protocol})" if result.protocol else "")
                echo(f"  {label:<24} {result.target}" + (f": {result.detail}" if result.detail else ""))

            echo(f"{essay.meta.slug}: links of {source}")
            report = send_for_essay(essay, source, store, policy, own_sites=own_sites, dry_run=dry_run, echo=show)
            echo(report.summary())
            ok = ok and not report.failed
    finally:
        if store is not None:
            store.close()
    return ok


def essay_paths(target: Path) -> list[Path]:
    if target.is_dir():
        found = sorted(p for p in target.glob("*.ipynb") if not p.name.startswith(".") and p.is_file())
        if not found:
            raise EssaykitError(f"{target}: no .ipynb files here; give an essay notebook or the folder of them")
        return found
    if not target.exists():
        raise EssaykitError(f"{target}: no such file or folder; give an essay notebook or a folder of them")
    return [target]


@mentions_command.command("send", cls=EssaykitCommand)
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--base-url", default="", metavar="URL",
              help="Address of the built site, for essays without a url in their metadata "
                   "(the page is BASE_URL<slug>.html), e.g. --base-url https://example.org/essays/.")
@click.option("--db", default=None, metavar="URL", help=_DB_HELP)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and record nothing.")
@click.option("--allow-private-sources", is_flag=True, help=_PRIVATE_HELP)
def send_command(path: Path, base_url: str, db: str | None, dry_run: bool, allow_private_sources: bool) -> None:
    """Tell the sites that the essay at PATH (or each essay in folder PATH) links to.

    For every external link it finds the page's Webmention endpoint (or
    pingback server), sends the mention and records the result. Run it again
    after editing: only new or changed links are sent, and removed links get
    one final mention. Publish the pages first: the other sites fetch them
    to check the links. Exit status 1 when a mention failed.
    """
    if base_url:
        from .urls import BadURL, check_http_url

        try:
            check_http_url(base_url, what="--base-url")
        except BadURL as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url") from None
    ok = send_essays(essay_paths(path), base_url=base_url, db=db, allow_private=allow_private_sources,
                     dry_run=dry_run)
    if not ok:
        raise click.exceptions.Exit(1)
