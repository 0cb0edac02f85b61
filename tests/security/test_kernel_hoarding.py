"""Attack: one client holds every live-code kernel.

The cap was global: with ``--max-kernels 2``, one client (a session per cookieless request, or one
address, or one network) took both kernels and every other reader was told "busy". Now each reader
has a share per signed session, per address and per network (IPv4 /24, IPv6 /48), refused past it
with 429 naming the limit; at the cap readers wait in a fair line, told their position (503 with
``Retry-After``), and a network that holds no kernel is served before one that holds one.

The server believes ``X-Forwarded-For`` from loopback (``--forwarded-allow-ips 127.0.0.1``), as
behind a proxy: that is how one test machine plays readers from many addresses.
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote

import pytest
from helpers.hardening import cookie_jar, page_token, request
from helpers.live_client import kernel_pids
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, server_tracebacks, stop_process

SLUG = "slider"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hoard") / "essays"
    folder.mkdir()
    (folder / f"{SLUG}.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider, live."), code_cell("import ipywidgets as w\nw.IntSlider(value=int('3'))")],
        essay={"title": "Slider", "slug": SLUG})), encoding="utf-8")
    server = serve_essaykit(folder, log=folder.parent / "server.log", db=f"sqlite:///{folder.parent / 'c.sqlite'}",
                            args=["--forwarded-allow-ips", "127.0.0.1", "--max-kernels", "3",
                                  "--kernels-per-session", "1", "--kernels-per-address", "1",
                                  "--kernels-per-network", "2", "--queue-length", "3"])
    yield server
    stop_process(server.proc)


class Reader:
    """One reader: a cookie jar and a client address; ``ask()`` is what a live page's script does."""

    def __init__(self, server, address: str, jar: dict | None = None):
        self.server, self.address, self.jar = server, address, dict(jar or {})
        self.kernel_id = None

    def ask(self) -> tuple[int, dict, dict]:
        """GET the page, POST for a kernel: (status, headers, JSON answer)."""
        headers = {"X-Forwarded-For": self.address}
        status, pairs, html = request(self.server, "GET", f"/voila/render/{SLUG}.ipynb", cookies=self.jar,
                                      headers=headers)
        assert status == 200, html[:300]
        self.jar = cookie_jar(pairs, self.jar)
        self.token = page_token(html)
        status, pairs, body = request(self.server, "POST", "/essaykit/kernel", cookies=self.jar, headers=headers,
                                      body=f"essay={SLUG}&_xsrf={quote(self.token)}")
        self.jar = cookie_jar(pairs, self.jar)
        answer = json.loads(body)
        assert status in (200, 429, 503), (status, answer)
        if status == 200:
            self.kernel_id = answer["kernel_id"]
        return status, {k.lower(): v for k, v in pairs}, answer

    def leave(self) -> None:
        """Close the page: the beacon shuts the kernel down."""
        if self.kernel_id:
            status, _, _ = request(self.server, "POST", f"/voila/api/shutdown/{self.kernel_id}", cookies=self.jar,
                                   body=f"_xsrf={quote(self.token)}", headers={"X-Forwarded-For": self.address})
            assert status == 204
            self.kernel_id = None


def wait_until(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout} s"
        time.sleep(0.1)


@pytest.fixture
def readers(server):
    """The readers a test makes; their pages are closed after it, and the server has no kernel left."""
    made: list[Reader] = []

    def make(address: str, jar: dict | None = None) -> Reader:
        made.append(Reader(server, address, jar))
        return made[-1]

    yield make
    for r in made:
        r.leave()
    wait_until(lambda: not kernel_pids(server), "the test's kernels shut down")


def refused(answer: tuple, status: int, named: str) -> None:
    got, headers, body = answer
    assert got == status, (got, body)
    assert int(headers["retry-after"]) > 0, "the refusal says when to ask again"
    assert body["busy"] and named in body["message"], body


def test_one_session_opening_many_tabs_gets_one_kernel(server, readers):
    first = readers("198.51.100.7")
    assert first.ask()[0] == 200
    for _ in range(4):  # more tabs of the same reader, same cookies
        tab = readers("198.51.100.7", jar=first.jar)
        refused(tab.ask(), 429, "the limit per reader (--kernels-per-session)")
    assert len(kernel_pids(server)) == 1


def test_many_readers_from_one_slash_24_share_its_kernels(server, readers):
    assert readers("203.0.113.1").ask()[0] == 200
    # A new session (no cookie) from the same address: the address's share.
    refused(readers("203.0.113.1").ask(), 429, "the limit per address (--kernels-per-address)")
    assert readers("203.0.113.2").ask()[0] == 200
    for n in range(3, 7):  # the rest of the /24, each address and session new
        refused(readers(f"203.0.113.{n}").ask(), 429, "the limit per network (--kernels-per-network)")
    assert readers("203.0.114.1").ask()[0] == 200, "the next /24 is another network"
    assert len(kernel_pids(server)) == 3


def test_two_slash_48s_each_get_their_share(server, readers):
    assert readers("2001:db8:1:1::1").ask()[0] == 200
    refused(readers("2001:db8:1:1::2").ask(), 429, "the limit per address"), "one /64 is one address"
    assert readers("2001:db8:1:2::1").ask()[0] == 200
    refused(readers("2001:db8:1:3::1").ask(), 429, "the limit per network (--kernels-per-network)")
    assert readers("2001:db8:2::1").ask()[0] == 200, "another /48 is another network"


def test_at_the_cap_readers_wait_in_a_fair_line(server, readers):
    a1, a2, b = readers("192.0.2.1"), readers("192.0.2.2"), readers("198.51.100.1")
    for r in (a1, a2, b):
        assert r.ask()[0] == 200
    # The cap is full: network 192.0.2.0/24 holds two kernels, 198.51.100.0/24 one.
    from_b = readers("198.51.100.2")  # first to arrive, from a network that holds a kernel
    from_c = readers("203.0.113.50")  # second, from a network that holds none
    status, headers, answer = from_b.ask()
    assert (status, answer["position"]) == (503, 1) and "number 1 in line" in answer["message"]
    assert int(headers["retry-after"]) <= 5, "a reader in line is asked to come back soon"
    status, _, answer = from_c.ask()
    assert (status, answer["position"]) == (503, 1), "a network holding no kernel goes first"
    assert from_b.ask()[2]["position"] == 2, "asking again keeps the place, behind the fairer one"
    a1.leave()
    wait_until(lambda: len(kernel_pids(server)) == 2, "a slot coming free")
    status, _, answer = from_b.ask()
    assert (status, answer.get("position")) == (503, 2), "the free slot is the first in line's, not theirs"
    assert from_c.ask()[0] == 200
    assert from_b.ask()[2]["position"] == 1
    # The line is bounded: three places; the third reader, from a network holding none, goes first.
    assert readers("192.0.2.9").ask()[2]["position"] == 2
    assert readers("203.0.114.9").ask()[2]["position"] == 1
    refused(readers("203.0.115.9").ask(), 503, "The line for a kernel is full")
    b.leave()
    wait_until(lambda: len(kernel_pids(server)) == 2, "another slot coming free")
    # Now from_b's network holds none either, and from_b came before 203.0.114.9.
    assert from_b.ask()[0] == 200, "the next reader in line gets the next free kernel"
    assert not server_tracebacks(server.output()), server.output()[-3000:]


def test_with_two_kernels_one_client_holds_one_and_the_next_reader_gets_the_other(tmp_path):
    """The reproduction of issue 30, with the default shares: at ``--max-kernels 2`` a network may hold
    half the cap, so cookieless requests from one address, or its neighbours, take one kernel, not both."""
    folder = tmp_path / "essays"
    folder.mkdir()
    (folder / f"{SLUG}.ipynb").write_text(json.dumps(notebook(
        [md_cell("A slider, live."), code_cell("import ipywidgets as w\nw.IntSlider(value=int('3'))")],
        essay={"title": "Slider", "slug": SLUG})), encoding="utf-8")
    small = serve_essaykit(folder, log=tmp_path / "server.log", db=f"sqlite:///{tmp_path / 'c.sqlite'}",
                           args=["--forwarded-allow-ips", "127.0.0.1", "--max-kernels", "2"], default_shares=True)
    try:
        assert "Per reader: 1 per session, 1 per address, 1 per network" in small.output()
        assert Reader(small, "192.0.2.66").ask()[0] == 200
        for _ in range(3):  # no cookie: a new session each time
            refused(Reader(small, "192.0.2.66").ask(), 429, "the limit per address")
        refused(Reader(small, "192.0.2.67").ask(), 429, "the limit per network")
        honest = Reader(small, "198.51.100.20")
        assert honest.ask()[0] == 200, "the next reader, from elsewhere, gets the other kernel"
        status, _, answer = Reader(small, "203.0.113.20").ask()
        assert (status, answer["position"]) == (503, 1), "past the cap a reader waits in line"
    finally:
        stop_process(small.proc)
