"""The saved-page importer's article on a third corpus, one its rules were never tuned on: Zyte's (scrapinghub's)
article extraction benchmark.

github.com/scrapinghub/article-extraction-benchmark holds 181 news and blog pages from as many sites
(``html/HASH.html.gz``) and, for each, the article's text as a person marked it (``ground-truth.json``,
``articleBody``). They are other people's writing, so essaykit does not ship them: point this at a checkout
(the ``.html.gz`` pages are read as they are, or unpacked as ``HASH.html``).

Per page: the share of the reference's words that the essay kept (recall) and the share of the essay's words
that the reference has (precision), as the other benches count words (bench/importers.py); a page that gives
no post, or crashes, scores 0 recall. With ``--copies FOLDER`` each page is read as a text copy instead (Chromium's
"select all, copy", made once into FOLDER as bench/importers.py makes them): the same references judge the copy
reader on 181 sites no copy rule was read on. Run:

    .venv/bin/python bench/extraction_benchmark.py PATH/TO/article-extraction-benchmark [--misses] [--copies FOLDER]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.importers import copies, overlap, read, read_copy  # noqa: E402
from bench.saved_pages import RECALL_TARGET  # noqa: E402


def pages(root: Path) -> list[tuple[str, Path]]:
    """(reference article, page) for each page of the checkout that has both."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for name, item in sorted(truth.items()):
        for page in (root / "html" / f"{name}.html.gz", root / "html" / f"{name}.html"):
            if page.is_file():
                found.append((item.get("articleBody") or "", page))
                break
    return found


def _unpacked(page: Path, tmp: Path) -> Path:
    """The page as a browser saved it: a ``.html.gz`` of the checkout unpacked into ``tmp``."""
    if page.suffix != ".gz":
        return page
    unpacked = tmp / page.stem
    unpacked.write_bytes(gzip.decompress(page.read_bytes()))
    return unpacked


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("root", type=Path, help="a checkout of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--misses", action="store_true", help=f"print each page with recall under {RECALL_TARGET} "
                        "or precision under 0.8")
    parser.add_argument("--copies", type=Path, help="read text copies of the pages, made in (or taken from) this folder")
    args = parser.parse_args(argv)
    todo = pages(args.root)
    if not todo:
        print(f"{args.root}: no ground-truth.json with pages under html/; give a checkout of the benchmark")
        return 2
    recalls, precisions, took = [], [], []
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        unpacked = [(reference, _unpacked(page, Path(tmp))) for reference, page in todo]
        if args.copies:
            args.copies.mkdir(parents=True, exist_ok=True)
            made = copies({page.stem: page for _, page in unpacked}, args.copies)
            unpacked = [(reference, made[page.stem]) for reference, page in unpacked]
        for reference, page in unpacked:
            started = time.perf_counter()
            try:
                post = read_copy(page) if args.copies else read(page)
            except Exception as exc:  # a crash is a bug to report, not a reason to stop measuring
                print(f"{page.name}: the importer crashed: {type(exc).__name__}: {exc}")
                post = None
            took.append(time.perf_counter() - started)
            kept, clean = overlap(post, reference) if post is not None else (0.0, 0.0)
            failed += post is None
            recalls.append(kept)
            precisions.append(clean)
            if args.misses and (kept < RECALL_TARGET or clean < 0.8):
                print(f"{page.name[:24]} recall {kept:.2f} precision {clean:.2f}"
                      + (f" title {post.title[:60]!r}" if post is not None else " (no post)"))
    n = len(todo)
    good = sum(r >= RECALL_TARGET for r in recalls)
    what = "text copies of pages" if args.copies else "pages"
    print(f"{n} {what} of the article extraction benchmark; {failed} gave no post; {sum(took) / n:.2f} s a page")
    print(f"article recall at least {RECALL_TARGET}: {good}/{n} ({good / n:.0%}; target 95%); mean recall "
          f"{sum(recalls) / n:.3f}; mean precision {sum(precisions) / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
