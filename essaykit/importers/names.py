"""Slugs, stable ids and dates for imported items."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from ..comments.model import iso_utc
from ..essay import slugify  # noqa: F401 - the one slugify; importers use it from here

_LOCAL_ID = re.compile(r"[^A-Za-z0-9._-]+")
_WP_DATE_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)")
_TEXT_DATE_FORMATS = (
    "%B %d, %Y at %I:%M %p", "%B %d, %Y at %H:%M", "%B %d, %Y", "%b %d, %Y", "%d %B %Y",
    "%d %B %Y at %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y",
)


def short_hash(*parts: str, length: int = 8) -> str:
    """A short, stable hex digest of ``parts`` (not a security measure: an id)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


def local_id(value: str) -> str:
    """A source's own id made safe for a store id (letters, digits, ``.``, ``_``, ``-``)."""
    cleaned = _LOCAL_ID.sub("-", value.strip()).strip("-.")[:40]
    return cleaned or short_hash(value)


def parse_wp_date(value: str) -> datetime | None:
    """A WordPress ``YYYY-MM-DD HH:MM:SS`` time as UTC; None for empty or ``0000-00-00`` values.

    Raises ValueError for anything else that does not parse.
    """
    text = (value or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    found = _WP_DATE_RE.fullmatch(text)
    if found:  # the usual form; strptime is slow enough to show in a 20,000-comment import
        return datetime(*map(int, found.groups()), tzinfo=timezone.utc)
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_rfc822(value: str) -> datetime | None:
    """An RSS ``pubDate``; None when empty, ValueError when unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, IndexError) as exc:
        raise ValueError(text) from exc
    if moment is None:
        raise ValueError(text)
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_loose_date(value: str) -> datetime | None:
    """A date as people write it on a page ("March 3, 2026 at 4:12 pm", ISO 8601); None when not a date."""
    text = " ".join((value or "").replace("\u202f", " ").split()).strip(" ,")
    if not text or len(text) > 60:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    except ValueError:
        pass
    for fmt in _TEXT_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    return None


def iso(moment: datetime | None) -> str:
    """``moment`` as ISO 8601 UTC (``2026-11-20T18:04:05Z``), "" for None."""
    return iso_utc(moment) if moment else ""
