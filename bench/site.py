"""Benchmark: what the site's search costs the build, and a reader's first search.

    .venv/bin/python bench/site.py [--sizes 200,2000] [--runs 3]

For each size, generated blog essays (tags, footnotes, a figure; text only, so
kernels do not drown the figure) are built in this process (``jobs=1``) with
search and without it, median of --runs full builds each. The build without
search is the same build with the two search steps (each page's word record,
then the merged index) replaced by nothing, the only way to leave them out;
it is the floor search is measured against. Printed: build time ours / without
search / ratio, and the index's files and bytes against the site's.

Then, in Chromium from ``file://``, a reader's first search of the largest
site: the bytes its script files weigh and the time from typing the word
until the result is shown.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.essays import generate_essays  # noqa: E402
from essaykit.exports import site as site_module  # noqa: E402
from essaykit.exports.site import BuildOptions, build_site  # noqa: E402


def timed(src: Path, out: Path, *, search: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    saved = site_module.write_search_record, site_module.write_search_index
    if not search:
        site_module.write_search_record = lambda *a, **k: None
        site_module.write_search_index = lambda *a, **k: 0
    try:
        start = time.perf_counter()
        report = build_site(src, out, BuildOptions(jobs=1, execute=False), stream=io.StringIO())
        elapsed = time.perf_counter() - start
    finally:
        site_module.write_search_record, site_module.write_search_index = saved
    if report.failed:
        raise SystemExit(f"build failed: {report.failed[0].message}")
    return elapsed


def size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and ".essaykit" not in p.parts]
    return len(files), sum(p.stat().st_size for p in files)


def first_search(site: Path, word: str) -> tuple[int, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        loaded = []
        page.on("requestfinished", lambda r: "/search/" in r.url and loaded.append(r.url))
        start = time.perf_counter()
        page.fill("#ek-search-q", word)
        page.wait_for_selector(".ek-search__hit", timeout=30_000)
        elapsed = time.perf_counter() - start
        browser.close()
    weight = sum((site / "search" / u.split("/search/", 1)[1]).stat().st_size for u in set(loaded))
    return weight, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'figure':44} {'ours':>12} {'no search':>12} {'ratio':>7}")
    with tempfile.TemporaryDirectory(prefix="ek-bench-site-") as tmp:
        work = Path(tmp)
        site = None
        for n in (int(s) for s in args.sizes.split(",") if s):
            src = work / f"essays-{n}"
            generate_essays(src, n, code_every=0, blog=True)
            ours = statistics.median(timed(src, work / "with", search=True) for _ in range(args.runs))
            plain = statistics.median(timed(src, work / "without", search=False) for _ in range(args.runs))
            timed(src, work / "with", search=True)
            index_files, index_bytes = size(work / "with" / "search")
            site_files, site_bytes = size(work / "without")
            print(f"{f'build, {n} essays':44} {ours:>10.2f} s {plain:>10.2f} s {ours / plain:>7.2f}")
            print(f"{f'search index, {n} essays: files':44} {index_files:>12} {site_files:>12} "
                  f"{index_files / site_files:>7.2f}")
            print(f"{f'search index, {n} essays: MB':44} {index_bytes / 1e6:>12.2f} {site_bytes / 1e6:>12.2f} "
                  f"{index_bytes / site_bytes:>7.2f}")
            site = work / "with"
        if site is not None:
            weight, elapsed = first_search(site, "salt")
            print(f"{'first search in Chromium (file://): KB':44} {weight / 1e3:>12.1f}")
            print(f"{'first search in Chromium (file://): ms':44} {elapsed * 1e3:>12.0f}")


if __name__ == "__main__":
    main()
