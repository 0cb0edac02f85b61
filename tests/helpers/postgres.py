"""A throwaway PostgreSQL server for the session, a fresh database per test, and ``db_url``,
which runs a test once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import missing
from helpers.servers import free_port

PG_BIN = Path(os.environ.get("ESSAYKIT_PG_BIN", "/usr/lib/postgresql/15/bin"))


class ThrowawayPostgres:
    """A private PostgreSQL server in a temporary folder, on a free loopback port.

    PostgreSQL refuses to run as root, so when we are root the data folder
    belongs to the ``postgres`` OS user and the server runs as that user
    (through ``runuser``). ``fsync`` is off unless ``durable=True``: test data
    need not survive a power cut. Used by the fixtures below and bench/comments.py.
    """

    def __init__(self, *, durable: bool = False):
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="essaykit-pg-"))
        self.data = self.base / "data"
        self.durable = durable
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @staticmethod
    def available() -> str | None:
        """None when a server can be started here, else what is missing."""
        if not (PG_BIN / "initdb").exists():
            return f"PostgreSQL server binaries in {PG_BIN} (apt-get install postgresql)"
        if os.geteuid() == 0 and not shutil.which("runuser"):
            return "runuser (util-linux), to run PostgreSQL as the postgres user"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "the psycopg package (pip install 'essaykit[postgres]')"
        return None

    def _run(self, *argv: str, timeout: float = 120) -> None:
        proc = subprocess.run([*self._as_postgres, *argv], capture_output=True, text=True, timeout=timeout)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(argv[:2])} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")

    def start(self) -> ThrowawayPostgres:
        if self._as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")
        options = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.base / "server.log"), "-w",
                  "-t", "120", "-o", options, "start", timeout=180)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=120)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """One throwaway PostgreSQL server for the session (skips outside CI when PostgreSQL is missing)."""
    why = ThrowawayPostgres.available()
    if why:
        missing(why)
    server = ThrowawayPostgres()
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        server.stop()
        missing(f"a PostgreSQL server could not be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: ThrowawayPostgres, request) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server, dropped afterwards."""
    name = "ek_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:40] + f"_{os.getpid()}_{time.monotonic_ns() % 10**6}"
    url = postgres_server.create_database(name)
    yield url
    from essaykit.db.engine import dispose

    dispose(url)
    postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path: Path) -> str:
    """A comment database URL; tests using it run once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'comments.sqlite'}"
    return request.getfixturevalue("postgres_url")
