"""Attacks on the mention receiver, each a finding of issue 30:

- an internal-name oracle: statuses and pingback faults told any sender what the server's DNS answered
  (no such name, a private address, a refused connection), so a sender could map the server's network;
- a source page of nested ``<div>`` s (seconds of html5lib CPU, quadratic in depth) parsed without bounds,
  and on the pool intake shares, so two such sources stalled every honest ``POST /webmention``; the same
  page, linked from an essay, parsed by the sender looking for its endpoint;
- the queue's per-sender limit keyed on an IPv6 /64 (or one IPv4 address): one /56 (256 /64s), or one /24,
  filled the whole queue, and then every honest sender got 429;
- finished receiver rows pruned only at start-up: the table grew by every request while the server ran;
- the queue's last places open to every network: many networks of one attacker shut every other sender out;
  and verified oldest first, so one network's backlog held up every other sender's verification.
"""

from __future__ import annotations

import socket
import time
import xmlrpc.client
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from helpers.hardening import nested_page
from helpers.mention_sites import PageSite, Receiver, blog_post

from essaykit.db.schema import received_mentions
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


def test_a_deeply_nested_page_is_not_parsed_when_the_sender_looks_for_its_endpoint(site):
    """``essaykit mentions send`` fetches every page an essay links to: a hostile blog's bomb is measured
    and refused before any tree is built; an endpoint its headers name is still found."""
    from essaykit.mentions.fetch import FetchError, FetchPolicy
    from essaykit.mentions.send import discover

    bomb = nested_page(20_000).replace("<head>", '<head><link rel="webmention" href="/wm">')
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large to look for an endpoint") as info:
        discover(site.put("/bomb", bomb), FetchPolicy(allow_private=True))
    assert info.value.reason == "size" and time.monotonic() - started < 20, "refused after measuring, not parsing"
    site.put("/bomb-pingback", bomb, headers={"Content-Type": "text/html", "X-Pingback": site.url + "/xmlrpc"})
    found = discover(site.url + "/bomb-pingback", FetchPolicy(allow_private=True))
    assert (found.protocol, found.url) == ("pingback", site.url + "/xmlrpc")


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


@pytest.fixture
def front_door(tmp_path):
    """The receiver's routes without a worker (nothing waiting is ever verified), believing
    X-Forwarded-For from loopback, so one test sends from many addresses."""
    receiver = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}", [ESSAY], worker=False, trust_proxy=True)
    yield receiver
    receiver.close()


ATTACKERS = {
    # 60 of the /56's 256 /64s (before: 20 waiting per /64, so 50 /64s filled the queue)
    "one IPv6 /56": [f"2001:db8:0:ab{n:02x}::1" for n in range(60)],
    # 60 of the /24's 256 addresses (before: 20 waiting per IPv4 address, the /24 never counted)
    "one IPv4 /24": [f"198.51.100.{n}" for n in range(1, 61)],
}


@pytest.mark.parametrize("addresses", ATTACKERS.values(), ids=ATTACKERS.keys())
def test_one_ipv6_56_cannot_fill_the_queue(front_door, addresses):
    """One network sending from every address it has gets its share of the queue and no more;
    an honest sender from another network is still queued (201)."""
    per_network = ReceivedQueue(front_door.store).per_network
    target = front_door.url + ESSAY.live_path
    answers = [front_door.send(f"https://spam.example/{n}", target, sender=ip)
               for n, ip in enumerate(addresses)]
    statuses = [status for status, _, _ in answers]
    assert statuses.count(201) == per_network and set(statuses[per_network:]) == {429}, statuses
    _, headers, body = answers[-1]
    assert "from your network" in body["message"] and headers["retry-after"] == "60", body
    status, _, body = front_door.send("https://honest.example/post", target, sender="203.0.113.7")
    assert status == 201, body


def test_many_networks_leave_room_for_a_sender_from_another(front_door):
    """An attacker with many networks fills the queue up to its reserve; past that, only networks with
    nothing waiting get in, so the attacker's networks get 429 and a newcomer still gets 201."""
    queue = ReceivedQueue(front_door.store)
    attackers = [f"2001:db8:{n:x}::1" for n in range(1, 1 + (queue.total - queue.reserve) // 10)]
    rows, now = [], datetime.now(timezone.utc).replace(tzinfo=None)
    for n, ip in enumerate(attackers):
        address_hash, network = queue.sender(ip)
        rows += [dict(token=f"filler-{n}-{k}-token", kind="webmention", essay=ESSAY.slug,
                      source=f"https://spam.example/{n}/{k}", target="https://t.example/", address_hash=address_hash,
                      network=network, state="queued", message="", comment_id="", received=now)
                 for k in range(10)]
    with front_door.store.writing() as conn:
        conn.execute(received_mentions.insert(), rows)
    assert queue.waiting() == queue.total - queue.reserve
    target = front_door.url + ESSAY.live_path
    status, headers, body = front_door.send("https://spam.example/more", target, sender="2001:db8:1:ffff::1")
    assert status == 429 and headers["retry-after"] == "300", "a network already waiting waits for the reserve"
    newcomers = [front_door.send(f"https://honest.example/{n}", target, sender=f"203.0.{n}.9")[0]
                 for n in range(queue.reserve)]
    assert newcomers == [201] * queue.reserve, "each network with nothing waiting gets in, up to the total"
    status, _, body = front_door.send("https://late.example/post", target, sender="192.0.2.1")
    assert status == 429 and "too many mentions" in body["message"], "the total is a hard cap"


def test_one_networks_backlog_does_not_hold_up_another_senders_verification(store):
    queue = ReceivedQueue(store)
    flood = [queue.add(kind="webmention", essay="salt-road", source=f"https://spam.example/{n}",
                       target="https://t.example/", address=f"2001:db8:5:{n:x}::1").token for n in range(12)]
    honest = queue.add(kind="webmention", essay="salt-road", source="https://honest.example/post",
                       target="https://t.example/", address="203.0.113.7").token
    claimed = [queue.claim().token for _ in range(3)]
    assert claimed == [flood[0], honest, flood[1]], "networks take turns; the honest sender is verified second"


def test_finished_requests_are_pruned_to_a_bound(store):
    queue = ReceivedQueue(store, per_address=10_000, total=10_000)
    for n in range(30):
        done = queue.add(kind="webmention", essay="salt-road", source=f"https://s.example/{n}",
                         target="https://t.example/", address=f"192.0.2.{n}")
        queue.finish(done.token, "rejected", "no link")
    assert queue.prune(older_than=timedelta(days=30), keep=10) == 20
    assert queue.prune(older_than=timedelta(days=30), keep=10) == 0, "the newest ten are kept"


def test_finished_requests_are_pruned_while_the_server_runs(tmp_path, site):
    """Requests that finish after start-up are pruned by the running worker (before: only at start-up)."""
    receiver = Receiver(f"sqlite:///{tmp_path / 'c.sqlite'}", [ESSAY])
    try:
        receiver.service.TIDY_EVERY = 0  # every turn of the worker, not every minute
        receiver.service.queue.MAX_FINISHED = 5
        target = receiver.url + ESSAY.live_path
        for n in range(12):
            assert receiver.mention(site.put(f"/nolink{n}", blog_post("<p>no link</p>")), target)["status"] == "rejected"

        def finished() -> int:
            with receiver.store.reading() as conn:
                return conn.execute(sa.select(sa.func.count()).select_from(received_mentions)
                                    .where(received_mentions.c.finished.is_not(None))).scalar_one()

        deadline = time.monotonic() + 30
        while finished() > 5 and time.monotonic() < deadline:
            receiver.loop.call_soon_threadsafe(receiver.service.wake)  # one more turn of the worker
            time.sleep(0.05)
        assert finished() <= 5, "the table is held to its bound while the server runs"
    finally:
        receiver.close()
