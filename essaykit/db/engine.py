"""Which database, and one SQLAlchemy engine per process for it.

The URL comes from, in order: an explicit ``--db``/``url``, the environment
variable ``ESSAYKIT_DB``, or the default SQLite file
``<site folder>/.essaykit/comments.sqlite``, where the site folder is the
nearest folder above the essays with an ``essaykit.toml`` (else the essays'
own folder, see :func:`site_folder`). A value without ``://`` is a
path to an SQLite file. This module is the only place that resolves, parses
or shows a database URL: :func:`resolve_url`, :func:`configured_url`,
:func:`anchored_url` (for a kernel that runs in another folder),
:func:`sqlite_file` and :func:`shown_url` (without the password).

SQLite connections are set up for many readers and several writers:

* ``journal_mode=WAL`` lets readers carry on while one process writes;
* ``busy_timeout`` makes a writer wait for the lock instead of failing;
* ``synchronous=NORMAL`` — in WAL mode this is still crash-safe for the
  *process* (a killed writer loses nothing it committed, and the file is
  never corrupted); only a power cut or OS crash may lose the last few
  commits. That trade buys several times the write throughput of ``FULL``;
* ``foreign_keys=ON`` so a reply can never point at a missing parent.

Write transactions start with ``BEGIN IMMEDIATE`` so a check-then-insert
(duplicates, flood control) is atomic and never fails half-way with
"database is locked"; :func:`retrying` retries the rare busy error with
backoff so it never reaches a reader.

Before that, essaykit's own writers to one SQLite file queue on a kernel
file lock (:class:`WriteGate`, ``<file>-writelock``). SQLite's busy handler
polls with sleeps of up to 100 ms, so with several writer processes the
write lock sits idle between a commit and the next poll; a blocked
``flock`` wakes the next writer at once. It is only a queue: correctness
still rests on SQLite's own locking, which also covers other programs.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import TypeVar

from ..errors import StoreError
from ..names import ENV_DB, ENV_DB_CONNECTIONS

# SQLAlchemy is imported in the functions that need it: the exporter, the site builder and the mail
# settings import this module only for the site folder and URL rules, and SQLAlchemy costs them
# ~190 ms (measured with -X importtime).

DEFAULT_RELATIVE = Path(".essaykit") / "comments.sqlite"
#: Marks a site's top folder; its ``.essaykit/`` holds the comments of every essay below it.
SITE_FILE = "essaykit.toml"
BUSY_TIMEOUT_MS = 10_000
RETRY_FOR_SECONDS = 60.0
WRITE = {"essaykit_write": True}

T = TypeVar("T")
# The process's registries, keyed by (pid, url) so a forked child starts afresh.
_engines: dict[tuple[int, str], object] = {}
_gates: dict[tuple[int, str], object] = {}
_users: dict[tuple[int, str], int] = {}  # open stores per URL; the engine goes with the last
_prepared: set[tuple[int, str]] = set()  # URLs whose migrations this process has run
_lock = threading.Lock()


def site_folder(start: str | os.PathLike | None = None) -> Path:
    """The folder whose ``.essaykit/`` holds the comment database for essays in ``start``.

    That is the nearest folder at or above ``start`` (default: the current
    folder) with a site settings file, :data:`SITE_FILE`; without one
    anywhere above, ``start`` itself. So ``essaykit serve notebooks/``,
    ``essaykit comments list`` run from the site's top folder, and a kernel
    running in ``notebooks/`` all find one and the same database.
    """
    folder = (Path(start) if start is not None else Path.cwd()).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / SITE_FILE).is_file():
            return candidate
    return folder


def default_url(essay_dir: str | os.PathLike | None = None) -> str:
    return f"sqlite:///{site_folder(essay_dir) / DEFAULT_RELATIVE}"


def configured_url(url: str | None = None) -> str | None:
    """``url``, else ``$ESSAYKIT_DB``, as given; None when neither names a database."""
    return (url or "").strip() or os.environ.get(ENV_DB, "").strip() or None


def resolve_url(url: str | None = None, *, essay_dir: str | os.PathLike | None = None) -> str:
    """The database URL: ``url``, else ``$ESSAYKIT_DB``, else the default SQLite file."""
    chosen = configured_url(url)
    if not chosen:
        return default_url(essay_dir)
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    if chosen.startswith("postgresql://") or chosen.startswith("postgres://"):
        # psycopg 3 is the driver we test with; plain postgresql:// would ask for psycopg2.
        chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
    return chosen


def anchored_url(url: str) -> str:
    """``url`` with a relative SQLite path made absolute from the current folder.

    For a kernel that runs in the notebook's folder, where ``sqlite:///comments.sqlite``
    would mean another file than the one the user named. Other URLs are left as given."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix):].startswith(("/", ":memory:")) and url != prefix:
        return prefix + str(Path(url[len(prefix):]).resolve())
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for other databases, in-memory ones and bad URLs."""
    import sqlalchemy as sa

    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return None
    return _sqlite_path(parsed) if parsed.get_backend_name() == "sqlite" else None


def shown_url(url: str) -> str:
    """``url`` as it may be printed or logged: the password, if any, masked."""
    import sqlalchemy as sa

    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _sqlite_path(url) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def get_engine(url: str, *, create_folder: bool = False):
    """The process's engine for ``url``, created on first use (and again after a fork)."""
    import sqlalchemy as sa

    key = (os.getpid(), url)
    with _lock:
        engine = _engines.get(key)
        if engine is not None:
            return engine
        try:
            parsed = sa.make_url(url)
        except sa.exc.ArgumentError:
            raise StoreError(
                f"the database URL {url!r} is not valid; use sqlite:///path/comments.sqlite "
                "or postgresql+psycopg://user@host/dbname"
            ) from None
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed, create_folder=create_folder)
        elif parsed.get_backend_name() == "postgresql":
            engine = _postgres_engine(parsed)
        else:
            raise StoreError(
                f"the database {parsed.get_backend_name()!r} in {url!r} is not supported; use SQLite or PostgreSQL"
            )
        _engines[key] = engine
        return engine


def _sqlite_engine(url, *, create_folder: bool):
    import sqlalchemy as sa

    path = _sqlite_path(url)
    if path is not None:
        if create_folder:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder {path.parent} for comments: {exc.strerror}") from None
        elif not path.parent.is_dir():
            raise StoreError(f"the folder {path.parent} for the comment database does not exist; create it first")
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _setup(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            if path is not None:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        write = conn.get_execution_options().get("essaykit_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _postgres_engine(url):
    import sqlalchemy as sa

    url, connect_args = _pooler_safe(url)
    try:
        # A kernel of essaykit serve (ESSAYKIT_DB_CONNECTIONS=1) holds one connection at most:
        # a hundred readers' kernels must not ask the server for a thousand.
        if os.environ.get(ENV_DB_CONNECTIONS) == "1":
            return sa.create_engine(url, pool_pre_ping=True, pool_size=1, max_overflow=0, connect_args=connect_args)
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args=connect_args)
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"PostgreSQL needs the {exc.name!r} driver; install it with: pip install 'essaykit[postgres]'"
        ) from None


def _pooler_safe(url):
    """``url`` without essaykit's ``prepare_threshold`` parameter, and the driver options it means.

    Behind PgBouncer in transaction mode (docs/deploy.md) each transaction may
    run on another server connection, so a statement psycopg prepared on one
    (it does so after 5 runs by default) is missing on the next: "prepared
    statement "_pg3_0" does not exist". essaykit therefore never prepares
    statements on the server unless the URL asks, e.g.
    ``postgresql+psycopg://me@db/essays?prepare_threshold=5`` for a direct
    connection. Nothing else essaykit does outlives a transaction: its locks are
    ``pg_advisory_xact_lock`` and it sets no session variables.
    """
    query = dict(url.query)
    given = query.pop("prepare_threshold", None)
    text = (given[-1] if isinstance(given, tuple) else given or "").strip().lower()
    if text in ("", "none", "off"):
        threshold = None
    elif text.isdigit():
        threshold = int(text)
    else:
        raise StoreError(f"prepare_threshold={given!r} in the database URL: give a whole number (prepare "
                         "statements after that many runs; only for direct connections) or none")
    if url.get_driver_name() not in ("psycopg", "psycopg_async"):
        return url.set(query=query), {}
    return url.set(query=query), {"prepare_threshold": threshold}


class WriteGate:
    """A per-process, per-file queue for writers: a thread lock plus ``flock`` on ``<file>-writelock``."""

    def __init__(self, database: Path):
        self.path = database.with_name(database.name + "-writelock")
        self._threads = threading.Lock()
        self._fd: int | None = None
        self._usable = True

    def __enter__(self) -> WriteGate:
        self._threads.acquire()
        if self._usable:
            import fcntl

            try:
                if self._fd is None:
                    self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except OSError:
                # A read-only folder or a file system without flock: SQLite's own locking still applies.
                self._usable = False
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._usable and self._fd is not None:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def write_gate(url: str):
    """The :class:`WriteGate` for an SQLite file URL, or a no-op context for other databases."""
    key = (os.getpid(), url)
    with _lock:
        gate = _gates.get(key)
        if gate is None:
            import sqlalchemy as sa

            parsed = sa.make_url(url)
            path = _sqlite_path(parsed) if parsed.get_backend_name() == "sqlite" else None
            gate = WriteGate(path) if path is not None else nullcontext()
            _gates[key] = gate
        return gate


def prepare_once(url: str, prepare: Callable[[], object]) -> None:
    """Run ``prepare`` (the migrations) the first time this process opens ``url``."""
    key = (os.getpid(), url)
    if key not in _prepared:
        prepare()
        _prepared.add(key)


def acquire(url: str) -> None:
    """Count one more open store for ``url``."""
    key = (os.getpid(), url)
    with _lock:
        _users[key] = _users.get(key, 0) + 1


def release(url: str) -> None:
    """Count one store for ``url`` closed; the last one disposes of the engine."""
    key = (os.getpid(), url)
    with _lock:
        left = _users.get(key, 1) - 1
        if left > 0:
            _users[key] = left
        else:
            _users.pop(key, None)
    if left <= 0:
        dispose(url)


def dispose(url: str) -> None:
    """Close the process's pooled connections to ``url`` and forget its engine (and that it was migrated)."""
    with _lock:
        engine = _engines.pop((os.getpid(), url), None)
        gate = _gates.pop((os.getpid(), url), None)
        _prepared.discard((os.getpid(), url))
    if isinstance(gate, WriteGate):
        gate.close()
    if engine is not None:
        engine.dispose()


def is_transient(exc: BaseException) -> bool:
    """True for errors worth retrying: SQLite busy/locked, PostgreSQL serialisation or deadlock."""
    orig = getattr(exc, "orig", exc)
    # SQLite's result code, not its words; the low byte is the primary code of an extended one.
    if (getattr(orig, "sqlite_errorcode", 0) & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    sqlstate = getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)
    return sqlstate in ("40001", "40P01")


def retrying(work: Callable[[], T], *, what: str) -> T:
    """Run ``work`` (one whole transaction), retrying transient lock errors with jittered backoff."""
    import sqlalchemy as sa

    deadline = time.monotonic() + RETRY_FOR_SECONDS
    delay = 0.01
    while True:
        try:
            return work()
        except sa.exc.DBAPIError as exc:
            if not is_transient(exc):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"could not {what}: the database stayed busy for a minute ({exc.orig}); try again") from exc
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.5)
