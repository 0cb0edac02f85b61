"""Read a Blogger export: an Atom feed of posts, pages and comments, in either of its two shapes.

- **Classic** (Blogger → Settings → Back up content): each ``<entry>`` says
  what it is with ``<category scheme="http://schemas.google.com/g/2005#kind"
  term="http://schemas.google.com/blogger/2008/kind#post">`` (``page``,
  ``comment``, ``settings``, ``template``); labels are the other categories;
  a comment names its post with ``<thr:in-reply-to ref="…post-ID">`` and the
  comment it answers with ``<link rel="related" href="…/comments/default/ID">``;
  a draft has ``<app:control><app:draft>yes``.
- **Takeout** (Google Takeout's ``Blogger/Blogs/NAME/feed.atom``):
  ``<blogger:type>`` POST, PAGE or COMMENT, ``<blogger:status>`` LIVE, DRAFT,
  SCHEDULED or another state (deleted); a comment's ``<blogger:parent>`` is its post and
  ``<blogger:inReplyTo>`` the comment it answers; ``<blogger:filename>``
  (``/2011/10/slug.html``) gives the slug and ``<blogger:trashed>`` a deletion.

Comments may come before or after their post, so entries are collected as
the stream goes (each element dropped once read) and essays are made at the
end. Both shapes name the blog by the same ``<id>`` (``tag:blogger.com,1999:blog-N``),
which keys the essays and comments: importing the other shape later adds nothing.
Parsed with defusedxml: no entity declarations, nothing fetched, at most 64 levels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from .._words import plural
from .build import link_key
from .htmlmd import comment_markdown, plain_text
from .model import Failed, ImportedComment, ImportedPost, Outcome, Skipped, tally
from .names import local_id, parse_loose_date, short_hash
from .post_parts import explain_post, post_date, post_parts
from .xml_stream import ExportStream

_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_KIND_TERM = "http://schemas.google.com/blogger/2008/kind#"
_TAKEOUT_NS = "http://schemas.google.com/blogger/"  # 2018 today; any year of it
_BLOG_ID = re.compile(r"\bblog-(\d+)")
_ENTRY_ID = re.compile(r"\.(?:post|page|comment)-([0-9A-Za-z_-]+)\s*$")
# Blogger's stand-in address for every commenter: not theirs, so never kept.
_NO_EMAIL = {"noreply@blogger.com", "anonymous@blogger.com"}
_LIVE = {"live", "published"}
_NOT_YET = {"draft", "scheduled"}
_GONE = {"deleted", "spam", "trashed", "soft_trashed", "removed"}
_MAX_DEPTH = 64
_AGAIN = "export it again (Blogger → Settings → Back up content, or Google Takeout)"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _takeout(tag) -> bool:
    return isinstance(tag, str) and tag.startswith("{" + _TAKEOUT_NS)


def _number(entry_id: str) -> str:
    """``tag:blogger.com,1999:blog-1.post-42`` → ``42``; anything else made safe as it is."""
    found = _ENTRY_ID.search(entry_id or "")
    return found.group(1) if found else local_id(entry_id) if entry_id.strip() else ""


@dataclass
class _Entry:
    """One ``<entry>``, reduced to what an essay or a comment needs."""

    number: str
    kind: str = ""  # post, page, comment; anything else is not imported
    status: str = "live"
    title: str = ""
    html: str = ""
    published: str = ""
    created: str = ""
    author: str = ""
    author_uri: str = ""
    email: str = ""
    labels: list[str] = field(default_factory=list)
    link: str = ""
    filename: str = ""
    post: str = ""  # a comment's post
    reply_to: str = ""  # a comment's parent comment
    trashed: bool = False


def _entry(element) -> _Entry:
    entry = _Entry(number="")
    for child in element:
        name, text = _local(child.tag), (child.text or "").strip()
        if name == "id":
            entry.number = _number(text)
        elif name == "category":
            scheme, term = child.get("scheme", ""), child.get("term", "").strip()
            if scheme == _KIND_SCHEME or term.startswith(_KIND_TERM):
                entry.kind = entry.kind or term.rsplit("#", 1)[-1].lower()
            elif term and term not in entry.labels:
                entry.labels.append(term)
        elif name == "type" and _takeout(child.tag):
            entry.kind = text.lower()
        elif name == "status" and _takeout(child.tag):
            entry.status = text.lower() or "live"
        elif name == "control":  # <app:control><app:draft>yes</app:draft>
            if any(_local(c.tag) == "draft" and (c.text or "").strip().lower() == "yes" for c in child):
                entry.status = "draft"
        elif name == "title":
            entry.title = plain_text(child.text or "") if child.get("type") == "html" else " ".join(text.split())
        elif name == "content":
            entry.html = child.text or ""
        elif name == "published":
            entry.published = text
        elif name == "created" and _takeout(child.tag):
            entry.created = text
        elif name == "author":
            for part in child:
                key, value = _local(part.tag), (part.text or "").strip()
                if key == "name":
                    entry.author = plain_text(value)
                elif key == "uri":
                    entry.author_uri = value
                elif key == "email" and value.lower() not in _NO_EMAIL:
                    entry.email = value
        elif name == "link":
            rel, href = child.get("rel", ""), child.get("href", "").strip()
            if rel == "alternate" and href:
                entry.link = href
            elif rel == "related" and href:  # classic: the comment this one answers
                entry.reply_to = unquote(urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1])
        elif name == "in-reply-to":  # classic, thr: namespace: the post
            entry.post = _number(child.get("ref", ""))
        elif name == "parent" and _takeout(child.tag):
            entry.post = _number(text)
        elif name == "inReplyTo" and _takeout(child.tag) and text:
            entry.reply_to = _number(text)
        elif name == "filename" and _takeout(child.tag):
            entry.filename = text
        elif name == "trashed" and _takeout(child.tag) and text:
            entry.trashed = True
    return entry


def _moment(value: str):
    """An entry's time, to the second (Blogger writes milliseconds)."""
    moment = parse_loose_date(value)
    return moment.replace(microsecond=0) if moment else None


def _same_person(a: str, b: str) -> bool:
    """Two author addresses name the same Blogger profile (scheme, ``www.`` and a final ``/`` aside)."""
    return bool(a and b) and link_key(a) == link_key(b)


class _Reader:
    """One Blogger feed, collected entry by entry, then turned into essays."""

    def __init__(self, path: Path, opener: Callable[[], BinaryIO] | None = None,
                 name: str = ""):
        self.path = path
        self.name = name or path.name  # a ZIP member is named with its archive: "takeout.zip: …/feed.atom"
        self.opener = opener
        self.blog = ""  # the feed's <id>: the same in both shapes
        self.site = ""  # the blog's address, from the classic feed's links
        self.entries = 0
        self.posts: list[tuple[int, _Entry]] = []
        self.comments: dict[str, list[_Entry]] = {}

    @staticmethod
    def blog_id(text: str) -> str:
        """The blog's own id, ``tag:blogger.com,1999:blog-N``: the classic export adds ``.archive``, Takeout does not."""
        found = _BLOG_ID.search(text)
        return f"tag:blogger.com,1999:blog-{found.group(1)}" if found else ""

    def where(self, n: int, entry: _Entry) -> str:
        shown = f" {entry.title[:60]!r}" if entry.title else ""
        return f"{self.name}: entry {n}{shown} ({entry.kind} {entry.number or '?'})"

    def read(self) -> Iterator[Outcome]:
        after = lambda: f"{plural(self.entries, 'entry', 'entries')} read before it"  # noqa: E731
        for element in ExportStream(self.path, 2, writer="Blogger", again=_AGAIN, after=after, max_depth=_MAX_DEPTH,
                                    opener=self.opener, name=self.name):
            if isinstance(element, Failed):
                yield element
                return
            self.feed_child(element)
        yield from self.essays()

    def feed_child(self, element) -> None:
        name = _local(element.tag)
        if name == "id" and not self.blog:
            self.blog = self.blog_id(element.text or "")
        elif name == "link" and element.get("rel") == "alternate" and not self.site:
            self.site = element.get("href", "").strip()
        elif name == "entry":
            self.entries += 1
            if not self.blog:  # a feed without its own <id>: its entries name the blog too
                self.blog = self.blog_id(next((c.text or "" for c in element if _local(c.tag) == "id"), ""))
            entry = _entry(element)
            if entry.kind in ("post", "page"):
                self.posts.append((self.entries, entry))
            elif entry.kind == "comment":
                self.comments.setdefault(entry.post, []).append(entry)

    def essays(self) -> Iterator[Outcome]:
        taken: set[str] = set()
        for n, entry in self.posts:
            where = self.where(n, entry)
            if entry.number:  # a post without an id cannot be named by a comment
                taken.add(entry.number)
            if entry.status in _NOT_YET:
                yield Skipped(where, f"{entry.status} {entry.kind}, not published; publish it in Blogger and export "
                              "again to import it")
            elif entry.status not in _LIVE or entry.trashed:
                yield Skipped(where, f"{'trashed' if entry.trashed else entry.status} {entry.kind}, not public")
            else:
                try:
                    yield self.post(entry, where)
                except (ValueError, LookupError, TypeError) as exc:
                    # One malformed post must not stop the others; report it and go on.
                    yield Failed(where, f"cannot convert this {entry.kind}: {exc}")
        orphans = sum(len(found) for post, found in self.comments.items() if post not in taken)
        if orphans:
            yield Skipped(self.name, f"{plural(orphans, 'comment')} for no post in the file "
                          "(a post deleted before the export); not imported")

    def post(self, entry: _Entry, where: str) -> ImportedPost:
        notes: list[str] = []
        date = post_date(entry.published, entry.created, notes=notes)
        slug = entry.filename or (urlsplit(entry.link).path if entry.link else "")
        slug = unquote(slug.rstrip("/").rsplit("/", 1)[-1]).removesuffix(".html")
        url = entry.link if entry.link.startswith(("http://", "https://")) else ""
        parts = post_parts(entry.title, slug, date, entry.html, base_url=url or self.site,
                           number=entry.number or str(len(self.posts)), notes=notes)
        blog = self.blog or self.path.name
        post = ImportedPost(
            where=where, title=parts.title, slug=parts.slug, author=entry.author, date=date, url=url,
            tags=entry.labels, blocks=parts.blocks, spoiler_label=parts.spoiler_label,
            spoiler_blocks=parts.spoiler_blocks, notes=notes, comment_prefix=f"blogger-{short_hash(blog)}",
            source={"kind": "blogger", "file": self.path.name, "id": entry.number or parts.slug,
                    **({"site": self.blog} if self.blog else {})},
        )
        gone: list[tuple[str, str]] = []
        for c in self.comments.get(entry.number, []) if entry.number else []:
            comment = self.comment(c, entry, notes)
            if comment is None:
                gone.append((f"dropped comment ({'trashed' if c.trashed else c.status or 'empty'})",
                             f"{c.author or 'Anonymous'}: {plain_text(c.html)}"))
            else:
                post.comments.append(comment)
        if post.comments:
            post.found.append(tally(post.comments))
        if gone:
            post.dropped.append(plural(len(gone), "deleted, spam or empty comment"))
        explain_post(post, gone)
        return post

    def comment(self, c: _Entry, post: _Entry, notes: list[str]) -> ImportedComment | None:
        shown = f"comment {c.number or '?'}"
        if not c.number:
            notes.append(f"{shown} has no <id>; skipped it")
            return None
        if c.trashed or c.status in _GONE:
            return None
        status = "approved"
        if c.status not in _LIVE:
            notes.append(f"{shown}: unknown status {c.status!r}; kept it as pending")
            status = "pending"
        body = comment_markdown(c.html)
        if not body:
            notes.append(f"{shown} is empty; skipped it")
            return None
        created = _moment(c.published) or _moment(c.created)
        if created is None:
            notes.append(f"{shown} has no date the file gives; dated it like the post")
        website = c.author_uri if c.author_uri.startswith(("http://", "https://")) else ""
        return ImportedComment(
            local_id=c.number, parent=c.reply_to or None, author=c.author or "Anonymous", body=body,
            created=created, status=status, email=c.email, website=website,
            # The post author's own reply: the same Blogger profile address, never a name anyone can type.
            by_author=_same_person(c.author_uri, post.author_uri),
        )


def read_blogger(path: Path, *, opener: Callable[[], BinaryIO] | None = None, name: str = "") -> Iterator[Outcome]:
    """One outcome per post or page of the Blogger export at ``path``, with its comments.

    ``opener`` and ``name`` read a member of an export instead (Takeout's ZIP: :mod:`.exports`).
    """
    return _Reader(Path(path), opener, name).read()
