"""Why a comment read from a plain-text copy is held: its text has the shape of something else on the page.

A name over a date is a comment's header, but also a related post's title over its date, an event list's row or the
last teaser over a comments heading. What such a "comment" says gives it away: a lone count ("17 Discussion to this
post", "91 Ergänzungen"), a menu's short lines, post titles that end in their dates, dates on lines of their own, one
line with the next item's date right under it. Such a comment is held ``pending`` with the reason, never dropped.
"""

from __future__ import annotations

import re

from .text_headers import date_text, header, menu_like, says_header

MIN_COMMENT_WORDS = 2  # a shorter text under a name and a date is held: a widget's label has that shape too
# A count and what it counts, the comments heading's shape ("17 Discussion to this post", "91 Ergänzungen", "3 Antworten"):
# a number first, a few words, no sentence's end.
_COUNT_ONLY = re.compile(r"^\d[\d.,]*\s+[^\W\d_][^.!?…]{0,50}$")
_MAX_COUNT_WORDS = 6
# A line of other posts' list: a title and its date at the end ("Von Sitte und Moral 7 April, 2014").
_TAIL_WORDS = (2, 3, 4, 5)
_MAX_LISTED_CHARS = 120


def _ends_in_date(line: str) -> bool:
    """A short line, no sentence, whose last two to five words are a date: a title of a list of posts with its date."""
    text = line.strip()
    if not text or len(text) > _MAX_LISTED_CHARS or not text[-1].isdigit() or date_text(text):
        return False
    words = text.split()
    return any(len(words) > k and date_text(" ".join(words[-k:])) for k in _TAIL_WORDS)


def lead_marks(lines: list[str]) -> list[str]:
    """``lines`` less the blank lines and lone colons before the text (the colon a forum prints after its header's
    "(22 juin 2018 @11h29)"); a commenter's own mark ("?", "+", "–" over the text) stays."""
    k = 0
    while k < len(lines) and set(lines[k].strip()) <= set(":："):
        k += 1
    return lines[k:]


def body_doubts(lines: list[str], body: str, copy: list[str], under: int, closed: bool) -> list[str]:
    """The doubts the comment's text raises: ``lines`` its lines, ``body`` its text, ``copy`` the copy's lines and
    ``under`` the number of the line right under the comment; ``closed`` when a button row ended it."""
    doubts = []
    said = [line.strip() for line in lines if line.strip()]
    after = copy[under].strip() if 0 <= under < len(copy) else ""
    if len(body.split()) < MIN_COMMENT_WORDS:
        doubts.append("its text is a single word")  # "Noch" over "5" / "Monate.": a sidebar's countdown
    # the count stands right over the first comment's header ("17 Discussion to this post" / "Jasmin sagt:")
    if (len(said) == 1 and _COUNT_ONLY.match(said[0]) and len(said[0].split()) <= _MAX_COUNT_WORDS and after
            and (says_header(copy, under) is not None or header(copy, under) is not None)):
        doubts.append(f"its text {said[0]!r} is a count over the next comment, as a comments heading is")
    if not closed and menu_like(said):  # a comment's own list (a recipe's changes) has its reply button under it
        doubts.append("its text is short lines with no sentence and no button under them, as a menu has")
    if any(date_text(line) for line in said):
        doubts.append("its text has dates on lines of their own, as a list of teasers has")
    elif sum(_ends_in_date(line) for line in said) >= 2:
        doubts.append("its lines end in dates, as a list of other posts has")
    elif (len(said) == 1 and after and date_text(after) and under + 1 < len(copy) and copy[under + 1].strip()
          and not closed):
        # "Harbour walk!" / "13.11.26 18:30" / "Lantern evening!": a list of dated items with no blank line between; a
        # reply's "@ Name" over the quoted comment's date has its paragraph under a blank line
        doubts.append("its one line has a date right under it and the list goes on, as a list of dated items has")
    return doubts
