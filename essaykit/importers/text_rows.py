"""A thread of post rows in a text copy: each reply's date and its buttons on one line, its poster's card over it.

Deal sites' and many forums' threads print every post the same way: the poster's card (the name, maybe a count of
points or posts and the name again), then one line with the post's date and its buttons ("17.10.2019, 14:14 Zum
Antworten anmelden Zitieren #", "Jan 5, 2020 Quote Reply #2"), then the text. The comment reader's header shapes
want the date on a line of its own, so such a thread is read here: the row line is the header, the card's name is
the author, and the text runs to the next poster's card. Two rows or more, each with a name over it and text under it,
make a thread; one such line proves nothing.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_buttons import button_row
from .text_forum import PROFILE
from .text_headers import comments_start, date_text, name_text
from .text_patterns import FORM_START, RELATED_START, SIDEBAR, _Draft

MIN_ROWS = 2  # a thread has two posts at least
CARD_LINES = 4  # filled lines of a poster's card over the row: the name, a count, the name again, a profile line
DATE_WORDS = 8
# The post's number and the quote link, which :func:`.text_buttons.button_row` does not know, in the languages read.
_NUMBER = re.compile(r"(?:^|\s)#\d*(?=\s|$)")
_QUOTE = re.compile(r"\b(?:zitieren|zitat|quote|citer|citar|cita|citeren|cytuj|citazione)\b", re.I)
_COUNT = re.compile(r"^[\d.,]+\s*[km]?$", re.I)  # the poster's points or posts on the card


def row_date(line: str) -> str | None:
    """The date of a post row ("17.10.2019, 14:14 Zitieren #" → "17.10.2019, 14:14"), else None."""
    words = line.strip().split()
    for k in range(min(len(words) - 1, DATE_WORDS), 0, -1):
        tail = " ".join(words[k:])
        rest = _QUOTE.sub(" ", _NUMBER.sub(" ", tail)).strip()
        if (rest and not (button_row(rest) and any(ch.isalpha() for ch in rest))
                or not rest and "#" not in tail and not _QUOTE.search(tail)):
            continue  # a button's word at least ("4.3182 330 5 1" is a rating widget's numbers)
        if (when := date_text(" ".join(words[:k]).rstrip(",;|·"))) is not None:
            return when
    return None


def _card(lines: list[str], row: int, floor: int) -> tuple[str, int] | None:
    """(the poster's name, the card's first line) over the row at ``row``, else None."""
    filled = [k for k in range(row - 1, max(floor, row - 3 * CARD_LINES) - 1, -1) if lines[k].strip()][:CARD_LINES]
    if not filled or not name_text(name := lines[filled[0]].strip()) or _COUNT.match(name):
        return None
    start = filled[0]
    for k in filled[1:]:
        text = lines[k].strip()
        if text != name and not _COUNT.match(text) and not PROFILE.match(text):
            break
        start = k
    return name, start


def rows(lines: list[str], end: int) -> list[tuple[int, str, int]]:
    """(row line, poster's name, card's first line) of each post of a thread of rows after ``end``, or []."""
    found = []
    for i in range(end, len(lines)):
        if row_date(lines[i]) is None:
            continue
        card = _card(lines, i, found[-1][0] + 1 if found else end)
        if card is None:
            return []  # a dated row with no poster over it: not the shape read here
        found.append((i, *card))
    if len(found) < MIN_ROWS:
        return []
    texts = [any(lines[k].strip() for k in range(i + 1, nxt)) for (i, _, _), nxt in
             zip(found, [c for _, _, c in found[1:]] + [len(lines)])]
    return found if all(texts) else []


def _stop(text: str) -> bool:
    return bool(FORM_START.match(text) or SIDEBAR.match(text) or RELATED_START.match(text) or comments_start(text)
                or lo.strong_boilerplate(text))


def drafts(lines: list[str], found: list[tuple[int, str, int]], label, drop) -> list[_Draft]:
    """A comment draft for each row: the card's name, the row's date, the text down to the next card (the comment
    reader reads the lines over the first card)."""
    out: list[_Draft] = []
    ended = False
    for n, (at, name, card) in enumerate(found):
        for k in range(card, at):
            if lines[k].strip():
                label(k, "comment header (the poster's card)")
        label(at, "comment date and buttons")
        draft = _Draft(first=card, author=name, author_how="header", date=row_date(lines[at]) or "")
        stop = found[n + 1][2] if n + 1 < len(found) else len(lines)
        blank = False
        for k in range(at + 1, stop):
            text = lines[k].strip()
            if not text:
                blank = True
                continue
            ended = ended or (n + 1 == len(found) and _stop(text))
            if ended:
                drop(k, "boilerplate (after the thread's posts)")
                continue
            draft.add(k, text, blank)
            blank = False
        out.append(draft)
    return out
