"""Warm kernels: started before a reader asks, so a page view does not wait for Python and the widgets.

Starting Python and ipykernel takes a second or more, and importing the
widget libraries another. The pool keeps ``warm_kernels`` kernels started,
with the widget modules imported (nothing of any essay has run in them). A
page view takes one and gets its variables by a silent
``os.environ.update(...)`` executed before the first cell; a new warm kernel
is started after ``warm_delay``. Voilà's own preheating (``preheat_kernel``)
is not used: it runs the whole notebook before a reader arrives, so the
comments and ratings a reader sees would be as old as the pooled kernel, and
the reader's session would not be known when the widgets are created.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping

from ...errors import KernelError
from .cells import GUARD_CODE, environ_code, imports_code


class WarmPool:
    """The warm kernels of one :class:`~essaykit.live.kernels.manager.EssayKernelManager`, whose traits
    (``warm_kernels``, ``warm_kernel_names``, ``warm_modules``, ``warm_delay``) it follows."""

    def __init__(self, manager) -> None:
        self.manager = manager
        self._tasks: dict[str, list[asyncio.Task]] = {}  # kernel name -> starts, done or not
        self.ids: set[str] = set()  # started and not taken yet
        self.reserved = 0  # promised but not started yet (waiting out warm_delay)
        self._sleeping: set[asyncio.Task] = set()  # those waits: a reader may take their slot
        self._env: dict[str, dict] = {}  # kernel id -> the environment it was started with
        # A client per warm kernel, connected while it warmed up: the reader who takes the kernel
        # skips connecting and confirming the iopub subscription (run_cells stops it).
        self.clients: dict = {}

    def fill(self, delay: float = 0) -> None:
        """Start warm kernels until each name has ``warm_kernels``, never past ``max_kernels``."""
        m = self.manager
        for name in m.warm_kernel_names:
            if not m.installed(name):  # an essay naming a kernel this server lacks: nothing to warm
                continue
            pool = self._tasks.setdefault(name, [])
            pool[:] = [t for t in pool if not t.done() or (not t.cancelled() and t.exception() is None)]
            while len(pool) < m.warm_kernels and m.occupied < m.max_kernels:
                self.reserved += 1
                pool.append(asyncio.ensure_future(self._start(name, delay)))

    async def _start(self, name: str, delay: float) -> str:
        task = asyncio.current_task()
        self._sleeping.add(task)
        try:
            await asyncio.sleep(delay)
        finally:
            self._sleeping.discard(task)
            self.reserved -= 1
        env = self.manager.kernel_environment(os.environ)
        kernel_id = await self.manager.launch(name, env)
        self.ids.add(kernel_id)
        self._env[kernel_id] = env
        try:
            self.clients[kernel_id] = client = self.manager.connect(kernel_id)
            # The manager's wait: it gives up as soon as the process exits, not after the whole timeout.
            await self.manager.run_silently(kernel_id, GUARD_CODE + imports_code(self.manager.warm_modules),
                                            client=client)
        except BaseException:  # a kernel that never got warm holds no slot and no client
            await self.manager.shutdown_kernel(kernel_id, now=True)
            raise
        self.manager.log.info("warm kernel %s ready", kernel_id)
        return kernel_id

    async def give_up_a_promise(self) -> bool:
        """Cancel one warm start still waiting out ``warm_delay``, freeing its slot; False when there is none."""
        if not self._sleeping:
            return False
        waiting = self._sleeping.pop()
        waiting.cancel()
        try:
            await waiting
        except (asyncio.CancelledError, Exception):
            pass
        return True

    async def take(self, name: str, env: Mapping[str, str]) -> str | None:
        """A warm kernel with ``env`` applied, or None when none is ready yet (or the one ready is broken)."""
        m = self.manager
        pool = self._tasks.get(name) or []
        # A start given up (give_up_a_promise) is done too, but holds no kernel: drop it.
        pool[:] = [t for t in pool if not t.cancelled()]
        ready = next((t for t in pool if t.done()), None)
        if ready is None:
            return None
        pool.remove(ready)
        kernel_id = None
        try:
            kernel_id = ready.result()
            self.ids.discard(kernel_id)
            if kernel_id not in m or m.get_kernel(kernel_id).exited():
                raise KernelError("the kernel process has exited")
            await m.run_silently(kernel_id, environ_code(env, self._env.pop(kernel_id, {})), timeout=30,
                                 client=self.clients[kernel_id])
            m.log.info("reader uses warm kernel %s", kernel_id)
        except Exception as exc:  # a broken warm kernel must not cost the reader their kernel
            m.log.warning("warm kernel %s unusable (%s); starting a fresh one", kernel_id, exc)
            if kernel_id is not None and kernel_id in m:
                await m.shutdown_kernel(kernel_id, now=True)
            return None
        finally:
            self.fill(delay=m.warm_delay)
        return kernel_id

    async def wait_for(self, name: str, env: Mapping[str, str], timeout: float = 60) -> str | None:
        """At the cap, a warm kernel being started holds the last slot: wait for it and take it, rather
        than refuse this reader and hand the kernel to the next one. None when there is none (or
        another reader took it first)."""
        starting = [t for t in self._tasks.get(name) or [] if not t.done() and t not in self._sleeping]
        if not starting:
            return None
        try:
            await asyncio.wait_for(asyncio.shield(starting[0]), timeout)
        except (Exception, asyncio.CancelledError):  # failed, slow or given up: the reader is told "busy"
            if asyncio.current_task().cancelling():  # this request itself is being cancelled: let it go
                raise
            return None
        return await self.take(name, env)

    def forget(self, kernel_id: str) -> None:
        """``kernel_id`` is being shut down: out of the pool, its client stopped."""
        self.ids.discard(kernel_id)
        self._env.pop(kernel_id, None)
        for pool in self._tasks.values():
            pool[:] = [t for t in pool if not (t.done() and not t.cancelled() and t.exception() is None
                                               and t.result() == kernel_id)]
        client = self.clients.pop(kernel_id, None)
        if client is not None:
            client.stop_channels()
