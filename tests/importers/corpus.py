"""Measuring the importers against the reference corpus (fixtures/corpus/expected.json), page by page.

Per page: title, author and date right or not, body recall and precision
(as word multisets against the reference article), comments found against
comments visible, and approved comments invented (target: none). Used by
tests/importers/test_corpus.py and bench/import.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
_WORD = re.compile(r"\w+")


def expected() -> dict[str, dict]:
    return json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def _words(text: str) -> Counter:
    return Counter(w.casefold() for w in _WORD.findall(text))


@dataclass
class Score:
    name: str
    title: bool
    author: bool
    date: bool
    recall: float
    precision: float
    visible: int
    found: int
    invented_approved: int
    by_author_right: bool


def score(name: str, post, want: dict) -> Score:
    """How ``post`` (an ImportedPost) compares with the reference ``want``."""
    got_body = _words("\n".join(post.blocks + post.spoiler_blocks).replace("\\", ""))
    ref_body = _words(want["body"])
    common = sum((got_body & ref_body).values())
    comments = [c for c in post.comments if c.kind == "comment"]
    visible = {(a, d) for a, d, _ in want["comments"]}
    matched = [c for c in comments if (c.author, c.created.isoformat()[:10] if c.created else post.date[:10]) in visible]
    invented = [c for c in comments if c.status == "approved" and c not in matched]
    badges = {a: b for a, _, b in want["comments"]}
    return Score(
        name=name, title=post.title == want["title"], author=post.author == want["author"],
        date=post.date[:10] == want["date"], recall=common / max(1, sum(ref_body.values())),
        precision=common / max(1, sum(got_body.values())), visible=len(visible), found=len(matched),
        invented_approved=len(invented),
        by_author_right=all(c.by_author == badges.get(c.author, False) for c in matched),
    )


def read(path: Path):
    """The one post the importer reads from ``path`` (a saved page or a text copy)."""
    from essaykit.importers.detect import detect_format
    from essaykit.importers.html_page import read_html_page
    from essaykit.importers.text import read_text_copy

    reader = read_html_page if detect_format(path) == "html" else read_text_copy
    [post] = reader(path)
    return post


def scores() -> list[Score]:
    return [score(name, read(CORPUS / name), want) for name, want in sorted(expected().items())]
