"""Attacks on the mention receiver, each a finding of issue 30:

- an internal-name oracle: statuses and pingback faults told any sender what the server's DNS answered
  (no such name, a private address, a refused connection), so a sender could map the server's network;
- a source page of nested ``<div>`` s (seconds of html5lib CPU, quadratic in depth) parsed without bounds,
  and on the pool intake shares, so two such sources stalled every honest ``POST /webmention``;
- the queue's per-sender limit keyed on an IPv6 /64: one /56 (256 /64s) filled the whole queue;
- finished receiver rows pruned only at start-up: the table grew by every request while the server ran.
"""

from __future__ import annotations

import socket
import time
import xmlrpc.client
from datetime import timedelta

import pytest

from helpers.hardening import nested_page
from helpers.mention_sites import PageSite, Receiver, blog_post

from essaykit.mentions.receive import EssayAddress
from essaykit.mentions.store import ReceivedQueue

ESSAY = EssayAddress("salt-road", "/voila/render/salt-road.ipynb", ())


@pytest.fixture
def site():
    blog = PageSite()
    yield blog
    blog.close()


def test_statuses_and_faults_do_not_reveal_what_the_servers_dns_answered(tmp_path):
    names = {"internal.example": ["10.1.2.3"], "loopback.example": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]}

    def resolver(host: str, port: int):
        if host in names:
            return names[host]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    receiver = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}", [ESSAY], allow_private=False, resolver=resolver)
    try:
        target = receiver.url + ESSAY.live_path
        proxy = xmlrpc.client.ServerProxy(receiver.url + "/pingback")
        statuses, faults = set(), set()
        for host in ("internal.example", "loopback.example", "metadata.example", "no-such-name.example"):
            source = f"http://{host}/post"
            state = receiver.mention(source, target)
            statuses.add((state["status"], state["message"]))
            with pytest.raises(xmlrpc.client.Fault) as info:
                proxy.pingback.ping(source, target)
            faults.add((info.value.faultCode, info.value.faultString))
        assert len(statuses) == 1 and len(faults) == 1, f"every unreachable source looks alike: {statuses} {faults}"
        (status, message), = statuses
        (code, text), = faults
        for said in (message, text):
            for secret in ("10.1.2.3", "127.0.0.1", "169.254", "private", "loopback", "metadata", "not known", "Name"):
                assert secret not in said, f"{secret!r} leaked in {said!r}"
        assert code == 0x10 and status == "failed"
    finally:
        receiver.close()


def test_a_deeply_nested_source_is_refused_before_any_tree_is_built(tmp_path, site):
    receiver = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}", [ESSAY])
    try:
        target = receiver.url + ESSAY.live_path
        bomb = site.put("/bomb", nested_page(20_000).replace("deep", f'<a href="{target}">deep</a>'))
        started = time.monotonic()
        state = receiver.mention(bomb, target)
        assert state["status"] == "rejected" and "too large to check" in state["message"], state
        assert time.monotonic() - started < 20, "refused after measuring, not after parsing"
        assert receiver.store.list("salt-road") == []
    finally:
        receiver.close()


@pytest.fixture
def silent_site():
    """A web server that accepts connections and never answers: each fetch of it holds a verifier for the
    fetcher's whole time limit, as a source that is slow to send (or to parse) does."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    listener.close()
    for conn in held:
        conn.close()


def test_slow_sources_do_not_stall_intake(tmp_path, site, silent_site):
    """Every verifier is held by a source that never answers; a new POST /webmention and a status lookup
    are still answered at once (before, intake waited behind verification in one pool of two threads)."""
    import urllib.request

    receiver = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}", [ESSAY])
    try:
        target = receiver.url + ESSAY.live_path
        for n in range(4):
            assert receiver.send(f"{silent_site}/slow{n}", target)[0] == 201
        for n in range(3):
            started = time.monotonic()
            status, headers, _ = receiver.send(site.put(f"/honest{n}", blog_post(f'<a href="{target}">x</a>')),
                                               target)
            assert status == 201 and time.monotonic() - started < 4, "intake has its own threads (a verifier is held 5 s)"
            with urllib.request.urlopen(headers["location"], timeout=3) as resp:
                assert resp.status == 200, "and so do status lookups"
    finally:
        receiver.close()


def test_one_ipv6_48_is_one_sender(store):
    queue = ReceivedQueue(store, per_address=3, total=1000)
    keys = {queue.address_hash(f"2001:db8:1:{n:x}::1") for n in range(0, 0x10000, 0x1111)}
    assert len(keys) == 1, "every /64 of one /48 counts as the same sender"
    assert queue.address_hash("2001:db8:2::1") not in keys, "another /48 is another sender"


def test_finished_requests_are_pruned_to_a_bound(store):
    queue = ReceivedQueue(store, per_address=10_000, total=10_000)
    for n in range(30):
        done = queue.add(kind="webmention", essay="salt-road", source=f"https://s.example/{n}",
                         target="https://t.example/", address=f"192.0.2.{n}")
        queue.finish(done.token, "rejected", "no link")
    assert queue.prune(older_than=timedelta(days=30), keep=10) == 20
    assert queue.prune(older_than=timedelta(days=30), keep=10) == 0, "the newest ten are kept"
