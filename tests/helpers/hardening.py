"""A small site for the hardening tests (tests/security/): essays with live code, widgets, a cell that
raises with a server path in its message, and plain HTTP requests that can lie about their Host; and
saved pages for the import-bomb tests (absurdly nested, and a real-shaped one with many comments).

No fixtures here: each test module starts its own server (module scope) with :func:`serve_site`.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from helpers.live_client import fetch, page_token  # noqa: F401 (page_token: for the security tests)
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.serve_essays import PNG
from helpers.servers import serve_essaykit

# What a traceback would give away: a path on the server and the words of the exception.
SECRET_PATH = "/srv/private/essaykit-secret-dir"
WIDGETS = "widgets"
OOPS = "oops"
PLAIN = "plain"
KEPT = ("essaykit_reader", "essaykit_identity", "essaykit_known")


def essays() -> dict[str, dict]:
    return {
        "widgets.ipynb": notebook([
            md_cell("Widgets, live. ![poster](poster.png)"),
            code_cell("import ipywidgets as w\nslider = w.IntSlider(value=3, description='Stars')\n"
                      "label = w.Label('value 3')\n"
                      "slider.observe(lambda ch: setattr(label, 'value', f\"value {ch['new']}\"), 'value')\n"
                      "out = w.Output()\nhello = w.Button(description='Say hi')\n"
                      "def hi(_):\n    with out:\n        print('hi from python')\nhello.on_click(hi)\n"
                      "w.VBox([slider, label, hello, out])"),
            code_cell("from essaykit import Spoiler\nwho = 'the butler'\nSpoiler(f'It was {who}.', label='Culprit')"),
            code_cell("from essaykit import CommentSection\nper = 10\nCommentSection(per_page=per)"),
        ], essay={"title": "Widgets", "slug": WIDGETS}),
        "oops.ipynb": notebook([
            md_cell("Before the failing cell."),
            code_cell("import sys\nprint('loading from " + SECRET_PATH + "/settings.py', file=sys.stderr)\n"
                      "print('stdout is fine')"),
            code_cell(f"open({SECRET_PATH + '/data.csv'!r})"),
            code_cell("import ipywidgets as w, sys\nout = w.Output()\nboom = w.Button(description='Break it')\n"
                      "def explode(_):\n    with out:\n"
                      f"        print('callback stderr at {SECRET_PATH}/cb.py', file=sys.stderr)\n"
                      f"        raise ValueError('callback failed in {SECRET_PATH}/cb.py')\n"
                      "boom.on_click(explode)\nfine = w.Button(description='Still fine')\n"
                      "def ok(_):\n    with out:\n        print('the kernel is alive')\n"
                      "fine.on_click(ok)\nappend = w.Button(description='Append')\n"
                      "def add(_):\n"
                      f"    out.append_stderr('appended stderr from {SECRET_PATH}/append.py')\n"
                      "    out.append_stdout('appended fine')\n"
                      "append.on_click(add)\nw.VBox([boom, fine, append, out])"),
            md_cell("After the failing cell."),
        ], essay={"title": "Oops", "slug": OOPS}),
        "plain.ipynb": notebook([md_cell("Only words here."),
                                 code_cell("from essaykit import CommentSection\nCommentSection()")],
                                essay={"title": "Plain", "slug": PLAIN}),
    }


def serve_site(folder: Path):
    """``essaykit serve`` on a fresh copy of these essays, with a warm kernel (every module that uses this
    site runs live code, and test_kernel_routes checks the warm one); stop it with helpers.servers.stop_process."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in essays().items():
        (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    (folder / "poster.png").write_bytes(PNG)
    db = f"sqlite:///{folder.parent / 'comments.sqlite'}"
    server = serve_essaykit(folder, log=folder.parent / "server.log", db=db, warm_kernels=1)
    server.folder = folder
    server.db = db
    return server


def request(server, method: str, path: str, *, host: str | None = None, cookies: dict | None = None,
            body: str | None = None, headers: dict | None = None) -> tuple[int, list, bytes]:
    """One request; ``host`` replaces the Host header (a DNS-rebinding page sends its own name)."""
    sent = dict(headers or {})
    sent["Host"] = host or f"127.0.0.1:{server.port}"
    status, pairs, data, _jar = fetch(server, method, path, cookies=cookies, body=body, headers=sent)
    return status, pairs, data


def set_cookies(pairs: list) -> list[str]:
    return [v for k, v in pairs if k == "set-cookie"]


def cookie_jar(pairs: list, jar: dict | None = None) -> dict:
    jar = dict(jar or {})
    for value in set_cookies(pairs):
        name, _, rest = value.partition("=")
        jar[name] = rest.split(";")[0]
    return jar


def start_kernel(server, slug: str) -> tuple[str, dict, str]:
    """What a live page's script does: GET the page, POST for a kernel with the page's token.
    Returns (kernel id, the reader's cookies, the token)."""
    from urllib.parse import quote

    status, pairs, html = request(server, "GET", f"/voila/render/{slug}.ipynb")
    assert status == 200, html[:300]
    jar, token = cookie_jar(pairs), page_token(html)
    status, pairs, body = request(server, "POST", "/essaykit/kernel", cookies=jar,
                                  body=f"essay={quote(slug)}&_xsrf={quote(token)}")
    assert status == 200, body[:500]
    return json.loads(body)["kernel_id"], cookie_jar(pairs, jar), token


def websocket_upgrade(server, path: str, *, host: str | None = None, cookies: dict | None = None) -> int:
    """The status of a websocket handshake for ``path`` (101 when the server accepts it)."""
    import socket

    host = host or f"127.0.0.1:{server.port}"
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Upgrade: websocket", "Connection: Upgrade",
             "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", f"Origin: http://{host}"]
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def warm_kernel_id(server, timeout: float = 60) -> str:
    """The id of a kernel the server keeps warm (from its log), which belongs to no reader."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.findall(r"warm kernel ([0-9a-f-]{36}) ready", server.output())
        if found:
            return found[-1]
        time.sleep(0.2)
    raise AssertionError("no warm kernel in the server log:\n" + server.output()[-2000:])


def nested_page(levels: int, *, closed: bool = True) -> str:
    return ("<html><head><title>Bomb</title></head><body><article><h1>Bomb</h1><p>Words.</p>"
            + "<div>" * levels + "deep" + ("</div>" * levels if closed else "") + "</article></body></html>")


def wordpress_page(comments: int) -> str:
    """A saved WordPress post with ``comments`` comments, every third one a reply (about 17 elements each)."""

    def comment(n: int, inner: str = "") -> str:
        return (f'<li id="comment-{n}" class="comment"><article id="div-comment-{n}" class="comment-body">'
                f'<footer class="comment-meta"><div class="comment-author vcard"><img class="avatar" src="a.png" '
                f'alt=""><b class="fn"><a href="https://r{n}.example.net" class="url">Reader {n}</a></b> <span '
                f'class="says">says:</span></div><div class="comment-metadata"><a href="#comment-{n}"><time datetime='
                f'"2025-03-0{1 + n % 9}T10:00:00+00:00">March {1 + n % 9}, 2025</time></a></div></footer><div class='
                f'"comment-content"><p>Comment {n} has <em>an</em> opinion.</p></div><div class="reply"><a class='
                f'"comment-reply-link" href="#respond">Reply</a></div></article>{inner}</li>')

    items = []
    for n in range(1, comments + 1):
        if n % 3 == 0:  # a reply to the one before
            items[-1] = comment(n - 1, f'<ol class="children">{comment(n)}</ol>')
        else:
            items.append(comment(n))
    return ('<!DOCTYPE html><html><head><title>A much discussed review</title>'
            '<link rel="canonical" href="https://blog.example.org/2025/03/much-discussed/"></head><body>'
            '<article class="post"><h1 class="entry-title">A much discussed review</h1><div class="entry-content">'
            + "".join(f"<p>Paragraph {n} of the review.</p>" for n in range(40))
            + '</div></article><div id="comments" class="comments-area"><ol class="comment-list">'
            + "".join(items) + "</ol></div></body></html>")
