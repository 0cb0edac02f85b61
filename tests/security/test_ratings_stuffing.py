"""Rating stuffing: dropping the cookie used to give a new vote per page load. A reader rates an
essay once per signed session and once per address; the author lists and deletes the rest."""

from __future__ import annotations

from helpers.security import Browser, new_address, new_network

from essaykit.comments.store import CommentStore

DATABASES = ("sqlite", "postgres")  # one vote per session and per address is counted in the database


def count(server, essay="the-salt-road") -> int:
    return Browser(server).summary(essay)["count"]


def test_page_loads_without_the_cookie_give_one_vote(hostile_server):
    address = new_address()
    before = count(hostile_server)
    answers = [Browser(hostile_server, address).rate(5) for _ in range(6)]  # six fresh pages, one address
    assert [a.status for a in answers] == [201] + [409] * 5, [a.status for a in answers]
    assert "from your address" in answers[1].json["message"]
    assert count(hostile_server) == before + 1


def test_one_session_rates_once_whatever_its_address(hostile_server):
    reader = Browser(hostile_server)
    assert reader.rate(4).status == 201
    reader.address = new_address()  # the same browser on another network
    again = reader.rate(1)
    assert again.status == 409 and again.json["mine"] == 4, "the signed session has rated already"


def test_one_ipv6_slash_64_is_one_address(hostile_server):
    assert Browser(hostile_server, "2001:db8:77:1::1").rate(3, essay="second-thoughts").status == 201
    assert Browser(hostile_server, "2001:db8:77:1:abcd::9").rate(3, essay="second-thoughts").status == 409


def test_the_author_lists_and_deletes_stuffing(hostile_server, cli):
    network = new_network()
    for n in range(4):
        assert Browser(hostile_server, f"{network}.{n + 1}").rate(1, essay="long-thread").status == 201
    honest = Browser(hostile_server)
    honest.rate(5, essay="long-thread")
    listing = cli("ratings", "list", "--essay", "long-thread", "--db", hostile_server.db)
    assert listing.exit_code == 0, listing.output
    lines = [line.split("\t") for line in listing.output.splitlines()]
    assert sum(1 for line in lines if line[4] == f"{network}.0/24") == 4, listing.output
    assert all(line[3] in ("1/5", "5/5") for line in lines)
    deleted = cli("ratings", "delete", "--essay", "long-thread", "--network", f"{network}.0/24",
                  "--db", hostile_server.db)
    assert deleted.exit_code == 0 and "deleted 4 ratings" in deleted.output, deleted.output
    summary = Browser(hostile_server).summary("long-thread")
    assert (summary["count"], summary["average"]) == (1, 5.0)
    with CommentStore.open(hostile_server.db) as store:
        [left] = store.ratings("long-thread")
    gone = cli("ratings", "delete", str(left["id"]), "--db", hostile_server.db)
    assert "deleted 1 rating" in gone.output
    nothing = cli("ratings", "delete", "--db", hostile_server.db)
    assert nothing.exit_code == 2 and "say which ratings" in nothing.output
