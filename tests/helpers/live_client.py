"""A reader's requests to `essaykit serve` over plain HTTP, with a cookie jar, and the kernels it runs."""

from __future__ import annotations

import http.client
import json
import os
import re
from pathlib import Path
from urllib.parse import quote


def fetch(server, method: str, path: str, *, cookies: dict | None = None, body: str | None = None,
          headers: dict | None = None) -> tuple[int, list, bytes, dict]:
    """One request with a cookie jar: (status, header pairs, body, cookies after it)."""
    jar = dict(cookies or {})
    sent = dict(headers or {})
    if jar:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
    if body is not None:
        sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=sent)
        resp = conn.getresponse()
        pairs = [(k.lower(), v) for k, v in resp.getheaders()]
        data = resp.read()
    finally:
        conn.close()
    for name, value in pairs:
        if name == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key] = rest.split(";")[0]
    return resp.status, pairs, data, jar



def page_token(html: bytes) -> str:
    """The ``_xsrf`` token the server put in a live page: bound to the reader's session, so only the page
    served to that session has it (there is no cookie to copy it from)."""
    found = re.search(rb'<meta name="essaykit-xsrf" content="([^"]+)"', html)
    assert found, "a page with live code carries its xsrf token"
    return found.group(1).decode()


def ask_for_kernel(server, slug: str, page: str, jar: dict | None = None) -> tuple[int, dict, dict]:
    """What a live page's script does: GET the page, then POST for a kernel with the xsrf token.
    Returns (status, JSON answer, cookies)."""
    status, _, html, jar = fetch(server, "GET", page, cookies=jar)
    assert status == 200
    status, _, body, jar = fetch(server, "POST", "/essaykit/kernel", cookies=jar,
                                 body=f"essay={quote(slug)}&_xsrf={quote(page_token(html))}")
    return status, json.loads(body), jar


def _kernel_processes():
    """(pid, parent pid) of every ipykernel process on this machine."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if b"ipykernel" in cmdline:
            yield int(entry), ppid


def kernel_pids(server) -> list[int]:
    """Kernel processes the server started (its children running ipykernel)."""
    return [pid for pid, ppid in _kernel_processes() if ppid == server.proc.pid]


def kernel_message(msg_type: str, content: dict, channel: str = "shell") -> dict:
    """A message as a page's widget manager sends it over the kernel's websocket (JSON form)."""
    import uuid

    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "reader", "session": "test",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}


def connected_until_closed(server, kernel_id: str, jar: dict, send, every: float = 0.5,
                           timeout: float = 120) -> tuple[int | None, str | None, float]:
    """Hold the reader's kernel websocket open, with websocket pings every ``every`` s, sending
    ``send()`` (a message, or None) as often, until the server closes it: (close code, reason, seconds open)."""
    import asyncio
    import time
    from concurrent.futures import ThreadPoolExecutor

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def hold():
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        ws = await websocket_connect(HTTPRequest(
            f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id=held",
            headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{server.port}"}), ping_interval=every)
        began = time.monotonic()
        reading = asyncio.ensure_future(ws.read_message())
        while time.monotonic() - began < timeout:
            done, _ = await asyncio.wait({reading}, timeout=every)
            if done:
                if reading.result() is None:
                    return ws.close_code, ws.close_reason, time.monotonic() - began
                reading = asyncio.ensure_future(ws.read_message())
                continue
            msg = send()
            if msg is not None:
                await ws.write_message(json.dumps(msg))
        ws.close()
        raise AssertionError(f"the server kept the kernel connection open for {timeout} s")

    # In a thread of its own: Playwright's sync API may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(hold())).result()


def answer_over_websocket(server, kernel_id: str, jar: dict, msg: dict, timeout: float = 60) -> dict:
    """Send ``msg`` over the reader's kernel websocket, as a page does; the reply to it (JSON form)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def ask():
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        ws = await websocket_connect(HTTPRequest(
            f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?session_id=asked",
            headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{server.port}"}))
        try:
            await ws.write_message(json.dumps(msg))
            while True:
                raw = await ws.read_message()
                assert raw is not None, f"the server closed the connection: {ws.close_code} {ws.close_reason}"
                if isinstance(raw, str):
                    got = json.loads(raw)
                    if got.get("parent_header", {}).get("msg_id") == msg["header"]["msg_id"] \
                            and got.get("channel") == msg["channel"]:
                        return got
        finally:
            ws.close()

    # In a thread of its own: Playwright's sync API may own this thread's event loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(asyncio.wait_for(ask(), timeout))).result()


def kernels_using(db: str) -> list[int]:
    """Kernel processes told database ``db``, whoever their parent is now (they outlive a server that
    did not stop them, as orphans)."""
    found = []
    for pid, _ in _kernel_processes():
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"ESSAYKIT_DB={db}".encode() in environ:
            found.append(pid)
    return found
