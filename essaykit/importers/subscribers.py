"""Lists of readers' addresses given to ``essaykit import``: refused with the command that reads them.

A subscriber or member list is text, so without this check it would be read
as a text copy of a post and become an essay of email addresses. Told apart
by its first rows: a header naming an email column, or rows that are each
one address (WordPress.com's "Download subscribers as CSV" has no header).
Substack's ``posts.csv`` alone is pointed to the whole export.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import ImportFormatError
from .detect import HEAD_BYTES, decode_head

SAMPLE_ROWS = 50
_ADDRESS = re.compile(r"[^@\s,;\"']+@[^@\s,;\"']+\.[^@\s,;\"']+")
_EMAIL_COLUMNS = {"email", "email address", "email_address", "e-mail", "mail", "subscriber", "subscriber email"}
# Believed to be in Substack's subscriber list, not confirmed from a published source: any CSV with an email
# column is refused anyway, only the advice is less specific.
_SUBSTACK_LIST = {"active_subscription", "expiry", "plan", "email_disabled"}
_SUBSTACK_POSTS = {"post_date", "is_published"}


def _what(header: list[str], rows: list[list[str]], name: str) -> tuple[str, str] | None:
    """(what the list is, the advice) for a subscriber list, None for anything else."""

    def follow(fmt: str) -> str:
        return f"to make them followers, use `essaykit followers import {name} --format {fmt}` (docs/email.md)"

    names = {cell.strip().lower() for cell in header}
    if "post_id" in names and names & _SUBSTACK_POSTS:
        return ("Substack's posts.csv on its own", "import the whole export instead, the ZIP Substack sent (or its "
                "unzipped folder): the posts' text is in its posts/ folder, beside this file")
    if "subscribed_to_emails" in names:
        return "Ghost's members export", follow("ghost")
    if names & _SUBSTACK_LIST and names & _EMAIL_COLUMNS:
        return ("Substack's subscriber list", "`essaykit followers import` does not read Substack's layout yet "
                "(docs/email.md); export the addresses with their consent dates as CSV (email, consent_at) and "
                "import that with `essaykit followers import FILE --format csv`")
    if names & {"consent_at", "consented_at"} and names & _EMAIL_COLUMNS:
        return "essaykit's own followers list", follow("csv")
    cells = [row for row in ([header] + rows) if any(c.strip() for c in row)]
    if cells and all(len(row) == 1 and _ADDRESS.fullmatch(row[0].strip()) for row in cells if
                     row[0].strip().lower() not in _EMAIL_COLUMNS):
        return ("a list of subscribers' addresses (WordPress.com's \"Download subscribers as CSV\" has this shape)",
                follow("wordpress") + "; add --consent-date YYYY-MM-DD, the day they subscribed")
    if len(header) > 1 and names & _EMAIL_COLUMNS and any(_ADDRESS.fullmatch(c.strip()) for row in rows for c in row):
        return "a list of email addresses", follow("auto")
    return None


def refuse_subscriber_list(path: Path) -> None:
    """ImportFormatError naming ``followers import`` when the text file at ``path`` is a list of readers' addresses."""
    with open(path, "rb") as fh:
        text = decode_head(fh.read(HEAD_BYTES))
    lines = text.splitlines()[: SAMPLE_ROWS + 1]
    if not lines or "@" not in text and "post_id" not in lines[0]:
        return
    try:
        rows = list(csv.reader(line.replace("\0", "") for line in lines if line.strip()))
    except csv.Error:
        return
    found = _what(rows[0], rows[1:], path.name) if rows else None
    if found is not None:
        what, advice = found
        raise ImportFormatError(f"{path}: this is {what}, not a post; nothing was imported from it. "
                                + advice[:1].upper() + advice[1:])
