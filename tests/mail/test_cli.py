"""``essaykit mail test|send|list`` against real SMTP servers on loopback: plain, STARTTLS with AUTH,
implicit TLS; and each failing step named with what to do."""

from __future__ import annotations

import pytest

from helpers.smtp import PASSWORD, MailServer, self_signed

FROM = ["--mail-from", "Film notes <blog@example.org>"]


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("ESSAYKIT_SMTP", "ESSAYKIT_SMTP_PASSWORD", "ESSAYKIT_MAIL_FROM", "ESSAYKIT_NOTIFY",
                 "ESSAYKIT_PUBLIC_URL", "ESSAYKIT_DB"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_mail_test_plain(cli, clean_env, smtp_server, tmp_path):
    clean_env.chdir(tmp_path)
    result = cli("mail", "test", "me@example.org", "--smtp", smtp_server.url(), *FROM)
    assert result.exit_code == 0, result.output
    assert "accepted the message for me@example.org" in result.output
    (mail,) = smtp_server.wait_for(1, "me@example.org")
    assert mail["Subject"] == "essaykit test message" and mail["From"] == "Film notes <blog@example.org>"


def test_mail_test_starttls_with_login(cli, clean_env, cert, tmp_path):
    clean_env.chdir(tmp_path)
    server = MailServer(auth=True, tls="starttls", cert=cert).start()
    try:
        clean_env.setenv("ESSAYKIT_SMTP_PASSWORD", PASSWORD)
        result = cli("mail", "test", "me@example.org", "--smtp", server.url(user=True), *FROM)
        assert result.exit_code == 0, result.output
        assert "ok  DNS, connect, TLS, authentication" in result.output
        assert PASSWORD not in result.output
        server.wait_for(1, "me@example.org")

        clean_env.setenv("ESSAYKIT_SMTP_PASSWORD", "wrong")
        refused = cli("mail", "test", "me@example.org", "--smtp", server.url(user=True), *FROM)
        assert refused.exit_code == 1
        assert "authentication failed" in refused.output and "app password" in refused.output

        # Without the private CA the certificate is not trusted: the TLS step fails, and says why.
        untrusted = cli("mail", "test", "me@example.org", "--smtp",
                        server.url(user=True).split("&cafile=")[0], *FROM)
        assert untrusted.exit_code == 1 and "TLS failed" in untrusted.output and "cafile=" in untrusted.output
    finally:
        server.stop()


def test_mail_test_implicit_tls(cli, clean_env, cert, tmp_path):
    clean_env.chdir(tmp_path)
    server = MailServer(tls="implicit", cert=cert).start()
    try:
        result = cli("mail", "test", "me@example.org", "--smtp", server.url(), *FROM)
        assert result.exit_code == 0, result.output
        server.wait_for(1, "me@example.org")
    finally:
        server.stop()


@pytest.mark.parametrize("case", ["dns", "connect", "no starttls", "recipient", "no password"])
def test_each_failing_step_is_named(cli, clean_env, smtp_server, tmp_path, case):
    from helpers.servers import free_port

    clean_env.chdir(tmp_path)
    url, to, step = {
        "dns": ("smtp://no-such-host.invalid:587", "me@example.org", "DNS failed"),
        "connect": (f"smtp://127.0.0.1:{free_port()}", "me@example.org", "connect failed"),
        "no starttls": (smtp_server.url() + "?starttls=1", "me@example.org", "TLS failed"),
        "recipient": (smtp_server.url(), "bounce@example.org", "recipient refused failed"),
        "no password": (smtp_server.url().replace("smtp://", "smtp://writer@"), "me@example.org",
                        "authentication failed"),
    }[case]
    result = cli("mail", "test", to, "--smtp", url, *FROM)
    assert result.exit_code == 1, result.output
    assert step in result.output and "what to do:" in result.output
    assert "Traceback" not in result.output


def test_mail_send_and_list(cli, clean_env, smtp_server, tmp_path):
    from essaykit.comments.store import CommentStore

    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.")
    clean_env.chdir(tmp_path)
    missing = cli("mail", "send", "--db", db, "--smtp", smtp_server.url(), *FROM)
    assert missing.exit_code == 2 and "--public-url" in missing.output
    sent = cli("mail", "send", "--db", db, "--smtp", smtp_server.url(), *FROM, "--notify", "me@example.org",
               "--public-url", "https://blog.example.org/")
    assert sent.exit_code == 0 and sent.output.strip() == "1 sent"
    assert smtp_server.wait_for(1, "me@example.org")
    listed = cli("mail", "list", "--db", db)
    assert listed.exit_code == 0
    (line,) = listed.output.strip().splitlines()
    assert line.split("\t")[1:4] == ["sent", "author", "(author)"]


def test_mail_send_without_smtp_says_how_to_configure(cli, clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    result = cli("mail", "send")
    assert result.exit_code == 2 and "ESSAYKIT_SMTP" in result.output


@pytest.mark.parametrize("args, says", [
    (["--host", "0.0.0.0", "--smtp", "smtp://127.0.0.1:2525", "--mail-from", "blog@example.org"], "--public-url"),
    (["--smtp", "smtp://me:hunter2@127.0.0.1:2525", "--mail-from", "blog@example.org"], "ESSAYKIT_SMTP_PASSWORD"),
    (["--smtp", "smtp://127.0.0.1:2525"], "needs a sender address"),
    (["--smtp", "smtp://127.0.0.1:2525", "--mail-from", "blog@example.org", "--notify", "me@x.org\r\nBcc: y@x.org"],
     "line break"),
])
def test_serve_refuses_mail_settings_it_cannot_use(cli, clean_env, tmp_path, args, says):
    from helpers import EXAMPLE

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / EXAMPLE.name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("serve", folder, "--port", "1", *args)
    assert result.exit_code == 2 and says in result.output, result.output
    assert "hunter2" not in result.output


def test_the_sender_logs_in_over_starttls(cli, clean_env, cert, tmp_path):
    """The outbox's sender (not only `mail test`) over STARTTLS with a login, from the environment."""
    from essaykit.comments.store import CommentStore

    db = f"sqlite:///{tmp_path / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        store.post("the-salt-road", author="Ada", email="ada@example.org", body="Lovely.")
    server = MailServer(auth=True, tls="starttls", cert=cert).start()
    try:
        clean_env.chdir(tmp_path)
        clean_env.setenv("ESSAYKIT_SMTP", server.url(user=True))
        clean_env.setenv("ESSAYKIT_SMTP_PASSWORD", PASSWORD)
        clean_env.setenv("ESSAYKIT_MAIL_FROM", "blog@example.org")
        clean_env.setenv("ESSAYKIT_NOTIFY", "me@example.org")
        clean_env.setenv("ESSAYKIT_PUBLIC_URL", "https://blog.example.org/")
        sent = cli("mail", "send", "--db", db)
        assert sent.exit_code == 0 and sent.output.strip() == "1 sent", sent.output
        (mail,) = server.wait_for(1, "me@example.org")
        assert "awaiting moderation" in mail["Subject"]
    finally:
        server.stop()
