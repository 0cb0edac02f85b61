"""A comment's date in a text copy, a date with no year among them ("9 janvier à 13:06", "5. März um 10:12",
"Mar 5 at 10:12 am", "Mar 14"), as themes and forums print the dates of the current year.

Such a date takes a year only when one year alone fits: the comment is written on the post's day or after it, and
on the day the copy was saved or before it. When the post's year and the next both fit (a post of March whose copy
was saved a year later), or the post has no date, the year is a guess: the comment keeps the post's date, the note
says so, and the comment is held unless the copy vouches for it otherwise (its heading's count).
"""

from __future__ import annotations

import re
from datetime import datetime

from . import leftovers as lo
from .names import iso

_ORDINAL = r"(?:st|nd|rd|th|er|º)?"
# the day and the month at the start of the line, and no year anywhere in it
YEARLESS = re.compile(rf"^(?P<dm>\d{{1,2}}{_ORDINAL}\.?\s+(?:de\s+)?(?:{lo._MONTHS})\b\.?"
                      rf"|(?:{lo._MONTHS})\b\.?\s+\d{{1,2}}{_ORDINAL}\b)(?P<rest>(?:(?!\b\d{{4}}\b|'\d\d\b).)*)$", re.I)


def with_year(when: str, year: int) -> str | None:
    """``when`` with ``year`` after its day and month ("Mar 5 at 10:12 am" → "Mar 5, 2026 at 10:12 am"), or None
    when it is no date without a year."""
    found = YEARLESS.match(when.strip())
    if found is None:
        return None
    day_month = found.group("dm")
    joint = ", " if day_month[:1].isalpha() else " "
    return f"{day_month}{joint}{year}{found.group('rest')}"


def comment_date(copy_date, saved_by: str, when: str, post_date: str) -> tuple[datetime | None, str, str]:
    """(the moment, how a numeric date was read or where its year came from, else ""; a note when it cannot be read)
    for a comment's date ``when``: ``copy_date`` reads a date as the copy's language writes it, ``saved_by`` is
    the latest day the copy allows, ``post_date`` the post's date (ISO, or "")."""
    moment, how = copy_date(when)
    if moment is not None:
        return moment, how, ""
    if YEARLESS.match(when.strip()) is None:
        return None, "", (f"date {when!r} cannot be read (relative dates need the day the page was saved); "
                          "dated it like the post")
    fits = []
    for year in range(int(post_date[:4]), int(saved_by[:4]) + 1) if post_date else ():
        found = copy_date(with_year(when, year))[0]
        if found is not None and post_date[:10] <= iso(found)[:10] <= saved_by[:10]:
            fits.append(found)
    if len(fits) == 1:
        return fits[0], f"no year in the copy: {fits[0].year}, the only year between the post and the copy's day", ""
    why = "the post has no date" if not post_date else "more than one year fits between the post and the copy's day" \
        if fits else "no year fits between the post and the copy's day"
    return None, "", f"date {when!r} has no year and {why}; dated it like the post"
