"""Followers from elsewhere: CSV files of addresses with the date each one consented.

Formats (``--format``, or recognised from the header row):

``csv``
    essaykit's own (what ``essaykit followers export`` writes): columns
    ``email`` and ``consent_at`` (an ISO 8601 date or time); ``state`` when
    present must be ``active``.
``ghost``
    Ghost's members export: ``email``, ``subscribed_to_emails`` (only
    ``true`` rows are followers), ``created_at`` (the consent date) and
    ``deleted_at`` (deleted members are left out).
``wordpress``
    WordPress.com's "Download subscribers as CSV": the addresses only (one
    column, with or without a header; the export carries no dates,
    Automattic/jetpack#40260). Their consent was given on WordPress.com; its
    date is the author's word, given with ``--consent-date``, never guessed.

An importer never invents: a row without a valid address or a consent date
is reported with its file and line and skipped; nothing else is written for it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ..comments.fields import clean_email
from ..errors import CommentError, ImportFormatError

FORMATS = ("auto", "csv", "ghost", "wordpress")
_EMAIL_NAMES = ("email", "email address", "email_address", "e-mail", "mail")
_CONSENT_NAMES = ("consent_at", "consent", "consent_date", "consented_at")
#: Cells longer than this are not an address or a date: the row is refused, not the file.
MAX_CELL = 10_000


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    consent_at: datetime


@dataclass
class ReadResult:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    format: str = ""


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 date or date-time as naive UTC, or None when ``text`` is not one (or is in the future)."""
    text = text.strip()
    if not text or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return None if moment > datetime.now(timezone.utc).replace(tzinfo=None) else moment


def _lines(path: Path) -> Iterator[tuple[int, list[str] | None, str]]:
    """``(line, cells, "")`` per record, or ``(line, None, problem)`` for one the csv module cannot read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path}: byte {exc.start} is not UTF-8; save the file as UTF-8 CSV") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    reader = csv.reader(text.replace("\0", "\ufffd").splitlines(keepends=True))
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, None, f"not a CSV record ({exc})"
            continue
        yield start, cells, ""


def _kind(header: list[str]) -> str:
    names = {h.strip().lower() for h in header}
    if "subscribed_to_emails" in names:
        return "ghost"
    if names & set(_CONSENT_NAMES):
        return "csv"
    return "wordpress"


def read_followers(path: Path, *, fmt: str = "auto", consent_date: date | None = None) -> ReadResult:
    """The rows of ``path`` that are followers with a consent date, and a problem line for every other row."""
    result = ReadResult()
    records = _lines(path)
    first = next(records, None)
    if first is None:
        raise ImportFormatError(f"{path}: the file is empty; export the followers again")
    line, header, problem = first
    if header is None:
        raise ImportFormatError(f"{path}:{line}: the first line is {problem}; is this a CSV file?")
    looks_like_header = not any("@" in cell for cell in header)
    result.format = fmt if fmt != "auto" else (_kind(header) if looks_like_header else "wordpress")
    names = [h.strip().lower() for h in header] if looks_like_header else []
    if not looks_like_header:
        records = iter([first, *records])
    email_at = next((names.index(n) for n in _EMAIL_NAMES if n in names), 0 if not names or len(names) == 1 else -1)
    if email_at < 0:
        raise ImportFormatError(f"{path}:1: no email column (looked for {', '.join(_EMAIL_NAMES)}); "
                                f"the header is {', '.join(header)[:200]}")
    if result.format == "wordpress" and consent_date is None:
        raise ImportFormatError(f"{path}: WordPress.com's export gives no consent dates; say when these readers "
                                "subscribed there with --consent-date YYYY-MM-DD (e.g. the day you exported the list); "
                                "essaykit never guesses it")
    if result.format in ("csv", "ghost") and consent_date is not None:
        raise ImportFormatError(f"--consent-date is for WordPress.com's export only; {path} has its own dates")

    def cell(cells: list[str], name: str) -> str:
        return cells[names.index(name)].strip() if name in names and names.index(name) < len(cells) else ""

    for line, cells, problem in records:
        where = f"{path}:{line}"
        if cells is None:
            result.problems.append(f"{where}: {problem}; skipped")
            continue
        if not any(c.strip() for c in cells):
            continue
        if any(len(c) > MAX_CELL for c in cells):
            result.problems.append(f"{where}: a cell is over {MAX_CELL} characters; not an address or a date; skipped")
            continue
        raw = cells[email_at].strip() if email_at < len(cells) else ""
        try:
            email = clean_email(raw)
        except CommentError as exc:
            result.problems.append(f"{where}: {exc}; skipped")
            continue
        if result.format == "wordpress":
            consent = datetime.combine(consent_date, datetime.min.time())
        elif result.format == "ghost":
            if cell(cells, "subscribed_to_emails").lower() != "true":
                result.problems.append(f"{where}: {email} is not subscribed to emails in Ghost (no consent); skipped")
                continue
            if cell(cells, "deleted_at"):
                result.problems.append(f"{where}: {email} was deleted in Ghost; skipped")
                continue
            consent = parse_date(cell(cells, "created_at"))
        else:
            state = cell(cells, "state")
            if state and state != "active":
                result.problems.append(f"{where}: {email} is {state!r}, not an active follower; skipped")
                continue
            consent = parse_date(next((cell(cells, n) for n in _CONSENT_NAMES if cell(cells, n)), ""))
        if consent is None:
            result.problems.append(f"{where}: {email} has no valid consent date (ISO 8601, not in the future); "
                                   "skipped")
            continue
        result.rows.append(Row(line, email, consent))
    return result
