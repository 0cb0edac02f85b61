"""Comments on a passage: what marking 1,000 anchored comments costs a page render, and re-anchoring.

Renders an essay of 5,000 words (its body through the block loop, the thread's labels, the marks and
margin notes) with 1,000 comments on passages, against the same essay with 1,000 plain comments (target:
at most 1.5x), then re-anchors the 1,000 after an edit (a paragraph inserted at the top and one word
changed in every tenth paragraph). Prints ours, the plain figure and the ratio.

    .venv/bin/python bench/anchors.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers.notebooks import md_cell, notebook  # noqa: E402

from essaykit.comments.anchors import ORPHAN  # noqa: E402
from essaykit.comments.passages import passages  # noqa: E402
from essaykit.comments.render import thread_html  # noqa: E402
from essaykit.comments.store import CommentStore  # noqa: E402
from essaykit.essay import check_notebook  # noqa: E402
from essaykit.html.blocks import render_blocks  # noqa: E402

WORDS = ("the film keeps its distance from Theodore while the voice of Samantha grows warmer and stranger "
         "every scene asks what a person owes a machine that listens").split()
PARAGRAPHS, PER_PARAGRAPH, COMMENTS = 100, 50, 1000


def essay_of(paragraphs: list[str], folder: Path):
    nb = notebook([md_cell("\n\n".join(paragraphs))], essay={"title": "Bench", "slug": "bench"})
    essay, problems = check_notebook(nb, str(folder / "bench.ipynb"))
    assert essay is not None, problems
    return essay


def render(essay, comments) -> float:
    start = time.perf_counter()
    on = passages(essay, comments)
    body = on.body("\n".join(render_blocks(essay, code=lambda block: "")), paragraph_links=True)
    thread = thread_html(comments, total=len(comments), labels=on.labels())
    assert body and thread
    return time.perf_counter() - start


def best(runs: int, work) -> float:
    return min(work() for _ in range(runs))


def main() -> None:
    rng = random.Random(24)
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(PER_PARAGRAPH)) + "." for _ in range(PARAGRAPHS)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        essay = essay_of(paragraphs, folder)
        with CommentStore.open(f"sqlite:///{folder / 'c.sqlite'}") as store:
            records = []
            ids = [p.id for p in passages(essay, []).page.paragraphs]  # what the Respond button sends as block
            for n in range(COMMENTS):
                words = paragraphs[n % PARAGRAPHS].split()
                at = rng.randrange(0, len(words) - 8)
                record = {"id": f"c{n}", "essay": "bench", "author": f"Reader {n}", "body": f"Comment {n}.",
                          "created": "2026-12-01T10:00:00Z", "status": "approved", "email": f"r{n}@example.org"}
                plain = dict(record, id=f"p{n}", essay="plain")
                record["anchor"] = {"exact": " ".join(words[at:at + 6]), "prefix": " ".join(words[max(0, at - 3):at]) + " ",
                                    "suffix": " " + " ".join(words[at + 6:at + 9]), "block": ids[n % PARAGRAPHS]}
                records += [record, plain]
            assert store.import_records(records).errors == []
            anchored, plain = store.list("bench", "approved"), store.list("plain", "approved")
        render(essay, anchored)  # warm both: templates, the essay's text
        render(essay, plain)
        ours, stock = best(3, lambda: render(essay, anchored)), best(3, lambda: render(essay, plain))
        print(f"render, 5,000 words: 1,000 comments on passages {ours * 1000:.0f} ms, "
              f"1,000 plain comments {stock * 1000:.0f} ms, ratio {ours / stock:.2f}x (target <= 1.5x)")
        edited = ["A new first paragraph."] + [p.replace(" the ", " a ", 1) if i % 10 == 0 else p
                                              for i, p in enumerate(paragraphs)]
        changed = essay_of(edited, folder)
        start = time.perf_counter()
        found = passages(changed, anchored)
        took = time.perf_counter() - start
        states = {}
        for _, where in found.placed:
            states[where.state] = states.get(where.state, 0) + 1
        print(f"re-anchoring 1,000 comments after an edit: {took * 1000:.0f} ms ({states}; "
              f"{states.get(ORPHAN, 0)} orphans)")


if __name__ == "__main__":
    main()
