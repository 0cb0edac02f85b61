"""A news headline whose byline stands a few lines under it, past its dek, a photo's caption or the author's name.

English-language news and magazine sites print a headline, then a dek (a sentence that sums the story up), maybe a
photo with its caption and credit, then the byline naming the author and the date, then the article. A line whose
byline stands under such lines has the byline as surely as one with the byline right under it: a teaser in a menu
has a date under it, but no sentence and no named author between, nor the article's prose right after.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_byline_row import row_byline
from .text_labels import title_case
from .text_patterns import HEAD_FURNITURE, read_byline
from .text_title_meta import _BYLINE_START, DATED, _dateline, names
from .text_title_news import photo_credit

BETWEEN = 4  # a dek, a label ("Image"), a caption and the author's name: at most this many lines between
LABEL_WORDS = 3  # a photo's label ("Image"), a section's name or the author's between them has this many words
SENTENCE_WORDS = 6  # a dek or a caption is a sentence of this many words at least ("WTF? What’s The Future?" is a headline)
# A sentence's end inside or at the end of a line: "… in NYC.", "… in 2023.CreditCredit…" (a caption glued to its credit)
_SENTENCE = re.compile(r"\w[\"”’)]?[.!?…][\"”’»]?(?:$|\s+(?-i:[A-Z])|(?-i:[A-Z]))")  # not "Liberté! in English"
_BY_ALONE = re.compile(r"^(?:by|par|por|von|di|door|av|af)$", re.I)  # a byline's word on a line of its own
_PARTS = re.compile(r"\s+[-–—|·•]\s+")  # between a byline's name and its date
# The article's first prose stands this many filled lines under the byline at most (buttons, a reading time between).
PROSE_AFTER = 8


def _written(line: str) -> bool:
    """A dek's or a caption's sentence: a few words with a sentence's end, not in title case as a headline is ("Why
    the Quay Is Closing?")."""
    return len(line.split()) >= SENTENCE_WORDS and bool(_SENTENCE.search(line)) and not title_case(line)


def _author(byline: str) -> str:
    """The author a byline names ("By TESSA LUND", "Dan Goodin - Apr 16, 2015 8:02 pm UTC"), or ""."""
    if name := (read_byline(byline) or ("", ""))[0]:
        return name
    if _BYLINE_START.match(byline):
        return byline
    lead = _PARTS.split(byline.strip(), 1)[0]
    return lead if lead != byline.strip() and DATED.search(byline) and _name(lead) else ""


def _name(line: str) -> bool:
    """A person's name of two words or more ("Culture", a section's label, is one word)."""
    return len(line.split()) >= 2 and names(line)


def byline_past_dek(between: list[str], byline: str, to_prose: int) -> bool:
    """The lines ``between`` a line and its ``byline`` are a news headline's furniture, and the article's first prose
    stands ``to_prose`` filled lines under the byline: the byline is the line's.

    The furniture is a dek or a caption (a sentence), maybe a photo's label or credit, over a byline naming the author
    ("By NAME", "NAME - DATE"); or the author's name alone (after "By" maybe) over a date. With no sentence between, a
    name that is not the byline's ("Der Book Sprint" over "Author: NAME"), or under menu entries ("Home" / "Editors
    Pick" over "Posted on …"), is a menu's entry."""
    if not 0 < len(between) <= BETWEEN or to_prose > PROSE_AFTER:
        return False
    lines = [line.strip() for line in between]
    author = _author(byline)
    if any(_written(line) for line in lines):  # a section's name may stand between too ("Tech Industry" / "by NAME")
        named = bool(author) or _name(lines[-1]) and bool(DATED.search(byline))  # the dek, the name, the date
        return named and all(_written(line) or photo_credit(line) or len(line.split()) <= LABEL_WORDS
                                    for line in lines)
    # no sentence between: the author's name alone over the date ("Chris Thompson" / "10/13/16 12:34PM")
    return (not author and bool(DATED.search(byline)) and _name(lines[-1])
            and all(_BY_ALONE.match(line) for line in lines[:-1]))


def dek_block(lines: list[str], filled: list[int], n: int, meta_k: int, start: int) -> bool:
    """:func:`byline_past_dek` for the line ``filled[n]``, whose byline or date line is ``meta_k`` filled lines under
    the line right under it, the article's first prose at ``filled[start]``. A follow button under the author's name
    ("NAME" / "Follow" / "Oct 19, 2016 · 10 min read") stands between the name and the date as furniture."""
    at = n + 1 + meta_k
    if HEAD_FURNITURE.match(lines[filled[at]].strip()) and at + 1 < len(filled) and DATED.search(lines[filled[at + 1]]):
        at += 1  # "Follow": the date under it is the byline
    between = [lines[i] for i in filled[n + 1:at] if not HEAD_FURNITURE.match(lines[i].strip())]
    return byline_past_dek(between, lines[filled[at]], start - at)


# A share button's label ("Share on Google Plus", "Share via Email", "Teilen auf Facebook"): between a headline and its
# byline, with the print button and the photo's credit, as the byline's furniture.
_SHARE = re.compile(r"^(?:share|teilen|partager|compartir|condividi|partilhar|del)\s+(?:on|via|by|to|auf|per|sur|en|su|em"
                    r"|på)\s+\S+(?:\s\S+)?$", re.I)


def share_button(line: str) -> bool:
    """A share button's label of a few words ("Share on Google Plus")."""
    return bool(_SHARE.match(line.strip()))


# Byline lines a news site prints by its headline: a link to the author's other stories ("More stories by NAME"); a
# name with a relative date ("NAME 1 day ago"), or a source, a numeric date and a name ("Medical Daily 9/21/2016
# NAME"), which are never a headline themselves.
_AUTHOR_LINK = re.compile(r"^(?:more\s+(?:stories|articles|posts)|(?:view|see)\s+all\s+(?:stories|articles|posts)|all\s+"
                          r"(?:stories|articles|posts))\s+(?:by|from)\s+\S+(?:\s+\S+){0,3}$", re.I)
_AGO = re.compile(r"^(?P<name>\S+(?:\s\S+){0,2}?)\s+\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$", re.I)
_NUMERIC_DATE = re.compile(r"(?<![\d.])\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d(?![\d.])")
NAME_WORDS = 6  # a source's and an author's name by a date have this many words at most


def byline_line(text: str) -> bool:
    """A byline line of a news site's: a name with a relative date, a source and a name around a numeric date, all
    the words but the date capitalised; or a byline's words and a name with more after it ("Ein Artikel von NAME |
    DATE", :func:`.text_byline_row.row_byline`)."""
    text = text.strip()
    if row_byline(text):
        return True
    if (ago := _AGO.match(text)) is not None:
        return _capitalised(ago.group("name").split())
    if len(_NUMERIC_DATE.findall(text)) == 1 and _capitalised(_NUMERIC_DATE.sub(" ", text).split()):
        return True
    return dated_row(text)


_ROW_PARTS = re.compile(r"\s+[–—|·•-]\s+")
ROW_PARTS = 3  # a byline's row has this many parts at least (a headline parts two phrases so: "Berlin – Die Wahl")


def dated_row(text: str) -> bool:
    """A byline's row of fields parted by dashes, bars or dots, one of them a day's date ("NAME – 14.09.2022 – Kolumne,
    Allgemein", "Freitag | 14. Juni 2019 | 15:49 VON NAME", "Accueil | Par NAME | 30 septembre 2018"); a bare year or
    a span of years ("Teil 49 – Baujahre 1931 – 1945") is no day's date."""
    parts = [p.strip() for p in _ROW_PARTS.split(text.strip())]
    return len(parts) >= ROW_PARTS and any(lo.date_line(p) and len(re.findall(r"\d+", p)) >= 2 for p in parts)


def _capitalised(words: list[str]) -> bool:
    return 0 < len(words) <= NAME_WORDS and all(w[:1].isupper() for w in words)


def by_date(text: str) -> bool:
    """A byline or date line, or a news site's byline line ("More stories by NAME", "NAME 1 day ago")."""
    return _dateline(text) or byline_line(text) or author_link(text)


DOTTED_WORDS = 8  # a headline ending with a full stop has this many words at most (a dek's sentence is longer)


def dotted_headline(lines: list[str], filled: list[int], n: int, shape) -> bool:
    """Line ``filled[n]`` is a short headline ending with a full stop ("Nebelsuppe.", "Warum ich lieber X sage."), one
    sentence with its author's byline right under it (a bare date dates a section's motto too) and no headline over it
    in the two lines above (its dek, "We have answers.", or its photo's caption, "Hustling.", would be that one's);
    ``shape`` tells a headline's shape (the title's reader's test)."""
    text = lines[filled[n]].strip()
    if not (text.endswith(".") and not text.endswith("..") and ". " not in text and len(text.split()) <= DOTTED_WORDS
            and shape(text[:-1], 1) and n + 1 < len(filled)):
        return False
    under = lines[filled[n + 1]].strip()
    return (bool((read_byline(under) or ("", ""))[0] or dated_row(under))
            and not any(shape(lines[filled[k]].strip()) for k in range(max(0, n - 2), n)))

def author_link(text: str) -> bool:
    """A link to the author's other stories ("More stories by NAME"), which a byline prints: never a sure title."""
    return bool(_AUTHOR_LINK.match(text.strip()))
