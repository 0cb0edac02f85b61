"""The reaper: every ``reap_interval`` seconds, reclaim kernels whose process is gone (e.g. it went over its
memory limit and exited), kernels with no page connected for ``idle_seconds``, kernels their reader has not
used for ``inactive_seconds`` and kernels given to a reader ``kernel_lifetime`` ago; then top the warm pool up.

"Used" means a widget message from the page (``EssayKernelManager.used``, called by the page's connection):
a page left open sends websocket pings and kernel_info requests by itself, and an attacker can send them
forever, so they keep nothing alive. ``kernel_lifetime`` ends even a kernel that is used: a client that
clicks a widget every minute gets its slot back after that long."""

from __future__ import annotations

import asyncio
import time

from tornado.ioloop import PeriodicCallback


class Reaper:
    """The reaper of one :class:`~essaykit.live.kernels.manager.EssayKernelManager`."""

    def __init__(self, manager) -> None:
        self.manager = manager
        self._alone_since: dict[str, float] = {}  # kernel id -> when its last page went away
        self._given: dict[str, float] = {}  # kernel id -> when a reader got it
        self._used: dict[str, float] = {}  # kernel id -> when its reader last used it
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

    def given(self, kernel_id: str) -> None:
        """A reader got ``kernel_id`` now: its lifetime and its inactivity count from now."""
        self._given[kernel_id] = self._used[kernel_id] = time.monotonic()

    def used(self, kernel_id: str) -> None:
        if kernel_id in self._used:
            self._used[kernel_id] = time.monotonic()

    def forget(self, kernel_id: str) -> None:
        for times in (self._alone_since, self._given, self._used):
            times.pop(kernel_id, None)

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
            if now - self._given.get(kernel_id, now) >= m.kernel_lifetime:
                await m.reclaim(kernel_id, f"it reached its lifetime of {m.kernel_lifetime:g} s")
                continue
            if now - self._used.get(kernel_id, now) >= m.inactive_seconds:
                await m.reclaim(kernel_id, f"its reader has not used it for {m.inactive_seconds:g} s")
                continue
            if m.pages.count(kernel_id) > 0:
                self._alone_since.pop(kernel_id, None)
                continue
            since = self._alone_since.setdefault(kernel_id, now)
            if now - since >= m.idle_seconds:
                await m.reclaim(kernel_id, f"no page connected for {m.idle_seconds:g} s")
        m.warm.fill()
