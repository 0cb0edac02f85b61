"""Read a Ghost export (Ghost Admin → Settings → Import/Export → Export content: one JSON file).

The file is ``{"db": [{"meta": {...}, "data": {"posts": [...], "tags": [...],
"posts_tags": [...], "users": [...], "posts_authors": [...]}}]}`` (Ghost 1 to
5; a file without the ``db`` wrapper is read too). Each published post or
page becomes an essay: ``title``, ``slug``, ``published_at``, ``custom_excerpt``,
``canonical_url``, ``feature_image``, its authors (``posts_authors`` → ``users``,
else the old ``author_id``) and its public tags (``posts_tags`` → ``tags``; Ghost's
internal ``#tags`` are left out). The content is ``html``; a post with only
its editor document (Lexical or Mobiledoc) is drawn by :mod:`.ghost_content`.

Ghost's own comments are not in this export (Ghost keeps them apart and has
no export for them), so no comment is imported. The whole file is parsed at
once (JSON has no streaming reader in the standard library), so its size is
capped first.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import BinaryIO

from .._words import plural
from .ghost_content import document_html
from .htmlmd import plain_text
from .model import Failed, ImportedPost, Outcome, Skipped
from .names import short_hash
from .post_parts import explain_post, post_date, post_parts

MAX_GHOST_BYTES = 256 * 1024 * 1024  # Ghost's JSON holds text only: 10,000 long posts are well under this
_PUBLIC = {"public", "", None}
_NOT_YET = {"draft", "scheduled"}
_SITE_URL = "__GHOST_URL__"  # Ghost 4+ writes this for the site's own address, which the export does not give
_AGAIN = "export it again from Ghost Admin (Settings → Import/Export → Export content)"


def _rows(tables: dict, name: str) -> list[dict]:
    rows = tables.get(name)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return value.strip() if isinstance(value, str) else ""


def _order(row: dict) -> int:
    return row.get("sort_order") if isinstance(row.get("sort_order"), int) else 0


class _Export:
    """The tables of one Ghost export, joined for posts."""

    def __init__(self, path: Path, tables: dict, label: str = ""):
        self.path = path
        self.label = label or path.name
        self.posts = _rows(tables, "posts")
        users = {_text(u, "id"): _text(u, "name") or _text(u, "slug") for u in _rows(tables, "users")}
        tags = {_text(t, "id"): t for t in _rows(tables, "tags")}
        self.authors: dict[str, list[str]] = {}
        for link in sorted(_rows(tables, "posts_authors"), key=_order):
            name = users.get(_text(link, "author_id"), "")
            if name:
                self.authors.setdefault(_text(link, "post_id"), []).append(name)
        self.users = users
        self.tags: dict[str, list[str]] = {}
        for link in sorted(_rows(tables, "posts_tags"), key=_order):
            tag = tags.get(_text(link, "tag_id"))
            name = plain_text(_text(tag, "name")) if tag else ""
            if name and not name.startswith("#") and tag.get("visibility") != "internal":
                self.tags.setdefault(_text(link, "post_id"), []).append(name)

    def outcomes(self) -> Iterator[Outcome]:
        for n, row in enumerate(self.posts, 1):
            kind = _text(row, "type") or ("page" if row.get("page") in (1, True) else "post")
            title = plain_text(_text(row, "title"))
            where = f"{self.label}: post {n}" + (f" {title[:60]!r}" if title else "") + f" ({kind} {_text(row, 'id') or '?'})"
            status = _text(row, "status") or "published"
            if kind not in ("post", "page"):
                continue
            if status in _NOT_YET:
                yield Skipped(where, f"{status} {kind}, not published; publish it in Ghost and export again to import it")
            elif status != "published":
                yield Skipped(where, f"{status} {kind} (sent by email only, or not public); not imported")
            else:
                try:
                    yield self.post(row, kind, title, where)
                except (ValueError, LookupError, TypeError) as exc:
                    yield Failed(where, f"cannot convert this {kind}: {exc}")

    def post(self, row: dict, kind: str, title: str, where: str) -> ImportedPost:
        notes: list[str] = []
        date = post_date(_text(row, "published_at"), _text(row, "created_at"), notes=notes)
        html = row.get("html") if isinstance(row.get("html"), str) else ""
        if not html.strip():
            drawn = document_html(row, notes)
            if drawn is None and _text(row, "markdown"):  # Ghost 0.x kept Markdown itself
                from ..markdown import render_markdown

                drawn = render_markdown(_text(row, "markdown"))
            html = drawn or ""
        if row.get("feature_image"):
            src, alt = escape(_text(row, "feature_image")), escape(_text(row, "feature_image_alt"))
            html = f'<figure><img src="{src}" alt="{alt}"></figure>' + html
        if _SITE_URL in html:
            html = html.replace(_SITE_URL, "")
            notes.append("links to the Ghost site's own pages and images are relative (/content/images/…): "
                         "the export does not say the site's address")
        url = _text(row, "canonical_url")
        url = url if url.startswith(("http://", "https://")) else ""
        post_id = _text(row, "id")
        # Not against canonical_url: it names where the post first appeared, often another site.
        parts = post_parts(title, _text(row, "slug"), date, html, base_url="", number=post_id or title, notes=notes)
        visibility = row.get("visibility")
        if visibility not in _PUBLIC:
            notes.append(f"for members only in Ghost (visibility {visibility!r}); essaykit has no paywall, so this "
                         "essay is public once served: delete its notebook if it should not be")
        authors = self.authors.get(post_id) or [self.users.get(_text(row, "author_id"), "")]
        post = ImportedPost(
            where=where, title=parts.title, slug=parts.slug, author=", ".join(a for a in authors if a), date=date,
            summary=plain_text(_text(row, "custom_excerpt"))[:500], url=url, tags=self.tags.get(post_id, []),
            blocks=parts.blocks, spoiler_label=parts.spoiler_label, spoiler_blocks=parts.spoiler_blocks, notes=notes,
            # A uuid is unique across every Ghost site, so the key needs no site address (the export has none):
            # a newer export of the same site, whatever its file name, finds the essays it made before.
            source={"kind": "ghost", "file": self.path.name, "id": _text(row, "uuid") or post_id or parts.slug,
                    "site": "ghost"},
            comment_prefix=f"ghost-{short_hash(_text(row, 'uuid') or self.path.name)}",
            found=[", ".join(what for what, there in (("title", title), ("date", date), ("author", any(authors)),
                                                    ("tags", post_id in self.tags)) if there)
                   + f"{', ' if title or date else ''}{plural(len(parts.blocks) + len(parts.spoiler_blocks), 'cell')}; "
                   "Ghost's own comments are not in its export"],
        )
        explain_post(post)
        return post


def _tables(data) -> dict | None:
    """The ``data`` tables of a Ghost export, with or without the ``db`` wrapper."""
    if isinstance(data, dict) and isinstance(data.get("db"), list) and data["db"]:
        data = data["db"][0]
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        return data["data"]
    return None


def read_ghost(path: Path, *, opener: Callable[[], BinaryIO] | None = None, name: str = "") -> Iterator[Outcome]:
    """One outcome per post or page of the Ghost export at ``path``.

    ``opener`` and ``name`` read a member of an export instead (a ZIP with ``content/images/``: :mod:`.exports`).
    """
    path = Path(path)
    label = name or path.name
    try:
        size = path.stat().st_size if opener is None else 0
        with (opener or (lambda: open(path, "rb")))() as fh:
            raw = fh.read(MAX_GHOST_BYTES + 1) if size <= MAX_GHOST_BYTES else b""
        size = max(size, len(raw))
        if size > MAX_GHOST_BYTES:
            yield Failed(label, f"is {size / 2**20:,.0f} MiB or more; a Ghost export over {MAX_GHOST_BYTES // 2**20} "
                         "MiB is not read (it is parsed whole); is this really a Ghost export?")
            return
        data = json.loads(raw.decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        yield Failed(label, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; the file is "
                     f"damaged or truncated, {_AGAIN}")
        return
    except UnicodeDecodeError as exc:
        yield Failed(label, f"byte {exc.start:,} is not UTF-8 (Ghost writes UTF-8); {_AGAIN}")
        return
    except RecursionError:
        yield Failed(label, "JSON nested too deeply to read; a Ghost export is a few levels deep, so this is not one")
        return
    except OSError as exc:
        yield Failed(label, f"cannot read: {exc.strerror or exc}")
        return
    tables = _tables(data)
    if tables is None or not isinstance(tables.get("posts"), list):
        yield Failed(label, 'no "db" → "data" → "posts" in it, so not a Ghost export; in Ghost Admin use '
                     "Settings → Import/Export → Export content")
        return
    yield from _Export(path, tables, label).outcomes()
