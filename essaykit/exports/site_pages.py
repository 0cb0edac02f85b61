"""The site's pages beyond the index and tag pages: the archive by year and month,
the 404 page, and what crawlers read (``sitemap.xml``, ``robots.txt``).

:func:`essaykit.exports.site.build_site` writes them with the index, from the
same list of :class:`~.site_index.IndexItem` (newest first), rewriting a file
only when its text changed.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from .page import tag_slug
from .settings import SiteSettings
from .site_index import TAGS_DIR, IndexItem, render_index, write_if_changed
from .sitemap import ROBOTS_NAME, SITEMAP_NAME, robots_txt, sitemap_xml

ARCHIVE_NAME = "archive.html"
NOT_FOUND_NAME = "404.html"


def render_archive(items: list[IndexItem], settings: SiteSettings, api: str = "") -> str:
    """Every essay under its year and month, newest first; undated essays last."""
    dated = [i for i in items if i.published is not None]
    years = [(year, [(month, list(listed)) for month, listed in groupby(group, key=lambda i: i.published.strftime("%B"))])
             for year, group in groupby(dated, key=lambda i: i.published.year)]
    return render_index(items, title=f"Archive · {settings.title}", heading="Archive", base_url=settings.base_url,
                        settings=settings, api=api, path=ARCHIVE_NAME, template="archive.html.j2", years=years,
                        undated=[i for i in items if i.published is None])


def render_not_found(settings: SiteSettings) -> str:
    # Shown at whatever address was asked for, so its links must not be relative when they can be absolute.
    return render_index([], title=f"Page not found · {settings.title}", heading="Page not found",
                        base_url=settings.base_url, settings=settings, root=settings.base_url, path=None,
                        feed=settings.base_url + "feed.xml", template="404.html.j2")


def sitemap_urls(items: list[IndexItem], base_url: str) -> list[tuple[str, object]]:
    """The published essays, the index, the archive and the tag pages, with when each last changed."""
    listed = [i for i in items if not i.unpublished]
    newest = max((i.modified or i.updated for i in listed), default=None)
    urls = [(base_url, newest), (base_url + ARCHIVE_NAME, newest)]
    urls += [(i.absolute_url, i.modified or i.updated) for i in listed if i.absolute_url.startswith(base_url)]
    tags: dict[str, object] = {}
    for item in listed:
        for tag in item.tags:
            when = item.modified or item.updated
            slug = tag_slug(tag)
            tags[slug] = max(tags.get(slug, when), when)
    urls += [(f"{base_url}{TAGS_DIR}/{slug}/", when) for slug, when in sorted(tags.items())]
    return urls


def write_site_pages(site_dir: Path, items: list[IndexItem], settings: SiteSettings, api: str = "") -> None:
    """``archive.html``, ``404.html``, ``robots.txt`` and, with a base URL, ``sitemap.xml``."""
    write_if_changed(site_dir / ARCHIVE_NAME, render_archive(items, settings, api))
    write_if_changed(site_dir / NOT_FOUND_NAME, render_not_found(settings))
    write_if_changed(site_dir / ROBOTS_NAME, robots_txt(settings.base_url))
    if settings.base_url:
        write_if_changed(site_dir / SITEMAP_NAME, sitemap_xml(sitemap_urls(items, settings.base_url)))
    else:
        (site_dir / SITEMAP_NAME).unlink(missing_ok=True)
