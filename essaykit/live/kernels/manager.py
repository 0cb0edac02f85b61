"""The kernel manager of ``essaykit serve``: Jupyter's, with a cap, reader-owned kernels and a warm pool.

Capacity (docs/serve.md, "What costs a kernel"). A page view costs no kernel:
kernels start only through :meth:`EssayKernelManager.start_for_reader`, which
the page's script calls with a POST. At most ``max_kernels`` kernel processes
exist at once (warm ones included, :mod:`.warm`); past that the reader is
told the live version is busy. The :mod:`.reaper` shuts down kernels whose
page went away and cleans up those whose process is gone.

What a kernel is told. Every kernel starts with :func:`kernel_environment`:
the minimal environment of :mod:`essaykit._kernel_env` (never the server's
passwords) plus this server's own variables; a reader's kernel also gets the
essay's slug and the reader, as the server established them. Voilà passes
request headers to the kernels it starts as ``HTTP_<HEADER>``
(``VoilaConfiguration.http_header_envs``); :data:`HEADERS` are the two that
:func:`~essaykit._kernel_env.kernel_env` renames to ``ESSAYKIT_SLUG`` and
``ESSAYKIT_SESSION`` (``BRIDGE``), for a kernel started that way.
"""

from __future__ import annotations

import asyncio
import os
import time
from queue import Empty
from collections.abc import Mapping

import zmq
import zmq.asyncio
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Integer, List, Unicode, default

from ... import limits
from ..._kernel_env import kernel_env
from ...errors import KernelError
from ...limits import KERNEL_QUEUE_POLL_SECONDS
from ...names import ENV_DB_CONNECTIONS, ENV_SERVE, READER_HEADER, SLUG_HEADER
from .cells import GUARD_CODE, KernelExited, KernelNoAnswer, LiveCells, iopub_ready, run_silently
from .channels import PageConnections
from .reaper import Reaper
from .shares import (BUSY, BUSY_RETRY_SECONDS, QUEUED, KernelsBusy, KernelsLimited, Line, Owner, over_share)
from .warm import WarmPool

HEADERS = (SLUG_HEADER, READER_HEADER)
CANNOT_RUN = "This part cannot run here: its kernel ({name}) is not installed on this server; its saved outputs are shown."
STOPPED = "The live version stopped; reload the page to start it again."
NORMAL_CLOSE = 1000  # WebSocket close code (RFC 6455): the server ended it on purpose


class KernelMissing(Exception):
    """The essay names a kernel this server does not have; no slot is taken, and a retry will not help."""


class EssayKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with essaykit's rules: a minimal environment, warm kernels, a hard cap,
    reader-owned kernels, and a reaper for idle and dead kernels."""

    warm_kernels = Integer(1, config=True, help="Kernels to keep started for the next page view, e.g. "
                                                "--EssayKernelManager.warm_kernels=2; 0 turns warming off.")
    warm_kernel_names = List(Unicode(), ["python3"], config=True,
                             help="Kernel specs to keep warm (the essays' kernelspec names).")
    warm_modules = List(Unicode(), ["ipywidgets", "anywidget", "essaykit.widgets.spoiler",
                                    "essaykit.widgets.rating", "essaykit.widgets.comments"], config=True,
                        help="Modules a warm kernel imports ahead of time; a module that fails to import is skipped.")
    warm_delay = Integer(5, config=True, help="Seconds to wait before replacing a warm kernel that was taken, "
                                              "so starting it does not slow the page being served, e.g. 5.")
    max_kernels = Integer(4, config=True, help="Kernel processes at most, warm ones included (--max-kernels).")
    idle_seconds = Float(60.0, config=True, help="Shut a kernel down after this long with no page connected "
                                                 "(--idle-seconds).")
    reap_interval = Float(1.0, config=True, help="Seconds between checks for idle and exited kernels.")
    kernels_per_session = Integer(limits.KERNELS_PER_SESSION, config=True,
                                  help="Kernels one signed reader session may hold at once (--kernels-per-session).")
    kernels_per_address = Integer(limits.KERNELS_PER_ADDRESS, config=True,
                                  help="Kernels one client address (IPv4, IPv6 /64) may hold (--kernels-per-address).")
    kernels_per_network = Integer(limits.KERNELS_PER_NETWORK, config=True,
                                  help="Kernels one network (IPv4 /24, IPv6 /48) may hold, and places in line it "
                                       "may take (--kernels-per-network).")
    kernel_lifetime = Float(limits.KERNEL_LIFETIME_SECONDS, config=True,
                            help="Shut a reader's kernel down this long after it was given, however it is used "
                                 "(--kernel-lifetime).")
    inactive_seconds = Float(limits.KERNEL_INACTIVE_SECONDS, config=True,
                             help="Shut a kernel down when its reader has not used it (a widget message from the "
                                  "page) for this long, even with its page open (--inactive-seconds).")
    queue_length = Integer(limits.KERNEL_QUEUE_LENGTH, config=True,
                           help="Readers waiting in line for a kernel at the cap, at most (--queue-length).")
    live_code_seconds = Float(limits.LIVE_CODE_SECONDS, config=True,
                              help="The longest the essay's live cells may run, all together, for one reader's "
                                   "page before it is told the live version stopped (--cell-timeout).")
    queue_seconds = Float(limits.KERNEL_QUEUE_SECONDS, config=True,
                          help="The longest a reader waits in line before being told the live version is busy "
                               "(--queue-seconds).")

    @default("kernel_manager_class")
    def _limited(self):
        return "essaykit.live.kernels.memory.LimitedKernelManager"

    @default("transport_encryption")
    def _encrypted(self):
        # CurveZMQ between the server and kernels whose spec supports it (ipykernel's does): what the
        # kernel says is not plain text on the loopback, and ipykernel no longer warns on every start
        # that it is. Without CurveZMQ in pyzmq, "auto" is refused, so it stays off.
        return "auto" if zmq.has("curve") else "disabled"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.owners: dict[str, Owner] = {}  # kernel id -> the reader it was given to
        self._claims: list[Owner] = []  # readers whose kernel is being found or started
        self.line = Line()
        self.pages = PageConnections()
        self.warm = WarmPool(self)
        self._reaper = Reaper(self)
        self._starting: set[str] = set()
        self._none_starting = asyncio.Event()  # set while _starting is empty
        self._none_starting.set()
        self._stopping: set[str] = set()  # being shut down: their slot is free already
        self._held: set[str] = set()  # a reader's, its page not connected yet (its cells are running)
        # One ZeroMQ context for every client essaykit makes (connect): jupyter_client's clients each make
        # a context of their own otherwise, an I/O thread and its file descriptors, freed only when collected.
        self.client_context = zmq.asyncio.Context()

    # --- capacity ---------------------------------------------------------------

    @property
    def occupied(self) -> int:
        """Kernel processes running or being started (warm ones included, promised ones too)."""
        return len((set(self.list_kernel_ids()) | self._starting) - self._stopping) + self.warm.reserved

    def in_transition(self, kernel_id: str) -> bool:
        """True while ``kernel_id`` is starting or being shut down."""
        return kernel_id in self._starting or kernel_id in self._stopping

    def spared(self, kernel_id: str) -> bool:
        """True for a kernel the reaper and the culler leave alone: a warm one, one being made ready for a
        reader (no owner yet: on a busy machine that can take longer than ``idle_seconds``), or one whose
        page is being built. Whether its process is alive is checked all the same."""
        return kernel_id in self.warm.ids or kernel_id in self._held or kernel_id not in self.owners

    def installed(self, kernel_name: str) -> bool:
        """True when this server has the kernel spec ``kernel_name`` (asked before any slot is taken)."""
        try:
            self.kernel_spec_manager.get_kernel_spec(kernel_name)
        except NoSuchKernel:
            return False
        return True

    def kernel_environment(self, env: Mapping[str, str]) -> dict[str, str]:
        """What a kernel of this server starts with: :func:`kernel_env` of ``env``, and this server's own."""
        out = kernel_env(env)
        # Fewer malloc arenas: a kernel's threads would otherwise reserve address space it never uses.
        out["MALLOC_ARENA_MAX"] = "2"
        # Widgets in a kernel hold at most one database connection (essaykit.db.engine).
        out[ENV_DB_CONNECTIONS] = "1"
        # This kernel serves readers: author-only tools (ModerationQueue) stay off (essaykit.widgets._served).
        out[ENV_SERVE] = "1"
        return out

    async def launch(self, kernel_name: str, env: dict, **kwargs) -> str:
        """Start one kernel process with ``env`` as its whole environment (the caller checked the cap);
        counted from the first moment."""
        kernel_id = kwargs.pop("kernel_id", None) or self.new_kernel_id()
        kwargs.setdefault("path", "")  # the server's root folder
        self._starting.add(kernel_id)
        self._none_starting.clear()
        try:
            return await super().start_kernel(kernel_id=kernel_id, kernel_name=kernel_name, env=env, **kwargs)
        finally:
            self._starting.discard(kernel_id)
            if not self._starting:
                self._none_starting.set()

    def fill(self, delay: float = 0) -> None:
        """Start warm kernels up to ``warm_kernels`` (see :class:`~.warm.WarmPool`)."""
        self.warm.fill(delay)

    def holders(self) -> list[Owner]:
        """The readers of the kernels running or being started for them (one entry per kernel)."""
        return [*self.owners.values(), *self._claims]

    async def start_for_reader(self, *, kernel_name: str, env: Mapping[str, str], owner: Owner,
                               hold: bool = True) -> str:
        """A kernel for one reader's page: a warm one when ready, else a new one. KernelsLimited when
        ``owner`` holds their share already; KernelsBusy at the cap, with their place in line (:mod:`.shares`).

        With ``hold`` the reaper leaves the kernel alone until :meth:`release` (the page is not
        connected yet while its cells run)."""
        if not self.installed(kernel_name):
            raise KernelMissing(CANNOT_RUN.format(name=kernel_name))
        why = over_share(owner, self.holders(), self)
        if why is not None:
            raise KernelsLimited(why, BUSY_RETRY_SECONDS)
        self._claims.append(owner)
        try:
            kernel_id = await self._slot(kernel_name, self.kernel_environment(env), owner)
        finally:
            self._claims.remove(owner)
        self.owners[kernel_id] = owner
        self._reaper.given(kernel_id)
        if hold:
            self._held.add(kernel_id)
        return kernel_id

    async def _slot(self, kernel_name: str, env: dict, owner: Owner) -> str:
        """A kernel for ``owner`` when a slot is theirs to take (nobody waits, or they are first in line)."""
        self.line.prune(time.monotonic())
        kernel_id = None
        if self.line.first(owner, self.owners.values()):
            kernel_id = await self.warm.take(kernel_name, env)
            if kernel_id is None and self.occupied >= self.max_kernels:
                # A warm kernel promised but not started yet: the reader here and now comes first.
                await self.warm.give_up_a_promise()
            if kernel_id is None and self.occupied >= self.max_kernels:
                kernel_id = await self.warm.wait_for(kernel_name, env)
            if kernel_id is None and self.occupied < self.max_kernels:
                kernel_id = await self._launch_guarded(kernel_name, env)
        if kernel_id is None:
            position = self.line.join(owner, self.owners.values(), length=self.queue_length,
                                      per_network=self.kernels_per_network, wait=self.queue_seconds)
            raise KernelsBusy(QUEUED.format(position=position), KERNEL_QUEUE_POLL_SECONDS, position=position)
        self.line.leave(owner)
        return kernel_id

    async def _launch_guarded(self, kernel_name: str, env: dict) -> str:
        """A new kernel with the guard code run. A kernel whose process exits while starting (a failed import,
        a full disk, the memory limit; on TCP, where a kernel's sockets cannot be Unix sockets, also a port
        another process took between jupyter_client picking it and the kernel binding it), or that says nothing within
        :data:`~essaykit.limits.KERNEL_START_SECONDS` (such a process may hang instead of exiting), is
        started once more before the reader is refused."""
        again = True
        while True:
            kernel_id = await self.launch(kernel_name, env)
            try:
                await self.run_silently(kernel_id, GUARD_CODE, timeout=limits.KERNEL_START_SECONDS if again else 120)
                return kernel_id
            except (KernelExited, KernelNoAnswer) as exc:
                await self.shutdown_kernel(kernel_id, now=True)
                if not again:
                    raise
                again = False
                self.log.warning("kernel %s: %s; starting another", kernel_id, exc)
            except BaseException:  # a kernel that fails starting (or a request given up) frees its slot
                await self.shutdown_kernel(kernel_id, now=True)
                raise

    def release(self, kernel_id: str) -> None:
        """The page has its outputs: from now on the kernel lives while a page is connected."""
        self._held.discard(kernel_id)
        if kernel_id not in self or kernel_id in self._stopping:  # reclaimed while its cells ran
            return
        self._reaper.alone_from_now(kernel_id)
        self._reaper.used(kernel_id)  # the essay's cells just ran for the reader: unused from now on

    async def start_kernel(self, *, env: Mapping[str, str] | None = None, **kwargs):
        # Only start_for_reader and the warm pool start kernels under essaykit serve; anything else
        # (a stray route) still obeys the cap, and its kernel gets no more of the server's environment.
        if self.occupied >= self.max_kernels:
            raise KernelsBusy(BUSY, BUSY_RETRY_SECONDS)
        return await self.launch(kwargs.pop("kernel_name", None), self.kernel_environment(env or os.environ),
                                 **kwargs)

    # --- reclaiming ---------------------------------------------------------------

    def start_reaper(self) -> None:
        self._reaper.start()

    def used(self, kernel_id: str) -> None:
        """The reader used ``kernel_id`` (a widget message from the page): the inactivity count starts again."""
        self._reaper.used(kernel_id)

    async def reclaim(self, kernel_id: str, why: str) -> None:
        """Shut one kernel down now, closing its pages' connections with :data:`STOPPED` as the reason (the
        page says so and offers a reload)."""
        self.log.info("shutting down kernel %s: %s", kernel_id, why)
        self.pages.close(kernel_id, code=NORMAL_CLOSE, reason=STOPPED)
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception as exc:
                self.log.warning("kernel %s did not shut down cleanly: %s", kernel_id, exc)

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        """Jupyter's, made safe to ask twice: a kernel already gone or being shut down (the reaper took it
        while its reader's request was cleaning up, or its page closed during a shutdown) is left to that."""
        if not restart and (kernel_id not in self or kernel_id in self._stopping):
            return None
        self.warm.forget(kernel_id)
        self.owners.pop(kernel_id, None)
        self._held.discard(kernel_id)
        self._reaper.forget(kernel_id)
        if restart:
            return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        self._stopping.add(kernel_id)
        try:
            return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        finally:
            self._stopping.discard(kernel_id)

    async def shutdown_all(self, now=False):
        """Every kernel, each once, when the server stops. Jupyter's own also goes through the ids of starts
        still under way or failed, which are no kernels yet (or never), and a kernel the reaper is shutting
        down meanwhile would go twice: each printed a "Kernel does not exist" traceback at shutdown.
        Starts under way are waited for, then their kernels go too."""
        self._reaper.stop()
        self.warm_kernels = 0  # no warm kernel refills while stopping
        while await self.warm.give_up_a_promise():
            pass
        for _ in range(2):
            await asyncio.gather(*(self.shutdown_kernel(k, now=now) for k in self.list_kernel_ids()))
            try:
                await asyncio.wait_for(self._none_starting.wait(), timeout=60)
            except asyncio.TimeoutError:
                self.log.warning("kernel starts still under way at shutdown: %s", sorted(self._starting))
                break

    async def cull_kernel_if_idle(self, kernel_id):
        if self.spared(kernel_id):
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    # --- running the essay ---------------------------------------------------------

    def connect(self, kernel_id: str):
        """A client of ``kernel_id``, channels started, on :attr:`client_context` and without a heartbeat
        thread (whether the kernel lives is asked of its kernel manager, as nbclient does)."""
        client = self.get_kernel(kernel_id).client(context=self.client_context)
        client.start_channels(hb=False)
        return client

    async def run_silently(self, kernel_id: str, code: str, timeout: float = 120, *, client=None) -> None:
        """Execute ``code`` in the kernel without output or history; KernelError when it fails, or as soon
        as the kernel's process is gone (a kernel that could not start waited out ``timeout`` before).
        ``client``: one already connected, kept open (the warm pool's); else one is connected for this."""
        own = client is None
        client = self.connect(kernel_id) if own else client
        running = asyncio.ensure_future(run_silently(client, code, timeout))
        try:
            while not (await asyncio.wait({running}, timeout=1))[0]:
                if self._gone(kernel_id):
                    raise KernelExited("the kernel exited before it was ready")
            try:
                running.result()
            except Empty:  # jupyter_client's get_shell_msg at the deadline
                raise KernelNoAnswer(f"the kernel did not answer within {timeout:g} s") from None
        finally:
            running.cancel()
            if own:
                client.stop_channels()

    def _gone(self, kernel_id: str) -> bool:
        return kernel_id not in self or self.get_kernel(kernel_id).exited()

    async def run_cells(self, kernel_id: str, cells: list[tuple[int, str, bool]]) -> LiveCells:
        """Execute ``(index, source, keep)`` in order through nbclient; the run, with ``outputs`` (those of
        each cell with ``keep``) and the widgets' state (the page draws them without asking the kernel again).
        KernelError when the run fails or takes too long (KernelNoAnswer when the kernel says nothing).

        One client for all cells: the warm kernel's, already subscribed, or a new one whose iopub
        subscription is confirmed first."""
        client = self.warm.clients.pop(kernel_id, None)
        run = LiveCells(cells, seconds=self.live_code_seconds, km=self.get_kernel(kernel_id), log=self.log)
        try:
            if client is None:
                client = self.connect(kernel_id)
                await iopub_ready(client)
            await run.run(client)
            return run
        finally:
            client.stop_channels()
