"""Benchmark Follow by email: one essay's email to 10,000 followers, through the outbox.

    .venv/bin/python bench/followers.py [--followers 10000]

Set-up (not timed): an SQLite comment database with ``--followers`` confirmed
followers; one aiosmtpd server on loopback (in this process, in a thread) that
counts what it receives.

Ours, in a child process: ``queue_essay`` (what ``essaykit followers send`` and
``essaykit build --notify-followers`` do: one outbox row per follower, in
batches, in one transaction), then ``Sender.drain()`` the whole way (claim,
read the follower and the essay's announcement, write the text and HTML
parts with their signed unsubscribe link, SMTP over one connection, mark sent).

The stock figure is the outbox's own rate (bench/mail.py's "ours"): the same
number of author notices drained by the same sender, so the ratio is what a
follower's email costs against the outbox's cheapest message.

Reported: messages per second (queueing included for ours), queueing time,
the sender's peak memory, and the ratios. Every message must arrive.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.mail import PUBLIC, Counter, child_ours, fill, free_port, peak_rss_mib, run_child  # noqa: E402


def fill_followers(db: str, n: int) -> None:
    """``n`` confirmed followers, written in bulk as confirming would leave them."""
    from essaykit.comments.store import CommentStore
    from essaykit.db.schema import mail_followers, utcnow
    from essaykit.mail.followers import new_token

    with CommentStore.open(db) as store, store.writing() as conn:
        now = utcnow()
        conn.execute(mail_followers.insert(), [
            {"token": new_token(), "email": f"f{i}@example.org", "email_key": f"f{i}@example.org", "state": "active",
             "source": "form", "created": now, "consent_at": now} for i in range(n)])


def child_followers(db: str, port: int) -> dict:
    from essaykit.comments.statements import naive_utc
    from essaykit.comments.store import CommentStore
    from essaykit.mail.config import MailConfig, SmtpUrl
    from essaykit.mail.followers import Announcement, queue_essay
    from essaykit.mail.messages import Essay
    from essaykit.mail.worker import Sender

    config = MailConfig(smtp=SmtpUrl.parse(f"smtp://127.0.0.1:{port}"), sender="Film notes <blog@example.org>",
                        notify="", public_url=PUBLIC)
    item = Announcement("the-salt-road", "The Salt Road", f"{PUBLIC}the-salt-road.html",
                        "A road trip along the old salt route, and the film that made it famous. " * 4, True)
    with CommentStore.open(db) as store:
        start = time.perf_counter()
        with store.writing() as conn:
            queued = queue_essay(conn, item, moment=naive_utc(None))
        queue_seconds = time.perf_counter() - start
        sender = Sender(store, config, essays=lambda slug: Essay("The Salt Road", PUBLIC))
        report = sender.drain()
        seconds = time.perf_counter() - start
    return {"queued": queued, "sent": report.sent, "seconds": seconds, "queue_seconds": queue_seconds,
            "rss": peak_rss_mib()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, port = args.child
        print(json.dumps(child_followers(db, int(port)) if kind == "followers" else child_ours(db, int(port))))
        return

    from aiosmtpd.controller import Controller

    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    n = args.followers
    try:
        with tempfile.TemporaryDirectory(prefix="essaykit-bench-followers-") as tmp:
            ours_db, stock_db = (f"sqlite:///{Path(tmp) / name}" for name in ("followers.sqlite", "notices.sqlite"))
            print(f"writing {n:,} followers and {n:,} queued author notices …", file=sys.stderr)
            fill_followers(ours_db, n)
            fill(stock_db, n)
            ours = run_child("followers", ours_db, str(port), script=__file__)
            arrived_ours = counter.count
            stock = run_child("notices", stock_db, str(port), script=__file__)
            arrived_stock = counter.count - arrived_ours
    finally:
        controller.stop()
    if not (ours["queued"] == ours["sent"] == arrived_ours == n and stock["sent"] == arrived_stock == n):
        raise SystemExit(f"messages went missing: ours queued {ours['queued']}, sent {ours['sent']}, "
                         f"{arrived_ours} arrived; the outbox's notices {arrived_stock} arrived of {n}")
    rate_ours, rate_stock = n / ours["seconds"], n / stock["seconds"]
    print(f"one essay to {n:,} followers, to a local aiosmtpd (all arrived); queueing took {ours['queue_seconds']:.2f} s")
    print(f"{'':34}{'messages/s':>12}{'peak RSS (MiB)':>16}")
    print(f"{'ours: followers send + drain':34}{rate_ours:12.0f}{ours['rss']:16.1f}")
    print(f"{'stock: the outbox (author notices)':34}{rate_stock:12.0f}{stock['rss']:16.1f}")
    print(f"{'ratio ours / stock':34}{rate_ours / rate_stock:12.2f}{ours['rss'] / stock['rss']:16.2f}")


if __name__ == "__main__":
    main()
