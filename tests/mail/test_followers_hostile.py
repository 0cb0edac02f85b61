"""The Follow form against hostile input, on a real ``essaykit serve``: malformed and injected addresses,
non-text values and huge bodies are refused at the email field (400/413/415) and store nothing; posts
from elsewhere are refused; one client address (and network) is limited like comment posting."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from helpers.api_client import call, post_form, post_json, start, write_site
from helpers.servers import stop_process
from helpers.smtp import MailServer


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    mail = MailServer().start()
    folder = write_site(tmp_path_factory.mktemp("followhostile") / "site")
    db = f"sqlite:///{folder.parent / 'comments.sqlite'}"
    server = start(folder, db, folder.parent / "serve.log", "--smtp", mail.url(), "--mail-from", "blog@example.org",
                   "--public-url", "http://127.0.0.1:1/", "--mail-every", "0.2")
    server.db = db
    yield server
    stop_process(server.proc)
    mail.stop()


def followers(db: str) -> list[str]:
    from essaykit.db.schema import mail_followers

    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.select(mail_followers.c.email)).scalars())
    finally:
        engine.dispose()


BAD_EMAILS = [
    "", "   ", "not-an-email", "a@b@example.org", "<script>alert(1)</script>@example.org",
    "reader@example.org\r\nBcc: victim@example.org", "reader@example.org\nSubject: hi",
    "x" * 400 + "@example.org", "reader@exa mple.org", "Reader <reader@example.org>", "@example.org",
    12345, ["reader@example.org"], None, {"$ne": ""}, True,
]


@pytest.mark.parametrize("email", BAD_EMAILS, ids=[repr(e)[:30] for e in BAD_EMAILS])
def test_a_malformed_address_is_refused_at_its_field_and_stores_nothing(served, email):
    before = followers(served.db)
    answer = post_json(served, "/api/follow", {"email": email})
    assert answer.status == 400, answer.text
    assert answer.json["field"] == "email", "the refusal names the field"
    assert followers(served.db) == before, "nothing is stored for a refused address"


def test_an_unpaired_surrogate_is_refused(served):
    answer = call(served, "POST", "/api/follow", '{"email": "\\ud800@example.org"}',
                  {"Content-Type": "application/json", "Origin": served.url})
    assert answer.status == 400


def test_a_huge_body_is_refused_before_it_is_read(served):
    answer = post_json(served, "/api/follow", {"email": "a" * 70_000 + "@example.org"})
    assert answer.status == 413


def test_not_json_nor_a_form_is_refused(served):
    answer = call(served, "POST", "/api/follow", "email=a@example.org", {"Content-Type": "text/plain",
                                                                         "Origin": served.url})
    assert answer.status == 415


def test_a_post_from_another_site_is_refused(served):
    answer = post_form(served, "/api/follow", {"email": "csrf@example.org"}, origin="https://evil.example")
    assert answer.status == 403
    assert "csrf@example.org" not in followers(served.db)


def test_one_client_address_is_limited_and_told_when_to_come_back(served):
    me = {"X-Forwarded-For": "198.51.100.7"}
    answers = [post_json(served, "/api/follow", {"email": f"limit{n}@example.org"}, headers=me) for n in range(11)]
    assert [a.status for a in answers[:10]] == [202] * 10
    assert answers[10].status == 429 and int(answers[10].headers["retry-after"]) > 0
    assert "limit10@example.org" not in followers(served.db), "a refused request stores nothing"
    neighbour = post_json(served, "/api/follow", {"email": "neighbour@example.org"},
                          headers={"X-Forwarded-For": "203.0.113.9"})
    assert neighbour.status == 202, "another network is not held back"


def test_a_network_is_limited_across_its_addresses(served):
    answers = [post_json(served, "/api/follow", {"email": f"net{n}@example.org"},
                         headers={"X-Forwarded-For": f"192.0.2.{n + 1}"}) for n in range(31)]
    assert [a.status for a in answers[:30]] == [202] * 30
    assert answers[30].status == 429
    body = json.loads(answers[30].body)
    assert "network" in body["message"]
