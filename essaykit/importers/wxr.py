"""Read a WordPress eXtended RSS export (WXR 1.0 to 1.2), streaming.

The file is parsed with ``iterparse`` and each ``<item>`` is dropped as
soon as it has been turned into an outcome, so memory stays bounded by the
largest single post, not the file. defusedxml refuses entity declarations
(WordPress never writes them; they are how entity-expansion and
external-entity attacks start) and never fetches anything.

Mapping (see docs/import.md): ``title`` → title, ``dc:creator`` → author,
``wp:post_date_gmt`` → date, ``wp:post_name`` → slug, categories and tags
→ tags, ``link`` → url, ``excerpt:encoded`` → summary,
``content:encoded`` → cells, ``wp:comment`` → comments and pingbacks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from .htmlmd import comment_markdown, plain_text
from .model import Failed, ImportedComment, ImportedPost, Outcome, Skipped, tally
from .names import iso, local_id, parse_rfc822, parse_wp_date, short_hash
from .post_parts import post_parts
from .xml_stream import ExportStream

POST_TYPES = ("post", "page")
STATUS_MAP = {"1": "approved", "approve": "approved", "0": "pending", "hold": "pending",
              "spam": "spam", "trash": "deleted", "post-trashed": "deleted"}
KIND_MAP = {"": "comment", "comment": "comment", "pingback": "pingback", "trackback": "pingback",
            "webmention": "webmention"}
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_SKIP_CATEGORIES = {"uncategorized"}
_AGAIN = "export it again from WordPress (Tools → Export)"


@functools.lru_cache(maxsize=256)
def _name(tag: str) -> str:
    """``{namespace}local`` → ``wp:local``, ``content:local``, ``excerpt:local``, ``dc:local`` or ``local``."""
    if not tag.startswith("{"):
        return tag
    ns, _, local = tag[1:].partition("}")
    if ns.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if ns.rstrip("/").endswith("excerpt") else "wp:") + local
    if ns == _CONTENT_NS:
        return "content:" + local
    if ns == _DC_NS:
        return "dc:" + local
    return local


def _fields(element) -> dict[str, str]:
    """The text of each direct child, by prefixed name (the first one wins)."""
    out: dict[str, str] = {}
    for child in element:
        out.setdefault(_name(child.tag), child.text or "")
    return out


class _Reader:
    """One WXR file, read item by item."""

    def __init__(self, path: Path, opener: Callable[[], BinaryIO] | None = None, name: str = ""):
        self.path = path
        self.name = name or path.name  # a ZIP member is named with its archive: "export.zip: blog.xml"
        self.open = opener or (lambda: open(path, "rb"))
        self.site = ""
        self.items = 0
        self.authors: dict[str, str] = {}  # login → display name, from <wp:author>
        self.author_ids: dict[str, str] = {}  # login → WordPress user id: the post author's replies carry it

    # --- items -------------------------------------------------------------

    def where(self, title: str, post_id: str) -> str:
        shown = f" {title[:60]!r}" if title else ""
        return f"{self.name}: item {self.items}{shown} (post {post_id or '?'})"

    def item(self, element) -> Outcome | None:
        fields = _fields(element)
        kind = fields.get("wp:post_type", "post").strip() or "post"
        if kind not in POST_TYPES:
            return None  # attachments, menus, revisions, reusable blocks: not essays
        title = plain_text(fields.get("title", ""))
        post_id = fields.get("wp:post_id", "").strip()
        where = self.where(title, post_id)
        status = fields.get("wp:status", "publish").strip() or "publish"
        if status != "publish":
            return Skipped(where, f"{status} {kind}, not published; publish it in WordPress and export again to import it")
        try:
            return self.post(element, fields, kind, title, post_id, where)
        except (ValueError, LookupError, TypeError) as exc:
            # One malformed post must not stop the others; report it and go on.
            return Failed(where, f"cannot convert this {kind}: {exc}")

    def post(self, element, fields: dict, kind: str, title: str, post_id: str, where: str) -> ImportedPost:
        notes: list[str] = []
        link = fields.get("link", "").strip()
        date = self.post_date(fields, notes)
        parts = post_parts(title, unquote(fields.get("wp:post_name", "")), date, fields.get("content:encoded", ""),
                           base_url=link or self.site, number=post_id or str(self.items), notes=notes)
        tags: list[str] = []
        for child in element:
            if _name(child.tag) == "category" and child.get("domain", "category") in ("category", "post_tag"):
                name = plain_text(child.text or "")
                if name and name.lower() not in _SKIP_CATEGORIES and name not in tags:
                    tags.append(name)
        prefix = f"wxr-{short_hash(self.site or self.path.name)}"
        post = ImportedPost(
            where=where, title=parts.title, slug=parts.slug, author=self.author(fields.get("dc:creator", "")),
            date=date, summary=plain_text(fields.get("excerpt:encoded", ""))[:500], url=link if link.startswith(("http://", "https://")) else "",
            tags=tags, blocks=parts.blocks, spoiler_label=parts.spoiler_label, spoiler_blocks=parts.spoiler_blocks,
            source={"kind": "wxr", "file": self.path.name, "id": post_id or parts.slug, **({"site": self.site} if self.site else {})},
            comment_prefix=prefix, notes=notes,
        )
        author_id = self.author_ids.get(plain_text(fields.get("dc:creator", "")), "")
        others = []
        for child in element:
            if _name(child.tag) != "wp:comment":
                others.append(child)
            else:
                comment = self.comment(child, notes)
                if comment is not None:
                    post.comments.append(comment)
                    user = _fields(child).get("wp:comment_user_id", "").strip()
                    comment.by_author = comment.kind == "comment" and bool(author_id) and user == author_id
        # The comments are read: their elements go now, not once the post has been written and its comments stored
        # (a post with 20,000 comments held ~200,000 elements through both).
        element[:] = others
        if post.comments:
            post.found.append(tally(post.comments))
        return post

    def author(self, creator: str) -> str:
        login = plain_text(creator)
        return self.authors.get(login, login)

    def post_date(self, fields: dict, notes: list[str]) -> str:
        tried = []
        for key, parse in (("wp:post_date_gmt", parse_wp_date), ("wp:post_date", parse_wp_date), ("pubDate", parse_rfc822)):
            value = fields.get(key, "").strip()
            if not value:
                continue
            try:
                moment = parse(value)
            except ValueError:
                tried.append(f"{key} {value!r}")
                continue
            if moment is not None:
                return iso(moment)
        if tried:
            notes.append(f"date cannot be parsed ({', '.join(tried)}); the essay has no date, set essay.date by hand")
        return ""

    def comment(self, element, notes: list[str]) -> ImportedComment | None:
        f = _fields(element)
        cid = local_id(f.get("wp:comment_id", "")) if f.get("wp:comment_id", "").strip() else ""
        shown = f"comment {cid or '?'}"
        if not cid:
            notes.append(f"{shown} has no wp:comment_id; skipped it")
            return None
        approved = f.get("wp:comment_approved", "1").strip().lower()
        status = STATUS_MAP.get(approved)
        if status is None:
            notes.append(f"{shown}: unknown comment_approved {approved!r}; kept it as pending")
            status = "pending"
        kind = KIND_MAP.get(f.get("wp:comment_type", "").strip().lower(), "comment")
        created = None
        for key in ("wp:comment_date_gmt", "wp:comment_date"):
            value = f.get(key, "")
            try:
                created = parse_wp_date(value)
            except ValueError:
                notes.append(f"{shown}: {key} {value.strip()!r} cannot be parsed; dated it like the post")
                continue
            if created:
                break
        url = f.get("wp:comment_author_url", "").strip()
        author = plain_text(f.get("wp:comment_author", ""))
        body = comment_markdown(f.get("wp:comment_content", ""))
        if kind != "comment" and not body:
            body = author or url
        if not body:
            notes.append(f"{shown} is empty; skipped it")
            return None
        parent = f.get("wp:comment_parent", "").strip()
        return ImportedComment(
            local_id=cid, parent=local_id(parent) if parent not in ("", "0") else None,
            author=author or ("Anonymous" if kind == "comment" else ""), body=body, created=created, status=status, kind=kind,
            email=f.get("wp:comment_author_email", "").strip(), website=url if kind == "comment" else "",
            source_url=url if kind != "comment" else "",
        )

    # --- the stream --------------------------------------------------------

    def read(self) -> Iterator[Outcome]:
        stream = ExportStream(self.path, 3, writer="WordPress", again=_AGAIN, after=self.read_before,
                              parent=lambda tag: _name(tag) == "channel", opener=self.open, name=self.name)
        for element in stream:
            if isinstance(element, Failed):
                yield element
                return
            # A direct child of <channel> is complete: use it (the stream then drops it).
            name = _name(element.tag)
            if name == "item":
                self.items += 1
                outcome = self.item(element)
                if outcome is not None:
                    yield outcome
            elif name in ("wp:base_blog_url", "link") and not self.site:
                self.site = (element.text or "").strip()
            elif name == "wp:author":
                found = _fields(element)
                login = plain_text(found.get("wp:author_login", ""))
                if login:
                    self.authors[login] = plain_text(found.get("wp:author_display_name", "")) or login
                    if found.get("wp:author_id", "").strip() not in ("", "0"):
                        self.author_ids[login] = found["wp:author_id"].strip()
        if not stream.found_parent:
            yield Failed(self.name, "no <channel> element, so not a WordPress export; in WordPress use Tools → Export")

    def read_before(self) -> str:
        return f"{self.items} item{'s' if self.items != 1 else ''} read before it"


def read_wxr(path: Path, *, opener: Callable[[], BinaryIO] | None = None, name: str = "") -> Iterator[Outcome]:
    """Yield one outcome per post or page of the WXR file at ``path``, as they are parsed.

    ``opener`` and ``name`` read a member of an export instead (:mod:`.exports`), streamed as a file is.
    """
    return _Reader(Path(path), opener, name).read()
