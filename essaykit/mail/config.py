"""Where mail goes and who it comes from: :class:`MailConfig`, read once from flags, environment and site file.

Each setting comes from the first of: the command-line flag, the environment
variable, the ``[mail]`` table of the site's ``essaykit.toml``.

================  ==========================  =====================  =========================================
setting           flag                        environment            ``[mail]`` key
================  ==========================  =====================  =========================================
SMTP server       ``--smtp URL``              ``ESSAYKIT_SMTP``      ``smtp``
password          (never a flag)              ``ESSAYKIT_SMTP_PASSWORD``  (never in a file)
sender            ``--mail-from ADDRESS``     ``ESSAYKIT_MAIL_FROM`` ``from``
author's address  ``--notify EMAIL``          ``ESSAYKIT_NOTIFY``    ``notify``
public address    ``--public-url URL``        ``ESSAYKIT_PUBLIC_URL`` ``public_url``
================  ==========================  =====================  =========================================

The SMTP URL is ``smtp://[user@]host[:port][?starttls=1]`` (plain, or STARTTLS
when asked: port 587) or ``smtps://[user@]host[:port]`` (TLS from the first
byte: port 465). ``cafile=/path/ca.pem`` trusts another certificate
authority (a private relay). A password inside the URL is refused, so it
never shows in ``ps``, logs or shell history; :meth:`SmtpUrl.shown` is the URL
as it may be printed.

No SMTP server configured means nothing is sent and nothing fails: the
outbox still records messages (see docs/email.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import ConfigError

PASSWORD_ENV = "ESSAYKIT_SMTP_PASSWORD"
ENV = {"smtp": "ESSAYKIT_SMTP", "from": "ESSAYKIT_MAIL_FROM", "notify": "ESSAYKIT_NOTIFY",
       "public_url": "ESSAYKIT_PUBLIC_URL"}
_KEYS = {"smtp", "from", "notify", "public_url", "per_hour"}


@dataclass(frozen=True)
class SmtpUrl:
    """A parsed SMTP URL: how to reach the server (the password comes from the environment)."""

    host: str
    port: int
    tls: str  # "none", "starttls" or "implicit"
    user: str = ""
    password: str = ""
    cafile: str = ""
    timeout: float = 30.0

    @classmethod
    def parse(cls, url: str, *, password: str | None = None) -> SmtpUrl:
        text = (url or "").strip()
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in ("smtp", "smtps"):
            raise ConfigError(f"the SMTP URL {_hide(text)!r} must start with smtp:// or smtps://, e.g. "
                              "smtp://me@mail.example.org:587?starttls=1 or smtps://mail.example.org:465")
        try:
            port = parts.port
        except ValueError:
            raise ConfigError(f"the SMTP URL {_hide(text)!r} has a port that is not a number from 1 to 65535") from None
        if not parts.hostname:
            raise ConfigError(f"the SMTP URL {_hide(text)!r} names no host; write e.g. smtp://mail.example.org:587")
        if parts.password is not None:
            raise ConfigError(f"the SMTP URL {_hide(text)!r} holds a password; leave it out of the URL and set "
                              f"{PASSWORD_ENV} instead, so it never shows in a process list or a log")
        query = parse_qs(parts.query, keep_blank_values=True)
        unknown = sorted(set(query) - {"starttls", "cafile", "timeout"})
        if unknown:
            raise ConfigError(f"the SMTP URL {_hide(text)!r} has unknown options {', '.join(unknown)}; "
                              "use starttls=1, cafile=/path/ca.pem or timeout=SECONDS")
        starttls = (query.get("starttls") or ["0"])[-1].strip().lower() in ("1", "true", "yes", "on")
        if scheme == "smtps":
            tls = "implicit"
            if starttls:
                raise ConfigError(f"the SMTP URL {_hide(text)!r} asks for STARTTLS on smtps://, which is TLS "
                                  "already; use smtps://host:465, or smtp://host:587?starttls=1")
        else:
            tls = "starttls" if starttls else "none"
        try:
            timeout = float((query.get("timeout") or ["30"])[-1])
        except ValueError:
            raise ConfigError(f"the SMTP URL {_hide(text)!r}: timeout must be a number of seconds") from None
        if password is None:
            password = os.environ.get(PASSWORD_ENV, "")
        return cls(host=parts.hostname, port=port or (465 if tls == "implicit" else 587 if starttls else 25), tls=tls,
                   user=unquote(parts.username or ""), password=password,
                   cafile=(query.get("cafile") or [""])[-1], timeout=timeout)

    def shown(self) -> str:
        """The URL as it may be printed: never the password (which is never in the URL anyway)."""
        user = f"{self.user}@" if self.user else ""
        scheme = "smtps" if self.tls == "implicit" else "smtp"
        extra = "?starttls=1" if self.tls == "starttls" else ""
        note = f" (password from ${PASSWORD_ENV})" if self.password else ""
        return f"{scheme}://{user}{self.host}:{self.port}{extra}{note}"

    def __repr__(self) -> str:  # a dataclass repr would print the password
        return f"SmtpUrl({self.shown()!r})"


def _hide(text: str) -> str:
    """``text`` with anything between ``:`` and ``@`` of the address masked, for error messages."""
    parts = urlsplit(text)
    if parts.password is None:
        return text
    return text.replace(f":{parts.password}@", ":***@", 1)


def check_address(value: str, what: str) -> str:
    """A single email address (an optional display name for the sender); ConfigError saying what is wrong."""
    from email.utils import getaddresses

    value = (value or "").strip()
    if any(ch in value for ch in "\r\n\0"):
        raise ConfigError(f"{what} {value!r} has a line break in it; give one address such as blog@example.org")
    found = getaddresses([value])
    if len(found) != 1 or "@" not in found[0][1] or " " in found[0][1]:
        raise ConfigError(f"{what} {value!r} is not one email address; give e.g. blog@example.org")
    return value


@dataclass(frozen=True)
class MailConfig:
    """What the sender needs. ``smtp`` is None when no server is configured (then nothing is sent)."""

    smtp: SmtpUrl | None = None
    sender: str = ""  # "Film notes <blog@example.org>" or just the address
    notify: str = ""  # the author's address: never shown to readers
    public_url: str = ""  # where this essaykit serve is reached, for the links
    per_hour: int = 10  # messages to one reader's address per hour
    author_per_hour: int = 60

    @property
    def enabled(self) -> bool:
        return self.smtp is not None

    @property
    def sender_address(self) -> Address:
        from email.utils import parseaddr

        name, address = parseaddr(self.sender)
        user, _, domain = address.rpartition("@")
        return Address(display_name=name, username=user, domain=domain)

    def describe(self) -> str:
        """One line for the server's start-up message; no secret and not the author's address."""
        if not self.enabled:
            return "Mail: off (no --smtp or ESSAYKIT_SMTP); nothing is sent."
        author = "the author is notified" if self.notify else "no --notify address: the author gets no mail"
        return f"Mail: via {self.smtp.shown()} from {self.sender}; {author}."

    @classmethod
    def load(cls, *, smtp: str | None = None, sender: str | None = None, notify: str | None = None,
             public_url: str | None = None, site_dir: str | os.PathLike | None = None,
             default_public_url: str = "") -> MailConfig:
        """Flags (given here) over environment over the ``[mail]`` table of the site's essaykit.toml."""
        table = _site_table(site_dir)

        def pick(key: str, flag: str | None) -> str:
            for value in (flag, os.environ.get(ENV[key]), table.get(key)):
                if isinstance(value, str) and value.strip():
                    return value.strip()
            return ""

        smtp_text = pick("smtp", smtp)
        parsed = SmtpUrl.parse(smtp_text) if smtp_text else None
        mail_from = pick("from", sender)
        if parsed is not None and not mail_from:
            raise ConfigError("mail needs a sender address: pass --mail-from blog@example.org, set "
                              "ESSAYKIT_MAIL_FROM, or write from = \"blog@example.org\" under [mail] in essaykit.toml")
        if mail_from:
            check_address(mail_from, "the sender address (--mail-from)")
        author = pick("notify", notify)
        if author:
            check_address(author, "the author's address (--notify)")
        url = pick("public_url", public_url) or default_public_url
        if url:
            from ..exports.settings import normalise_base_url

            url = normalise_base_url(url, "--public-url")
        per_hour = table.get("per_hour", 10)
        if not isinstance(per_hour, int) or isinstance(per_hour, bool) or not 1 <= per_hour <= 1000:
            raise ConfigError(f"essaykit.toml [mail] per_hour must be a whole number from 1 to 1000 (not {per_hour!r})")
        return cls(smtp=parsed, sender=mail_from, notify=author, public_url=url, per_hour=per_hour)


def _site_table(site_dir) -> dict:
    """The ``[mail]`` table of the site's essaykit.toml, or {}; ConfigError names the file and key."""
    import tomllib

    from ..db.engine import SITE_FILE, site_folder

    path = Path(site_folder(site_dir)) / SITE_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the site settings: {exc}") from None
    table = data.get("mail", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [mail] must be a table of settings ({', '.join(sorted(_KEYS))})")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown [mail] setting {unknown[0]!r}; use {', '.join(sorted(_KEYS))} "
                          f"(the password goes in {PASSWORD_ENV}, never in a file)")
    return table
