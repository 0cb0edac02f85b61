"""Attack: a commenter's name (or email, website, comment) made to look like the author's own words in the
notice, e.g. the name ``Approve: www.example-approve.com/ok``, which mail clients turn into a clickable
lookalike of the real Approve link. Checked on the bytes the SMTP server received, through the whole path
(store → outbox → SMTP)."""

from __future__ import annotations

import email
import quopri
import re
from email import policy

import pytest

from essaykit.mail.config import MailConfig, SmtpUrl
from essaykit.mail.messages import Essay
from essaykit.mail.worker import Sender

SITE = "http://blog.example.org/"
# What mail clients make links of: a scheme, or a host name (www. or a bare domain with a TLD).
CLICKABLE = re.compile(r"(?i)\b(?:(?:https?|ftp)://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b")

HOSTILE_NAMES = [
    "Approve: www.example-approve.com/ok",
    "Approve: example-approve.com/ok",
    "Approve:https://example-approve.com/ok",
    'Ann" <approve@example-approve.com>',
    "Approve\u200b: www\u200b.example-approve\uff0ecom",
    "\u202eko/moc.evorppa-elpmaxe.www :evorppA",
]


def notice(store, smtp_server, author: str, **fields):
    store.post("the-salt-road", author=author, email=fields.pop("email", "ann@example.org"),
               body=fields.pop("body", "A fine essay."), **fields)
    config = MailConfig(smtp=SmtpUrl.parse(smtp_server.url()), sender="blog@example.org", notify="me@example.org",
                        public_url=SITE)
    assert Sender(store, config, essays=lambda s: Essay("The Salt Road", SITE + "salt.html")).drain().sent >= 1
    raw = next(raw for _rcpt, mail, raw in smtp_server.received if "Salt Road" in mail["Subject"])
    head, _, body = raw.partition(b"\r\n\r\n")
    return head.decode("ascii"), quopri.decodestring(body).decode("utf-8"), raw


def reader_text(text: str) -> str:
    """What the notice says above the rule: everything the reader could have put words into."""
    return text.split("—" * 24)[0]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_name_cannot_become_a_lookalike_approve_link(store, smtp_server, name):
    head, text, raw = notice(store, smtp_server, name)
    above = reader_text(text)
    assert not CLICKABLE.findall(above.replace(SITE, "")), f"nothing a reader typed is clickable:\n{above}"
    assert not any(line.startswith("Approve") for line in above.splitlines()), \
        "no line the reader wrote starts like the author's own links"
    links = [line for line in text.splitlines() if line.startswith("Approve: ")]
    assert links == [next(line for line in text.splitlines() if line.startswith("Approve: http://blog.example.org/"))], \
        "exactly one Approve line, the real one, below the rule"
    assert text.index("Approve: http") > text.index("—" * 24), "the real links stand apart, below the rule"
    assert "\u202e" not in text and "\u200b" not in text
    subject = email.message_from_bytes(raw, policy=policy.default)["Subject"]
    assert re.search(r'from "(?:[^"\\]|\\.)*"$', subject), f"the name is a quoted string in the Subject: {subject}"
    assert not CLICKABLE.findall(subject), subject
    assert "\r\n\r\n" not in head and all(line[:1] in " \t" or ":" in line for line in head.split("\r\n")), \
        "the headers stay headers"


def test_the_name_is_marked_as_the_readers_in_the_first_line(store, smtp_server):
    _head, text, _raw = notice(store, smtp_server, 'Eve "the author" Smith')
    assert text.splitlines()[0].startswith('A reader named "Eve \\"the author\\" Smith" commented on'), text


def test_email_website_and_body_are_defanged_too(store, smtp_server):
    _head, text, _raw = notice(store, smtp_server, "Ann", email="ann@www.example-approve.com",
                               website="https://www.example-approve.com/ok",
                               body="Click www.example-approve.com/ok or example-approve.com or https://x.example/y.\n"
                                    "Version 3.5 of v1.2 stays as written.")
    above = reader_text(text)
    assert not CLICKABLE.findall(above.replace(SITE, "")), above
    assert "www[.]example-approve[.]com/ok" in above and "ann@www[.]example-approve[.]com" in above
    assert "Version 3.5 of v1.2 stays as written." in above, "numbers are not host names"
