"""Benchmark: how fast `essaykit import` refuses HTML bombs, and what measuring costs a real page.

    .venv/bin/python bench/import_bombs.py

For each file, CPU time of ``read_html_page`` (ours: measure first, refuse
over 256 levels or 200,000 elements) against the stock tool the importer
builds on, BeautifulSoup's ``html.parser`` building the tree of the same
markup (which is where the old importer started, before its minutes of
selectors and conversion). The ratio is ours divided by stock. A file whose
stock time passes ``--cap`` seconds is stopped there (shown as ">cap").

The last row is a real-shaped page (3,000 WordPress comments, about 50,000
elements): it must import, and the measuring step alone is shown against
the tree building it precedes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def _stock(markup: str, queue) -> None:
    from bs4 import BeautifulSoup

    queue.put(cpu(BeautifulSoup, markup, "html.parser"))


def stock_seconds(markup: str, cap: float) -> float | None:
    """bs4's tree building in a child process, killed after ``cap`` seconds (None then)."""
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_stock, args=(markup, queue))
    child.start()
    child.join(cap)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return queue.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cap", type=float, default=120.0, help="stop the stock run after this many seconds")
    args = parser.parse_args()

    from helpers.hardening import nested_page, wordpress_page

    from essaykit.importers.bounds import check_html
    from essaykit.importers.html_page import read_html_page
    from essaykit.importers.model import ImportedPost

    flat = "<html><body><article><h1>Flat</h1><p>Words.</p>" + "<b></b>" * 1_000_000 + "</article></body></html>"
    cases = [("16,000 nested <div> (180 KB)", nested_page(16_000)),
             ("100,000 nested <div>, unclosed (500 KB)", nested_page(100_000, closed=False)),
             ("1,000,000 empty <b> (7 MB)", flat)]
    print(f"{'file':<44} {'ours (s)':>10} {'stock (s)':>10} {'ratio':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name, markup in cases:
            path = Path(tmp) / "page.html"
            path.write_text(markup)
            found: list = []
            ours = cpu(lambda: found.extend(read_html_page(path)))
            stock = stock_seconds(markup, args.cap)
            shown = f"{stock:.2f}" if stock is not None else f">{args.cap:.0f}"
            ratio = f"{ours / stock:.4f}" if stock else f"<{ours / args.cap:.4f}"
            outcome = "refused" if found and not isinstance(found[0], ImportedPost) else "imported"
            print(f"{name:<44} {ours:>10.2f} {shown:>10} {ratio:>8}  {outcome}")
        real = wordpress_page(3000)
        path = Path(tmp) / "real.html"
        path.write_text(real)
        found = []
        whole = cpu(lambda: found.extend(read_html_page(path)))
        measure = cpu(check_html, real)
        tree = stock_seconds(real, args.cap) or float("nan")
        ok = found and isinstance(found[0], ImportedPost) and len(found[0].comments) == 3000
        print(f"{'3,000-comment page: measuring vs tree':<44} {measure:>10.2f} {tree:>10.2f} "
              f"{measure / tree:>8.2f}  {'imported, 3,000 comments' if ok else 'FAILED'} (whole import {whole:.1f} s)")


if __name__ == "__main__":
    main()
