"""Stopping ``essaykit serve`` gracefully on SIGTERM: no acknowledged comment lost, no reader left hanging.

A replica behind a load balancer is stopped with SIGTERM (``systemctl stop``,
a deploy, a scale-down). Stock Voilà stops its event loop at once, cutting off
a comment whose body is half received and every open kernel connection. On
SIGTERM ``essaykit serve`` instead:

1. answers ``/healthz`` with 503 ``shutting down`` and stops accepting
   connections, so the balancer sends new readers to the other replicas;
2. closes idle keep-alive connections, and marks the others to close after
   the response they are working on (``Connection: close``);
3. closes every page's kernel websocket with code 1001 and the busy note as
   its reason (the page shows "The live version is busy; try again in a
   minute." with its retry button), then shuts the kernels down;
4. stops the mail outbox's sender after the message it is sending, and
   waits for requests in flight, such as a comment being posted, to finish,
   for at most :data:`DRAIN_SECONDS`;
5. stops the event loop; the process exits with status 0.

A second SIGTERM (or SIGINT) while draining stops at once. Requests in flight
are counted by :class:`TrackedApplication`, the server's Tornado application,
in the two methods through which Tornado's HTTP server hands it connections
(``start_request`` and ``on_close``): a connection is busy from the moment a
request's headers arrive until the server starts reading the next request on
it (or hands it over to a websocket, or closes it).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time

import tornado.web
from tornado import httputil

from .health import DRAINING

log = logging.getLogger("essaykit.live")

#: The longest SIGTERM waits for requests in flight (systemd's TimeoutStopSec must be longer).
DRAIN_SECONDS = 10.0
#: WebSocket close code "going away" (RFC 6455), sent with the busy note as the reason.
GOING_AWAY = 1001


class TrackedApplication(tornado.web.Application):
    """Tornado's application, counting the connections that have a request in progress, and keeping the
    HTTP server :meth:`listen` made (the one SIGTERM stops)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.connections: set = set()  # the server's open connections
        self.busy: set = set()  # server connections whose current request has started
        self.server = None

    def listen(self, *args, **kwargs):
        self.server = super().listen(*args, **kwargs)
        return self.server

    def start_request(self, server_conn, request_conn):
        # The previous request on this connection, if any, is over: the server reads the next one.
        self.busy.discard(server_conn)
        self.connections.add(server_conn)
        return _Tracked(self, server_conn, super().start_request(server_conn, request_conn))

    def on_close(self, server_conn) -> None:
        self.busy.discard(server_conn)
        self.connections.discard(server_conn)
        super().on_close(server_conn)

    def close_idle(self) -> None:
        """Close the connections waiting for their next request; the busy ones close after their response."""
        # Tornado's own switch (HTTPServer(no_keep_alive=True)), turned on now: every request read from here
        # on is answered with "Connection: close" and its connection closed after the response. The
        # connection parameters are one object shared by the server's connections.
        self.server.conn_params.no_keep_alive = True
        for server_conn in list(self.connections):
            if server_conn not in self.busy:
                server_conn.stream.close()


class CloseWhenDraining(tornado.web.OutputTransform):
    """Says "Connection: close" on the answers to requests that were already being read when draining began
    (Tornado decided to keep those connections before the switch was turned), so the client hangs up."""

    def __init__(self, request):
        super().__init__(request)
        self.request = request

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        # Asked when the answer starts (a handler reading its body as it streams in exists before that).
        params = getattr(self.request.connection, "params", None)
        if params is not None and params.no_keep_alive:
            headers["Connection"] = "close"
        return status_code, headers, chunk


class _Tracked(httputil.HTTPMessageDelegate):
    def __init__(self, tracker: TrackedApplication, server_conn, inner):
        self.tracker = tracker
        self.server_conn = server_conn
        self.inner = inner

    def headers_received(self, start_line, headers):
        self.tracker.busy.add(self.server_conn)
        return self.inner.headers_received(start_line, headers)

    def data_received(self, chunk):
        return self.inner.data_received(chunk)

    def finish(self) -> None:
        self.inner.finish()

    def on_connection_close(self) -> None:
        self.tracker.busy.discard(self.server_conn)
        self.inner.on_connection_close()


class Drain:
    """What SIGTERM does to one ``essaykit serve`` process (see the module's docstring)."""

    def __init__(self, *, app: TrackedApplication, kernel_manager, loop,
                 busy_note: str, bound: float = DRAIN_SECONDS, mentions=None, workers=None):
        self.server = app.server
        self.tracker = app
        self.settings = app.settings
        self.kernel_manager = kernel_manager
        self.loop = loop
        self.busy_note = busy_note
        self.bound = bound
        self.mentions = mentions
        self.workers = workers or (lambda: [])  # background senders (the mail outbox): stop(), running
        self.started = False

    def install(self) -> None:
        # On the event loop itself (not a plain signal handler), so the handler may touch Tornado's state.
        self.loop.asyncio_loop.add_signal_handler(signal.SIGTERM, self._on_signal)

    def _on_signal(self) -> None:
        if self.started:  # a second signal: stop now
            self.loop.stop()
            return
        self.started = True
        asyncio.ensure_future(self.run())

    async def run(self) -> None:
        began = time.monotonic()
        log.info("SIGTERM: draining (no new connections; finishing requests in flight for up to %g s)", self.bound)
        self.settings[DRAINING] = True
        self.server.stop()
        self.tracker.close_idle()
        try:
            await self._stop_kernels()
        except Exception:  # the kernels must not keep the process from stopping
            log.exception("shutting the kernels down failed")
        workers = self.workers()
        for worker in workers:
            worker.stop()  # no new rounds; a round in progress (a message being sent) is waited for below
        while (self.tracker.busy or any(w.running for w in workers)) and time.monotonic() - began < self.bound:
            await asyncio.sleep(0.02)
        if self.tracker.busy:
            log.warning("stopping with %d request(s) still in flight after %g s", len(self.tracker.busy), self.bound)
        if self.mentions is not None:
            try:
                self.mentions.close()  # queued mentions stay queued in the database for the next start
            except Exception:
                log.exception("stopping the mention receiver failed")
        log.info("drained in %.1f s; stopping", time.monotonic() - began)
        self.loop.stop()

    async def _stop_kernels(self) -> None:
        km = self.kernel_manager
        if km is None:
            return
        # Every page's kernel websocket (essaykit.live.kernels.channels.PageConnections).
        closed = km.pages.close(code=GOING_AWAY, reason=self.busy_note)
        if km.list_kernel_ids():
            log.info("closed %d kernel connection(s); shutting %d kernel(s) down", closed,
                     len(km.list_kernel_ids()))
        # Also with none listed: a start under way is waited for (EssayKernelManager.shutdown_all).
        await km.shutdown_all(now=True)
