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


def kernel_pids(server) -> list[int]:
    """Kernel processes the server started (its children running ipykernel)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == server.proc.pid and b"ipykernel" in cmdline:
            found.append(int(entry))
    return found
