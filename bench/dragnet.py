"""The saved-page importer's comments against a corpus with comment gold: Dragnet's training pages.

Dragnet (github.com/dragnet-org/dragnet, data from github.com/seomoz/dragnet_data) is a content extractor trained
on ~1,400 real pages of 2012 (news, blogs, forums; mostly English) whose text was extracted by hand: each page's
``.txt`` (``Corrected/NAME.html.corrected.txt`` in the original layout, ``GoldStandard/NAME.txt`` in merged
copies with ``input/NAME.html``) holds the article, then, when the page shows comments, a line
``!@#$%^&*()  COMMENTS`` (typed by hand: a few files vary it) and the comments' text. They are other people's
writing, so essaykit does not ship them: point this at the folder.

Per page, as words (case and punctuation aside): the article's recall and precision against the gold article; on
pages with gold comments, the share of the gold comments' words that our comments hold (recall) and the share of
our comments' words that the gold comments hold (precision); on pages whose gold has no comment section, the
approved comments we would store anyway (a page with comments the annotators did not mark counts here too, so this
is an upper bound of the invented). Figures are printed as ours against the reference. Run:

    .venv/bin/python bench/dragnet.py PATH/TO/dragnet_data [--every N] [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.importers import add_sample_options, overlap, read, read_measured, sample, tokens  # noqa: E402

COMMENTS_MARK = re.compile(r"^\s*!@\s?#?\$%\^&\*\(\)\s+COMMENTS\s*$", re.M)
RECALL_TARGET = 0.9


def pages(root: Path) -> list[tuple[Path, Path]]:
    """(page, gold) pairs in either layout."""
    found = []
    for html_dir, gold_dir, name in (("input", "GoldStandard", "{}.txt"), ("HTML", "Corrected", "{}.corrected.txt")):
        for page in sorted((root / html_dir).glob("*.htm*")):
            gold = root / gold_dir / name.format(page.stem if gold_dir == "GoldStandard" else page.name)
            if gold.is_file():
                found.append((page, gold))
    return found


def gold_parts(gold: Path) -> tuple[str, str | None]:
    """(article, comments) of a gold file; comments None where it marks no comment section."""
    data = gold.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    mark = COMMENTS_MARK.search(text)
    return (text, None) if mark is None else (text[:mark.start()], text[mark.end():])


def share(part: Counter, whole: Counter) -> float:
    return sum((part & whole).values()) / max(1, sum(whole.values()))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("root", type=Path, help="a folder with input/ and GoldStandard/ (or HTML/ and Corrected/)")
    add_sample_options(parser)
    parser.add_argument("--misses", action="store_true", help="print pages whose comments are missed or invented")
    args = parser.parse_args(argv)
    todo = sample(pages(args.root), args)
    if not todo:
        print(f"{args.root}: no pages with gold text (input/ + GoldStandard/, or HTML/ + Corrected/)")
        return 2
    totals: Counter = Counter()
    recalls, c_recalls, c_precisions, took = [], [], [], []
    for page, gold in todo:
        article, said = gold_parts(gold)
        crashed = totals["crashed"]
        post = read_measured(read, page, totals, took)
        if totals["crashed"] > crashed:
            continue
        totals["pages"] += 1
        if post is None:
            totals["no post"] += 1
            continue
        rec, _ = overlap(post, article)
        recalls.append(rec)
        comments = [c for c in post.comments if c.kind == "comment"]
        ours = Counter(tokens("\n".join(f"{c.author} {c.body}" for c in comments)))
        approved = sum(c.status == "approved" for c in comments)
        if said is not None and tokens(said):
            ref = Counter(tokens(said))
            totals.update(commented=1, found_any=bool(comments), comments=len(comments), approved=approved)
            c_recalls.append(share(ours, ref))
            if comments:
                c_precisions.append(share(ref, ours))
            if args.misses and c_recalls[-1] < 0.5:
                print(f"{page.name:12} gold comments {sum(ref.values()):5} words, ours hold {c_recalls[-1]:.0%} "
                      f"({len(comments)} comments)")
        else:
            totals.update(uncommented=1, invented=approved, invented_pages=approved > 0)
            if args.misses and approved:
                print(f"{page.name:12} {approved} approved comments, gold has none: "
                      + "; ".join(f"{c.author}: {c.body[:40]!r}" for c in comments[:3]))
    n = totals["pages"]
    took.sort()
    print(f"{n} pages of Dragnet's data; {totals['no post']} gave no post, {totals['crashed']} crashed; "
          f"{sum(took) / max(1, len(took)):.2f} s a page on average, slowest {took[-1]:.2f} s")
    print(f"article recall at least {RECALL_TARGET}: ours {sum(r >= RECALL_TARGET for r in recalls)}/{len(recalls)} "
          f"pages, median {median(recalls or [0]):.2f}")
    k = totals["commented"]
    print(f"pages with comments: reference {k}, ours with any comment on them {totals['found_any']} "
          f"({totals['comments']} comments, {totals['approved']} approved)")
    print(f"comment words found (recall): ours median {median(c_recalls or [0]):.2f}, at least 0.5 on "
          f"{sum(r >= 0.5 for r in c_recalls)}/{k} pages; precision of what we stored: median "
          f"{median(c_precisions or [0]):.2f} on {len(c_precisions)} pages")
    print(f"pages whose gold has no comment section: {totals['uncommented']}; ours with approved comments on them "
          f"{totals['invented_pages']} ({totals['invented']} comments; an upper bound of the invented)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
