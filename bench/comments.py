"""Benchmark the comment store: concurrent write throughput, and the first page of a big thread.

    .venv/bin/python bench/comments.py [--per-writer 500] [--thread 10000] [--no-postgres]

1. Write throughput: 4 writer processes post comments at once through
   ``CommentStore.post()`` (the real path: field checks, moderation, the
   moderation log), on SQLite and on a throwaway PostgreSQL (fsync on).
   Baseline ("naive"): the same three statements per comment (duplicate
   check, flood check, insert) with a fresh connection for every statement
   and the database's default journal — the way isso talks to SQLite.
   Target: at least 500 comments/s on SQLite.
2. The first page (50 comments) of a 10,000-comment thread, loaded and
   rendered to HTML. Baseline: load and render the whole thread, as a
   widget without paging would. Target: at most 100 ms.

Each line prints ours, the baseline, and their ratio.
"""

from __future__ import annotations

import argparse
import html
import importlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WRITERS = 4
ESSAY = "bench-essay"
SQLITE_TARGET = 500.0  # comments/s
PAGE_TARGET_MS = 100.0
CPU_SECONDS: list[float] = []

OUR_WRITER = r"""
import sys, time
from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore

url, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = CommentStore.open(url, rules=Rules.permissive())
print("ready", flush=True)
sys.stdin.readline()
start, cpu = time.time(), time.process_time()
for i in range(count):
    store.post("bench-essay", author=f"Writer {worker}", email=f"w{worker}@example.org",
               body=f"Comment number {i} from writer {worker}, with *a little* Markdown.", session=f"s{worker}")
print(start, time.time(), 0, time.process_time() - cpu, flush=True)
"""

NAIVE_SQLITE_WRITER = r"""
import sqlite3, sys, time, datetime

path, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

def run(sql, args=()):
    # A new connection for every statement, default journal and synchronous.
    conn = sqlite3.connect(path, timeout=30)
    try:
        with conn:
            return conn.execute(sql, args).fetchall()
    finally:
        conn.close()

print("ready", flush=True)
sys.stdin.readline()
start = time.time()
errors = 0
for i in range(count):
    body = f"Comment number {i} from writer {worker}, with *a little* Markdown."
    email = f"w{worker}@example.org"
    try:
        run("SELECT id FROM comments WHERE essay=? AND email=? AND body=?", ("bench-essay", email, body))
        run("SELECT max(created) FROM comments WHERE session=?", (f"s{worker}",))
        run("INSERT INTO comments (essay, author, email, body, created, session, status) VALUES (?,?,?,?,?,?,?)",
            ("bench-essay", f"Writer {worker}", email, body, datetime.datetime.utcnow().isoformat(), f"s{worker}", "pending"))
    except sqlite3.OperationalError:
        errors += 1
print(start, time.time(), errors, flush=True)
"""

NAIVE_PG_WRITER = r"""
import psycopg, sys, time, datetime

dsn, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

def run(sql, args=()):
    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.execute(sql, args)
        return cur.fetchall() if cur.description else None

print("ready", flush=True)
sys.stdin.readline()
start = time.time()
for i in range(count):
    body = f"Comment number {i} from writer {worker}, with *a little* Markdown."
    email = f"w{worker}@example.org"
    run("SELECT id FROM naive_comments WHERE essay=%s AND email=%s AND body=%s", ("bench-essay", email, body))
    run("SELECT max(created) FROM naive_comments WHERE session=%s", (f"s{worker}",))
    run("INSERT INTO naive_comments (essay, author, email, body, created, session, status) VALUES (%s,%s,%s,%s,%s,%s,%s)",
        ("bench-essay", f"Writer {worker}", email, body, datetime.datetime.utcnow(), f"s{worker}", "pending"))
print(start, time.time(), 0, flush=True)
"""

NAIVE_SCHEMA = """CREATE TABLE IF NOT EXISTS {table} (id {pk}, essay TEXT, author TEXT, email TEXT, body TEXT,
    created {ts}, session TEXT, status TEXT)"""


def run_writers(code: str, target: str, per_writer: int) -> tuple[float, int]:
    """Start the writers, release them together, return (comments per second, errors).

    Writers that report their CPU seconds (ours) add to ``CPU_SECONDS``.
    """
    procs = [subprocess.Popen([sys.executable, "-c", code, target, str(n), str(per_writer)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(WRITERS)]
    for p in procs:
        line = p.stdout.readline()
        if line.strip() != "ready":
            raise SystemExit(f"a writer failed to start: {line}{p.stderr.read()[-2000:]}")
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    spans, errors = [], 0
    for p in procs:
        out, err = p.communicate(timeout=1800)
        if p.returncode:
            raise SystemExit(f"a writer failed:\n{err[-3000:]}")
        fields = out.split()
        spans.append((float(fields[0]), float(fields[1])))
        errors += int(fields[2]) if len(fields) > 2 else 0
        if len(fields) > 3:
            CPU_SECONDS.append(float(fields[3]))
    elapsed = max(e for _, e in spans) - min(s for s, _ in spans)
    return WRITERS * per_writer / elapsed, errors


def count_rows(url: str) -> int:
    from essaykit.comments.store import CommentStore

    with CommentStore.open(url) as store:
        return len(store.list(ESSAY))


def bench_sqlite(folder: Path, per_writer: int) -> tuple[float, float, int]:
    from essaykit.comments.store import CommentStore

    url = f"sqlite:///{folder / 'ours.sqlite'}"
    CommentStore.open(url).close()
    ours, _ = run_writers(OUR_WRITER, url, per_writer)
    stored = count_rows(url)
    if stored != WRITERS * per_writer:
        raise SystemExit(f"ours stored {stored} comments, expected {WRITERS * per_writer}")
    naive_path = folder / "naive.sqlite"
    with sqlite3.connect(naive_path) as conn:
        conn.execute(NAIVE_SCHEMA.format(table="comments", pk="INTEGER PRIMARY KEY", ts="TEXT"))
        conn.execute("CREATE INDEX ix_naive_essay ON comments (essay, email)")
    naive, errors = run_writers(NAIVE_SQLITE_WRITER, str(naive_path), per_writer)
    return ours, naive, errors


def _throwaway_postgres():
    """The tests' throwaway PostgreSQL server (tests/helpers/postgres.py), importable as ``helpers``."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from helpers.postgres import ThrowawayPostgres

    return ThrowawayPostgres


def bench_postgres(per_writer: int) -> tuple[float, float] | str:
    ThrowawayPostgres = _throwaway_postgres()
    why = ThrowawayPostgres.available()
    if why:
        return f"skipped: needs {why}"
    server = ThrowawayPostgres(durable=True).start()
    try:
        from essaykit.comments.store import CommentStore

        url = server.create_database("bench_ours")
        CommentStore.open(url).close()
        ours, _ = run_writers(OUR_WRITER, url, per_writer)
        stored = count_rows(url)
        if stored != WRITERS * per_writer:
            raise SystemExit(f"ours stored {stored} comments on PostgreSQL, expected {WRITERS * per_writer}")
        server.create_database("bench_naive")
        dsn = f"host=127.0.0.1 port={server.port} user=postgres dbname=bench_naive"
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(NAIVE_SCHEMA.format(table="naive_comments", pk="SERIAL PRIMARY KEY", ts="TIMESTAMP"))
            conn.execute("CREATE INDEX ix_naive_essay ON naive_comments (essay, email)")
        naive, _ = run_writers(NAIVE_PG_WRITER, dsn, per_writer)
        from essaykit.db.engine import dispose

        dispose(url)
        return ours, naive
    finally:
        server.stop()


def _renderer():
    """The widget's renderer (essaykit.comments.render.thread_html) when it exists, else a minimal one."""
    try:
        render = importlib.import_module("essaykit.comments.render")
    except ImportError:
        render = None
    if render is not None and callable(getattr(render, "thread_html", None)):
        def widget(items, total):
            return render.thread_html(items, total=total, interactive=True)

        return "essaykit.comments.render.thread_html, interactive", widget

    def minimal(items, total) -> str:
        return f"<p>{total} comments</p>" + "".join(
            f'<article class="ek-comment" style="margin-left:{c.depth}em"><b>{html.escape(c.author)}</b>'
            f"<time>{c.created:%Y-%m-%d}</time>{c.body_html}</article>"
            for c in items
        )

    return "Comment.body_html + an article per comment", minimal


def bench_thread(folder: Path, size: int) -> tuple[list[float], list[float], str, int]:
    from essaykit.comments.store import CommentStore

    url = f"sqlite:///{folder / 'thread.sqlite'}"
    records = []
    for n in range(size):
        # Every fourth comment starts a thread; the rest reply one level below the previous one (depth <= 3).
        parent = None if n % 4 == 0 else f"t{n - 1}"
        records.append({
            "id": f"t{n}", "essay": ESSAY, "parent": parent, "author": f"Reader {n % 97}",
            "email": f"r{n % 97}@example.org", "website": "https://reader.example" if n % 3 == 0 else "",
            "body": f"Comment {n}: *really* liked the [scene](https://example.org/{n}).\n\n> a quote\n\n- one\n- two",
            "created": f"2026-01-01T{(n // 3600) % 24:02d}:{(n // 60) % 60:02d}:{n % 60:02d}Z",
            "status": "approved", "kind": "comment", "source_url": "",
        })
    with CommentStore.open(url) as store:
        report = store.import_records(records, source="bench")
        if report.failed or report.added != size:
            raise SystemExit(f"could not build the thread: {report.summary()} {report.errors[:3]}")
    label, render = _renderer()

    def first_page() -> int:
        with CommentStore.open(url) as store:
            page = store.thread(ESSAY, page=1, per_page=50)
            return len(render(page.items, page.total))

    def everything() -> int:
        with CommentStore.open(url) as store:
            page = store.thread(ESSAY, page=1, per_page=500)
            items = list(page.items)
            for n in range(2, page.pages + 1):
                items += store.thread(ESSAY, page=n, per_page=500).items
            return len(render(items, page.total))

    keep = CommentStore.open(url)  # keep the engine warm, as a running kernel does
    try:
        first_page()  # build the Markdown parser and sanitiser once
        ours = [_timed(first_page) for _ in range(20)]
        naive = [_timed(everything) for _ in range(3)]
    finally:
        keep.close()
    return ours, naive, label, size


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-writer", type=int, default=500, help="comments each of the 4 writers posts")
    parser.add_argument("--thread", type=int, default=10_000, help="comments in the big thread")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="essaykit-bench-"))
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}   (cwd {os.getcwd()}, {os.cpu_count()} CPUs)")
    try:
        ours, naive, errors = bench_sqlite(folder, args.per_writer)
        cpu_ms = sum(CPU_SECONDS) / (WRITERS * args.per_writer) * 1000
        print(f"SQLite write, {WRITERS} writer processes x {args.per_writer}: ours {ours:,.0f} comments/s | "
              f"naive connection-per-statement {naive:,.0f}/s ({errors} 'database is locked' errors) | "
              f"ratio {ours / naive:.1f}x | target >= {SQLITE_TARGET:.0f}/s: ours/target {ours / SQLITE_TARGET:.2f} "
              f"{'MET' if ours >= SQLITE_TARGET else 'MISSED'}")
        print(f"  ours used {cpu_ms:.2f} ms of writer CPU per comment, i.e. about {1000 / cpu_ms * (os.cpu_count() or 1):,.0f}"
              f" comments/s if the writers had all {os.cpu_count()} CPUs to themselves (load average now "
              f"{os.getloadavg()[0]:.1f}: this machine is shared, so wall-clock figures vary from run to run)")
        if args.no_postgres:
            print("PostgreSQL write: skipped (--no-postgres)")
        else:
            pg = bench_postgres(args.per_writer)
            if isinstance(pg, str):
                print(f"PostgreSQL write: {pg}")
            else:
                print(f"PostgreSQL write, {WRITERS} writer processes x {args.per_writer} (fsync on): ours "
                      f"{pg[0]:,.0f} comments/s | naive connection-per-statement {pg[1]:,.0f}/s | "
                      f"ratio {pg[0] / pg[1]:.1f}x")
        page, whole, label, size = bench_thread(folder, args.thread)
        median, worst = statistics.median(page), max(page)
        print(f"First page (50) of a {size:,}-comment thread, loaded + rendered ({label}): ours median "
              f"{median:.1f} ms (max {worst:.1f}) | load+render all {size:,} {statistics.median(whole):,.0f} ms | "
              f"ratio {statistics.median(whole) / median:.0f}x | target <= {PAGE_TARGET_MS:.0f} ms: "
              f"ours/target {median / PAGE_TARGET_MS:.2f} {'MET' if median <= PAGE_TARGET_MS else 'MISSED'}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
