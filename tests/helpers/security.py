"""Fixtures for tests/security/: a real ``essaykit serve`` that believes ``X-Forwarded-For`` from
loopback, and simulated browsers, each with its own address and cookies.

``hostile_server`` is module-scoped: one server per module and database. It runs on SQLite, and
also on PostgreSQL in the modules whose attack depends on the database (limits counted there,
concurrent writers); those modules say so with ``DATABASES = ("sqlite", "postgres")``. The store
tests (tests/comments/) cover both databases for everything else. The server runs the moderation
rules the test module names in ``RULES`` (default: essaykit's own defaults, so the tests check the
limits readers really get); with ``MAIL = True`` in the module it also sends mail, to a test SMTP server
of its own (so the Follow form and the mail links are reachable). ``Browser`` keeps cookies the way a browser does (the server's
Set-Cookie wins, Max-Age=0 deletes) and sends every request from its address.
"""

from __future__ import annotations

import json
import os
import re
import time
from urllib.parse import urlencode

import pytest

from helpers.api_client import ESSAY, Answer, call, start, write_site
from helpers.servers import stop_process
from helpers.smtp import MailServer

#: The moderation rules of a hostile_server unless its module sets RULES: essaykit's defaults.
DEFAULT_RULES = {"min_interval": 15}


def pytest_generate_tests(metafunc) -> None:
    """``hostile_server`` once per database the module names in ``DATABASES`` (default: SQLite only)."""
    if "hostile_server" in metafunc.fixturenames:
        kinds = getattr(metafunc.module, "DATABASES", ("sqlite",))
        metafunc.parametrize("hostile_server", [pytest.param(kind, marks=pytest.mark.postgres) if kind == "postgres"
                                                else kind for kind in kinds], indirect=True, scope="module")


@pytest.fixture(scope="module")
def hostile_server(request, tmp_path_factory):
    """``essaykit serve --forwarded-allow-ips 127.0.0.1`` over a folder of essays; ``.db`` is its database."""
    base = tmp_path_factory.mktemp(f"security-{request.param}")
    folder = write_site(base / "essays", rules=getattr(request.module, "RULES", DEFAULT_RULES))
    pg = name = None
    if request.param == "sqlite":
        db = f"sqlite:///{base / 'comments.sqlite'}"
    else:
        pg = request.getfixturevalue("postgres_server")
        name = f"ek_security_{os.getpid()}_{time.monotonic_ns() % 10**8}"
        db = pg.create_database(name)
    mail = MailServer().start() if getattr(request.module, "MAIL", False) else None
    extra = ("--smtp", mail.url(), "--mail-from", "Film notes <blog@example.org>") if mail else ()
    server = start(folder, db, base / "server.log", *extra)
    server.db, server.folder, server.kind = db, folder, request.param
    yield server
    stop_process(server.proc)
    if mail is not None:
        mail.stop()
    if pg is not None:
        from essaykit.db.engine import dispose

        dispose(db)
        pg.drop_database(name)


_counter = [0]


def new_address() -> str:
    """An address (in 10.0.0.0/8) no other browser of this test process has."""
    _counter[0] += 1
    n = _counter[0] + os.getpid() % 1000 * 1000
    return f"10.{n // 62500 % 250 + 1}.{n // 250 % 250}.{n % 250 + 1}"


def new_network() -> str:
    """A /24 (in 172.16.0.0/12, e.g. "172.16.3") whose addresses no other browser of this process has."""
    _counter[0] += 1
    n = _counter[0]
    return f"172.{16 + n // 250 % 16}.{n % 250}"


class Browser:
    """One simulated reader: an address (sent as X-Forwarded-For) and a cookie jar."""

    def __init__(self, server, address: str | None = None):
        self.server = server
        self.address = address or new_address()
        self.cookies: dict[str, str] = {}
        self.last_set_cookies: list[str] = []

    def request(self, method: str, path: str, body=None, headers: dict | None = None) -> Answer:
        sent = {"X-Forwarded-For": self.address, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        answer = call(self.server, method, path, body, sent)
        self.last_set_cookies = [line for line in answer.headers.get("set-cookie", "").split("\n") if line]
        for line in self.last_set_cookies:
            name, _, rest = line.partition("=")
            value = rest.split(";")[0]
            if re.search(r"(?i)max-age=0|expires=[^;]*1970", line) or value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return answer

    def set_cookie_line(self, name: str) -> str | None:
        """The Set-Cookie line for ``name`` in the last answer, or None."""
        return next((line for line in self.last_set_cookies if line.startswith(name + "=")), None)

    def page(self, name: str = f"{ESSAY}.ipynb") -> Answer:
        """The essay's live page (``name`` is its notebook's file name)."""
        return self.request("GET", f"/voila/render/{name}")

    def post_comment(self, *, essay: str = ESSAY, form: bool = False, **fields) -> Answer:
        values = {"essay": essay, "author": "A reader", "email": f"{os.urandom(4).hex()}@example.org",
                  "body": f"Words {os.urandom(4).hex()}.", **fields}
        headers = {"Origin": self.server.url}
        if form:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{self.server.url}/"})
            return self.request("POST", "/api/comments", urlencode(values), headers)
        headers["Content-Type"] = "application/json"
        return self.request("POST", "/api/comments", json.dumps(values), headers)

    def rate(self, value: int, *, essay: str = ESSAY) -> Answer:
        return self.request("POST", "/api/ratings", json.dumps({"essay": essay, "value": value}),
                            {"Origin": self.server.url, "Content-Type": "application/json"})

    def summary(self, essay: str = ESSAY) -> dict:
        return self.request("GET", f"/api/ratings?essay={essay}").json


def approve(db: str, *ids: str) -> None:
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        store.set_status(list(ids), "approved", by="test")


def stored(db: str, public_id: str):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        return store.get(public_id)

