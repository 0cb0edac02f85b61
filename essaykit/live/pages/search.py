"""The search on ``essaykit serve``'s index: the static site's own (:mod:`essaykit.exports.search`),
its index written for the served folder into a folder of the server's and served at ``search/``.

The index is written again only when the published essays change (a notebook added, edited,
removed or published), so a page view writes nothing in the steady state, and the records hold
only what a reader sees before revealing anything, as on the site.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import tornado.web

from ...exports.page import render_body
from ...exports.search import SEARCH_DIR, write_search_index, write_search_record


@dataclass(frozen=True)
class _Entry:
    """One essay as write_search_index lists it (the site's IndexItem fields it reads)."""

    slug: str
    href: str
    title: str
    date: str
    tags: tuple
    summary: str
    unpublished: str = ""


class ServeSearch:
    """The search index of the essays one ``essaykit serve`` lists."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="essaykit-search-")
        self.root = Path(self._folder.name)
        self._lock = threading.Lock()
        self._indexed: tuple = ()

    @property
    def files(self) -> Path:
        return self.root / SEARCH_DIR

    def update(self, items) -> None:
        """Index ``items`` (the index page's SiteEssays, newest first) unless they are what is indexed."""
        key = tuple((item.name, id(item.essay)) for item in items)
        with self._lock:
            if key == self._indexed:
                return
            entries = []
            for item in items:
                meta, href = item.essay.meta, f"voila/render/{quote(item.name)}"
                if not meta.unpublished():  # drafts listed with --drafts are never indexed, as on the site
                    write_search_record(self.root, meta.slug, meta.title, render_body(item.essay), href)
                entries.append(_Entry(meta.slug, href, meta.title, meta.date, meta.tags, meta.summary,
                                      meta.unpublished()))
            write_search_index(self.root, entries)
            self._indexed = key


class SearchFilesHandler(tornado.web.StaticFileHandler):
    """The index's files; revalidated on every load, since they change with the folder."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")
