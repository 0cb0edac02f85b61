"""The privacy notice is written from the real settings: change one and the text changes with it."""

from __future__ import annotations

import pytest

from essaykit.comments.moderation import Rules
from essaykit.mail.config import MailConfig, SmtpUrl

SMTP = SmtpUrl.parse("smtp://127.0.0.1:2525")
from essaykit.mail.privacy import notice


def text(rules=Rules(), mail=None) -> str:
    return "\n".join(f"{heading}\n" + "\n".join(paragraphs) for heading, paragraphs in notice(rules, mail))


@pytest.mark.parametrize("changed, before, after", [
    ({"edit_minutes": 45}, "edit a comment for 15 minutes", "edit a comment for 45 minutes"),
    ({"edit_minutes": 0}, "edit a comment for 15 minutes", "editing is off here"),
    ({"max_per_hour": 3}, "10 an hour from one address", "3 an hour from one address"),
    ({"min_interval": 60}, "one comment every 15 seconds", "one comment every 60 seconds"),
    ({"erase_removes_comments": True}, "your comments become \"[deleted]\" placeholders",
     "comments that nobody replied to are deleted"),
    ({"approve_known_emails": False}, "unless your browser has an approved comment", "New comments wait for the author."),
])
def test_each_setting_changes_the_text(changed, before, after):
    default, now = text(), text(Rules(**changed))
    assert before in default and before not in now, f"{changed} should remove {before!r}"
    assert after in now


def test_mail_settings_are_read_too():
    assert "This server sends no email" in text() and "This server sends no email" in text(mail=MailConfig())
    mailed = text(mail=MailConfig(smtp=SMTP, per_hour=4))
    assert "This server sends no email" not in mailed and "At most 4 messages an hour" in mailed
    assert "At most 1 message an hour" in text(mail=MailConfig(smtp=SMTP, per_hour=1))


def test_the_ways_to_sign_in_are_read_too():
    from essaykit.signin.config import SignInConfig

    def said(**given) -> str:
        return "\n".join("\n".join(p) for _, p in notice(Rules(), None, SignInConfig.of(**given, environ={})))

    assert "Signing in" not in text(), "a server that offers no sign-in says nothing of it"
    website_only = said(mail=False)
    assert "your website (IndieAuth" in website_only and "email link" not in website_only
    everything = said(mail=True, issuer="https://id.example", client_id="site", name="Example ID")
    assert "an email link" in everything and "works once, for 30 minutes" in everything
    assert "Example ID (OpenID Connect" in everything and "Signing out forgets it" in everything


def test_it_never_names_the_authors_address_or_a_secret():
    mailed = text(mail=MailConfig(smtp=SMTP, notify="author-secret@example.org", sender="Blog <blog@example.org>"))
    assert "author-secret" not in mailed and "salt" in mailed.lower()
