"""Reliability of the SQLite store under concurrent writers and a writer killed mid-stream.

The writers are real processes posting through CommentStore.post(), the
same path as the comment form; only flood control is switched off
(Rules.permissive) because one process posts hundreds of comments a second.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from essaykit.comments.store import CommentStore

ESSAY = "reliability"

WRITER = r"""
import sys
from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore

url, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = CommentStore.open(url, rules=Rules.permissive())
i = 0
while count < 0 or i < count:
    result = store.post("reliability", author=f"Writer {worker}", email=f"w{worker}@example.org",
                        body=f"comment {worker}-{i}", session=f"session-{worker}")
    # Printed only after post() returned, i.e. after the commit: an acknowledgement.
    print(f"ack {result.comment.id} {worker}-{i}", flush=True)
    i += 1
store.close()
print("done", flush=True)
"""


def _writer(url: str, worker: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, worker, str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_four_processes_post_500_comments_each(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    CommentStore.open(url).close()  # create and migrate once, as `essaykit serve` would
    writers = [_writer(url, str(n), 500) for n in range(4)]
    outputs = [w.communicate(timeout=600) for w in writers]
    for w, (out, err) in zip(writers, outputs):
        assert w.returncode == 0, f"a writer failed:\n{err[-3000:]}"
        assert "locked" not in err.lower() and "busy" not in err.lower(), err[-3000:]
        assert out.rstrip().endswith("done")
    acked = {line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("ack ")}
    assert len(acked) == 2000, "every post returned its own new id"
    with CommentStore.open(url) as store:
        stored = store.list(ESSAY)
    bodies = [c.body for c in stored]
    assert len(stored) == 2000
    assert len(set(bodies)) == 2000, "no comment may be stored twice"
    assert {c.id for c in stored} == acked
    assert set(bodies) == {f"comment {w}-{i}" for w in range(4) for i in range(500)}


@pytest.mark.slow
def test_a_killed_writer_loses_nothing_it_acknowledged(tmp_path: Path):
    path = tmp_path / "comments.sqlite"
    url = f"sqlite:///{path}"
    CommentStore.open(url).close()
    # A second writer keeps the database busy so the kill lands amid real contention.
    companion = _writer(url, "companion", -1)
    victim = _writer(url, "victim", -1)
    acked: list[str] = []
    reader = threading.Thread(target=lambda: acked.extend(
        line.split()[1] for line in victim.stdout if line.startswith("ack ")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 300
    while len(acked) < 300 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.poll() is None, f"the writer stopped by itself: {victim.stderr.read()[-2000:]}"
    assert len(acked) >= 300, "the writer did not get going in time"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    reader.join(timeout=60)  # every line the writer printed before dying is an acknowledgement
    companion.send_signal(signal.SIGKILL)
    companion.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with CommentStore.open(url) as store:
        stored = {c.id for c in store.list(ESSAY)}
    missing = [i for i in acked if i not in stored]
    assert not missing, f"{len(missing)} acknowledged comments were lost after SIGKILL"


def test_a_writer_waits_for_a_held_lock_instead_of_failing(tmp_path: Path):
    path = tmp_path / "comments.sqlite"
    url = f"sqlite:///{path}"
    with CommentStore.open(url) as store:
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # hold the write lock, as a slow writer would
        result: dict = {}

        def post() -> None:
            try:
                result["value"] = store.post(ESSAY, author="Ada", email="ada@example.org", body="patient")
            except Exception as exc:  # noqa: BLE001 - the assertion below reports it
                result["error"] = exc

        thread = threading.Thread(target=post)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "the post should be waiting for the lock, not finished or failed"
        blocker.execute("COMMIT")
        blocker.close()
        thread.join(timeout=120)
        assert "error" not in result, f"a held lock must not reach the caller: {result.get('error')!r}"
        assert store.get(result["value"].comment.id).body == "patient"


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path):
    from essaykit.db.engine import BUSY_TIMEOUT_MS

    with CommentStore.open(f"sqlite:///{tmp_path / 'c.sqlite'}") as store:
        with store._engine.connect() as conn:
            pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                      for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")}
    assert pragma == {"journal_mode": "wal", "busy_timeout": BUSY_TIMEOUT_MS, "foreign_keys": 1, "synchronous": 1}


def test_one_engine_per_process_and_url(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    with CommentStore.open(url) as a, CommentStore.open(url) as b:
        assert a._engine is b._engine
