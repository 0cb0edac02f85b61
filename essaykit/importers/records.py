"""Imported comments → the comment store's JSON records (docs/comments.md).

Ids are stable per source (``<prefix>-<source id>``, e.g. ``wxr-1a2b3c4d-17``)
so :meth:`CommentStore.import_records`, which is idempotent on ``id``, adds
nothing the second time. Parents come before their replies; a reply whose
parent is not in the source is attached to the top level, with a note.
"""

from __future__ import annotations

import functools
from datetime import datetime, timezone

from ..limits import MAX_NAME_CHARS, MAX_TITLE_CHARS
from ..errors import CommentError
from ..essay import parse_iso_date
from ..markdown import plain_text, render_markdown
from .leftovers import mention_parts
from .model import ImportedComment, ImportedPost
from .names import iso


def _ordered(comments: list[ImportedComment], notes: list[str]) -> list[tuple[ImportedComment, str | None]]:
    """Comments with their effective parent, every parent before its replies.

    Orphans (a parent missing from the source) and members of a parent
    cycle become top-level comments, each with a note.
    """
    by_id: dict[str, ImportedComment] = {}
    for c in comments:
        if c.local_id in by_id:
            notes.append(f"comment {c.local_id} appears twice; kept the first")
            continue
        by_id[c.local_id] = c
    parent_of: dict[str, str | None] = {}
    for cid, c in by_id.items():
        if c.parent is not None and c.parent not in by_id:
            notes.append(f"comment {cid} replies to comment {c.parent}, which is not in the file; shown at the top level")
            parent_of[cid] = None
        elif c.parent == cid:
            notes.append(f"comment {cid} replies to itself; shown at the top level")
            parent_of[cid] = None
        else:
            parent_of[cid] = c.parent
    children: dict[str | None, list[str]] = {}
    for cid in by_id:  # source order, which is usually date order
        children.setdefault(parent_of[cid], []).append(cid)
    out: list[tuple[ImportedComment, str | None]] = []
    placed: set[str] = set()

    def place(root: str | None) -> None:
        stack = list(reversed(children.get(root, [])))
        while stack:
            cid = stack.pop()
            if cid in placed:
                continue
            placed.add(cid)
            out.append((by_id[cid], parent_of[cid]))
            stack.extend(reversed(children.get(cid, [])))

    place(None)
    for cid in by_id:
        if cid not in placed:  # only a cycle of replies can leave one out
            notes.append(f"comment {cid} is part of a reply loop; shown at the top level")
            parent_of[cid] = None
            children.setdefault(cid, [])
            placed.add(cid)
            out.append((by_id[cid], None))
            place(cid)
    return out


@functools.lru_cache(maxsize=4096)
def _email(value: str) -> str:
    """The store's own email check, remembered: regular commenters repeat their address."""
    from ..comments.fields import clean_email

    return clean_email(value, required=False)


def _contact(comment: ImportedComment, notes: list[str]) -> tuple[str, str, str]:
    """Email, website and source URL the store will accept; bad ones are dropped with a note."""
    from ..comments.fields import clean_url

    email, website, source_url = "", "", ""
    try:
        email = _email(comment.email)
    except CommentError:
        notes.append(f"comment {comment.local_id}: email {comment.email[:80]!r} is not valid; left it out")
    for value, field in ((comment.website, "website"), (comment.source_url, "source_url")):
        try:
            cleaned = clean_url(value, field=field)
        except CommentError:
            notes.append(f"comment {comment.local_id}: {field} {value[:80]!r} is not an http(s) URL; left it out")
            cleaned = ""
        if field == "website":
            website = cleaned
        else:
            source_url = cleaned
    return email, website, source_url


def _plain(markdown: str) -> str:
    """The words of a comment's Markdown, as a reader sees them: "\\[…\\]" is "[…]"."""
    return " ".join(plain_text(render_markdown(markdown, profile="comment")).split())


def comment_records(post: ImportedPost, essay: str, *, now: datetime | None = None) -> list[dict]:
    """The store records for ``post``'s comments, filed under the essay slug ``essay``.

    A comment with no usable date gets the post's date; with no post date
    either, the day the file was saved, and it is held ``pending``: the day
    of the import is never a comment's date. A comment the reader was not
    sure of keeps its ``pending`` status and says why in ``reason``.
    """
    # A saved page's date keeps its stated offset (names.stated_iso); the store's times are UTC.
    fallback = iso(parse_iso_date(post.date)) if post.date else post.saved or iso(now or datetime.now(timezone.utc))
    records = []
    kinds: dict[str, str] = {}  # local id → the kind it is stored as
    for comment, parent in _ordered(post.comments, post.notes):
        email, website, source_url = _contact(comment, post.notes)
        kind, author = comment.kind, comment.author
        if kind == "trackback":
            kind = "pingback"  # the store keeps trackbacks as pingbacks: both are links from another page
        if kind != "comment" and not source_url:
            # Still a mention, never a comment, and no address is made up for it: it is shown unlinked.
            post.notes.append(f"{comment.kind} {comment.author[:60]!r} has no URL in the source; "
                              "kept as an unlinked mention with its title and site")
        title, site = comment.title, comment.site
        if kind != "comment" and not (title or site):
            # An export names a pingback by its page's "TITLE | SITE" (WordPress's comment_author): read the one way
            # a text copy's is, so a mention without an address still shows its title and site.
            title, site = mention_parts(author)
        kinds[comment.local_id] = kind
        if parent is not None and (kind != "comment" or kinds.get(parent) != "comment"):
            # Only comments thread: a reply to a pingback (or a pingback with a parent) stands alone.
            post.notes.append(f"comment {comment.local_id} replies to {kinds.get(parent, 'comment')} {parent}; "
                              "shown at the top level")
            parent = None
        if len(author) > MAX_NAME_CHARS:
            post.notes.append(f"comment {comment.local_id}: author name cut to {MAX_NAME_CHARS} characters")
            author = author[:MAX_NAME_CHARS].rstrip()
        if comment.created is None and not post.date and kind == "comment":
            comment.hold("no date for the comment nor for the post; dated with the day the file was saved")
        records.append({
            "id": f"{post.comment_prefix}-{comment.local_id}",
            "essay": essay,
            "parent": f"{post.comment_prefix}-{parent}" if parent else None,
            "author": author or ("Anonymous" if kind == "comment" else ""),
            "email": email,
            "website": website,
            # A mention's text is shown as plain text (its excerpt), so no Markdown escapes stay in it.
            "body": comment.body if kind == "comment" else _plain(comment.body),
            "created": iso(comment.created) if comment.created else fallback,
            "status": comment.status,
            "kind": kind,
            "source_url": source_url,
            "by_author": comment.by_author and kind == "comment",
            "title": title[:MAX_TITLE_CHARS] if kind != "comment" else "",
            "site": site[:MAX_TITLE_CHARS] if kind != "comment" else "",
            "reason": comment.reason,
        })
    return records
