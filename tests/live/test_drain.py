"""SIGTERM stops `essaykit serve` gracefully: it stops accepting, finishes the comment being posted,
tells live-code readers the page is busy, shuts the kernels down and exits 0 (essaykit.live.app.drain)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time

import pytest

from helpers.api_client import comment, start, stored, write_site
from helpers.live_client import ask_for_kernel, kernel_pids
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, server_tracebacks, stop_process

# Every test starts and stops a server with kernels.
pytestmark = pytest.mark.slow

BUSY = "The live version is busy; try again in a minute."
STOPPED = "The live version stopped; reload the page to start it again."


def _refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except ConnectionRefusedError:
        return True
    return False


def _wait(check, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.05)


def _read_response(sock: socket.socket) -> tuple[int, dict, bytes]:
    """Read one HTTP/1.1 response until the server closes the connection."""
    data = b""
    sock.settimeout(30)
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_sigterm_finishes_a_comment_in_flight_then_exits_0(tmp_path):
    folder = write_site(tmp_path / "essays")
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    server = start(folder, db, tmp_path / "server.log")
    try:
        # An idle keep-alive connection (as a balancer keeps them) and a post whose body is half sent.
        idle = socket.create_connection(("127.0.0.1", server.port))
        idle.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        assert b"200 OK" in idle.recv(4096)
        posted = comment(body="Sent just before the server was told to stop.")
        body = json.dumps(posted).encode()
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall((f"POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nOrigin: {server.url}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
                      "Expect: 100-continue\r\n\r\n").encode())
        assert sock.recv(4096).startswith(b"HTTP/1.1 100"), "the server has the request's headers"
        sock.sendall(body[:20])

        server.proc.send_signal(signal.SIGTERM)
        _wait(lambda: _refuses_connections(server.port), "refusing new connections")
        idle.settimeout(10)
        assert idle.recv(4096) == b"", "an idle keep-alive connection is closed at once"

        sock.sendall(body[20:])
        status, headers, answer = _read_response(sock)
        assert status == 202, answer
        assert headers.get("connection") == "close", "the connection is not kept for another request"
        assert server.proc.wait(timeout=30) == 0, "a drained server exits with status 0"
        bodies = [c.body for c in stored(db)]
        assert bodies.count(posted["body"]) == 1, "the acknowledged comment is stored, once"
        log = server.output()
        assert "SIGTERM: draining" in log and "drained in" in log
    finally:
        stop_process(server.proc)


LIVE = ("import ipywidgets as w\n"
        "w.IntSlider(3, description='Stars')")


def test_sigterm_tells_live_code_readers_the_page_is_busy_and_shuts_kernels_down(tmp_path):
    import asyncio

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    folder = write_site(tmp_path / "essays")
    (folder / "live.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider below."), code_cell(LIVE)], essay={"title": "Live", "slug": "live"})), encoding="utf-8")
    server = start(folder, f"sqlite:///{tmp_path / 'comments.sqlite'}", tmp_path / "server.log", warm_kernels=1)
    try:
        status, answer, jar = ask_for_kernel(server, "live", "/voila/render/live.ipynb")
        assert status == 200, answer
        kernels = kernel_pids(server)
        assert kernels, "the reader's kernel runs"

        async def connect_then_stop():
            ws = await websocket_connect(HTTPRequest(
                f"ws://127.0.0.1:{server.port}/api/kernels/{answer['kernel_id']}/channels?session_id=t",
                headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()), "Origin": server.url}))
            os.kill(server.proc.pid, signal.SIGTERM)
            while await asyncio.wait_for(ws.read_message(), 30) is not None:
                pass
            return ws.close_code, ws.close_reason

        # In a thread of its own: Playwright's sync API may own this thread's event loop.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            code, reason = pool.submit(lambda: asyncio.run(connect_then_stop())).result()
        assert (code, reason) == (1001, BUSY), "the page is told, with the note it shows"
        assert server.proc.wait(timeout=30) == 0
        assert [pid for pid in kernels if os.path.exists(f"/proc/{pid}")] == [], "no kernel outlives the server"
        assert "closed 1 kernel connection(s)" in server.output()
    finally:
        stop_process(server.proc)


BUTTON = ("import ipywidgets as w\n"
          "w.Button(description='Count me')")


def test_a_live_page_in_the_browser_says_stopped_when_its_server_stops(tmp_path, page):
    from playwright.sync_api import expect

    folder = write_site(tmp_path / "essays")
    (folder / "live.ipynb").write_text(json.dumps(notebook(
        [md_cell("A button below."), code_cell(BUTTON)], essay={"title": "Live", "slug": "live"})), encoding="utf-8")
    server = start(folder, f"sqlite:///{tmp_path / 'comments.sqlite'}", tmp_path / "server.log", warm_kernels=1)
    try:
        page.goto(server.url + "/voila/render/live.ipynb")
        expect(page.get_by_role("button", name="Count me")).to_be_enabled(timeout=90_000)
        server.proc.send_signal(signal.SIGTERM)
        note = page.locator(".ek-live-busy")
        # Its kernel was shut down with the server: the truth is "stopped; reload" (a reload reaches
        # another replica, or this server once it is back), not "busy" (only at the kernel cap).
        expect(note).to_contain_text(STOPPED, timeout=30_000)
        expect(note.get_by_role("button", name="Try again")).to_be_visible()
        expect(page.get_by_text("A button below.")).to_be_visible()
        page.screenshot(path=str(tmp_path / "stopped-after-sigterm.png"), full_page=True)
        assert server.proc.wait(timeout=30) == 0
    finally:
        stop_process(server.proc)


def test_stopping_with_live_kernels_a_broken_one_and_a_start_under_way_prints_no_traceback(tmp_path):
    """Issue 30: shutdown printed a "Kernel does not exist" traceback. Jupyter's shutdown_all went through
    the ids of starts under way or failed, and a kernel the reaper had shut down (a start that died) was
    shut down again; a kernel whose program is missing also kept its reader waiting 120 s."""
    from concurrent.futures import ThreadPoolExecutor

    from helpers.live_client import kernels_using

    folder = write_site(tmp_path / "essays")
    (folder / "live.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider below."), code_cell(LIVE)], essay={"title": "Live", "slug": "live"})), encoding="utf-8")
    broken = notebook([md_cell("Its kernel's program is missing."), code_cell(LIVE)],
                      essay={"title": "Broken", "slug": "broken"})
    broken["metadata"]["kernelspec"] = {"name": "broken-program", "display_name": "Broken", "language": "python"}
    (folder / "broken.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    spec = tmp_path / "jupyter" / "kernels" / "broken-program"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(tmp_path / "no-such-python"), "-f", "{connection_file}"],
                                                  "display_name": "Broken", "language": "python"}))
    # A kernel whose process exits once while starting (as one does when another process takes the port
    # jupyter_client picked for it before it binds): the reader gets a kernel, not a refusal. Which start dies
    # first (the warm pool's, at the server's start, or one for the reader) depends on timing; both recover.
    once = notebook([md_cell("Its kernel dies on its first start."), code_cell(LIVE)],
                    essay={"title": "Once", "slug": "once"})
    once["metadata"]["kernelspec"] = {"name": "dies-once", "display_name": "Dies once", "language": "python"}
    (folder / "once.ipynb").write_text(json.dumps(once), encoding="utf-8")
    marker, program = tmp_path / "first-start-died", tmp_path / "dies-once.sh"
    program.write_text(f"#!/bin/sh\nif [ ! -e '{marker}' ]; then : > '{marker}'; exit 1; fi\n"
                       f"exec '{sys.executable}' -m ipykernel_launcher \"$@\"\n")
    program.chmod(0o755)
    spec = tmp_path / "jupyter" / "kernels" / "dies-once"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(program), "-f", "{connection_file}"],
                                                  "display_name": "Dies once", "language": "python"}))
    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    server = serve_essaykit(folder, log=tmp_path / "server.log", db=db, warm_kernels=1,
                            args=["--max-kernels=4", "--kernels-per-address=4", "--kernels-per-network=4"],
                            env={"JUPYTER_PATH": str(tmp_path / "jupyter")})
    try:
        for _ in range(2):
            status, answer, _ = ask_for_kernel(server, "live", "/voila/render/live.ipynb")
            assert status == 200, answer
        began = time.monotonic()
        status, answer, _ = ask_for_kernel(server, "broken", "/voila/render/broken.ipynb")
        assert (status, answer) == (503, {"busy": False, "message": STOPPED}), "a kernel that died starting stopped"
        assert time.monotonic() - began < 60, "its reader is told as soon as its process is gone"
        assert kernels_using(db), "the readers' kernels run"
        began = time.monotonic()
        status, answer, _ = ask_for_kernel(server, "once", "/voila/render/once.ipynb")
        assert status == 200 and marker.exists(), answer
        assert time.monotonic() - began < 60, "the first start's death is seen when its process exits"
        with ThreadPoolExecutor(1) as pool:
            pool.submit(ask_for_kernel, server, "live", "/voila/render/live.ipynb")  # under way, or refused
            os.kill(server.proc.pid, signal.SIGTERM)
            assert server.proc.wait(timeout=60) == 0
        log = server.output()
        assert not server_tracebacks(log) and "does not exist" not in log, log[-3000:]
        _wait(lambda: not kernels_using(db), "every kernel ending with the server")
    finally:
        stop_process(server.proc)
