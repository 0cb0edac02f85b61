"""The essays one ``essaykit serve`` publishes, and the only files it will send.

A site is one notebook, or the ``.ipynb`` files directly inside one folder
(not hidden, not in subfolders). Every essay is checked when the server starts:
a single notebook with problems is an error; in a folder, a broken essay is
left out and reported, and the folder is read again as it changes
(:meth:`EssaySite.refresh`). The only other files served are *assets*: local images
the essays' Markdown shows (``![poster](poster.png)``), inside the folder.
"""

from __future__ import annotations

import functools
import html
import logging
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...errors import EssayError
from ...essay import Essay, Problem, check_essay, notebooks_in
from ...widgets._recognize import essay_widgets

ASSET_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml",
}
# An SVG opened on its own is a document that could run script on this origin: it gets none.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.I)
log = logging.getLogger("essaykit.live")


@dataclass(frozen=True)
class SiteEssay:
    """One published essay: ``name`` is its file name, which is also its URL part."""

    name: str
    path: Path
    essay: Essay

    @property
    def slug(self) -> str:
        return self.essay.meta.slug

    @functools.cached_property
    def widgets(self) -> dict:
        """Cell index → the essaykit comment or rating widget that cell only shows (see :mod:`essaykit.widgets._recognize`)."""
        return essay_widgets(self.essay)

    @property
    def rating_scale(self) -> int:
        """The scale readers rate on: the essay's ``Rating(scale=…)``, else 5."""
        for call in self.widgets.values():
            if call.name == "Rating":
                return int(call.args.get("scale", 5))
        return 5


@dataclass
class EssaySite:
    """The published essays of one server. ``single`` is True when serving one notebook.

    A folder is read again when readers could notice a change (see :meth:`refresh`):
    notebooks added, renamed or removed while the server runs are picked up without a
    restart, and so is a draft that became published.
    """

    root: Path
    essays: dict[str, SiteEssay]
    single: bool
    skipped: list[Problem] = field(default_factory=list)
    _checked: dict = field(default_factory=dict, repr=False)  # path -> (stat mark, essay or None, problems)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def discover(cls, target: str | Path) -> "EssaySite":
        """Check the notebook or folder ``target``; raise :class:`EssayError` if nothing can be served."""
        target = Path(target)
        if not target.exists():
            raise EssayError(f"{target}: no such file or folder; give an essay notebook or a folder of them")
        if target.is_file():
            if target.suffix != ".ipynb":
                raise EssayError(f"{target}: not a notebook (.ipynb); give an essay notebook or a folder of them")
            essay, problems = check_essay(target)
            if essay is None:
                raise EssayError("\n".join(str(p) for p in problems))
            root = target.resolve().parent
            return cls(root, {target.name: SiteEssay(target.name, target.resolve(), essay)}, single=True)
        site = cls(target.resolve(), {}, single=False)
        site.refresh()
        if not site.essays:
            reason = (f" ({len(site.skipped)} notebook(s) have problems; run `essaykit check {target}`)"
                      if site.skipped else "")
            raise EssayError(f"{target}: no essays to serve{reason}")
        return site

    def refresh(self) -> None:
        """Read the folder again: one listing and one ``stat`` per notebook; only new or changed
        notebooks are checked again. A notebook that turns bad is left out and logged."""
        if self.single:
            return
        with self._lock:
            essays: dict[str, SiteEssay] = {}
            skipped: list[Problem] = []
            slugs: dict[str, str] = {}
            checked: dict = {}
            for path in notebooks_in(self.root):
                checked[path] = self._check(path)
                _, essay, problems = checked[path]
                if essay is not None and essay.meta.slug in slugs:
                    essay, problems = None, [Problem(str(path), f"slug {essay.meta.slug!r} is already used by "
                                                                f"{slugs[essay.meta.slug]}; give one of them another "
                                                                "essay.slug")]
                if essay is None:
                    skipped.extend(problems)
                    continue
                slugs[essay.meta.slug] = path.name
                known = self.essays.get(path.name)
                essays[path.name] = known if known is not None and known.essay is essay else SiteEssay(
                    path.name, path, essay)
            if self._checked:  # not at start-up, where serve prints the skipped ones itself
                for name in essays.keys() - self.essays.keys():
                    log.info("now serving %s", name)
                for name in self.essays.keys() - essays.keys():
                    log.info("no longer serving %s", name)
                for problem in skipped:
                    if problem not in self.skipped:
                        log.warning("not serving %s", problem)
            self.essays, self.skipped, self._checked = essays, skipped, checked
            self.__dict__.pop("_assets", None)

    def _check(self, path: Path) -> tuple:
        """``(mark, essay or None, problems)`` for ``path``, from the last check while the file is unchanged."""
        try:
            stat = path.stat()
        except OSError:
            return None, None, [Problem(str(path), "removed while being read")]
        mark = (stat.st_mtime_ns, stat.st_size)
        known = self._checked.get(path)
        if known is not None and known[0] == mark:
            return known
        try:
            essay, problems = check_essay(path)
        except EssayError as exc:
            essay, problems = None, [Problem(str(path), str(exc).removeprefix(f"{path}: "))]
        return mark, essay, problems

    def by_slug(self, slug: str) -> SiteEssay | None:
        """The essay with this slug, or None."""
        for item in self.essays.values():
            if item.slug == slug:
                return item
        return None

    def find(self, name: str | None) -> SiteEssay | None:
        """The essay published under ``name`` (its file name), or None.

        A name the folder gained or lost since the last look makes it read again, so a new
        notebook answers at once and a removed one is a 404 (one ``stat`` per request)."""
        item = self.essays.get(name or "")
        if self.single or not name or "/" in name or name.startswith(".") or not name.endswith(".ipynb"):
            return item
        present = (self.root / name).is_file()
        if (item is None) == present:
            self.refresh()
            item = self.essays.get(name)
        return item if present else None

    @functools.cached_property
    def _assets(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for item in self.essays.values():
            for block in item.essay.text_blocks:
                for src in _IMG_SRC.findall(block.html):
                    rel = _local_path(html.unescape(src))
                    if rel is None:
                        continue
                    path = (self.root / rel).resolve()
                    if path.is_relative_to(self.root) and path.suffix.lower() in ASSET_TYPES and path.is_file():
                        found[path.relative_to(self.root).as_posix()] = path
        return found

    def asset(self, name: str) -> Path | None:
        """The file for asset URL part ``name`` if an essay shows it, else None."""
        rel = _local_path(name)
        return self._assets.get(rel) if rel is not None else None


def _local_path(src: str) -> str | None:
    """``src`` as a clean relative path inside the site, or None (remote, absolute, or climbing out)."""
    if _CONTROL.search(src):  # urlsplit would quietly strip some of them
        return None
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    segments = [s for s in unquote(parts.path).replace("\\", "/").split("/") if s not in ("", ".")]
    if not segments or any(s == ".." or s.startswith(".") for s in segments):
        return None
    return "/".join(segments)
