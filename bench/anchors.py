"""Comments on a passage: what marking 1,000 anchored comments costs a page render, and re-anchoring.

Renders an essay of 5,000 words, once with curly apostrophes and dashes and once in plain ASCII (its body through the block loop, the thread's labels, the marks and
margin notes) with 1,000 comments on passages, against the same essay with 1,000 plain comments (target:
at most 1.5x), the same for the whole static page ``essaykit export`` writes (template, inlined styles,
structured data: what a reader's page costs), then re-anchors the 1,000 after an edit (a paragraph inserted at the top and one word
changed in every tenth paragraph). Prints ours, the plain figure and the ratio; the same after one more
comment (a page is rendered anew after every change to its comments) and for the first render after a
start, when nothing is remembered. Every render reads its comments (and their anchors) as new objects, as
a page view does, and nothing remembers a whole page: the page cache serves a page whose comments did not change.
Times are this process's CPU time (``time.process_time``): wall-clock time on a shared machine mostly
measures the other processes. The anchored and the plain render run in pairs, one right after the other, so
both meet the same moment of a busy machine; each figure is the best of its runs, and the ratio is the median
of the pairs' ratios (the best of each side may come from different moments; a pair's two runs do not).
Objects made before the timings are moved out of the garbage collector's sight (``gc.freeze``), so a
collection of the setup's objects does not land in one render's time. The whole page's line also says how
big each page is and how many page faults one takes (memory new to the process: a string of a few
megabytes is mapped afresh by the allocator, and those faults, not the marking, are most of the difference).

    .venv/bin/python bench/anchors.py
"""

from __future__ import annotations

import gc
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from helpers.notebooks import code_cell, md_cell, notebook  # noqa: E402

from essaykit.comments.anchors import ORPHAN  # noqa: E402
from essaykit.comments.passages import passages  # noqa: E402
from essaykit.comments.render import thread_html  # noqa: E402
from essaykit.comments.store import CommentStore  # noqa: E402
from essaykit.essay import check_notebook  # noqa: E402
from essaykit.exports.page import render_page  # noqa: E402
from essaykit.exports.page_comments import StoreComments, section_cells  # noqa: E402
from essaykit.html.blocks import render_blocks  # noqa: E402

WORDS = ("the film keeps its distance from Theodore while the voice of Samantha grows warmer and stranger "
         "every scene asks what a person owes a machine that listens").split()
# The same words as most published essays and comments write them: a curly apostrophe and a dash. One
# character beyond Latin-1 makes Python hold a whole thread at two bytes a character, and then the plain
# thread pays that too; in the all-ASCII run neither does (the passages' "on “…”" labels write their
# quotation marks as character references), the hardest ratio: the plain thread stays one byte a character.
TYPOGRAPHIC = [w.replace("Samantha", "Samantha’s") for w in WORDS] + ["—"]
PARAGRAPHS, PER_PARAGRAPH, COMMENTS = 100, 50, 1000


def essay_of(paragraphs: list[str], folder: Path):
    nb = notebook([md_cell("\n\n".join(paragraphs)), code_cell("from essaykit import CommentSection\nCommentSection()")],
                  essay={"title": "Bench", "slug": "bench"})
    essay, problems = check_notebook(nb, str(folder / "bench.ipynb"))
    assert essay is not None, problems
    return essay


def render(essay, comments) -> float:
    start = time.process_time()
    on = passages(essay, comments)
    body = on.body("\n".join(render_blocks(essay, code=lambda block: "")), paragraph_links=True)
    thread = thread_html(comments, total=len(comments), labels=on.labels())
    assert body and thread
    return time.process_time() - start


def page(essay, comments, sizes: list | None = None) -> float:
    """The whole static page as ``essaykit export`` writes it from the store's comments (the template, the
    inlined styles and scripts, the structured data, the body with its marks and the comment section's thread):
    the cost a reader's page pays, of which :func:`render` is the part that differs. ``sizes`` gets the page's
    characters, its bytes as Python holds it, and the minor page faults it took (memory new to the process)."""
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = time.process_time()
    on = passages(essay, comments)
    thread = thread_html(comments, total=len(comments), labels=on.labels())
    html = render_page(essay, comments=StoreComments(on, thread, frozenset(section_cells(essay))))
    took = time.process_time() - start
    assert thread[:200] in html
    if sizes is not None:
        sizes.append((len(html), sys.getsizeof(html), resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults))
    return took


def footprint(essay, anchored, plain) -> str:
    """How big each page is and how much memory new to the process it took (median of a few pages, each
    kind in turn): a string of a few megabytes is memory the allocator asks the kernel for afresh, and on
    this machine a page fault costs microseconds, so a page's cost follows its bytes, not its work."""
    seen: dict[str, list] = {"anchored": [], "plain": []}
    for _ in range(5):
        for kind, comments in (("anchored", anchored), ("plain", plain)):
            page(essay, fresh(comments), seen[kind])
    said = []
    for kind, found in seen.items():
        chars, size, _ = found[0]
        said.append(f"{kind} {chars:,} characters, {size / 1e6:.1f} MB, "
                    f"{statistics.median(faults for *_, faults in found):.0f} page faults")
    return "; ".join(said)


def fresh(comments):
    """The comments as a page view reads them: new objects, their anchors too, nothing computed on them yet."""
    return [replace(c, anchor=c.anchor and replace(c.anchor)) for c in comments]


RUNS = 40  # renders of each kind, interleaved; the best of each is its figure
MORE = 12  # comments added one at a time, each kind in turn, for "after one more comment"


def interleaved(runs: int, work, anchored, plain) -> tuple[float, float, float]:
    """The best of ``runs`` CPU times of ``work`` on each of ``anchored`` and ``plain``, run in pairs, and the
    median of the pairs' ratios."""
    pairs = [(work(fresh(anchored)), work(fresh(plain))) for _ in range(runs)]
    return min(a for a, _ in pairs), min(p for _, p in pairs), median_ratio(pairs)


def median_ratio(pairs: list[tuple[float, float]]) -> float:
    return statistics.median(a / p for a, p in pairs)


def main() -> None:
    rng = random.Random(24)
    typographic = [" ".join(rng.choice(TYPOGRAPHIC) for _ in range(PER_PARAGRAPH)) + "." for _ in range(PARAGRAPHS)]
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(PER_PARAGRAPH)) + "." for _ in range(PARAGRAPHS)]
    for label, words, said in (("typographic", typographic, "Comment {n}: that’s it."),
                               ("ASCII", paragraphs, "Comment {n}.")):
        measure(label, words, said, rng)


def measure(label: str, paragraphs: list[str], said: str, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        essay = essay_of(paragraphs, folder)
        with CommentStore.open(f"sqlite:///{folder / 'c.sqlite'}") as store:
            records = []
            ids = [p.id for p in passages(essay, []).page.paragraphs]  # what the Respond button sends as block
            for n in range(COMMENTS):
                words = paragraphs[n % PARAGRAPHS].split()
                at = rng.randrange(0, len(words) - 8)
                record = {"id": f"c{n}", "essay": "bench", "author": f"Reader {n}", "body": said.format(n=n),
                          "created": "2026-12-01T10:00:00Z", "status": "approved", "email": f"r{n}@example.org"}
                plain = dict(record, id=f"p{n}", essay="plain")
                record["anchor"] = {"exact": " ".join(words[at:at + 6]), "prefix": " ".join(words[max(0, at - 3):at]) + " ",
                                    "suffix": " " + " ".join(words[at + 6:at + 9]), "block": ids[n % PARAGRAPHS]}
                records += [record, plain]
            assert store.import_records(records).errors == []
            anchored, plain = store.list("bench", "approved"), store.list("plain", "approved")
        render(essay, [])  # the templates and the essay's text, which both pay once per process
        first, first_stock = render(essay, fresh(anchored)), render(essay, fresh(plain))  # no comment remembered yet
        gc.freeze()  # the store's rows, the essay, the records: not this timing's garbage
        ours, stock, ratio = interleaved(RUNS, lambda cs: render(essay, cs), anchored, plain)
        print(f"{label} essay, render, 5,000 words: 1,000 comments on passages {ours * 1000:.1f} ms, "
              f"1,000 plain comments {stock * 1000:.1f} ms, ratio {ratio:.2f}x (target <= 1.5x)")
        page(essay, fresh(anchored)), page(essay, fresh(plain))  # the page template, once per process
        whole, whole_stock, ratio = interleaved(RUNS, lambda cs: page(essay, cs), anchored, plain)
        print(f"{label} essay, the whole static page: 1,000 comments on passages {whole * 1000:.1f} ms, "
              f"1,000 plain comments {whole_stock * 1000:.1f} ms, ratio {ratio:.2f}x (target <= 1.5x); "
              f"pages: {footprint(essay, anchored, plain)}")
        # A page is rendered anew after every change to its comments: one more comment on a passage (its
        # mark and margin note are new, the others' placements and notes are remembered) against one more
        # plain comment; and the first render after a start, when nothing is remembered.
        one, one_stock, thousand = [], [], anchored
        with CommentStore.open(f"sqlite:///{folder / 'c.sqlite'}") as store:
            for n in range(MORE):
                anchor = dict(records[2 * n]["anchor"], exact=records[2 * n]["anchor"]["exact"][:-1])
                assert store.import_records([dict(records[2 * n], id=f"c-new{n}", anchor=anchor),
                                            dict(records[2 * n + 1], id=f"p-new{n}")]).errors == []
                anchored, plain = store.list("bench", "approved"), store.list("plain", "approved")
                one.append(render(essay, fresh(anchored)))
                one_stock.append(render(essay, fresh(plain)))
        print(f"{label} essay, after one more comment: on a passage {min(one) * 1000:.1f} ms, plain {min(one_stock) * 1000:.1f} ms, "
              f"ratio {median_ratio(list(zip(one, one_stock))):.2f}x; first render after a start: {first * 1000:.0f} ms, "
              f"plain {first_stock * 1000:.0f} ms")
        edited = ["A new first paragraph."] + [p.replace(" the ", " a ", 1) if i % 10 == 0 else p
                                              for i, p in enumerate(paragraphs)]
        changed = essay_of(edited, folder)
        gc.unfreeze()
        gc.collect()  # not the garbage of the renders above: a collection of it fell inside this one timing
        start = time.process_time()
        found = passages(changed, fresh(thousand))
        took = time.process_time() - start
        states = {}
        for _, where in found.placed:
            states[where.state] = states.get(where.state, 0) + 1
        print(f"{label} essay, re-anchoring 1,000 comments after an edit: {took * 1000:.0f} ms ({states}; "
              f"{states.get(ORPHAN, 0)} orphans)")


if __name__ == "__main__":
    main()
