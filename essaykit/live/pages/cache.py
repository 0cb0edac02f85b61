"""Rendered essay pages, kept until the notebook, its comments or its ratings change.

A page view must cost no kernel and little CPU: ``essaykit serve`` renders an
essay's page once and answers every GET from this cache. An entry is keyed on

* the notebook file's modification time and size (one ``stat``), and
* the comment store's version (:meth:`essaykit.live.api.service.CommentApi.version`:
  a counter that database triggers raise in the same transaction as every
  change to comments and ratings, read with one primary-key lookup per view,
  so several servers on one database see each other's writes at once: a
  comment approved through one server is in the next page another serves).

What differs between readers is left as holes in the cached page: the comment
section (a reader's own comments awaiting moderation, their remembered name)
and the rating (their own stars). A reader with none of those, such as every
new reader, gets the holes from the cache too; the others get just those
sections rendered for them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ...essay import check_essay
from .site import SiteEssay

log = logging.getLogger("essaykit.live")

_HOLE = "\x00ek-hole-{}\x00"


@dataclass
class CachedPage:
    parts: list  # str, or int: the cell index of an own widget whose markup depends on the reader
    holes: dict  # cell index -> the markup for a reader with no state of their own
    item: object  # the SiteEssay it was rendered from
    live: bool = False  # the essay has live code (its page's script asks for a kernel)


class PageCache:
    """Pages of the essays of one server, rendered on first request and after each change."""

    def __init__(self, site, api, *, size: int = 64):
        self.site = site
        self.api = api
        self.size = size
        self._pages: OrderedDict = OrderedDict()
        self._stats: dict = {}
        self._lock = threading.Lock()
        self.renders = 0

    def current(self, item):
        """``item``, re-read from its notebook when the file changed since it was loaded."""
        try:
            stat = item.path.stat()
        except OSError:
            return item, None
        mark = (stat.st_mtime_ns, stat.st_size)
        known = self._stats.get(item.path)
        if known is None:
            self._stats[item.path] = mark
        elif known != mark:
            item = self._reload(item) or item
            self._stats[item.path] = mark
        return item, mark

    def _reload(self, item):
        try:
            essay, problems = check_essay(item.path)
        except Exception as exc:  # a half-written file: keep serving what we had
            log.warning("%s changed but cannot be read (%s); serving the previous version", item.path, exc)
            return None
        if essay is None:
            log.warning("%s changed but has problems; serving the previous version: %s", item.path,
                        "; ".join(str(p) for p in problems))
            return None
        fresh = SiteEssay(item.name, item.path, essay)
        self.site.essays[item.name] = fresh
        log.info("%s changed; its page is rendered again", item.path.name)
        return fresh

    def version(self) -> str:
        try:
            return self.api.version()
        except Exception as exc:  # a broken database: pages still show (their sections say so)
            log.warning("comment store version unavailable: %s", exc)
            return "unavailable"

    def page(self, item, *, base_url: str, render) -> CachedPage:
        """The cached page of ``item`` (``render(item, holes)`` makes it, as (html, has live code), when missing or stale)."""
        item, mark = self.current(item)
        key = (str(item.path), mark, self.version(), base_url)
        with self._lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
                return hit
        holes: dict = {}
        html, live = render(item, holes)
        parts: list = []
        rest = html
        for index in sorted(holes, key=lambda i: html.find(_HOLE.format(i))):
            marker = _HOLE.format(index)
            before, found, rest = rest.partition(marker)
            parts.append(before)
            if found:
                parts.append(index)
        parts.append(rest)
        entry = CachedPage(parts=parts, holes=holes, item=item, live=live)
        with self._lock:
            self.renders += 1
            # Older versions of this essay's page are dead: drop them.
            for old in [k for k in self._pages if k[0] == key[0] and k[3] == base_url]:
                del self._pages[old]
            self._pages[key] = entry
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return entry


def hole(index: int) -> str:
    return _HOLE.format(index)
