"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the mail tests.

``smtp_server`` is one server per test; :class:`MailServer` can also be
started by hand (stopped and started again on the same port: "SMTP down,
then up"), with AUTH (user ``writer``, password :data:`PASSWORD`), STARTTLS
or implicit TLS under a self-signed certificate made with the openssl CLI.
Addresses whose local part starts with ``bounce`` are refused with 550.
"""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import threading
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from helpers import missing
from helpers.servers import free_port

USER = "writer"
PASSWORD = "correct horse battery"


class _Keeper:
    def __init__(self, box: MailServer):
        self.box = box

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].lower().startswith("bounce"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.box.lock:
            for rcpt in envelope.rcpt_tos:
                self.box.received.append((rcpt, parsed, envelope.original_content or envelope.content))
        return "250 2.0.0 kept"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for localhost / 127.0.0.1 (openssl CLI)."""
    if not shutil.which("openssl"):
        missing("the openssl command (apt-get install openssl), for a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


class MailServer:
    """aiosmtpd on 127.0.0.1:``port``; ``received`` holds (recipient, parsed message, raw bytes)."""

    def __init__(self, port: int | None = None, *, auth: bool = False, tls: str = "none", cert: tuple | None = None):
        self.port = port or free_port()
        self.auth = auth
        self.tls = tls  # "none", "starttls" or "implicit"
        self.cert = cert
        self.received: list[tuple[str, EmailMessage, bytes]] = []
        self.lock = threading.Lock()
        self.controller = None

    def _context(self):
        import ssl

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(self.cert[0]), str(self.cert[1]))
        return context

    def start(self) -> MailServer:
        try:
            from aiosmtpd.controller import Controller
            from aiosmtpd.smtp import AuthResult
        except ImportError:
            missing("aiosmtpd (pip install -e '.[test]')")
        kwargs: dict = {}
        if self.auth:
            def check(server, session, envelope, mechanism, data):
                ok = data is not None and data.login == USER.encode() and data.password == PASSWORD.encode()
                return AuthResult(success=ok, handled=False)

            kwargs.update(authenticator=check, auth_required=True, auth_require_tls=self.tls != "none")
        if self.tls == "starttls":
            kwargs.update(tls_context=self._context(), require_starttls=True)
        elif self.tls == "implicit":
            kwargs.update(ssl_context=self._context())
        self.controller = Controller(_Keeper(self), hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def url(self, user: bool = False) -> str:
        scheme = "smtps" if self.tls == "implicit" else "smtp"
        query = "?starttls=1" if self.tls == "starttls" else ""
        if self.cert is not None:
            query += ("&" if query else "?") + f"cafile={self.cert[0]}"
        return f"{scheme}://{USER + '@' if user else ''}127.0.0.1:{self.port}{query}"

    def messages(self, to: str | None = None) -> list[EmailMessage]:
        with self.lock:
            return [m for rcpt, m, _ in self.received if to is None or rcpt == to]

    def wait_for(self, count: int, to: str | None = None, timeout: float = 30) -> list[EmailMessage]:
        """Poll until ``count`` messages (to ``to``) arrived; fails with what did arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages(to)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages to {to or 'anyone'} within {timeout} s; got "
                             f"{[(r, m['Subject']) for r, m, _ in self.received]}")


@pytest.fixture
def smtp_server():
    """A plain SMTP server on loopback for one test."""
    server = MailServer().start()
    yield server
    server.stop()


def body(message: EmailMessage) -> str:
    return message.get_content()


def link(message: EmailMessage, label: str) -> str:
    """The URL after ``label:`` in a message's text."""
    for line in body(message).splitlines():
        if line.startswith(label + ":"):
            return line.split(":", 1)[1].strip()
        if line.startswith("http") and label == "":
            return line.strip()
    raise AssertionError(f"no {label!r} link in:\n{body(message)}")


# --- finding a message and its links (by content, never by position) ---------------------------------


def text_of(message) -> str:
    return message.get_body(("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(("html",)).get_content()


def mail_to(mail: MailServer, to: str, subject: str, timeout: float = 60):
    """The one message to ``to`` whose subject is ``subject`` (picked by content, not by place)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mail.messages(to) if m["Subject"] == subject]
        if found:
            return found
        assert time.monotonic() < deadline, f"no {subject!r} to {to}; got {[m['Subject'] for m in mail.messages()]}"
        time.sleep(0.05)


def link_in(text: str, label: str) -> str:
    found = re.search(rf"{re.escape(label)}\s*(\S+)", text)
    assert found, f"no {label!r} link in:\n{text}"
    return found.group(1)
