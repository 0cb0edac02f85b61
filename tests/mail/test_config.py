"""SMTP URLs and mail settings: what is accepted, what is refused with a message that says what to write,
and that a password is never in a URL or a printed line."""

from __future__ import annotations

import pytest

from essaykit.errors import ConfigError
from essaykit.mail.config import MailConfig, SmtpUrl

GOOD = [
    ("smtp://user@mail.example.org:587?starttls=1", ("mail.example.org", 587, "starttls", "user")),
    ("smtp://mail.example.org:587?starttls=true", ("mail.example.org", 587, "starttls", "")),
    ("smtps://mail.example.org:465", ("mail.example.org", 465, "implicit", "")),
    ("smtps://mail.example.org", ("mail.example.org", 465, "implicit", "")),
    ("smtp://relay.internal:25", ("relay.internal", 25, "none", "")),
    ("smtp://relay.internal", ("relay.internal", 25, "none", "")),
    ("smtp://me%40example.org@smtp.example.org:587?starttls=1", ("smtp.example.org", 587, "starttls", "me@example.org")),
    ("SMTP://[::1]:2525", ("::1", 2525, "none", "")),
]

BAD = [
    ("", "must start with smtp://"),
    ("http://mail.example.org", "must start with smtp://"),
    ("mail.example.org:587", "must start with smtp://"),
    ("smtp://", "names no host"),
    ("smtp://mail.example.org:99999", "port"),
    ("smtp://mail.example.org:abc", "port"),
    ("smtp://user:hunter2@mail.example.org:587", "ESSAYKIT_SMTP_PASSWORD"),
    ("smtps://mail.example.org:465?starttls=1", "TLS already"),
    ("smtp://mail.example.org?tls=yes", "unknown options tls"),
    ("smtp://mail.example.org?timeout=soon", "timeout"),
]


@pytest.mark.parametrize("url, expected", GOOD, ids=[g[0] for g in GOOD])
def test_smtp_urls_that_work(url, expected):
    parsed = SmtpUrl.parse(url, password="")
    assert (parsed.host, parsed.port, parsed.tls, parsed.user) == expected


@pytest.mark.parametrize("url, says", BAD, ids=[b[0] or "empty" for b in BAD])
def test_smtp_urls_refused_with_a_reason(url, says):
    with pytest.raises(ConfigError) as caught:
        SmtpUrl.parse(url, password="")
    assert says in str(caught.value)
    assert "hunter2" not in str(caught.value), "the password is masked even in the error"


def test_the_password_comes_from_the_environment_and_is_never_shown(monkeypatch):
    monkeypatch.setenv("ESSAYKIT_SMTP_PASSWORD", "s3cret-pass")
    parsed = SmtpUrl.parse("smtp://me@mail.example.org:587?starttls=1")
    assert parsed.password == "s3cret-pass"
    for text in (parsed.shown(), repr(parsed), MailConfig(smtp=parsed, sender="a@example.org").describe()):
        assert "s3cret" not in text
    assert parsed.shown() == "smtp://me@mail.example.org:587?starttls=1 (password from $ESSAYKIT_SMTP_PASSWORD)"


def test_flags_win_over_environment_over_the_site_file(monkeypatch, tmp_path):
    (tmp_path / "essaykit.toml").write_text('[mail]\nsmtp = "smtp://file.example.org"\nfrom = "file@example.org"\n'
                                            'notify = "author-file@example.org"\npublic_url = "https://f.example.org"\n')
    for name in ("ESSAYKIT_SMTP", "ESSAYKIT_MAIL_FROM", "ESSAYKIT_NOTIFY", "ESSAYKIT_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    from_file = MailConfig.load(site_dir=tmp_path)
    assert (from_file.smtp.host, from_file.sender, from_file.notify, from_file.public_url) == \
        ("file.example.org", "file@example.org", "author-file@example.org", "https://f.example.org/")
    monkeypatch.setenv("ESSAYKIT_SMTP", "smtp://env.example.org")
    monkeypatch.setenv("ESSAYKIT_NOTIFY", "author-env@example.org")
    from_env = MailConfig.load(site_dir=tmp_path)
    assert from_env.smtp.host == "env.example.org" and from_env.notify == "author-env@example.org"
    from_flag = MailConfig.load(smtp="smtp://flag.example.org", notify="flag@example.org", site_dir=tmp_path)
    assert from_flag.smtp.host == "flag.example.org" and from_flag.notify == "flag@example.org"


@pytest.mark.parametrize("toml, says", [
    ('[mail]\npassword = "x"\n', "never in a file"),
    ('mail = "smtp://x"\n', "must be a table"),
    ('[mail]\nsmtp = "smtp://x.example.org"\n', "needs a sender address"),
    ('[mail]\nsmtp = "smtp://x.example.org"\nfrom = "not an address"\n', "not one email address"),
    ('[mail]\nnotify = "a@example.org, b@example.org"\n', "not one email address"),
    ('[mail]\nper_hour = 0\n', "per_hour"),
    ('[mail\n', "cannot read"),
])
def test_bad_site_settings_name_the_file_and_key(tmp_path, monkeypatch, toml, says):
    for name in ("ESSAYKIT_SMTP", "ESSAYKIT_MAIL_FROM", "ESSAYKIT_NOTIFY", "ESSAYKIT_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "essaykit.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        MailConfig.load(site_dir=tmp_path)
    assert says in str(caught.value)


def test_no_smtp_means_mail_is_off(monkeypatch, tmp_path):
    monkeypatch.delenv("ESSAYKIT_SMTP", raising=False)
    config = MailConfig.load(site_dir=tmp_path)
    assert not config.enabled and "nothing is sent" in config.describe()


def test_a_header_break_in_the_sender_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="line break"):
        MailConfig.load(smtp="smtp://x.example.org", sender="blog@example.org\r\nBcc: v@example.net", site_dir=tmp_path)
