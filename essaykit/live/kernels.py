"""Tell each essay's kernel which essay it runs and which reader it serves.

Voilà 0.5 starts a kernel per page view with the server's environment plus
the CGI-style request variables (``SCRIPT_NAME``, ``QUERY_STRING``,
``SERVER_NAME``…) and, for each header listed in
``VoilaConfiguration.http_header_envs``, ``HTTP_<HEADER>``. It has no hook
for per-essay variables, so :class:`~essaykit.live.handlers.EssayPageHandler`
writes two headers on the request itself (overwriting any the browser sent)
and this kernel manager renames them to the names essaykit's kernel code reads:

============================  =====================  ==========================
request header                kernel environment     read by
============================  =====================  ==========================
``X-Essaykit-Slug``           ``ESSAYKIT_SLUG``      :func:`essaykit.current_slug`
``X-Essaykit-Reader``         ``ESSAYKIT_SESSION``   ``essaykit.widgets._session.reader_session``
============================  =====================  ==========================

``ESSAYKIT_DB`` needs no bridge: ``essaykit serve`` sets it in its own
environment, which every kernel inherits.

Capacity (docs/serve.md, "What costs a kernel"). A page view costs no kernel:
kernels start only through :meth:`EssayKernelManager.start_for_reader`, which
the page's script calls with a POST. At most ``max_kernels`` kernel processes
exist at once (warm ones included); past that the reader is told the live
version is busy. A reaper runs every second: a kernel whose process is gone
(e.g. it went over ``kernel_memory`` and exited) is cleaned up, and a kernel
with no connected page for ``idle_seconds`` is shut down.

Warm kernels. Starting Python and ipykernel takes a second or more, and
importing the widget libraries another. The manager keeps ``warm_kernels``
kernels started, with the widget modules imported (nothing of any essay has
run in them). A page view takes one and gets its variables by a silent
``os.environ.update(...)`` executed before Voilà sends the first cell; a new
warm kernel is started at once. Voilà's own preheating (``preheat_kernel``)
is not used: it runs the whole notebook before a reader arrives, so the
comments and ratings a reader sees would be as old as the pooled kernel, and
the reader's session would not be known when the widgets are created.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import sys
import time
from pathlib import Path

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import Float, Integer, List, Unicode

from .._kernel_env import BRIDGE, kernel_env  # noqa: F401 - BRIDGE: the table in the docstring
from ..errors import KernelError
from ..names import ENV_DB_CONNECTIONS, ENV_SERVE, READER_HEADER, SLUG_HEADER

HEADERS = (SLUG_HEADER, READER_HEADER)


def _environ_code(env: dict) -> str:
    """Python that gives a running kernel the variables of ``env`` it was not started with."""
    changes = {k: v for k, v in env.items() if isinstance(v, str) and os.environ.get(k) != v}
    # Hex-encoded JSON: IPython rewrites some source (a line ending in "?" asks for
    # help), so request-derived text must never appear in the code as written.
    payload = json.dumps(changes).encode("utf-8").hex()
    return f"import os as _ek_os, json as _ek_json\n_ek_os.environ.update(_ek_json.loads(bytes.fromhex({payload!r})))\ndel _ek_os, _ek_json\n"


GIB = 1024 ** 3
MIB = 1024 ** 2
LAUNCHER = Path(__file__).with_name("launch.py")
BUSY = "The live version is busy; try again in a minute."
BUSY_RETRY_SECONDS = 60  # BUSY's "in a minute", sent as Retry-After

# Run silently in every kernel before any essay code: a MemoryError (the
# kernel reached its RLIMIT_AS, see launch.py) ends the kernel, so the server
# reclaims the slot instead of keeping a kernel that can no longer work.
GUARD_CODE = """\
def _ek_guard():
    import os
    def out_of_memory(shell, etype, value, tb, tb_offset=None):
        os._exit(137)
    get_ipython().set_custom_exc((MemoryError,), out_of_memory)
_ek_guard()
del _ek_guard
"""


class KernelsBusy(Exception):
    """Every kernel slot is taken (``--max-kernels``); the reader gets the page without live code."""


def available_memory() -> int:
    """Bytes of memory available for new processes (MemAvailable), or 0 when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def default_max_kernels(kernel_memory: int, available: int | None = None, reserve: int = 512 * MIB) -> int:
    """As many kernels as fit in the memory available now, each at its limit, keeping ``reserve`` for the
    server; at least 1. Unknown memory: 4."""
    available = available_memory() if available is None else available
    if available <= 0 or kernel_memory <= 0:
        return 4
    return max(1, (available - reserve) // kernel_memory)


def process_tree_rss(pid: int) -> int:
    """Resident bytes of process ``pid`` and its descendants (0 when it is gone)."""
    total, todo, seen = 0, [pid], set()
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * page
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


class LimitedKernelManager(ServerKernelManager):
    """One kernel, started through launch.py under ``memory_limit`` bytes of address space."""

    memory_limit = Integer(0, config=True, help="Bytes of address space each kernel may map (RLIMIT_AS); 0: no limit.")

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments)
        if self.memory_limit > 0 and sys.platform.startswith("linux"):
            return [sys.executable, str(LAUNCHER), str(self.memory_limit), "--", *cmd]
        return cmd

    @property
    def pid(self) -> int | None:
        process = getattr(getattr(self, "provisioner", None), "process", None)
        return getattr(process, "pid", None)

    def exited(self) -> bool:
        process = getattr(getattr(self, "provisioner", None), "process", None)
        return process is not None and process.poll() is not None


class EssayKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager with essaykit's rules: :func:`kernel_env`, warm kernels, a hard cap,
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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._warm: dict[str, list[asyncio.Task]] = {}
        self._warm_ids: set[str] = set()
        self._reserved = 0  # warm kernels promised but not started yet (waiting out warm_delay)
        self._starting_ids: set[str] = set()
        self._stopping: set[str] = set()  # being shut down: their slot is free already
        self._sleeping: set = set()  # warm starts still waiting out warm_delay: a reader may take their slot
        self._held: set[str] = set()
        self._alone_since: dict[str, float] = {}
        self.owners: dict[str, str] = {}
        self.reclaimed: dict[str, str] = {}
        self._reaper = None
        self._reaping = False
        # A client per warm kernel, connected while it warmed up: the reader who takes the kernel
        # skips connecting and confirming the iopub subscription (run_cells stops it).
        self._clients: dict = {}

    # --- capacity ---------------------------------------------------------------

    @property
    def occupied(self) -> int:
        """Kernel processes running or being started (warm ones included)."""
        return len((set(self._kernels) | self._starting_ids) - self._stopping) + self._reserved

    def pre_start_kernel(self, kernel_name, kwargs):
        km, name, kernel_id = super().pre_start_kernel(kernel_name, kwargs)
        self._starting_ids.add(kernel_id)
        return km, name, kernel_id

    async def _start(self, name: str, env: dict) -> str:
        """Start one kernel process (the caller checked the cap); counted from the first moment."""
        try:
            return await AsyncMappingKernelManager.start_kernel(self, kernel_name=name, path="",
                                                                env=self._launch_env(env))
        finally:
            self._starting_ids &= set(self._pending_kernels) - set(self._kernels)

    @property
    def reader_kernels(self) -> int:
        return len([k for k in self._kernels if k not in self._warm_ids])

    def fill(self, delay: float = 0) -> None:
        """Start warm kernels until each name has ``warm_kernels``, never past ``max_kernels``."""
        for name in self.warm_kernel_names:
            pool = self._warm.setdefault(name, [])
            pool[:] = [t for t in pool if not t.done() or (not t.cancelled() and t.exception() is None)]
            while len(pool) < self.warm_kernels and self.occupied < self.max_kernels:
                self._reserved += 1
                pool.append(asyncio.ensure_future(self._start_warm(name, delay)))

    async def _start_warm(self, name: str, delay: float = 0) -> str:
        task = asyncio.current_task()
        self._sleeping.add(task)
        try:
            await asyncio.sleep(delay)
        finally:
            self._sleeping.discard(task)
            self._reserved -= 1
        kernel_id = await self._start(name, dict(os.environ))
        self._warm_ids.add(kernel_id)
        imports = "".join(f"try:\n    __import__({m!r})\nexcept Exception:\n    pass\n" for m in self.warm_modules)
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        self._clients[kernel_id] = client
        await self.run_silently(kernel_id, GUARD_CODE + imports, first=True)
        self.log.info("warm kernel %s ready", kernel_id)
        return kernel_id

    def _launch_env(self, env) -> dict:
        out = dict(env)
        # Fewer malloc arenas: a kernel's threads would otherwise reserve address space it never uses.
        out.setdefault("MALLOC_ARENA_MAX", "2")
        # Widgets in a kernel hold at most one database connection (essaykit.comments.engine).
        out[ENV_DB_CONNECTIONS] = "1"
        # This kernel serves readers: author-only tools (ModerationQueue) stay off (essaykit.widgets._served).
        out[ENV_SERVE] = "1"
        return out

    async def run_silently(self, kernel_id: str, code: str, timeout: float = 120, first: bool = False) -> None:
        """Execute ``code`` in the kernel without output or history; KernelError when it fails."""
        kept = self._clients.get(kernel_id)
        client = kept or self.get_kernel(kernel_id).client()
        if kept is None:
            client.start_channels()
        try:
            if first:
                # A just-started kernel: its shell socket may not be bound yet; a request waits in
                # ZeroMQ's queue, and the reply says the kernel is up. No fixed waiting.
                pass
            msg_id = client.execute(code, silent=True, store_history=False)
            deadline = time.monotonic() + timeout
            while True:
                reply = await client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"].get("status") != "ok":
                content = reply["content"]
                raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")
        finally:
            if kept is None:
                client.stop_channels()

    async def _take_warm(self, name: str, env: dict) -> str | None:
        """A warm kernel with ``env`` applied, or None when none is ready yet."""
        pool = self._warm.get(name) or []
        ready = next((t for t in pool if t.done()), None)
        if ready is None:
            return None
        pool.remove(ready)
        kernel_id = None
        try:
            kernel_id = ready.result()
            self._warm_ids.discard(kernel_id)
            if kernel_id not in self or self.get_kernel(kernel_id).exited():
                raise KernelError("the kernel process has exited")
            await self.run_silently(kernel_id, _environ_code(env), timeout=30)
            self.log.info("reader uses warm kernel %s", kernel_id)
        except Exception as exc:  # a broken warm kernel must not cost the reader their kernel
            self.log.warning("warm kernel %s unusable (%s); starting a fresh one", kernel_id, exc)
            if kernel_id is not None and kernel_id in self:
                await self.shutdown_kernel(kernel_id, now=True)
            return None
        finally:
            self.fill(delay=self.warm_delay)
        return kernel_id

    async def start_for_reader(self, *, kernel_name: str, env: dict, owner: str, hold: bool = True) -> str:
        """A kernel for one reader's page: a warm one when ready, else a new one; KernelsBusy at the cap.

        With ``hold`` the reaper leaves the kernel alone until :meth:`release` (the page is not
        connected yet while its cells run)."""
        env = kernel_env(env)
        kernel_id = await self._take_warm(kernel_name, env)
        if kernel_id is None:
            if self.occupied >= self.max_kernels and self._sleeping:
                # A warm kernel promised but not started yet: the reader here and now comes first.
                waiting = self._sleeping.pop()
                waiting.cancel()
                try:
                    await waiting
                except (asyncio.CancelledError, Exception):
                    pass
            if self.occupied >= self.max_kernels:
                kernel_id = await self._wait_for_warm(kernel_name, env)
                if kernel_id is None:
                    raise KernelsBusy(BUSY)
            if kernel_id is None:
                kernel_id = await self._start(kernel_name, env)
                try:
                    await self.run_silently(kernel_id, GUARD_CODE, first=True)
                except Exception:
                    await self.shutdown_kernel(kernel_id, now=True)
                    raise
        self.owners[kernel_id] = owner
        if hold:
            self._held.add(kernel_id)
        return kernel_id

    async def _wait_for_warm(self, name: str, env: dict, timeout: float = 60) -> str | None:
        """At the cap, a warm kernel being started holds the last slot: wait for it and take it, rather
        than refuse this reader and hand the kernel to the next one. None when there is none (or
        another reader took it first)."""
        starting = [t for t in self._warm.get(name) or [] if not t.done() and t not in self._sleeping]
        if not starting:
            return None
        try:
            await asyncio.wait_for(asyncio.shield(starting[0]), timeout)
        except Exception:  # it failed or is slow: the reader is told the live version is busy
            return None
        return await self._take_warm(name, env)

    def release(self, kernel_id: str) -> None:
        """The page has its outputs: from now on the kernel lives while a page is connected."""
        self._held.discard(kernel_id)
        self._alone_since[kernel_id] = time.monotonic()

    async def start_kernel(self, *args, **kwargs):
        # Only start_for_reader and the warm pool start kernels under essaykit serve; anything else
        # (a stray route) still obeys the cap.
        if self.occupied >= self.max_kernels:
            raise KernelsBusy(BUSY)
        if kwargs.get("env"):
            kwargs["env"] = self._launch_env(kernel_env(kwargs["env"]))
        return await super().start_kernel(*args, **kwargs)

    # --- reclaiming ---------------------------------------------------------------

    def start_reaper(self) -> None:
        from tornado.ioloop import PeriodicCallback

        if self._reaper is None:
            self._reaper = PeriodicCallback(self._reap_soon, self.reap_interval * 1000)
            self._reaper.start()

    def _reap_soon(self) -> None:
        if not self._reaping:
            self._reaping = True
            asyncio.ensure_future(self._reap_guarded())

    async def _reap_guarded(self) -> None:
        try:
            await self.reap()
        except Exception:  # the reaper must keep running whatever one kernel does
            self.log.exception("checking kernels failed")
        finally:
            self._reaping = False

    async def reap(self) -> None:
        """Clean up exited kernels; shut down kernels with no page connected for ``idle_seconds``."""
        now = time.monotonic()
        for kernel_id in list(self._kernels):
            if kernel_id in getattr(self, "_pending_kernels", {}):
                continue
            km = self._kernels.get(kernel_id)
            if km is None:
                continue
            if getattr(km, "exited", lambda: False)():
                await self.reclaim(kernel_id, "its process exited (e.g. it went over its memory limit)")
                continue
            if kernel_id in self._warm_ids or kernel_id in self._held:
                continue
            if self._kernel_connections.get(kernel_id, 0) > 0:
                self._alone_since.pop(kernel_id, None)
                continue
            since = self._alone_since.setdefault(kernel_id, now)
            if now - since >= self.idle_seconds:
                await self.reclaim(kernel_id, f"no page connected for {self.idle_seconds:g} s")
        self.fill()

    async def reclaim(self, kernel_id: str, why: str) -> None:
        """Shut one kernel down now, closing its pages' connections (they show the busy note)."""
        self.log.info("shutting down kernel %s: %s", kernel_id, why)
        self.reclaimed[kernel_id] = why
        while len(self.reclaimed) > 1000:
            self.reclaimed.pop(next(iter(self.reclaimed)))
        from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

        for connection in list(ZMQChannelsWebsocketConnection._open_sockets):
            if getattr(connection, "kernel_id", None) == kernel_id:
                try:
                    connection.websocket_handler.close()
                except Exception:
                    pass
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception as exc:
                self.log.warning("kernel %s did not shut down cleanly: %s", kernel_id, exc)

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        self._drop_client(kernel_id)
        self.owners.pop(kernel_id, None)
        self._held.discard(kernel_id)
        self._alone_since.pop(kernel_id, None)
        self._warm_ids.discard(kernel_id)
        for pool in self._warm.values():
            pool[:] = [t for t in pool if not (t.done() and not t.cancelled() and t.exception() is None
                                               and t.result() == kernel_id)]
        if restart:
            return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        self._stopping.add(kernel_id)
        try:
            return await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        finally:
            self._stopping.discard(kernel_id)

    def _drop_client(self, kernel_id: str) -> None:
        client = self._clients.pop(kernel_id, None)
        if client is not None:
            client.stop_channels()

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id in self._warm_ids or kernel_id in self._held:
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    # --- running the essay ---------------------------------------------------------

    async def run_cells(self, kernel_id: str, cells: list[tuple[int, str, bool]],
                        widgets: "WidgetStates | None" = None) -> dict[int, list[dict]]:
        """Execute ``(index, source, keep)`` in order; the outputs of each cell with ``keep``.

        ``widgets`` collects the state of every widget model the cells create (the page draws them
        without asking the kernel again). One client for all cells; its iopub subscription is confirmed
        by a kernel_info round trip (re-sent every 0.25 s until its status arrives), not by waiting for
        silence."""
        from nbformat.v4 import output_from_msg

        widgets = widgets if widgets is not None else WidgetStates()

        client = self._clients.pop(kernel_id, None)
        try:
            if client is None:
                client = self.get_kernel(kernel_id).client()
                client.start_channels()
                await _iopub_ready(client)
            results: dict[int, list[dict]] = {}
            for index, source, keep in cells:
                msg_id = client.execute(source, store_history=False, allow_stdin=False, stop_on_error=False)
                outputs: list[dict] = []
                clear_next = False
                while True:
                    try:
                        msg = await client.get_iopub_msg(timeout=1)
                    except queue.Empty:
                        if kernel_id not in self or self.get_kernel(kernel_id).exited():
                            raise KernelError("the kernel exited while running the essay (over its memory limit?)")
                        continue
                    if widgets.take(msg):
                        continue
                    if msg["parent_header"].get("msg_id") != msg_id:
                        continue
                    kind = msg["header"]["msg_type"]
                    if kind == "status" and msg["content"].get("execution_state") == "idle":
                        break
                    if kind == "clear_output":
                        if msg["content"].get("wait"):
                            clear_next = True
                        else:
                            outputs.clear()
                        continue
                    if kind in ("stream", "display_data", "execute_result", "error"):
                        if clear_next:
                            outputs.clear()
                            clear_next = False
                        outputs.append(output_from_msg(msg))
                if keep:
                    results[index] = outputs
            return results
        finally:
            client.stop_channels()


class WidgetStates(dict):
    """comm id → ``{"state": …, "buffers": bool}`` of the widget models a kernel created, kept up to date
    from its iopub messages; what an Output widget captures goes into its ``outputs``, as a front end
    would put it there (ipywidgets' output capture by ``msg_id``)."""

    def take(self, msg: dict) -> bool:
        """Follow ``msg``; True when it belonged to a widget (an Output widget captured it)."""
        kind = msg["header"]["msg_type"]
        content = msg.get("content") or {}
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            data = content.get("data") or {}
            self[content.get("comm_id")] = {"state": dict(data.get("state") or {}),
                                            "buffers": bool(data.get("buffer_paths") or msg.get("buffers"))}
            return False
        if kind == "comm_msg" and content.get("comm_id") in self:
            data = content.get("data") or {}
            if data.get("method") in ("update", "echo_update"):
                model = self[content["comm_id"]]
                model["state"].update(data.get("state") or {})
                model["buffers"] = model["buffers"] or bool(data.get("buffer_paths") or msg.get("buffers"))
            return False
        if kind == "comm_close":
            self.pop(content.get("comm_id"), None)
            return False
        if kind not in ("stream", "display_data", "execute_result", "error", "clear_output"):
            return False
        parent = (msg.get("parent_header") or {}).get("msg_id")
        for model in self.values():
            state = model["state"]
            if parent and state.get("_model_name") == "OutputModel" and state.get("msg_id") == parent:
                _capture(state, kind, content)
                return True
        return False


    def for_page(self) -> dict:
        """The states as the page gets them (without this class's own bookkeeping)."""
        return {comm_id: {"state": {k: v for k, v in model["state"].items() if not k.startswith("_ek_")},
                          "buffers": model["buffers"]} for comm_id, model in self.items()}


def _capture(state: dict, kind: str, content: dict) -> None:
    outputs = list(state.get("outputs") or ())
    if state.pop("_ek_clear_next", False) and kind != "clear_output":
        outputs = []
    if kind == "clear_output":
        if content.get("wait"):
            state["_ek_clear_next"] = True
        else:
            outputs = []
    elif kind == "stream":
        text = "".join(content.get("text") or "") if isinstance(content.get("text"), list) else content.get("text") or ""
        if outputs and outputs[-1].get("output_type") == "stream" and outputs[-1].get("name") == content.get("name"):
            outputs[-1] = {**outputs[-1], "text": outputs[-1].get("text", "") + text}
        else:
            outputs.append({"output_type": "stream", "name": content.get("name"), "text": text})
    elif kind == "error":
        outputs.append({"output_type": "error", "ename": content.get("ename"), "evalue": content.get("evalue"),
                        "traceback": []})
    else:
        outputs.append({"output_type": kind, "data": content.get("data") or {}, "metadata": content.get("metadata") or {}})
    state["outputs"] = outputs


async def _iopub_ready(client, tries: int = 240) -> None:
    wait = 0.02  # re-asked sooner at first: a reply lost before the subscription took costs little
    for _ in range(tries):
        msg_id = client.kernel_info()
        deadline = time.monotonic() + wait
        wait = min(0.25, wait * 2)
        while time.monotonic() < deadline:
            try:
                msg = await client.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                break
            if msg["parent_header"].get("msg_id") == msg_id:
                return
    raise KernelError("the kernel does not answer")
