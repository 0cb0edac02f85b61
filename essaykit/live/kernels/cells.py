"""Running code in a reader's kernel: the essay's live cells through nbclient (:class:`LiveCells`), with
their outputs and widget states, and the silent set-up essaykit runs before them."""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Mapping

from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_notebook

from ...errors import KernelError
from ...html.widget_state import STATE_MIME
from ...limits import KERNEL_ANSWER_SECONDS
from .channels import author_only

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


def environ_code(env: Mapping[str, str], started_with: Mapping[str, str]) -> str:
    """Python that gives a running kernel, started with ``started_with``, the variables of ``env`` it lacks."""
    changes = {k: v for k, v in env.items() if isinstance(v, str) and started_with.get(k) != v}
    # Hex-encoded JSON: IPython rewrites some source (a line ending in "?" asks for
    # help), so request-derived text must never appear in the code as written.
    payload = json.dumps(changes).encode("utf-8").hex()
    return f"import os as _ek_os, json as _ek_json\n_ek_os.environ.update(_ek_json.loads(bytes.fromhex({payload!r})))\ndel _ek_os, _ek_json\n"


def imports_code(modules: list[str]) -> str:
    """Python that imports ``modules``, skipping any that fails."""
    return "".join(f"try:\n    __import__({m!r})\nexcept Exception:\n    pass\n" for m in modules)


async def run_silently(client, code: str, timeout: float = 120) -> None:
    """Execute ``code`` through ``client`` without output or history; KernelError when it fails.

    A just-started kernel may not have bound its shell socket yet: the request waits in ZeroMQ's queue,
    and the reply says the kernel is up. No fixed waiting."""
    msg_id = client.execute(code, silent=True, store_history=False)
    deadline = time.monotonic() + timeout
    while True:
        reply = await client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    if content.get("status") != "ok":
        raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")


async def iopub_ready(client, tries: int = 240) -> None:
    """Return once ``client``'s iopub subscription is confirmed: a kernel_info round trip (re-sent every
    0.25 s at most until its status arrives), not waiting for silence."""
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


class KernelExited(KernelError):
    """The kernel's process exited before it was ready (it could not start)."""


class KernelNoAnswer(KernelError):
    """The kernel was sent a cell and said nothing at all (not even "busy") within
    :data:`~essaykit.limits.KERNEL_ANSWER_SECONDS`: that kernel is stuck, and a fresh one may not be."""


class LiveCells(NotebookClient):
    """nbclient's :class:`~nbclient.NotebookClient` for the live cells of one page, run as Voilà's own
    executor runs a notebook: on a kernel the live page's manager started, through a client it gives
    (:meth:`run`), one ``async_execute_cell`` per cell. Outputs, ``update_display_data``, what an Output
    widget captures (synced back to the kernel, as a front end does) and the widgets' state are
    nbclient's; this class says what of them the reader's page gets.

    ``cells`` are ``(index, source, keep)``: the essay's cell index, the code to run, and whether its
    outputs are shown. A cell that raises shows its error (for the author only, see ``channels``) and
    the cells after it still run, as on a notebook reader's screen.

    Nothing waits without a bound: all the cells together may take ``seconds`` (the server's
    ``--cell-timeout``), and a kernel that does not even say "busy" to a cell within ``answer_seconds``
    is :class:`KernelNoAnswer`."""

    def __init__(self, cells: list[tuple[int, str, bool]], *, seconds: float,
                 answer_seconds: float = KERNEL_ANSWER_SECONDS, **kwargs) -> None:
        nb = new_notebook(cells=[new_code_cell(source) for _, source, _ in cells])
        super().__init__(nb, allow_errors=True, record_timing=False, **kwargs)
        self.shown = [(index, keep) for index, _, keep in cells]
        self.outputs: dict[int, list[dict]] = {}  # by essay index, once run
        self.seconds = seconds
        self.answer_seconds = answer_seconds
        self._answered = asyncio.Event()  # the kernel said something about the cell being run

    async def run(self, client) -> dict[int, list[dict]]:
        """Run the cells through ``client`` (connected to this page's kernel); :attr:`outputs`, those of
        each kept cell by its essay index. KernelError when the kernel exits meanwhile or the cells run
        past ``seconds``; KernelNoAnswer when it does not answer a cell."""
        self.kc = client
        client.allow_stdin = False  # no one at the kernel's end to answer input()
        deadline = time.monotonic() + self.seconds
        # nbclient's per-cell timeout, given what is left of the whole run's.
        self.timeout_func = lambda cell: max(1, math.ceil(deadline - time.monotonic()))
        try:
            for position, cell in enumerate(self.nb.cells):
                await self._answered_by_kernel(self.async_execute_cell(cell, position, store_history=False))
        except DeadKernelError:
            raise KernelError("the kernel exited while running the essay (over its memory limit?)") from None
        except CellTimeoutError:
            raise KernelError(f"the essay's live code ran past {self.seconds:g} s, this server's limit for "
                              "it (essaykit serve --cell-timeout)") from None
        self.outputs = {index: cell.outputs for (index, keep), cell in zip(self.shown, self.nb.cells) if keep}
        return self.outputs

    async def _answered_by_kernel(self, executing) -> None:
        """Await ``executing`` (one cell), giving up with KernelNoAnswer when the kernel says nothing of
        it within ``answer_seconds``."""
        self._answered.clear()
        running = asyncio.ensure_future(executing)
        answered = asyncio.ensure_future(self._answered.wait())
        try:
            done, _ = await asyncio.wait({running, answered}, timeout=self.answer_seconds,
                                         return_when=asyncio.FIRST_COMPLETED)
            if not done:
                raise KernelNoAnswer(f"the kernel did not answer within {self.answer_seconds:g} s")
            await running
        finally:
            answered.cancel()
            if not running.done():
                running.cancel()
                await asyncio.wait({running})  # nbclient's own tasks for the cell end with it
                if not running.cancelled():
                    running.exception()  # nbclient's "Kernel died" for the cancelled cell: not news

    def process_message(self, msg, cell, cell_index):
        self._answered.set()  # nbclient hands over only messages about the cell being run
        return super().process_message(msg, cell, cell_index)

    def handle_comm_msg(self, outs, msg, cell_index) -> None:
        super().handle_comm_msg(outs, msg, cell_index)
        if msg["msg_type"] == "comm_close":  # closed in the kernel: the page must not draw it
            self.widget_state.pop(msg["content"].get("comm_id"), None)
            self.widget_buffers.pop(msg["content"].get("comm_id"), None)

    def modules(self) -> set[str]:
        """The front-end modules the widget models come from (``@jupyter-widgets/controls``, …)."""
        return {m for state in self.widget_state.values()
                for m in (state.get("_model_module"), state.get("_view_module")) if m}

    def for_page(self) -> dict:
        """The widgets' state as the page's widget manager takes it: nbclient's saved state
        (``application/vnd.jupyter.widget-state+json``, what a notebook keeps, binary buffers as base64
        ``data`` at their ``path``), without what is for the author only (an Output widget's tracebacks
        and stderr, as the kernel's websocket drops them)."""
        self.set_widgets_metadata()
        saved = (self.nb.metadata.get("widgets") or {}).get(STATE_MIME) or {"state": {}}
        models = {}
        for model_id, model in saved["state"].items():
            state = dict(model["state"])
            if isinstance(state.get("outputs"), list):
                state["outputs"] = [o for o in state["outputs"] if not author_only(o)]
            models[model_id] = {**model, "state": state}
        return {"version_major": 2, "version_minor": 0, "state": models}
