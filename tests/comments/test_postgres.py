"""PostgreSQL-only behaviour: concurrent processes and the checks that must not race.

(The whole store suite also runs on PostgreSQL through the ``db_url`` fixture.)
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from essaykit.comments.store import CommentStore
from essaykit.errors import CommentError

pytestmark = pytest.mark.postgres

OPEN_AND_POST = r"""
import sys
from essaykit.comments.moderation import Rules
from essaykit.comments.store import CommentStore

url, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = CommentStore.open(url, rules=Rules.permissive())   # all workers migrate a fresh database at once
for i in range(count):
    store.post("pg-essay", author="W", email=f"w{worker}@example.org", body=f"{worker}-{i}", session=worker)
print("done", flush=True)
"""


@pytest.mark.slow
def test_processes_opening_a_fresh_database_at_once_migrate_it_once(postgres_url):
    import sqlalchemy as sa

    from essaykit.db.migrations import MIGRATIONS

    procs = [subprocess.Popen([sys.executable, "-c", OPEN_AND_POST, postgres_url, str(n), "100"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in range(4)]
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
    with CommentStore.open(postgres_url) as store:
        bodies = [c.body for c in store.list("pg-essay")]
        with store._engine.connect() as conn:
            names = conn.execute(sa.text("SELECT name FROM schema_migrations ORDER BY name")).scalars().all()
    assert names == [name for name, _ in MIGRATIONS]
    assert sorted(bodies) == sorted(f"{w}-{i}" for w in range(4) for i in range(100))


def test_simultaneous_ratings_by_one_reader_count_once(postgres_url):
    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def rate() -> None:
        with CommentStore.open(postgres_url) as store:
            barrier.wait(timeout=60)
            try:
                store.add_rating("pg-essay", "one-reader", 4)
                outcomes.append("stored")
            except CommentError as exc:
                outcomes.append(str(exc))

    threads = [threading.Thread(target=rate) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert outcomes.count("stored") == 1, outcomes
    with CommentStore.open(postgres_url) as store:
        assert store.rating_summary("pg-essay").count == 1


def test_nul_in_a_body_never_reaches_postgresql(postgres_url):
    """PostgreSQL refuses NUL in text; the store removes it first instead of failing the reader."""
    with CommentStore.open(postgres_url) as store:
        result = store.post("pg-essay", author="A\x00da", email="ada@example.org", body="be\x00fore")
        assert (store.get(result.comment.id).author, store.get(result.comment.id).body) == ("Ada", "before")
