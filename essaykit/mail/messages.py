"""The emails essaykit sends, as plain text: the templates are the functions below.

Every message is plain text (no HTML part, no images, no tracking) built with
:class:`email.message.EmailMessage` under the ``default`` policy (but for
``List-Unsubscribe``, see :class:`_UrlListHeader`), which
encodes non-ASCII headers and refuses line breaks in them. Reader-written
values never reach a header as they were typed: :func:`one_line` removes
every control and bidi character first, so a name cannot add a header.

Links go only to this server's routes (the signed links of :mod:`.links`)
and the essay's page. Everything a reader typed (name, email, website, comment)
is *defanged* (:func:`defang`) wherever it appears: ``scheme://`` becomes
``hxxps://`` and every host-like word (``www.example.com``, a bare
``example-approve.com/ok``, an address ``a@b.org``, a dotted IP) gets its dots
written ``[.]``, so no mail client makes a link of it; zero-width characters
that could split such a word are removed first. A reader's name is shown as
theirs (:func:`their_name`): in double quotes with quotes and backslashes escaped as
in an RFC 5322 quoted string, after "named", so a name such as
``Approve: www.example-approve.com/ok`` can neither pass for the author's own
words nor become a clickable lookalike of the real Approve link, which
stands apart, below a rule, under "Your links". Reply notices to other readers
carry no reader-written text but the replier's name, so nobody can use a reply
to mail links to strangers.
"""

from __future__ import annotations

import email.policy
import re
import unicodedata
from dataclasses import dataclass
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..comments.anchor import Anchor
from ..comments.passages import PASSAGE_LABEL, passages
from ..spoilers import spoiler_free_text

MAX_QUOTE = 3000
_URL_SCHEME = re.compile(r"(?i)\b(https?|ftp)://")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
# Invisible characters that could split a host name so that the check below misses it, while a mail
# client (or the reader's eye) still joins it: zero-width space and non-joiner, word joiner, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"))
# A dot as IDNA reads one (full stop, ideographic, fullwidth and halfwidth ideographic full stops).
_DOT = "[.\u3002\uff0e\uff61]"
_HOST_LIKE = re.compile(rf"[\w-]+(?:{_DOT}[\w-]+)+")
_TOP_LABEL = re.compile(r"[^\W\d_][\w-]+")
#: What separates the reader's words from the author's own links in a notice.
RULE = "—" * 24


def one_line(text: str, limit: int = 80) -> str:
    """``text`` safe for a header: controls (CR, LF, NEL, U+2028 …) and bidi marks become spaces; shortened."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                      for ch in text.translate(_BIDI))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def _defang_host(match: re.Match) -> str:
    word = match.group(0)
    labels = re.split(_DOT, word)
    if _TOP_LABEL.fullmatch(labels[-1]) or (len(labels) == 4 and all(x.isdigit() for x in labels)):
        return re.sub(_DOT, "[.]", word)
    return word  # a number (3.5) or a version (v1.2): no mail client links it


def defang(text: str) -> str:
    """``text`` with nothing a mail client would make a link of: ``hxxps://``, ``www[.]example[.]com``."""
    text = _URL_SCHEME.sub(lambda m: m.group(1).lower().replace("t", "x", 2) + "://", text.translate(_INVISIBLE))
    return _HOST_LIKE.sub(_defang_host, text)


def their_name(name: str, limit: int = 60) -> str:
    """A reader's name as theirs: one line, defanged, in an RFC 5322 quoted string (``"…"``, ``\\"`` escaped)."""
    inner = defang(one_line(name or "Someone", limit))
    return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quoted(body: str) -> str:
    """A reader's comment quoted for the author: ``> `` lines, nothing clickable (:func:`defang`)."""
    text = body.translate(_BIDI).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE].rstrip() + " […]"
    text = defang(text)
    lines = ["".join(ch for ch in line if ch == "\t" or unicodedata.category(ch) != "Cc") for line in text.split("\n")]
    return "\n".join(("> " + line).rstrip() for line in lines)


def website_host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


@dataclass(frozen=True)
class Essay:
    """What a message says about the essay: its title and its public page."""

    title: str
    url: str
    model: object = None  # the essay itself (essaykit.essay.Essay) when served: where a comment's passage is


@dataclass(frozen=True)
class Commented:
    """The comment a message is about (from the store at sending time)."""

    id: str
    author: str
    email: str
    website: str
    body: str
    status: str
    created: datetime
    spam_score: float | None = None  # the spam filter's score when it arrived; None before it learned
    spam_reason: str = ""  # "filter 0.97: …", the features behind the score
    anchor: Anchor | None = None  # the passage it answers (issue 24)


class _UrlListHeader(UnstructuredHeader):
    """RFC 2369's ``<URL>, <URL>`` headers, written as they are: folded only between URLs.

    The default policy RFC 2047-encodes any header it cannot fold at a space within 78
    characters, and a long URL has no space; mail clients then see no URL and offer no
    one-click unsubscribe. A URL line may be up to RFC 5322's 998 characters.
    """

    def fold(self, *, policy) -> str:
        urls = [part.strip() for part in str(self).split(",")]
        return f"{self.name}: " + f",{policy.linesep} ".join(urls) + policy.linesep


_HEADERS = HeaderRegistry()
_HEADERS.map_to_type("list-unsubscribe", _UrlListHeader)
POLICY = email.policy.default.clone(header_factory=_HEADERS)


def _envelope(*, sender, to: str, subject: str, message_id: str, body: str) -> EmailMessage:
    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = one_line(subject, 150)
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = f"<{message_id}@{sender.domain or 'essaykit.invalid'}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(body, cte="quoted-printable")
    return msg


def _signature(why: str) -> str:
    return f"\n-- \n{why}\n"


def author_notice(*, sender, to: str, message_id: str, essay: Essay, comment: Commented,
                  links: dict[str, str], days: int, reply: str = "", edited: bool = False) -> EmailMessage:
    """To the author: a new comment, held or published, with signed Approve / Spam / Delete links,
    a link to the comment and (``reply``) to a form that answers it. ``edited``: a published comment
    its writer edited back to moderation (links or a listed word added), quoted as it is now."""
    name = their_name(comment.author)
    held = comment.status == "pending"
    subject = (f"{'Edited comment' if edited else 'Comment'} awaiting moderation on “{one_line(essay.title, 60)}” "
               f"from {name}" if held else f"New comment on “{one_line(essay.title, 60)}” from {name}")
    state = "It is waiting for you to approve it." if held else "It is published."
    if edited:
        state = ("They edited it after it was published, and the edit added links or a word on your lists, "
                 "so it is hidden again until you approve it.")
    # A reader's ||spoiler|| stays on the page (the link below leads there); mail has no way to hide it.
    lines = [f"A reader named {name} commented on “{one_line(essay.title, 200)}”. {state}",
             "What they typed is quoted below as they typed it, with its web addresses broken.", "",
             quoted(spoiler_free_text(comment.body)), ""]
    if comment.anchor is not None:
        # Where the passage is now, and only "a passage in a spoiler" when a spoiler hides it.
        on = passages(essay.model, [comment]).label(comment) if essay.model is not None else PASSAGE_LABEL
        lines[2:2] = [f"They answer a passage, {defang(on)}.", ""]
    if comment.email:
        lines.append(f"Their email: {defang(one_line(comment.email, 320))} (only you see this)")
    host = website_host(comment.website)
    if host:
        lines.append(f"Their website: {defang(host)} (not linked here)")
    if comment.spam_score is not None:
        # The reason names words and domains of the comment itself: one line, defanged, never a link.
        lines.append(f"Spam filter: {comment.spam_score:.2f} "
                     f"({defang(one_line(comment.spam_reason, 200)) or 'no reason'})")
    lines += ["", RULE, "Your links (essaykit's own, signed for you):", ""]
    for action, label in (("approve", "Approve"), ("spam", "Mark as spam"), ("delete", "Delete")):
        if action in links:
            lines.append(f"{label}: {links[action]}")
    lines += ["", f"Each link opens a page where you confirm; it works for {days} days.", "",
              f"The comment{' (once approved)' if held else ''}: {essay.url}#ek-c-{comment.id}"]
    if reply:
        lines.append(f"Reply to it: {reply}")
    lines.append(f"The essay: {essay.url}")
    body = "\n".join(lines) + _signature("Sent by essaykit to the essay's author (the --notify address).")
    return _envelope(sender=sender, to=to, subject=subject, message_id=message_id, body=body)


def _unsubscribable(msg: EmailMessage, unsubscribe: str) -> EmailMessage:
    # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button that POSTs to the URL.
    msg["List-Unsubscribe"] = f"<{unsubscribe}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return msg


def confirm_lines(why: str, confirm: str, days: int) -> list[str]:
    """The double opt-in's middle, the same in every confirmation: the link, how long it works, what else."""
    return [f"{why}, open this link and press the button:", confirm, "",
            f"The link works for {days} days. If it was not you, ignore this email: nothing more will be sent.", ""]


def confirm_request(*, sender, to: str, message_id: str, essay: Essay, comment: Commented,
                    confirm: str, unsubscribe: str, days: int) -> EmailMessage:
    """To a commenter who ticked "Notify me of replies": confirm the address first (double opt-in)."""
    title = one_line(essay.title, 200)
    body = "\n".join([
        f"Someone, probably you, commented on “{title}” under the name {their_name(comment.author)} and asked to be "
        "emailed when readers reply.",
        "",
        *confirm_lines("To confirm that this is your address", confirm, days),
        f"Never email me about this comment: {unsubscribe}",
    ]) + _signature(f"Sent by essaykit for {essay.url}")
    msg = _envelope(sender=sender, to=to, subject=f"Confirm: email me replies on “{one_line(essay.title, 60)}”",
                    message_id=message_id, body=body)
    return _unsubscribable(msg, unsubscribe)


def reply_notice(*, sender, to: str, message_id: str, essay: Essay, reply: Commented, unsubscribe: str,
                 by_author: bool = False) -> EmailMessage:
    """To a confirmed subscriber: one approved direct reply to their comment."""
    name = their_name(reply.author) + (" (the author)" if by_author else "")
    title = one_line(essay.title, 200)
    body = "\n".join([
        f"{name} replied to your comment on “{title}”.",
        "",
        f"Read the reply: {essay.url}#ek-c-{reply.id}",
        "",
        "You get this because you asked to be told about replies to your comment and confirmed your address.",
        f"Stop these emails (one click): {unsubscribe}",
    ]) + _signature(f"Sent by essaykit for {essay.url}")
    msg = _envelope(sender=sender, to=to, subject=f"{name} replied to your comment on “{one_line(essay.title, 60)}”",
                    message_id=message_id, body=body)
    return _unsubscribable(msg, unsubscribe)


def test_message(*, sender, to: str, message_id: str, server: str) -> EmailMessage:
    body = ("This is a test message from essaykit mail test.\n\n"
            f"It went through {server}. If you read this, essaykit can send its notifications.\n")
    return _envelope(sender=sender, to=to, subject="essaykit test message", message_id=message_id, body=body)
