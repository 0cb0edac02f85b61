"""Sending for whole notebooks: what ``essaykit mentions send`` and ``essaykit build
--send-mentions`` run (the command lines are in :mod:`essaykit.cli.mentions`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import EssaykitError


def source_url(essay, base_url: str) -> str:
    """Where readers find the essay: its ``url``, else ``BASE_URL<slug>.html`` (as `essaykit build` names pages)."""
    if essay.meta.url:
        return essay.meta.url
    if base_url:
        return (base_url if base_url.endswith("/") else base_url + "/") + f"{essay.meta.slug}.html"
    raise EssaykitError(
        f"{essay.path}: the essay has no public address; set essay.url in its metadata or pass "
        "--base-url (the address of the built site), so other sites can check its links")


def essay_paths(target: Path) -> list[Path]:
    """The notebook ``target``, or the notebooks directly in folder ``target``."""
    target = Path(target)
    if target.is_dir():
        found = sorted(p for p in target.glob("*.ipynb") if not p.name.startswith(".") and p.is_file())
        if not found:
            raise EssaykitError(f"{target}: no .ipynb files here; give an essay notebook or the folder of them")
        return found
    if not target.exists():
        raise EssaykitError(f"{target}: no such file or folder; give an essay notebook or a folder of them")
    return [target]


_LABELS = {"sent": "sent", "unchanged": "unchanged", "no-endpoint": "no endpoint", "failed": "FAILED",
           "removed": "removed"}


def send_essays(paths: list[Path], *, base_url: str = "", db: str | None = None, allow_private: bool = False,
                dry_run: bool = False, echo: Callable[..., None] = print, whole_site: bool = False) -> bool:
    """Send mentions for each essay notebook in ``paths``, printing one line per link through
    ``echo(line, err=False)``; True when nothing failed.

    A draft or scheduled essay sends no new mention and withdraws the ones it sent (a final mention
    for each). With ``whole_site`` (``paths`` are all the site's essays), an essay mentions were sent
    for that is no longer among them was deleted: its mentions are withdrawn too."""
    from ..comments.store import CommentStore
    from ..essay import load_essay
    from .fetch import ALLOW_PRIVATE_WARNING, FetchPolicy
    from .send import send_for_essay, withdraw_essay
    from .store import SentLog
    from .urls import site_of

    if allow_private:
        echo(ALLOW_PRIVATE_WARNING, err=True)
    policy = FetchPolicy(allow_private=allow_private)
    own_sites = {site_of(base_url)} if base_url else set()
    ok = True
    store = None
    seen: set[str] = set()

    def show(result) -> None:
        label = _LABELS[result.result] + (f" ({result.protocol})" if result.protocol else "")
        echo(f"  {label:<24} {result.target}" + (f": {result.detail}" if result.detail else ""), err=False)

    try:
        for path in paths:
            try:
                essay = load_essay(path)
                source = source_url(essay, base_url)
            except EssaykitError as exc:
                echo(f"error: {exc}", err=True)
                ok = whole_site = False  # an essay that cannot be read is not a deleted one
                continue
            if store is None:
                store = CommentStore.open(db, essay_dir=Path(path).parent)
            seen.add(essay.meta.slug)
            why = essay.meta.unpublished()
            if why:
                echo(f"{essay.meta.slug}: {why}, so its mentions are withdrawn", err=False)
                report = withdraw_essay(essay.meta.slug, store, policy, dry_run=dry_run, echo=show)
            else:
                echo(f"{essay.meta.slug}: links of {source}", err=False)
                report = send_for_essay(essay, source, store, policy, own_sites=own_sites, dry_run=dry_run, echo=show)
            echo(report.summary(), err=False)
            ok = ok and not report.failed
        if whole_site and store is not None:
            for slug in SentLog(store).essays():
                if slug in seen:
                    continue
                echo(f"{slug}: no longer on the site, so its mentions are withdrawn", err=False)
                report = withdraw_essay(slug, store, policy, dry_run=dry_run, echo=show)
                echo(report.summary(), err=False)
                ok = ok and not report.failed
    finally:
        if store is not None:
            store.close()
    return ok
