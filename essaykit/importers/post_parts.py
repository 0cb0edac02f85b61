"""An exported post's date, title, slug and cells, the same way for every platform export.

WordPress, Blogger, Ghost, Medium and Substack each find these facts in their own fields;
what a missing or unreadable one becomes, and how the body turns into cells (its images
included), is decided here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .htmlmd import plain_text, post_blocks
from .model import ImportedPost
from .names import iso, local_id, parse_loose_date, slugify
from .spoilers import split_at_announcement


@dataclass
class PostParts:
    """What an :class:`~.model.ImportedPost` is made of, before its platform's own fields."""

    title: str
    slug: str
    blocks: list[str] = field(default_factory=list)
    spoiler_label: str | None = None
    spoiler_blocks: list[str] = field(default_factory=list)


def post_date(*given: str, notes: list[str], field: str = "date") -> str:
    """The first of the ``given`` times that can be read, in ISO form to the second; "" when none can.

    An export's milliseconds say nothing to a reader. A time that is there but
    cannot be read gets a note naming its ``field``; an absent one says nothing.
    """
    for value in given:
        moment = parse_loose_date(value) if value else None
        if moment is not None:
            return iso(moment.replace(microsecond=0))
    unread = next((value.strip() for value in given if value.strip()), "")
    if unread:
        notes.append(f"{field} {unread[:40]!r} cannot be parsed; the essay has no date, set essay.date by hand")
    return ""


def post_parts(title: str, slug: str, date: str, html: str, *, base_url: str, number: str,
               notes: list[str], summary: str = "") -> PostParts:
    """Title, slug and cells for a post with ``title``, the platform's ``slug`` (may be ""), ``date`` and ``html``.

    A post without a title is "Untitled (date)"; without a slug, it is made from
    the title, else the date, else the post's ``number``, each time with a note.
    A first cell that only repeats the ``summary`` is dropped: the summary is the
    essay's metadata, shown above its text.
    """
    if not title:
        title = f"Untitled ({date[:10] if date else f'post {number}'})"
        notes.append(f"has no title; called it {title!r}")
    slug = slugify(slug) or slugify("" if title.startswith("Untitled (") else title)
    if not slug:
        slug = f"post-{date[:10]}" if date else f"post-{local_id(number).lower()}"
        notes.append(f"slug made from its date: {slug}")
    blocks = post_blocks(html, base_url=base_url)
    if blocks and summary and plain_text(blocks[0]) == " ".join(summary.split()):
        blocks = blocks[1:]
    if not blocks:
        notes.append("has no content; the essay has an empty first cell to write in")
    opened, label, hidden = split_at_announcement(blocks)
    return PostParts(title, slug, opened, label, hidden)


def explain_post(post: ImportedPost, dropped: list[tuple[str, str]] = ()) -> None:
    """Fill ``post.explain`` (``--explain``) for a post read from markup: each cell, each comment, what was dropped.

    ``dropped`` lists (what it became, the input) for items left out, e.g. a deleted comment.
    """
    for n, block in enumerate(post.blocks + post.spoiler_blocks, 1):
        post.explain.append(("", "spoiler" if n > len(post.blocks) else "text", block.splitlines()[0][:100] if block else ""))
    for c in post.comments:
        what = f"{c.kind} by {c.author}" + (f" on {iso(c.created)}" if c.created else " (no date)")
        what += (", a reply" if c.parent else "") + (", the post's author" if c.by_author else "")
        post.explain.append(("", what, c.body.splitlines()[0][:100] if c.body else ""))
    post.explain.extend(("", what, line[:100]) for what, line in dropped)
