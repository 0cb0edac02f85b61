"""Benchmark the reference deployment (docs/deploy.md): one `essaykit serve` replica behind nginx against two.

    .venv/bin/python bench/scaleout.py [--views 2000] [--posts 400] [--rounds 3] [--clients 4] [--threads 8]

Everything runs on this machine, on loopback, from the same templates the tests use
(tests/helpers/deploy.py): PostgreSQL (fsync off, as in the tests), PgBouncer in transaction mode,
two replicas, and two nginx instances, one balancing over replica A only and one over A and B.
The load comes from ``--clients`` processes with ``--threads`` keep-alive connections each.

Figures (each printed with what served it):

views     GETs of a live essay page by new readers (no cookie: each gets a fresh signed session),
          through nginx with one replica and with two, ``--rounds`` times each, alternating (other
          work on the machine then hits both alike): views/s, p50/p95, the medians and their ratio;
          plus the built static page from nginx alone, the floor no replica can beat.
posts     comments posted through nginx with one replica and with two, the same way: posts/s, ratio.
kill      posting through both replicas while one is killed with SIGKILL a third of the way in:
          p50/p95/max time to an acknowledged post (a post cut off by the kill is sent again, as a
          reader would), acknowledged posts missing from the database, and posts stored twice.

The machine has 2 cores shared by the load clients, nginx, both replicas, PgBouncer and PostgreSQL,
so a second replica can only use the part of the CPU the others leave; the output says where the time
goes (CPU of each process during the views run).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESSAY = "the-salt-road"
PAGE = f"/voila/render/{ESSAY}.ipynb"


def _helpers():
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import helpers.api_client as api_client
    import helpers.deploy as deploy
    from helpers.postgres import ThrowawayPostgres

    return deploy, api_client, ThrowawayPostgres


# --- load --------------------------------------------------------------------------------------------


def _worker(job: dict) -> list[tuple[float, int]]:
    """One client process: ``threads`` keep-alive connections sending ``count`` requests between them."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    left = [job["count"]]

    def take() -> bool:
        with lock:
            if left[0] <= 0:
                return False
            left[0] -= 1
            return True

    def run() -> None:
        conn = None
        while take():
            body = None
            a, b, c = os.urandom(3)
            # A reader address of its own, as nginx forwards it (the replicas believe nginx).
            headers = {"Host": job["host"], "X-Forwarded-For": f"10.{a}.{b}.{c % 250 + 1}"}
            if job["method"] == "POST":
                n = os.urandom(6).hex()
                body = json.dumps({"essay": ESSAY, "author": f"Bench {n}", "email": f"b{n}@example.org",
                                   "body": f"A benchmark comment {n}."})
                headers.update({"Content-Type": "application/json", "Origin": f"http://{job['host']}"})
            started = time.perf_counter()
            status = 0
            for _attempt in range(8):
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection("127.0.0.1", job["port"], timeout=60)
                    conn.request(job["method"], job["path"], body=body, headers=headers)
                    resp = conn.getresponse()
                    answer = resp.read()
                    status = resp.status
                    if resp.will_close:
                        conn.close()
                        conn = None
                except OSError:
                    if conn is not None:
                        conn.close()
                    conn = None
                    status = 0
                    answer = b""
                if status in (0, 502, 503, 504):
                    time.sleep(0.05)  # a reader pressing again
                    continue
                if status == 400 and b"already posted" in answer:
                    status = 202  # an earlier try was stored; its answer was lost
                break
            with lock:
                results.append((time.perf_counter() - started, status, body and json.loads(body)["body"]))

    threads = [threading.Thread(target=run) for _ in range(job["threads"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def load(port: int, host: str, method: str, path: str, count: int, clients: int, threads: int, pool):
    """Send ``count`` requests from ``clients`` processes; (seconds, [(latency, status, body)])."""
    jobs = [{"port": port, "host": host, "method": method, "path": path, "threads": threads,
             "count": count // clients + (1 if i < count % clients else 0)} for i in range(clients)]
    started = time.perf_counter()
    results = [r for part in pool.map(_worker, jobs) for r in part]
    return time.perf_counter() - started, results


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children so far."""
    import psutil

    total = 0.0
    try:
        proc = psutil.Process(pid)
        for p in [proc, *proc.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
    except psutil.Error:
        pass
    return total


# --- the run ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--views", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each figure, alternating 1 and 2 replicas")
    args = parser.parse_args()
    deploy, api_client, ThrowawayPostgres = _helpers()
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run (other work on the "
          f"machine shares the cores); load from {args.clients} processes x {args.threads} connections")

    base = Path(tempfile.mkdtemp(prefix="essaykit-bench-scaleout-"))
    # No flood limits: the benchmark measures the servers, not the rules (every post comes from its own address).
    folder = api_client.write_site(base / "essays", rules={"min_interval": 0, "max_per_hour": 0,
                                                            "max_per_hour_network": 0})
    pg = ThrowawayPostgres().start()
    parts: list = []
    try:
        pg.create_database("bench")
        bouncer = deploy.PgBouncer(pg_port=pg.port, database="bench", pool_size=8).start()
        parts.append(bouncer)
        replicas = [deploy.Replica(folder, bouncer.url(), base, origin="") for _ in range(2)]
        one = deploy.Nginx(base / "nginx-one", site_root=base / "site", replicas=replicas[:1])
        two = deploy.Nginx(base / "nginx-two", site_root=base / "site", replicas=replicas)
        two.host = one.host = f"{deploy.SITE_NAME}:{two.port}"  # one site name for both; cookies are per host
        one.origin = two.origin = f"http://{two.host}"
        for r in replicas:
            r.origin = two.origin
        import subprocess

        subprocess.run([str(Path(sys.executable).with_name("essaykit")), "build", str(folder), "-o",
                        str(base / "site"), "--no-execute", "--db", bouncer.url()], check=True,
                       capture_output=True, timeout=600)
        for r in replicas:
            parts.append(r.launch())
        for r in replicas:
            r.wait()
        parts += [one.start(), two.start()]
        print("stack: PostgreSQL 15 (fsync off) <- PgBouncer (transaction mode) <- 2 x essaykit serve <- nginx; "
              f"serve command: essaykit serve {folder.name}/ --db {bouncer.url()} --warm-kernels=0 --max-kernels=2 "
              f"--allow-origin {two.origin}")
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.clients) as pool:
            for nginx in (one, two):  # warm both replicas' page caches and the connections
                load(nginx.port, two.host, "GET", PAGE, 200, args.clients, args.threads, pool)

            print("\n== views: GET of a live essay page by new readers ==")
            static = "/" + str(next(p for p in sorted((base / "site").rglob("*.html"))
                                    if ESSAY in str(p)).relative_to(base / "site"))
            floor_s, floor = load(two.port, two.host, "GET", static, args.views, args.clients,
                                  args.threads, pool)
            figures: dict = {}
            for round_ in range(args.rounds):  # alternate, so the machine's other work hits both alike
                for label, nginx in (("1 replica ", one), ("2 replicas", two)):
                    watched = _processes(pg, bouncer, replicas, nginx) + [
                        (f"load client {i + 1}", p.pid) for i, p in enumerate(pool._pool)]
                    before = {name: cpu_seconds(pid) for name, pid in watched}
                    seconds, results = load(nginx.port, two.host, "GET", PAGE, args.views, args.clients,
                                            args.threads, pool)
                    used = {name: cpu_seconds(pid) - before[name] for name, pid in watched}
                    ok = [lat for lat, status, _ in results if status == 200]
                    figures.setdefault(label, []).append(len(ok) / seconds)
                    print(f"{label} (round {round_ + 1}): {len(ok) / seconds:7.0f} views/s  p50 "
                          f"{pct(ok, 50) * 1000:5.1f} ms  p95 {pct(ok, 95) * 1000:5.1f} ms  "
                          f"({len(ok)}/{len(results)} answered 200)")
                    print("            CPU seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in used.items() if v >= 0.05)
                          + f" (wall {seconds:.1f} s x {os.cpu_count()} cores)")
            figures = {k: statistics.median(v) for k, v in figures.items()}
            print(f"median of {args.rounds} rounds: 1 replica {figures['1 replica ']:.0f} views/s, "
                  f"2 replicas {figures['2 replicas']:.0f} views/s")
            ok = [lat for lat, status, _ in floor if status == 200]
            print(f"static page from nginx alone (the floor): {len(ok) / floor_s:7.0f} views/s  "
                  f"p95 {pct(ok, 95) * 1000:5.1f} ms")
            print(f"ratio 2 replicas / 1 replica: {figures['2 replicas'] / figures['1 replica ']:.2f}x")
            from essaykit.comments.store import CommentStore

            with CommentStore.open(bouncer.url()) as store:
                store.version()
                started = time.perf_counter()
                for _ in range(1000):
                    store.version()
                each = (time.perf_counter() - started) / 1000
            print(f"the page cache's staleness check (CommentStore.version(), one primary-key read through "
                  f"PgBouncer, pool pre-ping included): {each * 1e6:.0f} us per view")

            print("\n== posts: comments posted through the balancer ==")
            posted: dict = {}
            for round_ in range(args.rounds):
                for label, nginx in (("1 replica ", one), ("2 replicas", two)):
                    seconds, results = load(nginx.port, two.host, "POST", "/api/comments", args.posts, args.clients,
                                            args.threads, pool)
                    ok = [lat for lat, status, _ in results if status == 202]
                    posted.setdefault(label, []).append(len(ok) / seconds)
                    print(f"{label} (round {round_ + 1}): {len(ok) / seconds:7.0f} posts/s  p50 "
                          f"{pct(ok, 50) * 1000:5.1f} ms  p95 {pct(ok, 95) * 1000:5.1f} ms  "
                          f"({len(ok)}/{len(results)} answered 202)")
            posted = {k: statistics.median(v) for k, v in posted.items()}
            print(f"median of {args.rounds} rounds: 1 replica {posted['1 replica ']:.0f} posts/s, "
                  f"2 replicas {posted['2 replicas']:.0f} posts/s")
            print(f"ratio 2 replicas / 1 replica: {posted['2 replicas'] / posted['1 replica ']:.2f}x")

            print("\n== kill: posting through both replicas, replica B killed with SIGKILL a third of the way ==")
            box: dict = {}

            def kill_when_a_third_is_done() -> None:
                time.sleep(max(0.2, args.posts / posted["2 replicas"] / 3))
                replicas[1].kill()
                box["killed_at"] = time.perf_counter()

            killer = threading.Thread(target=kill_when_a_third_is_done)
            killer.start()
            began = time.perf_counter()
            seconds, results = load(two.port, two.host, "POST", "/api/comments", args.posts, args.clients,
                                    args.threads, pool)
            killer.join()
            print(f"replica B killed {box['killed_at'] - began:.2f} s into a {seconds:.2f} s run")
            ok = [lat for lat, status, _ in results if status == 202]
            acked = [body for _, status, body in results if status == 202]
            from essaykit.comments.store import CommentStore

            with CommentStore.open(bouncer.url()) as store:
                bodies = [c.body for c in store.list(ESSAY)]
            counts = {b: 0 for b in acked}
            for b in bodies:
                if b in counts:
                    counts[b] += 1
            print(f"posts/s {len(ok) / seconds:.0f}; time to an acknowledged post: p50 {pct(ok, 50) * 1000:.1f} ms  "
                  f"p95 {pct(ok, 95) * 1000:.1f} ms  max {max(ok) * 1000:.0f} ms")
            print(f"acknowledged {len(acked)}, missing from the database {sum(1 for c in counts.values() if c == 0)}, "
                  f"stored twice {sum(1 for c in counts.values() if c > 1)}; "
                  f"not acknowledged {len(results) - len(ok)} "
                  f"(their last answers: {sorted(status for _, status, _ in results if status != 202)})")
    finally:
        for part in reversed(parts):
            part.stop()
        pg.stop()
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    return 0


def _processes(pg, bouncer, replicas, nginx):
    found = [("nginx", nginx.proc.pid), ("pgbouncer", bouncer.proc.pid)]
    found += [(f"replica {chr(65 + i)}", r.proc.pid) for i, r in enumerate(replicas)]
    try:
        pid = int((pg.data / "postmaster.pid").read_text().split()[0])
        found.append(("postgres", pid))
    except (OSError, ValueError, IndexError):
        pass
    return found


if __name__ == "__main__":
    sys.exit(main())
