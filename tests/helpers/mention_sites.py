"""Real servers on loopback for the mention tests (tests/mentions/).

- :class:`PageSite`: a small blog (``http.server``) whose pages a test writes
  and rewrites: status, headers and body per path. It also records the POSTs
  it gets, so it can stand in for another site's Webmention endpoint.
- :class:`RawServer`: a socket that answers every connection with a test's script (a
  server that drips, never ends, or speaks no HTTP).
- :class:`Receiver`: essaykit's mention routes (``essaykit.mentions.handlers``)
  in a Tornado server on its own thread, with its worker, over a real SQLite
  comment store. The same routes ``essaykit serve`` mounts, without Voilà's
  start-up time.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    headers: dict = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})


class PageSite:
    """A loopback web site whose pages are set from the test: ``site.put("/post", html)``."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.posts: list[tuple[str, dict, bytes]] = []
        self.gets: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _answer(self, page: Page, *, body: bool = True) -> None:
                data = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
                self.send_response(page.status)
                for name, value in page.headers.items():
                    for one in value if isinstance(value, list) else [value]:
                        self.send_header(name, one)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if body:
                    self.wfile.write(data)

            def do_GET(self) -> None:
                site.gets.append(self.path)
                page = site.pages.get(self.path.split("?", 1)[0]) or Page("<p>not here</p>", 404)
                self._answer(page)

            def do_HEAD(self) -> None:
                page = site.pages.get(self.path.split("?", 1)[0]) or Page("", 404)
                self._answer(page, body=False)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length)
                site.posts.append((self.path, dict(self.headers), data))
                page = site.pages.get("POST " + self.path) or Page("", 202, {"Location": "/status/1"})
                self._answer(page)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, body: str | bytes = "", *, status: int = 200, headers: dict | None = None) -> str:
        """Serve ``body`` at ``path`` (HTML unless ``headers`` say otherwise); returns its URL."""
        self.pages[path] = Page(body, status, headers if headers is not None else
                                {"Content-Type": "text/html; charset=utf-8"})
        return self.url + path

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        self.pages[path] = Page("", status, {"Location": to, "Content-Type": "text/html"})
        return self.url + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "PageSite":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


PUBLIC = "93.184.216.34"  # only ever a test resolver's answer; never connected to


def route_public_to(port: int, monkeypatch) -> None:
    """Connections the safe fetcher opens to :data:`PUBLIC` land on the loopback server at ``port``,
    so a test site can pass for a public host (and a redirect from it to 127.0.0.1 is the hostile part)."""
    from essaykit.mentions import fetch as fetch_module

    real = socket.create_connection

    def connect(address, timeout=None, *args, **kwargs):
        if address[0] == PUBLIC:
            return real(("127.0.0.1", port), timeout)
        return real(address, timeout, *args, **kwargs)

    monkeypatch.setattr(fetch_module.socket, "create_connection", connect)


class RawServer:
    """A loopback server that answers every connection with ``script(conn)``."""

    def __init__(self, script):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.script = script
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn):
        try:
            conn.recv(65536)
            self.script(conn, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop.set()
        self.sock.close()


def blog_post(links_html: str, *, title: str = "A blog post") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1>{links_html}</main></body></html>")


class Receiver:
    """essaykit's mention routes on a loopback port, with the queue worker running."""

    def __init__(self, db_url: str, essays, *, allow_private: bool = True, resolver=None, rules=None,
                 worker: bool = True, pages: tuple[str, ...] = (), trust_proxy: bool = False):
        import tornado.httpserver
        import tornado.web
        from jupyter_server.utils import url_path_join

        from essaykit._forwarded import SETTING, TrustedProxies
        from essaykit.comments.store import CommentStore
        from essaykit.mentions.fetch import FetchPolicy
        from essaykit.mentions.handlers import routes
        from essaykit.mentions.receive import MentionService, Targets

        self.db_url = db_url
        self.service = MentionService(
            Targets(list(essays), pages=pages), open_store=lambda: CommentStore.open(db_url, rules=rules),
            policy=FetchPolicy(allow_private=allow_private, resolver=resolver))
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            # trust_proxy: believe X-Forwarded-For from loopback (--forwarded-allow-ips 127.0.0.1), so a test
            # can send from many addresses.
            proxies = {SETTING: TrustedProxies.parse("127.0.0.1")} if trust_proxy else {}
            app = tornado.web.Application(routes(self.service, lambda p: url_path_join("/", p)), base_url="/",
                                          **proxies)
            server = tornado.httpserver.HTTPServer(app)
            sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
            server.add_sockets(sockets)
            self.port = sockets[0].getsockname()[1]
            self.loop = loop
            if worker:
                loop.call_soon(self.service.start)
            loop.call_soon(ready.set)
            loop.run_forever()

        import tornado.netutil

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert ready.wait(30), "the receiver did not start"
        self.url = f"http://127.0.0.1:{self.port}"

    @property
    def store(self):
        return self.service.store

    def send(self, source: str, target: str, *, sender: str = "", **extra) -> tuple[int, dict, dict]:
        """POST a Webmention (from ``sender``, an IP, with ``trust_proxy``); (status, headers, JSON body)."""
        data = urllib.parse.urlencode({"source": source, "target": target, **extra}).encode()
        return post(self.url + "/webmention", data, "application/x-www-form-urlencoded",
                    {"X-Forwarded-For": sender} if sender else None)

    def wait(self, status_url: str, timeout: float = 60) -> dict:
        """Poll a status URL until verification is done; its JSON."""
        deadline = time.monotonic() + timeout
        while True:
            with urllib.request.urlopen(status_url, timeout=30) as resp:
                state = json.loads(resp.read())
            if state["status"] not in ("queued", "verifying") or time.monotonic() > deadline:
                return state
            time.sleep(0.05)

    def mention(self, source: str, target: str) -> dict:
        """Send and wait: the final status JSON."""
        status, headers, body = self.send(source, target)
        assert status == 201, (status, body)
        return self.wait(headers["location"])

    def close(self) -> None:
        def stop() -> None:
            self.service.close()
            self.loop.stop()

        self.loop.call_soon_threadsafe(stop)
        self.thread.join(10)


def post(url: str, data: bytes, content_type: str | None, headers: dict | None = None) -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, data=data, method="POST", headers=dict(headers or {}))
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            status, hdrs, raw = resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        status, hdrs, raw = exc.code, exc.headers, exc.read()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        body = {"raw": raw.decode("utf-8", "replace")}
    return status, {k.lower(): v for k, v in hdrs.items()}, body
