"""Helpers for the comment API tests: a served folder of essays, raw HTTP, and kernel counting.

The server runs with moderation rules that allow one post per reader
session (and per address) every 30 s and no hourly caps, and with
``--forwarded-allow-ips 127.0.0.1``: :func:`call` gives every request its
own client address in ``X-Forwarded-For`` unless the test names one, so
tests that post from fresh sessions never wait, and a test that reuses one
session sees the 429.
"""

from __future__ import annotations

import http.client
import json
import os
from pathlib import Path
from urllib.parse import urlencode

from helpers.notebooks import code_cell, example_without_live_code, md_cell, notebook
from helpers.servers import serve_essaykit

RULES = {"min_interval": 30, "max_per_hour": 0, "max_per_hour_network": 0, "approve_known_emails": True}
ESSAY = "the-salt-road"
OTHER = "second-thoughts"
LONG = "long-thread"


def write_site(folder: Path, rules: dict | None = None) -> Path:
    """The example essay (without its live chart: these pages start no kernel), a second small essay
    (rated out of 10), and one whose thread is long."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ESSAY}.ipynb").write_text(json.dumps(example_without_live_code()), encoding="utf-8")
    second = notebook([md_cell("A short second essay."), code_cell("from essaykit import Rating\nRating(7, scale=10)"),
                       code_cell("from essaykit import CommentSection\nCommentSection()")],
                      essay={"title": "Second Thoughts", "slug": OTHER})
    (folder / "second.ipynb").write_text(json.dumps(second), encoding="utf-8")
    long = notebook([md_cell("Many readers wrote in."), code_cell("import essaykit\nessaykit.CommentSection(per_page=50)")],
                    essay={"title": "Long Thread", "slug": LONG})
    (folder / "long.ipynb").write_text(json.dumps(long), encoding="utf-8")
    (folder / "rules.json").write_text(json.dumps(RULES if rules is None else rules), encoding="utf-8")
    return folder


def start(folder: Path, db: str, log: Path, *extra: str, port: int | None = None, warm_kernels: int = 0):
    """``essaykit serve FOLDER --db DB EXTRA…`` with the test rules, believing X-Forwarded-For from loopback;
    the helpers.servers Server once it answers."""
    return serve_essaykit(folder, log=log, db=db, port=port, warm_kernels=warm_kernels,
                          args=["--forwarded-allow-ips", "127.0.0.1", *extra],
                          env={"ESSAYKIT_MODERATION": str(folder / "rules.json")})


#: Moderation rules without flood limits, for tests that post many comments from one browser.
UNTHROTTLED = {"min_interval": 0, "max_per_hour": 0, "max_per_hour_network": 0}


def start_site(tmp_path_factory, name: str, *extra: str, rules: dict | None = None):
    """:func:`start` (with ``extra`` arguments) on a fresh example site in folder ``name``, with ``rules`` or
    the test rules; the server also knows its ``db`` URL and ``folder``."""
    base = tmp_path_factory.mktemp(name)
    folder = write_site(base / "essays", rules=rules)
    db = f"sqlite:///{base / 'comments.sqlite'}"
    server = start(folder, db, base / "server.log", *extra)
    server.db, server.folder = db, folder
    return server


def start_unthrottled(tmp_path_factory, name: str):
    """:func:`start_site` with :data:`UNTHROTTLED` rules."""
    return start_site(tmp_path_factory, name, rules=UNTHROTTLED)


def start_with_mail(tmp_path_factory, mail, name: str, *extra: str):
    """:func:`start` on a fresh example site (folder ``name``) sending mail to the test SMTP server ``mail``
    every 0.2 s; the server also knows its ``db`` URL and ``folder``."""
    folder = write_site(tmp_path_factory.mktemp(name) / "site")
    db = f"sqlite:///{folder.parent / 'comments.sqlite'}"
    server = start(folder, db, folder.parent / "serve.log", "--smtp", mail.url(), "--mail-from",
                   "Film notes <blog@example.org>", "--mail-every", "0.2", *extra)
    server.db, server.folder = db, folder
    return server


def serve_folder(folder: Path, port: int):
    """A plain static file server for ``folder`` on ``port`` (another origin than the API); returns it."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Answer:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def cookie(self, name: str) -> str | None:
        for line in self.headers.get("set-cookie", "").split("\n"):
            if line.startswith(name + "="):
                return line.split(";")[0].split("=", 1)[1]
        return None

    def __repr__(self) -> str:
        return f"<{self.status} {self.text[:300]!r}>"


def random_client() -> str:
    """A client address of its own (from 10.0.0.0/8, a fresh /24 each time), for X-Forwarded-For."""
    a, b, c = os.urandom(3)
    return f"10.{a}.{b}.{c % 250 + 1}"


def call(server, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None) -> Answer:
    """One request exactly as given (no client-side fixes) from a client address of its own (unless
    ``headers`` name one in X-Forwarded-For), with every Set-Cookie kept."""
    headers = dict(headers or {})
    if not any(k.lower() == "x-forwarded-for" for k in headers):
        headers["X-Forwarded-For"] = random_client()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        try:
            conn.request(method, path, body=body.encode() if isinstance(body, str) else body, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered (413) and closed before taking the whole body: read its answer
        resp = conn.getresponse()
        merged: dict[str, str] = {}
        for k, v in resp.getheaders():
            merged[k.lower()] = merged[k.lower()] + "\n" + v if k.lower() in merged else v
        return Answer(resp.status, merged, resp.read())
    finally:
        conn.close()


def own(server) -> dict:
    return {"Origin": server.url}


def post_json(server, path: str, data, headers: dict | None = None, origin: str | None = None) -> Answer:
    return call(server, "POST", path, json.dumps(data), {
        "Content-Type": "application/json", "Origin": origin or server.url, **(headers or {})})


def post_form(server, path: str, data: dict, headers: dict | None = None, origin: str | None = None) -> Answer:
    return call(server, "POST", path, urlencode(data), {
        "Content-Type": "application/x-www-form-urlencoded", "Origin": origin or server.url, **(headers or {})})


def comment(essay: str = ESSAY, **fields) -> dict:
    n = os.urandom(4).hex()
    return {"essay": essay, "author": f"Reader {n}", "email": f"r{n}@example.org", "body": f"Words {n}.", **fields}


def kernel_processes(server) -> list:
    """The kernel processes under the server (warm pool included)."""
    import psutil

    found = []
    for child in psutil.Process(server.proc.pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def stored(db: str, essay: str | None = None) -> list:
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        return store.list(essay)


def load_seconds_of(db: str, public_id: str) -> int | None:
    """The stored seconds from page load to post of comment ``public_id`` (essaykit.comments.timing)."""
    import sqlalchemy as sa

    from essaykit.comments.store import CommentStore
    from essaykit.db.schema import comments

    with CommentStore.open(db) as store, store.reading() as conn:
        return conn.execute(sa.select(comments.c.load_seconds).where(comments.c.public_id == public_id)).scalar()


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "form", "style", "svg", "math", "input", "button", "link",
                  "meta", "base", "frame", "frameset", "textarea", "select", "details", "video", "audio", "source"}


def active_content(markup: str) -> list[str]:
    """What in ``markup`` could run script or load from elsewhere: tags, on* handlers, unsafe URLs."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in DANGEROUS_TAGS and not (tag == "button" and ("data-ek-reply", None) != dict(attrs).get("data-ek-reply")):
                found.append(f"<{tag}>")
            for name, value in attrs:
                value = (value or "").strip().lower()
                if name.startswith("on"):
                    found.append(f"{tag} {name}")
                if name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                    if value.startswith(("javascript:", "vbscript:", "data:text")) or (
                            value.startswith("data:") and not value.startswith("data:image/svg+xml;base64,")):
                        found.append(f"{tag} {name}={value[:40]}")
                    if tag == "img" and value.startswith("http"):
                        found.append(f"img src={value[:40]}")

    Scan().feed(markup)
    return found
