"""Field checks for comments: each cleans one value or raises CommentError naming the field.

These run before anything touches the database, for the form and for every
imported record alike, so the database never sees an over-long body, a
``javascript:`` website or a name that reads backwards.

Field names in errors match :meth:`CommentStore.post`'s keywords: ``author``
(the form's "Name"), ``email``, ``website``, ``body`` (the form's "Comment"),
``parent``, ``essay``, ``kind``, ``source_url``, ``status``, ``created``, ``id``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..db.lookup import BIDI_CONTROLS, INVISIBLE, body_hash, normalise_email, strip_bidi_controls  # noqa: F401 - field rules too
from ..errors import CommentError
from ..essay import SLUG_RE  # one slug rule for essays and their comments
from ..limits import KINDS, MAX_BODY_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, STATUSES

PUBLIC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")

# ZWNJ and ZWJ are real letters' glue in Persian, Indic scripts and emoji
# sequences, so they stay when both neighbours are non-ASCII and go otherwise.
_JOINERS = {"\u200c", "\u200d"}
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\^`{|}\x00-\x1f\x7f]")
_BARE_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/:?#]|$)")


def clean_name(value: object, *, field: str = "author", required: bool = True) -> str:
    """A display name with control, bidi and zero-width characters removed.

    Emoji and right-to-left letters are kept as typed; runs of whitespace
    (CR/LF and tabs included) become one space.
    """
    text = _one_line(value, "name", MAX_NAME_CHARS, field)
    if required and not text:
        raise CommentError("the name is empty; please tell us what to call you", field)
    return text


def clean_title(value: object, *, field: str = "title") -> str:
    """A mention's page title, cleaned like a name; "" is allowed. At most 300 characters."""
    return _one_line(value, "title", MAX_TITLE_CHARS, field)


def _one_line(value: object, label: str, limit: int, field: str) -> str:
    if not isinstance(value, str):
        raise CommentError(f"the {label} must be text (not {type(value).__name__})", field)
    if len(value) > 10 * limit:
        raise CommentError(f"the {label} is too long ({len(value)} characters); use at most {limit}", field)
    text = strip_bidi_controls(value).translate(INVISIBLE)
    kept = []
    for i, ch in enumerate(text):
        if ch in _JOINERS:
            before = text[i - 1] if i else "a"
            after = text[i + 1] if i + 1 < len(text) else "a"
            if before.isascii() or after.isascii():
                continue
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and not ch.isspace():
            continue
        kept.append(ch)
    text = " ".join("".join(kept).split())
    if len(text) > limit:
        raise CommentError(f"the {label} is too long ({len(text)} characters); use at most {limit}", field)
    return text


def clean_email(value: object, *, required: bool = True, field: str = "email") -> str:
    """A syntactically valid address without a display name, normalised; "" when optional and empty."""
    if not isinstance(value, str):
        raise CommentError(f"the email must be text (not {type(value).__name__})", field)
    text = value.strip()
    if not text:
        if required:
            raise CommentError("the email is empty; it is never shown, but we need it to recognise you", field)
        return ""
    if len(text) > 320:
        raise CommentError(f"the email is too long ({len(text)} characters); use at most 320", field)
    normalized, problem = _validated_email(text)
    if problem:
        raise CommentError(f"the email {text!r} is not valid: {problem}", field)
    return normalized


@functools.lru_cache(maxsize=4096)
def _validated_email(text: str) -> tuple[str, str]:
    """(normalised address, "") or ("", what is wrong); remembered, as a post checks its email twice
    (the form's all-fields check, then the store) and commenters come back."""
    # Imported on the first email checked: it costs ~35 ms (measured with -X importtime), and
    # importers and exports load this module for the other fields.
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False, allow_display_name=False).normalized, ""
    except EmailNotValidError as exc:
        return "", str(exc)


def clean_url(value: object, *, field: str = "website", required: bool = False) -> str:
    """An http(s) URL with a host, or "" when optional and empty.

    A bare host such as ``example.org/me`` gets ``https://``; any other
    scheme (``javascript:``, ``data:``, ``ftp:``) is refused, as are quotes,
    spaces, angle brackets and control characters anywhere in it.
    """
    label = "website" if field == "website" else "source URL"
    if not isinstance(value, str):
        raise CommentError(f"the {label} must be text (not {type(value).__name__})", field)
    text = value.strip()
    if not text:
        if required:
            raise CommentError(f"the {label} is empty; give an http:// or https:// address", field)
        return ""
    if len(text) > MAX_URL_CHARS:
        raise CommentError(f"the {label} is too long ({len(text)} characters); use at most {MAX_URL_CHARS}", field)
    bad = _URL_FORBIDDEN.search(text)
    if bad:
        raise CommentError(
            f"the {label} {text[:80]!r} contains {bad.group()!r}; remove spaces, quotes and angle brackets", field
        )
    if "://" not in text and _BARE_HOST.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        raise CommentError(f"the {label} {text[:80]!r} must start with http:// or https://", field)
    if not host:
        raise CommentError(f"the {label} {text[:80]!r} has no host name; write it like https://example.org/", field)
    return text


def clean_body(value: object, *, field: str = "body") -> str:
    """The Markdown source with CRLF made LF and control characters removed; at most 5,000 characters.

    The length is checked here, before storing: the database is never asked
    to truncate.
    """
    if not isinstance(value, str):
        raise CommentError(f"the comment must be text (not {type(value).__name__})", field)
    if len(value) > 2 * MAX_BODY_CHARS:
        # Refuse huge input before spending time cleaning it.
        raise CommentError(
            f"the comment is too long ({len(value):,} characters); shorten it to at most {MAX_BODY_CHARS:,}", field
        )
    text = strip_bidi_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = text.strip()
    if not text:
        raise CommentError("the comment is empty; write something before posting", field)
    if len(text) > MAX_BODY_CHARS:
        raise CommentError(
            f"the comment is too long ({len(text):,} characters); shorten it to at most {MAX_BODY_CHARS:,}", field
        )
    return text


def check_slug(value: object, *, field: str = "essay") -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise CommentError(
            f"the essay slug {value!r} is not valid; use lowercase letters, digits, '.', '_' and '-'", field
        )
    return value


def check_kind(value: object) -> str:
    if value not in KINDS:
        raise CommentError(f"the kind {value!r} is not one of {', '.join(KINDS)}", "kind")
    return value  # type: ignore[return-value]


def check_status(value: object, *, field: str = "status") -> str:
    if value not in STATUSES:
        raise CommentError(f"the status {value!r} is not one of {', '.join(STATUSES)}", field)
    return value  # type: ignore[return-value]


def check_public_id(value: object, *, field: str = "id") -> str:
    if not isinstance(value, str) or not PUBLIC_ID_RE.match(value):
        raise CommentError(
            f"the id {value!r} is not valid; use 1-100 letters, digits, '.', '_', ':' or '-'", field
        )
    return value


def parse_created(value: object, *, field: str = "created") -> datetime:
    """An ISO 8601 time as an aware UTC datetime; a time without offset is taken as UTC."""
    if not isinstance(value, str):
        raise CommentError(f"the time {value!r} must be an ISO 8601 string like 2026-11-20T18:04:05Z", field)
    try:
        moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        raise CommentError(f"the time {value!r} is not ISO 8601; write it like 2026-11-20T18:04:05Z", field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
