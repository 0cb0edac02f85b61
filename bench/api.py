"""Benchmark the comment API of ``essaykit serve``: posts per second and reads under load.

    .venv/bin/python bench/api.py [--clients 4] [--posts 500] [--seconds 0]

One ``essaykit serve`` (SQLite, the example essay) and, at once:

* ``--clients`` client processes, each posting ``--posts`` comments as JSON
  (``POST /api/comments``) over one keep-alive connection, one after the
  other, as fast as the server answers. Every post goes the real way:
  Origin check, every field checked, moderation, the moderation log, one
  SQLite transaction. The writers' emails have an approved comment, so every
  post is published and the thread the readers fetch keeps changing;
* one reader process fetching ``GET /api/comments?essay=…`` (the first page
  of 50) in a loop until the posts are done.

Reported: comments posted per second, comments lost (answered 202 but not in
the database, or refused), p50/p95 post latency, p95 of the reads while the
posts run. The comparison is Isso's documentation, which promises "up to 20
requests per second" for its SQLite backend. Targets: ≥ 500 posts/s and read
p95 ≤ 20 ms on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESSAY = "the-salt-road"
ISSO_REQUESTS_PER_SECOND = 20.0  # Isso's docs: "up to 20 requests per second"
POST_TARGET = 500.0
READ_P95_TARGET_MS = 20.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def writer(port: int, number: int, count: int, start_at: float, out, known: str = "") -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    origin = f"http://127.0.0.1:{port}"
    cookie = ""
    latencies, accepted, refused = [], 0, 0
    while time.time() < start_at:
        time.sleep(0.001)
    began = time.perf_counter()
    for i in range(count):
        body = json.dumps({"essay": ESSAY, "author": f"Writer {number}", "email": f"w{number}@example.org",
                           "body": f"Comment {i} from writer {number}, with *a little* Markdown."})
        headers = {"Content-Type": "application/json", "Origin": origin}
        if cookie or known:
            headers["Cookie"] = "; ".join(c for c in (cookie, known) if c)
        t0 = time.perf_counter()
        conn.request("POST", "/api/comments", body, headers)
        resp = conn.getresponse()
        resp.read()
        latencies.append(time.perf_counter() - t0)
        if resp.status == 202:
            accepted += 1
        else:
            refused += 1
        set_cookie = resp.getheader("Set-Cookie")
        if set_cookie and not cookie:
            cookie = set_cookie.split(";")[0]
    out.put({"latencies": latencies, "accepted": accepted, "refused": refused,
             "seconds": time.perf_counter() - began})


def reader(port: int, stop, start_at: float, out) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies, statuses = [], {}
    while time.time() < start_at:
        time.sleep(0.001)
    while not stop.is_set():
        t0 = time.perf_counter()
        conn.request("GET", f"/api/comments?essay={ESSAY}")
        resp = conn.getresponse()
        resp.read()
        latencies.append(time.perf_counter() - t0)
        statuses[resp.status] = statuses.get(resp.status, 0) + 1
        time.sleep(0.005)  # a reader every few milliseconds, not a flood
    out.put({"latencies": latencies, "statuses": statuses})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--posts", type=int, default=500, help="comments per client")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="essaykit-bench-api-"))
    folder = work / "essays"
    folder.mkdir()
    shutil.copy(ROOT / "notebooks" / f"{ESSAY}.ipynb", folder)
    (folder / "rules.json").write_text(json.dumps({"min_interval": 0, "max_per_hour": 0, "max_per_hour_network": 0, "max_pending": 0}))
    db = f"sqlite:///{work / 'comments.sqlite'}"

    sys.path.insert(0, str(ROOT))
    from essaykit.comments.store import CommentStore

    from essaykit.comments.trust import KNOWN_COOKIE, mint_known

    known = {}
    with CommentStore.open(db) as store:  # the writers are returning commenters: their posts are published
        for n in range(args.clients):
            first = store.post(ESSAY, author=f"Writer {n}", email=f"w{n}@example.org", body=f"Hello from {n}.")
            store.set_status(first.comment.id, "approved", by="bench")
            # ...because their browsers hold the "approved before" token, as a returning commenter's does.
            known[n] = f"{KNOWN_COOKIE}={mint_known(store, f'w{n}@example.org')}"
        before = len(store.list(ESSAY))

    port = free_port()
    exe = Path(sys.executable).with_name("essaykit")
    env = {**os.environ, "ESSAYKIT_MODERATION": str(folder / "rules.json")}
    command = [str(exe), "serve", str(folder), f"--port={port}", "--db", db, "--warm-kernels", "0"]
    log = open(work / "server.log", "wb")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", f"/api/counts?essay={ESSAY}")
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    print((work / "server.log").read_text()[-2000:])
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        import psutil

        serving = psutil.Process(server.pid)
        cpu_before = sum(serving.cpu_times()[:2])
        results = multiprocessing.Queue()
        stop = multiprocessing.Event()
        start_at = time.time() + 1.0
        writers = [multiprocessing.Process(target=writer, args=(port, n, args.posts, start_at, results, known[n]))
                   for n in range(args.clients)]
        reading = multiprocessing.Process(target=reader, args=(port, stop, start_at, results))
        for p in [*writers, reading]:
            p.start()
        got = [results.get(timeout=600) for _ in writers]
        wall = time.time() - start_at
        server_cpu = sum(serving.cpu_times()[:2]) - cpu_before
        stop.set()
        read = results.get(timeout=60)
        for p in [*writers, reading]:
            p.join(timeout=30)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    with CommentStore.open(db) as store:
        stored = len(store.list(ESSAY)) - before
    accepted = sum(g["accepted"] for g in got)
    refused = sum(g["refused"] for g in got)
    sent = args.clients * args.posts
    lost = sent - stored + (accepted - stored if accepted > stored else 0)
    posts = [t for g in got for t in g["latencies"]]
    rate = stored / wall
    read_p95 = percentile(read["latencies"], 95) * 1000
    shutil.rmtree(work, ignore_errors=True)

    print(f"essaykit serve comment API, SQLite, {args.clients} client processes x {args.posts} posts, "
          f"1 reader process during the posts")
    print(f"  command: .venv/bin/python bench/api.py --clients {args.clients} --posts {args.posts}")
    print(f"  posts: {sent} sent, {accepted} answered 202, {refused} refused, {stored} stored, {lost} lost")
    print(f"  comments posted per second: ours {rate:.0f}/s   Isso (documented) {ISSO_REQUESTS_PER_SECOND:.0f}/s   "
          f"ratio {rate / ISSO_REQUESTS_PER_SECOND:.1f}x   target >= {POST_TARGET:.0f}/s "
          f"({'met' if rate >= POST_TARGET else 'NOT met'})")
    print(f"  server CPU: {server_cpu:.1f} s for {stored} posts and {len(read['latencies'])} reads = "
          f"{server_cpu / max(1, stored) * 1000:.2f} ms per post, i.e. {stored / max(server_cpu, 1e-9):.0f} posts per "
          f"second of one core (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  post latency: p50 {percentile(posts, 50) * 1000:.1f} ms   p95 {percentile(posts, 95) * 1000:.1f} ms")
    print(f"  GET /api/comments during the posts: {len(read['latencies'])} reads, "
          f"p50 {percentile(read['latencies'], 50) * 1000:.1f} ms   p95 {read_p95:.1f} ms   "
          f"target <= {READ_P95_TARGET_MS:.0f} ms ({'met' if read_p95 <= READ_P95_TARGET_MS else 'NOT met'})   "
          f"ratio to target {read_p95 / READ_P95_TARGET_MS:.2f}x   statuses {read['statuses']}")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
