"""Run an essay's code cells in a fresh kernel so outputs (and the comment
snapshot) are current when the page is written.

Execution uses nbclient, one cell at a time so a failure can name its cell.
The kernel runs in the notebook's folder with ``ESSAYKIT_SLUG`` set to the
essay's slug and, when a database is given, ``ESSAYKIT_DB`` set to its URL,
so ``CommentSection()`` reads the right comments.

An essay without code never reaches this module: no kernel is started.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .._kernel_env import kernel_env
from ..db.engine import anchored_url
from ..errors import ExportError

DEFAULT_TIMEOUT = 120
STARTUP_TIMEOUT = 60
# What to do about a failing cell, said by the command that ran it.
FIX_EXPORT = ("fix the cell and export again, show the error on the page with --allow-errors, "
              "or use --no-execute to keep the stored outputs")
FIX_BUILD = "fix the cell and build again, or build with --no-execute to keep the stored outputs"


def _import_nbclient():
    """Import nbclient without paying two seconds for a grammar nobody uses.

    ``import nbclient`` imports nbformat, whose validator imports jsonschema,
    whose format checkers import ``rfc3987_syntax`` if it is installed; that
    module builds a Lark grammar at import time (about 2 s here, most of a
    stock export's start-up). nbformat never validates IRI formats, so we let
    that one optional import fail while nbclient loads, then forget the
    block so anyone who imports it later explicitly still can.
    """
    if "nbclient" in sys.modules or "jsonschema" in sys.modules:
        import nbclient

        return nbclient
    blocked = "rfc3987_syntax" not in sys.modules
    if blocked:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import nbclient
    finally:
        if blocked:
            sys.modules.pop("rfc3987_syntax", None)
    return nbclient


def kernel_environment(slug: str, db: str | None) -> dict[str, str]:
    """The environment the kernel runs with: the part of ours a kernel may have (never a password; see
    :mod:`essaykit._kernel_env`), the essay's slug, and the database with a relative SQLite path
    anchored here (the kernel runs elsewhere)."""
    return kernel_env(os.environ, slug=slug, db=anchored_url(db) if db else None)


def _last_words(path: Path, template: str) -> str:
    """The last line the kernel wrote to ``path``, put in ``template``; "" when it wrote nothing."""
    detail = _tail(path)
    return template.format(detail.splitlines()[-1]) if detail else ""


def _tail(path: Path, limit: int = 800) -> str:
    try:
        text = path.read_text(errors="replace").strip()
    except OSError:
        return ""
    return text[-limit:]


def _shut_down(client) -> None:
    """Stop ``client``'s kernel and channels through jupyter_client's public calls, whatever state the
    kernel is in (what nbclient's own ``setup_kernel`` does when it is left)."""
    from nbclient.util import ensure_async, run_sync

    async def stop() -> None:
        km, kc = client.km, client.kc
        try:
            if await ensure_async(km.is_alive()):
                await ensure_async(km.shutdown_kernel(now=True))
        finally:
            await ensure_async(km.cleanup_resources())
            if kc is not None:
                kc.stop_channels()

    run_sync(stop)()


def execute_essay(essay, *, db: str | None = None, timeout: int = DEFAULT_TIMEOUT,
                  while_starting: Callable[[], None] | None = None, allow_errors: bool = False,
                  remedy: str = FIX_EXPORT):
    """Run ``essay``'s code cells and return the essay with fresh outputs.

    With ``allow_errors``, a cell that raises keeps its error as an output and the cells after it
    still run (nbconvert's ``--allow-errors``).

    ``while_starting`` runs after the kernel process is launched and before we
    wait for it to be ready, so work such as rendering the text overlaps with
    kernel start-up. Raises :class:`ExportError` naming the file and cell when
    a cell fails, times out or kills the kernel; a failing cell's message ends with ``remedy``.
    """
    from ..essay import CodeBlock, cell_raised

    nbclient = _import_nbclient()
    import nbformat
    from nbformat.v4.rwbase import rejoin_lines
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from .._kernel_client import CLIENT_CLASS
    from .._kernel_ipc import socket_root, transport_for

    shown = str(essay.path)
    folder = Path(essay.path).resolve().parent
    # On disk, sources may be lists of lines; nbclient wants strings.
    nb = rejoin_lines(nbformat.from_dict(copy.deepcopy(essay.notebook)))
    kernel_name = (essay.notebook.get("metadata", {}).get("kernelspec") or {}).get("name") or "python3"
    client = nbclient.NotebookClient(
        nb, timeout=timeout, startup_timeout=STARTUP_TIMEOUT, kernel_name=kernel_name,
        allow_errors=allow_errors, shutdown_kernel="immediate",
        resources={"metadata": {"path": str(folder)}},
    )
    log = Path(tempfile.mkstemp(prefix="essaykit-kernel-", suffix=".log")[1])
    current = None
    try:
        # The kernel's connection file and Unix sockets (essaykit._kernel_ipc) in a folder of this run's own.
        with open(log, "wb") as kernel_output, tempfile.TemporaryDirectory(prefix="essaykit-",
                                                                           dir=socket_root()) as sockets:
            client.km = client.create_kernel_manager()
            client.km.client_class = CLIENT_CLASS  # essaykit._kernel_client: no wait that can miss a reply
            client.km.connection_file = os.path.join(sockets, "kernel.json")
            client.km.transport = transport_for(client.km.connection_file)
            try:
                client.start_new_kernel(env=kernel_environment(essay.meta.slug, db), stdout=kernel_output,
                                        stderr=kernel_output)
            except NoSuchKernel:
                raise ExportError(
                    f"{shown}: the notebook asks for kernel {kernel_name!r}, which is not installed; "
                    "install it, change the notebook's kernel, or export with --no-execute"
                ) from None
            try:
                if while_starting is not None:
                    while_starting()
                client.start_new_kernel_client()
                for index, cell in enumerate(nb.cells):
                    if cell.cell_type == "code":
                        current = index + 1
                        client.execute_cell(cell, index)
                # The widgets' final state, as nbclient's own execute() saves it: static pages draw it.
                client.set_widgets_metadata()
            finally:
                _shut_down(client)
    except CellExecutionError as exc:
        said = cell_raised(exc.ename, exc.evalue, nb.cells[current - 1].get("outputs") or (), folder)
        raise ExportError(f"{shown}:cell {current}: the code raised {said}; {remedy}") from None
    except CellTimeoutError:
        raise ExportError(
            f"{shown}:cell {current}: still running after {timeout} s; make the cell faster "
            "or raise the limit with --timeout"
        ) from None
    except DeadKernelError:
        said = _last_words(log, " ({})")
        raise ExportError(f"{shown}:cell {current}: the kernel died while running this cell{said}; "
                          "fix the cell or export with --no-execute") from None
    except RuntimeError as exc:
        if current is not None:
            raise
        said = _last_words(log, "; it said: {}")
        raise ExportError(f"{shown}: the {kernel_name!r} kernel did not start ({exc}{said}); "
                          "check that ipykernel is installed, or export with --no-execute") from None
    finally:
        log.unlink(missing_ok=True)

    outputs = {i: tuple(c.get("outputs", ())) for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    blocks = tuple(
        dataclasses.replace(b, outputs=outputs.get(b.cell_index, b.outputs)) if isinstance(b, CodeBlock) else b
        for b in essay.blocks
    )
    return dataclasses.replace(essay, blocks=blocks, notebook=nb)
