"""Lock-out: throwaway pages must not be able to close commenting for everyone.

The old per-essay limit (5 posts a minute) let five fresh pages shut an essay for all readers,
honeypot catches included. Limits now key on what a sender pays for: a signed session, an
address (/32, IPv6 /64) and a network (/24, IPv6 /48). The server runs essaykit's default rules.
"""

from __future__ import annotations

import http.client
import json
from datetime import datetime, timedelta, timezone

from helpers.security import Browser, new_address, new_network

from essaykit.comments.moderation import HONEYPOT_FIELD, Rules
from essaykit.errors import RateLimited

RULES = {}  # essaykit's defaults: 15 s between posts, 10 an hour per address, 30 per network, 200 held
DATABASES = ("sqlite", "postgres")  # every limit here is counted in the database


def test_many_throwaway_pages_do_not_lock_anyone_out(hostile_server):
    for n in range(12):
        bot = Browser(hostile_server)  # a fresh page: no cookie, an address of its own
        answer = bot.post_comment(**({HONEYPOT_FIELD: "http://spam.example"} if n % 2 else {}))
        assert answer.status == 202, f"post {n} from its own address: {answer}"
    reader = Browser(hostile_server)
    answer = reader.post_comment(body="A real reader, after the flood.")
    assert answer.status == 202 and answer.json["status"] == "pending", \
        "an address that has not posted is never refused because others posted"


def test_dropping_the_cookie_does_not_reset_the_pace(hostile_server):
    address = new_address()
    first = Browser(hostile_server, address).post_comment()
    assert first.status == 202
    again = Browser(hostile_server, address).post_comment()  # a new page: new session, same address
    assert again.status == 429 and "too fast" in again.json["message"], again
    assert again.headers.get("retry-after"), "the refusal says when to come back"
    assert Browser(hostile_server).post_comment().status == 202, "other addresses are not slowed down"


def test_honeypot_catches_count_against_their_sender_only(hostile_server):
    bot = new_address()
    caught = Browser(hostile_server, bot).post_comment(**{HONEYPOT_FIELD: "http://spam.example"})
    assert caught.status == 202 and caught.json["status"] == "pending", "the bot is not told it was caught"
    assert Browser(hostile_server, bot).post_comment().status == 429, "its catch counts against the bot"
    assert Browser(hostile_server).post_comment().status == 202, "and against nobody else"


def test_a_busy_network_is_capped_and_its_neighbours_are_not(hostile_server):
    network = new_network()
    for n in range(30):
        answer = Browser(hostile_server, f"{network}.{n + 1}").post_comment(
            **({HONEYPOT_FIELD: "x"} if n % 3 == 0 else {}))
        assert answer.status == 202, f"address {n + 1} of the network: {answer}"
    capped = Browser(hostile_server, f"{network}.200").post_comment()
    assert capped.status == 429 and "your network" in capped.json["message"], capped
    assert Browser(hostile_server, f"{new_network()}.7").post_comment().status == 202, \
        "another /24 is another network"


def test_forwarded_for_from_an_untrusted_peer_is_ignored(hostile_server):
    """The server believes X-Forwarded-For from 127.0.0.1 only; 127.0.0.2 is a client, not a proxy."""
    def post(forwarded: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", hostile_server.port, timeout=30, source_address=("127.0.0.2", 0))
        try:
            conn.request("POST", "/api/comments", json.dumps({
                "essay": "the-salt-road", "author": "Spoofer", "email": f"{forwarded}@example.org".replace(":", "."),
                "body": f"Pretending to be {forwarded}."}),
                {"Content-Type": "application/json", "Origin": hostile_server.url, "X-Forwarded-For": forwarded})
            return conn.getresponse().status
        finally:
            conn.close()

    assert post(new_address()) == 202
    assert post(new_address()) == 429, "a made-up X-Forwarded-For from an untrusted peer buys no new address"


# --- the pending queue's bound, on the store (SQLite and PostgreSQL) ------------------------------------


def test_a_full_queue_refuses_only_recent_senders(db_url):
    from essaykit.comments.store import CommentStore

    t0 = datetime(2026, 11, 20, 18, 0, tzinfo=timezone.utc)
    with CommentStore.open(db_url, rules=Rules(max_pending=3)) as store:
        for n in range(3):
            store.post("e", author="R", email=f"r{n}@example.org", body=f"held {n}", session=f"s{n}",
                       client=f"192.0.2.{n + 1}", now=t0 + timedelta(seconds=n))
        newcomer = store.post("e", author="N", email="n@example.org", body="first time here", session="n",
                              client="198.51.100.9", now=t0 + timedelta(minutes=1))
        assert newcomer.status == "pending", "an address that has not posted recently is never refused"
        try:
            store.post("e", author="R", email="r0@example.org", body="and again", session="s0b",
                       client="192.0.2.1", now=t0 + timedelta(minutes=2))
        except RateLimited as exc:
            assert "waiting for the author" in str(exc)
        else:
            raise AssertionError("a sender who posted in the last hour waits while the queue is full")
        later = store.post("e", author="R", email="r0@example.org", body="an hour later", session="s0c",
                           client="192.0.2.1", now=t0 + timedelta(hours=1, minutes=1))
        assert later.status == "pending"


def test_one_address_posting_everywhere_at_once_gets_one_post_in(db_url):
    """Six simultaneous posts from one address to six essays: the address's pace holds across essays
    (PostgreSQL takes a lock per sender, SQLite serialises writers)."""
    import threading

    from essaykit.comments.store import CommentStore

    barrier = threading.Barrier(6)
    outcomes: list[str] = []

    def post(n: int) -> None:
        with CommentStore.open(db_url) as store:
            barrier.wait(timeout=60)
            try:
                store.post(f"essay-{n}", author="Bot", email=f"bot{n}@example.org", body=f"Spam {n}.",
                           session=f"fresh-{n}", client="198.51.100.66")
                outcomes.append("stored")
            except RateLimited:
                outcomes.append("refused")

    threads = [threading.Thread(target=post, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(outcomes) == ["refused"] * 5 + ["stored"], outcomes
