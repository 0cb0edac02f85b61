"""Benchmark the mail outbox: 10,000 queued messages delivered to a local aiosmtpd.

    .venv/bin/python bench/mail.py [--messages 10000]

Set-up (not timed): an SQLite comment database with ``--messages`` held
comments, each with its author notice queued in the outbox, as posting them
would have left it; one aiosmtpd server on loopback (in this process, in a
thread) that counts what it receives.

Ours: ``Sender.drain()`` in a child process, the whole way: claim rows in
batches, read each comment, write the message (three signed links), hand it
to SMTP over one connection, mark it sent in its own transaction.

The stock tool: Python's ``smtplib`` in a child process, sending the same
number of messages, built beforehand as bytes (not timed) by the same
template, in one loop over one connection: the floor for any sender on this machine, with no
database and no bookkeeping.

Reported: messages per second and the sender's peak memory (max RSS), for
both, and their ratios. Every message must arrive (the count is checked).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUTHOR = "author@example.org"
PUBLIC = "https://blog.example.org/"


class Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += len(envelope.rcpt_tos)
        return "250 OK"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fill(db: str, n: int) -> None:
    """``n`` held comments and their queued author notices, written in bulk like the posting path leaves them."""
    import secrets

    from essaykit.comments.fields import body_hash
    from essaykit.db.schema import comments, mail_outbox, moderation_log, utcnow
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store, store.writing() as conn:
        now = utcnow()
        rows, notices = [], []
        for i in range(n):
            public = secrets.token_hex(6)
            body = f"Comment number {i}: the train scene is the best thing in it, and the score carries it home."
            rows.append({"public_id": public, "essay": "the-salt-road", "parent_id": None, "depth": 0,
                         "author": f"Reader {i}", "email": f"r{i}@example.org", "email_key": f"r{i}@example.org",
                         "website": "", "body": body, "body_hash": body_hash(body), "created": now,
                         "status": "pending", "kind": "comment", "source_url": "", "session_hash": "",
                         "import_source": "", "title": "", "by_author": False})
            notices.append({"message_id": secrets.token_hex(16), "dedupe": f"author:{public}", "kind": "author",
                            "recipient": "", "comment_id": public, "subscription_id": None, "state": "queued",
                            "attempts": 0, "next_attempt": now, "claimed_by": "", "claimed_until": None,
                            "last_error": "", "created": now, "sent_at": None})
        conn.execute(comments.insert(), rows)
        conn.execute(mail_outbox.insert(), notices)
        del moderation_log  # the log is not read by the sender


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_ours(db: str, port: int) -> dict:
    from essaykit.comments.store import CommentStore
    from essaykit.mail.config import MailConfig, SmtpUrl
    from essaykit.mail.messages import Essay
    from essaykit.mail.worker import Sender

    # The per-recipient limit is for real inboxes; here every notice goes to one author on purpose.
    config = MailConfig(smtp=SmtpUrl.parse(f"smtp://127.0.0.1:{port}"), sender="Film notes <blog@example.org>",
                        notify=AUTHOR, public_url=PUBLIC, author_per_hour=10**9)
    with CommentStore.open(db) as store:
        sender = Sender(store, config, essays=lambda slug: Essay("The Salt Road", PUBLIC))
        start = time.perf_counter()
        report = sender.drain()
        seconds = time.perf_counter() - start
    return {"sent": report.sent, "seconds": seconds, "rss": peak_rss_mib()}


def child_stock(n: int, port: int) -> dict:
    import smtplib
    from datetime import datetime, timezone
    from email.policy import SMTP as SMTP_POLICY  # CRLF line ends, as on the wire
    from email.headerregistry import Address

    from essaykit.mail.messages import Commented, Essay, author_notice

    sender = Address("Film notes", "blog", "example.org")
    essay = Essay("The Salt Road", PUBLIC)
    messages = []
    for i in range(n):
        comment = Commented(id=f"{i:012x}", author=f"Reader {i}", email=f"r{i}@example.org", website="",
                            body=f"Comment number {i}: the train scene is the best thing in it, and the score "
                                 "carries it home.", status="pending", created=datetime.now(timezone.utc))
        links = {a: f"{PUBLIC}essaykit/mail/moderate/{a}-{i:012x}.x.y" for a in ("approve", "spam", "delete")}
        messages.append(author_notice(sender=sender, to=AUTHOR, message_id=f"{i:032x}", essay=essay, comment=comment,
                                      links=links, days=7).as_bytes(policy=SMTP_POLICY))
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for message in messages:
            client.sendmail("blog@example.org", [AUTHOR], message)
    seconds = time.perf_counter() - start
    return {"sent": n, "seconds": seconds, "rss": peak_rss_mib()}


def run_child(*args: str, script: str = __file__) -> dict:
    """``script --child ARGS`` in a fresh process (its own peak memory); its last line, as JSON."""
    proc = subprocess.run([sys.executable, script, "--child", *args], capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        raise SystemExit(f"the child {args[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_ours(rest[0], int(rest[1])) if kind == "ours" else child_stock(int(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return

    from aiosmtpd.controller import Controller

    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory(prefix="essaykit-bench-mail-") as tmp:
            db = f"sqlite:///{Path(tmp) / 'comments.sqlite'}"
            print(f"queueing {args.messages:,} author notices in {db} …", file=sys.stderr)
            fill(db, args.messages)
            ours = run_child("ours", db, str(port))
            arrived_ours = counter.count
            stock = run_child("stock", str(args.messages), str(port))
            arrived_stock = counter.count - arrived_ours
    finally:
        controller.stop()
    if ours["sent"] != args.messages or arrived_ours != args.messages or arrived_stock != args.messages:
        raise SystemExit(f"messages went missing: ours sent {ours['sent']}, {arrived_ours} arrived; "
                         f"stock {arrived_stock} arrived of {args.messages}")
    rate_ours = ours["sent"] / ours["seconds"]
    rate_stock = stock["sent"] / stock["seconds"]
    print(f"{args.messages:,} messages to a local aiosmtpd (all arrived)")
    print(f"{'':28}{'messages/s':>12}{'peak RSS (MiB)':>16}")
    print(f"{'essaykit outbox (drain)':28}{rate_ours:12.0f}{ours['rss']:16.1f}")
    print(f"{'stock: smtplib loop':28}{rate_stock:12.0f}{stock['rss']:16.1f}")
    print(f"{'ratio ours / stock':28}{rate_ours / rate_stock:12.2f}{ours['rss'] / stock['rss']:16.2f}")


if __name__ == "__main__":
    main()
