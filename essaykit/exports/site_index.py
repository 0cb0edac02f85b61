"""The pages of a built site that list essays: the index, the tag pages and the feeds.

:func:`essaykit.exports.site.build_site` builds the essays' own pages and then
writes these from the list of :class:`IndexItem` (newest first), rewriting a file
only when its text changed.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .._files import write_atomic
from ..essay import EssayMeta, parse_iso_date
from ..html import asset, environment, stylesheet, theme_script
from .feed import atom_feed, comments_feed
from .page import tag_href, tag_slug
from .settings import SiteSettings

INDEX_NAME = "index.html"
FEED_NAME = "feed.xml"
COMMENTS_FEED_NAME = "comments.xml"
CONTENT_DIR = ".essaykit/content"
TAGS_DIR = "tags"
FEED_LIMIT = 50


@dataclass(frozen=True)
class IndexItem:
    """One essay as the index page and the feed list it."""

    slug: str
    title: str
    href: str
    absolute_url: str
    author: str
    summary: str
    rating: float | None
    tags: tuple[str, ...]
    date: str
    published: datetime | None
    updated: datetime
    unpublished: str = ""
    comments: int | None = None
    readers_average: float | None = None
    readers_count: int = 0
    content: str = ""


def canonical_url(url: str, base_url: str, output: str) -> str:
    return url or (base_url + output if base_url else "")


def order_key(date: str, title: str):
    """Newest first; essays without a (readable) date last, by title."""
    try:
        published = parse_iso_date(date) if date else None
    except ValueError:
        published = None
    newest = datetime.max.replace(tzinfo=timezone.utc)
    return (published is None, newest - (published or newest), title.casefold())


def unpublished_reason(draft: bool, date: str, now: datetime) -> str:
    return EssayMeta(title="", slug="", draft=draft, date=date).unpublished(now)


def index_items(entries, base_url: str, *, now: datetime | None = None, stats=None,
                content_dir: Path | None = None) -> list[IndexItem]:
    """Index entries newest first; essays without a date come last, by title.

    ``stats`` (slug → :class:`~.site_stats.EssayStats`) adds comment counts and
    readers' ratings; ``content_dir`` adds each page's body for the feeds."""
    now = now or datetime.now(timezone.utc)
    items = []
    for e in entries:
        published = None
        if e.date:
            try:
                published = parse_iso_date(e.date)
            except ValueError:
                published = None
        updated = published or datetime.fromtimestamp(e.mtime or 0, tz=timezone.utc)
        found = (stats or {}).get(e.slug)
        content = ""
        if content_dir is not None:
            try:
                content = (content_dir / f"{e.slug}.html").read_text(encoding="utf-8")
            except OSError:
                content = ""
        items.append(IndexItem(
            slug=e.slug, title=e.title, href=e.output, absolute_url=canonical_url(e.url, base_url, e.output),
            author=e.author, summary=e.summary, rating=e.rating, tags=tuple(e.tags), date=e.date,
            published=published, updated=updated, unpublished=unpublished_reason(e.draft, e.date, now),
            comments=found.comments if found else None,
            readers_average=found.readers_average if found else None,
            readers_count=found.readers_count if found else 0, content=content,
        ))
    items.sort(key=lambda i: order_key(i.date, i.title))
    return items


def render_index(items: list[IndexItem], *, title: str, base_url: str, settings: SiteSettings | None = None,
                 root: str = "", heading: str = "", feed: str = FEED_NAME, api: str = "",
                 comments_feed: str = "") -> str:
    """An index page: the site's (``root`` "") or a tag's (``root`` "../../")."""
    template = environment().get_template("site.html.j2")
    return template.render(items=items, title=title, base_url=base_url, feed=feed, css=stylesheet(),
                           settings=settings or SiteSettings(title=title), root=root, heading=heading or title,
                           api=api, js=asset("essay.js"), theme_js=theme_script(),
                           tag_href=tag_href, comments_feed=comments_feed)


def write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)


def write_tag_pages(site_dir: Path, items: list[IndexItem], settings: SiteSettings, api: str) -> list[str]:
    """``tags/<tag>/index.html`` and ``feed.xml`` for every tag; stale tag folders are removed."""
    by_tag: dict[str, tuple[str, list[IndexItem]]] = {}
    for item in items:
        for tag in item.tags:
            by_tag.setdefault(tag_slug(tag), (tag, []))[1].append(item)
    written = []
    for slug, (tag, tagged) in sorted(by_tag.items()):
        folder = site_dir / TAGS_DIR / slug
        root = "../../"
        shown = [IndexItem(**{**i.__dict__, "href": root + i.href}) for i in tagged]
        write_if_changed(folder / INDEX_NAME, render_index(
            shown, title=f"{tag} · {settings.title}", heading=f"Tagged “{tag}”", base_url=settings.base_url,
            settings=settings, root=root, api=api))
        write_if_changed(folder / FEED_NAME, atom_feed(
            tagged[:FEED_LIMIT], title=f"{settings.title}: {tag}", base_url=settings.base_url,
            feed_name=f"{TAGS_DIR}/{slug}/{FEED_NAME}", home=f"{TAGS_DIR}/{slug}/", feed_id="tag:" + tag,
            content_base=root))
        written.append(slug)
    tags_dir = site_dir / TAGS_DIR
    if tags_dir.is_dir():
        for folder in tags_dir.iterdir():
            if folder.is_dir() and folder.name not in by_tag and {p.name for p in folder.iterdir()} <= {
                    INDEX_NAME, FEED_NAME}:
                shutil.rmtree(folder)
    return written


def feed_content(site_dir: Path, slug: str) -> str:
    try:
        return (site_dir / CONTENT_DIR / f"{slug}.html").read_text(encoding="utf-8")
    except OSError:
        return ""


def pages_digest(fingerprint: str, items: list[IndexItem], comments) -> str:
    """What the index, tag pages and feeds depend on, beyond the pages themselves."""
    digest = hashlib.sha256(fingerprint.encode())
    for item in items:
        digest.update(repr((item.slug, item.title, item.href, item.absolute_url, item.author, item.summary,
                            item.rating, item.tags, item.date, item.updated, item.unpublished, item.comments,
                            item.readers_average, item.readers_count)).encode())
    for slug, found in sorted((comments or {}).items()):
        digest.update(repr((slug, [(c.id, c.created, c.author, c.body) for c in found])).encode())
    digest.update(b"store" if comments is not None else b"none")
    return digest.hexdigest()


def write_comment_feeds(site_dir: Path, items: list[IndexItem], settings: SiteSettings, found) -> bool:
    """``<slug>.comments.xml`` per essay and ``comments.xml`` for the site; False without a store."""
    if found is None:
        return False
    titles = {i.slug: i.title for i in items}
    pages = {i.slug: i.href for i in items}
    every = []
    for item in items:
        mine = found.get(item.slug, [])
        every.extend(mine)
        write_if_changed(site_dir / f"{item.slug}.comments.xml", comments_feed(
            mine, title=f"Comments on {item.title}", base_url=settings.base_url,
            feed_name=f"{item.slug}.comments.xml", page_of=lambda c: pages[c.essay],
            title_of=lambda c: titles[c.essay], feed_id="comments:" + item.slug))
    every.sort(key=lambda c: (c.created, c.id), reverse=True)
    write_if_changed(site_dir / COMMENTS_FEED_NAME, comments_feed(
        every[:FEED_LIMIT], title=f"Comments on {settings.title}", base_url=settings.base_url,
        feed_name=COMMENTS_FEED_NAME, page_of=lambda c: pages[c.essay], title_of=lambda c: titles[c.essay],
        feed_id="comments:" + settings.title))
    return True
