"""Follow by email, whole, against a real ``essaykit serve`` sending to a real SMTP server (aiosmtpd):
the Follow form, the double opt-in (a GET shows, a POST confirms), one email per newly published essay
(``essaykit build --notify-followers``; drafts and scheduled essays never), nothing more on a rerun,
RFC 8058 one-click unsubscribe by a bare POST, then nothing; the raw SMTP bytes of the headers."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from helpers.api_client import call, post_form, post_json, start_with_mail
from helpers.cli import run_essaykit
from helpers.notebooks import md_cell, notebook
from helpers.servers import stop_process
from helpers.smtp import MailServer, html_of, link_in, mail_to, text_of

READER = "follower@example.org"
SPOILER_WORDS = ("Rosebud", "the butler did it")
BASE = "https://blog.example.org/"


@pytest.fixture(scope="module")
def served(tmp_path_factory, mail):
    server = start_with_mail(tmp_path_factory, mail, "followsite", "--public-url", "http://127.0.0.1:1/")
    yield server
    stop_process(server.proc)


def raw_of(mail: MailServer, to: str, subject: str) -> bytes:
    with mail.lock:
        return next(raw for rcpt, m, raw in mail.received if rcpt == to and m["Subject"] == subject)


def settled(mail: MailServer, served, marker: str) -> None:
    """Wait until the outbox has sent everything queued before now: a follow request for a fresh address
    queues a confirmation after every earlier message, and the sender takes the queue in order."""
    assert post_json(served, "/api/follow", {"email": marker}).status == 202
    mail_to(mail, marker, "Confirm: follow Film notes by email")


def outbox_rows(db: str, **where) -> list:
    from essaykit.db.schema import mail_outbox as o

    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            query = sa.select(o)
            for name, value in where.items():
                query = query.where(o.c[name] == value)
            return conn.execute(query).all()
    finally:
        engine.dispose()


def write_posts(folder, today: str, tomorrow: str) -> None:
    folder.mkdir(exist_ok=True)
    essays = {
        "first": notebook([md_cell("The opening of the first essay. ||the butler did it|| is hidden."),
                           md_cell("Rosebud was the sled.", tags=["spoiler"])],
                          essay={"title": "First Light", "slug": "first-light", "date": today}),
        "second": notebook([md_cell("A second essay, with no secrets at all.")],
                           essay={"title": "Second Wind", "slug": "second-wind", "date": today}),
        "draft": notebook([md_cell("Not ready.")], essay={"title": "Still A Draft", "slug": "still-a-draft",
                                                          "date": today, "draft": True}),
        "later": notebook([md_cell("Not yet.")], essay={"title": "Tomorrow's", "slug": "tomorrows", "date": tomorrow}),
    }
    for name, nb in essays.items():
        (folder / f"{name}.ipynb").write_text(json.dumps(nb), encoding="utf-8")


def build(served, posts, out) -> str:
    done = run_essaykit("build", posts, "-o", out, "--base-url", BASE, "--no-execute", "--db", served.db,
                        "--notify-followers", timeout=300)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def test_follow_confirm_publish_rerun_unsubscribe(served, mail, tmp_path):
    # The live index offers the form.
    index = call(served, "GET", "/")
    assert 'action="/api/follow"' in index.text and "Follow by email" in index.text

    # Follow: the answer says nothing about the address; a confirmation comes by email.
    answer = post_json(served, "/api/follow", {"email": READER})
    assert answer.status == 202, answer.text
    (confirm_mail,) = mail_to(mail, READER, "Confirm: follow Film notes by email")
    confirm = link_in(text_of(confirm_mail), "press the button:")
    path = urlsplit(confirm).path

    page = call(served, "GET", path)
    assert page.status == 200 and "Follow by email?" in page.text, "a GET only shows the confirm page"
    assert outbox_rows(served.db, kind="essay") == []
    done = call(served, "POST", path, "confirm=1", {"Content-Type": "application/x-www-form-urlencoded"})
    assert done.status == 200 and "Confirmed" in done.text

    # Publish: two essays, a draft and a scheduled one; one email for each published essay.
    now = datetime.now(timezone.utc)
    posts, out = tmp_path / "posts", tmp_path / "out"
    write_posts(posts, now.strftime("%Y-%m-%d"), (now + timedelta(days=2)).strftime("%Y-%m-%d"))
    said = build(served, posts, out)
    assert "first-light: 1 email queued" in said and "second-wind: 1 email queued" in said, said
    (first,) = mail_to(mail, READER, "New essay: First Light")
    (second,) = mail_to(mail, READER, "New essay: Second Wind")
    for part in (text_of(first), html_of(first)):
        assert "Contains spoilers — read on the site" in part, "an essay with spoilers says so"
        for words in SPOILER_WORDS:
            assert words not in part, f"the email never shows a spoiler ({words!r})"
        assert f"{BASE}first-light.html" in part
    assert "Contains spoilers" not in text_of(second), "only essays with spoilers carry the notice"
    assert "A second essay, with no secrets at all." in text_of(second)

    # The raw bytes: RFC 8058's headers as written, the URL literal (not RFC 2047-encoded).
    raw = raw_of(mail, READER, "New essay: First Light")
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    unsubscribe = re.search(rb"\nList-Unsubscribe: <(http://127\.0\.0\.1:1/essaykit/mail/unsubscribe/[^>\s]+)>", head)
    assert unsubscribe, head.decode()
    assert b"\nList-Unsubscribe-Post: List-Unsubscribe=One-Click" in head
    assert b"=?" not in re.search(rb"\nList-Unsubscribe:[^\n]*", head).group(0)
    assert b"Content-Type: multipart/alternative" in head

    # Rerun the build and send explicitly: nothing more for this follower.
    said = build(served, posts, out)
    assert "queued" not in said or "every follower already has it" in said, said
    again = run_essaykit("followers", "send", posts / "first.ipynb", "--base-url", BASE, "--db", served.db)
    assert again.returncode == 0 and "every follower already has it" in again.stdout, again.stderr
    refused = run_essaykit("followers", "send", posts / "draft.ipynb", "--base-url", BASE, "--db", served.db)
    assert refused.returncode != 0 and "draft" in refused.stderr
    settled(mail, served, "marker-one@example.org")
    assert len([m for m in mail.messages(READER) if m["Subject"].startswith("New essay:")]) == 2
    slugs = {row.essay for row in outbox_rows(served.db, kind="essay")}
    assert slugs == {"first-light", "second-wind"}, "drafts and scheduled essays are never announced"

    # One-click unsubscribe: a bare POST (no cookie, no Origin), as mail clients send it.
    url = unsubscribe.group(1).decode()
    gone = call(served, "POST", urlsplit(url).path, "List-Unsubscribe=One-Click",
                {"Content-Type": "application/x-www-form-urlencoded"})
    assert gone.status == 200 and "no longer follow" in gone.text
    listed = run_essaykit("followers", "list", "--db", served.db)
    assert f"{READER}\tunsubscribed" in listed.stdout

    # A third essay: queued for nobody.
    third = notebook([md_cell("After the reader left.")], essay={"title": "Third Act", "slug": "third-act",
                                                                 "date": now.strftime("%Y-%m-%d")})
    (posts / "third.ipynb").write_text(json.dumps(third), encoding="utf-8")
    sent = run_essaykit("followers", "send", posts / "third.ipynb", "--base-url", BASE, "--db", served.db)
    assert sent.returncode == 0 and "every follower already has it" in sent.stdout
    settled(mail, served, "marker-two@example.org")
    assert not [m for m in mail.messages(READER) if m["Subject"] == "New essay: Third Act"]


def test_the_answer_never_tells_whether_an_address_follows(served, mail):
    fresh = post_json(served, "/api/follow", {"email": "fresh-one@example.org"})
    mail_to(mail, "fresh-one@example.org", "Confirm: follow Film notes by email")
    again = post_json(served, "/api/follow", {"email": "fresh-one@example.org"})
    unknown = post_json(served, "/api/follow", {"email": "fresh-two@example.org"})
    assert fresh.status == again.status == unknown.status == 202
    assert fresh.json == again.json == unknown.json, "the same words for a known and an unknown address"
    settled(mail, served, "marker-three@example.org")
    assert len(mail.messages("fresh-one@example.org")) == 1, "at most one confirmation a day per address"


def test_a_plain_form_comes_back_to_its_page(served, mail):
    answer = post_form(served, "/api/follow", {"email": "plain-form@example.org", "return": served.url + "/"})
    assert answer.status == 303 and answer.headers["location"].endswith("/#ek-follow-sent")
