"""Benchmark: `essaykit import` of a generated WordPress export, against the issue's targets.

    .venv/bin/python bench/import.py [--posts 1000] [--comments 20000] [--keep DIR]

Generates a WXR 1.2 file (invented text; classic and block-editor posts,
spoiler announcements, threads up to three deep, spam, trash, pending,
pingbacks and trackbacks), imports it with the real command into a fresh
SQLite database and an empty folder, checks what arrived, and prints wall
time, CPU time (user + system: what the import costs whatever else the
machine is doing) and peak memory (the import process's max RSS, from
getrusage of children) against the targets: under 60 s and under 500 MiB.

There is no stock tool to compare with (nothing else turns WordPress posts
into notebooks), so the second column is the target, and the ratio is ours
divided by the target (below 1.0 is within it). A second run of the same
command is timed too: re-import must add nothing.

Then the CPU time to read one saved page and one text copy (the median and the
slowest over the test fixtures and the reference corpus, in one process, after
a warm-up read), with and without the second opinion of trafilatura on saved
pages (text copies never use it), trafilatura's own ``extract`` on the same
pages (the stock tool) and the ratio, the one-off costs of importing
trafilatura and of its date parser's first use, the
CPU time of one saved page with a long comment thread (250 to 2,000
comments: it must grow no faster than the thread), and
the reference corpus's scores (tests/importers/corpus.py): title, author,
date, body recall, comments found and approved comments invented.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET_SECONDS = 60.0
TARGET_MIB = 500.0

WORDS = ("river harbour lantern orchard ledger winter ferry signal quiet reel camera ladder hinge "
         "aviary static frame cut score silence weather light shadow crossing fare ticket").split()
HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench Blog</title>
<link>https://bench.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://bench.example.org</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[bench]]></wp:author_login><wp:author_display_name><![CDATA[Bench Writer]]></wp:author_display_name></wp:author>
"""
FOOTER = "</channel>\n</rss>\n"
STATUSES = ["1"] * 14 + ["0", "spam", "trash"]


def sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def post_html(rng: random.Random, i: int) -> str:
    paras = [f"<!-- wp:paragraph -->\n<p>{sentence(rng, 30)} <em>{rng.choice(WORDS)}</em> {sentence(rng)}</p>\n<!-- /wp:paragraph -->"
             for _ in range(6)]
    paras.insert(2, f"<h2>{sentence(rng, 4)}</h2>")
    paras.insert(4, "<ul>" + "".join(f"<li>{sentence(rng, 5)}</li>" for _ in range(4)) + "</ul>")
    if i % 2:
        # A classic-editor post: no <p> tags at all.
        paras = [sentence(rng, 25) + "\n" + sentence(rng, 10) for _ in range(6)]
    if i % 3 == 0:
        paras.insert(len(paras) - 2, "<p>Spoilers ahead.</p>")
    return "\n\n".join(paras)


def comment_xml(rng: random.Random, post: int, cid: int, parent: int, kind: str) -> str:
    body = sentence(rng, rng.randint(8, 40))
    if cid % 5 == 0:
        body = f"<p>{body} <strong>{rng.choice(WORDS)}</strong> <a href=\"https://example.org/{cid}\">link</a></p>"
    url = f"https://site{cid % 97}.example.net/post/{cid}" if kind != "comment" else ""
    return f"""<wp:comment><wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {cid % 500}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[{"" if kind != "comment" else f"reader{cid % 500}@example.org"}]]></wp:comment_author_email>
<wp:comment_author_url>{url}</wp:comment_author_url>
<wp:comment_date_gmt><![CDATA[2026-{1 + post % 12:02d}-{1 + cid % 28:02d} {cid % 24:02d}:{cid % 60:02d}:00]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[{body}]]></wp:comment_content>
<wp:comment_approved><![CDATA[{rng.choice(STATUSES)}]]></wp:comment_approved>
<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>
"""


def write_wxr(path: Path, posts: int, comments: int, seed: int = 7) -> None:
    """Write a WXR file with ``posts`` published posts sharing ``comments`` comments."""
    rng = random.Random(seed)
    cid = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for i in range(1, posts + 1):
            share = comments // posts + (1 if i <= comments % posts else 0)
            fh.write(f"""<item><title><![CDATA[{sentence(rng, 4)[:-1]} {i}]]></title>
<link>https://bench.example.org/{i}/</link><dc:creator><![CDATA[bench]]></dc:creator>
<content:encoded><![CDATA[{post_html(rng, i)}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{i}</wp:post_id><wp:post_date_gmt><![CDATA[2026-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[bench-post-{i}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="post_tag" nicename="bench"><![CDATA[bench]]></category>
""")
            previous = ""
            for k in range(share):
                cid += 1
                kind = "pingback" if k % 10 == 9 else ("trackback" if k % 19 == 18 else "comment")
                # Two comments in three reply to the comment before them, so threads reach three deep.
                parent = cid - 1 if kind == "comment" and k % 3 and previous == "comment" else 0
                fh.write(comment_xml(rng, i, cid, parent, kind))
                previous = kind
            fh.write("</item>\n")
        fh.write(FOOTER)


def timed_import(argv: list[str]) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Run ``argv`` in a child that reports its own child's wall time, CPU time and peak RSS (MiB)."""
    probe = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "t = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc': p.returncode, 'seconds': t, 'cpu': u.ru_utime + u.ru_stime, 'mib': u.ru_maxrss / 1024,\n"
        "                  'out': p.stdout, 'err': p.stderr}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, text=True)
    data = json.loads(proc.stdout)
    done = subprocess.CompletedProcess(argv, data["rc"], data["out"], data["err"])
    if data["rc"] != 0:
        raise SystemExit(f"import failed ({data['rc']}): {' '.join(argv)}\n{data['err'][-3000:]}")
    return data["seconds"], data["cpu"], data["mib"], done


def median_ms(read, paths, slowest: list | None = None) -> float:
    """The median CPU time of ``read(path)`` over ``paths`` in ms, after a warm-up read (imports and first-use tables
    are not per page); ``slowest`` gets (ms, path) of the slowest page (a median hides one large page's cost)."""
    import statistics
    import time

    read(paths[0])
    times = []
    for path in paths:
        t = time.process_time()
        read(path)
        times.append((time.process_time() - t) * 1000)
    if slowest is not None:
        slowest.append(max(zip(times, paths)))
    return statistics.median(times)


def _corpus():
    sys.path.insert(0, str(ROOT / "tests"))
    from importers.corpus import CORPUS, scores

    return CORPUS, scores, ROOT / "tests" / "importers" / "fixtures"


def warm_date_parser() -> float:
    """Seconds of CPU that trafilatura's date finder (htmldate) spends the first time it hands a date to dateparser
    that no language reads: dateparser then compiles every language's patterns, once per run. Paid here, so that it
    is not counted as one page's time."""
    import time

    from htmldate.extractors import get_external_parser

    started = time.process_time()
    get_external_parser().get_date_data("31 zzqx 2020")
    return time.process_time() - started


def stock_extract(path: Path) -> None:
    """trafilatura's own reading of a saved page, as its users call it (the stock tool)."""
    import trafilatura

    trafilatura.extract(path.read_text(encoding="utf-8", errors="replace"), with_metadata=True)


def per_saved_page() -> None:
    """CPU time per saved page, ours with and without trafilatura and trafilatura's own, and the one-off costs of
    importing trafilatura and of its date parser's first use."""
    import time

    from essaykit.importers.html_page import read_html_page

    corpus, _, fixtures = _corpus()
    pages = sorted([*corpus.glob("*.html"), *(fixtures / "html").glob("*.html"), fixtures / "saved-page.html"])
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import trafilatura"], check=True)
    cost = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    cost -= time.perf_counter() - started
    dates = warm_date_parser()
    print(f"\nper saved page ({len(pages)} pages; ms of CPU, one process){'median':>10}{'slowest':>10}")
    rows = {}
    for name, read in (("ours, with trafilatura", read_html_page),
                       ("ours, without trafilatura", lambda p: read_html_page(p, second_opinion=False)),
                       ("trafilatura's extract alone (stock)", stock_extract)):
        slowest: list = []
        rows[name] = (median_ms(read, pages, slowest), *slowest[0])
        print(f"{name:<52}{rows[name][0]:>10.1f}{rows[name][1]:>10.1f}  {rows[name][2].name}")
    ours, stock = rows["ours, with trafilatura"], rows["trafilatura's extract alone (stock)"]
    print(f"{'ratio, ours with trafilatura / trafilatura alone':<52}{ours[0] / stock[0]:>10.2f}{ours[1] / stock[1]:>10.2f}")
    print(f"{'importing trafilatura, once per run (wall ms)':<52}{cost * 1000:>10.0f}")
    label = "its date parser's first use, once per run"
    print(f"{label:<52}{dates * 1000:>10.0f}")
    print("every page of Readability's, trafilatura's and Zyte's sets: bench/saved_pages.py, bench/importers.py and "
          "bench/extraction_benchmark.py print the time a page")
    per_long_thread()


def per_long_thread() -> None:
    """CPU time of one saved WordPress page with a long comment thread (the import-bomb test's page), by length."""
    import tempfile
    import time

    from essaykit.importers.html_page import read_html_page
    from helpers.hardening import wordpress_page  # the test's own page; _corpus() put tests/ on the path

    with tempfile.TemporaryDirectory() as folder:
        for n in (250, 500, 1000, 2000):
            page = Path(folder) / f"thread-{n}.html"
            page.write_text(wordpress_page(n))
            started = time.process_time()
            [post] = read_html_page(page)
            seconds = time.process_time() - started
            print(f"saved page with {n} comments: {seconds:.1f} s of CPU ({seconds / n * 1000:.1f} ms a comment), "
                  f"{len(post.comments)} read")


def per_text_copy() -> None:
    """CPU time per text copy (the text-copy importer never uses trafilatura)."""
    from essaykit.importers.text import read_text_copy

    corpus, _, fixtures = _corpus()
    copies = sorted([*corpus.glob("*.txt"), *(fixtures / "text").glob("*.txt"), fixtures / "copied-post.txt"])
    slowest: list = []
    median = median_ms(read_text_copy, copies, slowest)
    print(f"{f'text copy, {len(copies)} copies (no extractor)':<52}{median:>10.1f}{slowest[0][0]:>10.1f}  "
          f"{slowest[0][1].name}")


def corpus_scores() -> None:
    """The reference corpus's scores (tests/importers/corpus.py)."""
    _, scores, _ = _corpus()
    got = scores()
    n = len(got)
    print(f"corpus ({n} pages): title {sum(s.title for s in got)}/{n}, author {sum(s.author for s in got)}/{n}, "
          f"date {sum(s.date for s in got)}/{n}, body recall >= 0.9 on {sum(s.recall >= 0.9 for s in got)}/{n}, "
          f"comments found {sum(s.found for s in got)}/{sum(s.visible for s in got)}, "
          f"approved comments invented {sum(s.invented_approved for s in got)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated files in this folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="essaykit-bench-import-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        wxr = work / "blog.xml"
        write_wxr(wxr, args.posts, args.comments)
        out, db = work / "notebooks", work / "comments.sqlite"
        for stale in (out, db):
            shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
        argv = [str(BIN / "essaykit"), "import", str(wxr), "-o", str(out), "--db", f"sqlite:///{db}"]
        load = os.getloadavg()[0]
        seconds, cpu, mib, first = timed_import(argv)
        notebooks = len(list(out.glob("*.ipynb")))
        with sqlite3.connect(db) as conn:
            stored = conn.execute("select count(*) from comments").fetchone()[0]
        again, again_cpu, again_mib, _ = timed_import(argv)
        with sqlite3.connect(db) as conn:
            stored_again = conn.execute("select count(*) from comments").fetchone()[0]
        if notebooks != args.posts or stored != args.comments or stored_again != stored:
            raise SystemExit(f"wrong result: {notebooks} notebooks, {stored} comments stored, "
                             f"{stored_again} after re-import (expected {args.posts}, {args.comments})")
        size = wxr.stat().st_size / 1048576
        print(f"essaykit import: {args.posts:,} posts, {args.comments:,} comments, {size:.1f} MB WXR "
              f"(python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load:.1f} at start)")
        print(f"{'figure':<28}{'ours':>12}{'target':>12}{'ratio':>8}")
        rows = [
            ("import wall time (s)", seconds, TARGET_SECONDS),
            ("import CPU time (s)", cpu, TARGET_SECONDS),
            ("import peak memory (MiB)", mib, TARGET_MIB),
            ("re-import wall time (s)", again, TARGET_SECONDS),
            ("re-import CPU time (s)", again_cpu, TARGET_SECONDS),
            ("re-import peak memory (MiB)", again_mib, TARGET_MIB),
        ]
        for name, ours, target in rows:
            print(f"{name:<28}{ours:>12.1f}{target:>12.1f}{ours / target:>8.2f}")
        print(f"result: {notebooks:,} notebooks, {stored:,} comments stored; re-import added {stored_again - stored}")
        print(f"last line of the import: {first.stderr.strip().splitlines()[-1]}")
        print(f"reproduce: {sys.executable} bench/import.py --posts {args.posts} --comments {args.comments}")
        print(f"the import itself: {' '.join(argv)}")
        per_saved_page()
        per_text_copy()
        corpus_scores()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
