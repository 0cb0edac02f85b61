"""The outbox and its sender against a real SMTP server, on SQLite and PostgreSQL: who hears about what,
exactly once, and what happens when SMTP is down or an address bounces."""

from __future__ import annotations

import re
import threading
import time

import pytest

from helpers.smtp import MailServer, body, link

from essaykit.comments.moderation import Rules
from essaykit.mail.config import MailConfig, SmtpUrl
from essaykit.mail.messages import Essay
from essaykit.mail.worker import Sender

AUTHOR = "author@example.org"
ESSAY = "the-salt-road"


@pytest.fixture
def store_url(db_url):
    return db_url


@pytest.fixture
def store_rules():
    return Rules.permissive()


def config(server: MailServer, **changes) -> MailConfig:
    values = dict(smtp=SmtpUrl.parse(server.url()), sender="Film notes <blog@example.org>", notify=AUTHOR,
                  public_url="http://blog.example.org/")
    values.update(changes)
    return MailConfig(**values)


def sender(store, server: MailServer, **kwargs) -> Sender:
    changes = {k: kwargs.pop(k) for k in list(kwargs) if k in ("per_hour", "notify", "author_per_hour", "public_url")}
    return Sender(store, config(server, **changes), essays=lambda slug: Essay("The Salt Road", "http://blog.example.org/"),
                  **kwargs)


def post(store, **fields):
    values = {"author": "Ada", "email": "ada@example.org", "body": f"Words {time.monotonic_ns()}."}
    values.update(fields)
    return store.post(ESSAY, **values)


def test_a_held_comment_tells_the_author_and_nobody_else(store, smtp_server):
    held = post(store, notify=True)
    assert held.status == "pending"
    report = sender(store, smtp_server).drain()
    assert report.sent == 1, report
    (mail,) = smtp_server.messages()
    assert mail["To"] == AUTHOR and "awaiting moderation" in mail["Subject"] and "Ada" in mail["Subject"]
    text = body(mail)
    assert held.comment.body in text, "the author sees the comment's words"
    for action in ("Approve", "Mark as spam", "Delete"):
        assert link(mail, action).startswith("http://blog.example.org/essaykit/mail/moderate/")
    assert mail["Content-Type"].startswith("text/plain"), "plain text only"
    assert not mail.is_multipart() and "<img" not in text and "<a " not in text
    assert smtp_server.messages("ada@example.org") == [], "no mail to the commenter while the comment is held"


def test_a_published_comment_tells_the_author_with_spam_and_delete_links(store, smtp_server):
    posted = post(store)
    store.set_status(posted.comment.id, "approved", by="test")  # published before the notice went out
    sender(store, smtp_server).drain()
    (mail,) = smtp_server.messages()
    assert mail["Subject"] == 'New comment on “The Salt Road” from "Ada"'
    assert "It is published." in body(mail) and "Approve:" not in body(mail)
    assert link(mail, "Mark as spam") and link(mail, "Delete")


def test_no_notice_about_a_comment_moderated_before_it_went_out(store, smtp_server):
    posted = post(store)
    store.set_status(posted.comment.id, "spam", by="test")
    assert sender(store, smtp_server).drain().skipped == 1
    assert smtp_server.messages() == []


def test_honeypot_spam_tells_nobody(store, smtp_server):
    post(store, honeypot="http://bot.example", notify=True)
    assert sender(store, smtp_server).drain().sent == 0
    assert smtp_server.messages() == []


def test_double_opt_in_then_one_email_per_approved_reply(store, smtp_server):
    work = sender(store, smtp_server, notify="")
    first = post(store, notify=True)
    reply_before = None
    store.set_status(first.comment.id, "approved", by="test")
    work.drain()
    (confirm,) = smtp_server.wait_for(1, "ada@example.org")
    assert confirm["Subject"].startswith("Confirm:")
    assert confirm["List-Unsubscribe"].startswith("<http://blog.example.org/essaykit/mail/unsubscribe/")
    assert confirm["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # An approved reply before the address is confirmed tells nobody.
    reply_before = post(store, author="Bo", email="bo@example.org", parent=first.comment.id)
    store.set_status(reply_before.comment.id, "approved", by="test")
    work.drain()
    assert len(smtp_server.messages("ada@example.org")) == 1

    from essaykit.mail import outbox
    from essaykit.comments.statements import naive_utc

    token = link(confirm, "").rsplit("/", 1)[1]
    value, why = work.links.read("confirm", token)
    assert why == ""
    with store.writing() as conn:
        outbox.confirm(conn, value, naive_utc(None))
    with store.reading() as conn:
        assert outbox.is_verified(conn, "ADA@example.org"), "confirming verifies the address"

    second = post(store, author="Cy", email="cy@example.org", parent=first.comment.id)
    assert second.status == "pending"
    work.drain()
    assert len(smtp_server.messages("ada@example.org")) == 1, "a held reply tells nobody but the author"
    store.set_status(second.comment.id, "approved", by="test")
    store.set_status(second.comment.id, "pending", by="test")
    store.set_status(second.comment.id, "approved", by="test")  # approved twice: still one email
    work.drain()
    notices = smtp_server.messages("ada@example.org")[1:]
    assert len(notices) == 1, [m["Subject"] for m in notices]
    (notice,) = notices
    assert notice["Subject"] == '"Cy" replied to your comment on “The Salt Road”'
    assert f"#ek-c-{second.comment.id}" in body(notice)
    assert second.comment.body not in body(notice), "reader-written text is not mailed to other readers"
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop these emails" in body(notice), "a visible unsubscribe link"

    # Her own reply to her own comment tells her nothing.
    own = post(store, parent=first.comment.id)
    store.set_status(own.comment.id, "approved", by="test")
    work.drain()
    assert len(smtp_server.messages("ada@example.org")) == 2


def test_list_unsubscribe_goes_out_literal_and_unencoded(store, smtp_server):
    public = "https://blog.example.org/a/rather/long/path/to/where/the/essays/live/"
    first = post(store, notify=True)
    store.set_status(first.comment.id, "approved", by="test")
    sender(store, smtp_server, notify="", public_url=public).drain()
    smtp_server.wait_for(1, "ada@example.org")
    (raw,) = [raw for rcpt, _, raw in smtp_server.received if rcpt == "ada@example.org"]
    head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    found = re.search(rb"\r\nList-Unsubscribe: <(https://[^>\s]+)>\r\n", head)
    assert found, "one literal <URL> on the header line, as mail clients read it:\n" + head.decode()
    assert found.group(1).startswith(public.encode() + b"essaykit/mail/unsubscribe/")
    assert len(found.group(0)) > 80, "long enough that the default policy would have encoded it"
    assert b"=?" not in head.split(b"List-Unsubscribe:", 1)[1].split(b"\r\n", 1)[0]
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head


def test_unsubscribe_stops_what_is_queued_and_what_comes(store, smtp_server):
    from essaykit.mail import outbox
    from essaykit.comments.statements import naive_utc

    work = sender(store, smtp_server, notify="")
    first = post(store, notify=True)
    store.set_status(first.comment.id, "approved", by="test")
    work.drain()
    (confirm,) = smtp_server.wait_for(1, "ada@example.org")
    value, _ = work.links.read("confirm", link(confirm, "").rsplit("/", 1)[1])
    with store.writing() as conn:
        outbox.confirm(conn, value, naive_utc(None))
    reply = post(store, author="Bo", email="bo@example.org", parent=first.comment.id)
    store.set_status(reply.comment.id, "approved", by="test")  # queued, not sent yet
    with store.writing() as conn:
        outbox.unsubscribe(conn, value, everything=False, moment=naive_utc(None))
    work.drain()
    assert len(smtp_server.messages("ada@example.org")) == 1


def test_smtp_down_then_up_arrives_later_exactly_once(store):
    server = MailServer()  # not started: nothing listens on its port
    post(store)
    work = sender(store, server, retry_base=0.1)
    report = work.drain()
    assert report.sent == 0 and report.retried == 1 and "connect failed" in report.problems[0]
    assert work.drain().sent == 0, "while it is down, nothing is sent and nothing is lost"
    server.start()
    try:
        deadline = time.monotonic() + 20
        while not server.messages() and time.monotonic() < deadline:
            work.drain()
            time.sleep(0.05)
        assert len(server.messages()) == 1
        for _ in range(3):
            work.drain()
        assert len(server.messages()) == 1, "delivered exactly once"
    finally:
        server.stop()


def test_a_permanent_refusal_stops_mail_to_that_address(store, smtp_server):
    from essaykit.mail import outbox

    work = sender(store, smtp_server, notify="bounce-me@example.org")
    post(store)
    report = work.drain()
    assert report.failed == 1 and report.sent == 0
    with store.reading() as conn:
        assert not outbox.reachable(conn, "Bounce-Me@example.org")
        (row,) = outbox.recent(conn)
    assert row.state == "failed" and "550" in row.last_error


def test_per_recipient_rate_limit_defers_and_never_drops(store, smtp_server):
    from essaykit.mail import outbox

    work = sender(store, smtp_server, author_per_hour=2)
    for n in range(4):
        post(store, email=f"r{n}@example.org")
    report = work.drain()
    assert report.sent == 2 and report.retried == 2
    with store.reading() as conn:
        assert outbox.counts(conn) == {"sent": 2, "queued": 2}, "the others wait for the next hour"


def test_two_senders_at_once_send_each_message_once(store, smtp_server):
    for n in range(30):
        post(store, email=f"r{n}@example.org")
    workers = [sender(store, smtp_server, batch=3, author_per_hour=1000) for _ in range(3)]
    threads = [threading.Thread(target=w.drain) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [m["Message-ID"] for m in smtp_server.messages()]
    assert len(ids) == 30 and len(set(ids)) == 30


def test_without_smtp_nothing_is_sent_and_nothing_fails(store):
    from essaykit.mail import outbox

    post(store)
    report = Sender(store, MailConfig(), essays=lambda s: Essay(s, "")).drain()
    assert report.sent == 0 and not report.problems
    with store.reading() as conn:
        assert outbox.counts(conn) == {"queued": 1}, "kept, so configuring SMTP later still tells the author"


def test_an_edit_that_sends_a_comment_back_tells_the_author_again_without_its_spoiler(store, smtp_server):
    posted = post(store, session="s-ada", body="Kind words.")
    store.set_status(posted.comment.id, "approved", by="test")
    store.edit_own(posted.comment.id, "s-ada", "Kind words, edited.")  # no link: the decision stands
    sender(store, smtp_server).drain()
    assert [m["Subject"] for m in smtp_server.messages() if "Edited" in m["Subject"]] == [], \
        "an edit that keeps the decision tells nobody"
    store.edit_own(posted.comment.id, "s-ada", "Now see https://shop.example ||the sled is Rosebud||")
    assert store.get(posted.comment.id).status == "pending"
    sender(store, smtp_server).drain()
    [mail] = [m for m in smtp_server.messages() if m["Subject"].startswith("Edited comment awaiting moderation")]
    text = body(mail)
    assert mail["To"] == AUTHOR and "hidden again until you approve it" in text and "shop[.]example" in text, text
    assert "Rosebud" not in text and "sled" not in text, "a spoiler in the comment never reaches the email"
    assert link(mail, "Approve").startswith("http://blog.example.org/essaykit/mail/moderate/")
