"""Hostile names, websites and bodies cannot add headers or markup to a message: through the whole path
(store → outbox → SMTP → parsed again) and at the message layer with values the store would have cleaned."""

from __future__ import annotations

import email
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address

import pytest

from helpers.smtp import body

from essaykit.comments.moderation import Rules
from essaykit.mail.config import MailConfig, SmtpUrl
from essaykit.mail.messages import Commented, Essay, author_notice, one_line, quoted, reply_notice
from essaykit.mail.worker import Sender

SENDER = Address("Film notes", "blog", "example.org")
# Every way a line could end, then a header an attacker would like to add.
BREAKS = ["\r\n", "\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\r\n\r\n"]
EXPECTED_HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted", "X-Auto-Response-Suppress",
                    "Content-Type", "Content-Transfer-Encoding", "MIME-Version"}


@pytest.fixture
def store_rules():
    return Rules.permissive()


def reparse(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message.as_bytes(), policy=policy.default)


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_a_name_cannot_add_a_header(brk):
    name = f"Ada{brk}Bcc: victim@example.net{brk}X-Evil: 1"
    comment = Commented(id="abc123abc123", author=name, email="ada@example.org", website="", body="Hi.",
                        status="pending", created=datetime.now(timezone.utc))
    for message in (
        author_notice(sender=SENDER, to="me@example.org", message_id="m1", essay=Essay(name, "http://x.org/"),
                      comment=comment, links={"approve": "http://x.org/a"}, days=7),
        reply_notice(sender=SENDER, to="r@example.org", message_id="m2", essay=Essay("T", "http://x.org/"),
                     reply=comment, unsubscribe="http://x.org/u"),
    ):
        parsed = reparse(message)
        assert "Bcc" not in parsed and "X-Evil" not in parsed
        assert set(parsed.keys()) <= EXPECTED_HEADERS | {"List-Unsubscribe", "List-Unsubscribe-Post"}
        assert "\n" not in parsed["Subject"] and '"Ada Bcc: victim@example[.]net X-Evil: 1"' in parsed["Subject"]


def test_a_website_reaches_the_author_as_a_bare_host():
    for website in ("https://evil.example/p?x=\r\nBcc: v@example.net", "https://evil.example\r\nBcc: v@x.net/"):
        comment = Commented(id="abc123abc123", author="Ada", email="ada@example.org", website=website, body="Hi.",
                            status="pending", created=datetime.now(timezone.utc))
        parsed = reparse(author_notice(sender=SENDER, to="me@example.org", message_id="m1",
                                       essay=Essay("T", "http://x.org/"), comment=comment, links={}, days=7))
        assert "Bcc" not in parsed and "Bcc" not in body(parsed).split("website:")[-1].splitlines()[0]
        assert "https://evil" not in body(parsed)


def test_one_line_removes_every_control_and_bidi_character():
    cleaned = one_line("a\u202eb\x00c\x1bd\te\u2066f")
    assert all(ch.isprintable() for ch in cleaned) and "\u202e" not in cleaned and "\u2066" not in cleaned


def test_a_body_is_quoted_plain_text_with_addresses_not_clickable():
    text = quoted("<b>bold</b> <img src=https://track.example/p.gif>\r\nSee https://spam.example/x and HTTP://Y.example"
                  "\r\n.\r\nBcc: v@example.net\x1b[31m")
    assert "https://" not in text.lower() and "http://" not in text.lower()
    assert "hxxps://spam[.]example/x" in text
    assert all(line.startswith(">") for line in text.splitlines()), "every line is quoted, a lone '.' too"
    assert "\x1b" not in text


def test_hostile_fields_through_the_whole_path(store, smtp_server):
    store.post("the-salt-road", author="Ada\r\nBcc: victim@example.net", email="ada@example.org",
               website="https://evil.example/phish?x=%0D%0ABcc:%20v@example.net",
               body="<script>alert(1)</script>\r\n\r\nBcc: victim@example.net\r\n.\r\nSee https://evil.example/")
    config = MailConfig(smtp=SmtpUrl.parse(smtp_server.url()), sender="blog@example.org", notify="me@example.org",
                        public_url="http://blog.example.org/")
    assert Sender(store, config, essays=lambda s: Essay(s, "http://blog.example.org/")).drain().sent == 1
    (mail,) = smtp_server.messages()
    (rcpt, _, raw) = smtp_server.received[0]
    assert rcpt == "me@example.org", "the only envelope recipient is the author"
    assert set(mail.keys()) <= EXPECTED_HEADERS and "Bcc" not in mail
    text = body(mail)
    assert "> <script>alert(1)</script>" in text, "markup stays visible text in a text/plain part"
    assert "https://evil.example" not in text and "evil.example" not in text and "Their website: evil[.]example (not linked here)" in text
    assert mail.get_content_type() == "text/plain"
    links = [w for w in text.split() if w.startswith(("http://", "https://"))]
    assert links and all(w.startswith("http://blog.example.org/") for w in links), "links only to this site"


def test_the_author_notice_links_to_the_comment_and_keeps_a_readers_spoiler_out():
    comment = Commented(id="abc123abc123", author="Ada", email="ada@example.org", website="",
                        body="Loved it. ||The lighthouse keeper|| was a surprise.", status="approved",
                        created=datetime.now(timezone.utc))
    text = body(reparse(author_notice(sender=SENDER, to="me@example.org", message_id="m1",
                                      essay=Essay("T", "https://x.org/t.html"), comment=comment, links={}, days=7,
                                      reply="https://x.org/t.html?reply=abc123abc123#ek-comment-form")))
    assert "lighthouse keeper" not in text and "> Loved it. [Spoiler — read it on the page] was a surprise." in text
    assert "The comment: https://x.org/t.html#ek-c-abc123abc123" in text
    assert "Reply to it: https://x.org/t.html?reply=abc123abc123#ek-comment-form" in text


def test_the_author_notice_carries_the_filters_score_and_reason_on_one_line():
    comment = Commented(id="abc123abc123", author="Ada", email="ada@example.org", website="", body="Hi.",
                        status="pending", created=datetime.now(timezone.utc), spam_score=0.973,
                        spam_reason="filter 0.97: link to best-essay.top,\r\nBcc: v@example.net")
    parsed = reparse(author_notice(sender=SENDER, to="me@example.org", message_id="m1",
                                   essay=Essay("T", "http://x.org/"), comment=comment, links={}, days=7))
    line = next(line for line in body(parsed).splitlines() if line.startswith("Spam filter:"))
    # The reason quotes the comment's own domains: defanged, like everything else a reader typed.
    assert line.startswith("Spam filter: 0.97 (filter 0.97: link to best-essay[.]top"), line
    assert "Bcc" not in parsed, "the reason stays in the body, on one line"


def test_the_author_notice_says_nothing_of_a_filter_that_never_scored():
    comment = Commented(id="abc123abc123", author="Ada", email="ada@example.org", website="", body="Hi.",
                        status="pending", created=datetime.now(timezone.utc))
    text = body(reparse(author_notice(sender=SENDER, to="me@example.org", message_id="m1",
                                      essay=Essay("T", "http://x.org/"), comment=comment, links={}, days=7)))
    assert "Spam filter" not in text
