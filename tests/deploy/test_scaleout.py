"""The reference deployment of docs/deploy.md, run for real on loopback: nginx serving the built site and
balancing two `essaykit serve` replicas, PgBouncer in transaction mode, PostgreSQL.

One stack for the module (it takes a while to start); the tests run in order and share it. With CI set,
a missing nginx or PgBouncer fails the run instead of skipping it.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import missing
from helpers.api_client import ESSAY, comment, random_client, write_site
from helpers.live_client import page_token
from helpers.deploy import SITE_NAME, Nginx, PgBouncer, Replica, missing_tools
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import server_tracebacks
from helpers.smtp import MailServer

# Replicas, nginx, PgBouncer and PostgreSQL, started for the module.
pytestmark = pytest.mark.slow

PAGE = f"/voila/render/{ESSAY}.ipynb"
LIVE = "/voila/render/live.ipynb"
AUTHOR = "author@blog.test"


class Stack:
    def __init__(self, pg, pgbouncer, replicas, nginx, site, folder):
        self.pg, self.pgbouncer, self.replicas, self.nginx, self.site, self.folder = (
            pg, pgbouncer, replicas, nginx, site, folder)

    @property
    def db(self) -> str:
        return self.pgbouncer.url()

    def request(self, method: str, path: str, *, body=None, cookie: str = "", port: int | None = None,
                headers: dict | None = None):
        """One request through nginx (or straight to a replica's ``port``), as the site's own pages send it."""
        conn = http.client.HTTPConnection("127.0.0.1", port or self.nginx.port, timeout=60)
        # Each request from a reader address of its own, as nginx forwards it (X-Forwarded-For).
        sent = {"Host": self.nginx.host if port is None else f"127.0.0.1:{port}",
                "X-Forwarded-For": random_client(), **(headers or {})}
        if cookie:
            sent["Cookie"] = cookie
        if body is not None:
            sent.update({"Content-Type": "application/json", "Origin": self.nginx.origin if port is None
                         else f"http://127.0.0.1:{port}"})
            body = json.dumps(body)
        try:
            conn.request(method, path, body=body, headers=sent)
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read(), resp.headers
        finally:
            conn.close()


@pytest.fixture(scope="module")
def stack(postgres_server, tmp_path_factory):
    why = missing_tools()
    if why:
        missing(why)
    base = tmp_path_factory.mktemp("scaleout")
    folder = write_site(base / "essays")
    (folder / "live.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider that needs a kernel."), code_cell("import ipywidgets as w\nw.IntSlider(3)")],
        essay={"title": "Live", "slug": "live"})), encoding="utf-8")
    database = f"ek_scaleout_{os.getpid()}"
    postgres_server.create_database(database)
    started: list = []
    try:
        pgbouncer = PgBouncer(pg_port=postgres_server.port, database=database).start()
        started.append(pgbouncer)
        mail = MailServer().start()
        started.append(mail)
        site = base / "site"
        replicas = [Replica(folder, pgbouncer.url(), base, origin="") for _ in range(2)]
        nginx = Nginx(base / "nginx", site_root=site, replicas=replicas)
        for replica in replicas:
            replica.origin = nginx.origin
            # Both replicas send the outbox's mail: each message must still go out once.
            replica.extra = ("--smtp", f"smtp://127.0.0.1:{mail.port}", "--mail-from", f"Blog <blog@{SITE_NAME}>",
                             "--notify", AUTHOR, "--public-url", nginx.origin + "/", "--mail-every", "0.2")
        # The static site, built as docs/deploy.md says (its comment forms post to the same origin).
        build = subprocess.run([str(Path(os.sys.executable).with_name("essaykit")), "build", str(folder), "-o",
                                str(site), "--no-execute", "--api", nginx.origin + "/", "--db", pgbouncer.url()],
                               capture_output=True, text=True, timeout=300)
        assert build.returncode == 0, build.stderr[-3000:]
        for replica in replicas:
            started.append(replica.launch())
        for replica in replicas:
            replica.wait()
        started.append(nginx.start())
        stack = Stack(postgres_server, pgbouncer, replicas, nginx, site, folder)
        stack.mail = mail
        yield stack
    finally:
        for part in reversed(started):
            part.stop()
        if started:
            from essaykit.db.engine import dispose

            dispose(started[0].url())
        postgres_server.drop_database(database)


def _both_up(stack: Stack) -> None:
    """Both replicas running (a failed test before may have left one killed)."""
    for replica in stack.replicas:
        if replica.proc.poll() is not None:
            replica.launch().wait()


def _reader_cookie(headers) -> str:
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("essaykit_reader="):
            return value.split(";")[0]
    return ""


def _cookie_for(stack: Stack, replica: Replica) -> str:
    """A genuine reader cookie (minted by a replica) that nginx routes to ``replica``."""
    for n in range(40):
        status, _, _, headers = stack.request("GET", f"{PAGE}?mint={n}")
        assert status == 200
        cookie = _reader_cookie(headers)
        marker = f"route-{n}-{os.urandom(3).hex()}"
        stack.request("GET", f"{PAGE}?{marker}", cookie=cookie)
        if stack.nginx.served_by(marker) == [replica.address]:
            return cookie
    raise AssertionError(f"no reader cookie out of 40 was routed to {replica.address}")


def test_nginx_serves_the_built_site_and_proxies_the_live_pages(stack):
    status, _, body, _ = stack.request("GET", "/")
    assert status == 200 and b"The Salt Road" in body, "the index of the built site, from disk"
    assert stack.nginx.served_by('"GET / HTTP') == ["-"], "the static site is nginx's own, no replica involved"
    status, head, body, headers = stack.request("GET", PAGE)
    assert status == 200 and b"The Salt Road" in body, "a live page, from a replica"
    cookie = [v for v in headers.get_all("Set-Cookie") if v.startswith("essaykit_reader=")]
    assert cookie and "HttpOnly" in cookie[0] and "SameSite=Lax" in cookie[0], \
        "the routing cookie is the reader session: HttpOnly, SameSite=Lax"
    status, _, body, _ = stack.request("GET", f"/api/counts?essay={ESSAY}")
    assert status == 200 and json.loads(body)["counts"] is not None


def test_the_readers_address_reaches_the_replicas_through_nginx(stack):
    """nginx appends the address it saw to X-Forwarded-For; the replicas (--forwarded-allow-ips 127.0.0.1)
    take it as the client, so the limits per address hold behind the balancer and one reader's flood
    does not stop another reader."""
    first = stack.request("POST", "/api/comments", body=comment(), headers={"X-Forwarded-For": "203.0.113.7"})
    assert first[0] == 202, first[2][:300]
    again = stack.request("POST", "/api/comments", body=comment(), headers={"X-Forwarded-For": "203.0.113.7"})
    assert again[0] == 429, "a second post from the same address at once is refused, on whichever replica"
    other = stack.request("POST", "/api/comments", body=comment(), headers={"X-Forwarded-For": "198.51.100.9"})
    assert other[0] == 202, "another address is not held back by the first one"


def test_the_outbox_sends_each_message_once_from_two_replicas(stack):
    """Both replicas' mail workers claim the outbox (FOR UPDATE SKIP LOCKED through PgBouncer): every
    notification reaches the SMTP server exactly once. (Early in the module: the author gets at most 60
    messages an hour, and the tests after this one post many more comments.)"""
    import sqlalchemy as sa

    from essaykit.db.engine import get_engine

    engine = get_engine(stack.db)
    with engine.connect() as conn:
        before = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM mail_outbox")).scalar_one()
    for n in range(10):
        status, _, body, _ = stack.request("POST", "/api/comments", body=comment(body=f"Mail me once, {n}."))
        assert status == 202, body[:300]
    deadline = time.monotonic() + 90
    while True:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT message_id, state, claimed_by FROM mail_outbox WHERE id > :id"),
                                {"id": before}).all()
        if len(rows) >= 10 and all(r.state == "sent" for r in rows):
            break
        assert time.monotonic() < deadline, f"the outbox was not sent: {[(r.state, r.claimed_by) for r in rows]}"
        time.sleep(0.2)
    received = [m["Message-ID"] for m in stack.mail.messages(AUTHOR)]
    for row in rows:
        copies = [mid for mid in received if mid.startswith(f"<{row.message_id}@")]
        assert len(copies) == 1, f"message {row.message_id} reached the SMTP server {len(copies)} times"
    assert len(rows) == 10, "one author notification per held comment"


def test_a_reader_stays_on_one_replica_and_new_readers_spread(stack):
    cookie = _cookie_for(stack, stack.replicas[1])
    for n in range(8):
        stack.request("GET", f"{PAGE}?sticky-{n}", cookie=cookie)
    routes = {addr for n in range(8) for addr in stack.nginx.served_by(f"sticky-{n} ")}
    assert routes == {stack.replicas[1].address}, "every request of one reader reaches one replica"
    for n in range(16):
        stack.request("GET", f"{PAGE}?fresh-{n}")
    spread = {addr for n in range(16) for addr in stack.nginx.served_by(f"fresh-{n} ")}
    assert spread == {r.address for r in stack.replicas}, "readers without a cookie go to both replicas"


def test_a_reader_session_and_page_token_from_one_replica_hold_on_the_other(stack):
    """After a failover a reader lands on the other replica: the cookies and the page's _xsrf token that
    one replica gave must still be accepted there (the keys come from the database, not the process).
    Requests go to each replica's own port with the site's Host, as nginx forwards them."""
    a, b = stack.replicas
    site = {"Host": stack.nginx.host, "Origin": stack.nginx.origin}

    def send(replica, method: str, path: str, jar: dict, body: str | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", replica.port, timeout=120)
        headers = {**site, "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read(), dict(v.split(";")[0].split("=", 1) for v in resp.headers.get_all("Set-Cookie") or [])

    status, page, jar = send(a, "GET", LIVE, {})
    assert status == 200, "the replica accepts the site's public name (from --allow-origin) as Host"
    assert "essaykit_reader" in jar, jar
    token = quote(page_token(page))  # bound to the reader's session, signed with the database's key
    status, body, renewed = send(b, "POST", "/essaykit/kernel", jar, f"essay=live&_xsrf={token}")
    assert status == 200, f"the other replica must accept the page's token and start the kernel: {status} {body[:300]}"
    kernel = json.loads(body)["kernel_id"]
    assert "essaykit_reader" not in renewed, "the other replica keeps the reader's session"
    status, _, renewed = send(b, "GET", LIVE, jar)
    assert status == 200 and not renewed, \
        f"the other replica accepts every cookie the first one signed (Tornado's cookie_secret is shared): {renewed}"
    status, _, _ = send(b, "POST", f"/voila/api/shutdown/{kernel}", jar, f"_xsrf={token}")
    assert status == 204, "and the page's beacon shuts the kernel down there, as the same reader"


def _poster(stack: Stack, acked: list, attempted: list, problems: list, stop: threading.Event) -> None:
    """Readers posting through nginx, one after another, each as a browser does: the page first (its
    session cookie), then the post from the same address and session, pressed again when no answer came."""
    while not stop.is_set():
        address = random_client()
        try:
            status, _, _, headers = stack.request("GET", PAGE, headers={"X-Forwarded-For": address})
        except OSError:
            continue
        if status != 200:
            continue  # the page itself failed over or was cut off: the reader reloads
        cookie = _reader_cookie(headers)
        posted = comment(body=f"Through the balancer {os.urandom(6).hex()}.")
        attempted.append(posted["body"])
        for attempt in range(6):
            try:
                status, _, body, _ = stack.request("POST", "/api/comments", body=posted, cookie=cookie,
                                                   headers={"X-Forwarded-For": address})
            except OSError as exc:
                status, body = 0, str(exc).encode()
            if status == 202:
                acked.append(posted["body"])
                break
            if attempt and (status == 429 or (status == 400 and b"already posted" in body)):
                break  # the earlier press was stored, its answer lost: the reader is told, nothing is doubled
            if status not in (0, 502, 503, 504):
                problems.append((status, body[:300]))
                break
            time.sleep(0.1)


class _Traffic:
    """Three readers posting through nginx in threads (see :func:`_poster`), until the ``with`` block ends."""

    def __init__(self, stack: Stack, readers: int = 3) -> None:
        self.acked: list = []
        self.attempted: list = []
        self.problems: list = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=_poster, daemon=True,
                                          args=(stack, self.acked, self.attempted, self.problems, self._stop))
                         for _ in range(readers)]

    def __enter__(self) -> "_Traffic":
        for t in self._threads:
            t.start()
        self.deadline = time.monotonic() + 60
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(60)

    def wait_for(self, answered: int) -> None:
        """Until ``answered`` posts were acknowledged, or the minute is up."""
        while len(self.acked) < answered and time.monotonic() < self.deadline:
            time.sleep(0.05)


def test_posts_through_both_replicas_survive_a_sigkill_and_the_replica_rejoins(stack):
    from essaykit.comments.store import CommentStore

    a, b = stack.replicas
    b_reader = _cookie_for(stack, b)
    with _Traffic(stack) as traffic:
        traffic.wait_for(12)
        before_kill = len(traffic.acked)
        b.kill()  # mid-traffic: posts may be in flight on it right now
        pages = []
        while len(traffic.acked) < before_kill + 12 and time.monotonic() < traffic.deadline:
            # The reader whose cookie routed them to the dead replica still gets their page.
            pages.append(stack.request("GET", PAGE, cookie=b_reader)[0])
        assert len(traffic.acked) >= before_kill + 12, f"posting stalled after the kill ({len(traffic.acked)} answered)"
    acked, attempted = traffic.acked, traffic.attempted
    assert not traffic.problems, traffic.problems
    assert pages and set(pages) == {200}, f"the page stays up through the other replica: {pages}"
    served = {addr for addr in stack.nginx.served_by('"POST /api/comments')}
    assert {a.address, b.address} <= served, "posts went through both replicas"
    with CommentStore.open(stack.db) as store:
        bodies = [c.body for c in store.list(ESSAY)]  # every status: held, published, caught
    for body in acked:
        assert bodies.count(body) == 1, f"an acknowledged comment must be stored exactly once: {body!r}"
    assert all(bodies.count(body) <= 1 for body in attempted), "no comment is stored twice, retried or not"

    # The killed replica comes back on its port and the balancer sends its readers to it again.
    b.launch().wait()
    deadline = time.monotonic() + 30
    n = 0
    while True:
        marker = f"rejoin-{n}-x"
        stack.request("GET", f"{PAGE}?{marker}", cookie=b_reader)
        if stack.nginx.served_by(marker) == [b.address]:
            break
        assert time.monotonic() < deadline, "the restarted replica did not get its readers back"
        n += 1
        time.sleep(0.2)
    status, _, body, _ = stack.request("GET", PAGE, cookie=b_reader)
    assert status == 200 and b"The Salt Road" in body


def test_a_rolling_restart_with_sigterm_loses_nothing(stack):
    """`systemctl restart essaykit-serve@PORT` under traffic: the replica drains and exits 0, the other one
    takes its readers, and every acknowledged comment is stored once."""
    from essaykit.comments.store import CommentStore

    _both_up(stack)
    a, b = stack.replicas
    with _Traffic(stack) as traffic:
        traffic.wait_for(8)
        b.proc.terminate()  # SIGTERM to the main process only, as KillMode=mixed does
        assert b.proc.wait(timeout=30) == 0, "the replica drains and exits with status 0"
        traffic.wait_for(len(traffic.acked) + 8)
    acked = traffic.acked
    assert not traffic.problems, traffic.problems
    assert "drained in" in b.output()
    with CommentStore.open(stack.db) as store:
        bodies = [c.body for c in store.list(ESSAY)]
    assert all(bodies.count(body) == 1 for body in acked), "every acknowledged comment is stored exactly once"
    b.launch().wait()


def test_a_comment_approved_through_one_replica_shows_on_the_other_at_once(stack):
    from essaykit.comments.store import CommentStore

    _both_up(stack)
    a, b = stack.replicas
    words = f"Approved on one server, shown by both {os.urandom(4).hex()}."
    status, _, body, _ = stack.request("POST", "/api/comments", body=comment(body=words), port=a.port)
    assert status == 202 and json.loads(body)["status"] != "approved", "held for the author first"
    for replica in (a, b):  # both render and cache the page without it
        status, _, page, _ = stack.request("GET", PAGE, port=replica.port)
        assert status == 200 and words.encode() not in page
    with CommentStore.open(stack.db) as store:  # the author approves, e.g. `essaykit comments approve`
        (held,) = [c for c in store.pending(ESSAY) if c.body == words]
        store.set_status(held.id, "approved", by="the author")
    # No waiting: the next page each replica serves has it (well within the second the issue allows).
    for replica in (b, a):
        status, _, page, _ = stack.request("GET", PAGE, port=replica.port)
        assert words.encode() in page, f"the replica on {replica.port} still serves the page from before"
    status, _, body, _ = stack.request("GET", f"/api/comments?essay={ESSAY}")
    assert words in body.decode(), "the comment API through the balancer shows it too"


def test_pgbouncer_ran_in_transaction_mode_with_shared_server_connections(stack):
    log = stack.pgbouncer.log()
    assert "pool_mode = transaction" in stack.pgbouncer.ini.read_text()
    assert "prepared statement" not in log.lower(), log[-2000:]
    for replica in stack.replicas:
        assert not server_tracebacks(replica.output()), replica.output()[-3000:]
