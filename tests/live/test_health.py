"""``GET /healthz``: the load balancer's question, answered from the database, with no kernel and no write."""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit

import pytest

from helpers.api_client import ESSAY, call, start_site, write_site
from helpers.live_client import kernel_pids
from helpers.servers import stop_process


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    server = start_site(tmp_path_factory, "health")
    yield server
    stop_process(server.proc)


def test_a_healthy_server_answers_200_ok_uncached(served):
    answer = call(served, "GET", "/healthz")
    assert answer.status == 200 and answer.text == "ok\n", answer
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.headers["cache-control"] == "no-store", "a cached 'ok' would hide a dead database"
    assert "set-cookie" not in answer.headers, "a probe gets no session"
    assert call(served, "HEAD", "/healthz").status == 200


@pytest.mark.parametrize("host", ["10.0.0.5:8866", "essaykit-1.internal", "blog.example.org"])
def test_any_host_the_balancer_uses_is_answered(served, host):
    """Balancers probe by address or by their own name for the upstream; the answer holds no data."""
    answer = call(served, "GET", "/healthz", headers={"Host": host})
    assert answer.status == 200 and answer.text == "ok\n", answer
    other = call(served, "GET", f"/api/counts?essay={ESSAY}", headers={"Host": host})
    assert other.status == 403, "every other route still refuses a name this loopback server does not answer to"


def test_probes_start_no_kernel_and_write_nothing(served):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(served.db) as store:
        before = store.version()
    for _ in range(20):
        assert call(served, "GET", "/healthz").status == 200
    assert kernel_pids(served) == [], "a probe must never start a kernel"
    with CommentStore.open(served.db) as store:
        assert store.version() == before, "a probe must not write"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head(served, method):
    assert call(served, method, "/healthz", body="").status == 405


class Forwarder:
    """A TCP relay in front of the database, cut at will: PostgreSQL going away under a
    running server, as a balancer's probe must notice (serve refuses to start without it)."""

    def __init__(self, target_port: int):
        self.target = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open: list[socket.socket] = []
        self.cut = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.cut.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.cut.is_set():
                client.close()
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.cut.set()
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in progress; close() alone does not
        self.listener.close()
        for conn in self.open:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


def test_an_unreachable_database_answers_503_and_pages_still_show(essaykit_server, postgres_url, tmp_path):
    """PostgreSQL that goes away under a running server: the balancer must take this replica out;
    readers still read."""
    folder = write_site(tmp_path / "essays")
    real = urlsplit(postgres_url)
    relay = Forwarder(real.port)
    try:
        server = essaykit_server(folder, db=postgres_url.replace(f":{real.port}/", f":{relay.port}/"))
        assert call(server, "GET", "/healthz").status == 200, "healthy while the database answers"
        relay.close()
        logged = server.output().count("healthz: the comment database is unavailable")
        answer = call(server, "GET", "/healthz")
    finally:
        relay.close()
    assert answer.status == 503 and answer.text == "database unavailable\n", answer
    assert answer.headers["cache-control"] == "no-store"
    assert "127.0.0.1" not in answer.text, "the reason goes to the log, not to whoever probes"
    assert server.output().count("healthz: the comment database is unavailable") == logged + 1, "and says why in the log"
    page = call(server, "GET", f"/voila/render/{ESSAY}.ipynb")
    assert page.status == 200 and "The Salt Road" in page.text, "the page is still served"
