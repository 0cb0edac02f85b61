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

import os
from collections.abc import Mapping

import zmq
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Integer, List, Unicode, default

from ..._kernel_env import kernel_env
from ...names import ENV_DB_CONNECTIONS, ENV_SERVE, READER_HEADER, SLUG_HEADER
from .cells import GUARD_CODE, LiveCells, iopub_ready, run_silently
from .channels import PageConnections
from .reaper import Reaper
from .warm import WarmPool

HEADERS = (SLUG_HEADER, READER_HEADER)
BUSY = "The live version is busy; try again in a minute."
BUSY_RETRY_SECONDS = 60  # BUSY's "in a minute", sent as Retry-After
CANNOT_RUN = "This part cannot run here: its kernel ({name}) is not installed on this server; its saved outputs are shown."
STOPPED = "The live version stopped; reload the page to start it again."


class KernelsBusy(Exception):
    """Every kernel slot is taken (``--max-kernels``); the reader gets the page without live code."""


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
        self.owners: dict[str, str] = {}  # kernel id -> the reader's session
        self.pages = PageConnections()
        self.warm = WarmPool(self)
        self._reaper = Reaper(self)
        self._starting: set[str] = set()
        self._stopping: set[str] = set()  # being shut down: their slot is free already
        self._held: set[str] = set()  # a reader's, its page not connected yet (its cells are running)

    # --- capacity ---------------------------------------------------------------

    @property
    def occupied(self) -> int:
        """Kernel processes running or being started (warm ones included, promised ones too)."""
        return len((set(self.list_kernel_ids()) | self._starting) - self._stopping) + self.warm.reserved

    def in_transition(self, kernel_id: str) -> bool:
        """True while ``kernel_id`` is starting or being shut down."""
        return kernel_id in self._starting or kernel_id in self._stopping

    def spared(self, kernel_id: str) -> bool:
        """True for a kernel the reaper and the culler leave alone: a warm one, or one whose page is being built."""
        return kernel_id in self.warm.ids or kernel_id in self._held

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
        try:
            return await super().start_kernel(kernel_id=kernel_id, kernel_name=kernel_name, env=env, **kwargs)
        finally:
            self._starting.discard(kernel_id)

    def fill(self, delay: float = 0) -> None:
        """Start warm kernels up to ``warm_kernels`` (see :class:`~.warm.WarmPool`)."""
        self.warm.fill(delay)

    async def start_for_reader(self, *, kernel_name: str, env: Mapping[str, str], owner: str,
                               hold: bool = True) -> str:
        """A kernel for one reader's page: a warm one when ready, else a new one; KernelsBusy at the cap.

        With ``hold`` the reaper leaves the kernel alone until :meth:`release` (the page is not
        connected yet while its cells run)."""
        if not self.installed(kernel_name):
            raise KernelMissing(CANNOT_RUN.format(name=kernel_name))
        env = self.kernel_environment(env)
        kernel_id = await self.warm.take(kernel_name, env)
        if kernel_id is None:
            if self.occupied >= self.max_kernels:
                # A warm kernel promised but not started yet: the reader here and now comes first.
                await self.warm.give_up_a_promise()
            if self.occupied >= self.max_kernels:
                kernel_id = await self.warm.wait_for(kernel_name, env)
                if kernel_id is None:
                    raise KernelsBusy(BUSY)
            if kernel_id is None:
                kernel_id = await self.launch(kernel_name, env)
                try:
                    await self.run_silently(kernel_id, GUARD_CODE)
                except Exception:
                    await self.shutdown_kernel(kernel_id, now=True)
                    raise
        self.owners[kernel_id] = owner
        if hold:
            self._held.add(kernel_id)
        return kernel_id

    def release(self, kernel_id: str) -> None:
        """The page has its outputs: from now on the kernel lives while a page is connected."""
        self._held.discard(kernel_id)
        self._reaper.alone_from_now(kernel_id)

    async def start_kernel(self, *, env: Mapping[str, str] | None = None, **kwargs):
        # Only start_for_reader and the warm pool start kernels under essaykit serve; anything else
        # (a stray route) still obeys the cap, and its kernel gets no more of the server's environment.
        if self.occupied >= self.max_kernels:
            raise KernelsBusy(BUSY)
        return await self.launch(kwargs.pop("kernel_name", None), self.kernel_environment(env or os.environ),
                                 **kwargs)

    # --- reclaiming ---------------------------------------------------------------

    def start_reaper(self) -> None:
        self._reaper.start()

    async def reclaim(self, kernel_id: str, why: str) -> None:
        """Shut one kernel down now, closing its pages' connections (they show the busy note)."""
        self.log.info("shutting down kernel %s: %s", kernel_id, why)
        self.pages.close(kernel_id)
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception as exc:
                self.log.warning("kernel %s did not shut down cleanly: %s", kernel_id, exc)

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
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

    async def cull_kernel_if_idle(self, kernel_id):
        if self.spared(kernel_id):
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    # --- running the essay ---------------------------------------------------------

    async def run_silently(self, kernel_id: str, code: str, timeout: float = 120) -> None:
        """Execute ``code`` in the kernel without output or history; KernelError when it fails."""
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            await run_silently(client, code, timeout)
        finally:
            client.stop_channels()

    async def run_cells(self, kernel_id: str, cells: list[tuple[int, str, bool]]) -> LiveCells:
        """Execute ``(index, source, keep)`` in order through nbclient; the run, with ``outputs`` (those of
        each cell with ``keep``) and the widgets' state (the page draws them without asking the kernel again).

        One client for all cells: the warm kernel's, already subscribed, or a new one whose iopub
        subscription is confirmed first."""
        client = self.warm.clients.pop(kernel_id, None)
        run = LiveCells(cells, km=self.get_kernel(kernel_id), log=self.log)
        try:
            if client is None:
                client = self.get_kernel(kernel_id).client()
                client.start_channels()
                await iopub_ready(client)
            await run.run(client)
            return run
        finally:
            client.stop_channels()
