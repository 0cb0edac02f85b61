"""The reaper: every ``reap_interval`` seconds, reclaim kernels whose process is gone (e.g. it went over its
memory limit and exited) and kernels with no page connected for ``idle_seconds``; then top the warm pool up."""

from __future__ import annotations

import asyncio
import time

from tornado.ioloop import PeriodicCallback


class Reaper:
    """The reaper of one :class:`~essaykit.live.kernels.manager.EssayKernelManager`."""

    def __init__(self, manager) -> None:
        self.manager = manager
        self._alone_since: dict[str, float] = {}  # kernel id -> when its last page went away
        self._callback: PeriodicCallback | None = None
        self._reaping = False

    def start(self) -> None:
        if self._callback is None:
            self._callback = PeriodicCallback(self._soon, self.manager.reap_interval * 1000)
            self._callback.start()

    def stop(self) -> None:
        if self._callback is not None:
            self._callback.stop()

    def alone_from_now(self, kernel_id: str) -> None:
        """Count ``kernel_id``'s time with no page from now (its page has its outputs and connects next)."""
        self._alone_since[kernel_id] = time.monotonic()

    def forget(self, kernel_id: str) -> None:
        self._alone_since.pop(kernel_id, None)

    def _soon(self) -> None:
        if not self._reaping:
            self._reaping = True
            asyncio.ensure_future(self._guarded())

    async def _guarded(self) -> None:
        try:
            await self.reap()
        except Exception:  # the reaper must keep running whatever one kernel does
            self.manager.log.exception("checking kernels failed")
        finally:
            self._reaping = False

    async def reap(self) -> None:
        m = self.manager
        now = time.monotonic()
        for kernel_id in m.list_kernel_ids():
            if m.in_transition(kernel_id):
                continue
            try:
                km = m.get_kernel(kernel_id)
            except KeyError:
                continue
            if km.exited():
                await m.reclaim(kernel_id, "its process exited (e.g. it went over its memory limit)")
                continue
            if m.spared(kernel_id):
                continue
            if m.pages.count(kernel_id) > 0:
                self._alone_since.pop(kernel_id, None)
                continue
            since = self._alone_since.setdefault(kernel_id, now)
            if now - since >= m.idle_seconds:
                await m.reclaim(kernel_id, f"no page connected for {m.idle_seconds:g} s")
        m.warm.fill()
