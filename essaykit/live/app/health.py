"""``GET /healthz``: may the load balancer send this server readers? (docs/deploy.md)

The answer rests on the one thing a replica cannot work without, the comment
database: a ``SELECT 1`` through the server's own connection pool (so through
PgBouncer when the URL names it). It starts no kernel and writes nothing.

* ``200 ok`` when the database answered within :data:`TIMEOUT_SECONDS`;
* ``503 database unavailable`` when it did not (down, refusing, or so slow that
  readers would wait), and ``503 shutting down`` once SIGTERM arrived
  (:mod:`.drain`), so the balancer stops sending new readers before the
  server stops.

The check runs on its own thread, one at a time: a database that hangs makes
the answer 503 after the timeout, never blocks the event loop, and a flood of
probes shares the check in flight instead of queuing more. The body is one
short line of plain text and is never cached.

The route answers whatever the ``Host`` header says, also on loopback where
the other routes check it: a balancer probes by address (``Host:
10.0.0.5:8866``) or by any name its configuration uses, and the answer tells
a DNS-rebinding page nothing it could use (no data, no state, no write).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
import tornado.web

from ...db.engine import get_engine

log = logging.getLogger("essaykit.live")

TIMEOUT_SECONDS = 2.0
DRAINING = "essaykit_draining"


class DatabaseProbe:
    """``SELECT 1`` on the comment database, one at a time, on a thread of its own."""

    def __init__(self, api):
        self.api = api
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="essaykit-healthz")
        self._running: asyncio.Future | None = None

    def _select_one(self) -> None:
        with get_engine(self.api.store.url).connect() as conn:
            conn.execute(sa.text("SELECT 1")).scalar_one()

    async def healthy(self) -> tuple[bool, str]:
        """(True, "") when the database answered in time, else (False, why)."""
        if self._running is None or self._running.done():
            self._running = asyncio.get_running_loop().run_in_executor(self._executor, self._select_one)
        try:
            await asyncio.wait_for(asyncio.shield(self._running), TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            return False, f"no answer within {TIMEOUT_SECONDS:g} s"
        except Exception as exc:  # any failure to reach the database is "unhealthy", with the reason logged
            return False, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return True, ""


class HealthHandler(tornado.web.RequestHandler):
    """``GET /healthz`` (and ``HEAD``): 200 ``ok`` or 503 with one line saying why."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, probe: DatabaseProbe) -> None:
        self.probe = probe

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def compute_etag(self):
        return None  # always the real answer, never a 304

    async def get(self) -> None:
        if self.settings.get(DRAINING):
            self._answer(503, "shutting down")
            return
        ok, why = await self.probe.healthy()
        if not ok:
            log.warning("healthz: the comment database is unavailable: %s", why)
            self._answer(503, "database unavailable")
            return
        self._answer(200, "ok")

    async def head(self) -> None:
        await self.get()

    def _answer(self, status: int, text: str) -> None:
        self.set_status(status)
        if self.request.method == "HEAD":
            self.finish()
        else:
            self.finish(text + "\n")

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish(f"{status_code}\n")
