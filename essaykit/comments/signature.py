"""The name an author's reply is signed with, when the author does not give one.

In order: the essay's own ``essay.author``, else the site's ``[site] author`` in
``essaykit.toml``. Never the operating system's user name: in a container that
is "root", and readers would see it under the "Author" badge.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from ..essay import notebooks_in
from ..db.engine import SITE_FILE, site_folder


def _folders(start: Path) -> list[Path]:
    """Where an essay's notebook may be: the folder, the site's top and the folders right below it."""
    top = site_folder(start)
    below = sorted(p for p in top.iterdir() if p.is_dir() and not p.name.startswith(".")) if top.is_dir() else []
    return list(dict.fromkeys([start.resolve(), top, *below]))


def essay_author(slug: str, start: str | os.PathLike | None = None) -> str:
    """``essay.author`` of the notebook whose slug is ``slug``, or "" when none is found."""
    for folder in _folders(Path(start or Path.cwd())):
        for path in notebooks_in(folder):
            try:
                meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("essay", {})
            except (OSError, ValueError, AttributeError):
                continue  # not an essay; `essaykit check` says what is wrong with it
            if isinstance(meta, dict) and (meta.get("slug") or path.stem) == slug:
                author = meta.get("author")
                return author.strip() if isinstance(author, str) else ""
    return ""


def site_author(start: str | os.PathLike | None = None) -> str:
    """``[site] author`` of the site's ``essaykit.toml``, or ""."""
    try:
        data = tomllib.loads((site_folder(start) / SITE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""  # `essaykit build` reports a broken settings file, naming the key
    author = data.get("site", {}).get("author") if isinstance(data.get("site"), dict) else None
    return author.strip() if isinstance(author, str) else ""


def reply_name(slug: str, start: str | os.PathLike | None = None) -> str:
    """The essay's author, else the site's, else ""."""
    return essay_author(slug, start) or site_author(start)
