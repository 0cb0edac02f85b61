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
from typing import NamedTuple

from . import leftovers as lo
from .text_buttons import button_row, reply_row
from .text_forum import PROFILE
from .text_headers import COMMENT_BY, DAYLESS, comments_start, date_text, name_text
from .text_patterns import FORM_START, MORE_POSTS, RELATED_START, SIDEBAR, _Draft
from .text_reply_tail import reply_tail, title_over

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


class Post(NamedTuple):
    """One post of a thread: its header line, the poster's name and the date, its first line and its text's lines."""

    header: int
    name: str
    date: str
    first: int
    text: range


def rows(lines: list[str], end: int) -> list[Post]:
    """The posts of a thread of rows after ``end`` (the card over each row, the text under it), or []."""
    found = []
    for i in range(end, len(lines)):
        if (when := row_date(lines[i])) is None:
            continue
        card = _card(lines, i, found[-1].header + 1 if found else end)
        if card is None:
            return []  # a dated row with no poster over it: not the shape read here
        found.append(Post(i, card[0], when, card[1], range(i + 1, len(lines))))
    found = [p._replace(text=range(p.header + 1, nxt.first)) for p, nxt in zip(found, found[1:])] + found[-1:]
    if len(found) < MIN_ROWS or not all(any(lines[k].strip() for k in p.text) for p in found):
        return []
    return found


# "gabriel sempéré Le 11 septembre 2018 à 12:57", "Ana Lima am 3. März 2020": a name, a word or mark, a date
_LINK = re.compile(r"^(?:le|am|on|el|il|em|op|[-–—·|,])$", re.I)
NAME_WORDS = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def footer(line: str) -> tuple[str, str] | None:
    """(name, date) of a line that is a name and a date only, the name in any case, else None; the theme's words before
    the name and a reply link after the date are set aside ("Kommentar von Ana — 2019-01-01 @ 00:39 | Antworten")."""
    words = COMMENT_BY.sub("", reply_tail(line.strip())[0]).split()
    for k in range(1, min(NAME_WORDS, len(words) - 1) + 1):
        rest = words[k + 1:] if _LINK.match(words[k]) else words[k:]
        name = " ".join(words[:k]).rstrip(",")
        if _LINK.match(words[k - 1]) or not rest or date_text(name) is not None:
            continue
        plain = all(_WORD.fullmatch(w) for w in words[:k])  # "marc day day": under its text, a name in lower case
        if (name_text(name) or plain) and (when := date_text(" ".join(rest))) is not None and not DAYLESS.match(when):
            return name, when
    return None


def footers(lines: list[str], end: int) -> list[Post]:
    """The posts of a thread whose names and dates come under their texts ("TEXT / NAME Le DATE / Répondre"), or [].

    A name-and-date line is a footer when text is right over it and a reply link or the next post's text right
    under it, never a header's own text: each post's text is what lies between the footer over it and its own."""
    found: list[Post] = []
    for i in range(end, len(lines)):
        if (said := footer(lines[i])) is None:
            continue
        over = next((k for k in range(i - 1, end - 1, -1) if lines[k].strip()), None)
        if over is None or footer(lines[over]) is not None or button_row(lines[over]) or len(lines[over].split()) < 2 \
                or comments_start(lines[over]) or title_over(lines, i):
            return []  # a header over its text (a comment's title right over it), or a footer over nothing
        top = found[-1].header + 1 if found else over
        while not found and top > end and lines[top - 1].strip():
            top -= 1  # the first post's paragraph
        found.append(Post(i, *said, top, range(top, i)))
    under = [next((lines[k].strip() for k in range(p.header + 1, len(lines)) if lines[k].strip()), "") for p in found]
    if len(found) < MIN_ROWS or sum(reply_row(u) or reply_tail(lines[p.header])[1] for u, p in zip(under, found)) < MIN_ROWS:
        return []
    return found


def _stop(text: str) -> bool:
    return bool(FORM_START.match(text) or SIDEBAR.match(text) or RELATED_START.match(text) or MORE_POSTS.match(text)
                or comments_start(text) or lo.strong_boilerplate(text))


def drafts(lines: list[str], found: list[Post], label, drop) -> list[_Draft]:
    """A comment draft for each post, its name, date and text (the comment reader reads the lines over the first)."""
    out: list[_Draft] = []
    ended = False
    for n, post in enumerate(found):
        for k in range(post.first, post.header):
            if lines[k].strip() and k not in post.text:
                label(k, "comment header (the poster's card)")
        label(post.header, "comment author and date")
        draft = _Draft(first=post.first, author=post.name, author_how="header", date=post.date)
        blank = False
        for k in post.text:
            text = lines[k].strip()
            if not text:
                blank = True
                continue
            ended = ended or (n + 1 == len(found) and post.header < k and _stop(text))
            if ended or button_row(text):
                drop(k, "boilerplate (after the thread's posts)" if ended else "comment buttons")
                continue
            draft.add(k, text, blank)
            blank = False
        out.append(draft)
    last = found[-1]
    for k in range(max(last.header + 1, last.text.stop), len(lines)):
        if lines[k].strip() and last.text.stop <= k:
            drop(k, "comment buttons" if button_row(lines[k]) else "boilerplate (after the thread's posts)")
    return out
