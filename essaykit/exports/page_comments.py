"""What a static page shows from the comment store: comments on passages, server-rendered as on the live page.

When ``essaykit export`` or ``essaykit build`` has a comment database (``--db``, ``ESSAYKIT_DB``, or the
default file once it exists), the page is read against it once, in the process that renders it: the approved
comments on passages become the live page's marks, margin notes and counts
(:class:`~essaykit.comments.passages.Passages`, the one renderer), and the comment section's thread is the
store's at build time with each comment's "on “…”" (a passage in a spoiler says only "on a passage in a
spoiler"). Without a database nothing is read and the page is as before.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from ..comments.passages import Passages, passages
from ..errors import EssaykitError, EssaykitWarning
from .live_api import THREAD


@dataclass(frozen=True)
class StoreComments:
    """One essay's comments as its static page shows them."""

    on: Passages  # the approved comments on passages and where each points now
    thread: str | None  # the comment section's thread with its "on “…”", None when the essay shows none
    section_cells: frozenset[int]  # the code cells that show the comment section


def section_cells(essay) -> dict[int, object]:
    """The essay's code cells that only show its ``CommentSection``, with the call each makes."""
    from ..essay import CodeBlock
    from ..widgets._recognize import own_widget

    found = {}
    for block in essay.blocks:
        if isinstance(block, CodeBlock):
            call = own_widget(block.source, essay.meta.slug)
            if call is not None and call.name == "CommentSection":
                found[block.cell_index] = call
    return found


def read_comments(essay, *, db: str | None, notebook_dir: Path) -> StoreComments | None:
    """``essay``'s comments from the build's store, or None without one (or, with a warning, when it cannot be read:
    the page is then written as without a store)."""
    from ..comments.render import snapshot_html
    from ..comments.store import CommentStore
    from .site_stats import store_url

    url = store_url(db, Path(notebook_dir))
    if not url:
        return None
    slug = essay.meta.slug
    cells = section_cells(essay)
    try:
        with CommentStore.open(url, essay_dir=notebook_dir) as store:
            on = passages(essay, store.anchored(slug))
            thread = None
            if cells:
                live_url = next(iter(cells.values())).args.get("live_url") or essay.meta.live_url
                thread = snapshot_html(store, slug, live_url=live_url if isinstance(live_url, str) else "",
                                       labels=on.labels())
    except (EssaykitError, SQLAlchemyError) as exc:
        warnings.warn(f"{essay.path}: the comment store could not be read, so the page has no comments on "
                      f"passages and keeps the notebook's comment snapshot ({exc})", EssaykitWarning, stacklevel=2)
        return None
    return StoreComments(on, thread, frozenset(cells))


def thread_parts(exported: str, comments: StoreComments | None, block) -> tuple[str, ...]:
    """A code cell's exported HTML, in parts, with the store's thread in place of the notebook's snapshot when the
    cell shows the comment section (also when the notebook has no saved output of it). The thread is a part of
    its own: the body joins the parts once, so the thread (a megabyte with a thousand comments) is copied once."""
    if comments is None or comments.thread is None or block.cell_index not in comments.section_cells:
        return (exported,)
    found = THREAD.search(exported)
    if found is not None:
        return exported[:found.start()], comments.thread, exported[found.end():]
    if exported:
        return (exported,)
    return f'<div class="ek-output" data-ek-cell="{block.cell_index + 1}">', comments.thread, "</div>"
