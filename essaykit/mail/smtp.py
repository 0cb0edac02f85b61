"""Talking to the SMTP server, one named step at a time, so a failure says which step and what to do.

:class:`Connection` opens (DNS, connect, TLS, authentication) and sends
(sender, recipient, data). Every failure is a :class:`SendFailed` carrying
the ``step``, whether it is ``permanent`` (a 5xx answer about the message or
its recipient: retrying cannot help) and a ``hint``. It uses the standard
library's :mod:`smtplib`, in a worker thread when called from the server.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

from .config import PASSWORD_ENV, SmtpUrl

STEPS = ("DNS", "connect", "TLS", "authentication", "sender refused", "recipient refused", "message refused")


class SendFailed(Exception):
    """A message could not be handed to the SMTP server. ``step`` is one of :data:`STEPS`."""

    def __init__(self, step: str, message: str, hint: str, *, permanent: bool = False, code: int | None = None):
        super().__init__(f"{step}: {message}")
        self.step = step
        self.message = message
        self.hint = hint
        self.permanent = permanent
        self.code = code

    def explain(self) -> str:
        return f"{self.step} failed: {self.message}\n  what to do: {self.hint}"


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


class Connection:
    """An open, authenticated SMTP session (a context manager)."""

    def __init__(self, url: SmtpUrl):
        self.url = url
        self.client: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _context(self) -> ssl.SSLContext:
        try:
            return ssl.create_default_context(cafile=self.url.cafile or None)
        except (OSError, ssl.SSLError) as exc:
            raise SendFailed("TLS", f"cannot read the certificate file {self.url.cafile!r} ({exc})",
                             "fix the cafile= option of the SMTP URL") from None

    def open(self) -> None:
        url = self.url
        try:
            socket.getaddrinfo(url.host, url.port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise SendFailed("DNS", f"the host name {url.host!r} does not resolve ({exc.strerror})",
                             "check the host in the SMTP URL (--smtp / ESSAYKIT_SMTP) and this machine's DNS") from None
        try:
            if url.tls == "implicit":
                client = smtplib.SMTP_SSL(url.host, url.port, timeout=url.timeout, context=self._context())
            else:
                client = smtplib.SMTP(url.host, url.port, timeout=url.timeout)
        except ssl.SSLError as exc:
            raise SendFailed("TLS", f"the TLS handshake with {url.host}:{url.port} failed ({exc.reason or exc})",
                             "check that the port speaks TLS from the start (465 with smtps://); for STARTTLS on "
                             "587 use smtp://host:587?starttls=1; a private CA needs cafile=") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed("connect", f"cannot reach {url.host}:{url.port} ({_why(exc)})",
                             "check the host and port, that the server is up and that no firewall blocks the "
                             "port (many hosts block 25; providers take 587 or 465)") from None
        self.client = client
        try:
            client.ehlo_or_helo_if_needed()
            if url.tls == "starttls":
                try:
                    client.starttls(context=self._context())
                except smtplib.SMTPNotSupportedError:
                    raise SendFailed("TLS", f"{url.host}:{url.port} does not offer STARTTLS",
                                     "drop ?starttls=1 only if the server is on your own network; otherwise "
                                     "use the provider's STARTTLS port (587) or smtps:// on 465") from None
                except (ssl.SSLError, ssl.CertificateError) as exc:
                    raise SendFailed("TLS", f"STARTTLS with {url.host} failed ({getattr(exc, 'reason', None) or exc})",
                                     "the server's certificate is not trusted or does not name this host; use "
                                     "the host name on its certificate, or cafile= for a private CA") from None
                client.ehlo()
            if url.user:
                if not url.password:
                    raise SendFailed("authentication", f"the SMTP URL names the user {url.user!r} but no password "
                                     "is set", f"set {PASSWORD_ENV} in the environment")
                try:
                    client.login(url.user, url.password)
                except smtplib.SMTPAuthenticationError as exc:
                    raise SendFailed("authentication", f"the server refused the user {url.user!r} ({_reply(exc)})",
                                     f"check the user name and {PASSWORD_ENV}; many providers want an app "
                                     "password, not your account's password") from None
                except smtplib.SMTPNotSupportedError:
                    raise SendFailed("authentication", "the server offers no login here",
                                     "most servers offer login only after TLS: add ?starttls=1 or use smtps://; "
                                     "or drop the user from the URL for a relay that needs none") from None
        except SendFailed:
            self.close()
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise SendFailed("connect", f"the conversation with {url.host}:{url.port} broke off ({_why(exc)})",
                             "try again; if it keeps happening, check the port and TLS mode") from None

    def send(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Hand one message for one recipient to the server; SendFailed names the step that failed."""
        assert self.client is not None, "open() first"
        try:
            refused = self.client.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            reply = f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"
            raise SendFailed("recipient refused", f"the server refused {recipient} ({reply})",
                             "check the address; a 5xx answer means it does not take mail",
                             permanent=500 <= code < 600, code=code) from None
        except smtplib.SMTPSenderRefused as exc:
            raise SendFailed("sender refused", f"the server refused the sender {sender} ({_reply(exc)})",
                             "use a --mail-from address the SMTP account may send as", code=exc.smtp_code) from None
        except smtplib.SMTPDataError as exc:
            raise SendFailed("message refused", f"the server refused the message ({_reply(exc)})",
                             "see the server's answer", permanent=500 <= exc.smtp_code < 600,
                             code=exc.smtp_code) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed("connect", f"the connection broke while sending ({_why(exc)})", "it is retried") from None
        if refused:
            code, text = next(iter(refused.values()))
            raise SendFailed("recipient refused", f"the server refused {recipient} ({code})", "check the address",
                             permanent=500 <= code < 600, code=code)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (OSError, smtplib.SMTPException):
                try:
                    self.client.close()
                except OSError:
                    pass
            self.client = None


def _why(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc)
    if isinstance(exc, socket.timeout):
        return "timed out"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
