"""A reader gets or erases their data by a signed email link, against a real ``essaykit serve`` sending to
a real SMTP server (aiosmtpd): the privacy page's form, the link's page (a GET shows, a POST acts, once),
and the hostile cases (a stranger's address, a forged, replayed or expired link)."""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlsplit

import pytest
from helpers.api_client import call, comment, post_json, start_with_mail
from helpers.servers import stop_process

from helpers.smtp import link_in, mail_to, text_of

pytestmark = pytest.mark.slow
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def served(tmp_path_factory, mail):
    server = start_with_mail(tmp_path_factory, mail, "peoplesite", "--public-url", "http://127.0.0.1:1/")
    yield server
    stop_process(server.proc)


def reader(served, body: str) -> str:
    """A new address with one comment on the server; the address."""
    email = f"p{os.urandom(4).hex()}@example.org"
    assert post_json(served, "/api/comments", comment(email=email, body=body)).status == 202
    return email


def link_for(served, mail, email: str, what: str) -> str:
    answer = post_json(served, "/api/people", {"email": email, "what": what})
    assert answer.status == 202, answer
    subject = "Your data on Film notes" if what == "export" else "Erase your data on Film notes"
    (message,) = mail_to(mail, email, subject)
    return urlsplit(link_in(text_of(message), "press the button:")).path


def stored_body(served, email: str) -> list[str]:
    from essaykit.comments.store import CommentStore
    from essaykit.mail.people import collect

    with CommentStore.open(served.db) as store:
        return [c["body"] for c in collect(store, email)["comments"]]


def test_the_privacy_page_offers_the_form(served):
    page = call(served, "GET", "/privacy")
    assert 'action="/api/people"' in page.text and "Ask below, by a link we email" in page.text
    assert "At most 10 messages an hour" in page.text, "this server sends mail"


def test_export_by_link_works_once(served, mail):
    email = reader(served, "Words to download.")
    path = link_for(served, mail, email, "export")
    shown = call(served, "GET", path)
    assert shown.status == 200 and "Download my data" in shown.text and email in shown.text
    got = call(served, "POST", path, "do=export", FORM)
    assert got.status == 200 and "attachment" in got.headers["content-disposition"]
    data = json.loads(got.body)
    assert data["email"] == email and [c["body"] for c in data["comments"]] == ["Words to download."]
    again = call(served, "POST", path, "do=export", FORM)
    assert again.status == 410 and "already used" in again.text, "a link works once"
    assert call(served, "GET", path).status == 410


def test_erase_by_link(served, mail):
    email = reader(served, "Words to erase.")
    path = link_for(served, mail, email, "erase")
    assert stored_body(served, email) == ["Words to erase."], "asking changes nothing"
    done = call(served, "POST", path, "do=erase", FORM)
    assert done.status == 200 and "erased" in done.text
    assert stored_body(served, email) == []
    from essaykit.comments.store import CommentStore
    from essaykit.mail.people import collect

    with CommentStore.open(served.db) as store:
        assert collect(store, email)["data_requests"] == [], "not even the request that erased it is kept"


def test_asking_about_someone_else_mails_only_them_and_the_answer_tells_nothing(served, mail):
    victim = reader(served, "The victim's words.")
    stranger = f"nobody-{os.urandom(3).hex()}@example.org"
    said = [post_json(served, "/api/people", {"email": who, "what": "erase"}).json for who in (victim, stranger)]
    assert said[0] == said[1], "the same answer whether or not anything is stored"
    mail_to(mail, victim, "Erase your data on Film notes")
    assert stored_body(served, victim) == ["The victim's words."], "nothing happens until the owner clicks"


@pytest.mark.parametrize("spoil", ["forged", "expired"])
def test_forged_and_expired_links_are_refused_with_a_clear_page(served, mail, spoil):
    from essaykit.comments.sessions import Sessions
    from essaykit.comments.store import CommentStore
    from essaykit.db.signing import Signer

    email = reader(served, "Words kept.")
    path = link_for(served, mail, email, "erase")
    prefix, _, token = path.rpartition("/")
    if spoil == "forged":
        token = Signer((b"another database's key!",)).sign("people", "0" * 32)
    else:
        with CommentStore.open(served.db) as store:
            payload = Sessions.for_store(store).unsign("people", token, max_age=3600).payload
            token = Sessions.for_store(store).sign("people", payload, now=time.time() - 25 * 3600)
    refused = call(served, "POST", f"{prefix}/{token}", "do=erase", FORM)
    if spoil == "forged":
        assert refused.status == 400 and "This link is not valid" in refused.text, refused
    else:
        assert refused.status == 410 and "This link has expired" in refused.text and "Ask again" in refused.text
    assert stored_body(served, email) == ["Words kept."]


def test_bad_requests_get_field_errors(served):
    bad = post_json(served, "/api/people", {"email": "nope", "what": "export"})
    assert bad.status == 400 and bad.json["field"] == "email"
    bad = post_json(served, "/api/people", {"email": "a@example.org", "what": "everything"})
    assert bad.status == 400 and bad.json["field"] == "what"
    foreign = post_json(served, "/api/people", {"email": "a@example.org", "what": "erase"},
                        origin="http://evil.example")
    assert foreign.status == 403
