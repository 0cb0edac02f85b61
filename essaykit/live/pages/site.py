"""The essays one ``essaykit serve`` publishes, and the only files it will send.

A site is one notebook, or the ``.ipynb`` files directly inside one folder
(not hidden, not in subfolders). Every essay is checked when the server starts:
a single notebook with problems is an error; in a folder, a broken essay is
left out and reported. The only other files served are *assets*: local images
the essays' Markdown shows (``![poster](poster.png)``), inside the folder.
"""

from __future__ import annotations

import functools
import html
import re
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
    """The published essays of one server. ``single`` is True when serving one notebook."""

    root: Path
    essays: dict[str, SiteEssay]
    single: bool
    skipped: list[Problem] = field(default_factory=list)

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
        root = target.resolve()
        essays: dict[str, SiteEssay] = {}
        skipped: list[Problem] = []
        slugs: dict[str, str] = {}
        for path in notebooks_in(root):
            try:
                essay, problems = check_essay(path)
            except EssayError as exc:
                skipped.append(Problem(str(path), str(exc).removeprefix(f"{path}: ")))
                continue
            if essay is None:
                skipped.extend(problems)
                continue
            if essay.meta.slug in slugs:
                skipped.append(Problem(str(path), f"slug {essay.meta.slug!r} is already used by {slugs[essay.meta.slug]}; "
                                                  "give one of them another essay.slug"))
                continue
            slugs[essay.meta.slug] = path.name
            essays[path.name] = SiteEssay(path.name, path, essay)
        if not essays:
            reason = f" ({len(skipped)} notebook(s) have problems; run `essaykit check {target}`)" if skipped else ""
            raise EssayError(f"{target}: no essays to serve{reason}")
        return cls(root, essays, single=False, skipped=skipped)

    def by_slug(self, slug: str) -> SiteEssay | None:
        """The essay with this slug, or None."""
        for item in self.essays.values():
            if item.slug == slug:
                return item
        return None

    def find(self, name: str | None) -> SiteEssay | None:
        """The essay published under ``name`` (its file name), or None."""
        return self.essays.get(name or "")

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
