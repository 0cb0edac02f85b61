"""The values the comment store hands out: comments, pages of a thread, reports.

Everything here is a frozen dataclass with no database in sight, so widgets,
exporters and tests can build and compare them freely.

Emails are stored and exported for the author's backups, but they must never
reach a reader. A :class:`Comment` carries its email for the author's tools;
anything shown to readers goes through :meth:`Comment.public_dict`, which
leaves it out and gives a salted ``avatar`` hash for the identicon instead.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property

from ..db.lookup import strip_bidi_controls
from ..markdown import render_markdown, sanitize_html
from .anchor import Anchor

TOMBSTONE_BODY = "[deleted]"


def iso_utc(moment: datetime) -> str:
    """``moment`` as ISO 8601 UTC with a ``Z``, e.g. ``2026-11-20T18:04:05Z``."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


@dataclass(frozen=True)
class Comment:
    """One comment, pingback or webmention, or a ``[deleted]`` tombstone.

    ``id`` is the public id (a string); ``parent`` is the parent's public id.
    ``depth`` is 0 for a top-level comment and grows by one per reply level;
    it is meaningful in :meth:`CommentStore.thread` pages.
    """

    id: str
    essay: str
    parent: str | None
    author: str
    email: str = field(repr=False)
    website: str
    body: str
    created: datetime
    status: str
    kind: str = "comment"
    source_url: str = ""
    depth: int = 0
    avatar: str = ""
    by_author: bool = False  # set only by the author's own reply path, never from form fields
    title: str = ""  # a received mention's page title; "" for comments
    site: str = ""  # an imported mention's site name as its source gave it; "" when source_url says it
    spam_score: float | None = None  # the spam filter's probability when it arrived (author-only)
    spam_reason: str = ""  # the features behind it, "filter 0.97: …" (author-only)
    load_seconds: int | None = None  # from page load to post, when its form's signed time was genuine (author-only)
    anchor: Anchor | None = None  # the passage it answers (issue 24); None for the whole essay
    edited: datetime | None = None  # when its writer last edited it (docs/comments.md, "Your own comments")
    verified: str = ""  # how its signed-in writer proved who they are (email, indieauth, oidc); "" when anonymous
    identity: str = field(default="", repr=False)  # that verified identity, "KIND:VALUE" (author-only)
    #: The store's revision of its row, which every update of the row changes (None: not read from the
    #: store): its id and revision say it is as it was (:mod:`.passage_entries`). Not its content, so not
    #: compared; a Comment made from another with other words (``dataclasses.replace``) must drop it.
    revision: int | None = field(default=None, repr=False, compare=False)

    @property
    def is_tombstone(self) -> bool:
        """True for a removed comment kept only so its replies stay in place."""
        return self.status != "approved"

    @cached_property
    def body_html(self) -> str:
        """The body rendered through the one Markdown renderer, comment profile."""
        # Rows stored before bodies lost their bidi controls are cleaned here too.
        return render_markdown(strip_bidi_controls(self.body), profile="comment")

    @cached_property
    def name_html(self) -> str:
        """The author's name escaped and through the comment sanitiser, as a comment on a passage's margin note
        and its thread item (when it has no website) both show it: sanitised once for the two."""
        return sanitize_html(html.escape(self.author), profile="comment")

    def public_dict(self) -> dict:
        """What a reader may see: no email, and nothing at all of a tombstone but its place.

        Keys: id, essay, parent, author, website, body, body_html, created
        (ISO 8601 UTC), status, kind, source_url, depth, avatar (a salted
        hash for the identicon, empty for tombstones and mentions), title
        (a mention's page title, else ""). No anchor: its quote may lie in a spoiler, which only the
        essay knows (:mod:`.anchors` says where it points now, and what a reader may see of it).
        """
        return {
            "id": self.id,
            "essay": self.essay,
            "parent": self.parent,
            "author": self.author,
            "website": self.website,
            "body": self.body,
            "body_html": self.body_html,
            "created": iso_utc(self.created),
            "status": self.status,
            "kind": self.kind,
            "source_url": self.source_url,
            "depth": self.depth,
            "avatar": self.avatar,
            "title": self.title,
        }

    def record(self) -> dict:
        """The JSON backup record (docs/comments.md), email included: author-only.

        ``by_author`` marks the essay author's own replies so a restored backup
        still shows them as the author's. ``spam_score`` is the spam filter's score
        when it arrived (null before the filter had learned anything). A mention
        with a page title also gets the optional key ``title``, and one with a site name ``site``;
        a comment on a passage ``anchor`` (:meth:`.anchor.Anchor.record`); a signed-in reader's comment
        ``identity``, the verified identity it was posted under (:mod:`.signins`).
        """
        record = {
            "id": self.id,
            "essay": self.essay,
            "parent": self.parent,
            "author": self.author,
            "email": self.email,
            "website": self.website,
            "body": self.body,
            "created": iso_utc(self.created),
            "status": self.status,
            "kind": self.kind,
            "source_url": self.source_url,
            "by_author": self.by_author,
            "spam_score": None if self.spam_score is None else round(self.spam_score, 4),
        }
        if self.title:
            record["title"] = self.title
        if self.site:
            record["site"] = self.site
        if self.anchor is not None:
            record["anchor"] = self.anchor.record()
        if self.edited is not None:
            record["edited"] = iso_utc(self.edited)
        if self.load_seconds is not None:
            record["load_seconds"] = self.load_seconds
        if self.identity:
            record["identity"] = self.identity
        return record


@dataclass(frozen=True)
class PostResult:
    """The outcome of :meth:`CommentStore.post`.

    ``status`` is the stored status (``approved``, ``pending`` or ``spam``) and
    ``reason`` why. Show readers ``notice``, never ``status``: a bot caught by
    the honeypot or the block list must not learn that it was caught.
    """

    comment: Comment
    status: str
    reason: str = ""

    @property
    def public_status(self) -> str:
        """``approved`` when the comment is visible now, otherwise ``pending``."""
        return "approved" if self.status == "approved" else "pending"

    @property
    def notice(self) -> str:
        """The one line to show the reader after posting."""
        if self.status == "approved":
            return "Thank you! Your comment is published."
        return "Your comment is awaiting moderation."


@dataclass(frozen=True)
class ThreadPage:
    """One page of an essay's thread in display order (each reply after its parent)."""

    items: list[Comment]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class ImportProblem:
    """A record that could not be imported: its index in the list, the field, and why."""

    index: int
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"record {self.index}" + (f", field {self.field!r}" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What :meth:`CommentStore.import_records` did. ``failed`` is True when any record was refused."""

    added: int = 0
    unchanged: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    erased: int = 0  # records of an address erased after they were written: not brought back

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        erased = f", {self.erased} of erased people left out" if self.erased else ""
        return f"{self.added} added, {self.unchanged} unchanged{erased}, {len(self.errors)} failed"


@dataclass(frozen=True)
class RatingSummary:
    """Readers' ratings of one essay: the mean (None when nobody rated) and how many."""

    average: float | None
    count: int
