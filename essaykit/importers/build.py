"""Imported posts → essay notebooks (docs/format.md), written as plain JSON.

The notebooks are built here as plain JSON; only writing them imports
nbformat (seconds at import time), to sign them as trusted for the author
(:mod:`essaykit._trust`). A test validates what we write against nbformat's schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .._files import write_atomic
from ..errors import ImportFormatError
from ..markdown import plain_text, render_markdown
from .model import ImportedPost

COMMENTS_SOURCE = "from essaykit import CommentSection\nCommentSection()"
SUMMARY_CHARS = 200


def _summary(post: ImportedPost) -> str:
    """The post's excerpt, or its first paragraph cut to about 200 characters."""
    if post.summary:
        return post.summary
    for block in post.blocks:
        if block.lstrip().startswith(("#", "-", ">", "```", "|", "[Image")):
            continue
        text = " ".join(plain_text(render_markdown(block)).split())
        if len(text) <= SUMMARY_CHARS:
            return text
        return text[:SUMMARY_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""


def notebook_for(post: ImportedPost, slug: str) -> dict:
    """The essay notebook for ``post`` under ``slug``: text cells, spoiler cells, then the comments cell."""
    cells: list[dict] = []

    def markdown(source: str, **metadata) -> None:
        cells.append({"cell_type": "markdown", "id": f"ek-{len(cells) + 1}", "metadata": metadata, "source": source})

    for block in post.blocks or ([] if post.spoiler_blocks else [""]):
        markdown(block)
    for i, block in enumerate(post.spoiler_blocks):
        if i == 0:
            markdown(block, tags=["spoiler"], essay={"spoiler_label": post.spoiler_label})
        else:
            markdown(block, tags=["spoiler"])
    cells.append({
        "cell_type": "code", "id": "ek-comments", "execution_count": None,
        "metadata": {"tags": ["comments"]}, "outputs": [], "source": COMMENTS_SOURCE,
    })
    essay = {
        "title": post.title, "author": post.author, "date": post.date, "slug": slug,
        "summary": _summary(post), "tags": list(post.tags), "url": post.url, "source": dict(post.source),
    }
    if post.rating is not None:
        essay["rating"] = post.rating
    if post.draft:
        essay["draft"] = True
    return {
        "nbformat": 4, "nbformat_minor": 5, "cells": cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "essay": essay,
        },
    }


def link_key(url: str) -> str:
    """A post's address for matching: no scheme, no ``www.``, no query or fragment, no trailing ``/``."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".lower()


def source_key(source: dict) -> tuple[str, str, str]:
    """What makes two imports the same essay: the kind, the site (or file) and the source id."""
    return (str(source.get("kind", "")), str(source.get("site") or source.get("file", "")), str(source.get("id", "")))


@dataclass
class Existing:
    """An essay notebook already in the output folder."""

    path: Path
    slug: str


class Folder:
    """The output folder: which slugs are taken and which sources were imported before."""

    def __init__(self, root: Path):
        self.root = root
        self.by_source: dict[tuple[str, str, str], Existing] = {}
        self.by_link: dict[str, Existing] = {}
        self.by_slug: dict[str, Existing] = {}
        self.taken: set[str] = set()
        if root.is_dir():
            for path in sorted(root.glob("*.ipynb")):
                self.taken.add(path.stem)
                essay = self._essay_meta(path)
                slug = essay.get("slug") if isinstance(essay.get("slug"), str) else path.stem
                self.taken.add(slug)
                source = essay.get("source")
                if isinstance(source, dict):
                    self.by_source.setdefault(source_key(source), Existing(path, slug))
                self.by_slug.setdefault(slug, Existing(path, slug))
                if isinstance(essay.get("url"), str) and essay["url"]:
                    self.by_link.setdefault(link_key(essay["url"]), Existing(path, slug))

    @staticmethod
    def _essay_meta(path: Path) -> dict:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return {}  # not ours to judge here; its name still counts as taken
        meta = data.get("metadata", {}) if isinstance(data, dict) else {}
        essay = meta.get("essay") if isinstance(meta, dict) else None
        return essay if isinstance(essay, dict) else {}

    def find(self, link: str, slugs: list[str]) -> Existing | None:
        """The essay whose ``essay.url`` is ``link`` (scheme, ``www.``, query and trailing ``/`` aside), else by slug."""
        if link and (found := self.by_link.get(link_key(link))) is not None:
            return found
        return next((self.by_slug[s] for s in slugs if s in self.by_slug), None)

    def claim(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``… if it is taken; the result is then taken."""
        slug, n = wanted, 1
        while slug in self.taken:
            n += 1
            slug = f"{wanted[:76]}-{n}"
        self.taken.add(slug)
        return slug


def write_notebook(path: Path, notebook: dict, *, overwrite: bool) -> None:
    """Write ``notebook`` to ``path`` atomically; an existing file is kept unless ``overwrite``."""
    from .._trust import sign_trusted

    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    sign_trusted(notebook)  # the author is importing their own posts
    try:
        write_atomic(path, text, overwrite=overwrite, error=ImportFormatError, hint="choose another folder with -o")
    except FileExistsError:
        raise ImportFormatError(f"{path}: already exists; use --force to overwrite it") from None
