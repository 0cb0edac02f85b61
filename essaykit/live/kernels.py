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

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Integer, List, Unicode

from .._kernel_env import BRIDGE, kernel_env  # noqa: F401 - BRIDGE: the table in the docstring
from ..errors import KernelError

HEADERS = ("X-Essaykit-Slug", "X-Essaykit-Reader")


def _environ_code(env: dict) -> str:
    """Python that gives a running kernel the variables of ``env`` it was not started with."""
    changes = {k: v for k, v in env.items() if isinstance(v, str) and os.environ.get(k) != v}
    # Hex-encoded JSON: IPython rewrites some source (a line ending in "?" asks for
    # help), so request-derived text must never appear in the code as written.
    payload = json.dumps(changes).encode("utf-8").hex()
    return f"import os as _ek_os, json as _ek_json\n_ek_os.environ.update(_ek_json.loads(bytes.fromhex({payload!r})))\ndel _ek_os, _ek_json\n"


class EssayKernelManager(AsyncMappingKernelManager):
    """The default Jupyter kernel manager, plus :func:`kernel_env` and warm kernels."""

    warm_kernels = Integer(1, config=True, help="Kernels to keep started for the next page view, e.g. "
                                                "--EssayKernelManager.warm_kernels=2; 0 turns warming off.")
    warm_kernel_names = List(Unicode(), ["python3"], config=True,
                             help="Kernel specs to keep warm (the essays' kernelspec names).")
    warm_modules = List(Unicode(), ["ipywidgets", "anywidget", "essaykit.widgets.spoiler",
                                    "essaykit.widgets.rating", "essaykit.widgets.comments"], config=True,
                        help="Modules a warm kernel imports ahead of time; a module that fails to import is skipped.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._warm: dict[str, list[asyncio.Task]] = {}
        self._warm_ids: set[str] = set()

    warm_delay = Integer(5, config=True, help="Seconds to wait before replacing a warm kernel that was taken, "
                                              "so starting it does not slow the page being served, e.g. 5.")

    def fill(self, delay: float = 0) -> None:
        """Start warm kernels until each name has ``warm_kernels`` (call with the event loop running)."""
        for name in self.warm_kernel_names:
            pool = self._warm.setdefault(name, [])
            while len(pool) < self.warm_kernels:
                pool.append(asyncio.ensure_future(self._start_warm(name, delay)))

    async def _start_warm(self, name: str, delay: float = 0) -> str:
        await asyncio.sleep(delay)
        kernel_id = await super().start_kernel(kernel_name=name, path="", env=dict(os.environ))
        self._warm_ids.add(kernel_id)
        imports = "".join(f"try:\n    __import__({m!r})\nexcept Exception:\n    pass\n" for m in self.warm_modules)
        await self._run_silently(kernel_id, imports)
        self.log.info("warm kernel %s ready", kernel_id)
        return kernel_id

    async def _run_silently(self, kernel_id: str, code: str, timeout: float = 120) -> None:
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=timeout)
            msg_id = client.execute(code, silent=True, store_history=False)
            while True:
                reply = await client.get_shell_msg(timeout=timeout)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"].get("status") != "ok":
                content = reply["content"]
                raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")
        finally:
            client.stop_channels()

    async def _take_warm(self, name: str, path, env: dict) -> str | None:
        """A warm kernel with ``env`` applied, or None when none is ready yet.

        The reader's first bytes wait for this, so a kernel still warming up is
        left alone: starting a fresh process is quicker than waiting for it.
        """
        pool = self._warm.get(name) or []
        ready = next((t for t in pool if t.done()), None)
        if ready is None or path not in ("", None):
            return None
        pool.remove(ready)
        self.fill(delay=self.warm_delay)
        kernel_id = None
        try:
            kernel_id = ready.result()
            self._warm_ids.discard(kernel_id)
            if not await self.get_kernel(kernel_id).is_alive():
                raise KernelError("the kernel process has exited")
            await self._run_silently(kernel_id, _environ_code(env), timeout=30)
            self.log.info("page view uses warm kernel %s", kernel_id)
        except Exception as exc:  # a broken warm kernel must not cost the reader the page
            self.log.warning("warm kernel %s unusable (%s); starting a fresh one", kernel_id, exc)
            if kernel_id is not None and kernel_id in self:
                await self.shutdown_kernel(kernel_id, now=True)
            return None
        return kernel_id

    async def start_kernel(self, *args, **kwargs):
        if kwargs.get("env"):
            kwargs["env"] = kernel_env(kwargs["env"])
            warm = await self._take_warm(kwargs.get("kernel_name") or "python3", kwargs.get("path"), kwargs["env"])
            if warm is not None:
                return warm
        return await super().start_kernel(*args, **kwargs)

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id in self._warm_ids:
            return None
        return await super().cull_kernel_if_idle(kernel_id)
