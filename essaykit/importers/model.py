"""What a reader of an import source hands to the notebook writer.

Each reader (:mod:`.wxr`, :mod:`.blogger`, :mod:`.ghost`, :mod:`.html_page`, :mod:`.text`, :mod:`.disqus`)
yields one outcome per item it finds: an :class:`ImportedPost`, a
:class:`CommentsFor` (comments for an essay imported before), a
:class:`Skipped` note (a draft, say) or a :class:`Failed` item. Nothing
here touches the disk or the comment store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ImportedComment:
    """One comment or pingback as the source has it.

    ``local_id`` and ``parent`` are the source's own ids (WordPress comment
    ids, say); the writer turns them into stable store ids. ``body`` is
    already Markdown for the comment profile. ``reason`` says why a comment
    the importer is not sure of is held ``pending`` (docs/import.md, "Never a
    guess"); ``by_author`` marks the post author's own reply, from the source's
    structure only (a WordPress user id, a theme's author class), never from a name.
    A mention without ``source_url`` is kept as an *unlinked* mention: no address is ever made up.
    """

    local_id: str
    parent: str | None
    author: str
    body: str
    created: datetime | None
    status: str = "approved"
    kind: str = "comment"
    email: str = ""
    website: str = ""
    source_url: str = ""
    reason: str = ""
    by_author: bool = False
    # A mention's page title and site as the source names them (an unlinked mention has only these).
    title: str = ""
    site: str = ""

    def hold(self, reason: str) -> None:
        """Store this comment as ``pending`` with ``reason`` (the first reason given is kept)."""
        if self.status == "approved":
            self.status = "pending"
        self.reason = self.reason or reason


def tally(comments: list[ImportedComment]) -> str:
    """What an export gave for one post, for its "found" line: "comments and mentions: 3 approved, 1 pingback"."""
    counts: dict[str, int] = {}
    for c in comments:
        key = c.status if c.kind == "comment" else c.kind
        counts[key] = counts.get(key, 0) + 1
    return "comments and mentions: " + ", ".join(f"{n} {what}" for what, n in counts.items())


@dataclass
class ImportedPost:
    """One post or page, ready to become an essay notebook.

    ``blocks`` are the open part, one Markdown string per cell;
    ``spoiler_blocks`` (possibly empty) follow behind ``spoiler_label``.
    ``source`` goes into the notebook's ``essay.source`` metadata so a
    second import recognises the essay; ``comment_prefix`` makes the
    comments' store ids stable for the same source.
    """

    where: str
    title: str
    slug: str
    source: dict
    comment_prefix: str
    author: str = ""
    date: str = ""
    summary: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    spoiler_label: str | None = None
    spoiler_blocks: list[str] = field(default_factory=list)
    comments: list[ImportedComment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rating: float | None = None
    # The per-post report (docs/import.md): what was found, what was guessed, what was dropped.
    found: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    # ``--explain``: (line number or "", what it became, the input as written), in input order.
    explain: list[tuple[str, str, str]] = field(default_factory=list)
    # The day the file was saved: the latest a comment without any date can be (never the import day).
    saved: str = ""
    # Why the import needs --force (an article far shorter than the page, a title that is the site's name…).
    doubts: list[str] = field(default_factory=list)
    # A draft where it came from (Medium's draft_ files, Substack's unpublished or paid posts): essay.draft, off the site.
    draft: bool = False
    # The export's own copy of an image, by the image's address (a Ghost ZIP's content/images/): its bytes, or None
    # when the export does not hold it. --download-images takes an image from here before it fetches anything.
    media: Callable[[str], bytes | None] | None = None


@dataclass
class CommentsFor:
    """Comments for an essay that already exists (a Disqus thread), found by its link or slug."""

    where: str
    link: str
    slugs: list[str]
    comment_prefix: str
    comments: list[ImportedComment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    date: str = ""


@dataclass(frozen=True)
class Skipped:
    """An item deliberately not imported (a draft, a private post), with why."""

    where: str
    reason: str


@dataclass(frozen=True)
class Failed:
    """An item (or a whole file) that could not be imported, with what to do."""

    where: str
    message: str


Outcome = ImportedPost | CommentsFor | Skipped | Failed
