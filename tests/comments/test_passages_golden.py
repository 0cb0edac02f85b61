"""The page a set of comments on passages renders, byte for byte (issue 24's benchmark work).

What a page render remembers (placements, notes, marks, whole paragraphs) must never change what it shows:
this renders a varied set — two comments on one passage, overlapping passages, a passage across an
emphasis and one with an entity, passages in an inline spoiler and in a spoiler block, a changed passage,
a moved one, orphans (one made in a spoiler), a paragraph comment, one in a list item, a reply and plain
comments, and the audit's cases (passages crossing each other across a link, a formula and code, one in a
table, passages starting or ending inside an inline spoiler, a paragraph a spoiler touches) — through a sequence of page views that share what is remembered (one more comment, one fewer, an
edited essay, back again), and compares the body, the thread, the labels and the API's anchors of each with
``golden/passages.txt``, written by the renderer before any of it was remembered per paragraph (main's, after the audit).

To write the golden file anew after a deliberate change to the markup:
``.venv/bin/python tests/comments/test_passages_golden.py`` (then read its diff).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from essaykit.comments.anchor import Anchor  # noqa: E402
from essaykit.comments.anchors import anchor_for  # noqa: E402
from essaykit.comments.model import Comment  # noqa: E402
from essaykit.comments.passages import paragraph_form_href, passages  # noqa: E402
from essaykit.comments.render import thread_html  # noqa: E402
from essaykit.essay import check_notebook  # noqa: E402
from essaykit.html.blocks import render_blocks  # noqa: E402
from helpers.notebooks import md_cell, notebook  # noqa: E402

GOLDEN = Path(__file__).with_name("golden") / "passages.txt"
WHEN = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
CELLS = [
    "Her is a film about Theodore & Samantha, who falls for an operating system.[^1]\n\n"
    "[^1]: Spike Jonze wrote it in five months.",
    "Samantha adopted her personality around Ted, and that is the whole point. It’s a love story.",
    "In the end ||Samantha leaves with the other systems|| and Theodore writes to Catherine.",
    md_cell("The twist: Samantha leaves with the other systems.", tags=["spoiler"]),
    "The *ending* leaves them both changed.",
    "- the first item, about love\n- the second item, about loss",
    "## Afterword",
    "The ending leaves them both changed.",
    # the audit's cases: crossing passages across a link, emphasis, a formula and code; a table; a paragraph a
    # spoiler block's words do not touch but an inline spoiler does (no paragraph link after it)
    "Gamma sentence three is everywhere at once.",
    "Read [the source link](https://example.org/) and *mind the gap* with $x^2$ and `print(1)` in it.",
    "| head a | head b |\n|---|---|\n| table cell words | more words |",
    "The finale is ||Samantha leaves with the others|| as you guessed.",
]


def _essay(tmp: Path, cells):
    nb = notebook([md_cell(c) if isinstance(c, str) else c for c in cells], essay={"title": "Her", "slug": "her"})
    essay, problems = check_notebook(nb, str(tmp / "her.ipynb"))
    assert essay is not None, problems
    return essay


def _comment(n: int, anchor: Anchor | None, *, body: str = "", author: str = "", website: str = "",
             parent: str | None = None, status: str = "approved") -> Comment:
    return Comment(id=f"c{n:02d}", essay="her", parent=parent, author=author or f"Reader {n}",
                   email=f"r{n}@example.org", website=website, body=body or f"Comment {n}: that’s it.",
                   created=WHEN, status=status, depth=1 if parent else 0, anchor=anchor)


def _comments(essay) -> list[Comment]:
    page = passages(essay, []).page
    ending = next(p for p in page.paragraphs if page.text[p.start:p.end].startswith("The ending"))
    return [
        _comment(1, Anchor("adopted her personality around Ted", "Samantha ", ", and that")),
        _comment(2, Anchor("adopted her personality around Ted", "Samantha ", ", and that"), body="*Not* how I read it."),
        _comment(3, Anchor("personality around Ted, and that", "adopted her ", " is the")),
        _comment(4, Anchor("Samantha adopted his personality", "", " around Ted")),
        _comment(5, Anchor("a love story", "It’s ", "."), author="<b>Bob</b>", website="https://example.org/bob"),
        _comment(6, Anchor("a quote nobody wrote anywhere at all", "", "")),
        _comment(7, Anchor("the ending Samantha had before", "", "", spoiler=True)),
        _comment(8, Anchor("leaves with the other systems", "Samantha ", " and Theodore")),
        _comment(9, Anchor("The twist: Samantha leaves", "", "")),
        _comment(10, anchor_for(page, ending.start, ending.end), body="On this paragraph."),
        _comment(11, Anchor("ending leaves them", "The ", " both")),
        _comment(12, Anchor("the second item", "", ", about loss")),
        _comment(13, Anchor("Theodore & Samantha", "about ", ", who")),
        _comment(14, None, parent="c01", body="A reply."),
        _comment(15, None, body="A plain comment with a [link](https://example.org)."),
        _comment(16, Anchor("Theodore writes to Catherine", "and ", ".", start=3, block="ek-p-00000000")),
        _comment(17, Anchor("adopted her personality around Ted", "Samantha ", ", and that"), status="deleted"),
        _comment(22, Anchor("Gamma sentence three is everywhere", "", " at once")),
        _comment(23, Anchor("everywhere at once. Read the source", "three is ", " link")),
        _comment(24, Anchor("source link and mind the", "the ", " gap")),
        _comment(25, Anchor("with x 2 and print(1) in it", "gap ", ".")),
        _comment(26, Anchor("print(1)", "and ", " in it")),
        _comment(27, Anchor("table cell words", "head b ", " more")),
        _comment(28, Anchor("Samantha leaves", "finale is ", " with the others")),  # in an inline spoiler
        _comment(29, Anchor("with the others as you guessed", "Samantha leaves ", ".")),  # starts in one
        _comment(30, Anchor("other systems and Theodore", "with the ", " writes")),  # starts in one, ends out
        _comment(31, Anchor("the first item, about love", "", "")),
    ]


def _scene(name: str, essay, comments: list[Comment]) -> str:
    markup = "\n".join(render_blocks(essay, code=lambda block: ""))
    fresh = [replace(c, anchor=c.anchor and replace(c.anchor)) for c in comments]  # as a page view reads them
    on = passages(essay, fresh)
    labels = on.labels()
    public = {c.id: on.public(c) for c in fresh}
    parts = [
        ("body, paragraph links", on.body(markup, paragraph_links=True)),
        ("body, a static page's paragraph links",
         on.body(markup, paragraph_links=True, href=paragraph_form_href("https://c.example.org/", "her", "/her.html"))),
        ("body, no paragraph links", on.body(markup)),
        ("labels", json.dumps(dict(labels), ensure_ascii=False, indent=1, sort_keys=True)),
        ("public anchors", json.dumps(public, ensure_ascii=False, indent=1, sort_keys=True)),
        ("thread", thread_html([c for c in fresh if c.status == "approved" or c.id == "c17"], total=len(fresh),
                               labels=labels)),
    ]
    return "".join(f"===== {name}: {what}\n{text}\n" for what, text in parts)


def scenes(tmp: Path) -> str:
    """Page views in a row, sharing what a process remembers between them; the same comments on the same
    essay seen again must give the same page (checked here, written once)."""
    essay = _essay(tmp, CELLS)
    every = _comments(essay)
    one_more = every + [_comment(18, Anchor("adopted her personality around Ted", "Samantha ", ", and that"))]
    edited = _essay(tmp, ["A new first paragraph.", *CELLS[:1],
                          CELLS[1].replace("adopted", "built"), *CELLS[2:4], CELLS[4].replace("both", "all")])
    first = _scene("every comment", essay, every)
    assert _scene("every comment", essay, every) == first, "seen again"
    shown = [first, _scene("one more on a passage", essay, one_more), _scene("one fewer", essay, every[1:]),
             _scene("the essay edited", edited, every)]
    assert _scene("every comment", essay, every) == first, "seen again after other pages"
    # an essay that ends with a paragraph, two paragraphs with nothing between them
    short = _essay(tmp, [*CELLS[1:3], "<p>A first raw paragraph.</p><p>A second raw paragraph, right after it.</p>"])
    shown.append(_scene("a short essay", short, every + [
        _comment(19, Anchor("second raw paragraph", "A ", ", right")), _comment(20, Anchor("first raw", "A ", " paragraph")),
        _comment(21, Anchor("to Catherine.", "Theodore writes ", ""))]))
    return "".join(shown)


def test_the_rendered_passages_are_byte_identical_to_the_golden_page(tmp_path):
    got = scenes(tmp_path)
    want = GOLDEN.read_text(encoding="utf-8")
    if got != want:  # the first differing scene and line, not a wall of markup
        for n, (a, b) in enumerate(zip(got.splitlines(), want.splitlines())):
            assert a == b, f"line {n + 1} differs from {GOLDEN.name}"
    assert got == want


def test_the_golden_page_shows_every_case_it_is_meant_to():
    want = GOLDEN.read_text(encoding="utf-8")
    for case in ('data-ek-comments="2"', "the passage has changed", "no longer in the essay", "on a passage in a spoiler",
                 "Comment on this paragraph", "ek-spoiler-block", "ek-spoiler__text", "ek-sidenote", "&amp;",
                 "api/comments/form?essay=her", "<em>Not</em>", "ek-anchor-notes", "<table", "ek-a-c22", "ek-a-c23",
                 "ek-a-c25", "ek-a-c28", "ek-a-c29", "ek-a-c30", "ek-a-c27", "<math"):
        assert case in want, case


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(scenes(Path(folder)), encoding="utf-8")
    print(f"wrote {GOLDEN}")
