"""Benchmark: a live essay with 1,000 comments against the same essay with none.

    .venv/bin/python bench/comments_voila.py [--runs 5] [--comments 1000] [--keep]

One ``essaykit serve`` publishes a folder with two copies of the example
essay, identical but for their slug: ``the-salt-road`` has ``--comments``
approved comments (a quarter of them replies) and ``empty-road`` has none,
in one SQLite database. Each run opens a fresh headless Chromium context on
each page in turn and records, from the page's own clock (navigation start),
when the comment section is *interactive*: the "Post comment" button is
visible and enabled, and the first comment (or "No comments yet") is shown.

It prints the median for each page, the ratio (1,000 / none) and the target:
at most 1.5x. The thread is one anywidget holding one page (50) of comments,
so the big thread costs one page of markup, not a widget per comment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET = 1.5
EMPTY = "empty-road"
FULL = "the-salt-road"

# Resolves with the page's clock (ms since navigation start) once the section is usable.
READY = """
() => {
  const b = document.querySelector('.ek-comment-form__submit');
  const count = document.querySelector('.ek-comments__count');
  if (!b || b.disabled || !b.offsetParent || !count) return false;
  const first = document.querySelector('.ek-comment');
  const shown = first ? first.getBoundingClientRect().height > 0 : /No comments yet/.test(count.textContent);
  return shown ? performance.now() : false;
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(db: str, n: int) -> None:
    from essaykit.comments.store import CommentStore

    records, roots = [], []
    for i in range(n):
        reply = i % 4 == 3 and roots
        parent = roots[(i * 7) % len(roots)] if reply else None
        records.append({
            "id": f"bench-{i}", "essay": FULL, "parent": parent, "author": f"Reader {i}",
            "email": f"reader{i % 200}@example.org", "website": "https://example.org/" if i % 5 == 0 else "",
            "body": f"Comment {i}: the *mule* scene, the [river](https://example.org/r) crossing, and `salt`.\n\n"
                    "> a quote from the film\n\n- one point\n- another point",
            "created": f"2026-01-{1 + i // 1440:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00Z",
            "status": "approved", "kind": "comment", "source_url": "",
        })
        if not parent:
            roots.append(f"bench-{i}")
    with CommentStore.open(db) as store:
        report = store.import_records(records, source="bench")
        assert not report.failed, report.summary()


def prepare(folder: Path, n: int) -> str:
    example = json.loads((ROOT / "notebooks" / f"{FULL}.ipynb").read_text(encoding="utf-8"))
    (folder / f"{FULL}.ipynb").write_text(json.dumps(example), encoding="utf-8")
    empty = json.loads(json.dumps(example))
    empty["metadata"]["essay"]["slug"] = EMPTY
    (folder / f"{EMPTY}.ipynb").write_text(json.dumps(empty), encoding="utf-8")
    db = f"sqlite:///{folder.parent / 'bench.sqlite'}"
    seed(db, n)
    return db


def wait_for_http(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout}s")


def measure(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, timeout=300_000)
        handle = page.wait_for_function(READY, timeout=300_000, polling="raf")
        return float(handle.json_value())
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="essaykit-bench-comments-"))
    folder = base / "essays"
    folder.mkdir()
    db = prepare(folder, args.comments)
    port = free_port()
    argv = [str(BIN / "essaykit"), "serve", str(folder), "--port", str(port), "--db", db]
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
    with open(base / "server.log", "wb") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(argv, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)
    times: dict[str, list[float]] = {EMPTY: [], FULL: []}
    try:
        root = f"http://127.0.0.1:{port}"
        wait_for_http(root + "/", proc)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            measure(browser, f"{root}/voila/render/{EMPTY}.ipynb")  # warm-up: caches, first kernel
            for run in range(args.runs):
                order = (EMPTY, FULL) if run % 2 == 0 else (FULL, EMPTY)
                for slug in order:
                    # Give the server time to start its next warm kernel, so both pages get one.
                    time.sleep(8)
                    times[slug].append(measure(browser, f"{root}/voila/render/{slug}.ipynb"))
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)

    none, full = statistics.median(times[EMPTY]), statistics.median(times[FULL])
    ratio = full / none
    print(f"Live essay, comment section interactive (Post comment enabled, first comment shown), "
          f"median of {args.runs} runs:")
    print(f"  {args.comments:,} comments: {full:,.0f} ms   (runs: {', '.join(f'{t:.0f}' for t in times[FULL])})")
    print(f"  no comments:   {none:,.0f} ms   (runs: {', '.join(f'{t:.0f}' for t in times[EMPTY])})")
    print(f"  ratio: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'MISSED'}")
    print(f"  command: {sys.executable} bench/comments_voila.py --runs {args.runs} --comments {args.comments}")
    print(f"  server:  {argv[0]} serve <folder> --db <sqlite with {args.comments} comments>")


if __name__ == "__main__":
    main()
