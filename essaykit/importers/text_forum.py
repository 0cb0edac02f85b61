"""A forum thread in a text copy (phpBB and its kind): the first post is the article, the replies its comments.

Each post of such a thread has the same header, "Beitrag von NAME » DATE" ("Post by", "by", "Message par",
"Messaggio da", "Mensaje por"; a copy may glue the words, "Beitragvon"), and the same chrome around it: the poster's
name, post count and join date over it, "Re: TITLE", a "Nach oben" / "Top" link under it. One such header is a
byline; the thread is read as one only when two posts or more have the header in one shape, each over its own text
(a list of topics prints "by NAME » DATE" too, over no text of its own).
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .names import parse_loose_date
from .text_headers import date_text
from .text_patterns import _Draft

POST_BY = re.compile(r"^(?:beitrag\s*von|post\s*by|by|von|message\s*par|par|messaggio\s*da|da|mensaje\s*por|por"
                     r"|bericht\s*door|door)\s*(?P<name>[^»\s][^»]{0,59}?)\s*»\s*(?P<date>[^»]{6,60})$", re.I)
# The chrome of a post: the poster's counts and profile, "Re: TITLE", and the links under its text.
PROFILE = re.compile(r"^(?:(?:re|aw|rép|odp)\s*:\s*.{1,200}|(?:beiträge|posts|messages|messaggi|mensajes|berichten)\s*:?\s*[\d.,]+"
                     r"|(?:registriert|joined|inscription|iscritto|registrado|geregistreerd|wohnort|location|localisation"
                     r"|località|ubicación|woonplaats)\s*:.{0,80})$", re.I)
CHROME = re.compile(PROFILE.pattern[:-2] + r"|(?:kontaktdaten|contact|kontakt)\s*:.{0,80}|nach oben|top|haut|torna in alto"
                    r"|arriba|naar boven|zitat|zitieren|quote|citer|citar|cita|citeren)$", re.I)
REPLY_TITLE = re.compile(r"^(?:re|aw|rép|odp)\s*:\s*(?P<title>.{1,200})$", re.I)
PROSE_WORDS = 6  # a post's text has a sentence this long; a topic list's next title under "by NAME » DATE" is shorter
LONG_WORDS = 10  # …or a line this long, with no full stop
BLOCK_LINES = 8  # filled lines of a post's chrome over its header (name, counts, profile, "Re: TITLE")
MIN_POSTS = 2  # the topic's post and one reply at least, each over its own text


def post_header(line: str) -> tuple[str, str] | None:
    """(name, date) of a forum post's header line, else None."""
    found = POST_BY.match(line.strip())
    if found is None:
        return None
    when = date_text(found.group("date")) or (found.group("date").strip() if parse_loose_date(found.group("date")) else None)
    return (found.group("name").strip(), when) if when else None


def _shape(line: str) -> str:
    found = POST_BY.match(line.strip())
    return re.sub(r"\d+", "0", f"{line.strip()[:found.start('name')].lower()}N»{found.group('date')}") if found else ""


def _text_under(lines: list[str], i: int) -> bool:
    """A sentence of a post's own right under the header at ``i`` (a topic list has the next topic's title there)."""
    for line in lines[i + 1:i + 6]:
        text = line.strip()
        if not text:
            continue
        words = len(text.split())
        return post_header(text) is None and not CHROME.match(text) and (
            words >= LONG_WORDS or words >= PROSE_WORDS and text.endswith((".", "!", "?", "…", ":")))
    return False


def posts(lines: list[str]) -> list[int]:
    """The header lines of the thread's posts, or [] when the copy is no forum thread: two headers or more of one
    shape, most of them (two at least) over a sentence of their own, each reply under its poster's profile or its
    "Re: TITLE"."""
    found = [i for i, line in enumerate(lines) if post_header(line) is not None]
    texts = sum(_text_under(lines, i) for i in found)
    if texts < MIN_POSTS or 2 * texts < len(found) or len({_shape(lines[i]) for i in found}) != 1:
        return []
    # every reply has its poster's profile or its "Re: TITLE" over it: a teaser's "by NAME » DATE" has neither
    if not all(_profiled(lines, i) for i in found[1:]):
        return []
    return found


def _profiled(lines: list[str], i: int) -> bool:
    over = [line.strip() for line in lines[max(0, i - 3 * BLOCK_LINES):i] if line.strip()][-BLOCK_LINES:]
    return any(PROFILE.match(line) for line in over)


def block_start(lines: list[str], header: int, floor: int) -> int:
    """The first line of the post whose header is at ``header``: its chrome over it (the poster's name, counts,
    "Re: TITLE") and the previous post's "Nach oben" go with it, down to ``floor``."""
    start, seen, k = header, 0, header - 1
    while k >= floor and seen < BLOCK_LINES:
        text = lines[k].strip()
        if text and (len(text.split()) >= PROSE_WORDS and not CHROME.match(text)):
            break  # the previous post's text
        if text:
            seen += 1
            start = k
        k -= 1
    return start


def drafts(lines: list[str], headers: list[int], end: int, label) -> list[_Draft]:
    """A comment draft for each reply (every post after the first), its text up to the chrome under it."""
    out: list[_Draft] = []
    for k, at in enumerate(headers[1:], start=1):
        name, when = post_header(lines[at])
        stop = block_start(lines, headers[k + 1], at + 1) if k + 1 < len(headers) else len(lines)
        draft = _Draft(first=at, author=name, author_how="header", date=when)
        label(at, "comment author and date (forum post)")
        blank = False
        for i in range(at + 1, stop):
            text = lines[i].strip()
            if not text:
                blank = True
                continue
            if CHROME.match(text):
                label(i, "dropped forum post furniture")
                if draft.has_text and k + 1 >= len(headers):
                    break  # the last post's "Nach oben": the thread's furniture follows
                continue
            draft.add(i, text, blank)
            blank = False
        out.append(draft)
    for i in range(end, len(lines)):
        if lines[i].strip():
            label(i, "dropped forum post furniture")  # the chrome between the posts, the thread's links after them
    return out


def topic_line(lines: list[str], headers: list[int]) -> int | None:
    """The thread's title over its first post: the line right over it that the replies name ("Re: TITLE")."""
    named = {lo.headline_key(m.group("title")) for line in lines[headers[0]:] if (m := REPLY_TITLE.match(line.strip()))}
    return next((i for i in range(headers[0] - 1, max(-1, headers[0] - BLOCK_LINES - 2), -1)
                 if lines[i].strip() and lo.headline_key(lines[i]) in named), None)
