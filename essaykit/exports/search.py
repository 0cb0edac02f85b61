"""The site's search: a small word index written as script files, searched in the reader's browser.

Why not Pagefind (the usual static-site search)? Its index and WebAssembly are
fetched with ``fetch()`` and ``import()``, which Chromium refuses for pages opened
from ``file://``; an essaykit site must work offline from a folder. Classic
``<script src>`` files load from anywhere, so the index is written as those:

- ``search/docs.js``: per essay its address, title, date, tags and summary;
- ``search/w-<key>.js``: the words whose first two letters make ``<key>``, each
  with the essays that contain it and how often, so a query loads only the
  few shards its words need;
- ``search/text/<slug>.js``: an essay's text, loaded for the results shown, for excerpts;
- ``search/search.js``: the search box's script, which every page of the site loads.

What is indexed is what a reader sees before revealing anything: spoilers are
taken out of the text (:func:`essaykit.spoilers.spoiler_free_html`) and
``||spoilers||`` out of titles and summaries, and drafts and scheduled essays
are never indexed, even in a ``--drafts`` build. :func:`write_search_record`
runs in the worker that builds a page and leaves the essay's words in
``.essaykit/search/<slug>.json``; :func:`write_search_index` merges the
records of the listed essays, so an incremental build re-reads nothing else.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

from .._files import write_atomic
from ..html import asset
from ..markdown import plain_text
from ..spoilers import spoiler_free_html, spoiler_free_text
from .site_index import write_if_changed

SEARCH_DIR = "search"
SCRIPT_NAME = "search.js"  # the reader's side, from the template folder, written beside the index
RECORDS_DIR = ".essaykit/search"
_WORD = re.compile(r"[^\W_]+")
_HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.S | re.I)
_SPACE = re.compile(r"\s+")
MAX_TEXT_CHARS = 100_000  # an essay's text kept for excerpts; words past it are still indexed


def words(text: str) -> list[str]:
    """Lower case, accents dropped, split on what is not a letter or digit (search.js does the same)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.category(c).startswith("M"))
    return _WORD.findall(folded)


def shard_key(word: str) -> str:
    """The file a word's postings go in: its first two characters, spelled safely for a file name."""
    return "".join(c if "a" <= c <= "z" or "0" <= c <= "9" else f"u{ord(c):x}" for c in word[:2])


def _js(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Escaped as in any inline JSON: the file is a script, and "</" or U+2028 must mean nothing to it.
    payload = payload.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.ekSearchData=window.ekSearchData||{{}})[{json.dumps(name)}]={payload};\n"


def write_search_record(site_dir: Path, slug: str, title: str, body_html: str, page: str) -> None:
    """The essay's visible words (no spoiler's), for :func:`write_search_index`."""
    text = _SPACE.sub(" ", plain_text(_HIDDEN.sub(" ", spoiler_free_html(body_html, page)))).strip()
    record = {"text": text, "counts": Counter(words(spoiler_free_text(title)) * 3 + words(text))}
    write_atomic(site_dir / RECORDS_DIR / f"{slug}.json", json.dumps(record, ensure_ascii=False))


def remove_search_record(site_dir: Path, slug: str) -> None:
    (site_dir / RECORDS_DIR / f"{slug}.json").unlink(missing_ok=True)


def write_search_index(site_dir: Path, items) -> int:
    """``search/`` for the published ``items`` (newest first); returns the bytes written.

    Shards are rewritten only when their text changed, and shards no longer used are removed."""
    docs, shards, texts = [], {}, {}
    for item in items:
        if item.unpublished:
            continue
        try:
            record = json.loads((site_dir / RECORDS_DIR / f"{item.slug}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # built before search existed, or failed: indexed on its next build
        n = len(docs)
        docs.append([item.href, spoiler_free_text(item.title), item.date, list(item.tags),
                     spoiler_free_text(item.summary), item.slug])
        for word, count in record["counts"].items():
            shards.setdefault(shard_key(word), {}).setdefault(word, []).extend((n, count))
        texts[item.slug] = record["text"][:MAX_TEXT_CHARS]
    out = site_dir / SEARCH_DIR
    files = {"docs.js": _js("docs", {"docs": docs, "keys": sorted(shards)}), SCRIPT_NAME: asset(SCRIPT_NAME)}
    files.update({f"w-{key}.js": _js("w-" + key, postings) for key, postings in shards.items()})
    files.update({f"text/{slug}.js": _js("text/" + slug, text) for slug, text in texts.items()})
    for name, text in files.items():
        write_if_changed(out / name, text)
    for path in list(out.rglob("*.js")) if out.is_dir() else []:
        if path.relative_to(out).as_posix() not in files:
            path.unlink()
    if (out / "text").is_dir() and not any((out / "text").iterdir()):
        shutil.rmtree(out / "text")
    return sum(len(t.encode()) for t in files.values())
