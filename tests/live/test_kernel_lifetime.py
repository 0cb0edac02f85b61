"""What keeps a reader's kernel alive: the reader using it, and only for ``--kernel-lifetime`` at most.

A page left open sends websocket pings and kernel_info requests by itself, and so can a client that
only wants to hold a slot: those do not count. A widget message (comm_msg) is the reader using the
kernel; it keeps the kernel until its lifetime ends. Either way the page is told: its connection is
closed with "stopped; reload" as the reason, and the kernel's model answers 404 (what the page asks).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from helpers.live_client import (answer_over_websocket, ask_for_kernel, connected_until_closed, fetch, kernel_message,
                                 kernel_pids)
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

from essaykit.live.kernels import STOPPED

INACTIVE, LIFETIME = 4, 10
PAGE = "/voila/render/slider.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lifetime") / "essays"
    folder.mkdir()
    (folder / "slider.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider, live."), code_cell("import ipywidgets as w\nw.IntSlider(value=int('3'))")],
        essay={"title": "Slider", "slug": "slider"})), encoding="utf-8")
    server = serve_essaykit(folder, log=folder.parent / "server.log", db=f"sqlite:///{folder.parent / 'c.sqlite'}",
                            args=[f"--inactive-seconds={INACTIVE}", f"--kernel-lifetime={LIFETIME}",
                                  "--idle-seconds=600"])
    yield server
    stop_process(server.proc)


def reclaimed_because(server, kernel_id: str) -> str:
    found = re.search(rf"shutting down kernel {kernel_id}: (.*)", server.output())
    assert found, f"no shutdown of {kernel_id} in the log"
    return found.group(1)


def wait_until(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.1)


def test_a_kernel_kept_alive_only_by_pings_is_reclaimed(server):
    status, answer, jar = ask_for_kernel(server, "slider", PAGE)
    assert status == 200, answer
    kernel_id = answer["kernel_id"]
    code, reason, seconds = connected_until_closed(
        server, kernel_id, jar, lambda: kernel_message("kernel_info_request", {}))
    assert reason == STOPPED, (code, reason)
    assert seconds < LIFETIME, "the inactivity rule ended it, not the lifetime"
    assert reclaimed_because(server, kernel_id) == f"its reader has not used it for {INACTIVE} s"
    assert fetch(server, "GET", f"/api/kernels/{kernel_id}", cookies=jar)[0] == 404, \
        "the page's check finds no kernel and says it stopped"
    wait_until(lambda: not kernel_pids(server), "the kernel process ending")


def test_a_used_kernel_lives_until_its_lifetime(server):
    status, answer, jar = ask_for_kernel(server, "slider", PAGE)
    assert status == 200, answer
    kernel_id = answer["kernel_id"]
    began = time.monotonic()
    use = {"comm_id": "0" * 32, "data": {"method": "update", "state": {}, "buffer_paths": []}}
    code, reason, _ = connected_until_closed(server, kernel_id, jar, lambda: kernel_message("comm_msg", use))
    assert reason == STOPPED, (code, reason)
    assert time.monotonic() - began >= LIFETIME - 1, "a widget message every half second kept it past the inactivity rule"
    assert reclaimed_because(server, kernel_id) == f"it reached its lifetime of {LIFETIME} s"
    wait_until(lambda: not kernel_pids(server), "the kernel process ending")


def test_live_code_that_never_ends_is_stopped_at_the_cell_timeout(tmp_path):
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / "endless.ipynb").write_text(json.dumps(notebook(
        [md_cell("This one thinks forever."), code_cell("import time\ntime.sleep(3600)")],
        essay={"title": "Endless", "slug": "endless"})), encoding="utf-8")
    endless = serve_essaykit(folder, log=tmp_path / "server.log", db=f"sqlite:///{tmp_path / 'c.sqlite'}",
                             args=["--cell-timeout=2"])
    try:
        assert "its live cells 2 s" in endless.output(), "serve says the limit it runs with"
        status, answer, _ = ask_for_kernel(endless, "endless", "/voila/render/endless.ipynb")
        assert (status, answer) == (503, {"busy": False, "message": STOPPED}), "the reader is told, not left waiting"
        assert "ran past 2 s, this server's limit for it (essaykit serve --cell-timeout)" in endless.output()
        wait_until(lambda: not kernel_pids(endless), "the endless kernel shutting down")
    finally:
        stop_process(endless.proc)


def test_a_page_is_not_offered_subshells_it_may_not_create(server):
    """ipykernel offers subshells (a thread in the kernel each); a reader's page may not make one, so the
    kernel_info it gets leaves the offer out, and its front end never asks (nothing refused, nothing logged)."""
    status, answer, jar = ask_for_kernel(server, "slider", PAGE)
    assert status == 200, answer
    reply = answer_over_websocket(server, answer["kernel_id"], jar, kernel_message("kernel_info_request", {}))
    assert reply["msg_type"] == "kernel_info_reply" and reply["content"]["status"] == "ok"
    assert reply["content"]["implementation"] == "ipython", "the rest of the reply is the kernel's"
    assert "kernel subshells" not in reply["content"].get("supported_features", [])
    assert "create_subshell_request" not in server.output()
