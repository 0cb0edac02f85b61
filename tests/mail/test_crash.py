"""A worker killed between "the SMTP server accepted it" and "marked sent": the message goes out again,
with the same Message-ID, once the dead worker's lease runs out, and nothing else is sent twice.

The kill is the test-only ``ESSAYKIT_TEST_CRASH_AFTER_SMTP=1`` (essaykit.mail.worker), which makes
``essaykit mail send`` call ``os._exit`` right after the server's 250 for the first message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore


@pytest.fixture
def store_url(db_url):
    return db_url


def send(db: str, server, *, crash: bool = False, lease: float = 1) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("essaykit")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESSAYKIT_")}
    if crash:
        env["ESSAYKIT_TEST_CRASH_AFTER_SMTP"] = "1"
    return subprocess.run([str(exe), "mail", "send", "--db", db, "--smtp", server.url(), "--mail-from",
                           "blog@example.org", "--notify", "author@example.org", "--public-url",
                           "http://blog.example.org/", "--lease", str(lease)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_worker_killed_between_sending_and_marking(store_url, smtp_server, tmp_path):
    from essaykit.mail import outbox

    with CommentStore.open(store_url, rules=Rules.permissive()) as store:
        for n in range(3):
            store.post("the-salt-road", author=f"R{n}", email=f"r{n}@example.org", body=f"Comment {n}.")

    killed = send(store_url, smtp_server, crash=True)
    assert killed.returncode == 75, killed.stderr
    (first,) = smtp_server.messages()
    with CommentStore.open(store_url) as store, store.reading() as conn:
        assert outbox.counts(conn) == {"sending": 3}, "the claimed batch is still leased to the dead worker"

    deadline = time.monotonic() + 30
    while True:
        done = send(store_url, smtp_server)
        assert done.returncode == 0, done.stderr
        if len(smtp_server.messages()) >= 4 or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    ids = [m["Message-ID"] for m in smtp_server.messages()]
    assert len(ids) == 4, ids
    assert ids.count(first["Message-ID"]) == 2, "the one in flight is sent again, with the same Message-ID"
    assert len(set(ids)) == 3, "every other message exactly once"
    with CommentStore.open(store_url) as store, store.reading() as conn:
        assert outbox.counts(conn) == {"sent": 3}
    assert send(store_url, smtp_server).stdout.strip() == "0 sent"
    assert len(smtp_server.messages()) == 4


def test_two_send_processes_at_once_send_each_message_once(store_url, smtp_server):
    """Two `essaykit mail send` started together (cron on two machines): claims never overlap."""
    with CommentStore.open(store_url, rules=Rules.permissive()) as store:
        for n in range(40):
            store.post("the-salt-road", author=f"R{n}", email=f"r{n}@example.org", body=f"Comment {n}.")
    exe = Path(sys.executable).with_name("essaykit")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESSAYKIT_")}
    argv = [str(exe), "mail", "send", "--db", store_url, "--smtp", smtp_server.url(), "--mail-from",
            "blog@example.org", "--notify", "author@example.org", "--public-url", "http://blog.example.org/"]
    # The author's hourly limit would stop at 60; 40 stays under it.
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    ids = [m["Message-ID"] for m in smtp_server.messages()]
    assert len(ids) == 40 and len(set(ids)) == 40
    sent = sum(int(out.strip().split()[0]) for out, _ in outputs)
    assert sent == 40, outputs
