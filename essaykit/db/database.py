"""One open comment database: its engine, its transactions, its settings and its salted hashes.

    db = Database.open()          # ESSAYKIT_DB or <site folder>/.essaykit/comments.sqlite
    with db.writing() as conn:    # one write transaction, queued behind this machine's other writers
        ...

Opening a database migrates it once per process (:mod:`.migrations`). The
comment store (:class:`essaykit.comments.store.CommentStore`) is a Database
with the comments' operations on top; the mail outbox and the mentions store
run their own statements in its :meth:`~Database.writing` and
:meth:`~Database.reading` transactions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from contextlib import contextmanager

import sqlalchemy as sa

from ..errors import StoreError
from .engine import WRITE, acquire, configured_url, get_engine, prepare_once, release, resolve_url, retrying
from .engine import shown_url, write_gate
from .migrations import migrate
from .schema import settings, store_version

_VERSION = sa.select(store_version.c.counter).where(store_version.c.id == 1)
_ADVISORY_LOCK = sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))")


class Database:
    """An SQLite or PostgreSQL comment database, migrated; make one with :meth:`open`."""

    def __init__(self, engine, url: str, *, salt: str = ""):
        self._engine = engine
        self._write = engine.execution_options(**WRITE)
        self._gate = write_gate(url)
        self.url = url
        self._salt = salt
        self._closed = False

    @classmethod
    def open(cls, url: str | None = None, *, essay_dir=None, **options):
        """Open (creating and migrating when needed) the database.

        ``url`` wins, then ``$ESSAYKIT_DB``, then the SQLite file
        ``<site folder>/.essaykit/comments.sqlite`` (its folder is created;
        see :func:`~essaykit.db.engine.site_folder`). A value without
        ``://`` is an SQLite path. ``options`` go to the class's constructor.
        """
        resolved = resolve_url(url, essay_dir=essay_dir)
        engine = get_engine(resolved, create_folder=configured_url(url) is None)
        shown = shown_url(resolved)
        try:
            prepare_once(resolved, lambda: retrying(lambda: migrate(engine, write_options=WRITE),
                                                    what=f"prepare {shown}"))
            with engine.connect() as conn:
                salt = conn.execute(sa.select(settings.c.value).where(settings.c.key == "hash_salt")).scalar_one()
        except sa.exc.DBAPIError as exc:
            raise StoreError(f"cannot open the comment database {shown}: {_first_line(exc.orig)}") from None
        acquire(resolved)
        return cls(engine, resolved, salt=salt, **options)

    def close(self) -> None:
        """Release this database; the engine's connections close when the process's last one for the URL does."""
        if not self._closed:
            self._closed = True
            release(self.url)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({shown_url(self.url)!r})"

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"this {type(self).__name__} was closed; open a new one with {type(self).__name__}.open()")

    # --- transactions -------------------------------------------------------------------------

    @contextmanager
    def writing(self):
        """A write transaction, queued behind this machine's other essaykit writers to the same file.
        Commits when the block ends, rolls back if it raises; run it through :func:`.engine.retrying`."""
        self._check_open()
        with self._gate, self._write.begin() as conn:
            yield conn

    @contextmanager
    def reading(self):
        """A read-only connection."""
        self._check_open()
        with self._engine.connect() as conn:
            yield conn

    @staticmethod
    def lock(conn, key: str) -> None:
        """Hold the lock named ``key`` until the transaction ends, on PostgreSQL. SQLite's
        ``BEGIN IMMEDIATE`` already serialises writers; PostgreSQL needs it so two posts cannot
        both pass the duplicate and flood checks."""
        if conn.dialect.name == "postgresql":
            conn.execute(_ADVISORY_LOCK, {"key": key})

    # --- settings and hashes --------------------------------------------------------------------

    def setting(self, key: str) -> str:
        """A value from the ``settings`` table (e.g. ``session_secret``); StoreError if it is missing."""
        value = self.settings_of((key,)).get(key)
        if value is None:
            raise StoreError(f"the comment database has no {key!r} setting; open it with this essaykit to migrate it")
        return value

    def settings_of(self, keys: Iterable[str]) -> dict[str, str]:
        """The values of ``keys`` in the ``settings`` table; missing keys are left out."""
        with self.reading() as conn:
            query = sa.select(settings.c.key, settings.c.value).where(settings.c.key.in_(tuple(keys)))
            return dict(conn.execute(query).all())

    def put_settings(self, values: dict[str, str]) -> None:
        """Write ``values`` into the ``settings`` table, all in one transaction (e.g. a key rotation)."""

        def work() -> None:
            with self.writing() as conn:
                for key, value in values.items():
                    if not conn.execute(settings.update().where(settings.c.key == key).values(value=value)).rowcount:
                        conn.execute(settings.insert().values(key=key, value=value))

        retrying(work, what="save the settings")

    def hash(self, purpose: str, value: str) -> str:
        """A salted hash of ``value`` for ``purpose``: the same on every server sharing the
        database, and not reversible from a list of guesses without its secret salt."""
        return hashlib.sha256(f"{self._salt}\0{purpose}\0{value}".encode()).hexdigest()[:32]

    def version(self) -> int:
        """A number that rises with every change to comments (their status included) and ratings, made by
        any process sharing the database; pages rendered at an older number are stale."""
        with self.reading() as conn:
            return conn.execute(_VERSION).scalar_one()


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
