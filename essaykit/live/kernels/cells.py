"""Running code in a reader's kernel: the essay's live cells, with their outputs and widget states, and the
silent set-up essaykit runs before them."""

from __future__ import annotations

import json
import queue
import time
from collections.abc import Callable, Mapping

from nbformat.v4 import output_from_msg

from ...errors import KernelError
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
OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")


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


async def run_cells(client, cells: list[tuple[int, str, bool]], widgets: WidgetStates,
                    gone: Callable[[], bool]) -> dict[int, list[dict]]:
    """Execute ``(index, source, keep)`` in order through ``client``; the outputs of each cell with ``keep``.

    ``widgets`` collects the state of every widget model the cells create. ``gone()`` says whether the
    kernel's process has exited (asked whenever the kernel is quiet for a second)."""
    results: dict[int, list[dict]] = {}
    for index, source, keep in cells:
        msg_id = client.execute(source, store_history=False, allow_stdin=False, stop_on_error=False)
        outputs: list[dict] = []
        clear_next = False
        while True:
            try:
                msg = await client.get_iopub_msg(timeout=1)
            except queue.Empty:
                if gone():
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
            if kind in OUTPUT_TYPES:
                if clear_next:
                    outputs.clear()
                    clear_next = False
                outputs.append(output_from_msg(msg))
        if keep:
            results[index] = outputs
    return results


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
        if kind not in (*OUTPUT_TYPES, "clear_output"):
            return False
        parent = (msg.get("parent_header") or {}).get("msg_id")
        for model in self.values():
            state = model["state"]
            if parent and state.get("_model_name") == "OutputModel" and state.get("msg_id") == parent:
                _capture(state, kind, content)
                return True
        return False

    @property
    def buffers(self) -> bool:
        """True when some model has binary buffers (kept out of :meth:`for_page`'s state)."""
        return any(model["buffers"] for model in self.values())

    def modules(self) -> set[str]:
        """The front-end modules the models' classes come from (``@jupyter-widgets/controls``, …)."""
        return {m for model in self.values() for m in (model["state"].get("_model_module"),
                                                       model["state"].get("_view_module")) if m}

    def for_page(self) -> dict:
        """The states as the page's widget manager takes them: ``application/vnd.jupyter.widget-state+json``
        (what ipywidgets saves in a notebook), without this class's bookkeeping, and without what is for
        the author only (an Output widget's tracebacks and stderr, as the kernel's websocket drops them)."""
        models = {}
        for comm_id, model in self.items():
            state = {k: v for k, v in model["state"].items() if not k.startswith("_ek_")}
            if isinstance(state.get("outputs"), list):
                state["outputs"] = [o for o in state["outputs"] if not author_only(o)]
            models[comm_id] = {"model_name": state.get("_model_name"), "model_module": state.get("_model_module"),
                               "model_module_version": state.get("_model_module_version"), "state": state}
        return {"version_major": 2, "version_minor": 0, "state": models}


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
