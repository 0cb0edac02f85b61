"""What stands between a text copy's headline and its article that the other title modules do not read: a date
written relative to the day the page was saved ("vor 11 Minuten", "2 hours ago"), a column of share buttons, a
headline's short form right under it or its full wording under its date, a headline written as a sentence with its
full stop; and a list of links the copy glued into one line, which is no article's first prose.

A news site prints how long ago a story went up where others print its date; under a headline such a line dates it
as a date does. A lone word ("Heute", "Hier") is as often a menu's entry, so only a count of units is read; and a list
whose every item has its time ("2 years ago" by each file of a repository, each teaser of a "latest" box) dates no
headline: the copy's head may hold one or two such lines, not a list of them.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_labels import chrome_line, reworded
from .text_patterns import read_byline
from .text_title_meta import _BYLINE_START


def relative_when(text: str) -> bool:
    """"vor 11 Minuten", "il y a 3 heures", "2 hours ago": a count of time units before the day the page was saved."""
    text = text.strip()
    return len(text.split()) >= 2 and lo.relative_date(text)


RELATIVE_LINES = 2  # a copy's head with more lines dated as time ago is a list of items, each with its time


def lone_relative_dates(lines: list[str], head: list[int]) -> set[str]:
    """The lines dated as time ago among the ``head`` lines (those over the article's first prose), when they are one
    or two: each then dates the headline over it. More are a list's (a repository's files, a box of teasers)."""
    found = {lines[i].strip() for i in head if relative_when(lines[i])}
    return found if sum(relative_when(lines[i]) for i in head) <= RELATIVE_LINES else set()


# Share buttons copied one to a line ("Twitter", "Facebook", "E-Mail", "Print") between a headline and its article: at
# most this many lines, of which at least half are controls' labels, none longer than a button's label and none with a
# number: a byline's "1h ago", "33 Shares" make it a byline block, read as one by text_title.
BUTTON_LINES = 12
BUTTON_WORDS = 2


def buttons_to_prose(lines: list[str], filled: list[int], n: int, start: int) -> bool:
    """Only a column of share buttons stands between line ``filled[n]`` and the article's first prose ``filled[start]``.

    A menu's entries under a menu's entry are short too, but they are places ("News", "Kontakt"), not controls."""
    run = [lines[i].strip() for i in filled[n + 1:start]]
    controls = sum(chrome_line(text) for text in run)
    return (0 < len(run) <= BUTTON_LINES and 2 * controls >= len(run)
            and all(len(text.split()) <= BUTTON_WORDS and not any(ch.isdigit() for ch in text) for text in run))


# A word glued to the next by the copy ("BekenntnisChristlicher"): a menu's or a list's links without their line breaks.
_JOIN = re.compile(r"[a-zà-ÿ]{2}[A-ZÀ-Þ][a-zà-ÿ]")
GLUED_LINKS = 5  # this many joins in a line make it a glued list of links (a brand's "PowerShell", "iPhone" has one)


def glued_links(text: str) -> bool:
    """A list of links the copy glued into one long line ("Alles was lebtAlpha CepheiAnd the water …"): no prose."""
    return len(_JOIN.findall(text)) >= GLUED_LINKS


def byline_names_author(under: str) -> bool:
    """The line under a headline is a byline naming its author ("Von NAME / DATE / Keine Kommentare", "By NAME")."""
    return bool((read_byline(under) or ("", ""))[0] or _BYLINE_START.match(under))


def reworded_pair(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``filled[n]`` and one line next to it start with the same words because one is the other reworded: a news
    site's full headline and its short form for small screens ("Hafenfest in Kiel: Die zweite Fähre ist kurz vor der
    Taufe" over "Hafenfest in Kiel: Zweite Fähre kurz vor Taufe"), not two items of a list of links, which has no
    third line starting so around them."""
    def start(m: int) -> list[str]:
        return lines[filled[m]].split()[:2] if 0 <= m < len(filled) else []

    text = lines[filled[n]].strip()
    same = [m for m in range(n - 2, n + 3) if m != n and start(m) == start(n)]
    if len(same) != 1 or abs(same[0] - n) != 1:
        return False
    other = lines[filled[same[0]]].strip()
    return reworded(text, other) or reworded(other, text)


def stated_sentence(lines: list[str], text: str, counts: dict[str, int], shape) -> bool:
    """A headline written as one sentence with its full stop ("Wenn das Netzwerk langsam ist, hilft ein Schalter."),
    which the copy repeats inside another line (a breadcrumb glued to it): a lede or a caption is said once, and a
    notice printed twice ("Es befinden sich keine Produkte im Warenkorb.") is printed whole. ``counts`` are the copy's
    repeats as text_title counts them, ``shape`` its test of a headline's shape."""
    key = lo.headline_key(text)
    return (text.endswith(".") and not text.endswith("..") and ". " not in text and shape(text[:-1])
            and counts.get(key, 0) > 1 and sum(lo.headline_key(line) == key for line in lines) == 1)


FULL_WITHIN = 3  # the full wording stands this many filled lines under the short one at most, only dates between


def completed_under(lines: list[str], at: int, shape, dated) -> int | None:
    """The line under the headline at ``at``, past its date line, that starts with the whole headline and goes on (a
    series' name over its date, then "NAME - Teil 49 – the episode's own title"): the page's full headline."""
    head = " ".join(lines[at].split())
    under = [i for i in range(at + 1, len(lines)) if lines[i].strip()][:FULL_WITHIN]
    for k, i in enumerate(under):
        text = " ".join(lines[i].split())
        if k > 0 and text.startswith(head) and len(text) > len(head) + 3 and shape(text) \
                and all(dated(lines[j].strip()) for j in under[:k]):
            return i
    return None
