"""The mail options that `essaykit serve` and `essaykit mail` share, defined once (docs/email.md)."""

from __future__ import annotations

import click


def _apply(command, options):
    for option in reversed(options):
        command = option(command)
    return command


def smtp_options(command):
    """``--smtp`` and ``--mail-from``: which server sends, and as whom."""
    return _apply(command, [
        click.option("--smtp", default=None, metavar="URL",
                     help="Send email through this SMTP server, e.g. smtp://me@mail.example.org:587?starttls=1 "
                          "or smtps://mail.example.org:465; the password goes in $ESSAYKIT_SMTP_PASSWORD. "
                          "Default: $ESSAYKIT_SMTP, else [mail] smtp in essaykit.toml; with none, "
                          "essaykit serve sends nothing (docs/email.md)."),
        click.option("--mail-from", default=None, metavar="ADDRESS",
                     help="The emails' sender, e.g. 'Film notes <blog@example.org>'. Default: "
                          "$ESSAYKIT_MAIL_FROM, else [mail] from in essaykit.toml."),
    ])


def link_options(public_url_fallback: str = ""):
    """``--notify`` and ``--public-url``: who hears about new comments, and where the links lead."""
    fallback = f", else {public_url_fallback}" if public_url_fallback else ""
    return lambda command: _apply(command, [
        click.option("--notify", default=None, metavar="EMAIL",
                     help="Email the author here about every new comment (never shown to readers). Default: "
                          "$ESSAYKIT_NOTIFY, else [mail] notify in essaykit.toml."),
        click.option("--public-url", default=None, metavar="URL",
                     help="Where readers reach essaykit serve, for the links in emails, e.g. "
                          "https://comments.example.org/. Default: $ESSAYKIT_PUBLIC_URL, else [mail] "
                          f"public_url{fallback}."),
    ])
