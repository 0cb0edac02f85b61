"""A text copy's byline: who wrote the post, and the language its numeric dates are written in.

A copy (select all, copy) has lost the page's ``<html lang>`` and its markup: the byline is a line among the menus
("Aktuell", "Speichern", "Deportes" are a line each too). So a name is taken only where the copy says it is one:
after a byline's words ("By …", "Von …", "Par …", "Autor: …") or on the date's own line. A bare line next to the
date is a name only when it has the shape of one (two to five capitalised words). An unknown author is better than a
wrong one. The copy's language is read from its own words (the stopword lists jusText ships, which
trafilatura already depends on), so that "05/03/2015" is read as the copy's readers write dates.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import cache, cached_property

from .names import BY, DONE, LABEL, ambiguous_date, clean_name, date_order, parse_loose_date
from .signatures import is_name
from .text_patterns import RELATED_START, unglue
from .text_byline_row import row_byline
from .text_title import RELATED

# A byline's words before the name, in the languages the importers read; the name itself is checked by clean_name.
BYLINE_LEAD = re.compile(rf"^(?:(?:{DONE})\s+)?(?:{BY}):?\s+\S|^(?:{LABEL})\s*:\s*\S|^(?-i:di)\s+[^\W\d_]", re.I)
_GLUED_BY = re.compile(r"^(By|Von|Par|Por)(?=[A-ZÀ-Þ][a-zà-ÿ])")
# A byline's word anywhere in a line with a date ("12/04/2020 by Kay", "Posted by Kay 21.10.2019").
NAMED_BY = re.compile(rf"\b(?:{BY}|{LABEL})\b|\b(?-i:di)\s", re.I)
# How far around the title a byline may be: a few lines over it (a kicker, the author over the headline), the
# standfirst and the picture credit under it.
BEFORE_TITLE, AFTER_TITLE = 3, 12
# A line this long that ends a sentence is a paragraph of the article: after this many, the byline is not coming. A
# standfirst or a picture's caption, printed between the headline and the byline, is as long but ends without a stop.
PROSE_CHARS, PROSE_LINES = 60, 2
_SENTENCE_END = re.compile(r"[.!?…。！？][\s\"'”’»)\]]*$")
# The languages told apart (their jusText list's name): the ones whose dates the importers read, and their neighbours
# that would otherwise be taken for one of them.
STOPLISTS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
             "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "da": "Danish", "nb": "Norwegian_Bokmal", "ro": "Romanian"}
# How many of a copy's words are read to tell its language; how many must be a language's stopwords; and by how much
# the first language must lead the second (Danish and Norwegian share most of theirs: both write the day first).
SAMPLE_WORDS, MIN_STOPWORDS, LEAD_RATIO = 4000, 25, 1.5
_WORD = re.compile(r"[^\W\d_]+")
# Between the names of a byline of several people ("Ana Lind, Bo Varga and Kay Moor"): a comma (" , Site" after a
# space is a credit, printed by another element), or the word for "and" in the languages read (en, de, fr, es,
# pt/it, pl, nl, sv/da/nb) or an ampersand before the last name.
_AND = re.compile(r"(?<!\s),\s*(?:(?:and|und|et|y|e|i|en|och|og|&)\s+)?|\s+(?:and|und|et|y|e|i|en|och|og|&)\s+", re.I)
MAX_NAMES = 6
DATE_WORDS = 6
_DAY = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
DATE_LINE_CHARS = 60  # a longer line that starts with a date is a sentence (or a teaser), not the byline's date
_INITIALS = re.compile(r"[A-ZÀ-Þ]{1,3}")  # a writer's initials, printed where the picture would be
_ROW_PARTS = re.compile(r"\s[|·•/]\s")  # what parts a row's fields
ROW_CHARS = 140  # (unless it ends with no sentence and is no longer than this: a theme's row)
# "Datum: 10 Feb 2020", "Erstellt am: 01.11.2023", "Erscheinungsdatum 21. Januar 2022", "Letzte Aktualisierung: …"
_DATE_LABELS = (rf"stand|datum|date|fecha|data|publish date|erscheinungsdatum|(?:letzte|last) (?:aktualisierung|update)"
                rf"|(?:(?:zuletzt|last)\s+)?(?:{DONE}|erstellt|publiziert|erschienen|geändert|postado|atualizado)"
                rf"(?:\s+(?:on|am|le|el|il|em))?")
_DATE_LABEL = re.compile(rf"^(?:{_DATE_LABELS})\s*:?\s*", re.I)
_BEFORE_DATE = re.compile(r"on|am|le|el|il|em|op|[-–—/|·•,]|@[\w.]+", re.I)  # between a byline's name and its date
_NAME_AFTER_DATE = re.compile(r"^(?://|[·|•–—-])\s*")
_NAME_THEN = re.compile(r"\s+,\s+|\s*[·|•/]\s*|\s[–—-]\s|\s+(?:am|on|le|el|il|em|op)\s+(?=\d)"
                        rf"|\s+(?=(?:stand|(?:zuletzt\s+)?(?:geändert|aktualisiert)\s+am|(?:last\s+)?updated)\s*:?\s*\d)", re.I)  # between a byline's name and its date  # "3 March 2026 at 4:12 pm": the most words a byline's date takes


@cache
def _stoplist(name: str) -> frozenset[str]:
    """Imported here: jusText (with lxml's HTML parser) costs about 0.4 s, and only a copy with a numeric date
    needs it."""
    import justext

    return frozenset(justext.get_stoplist(name))


def copy_language(lines: list[str]) -> str:
    """The language the copy is written in ("de"), from the share of each language's stopwords among its words;
    "" when too few of its words are stopwords or two languages that write dates differently come close."""
    words = [w.casefold() for line in lines for w in _WORD.findall(line)][:SAMPLE_WORDS]
    counts = Counter(words)
    scores = sorted(((sum(n for w, n in counts.items() if w in _stoplist(name)), code) for code, name in STOPLISTS.items()),
                    reverse=True)
    (best, code), (second, other) = scores[0], scores[1]
    if best < MIN_STOPWORDS:
        return ""
    if best < second * LEAD_RATIO and date_order(code) != date_order(other):
        return ""
    return code


class CopyDates:
    """A mixin of :class:`.text._Reader`: the copy's dates, the post's and its comments', read as the copy's own
    words say its readers write them (needs ``lines``)."""

    lines: list[str]

    @cached_property
    def language(self) -> str:
        return copy_language(self.lines)

    def copy_date(self, when: str) -> tuple[datetime | None, str]:
        """(the date ``when`` names or None, how a numeric date that reads both ways round was read, else "").
        The language is read only where it counts: a numeric date such as "03/04/2019", and a date whose words
        the languages always read do not name (a Polish copy's "18 lutego 2021 o 21:09")."""
        language = self.language if ambiguous_date(when) else ""
        moment = parse_loose_date(when, language)
        if moment is None and not language and self.language:
            moment = parse_loose_date(when, self.language)
        if moment is None or not ambiguous_date(when):
            return moment, ""
        order = date_order(language) if language else ""
        return moment, (f"{'day' if order == 'DMY' else 'month'} first: the copy is written in {language!r}" if order
                        else "month first: the copy's language is unknown")


def lead_byline(text: str) -> str:
    """The name in a line that starts as a byline does ("By Ilse Varga", "Von Ilse Varga , Canal Weekly",
    "Autor: Ilse Varga"), or ""."""
    text = _GLUED_BY.sub(r"\1 ", text.strip())  # "ByIlse Varga": the copy glued the word to the name's link
    if len(text) > 120 or not BYLINE_LEAD.match(text):
        return ""
    first, *others = _AND.split(text)
    if others and (names := _names([clean_name(first), *others], upper_ok=True)):
        return names
    name = clean_name(text)
    return name if name and all(is_name(n, capitalised=True) or n.isupper() for n in name.split(", ")) else ""


def bare_name(text: str) -> str:
    """A line that is only a name, next to the date: a name of two to five capitalised words ("Ilse Varga"); "" for
    anything less sure. One word alone ("Speichern", "Deportes", "Deutschlandfunk") is a button, a section or the
    site as often as a name, and capitals alone ("FIT FOR FUN") a brand or a section's heading: neither is taken."""
    name = " ".join(text.split())
    if ":" in name or _GLUED_BY.match(name):  # "From: Canal Weekly": a label's line; "ByIlse Varga": a byline's
        return ""
    if _whole_name(name, upper_ok=False):
        return name
    return _names(_AND.split(name), upper_ok=False) if _AND.search(name) else ""


def _whole_name(name: str, *, upper_ok: bool) -> bool:
    """``name`` (spaces folded) is a person's whole name: two to five capitalised words, nothing a byline prints
    around it; in capitals alone only when ``upper_ok`` (a byline's words said it is a name)."""
    return 2 <= len(name.split()) <= 5 and clean_name(name) == name and (
        is_name(name, capitalised=True) and not name.isupper() or upper_ok and name.isupper() and is_name(name, capitalised=False))


def _names(parts: list[str], *, upper_ok: bool) -> str:
    """The names of a byline of several people, joined as every byline's are (", "), when each part is a whole name of
    two to five words ("Ana Lind"; one word, "Prince and the Revolution", is a band as often as two people); or ""."""
    names = [" ".join(part.split()) for part in parts]
    if 2 <= len(names) <= MAX_NAMES and all(_whole_name(name, upper_ok=upper_ok) for name in names):
        return ", ".join(names)
    return ""


def dated_name(text: str) -> str:
    """The name in a line that is a name, then the date ("Ilse Varga , 01. Dez. 2017, 12:01 Uhr 3 min Lesezeit",
    "Ilse Varga · March 3, 2024"), or ""."""
    parts = _NAME_THEN.split(text.strip(), maxsplit=1)
    return bare_name(parts[0]) if len(parts) == 2 and _leading_date(_DATE_LABEL.sub("", parts[1]).split()) else ""


def _near(lines: list[str], title_at: int):
    """(line number, text) of the lines around the title a byline may be on: a few over it, and under it until the
    article has begun (its second paragraph) or another post's teaser does ("Read also")."""
    prose = 0
    for i in range(max(0, title_at - BEFORE_TITLE), min(len(lines), title_at + AFTER_TITLE + 1)):
        text = lines[i].strip()
        if i > title_at and (RELATED.match(text) or RELATED_START.match(text) or prose >= PROSE_LINES):
            return
        if i != title_at:
            yield i, text
        # a long line is a paragraph of the article when it ends a sentence, and a long date line ("Dec. 13, 2016,
        # 12:31 PM UTC / Updated …") is none
        prose += (i > title_at and len(text) > PROSE_CHARS and bool(_SENTENCE_END.search(text))
                  and not _leading_date(text.split()))


def byline_near(lines: list[str], title_at: int) -> tuple[int, str] | None:
    """(line, name) of the first byline with its words ("By …") or a name and its date around the title, or None."""
    return next(((i, name) for i, text in _near(lines, title_at) if (name := lead_byline(text) or dated_name(text) or row_byline(text))), None)


def date_near(lines: list[str], title_at: int) -> tuple[int, str, str] | None:
    """(line, date, name or "") of the first short line around the title that starts with a date, after a label
    ("Stand:", "Published") if any: "October 22, 2019 report", "21. Jan 2022 // Ilse Varga"; or None. Over the
    title only the filled line right over it (a date header): further up are other posts' teasers. The name is the one
    after the date, or under the title the line right over the date if it is a name ("Ana Lind and Bo Varga")."""
    right_over = max((i for i in range(title_at) if lines[i].strip()), default=title_at - 1)  # blank lines between
    for i, text in _near(lines, title_at):
        text = unglue(text)  # "1. November 20161. November 2016 kvarga": published and updated, glued
        if len(text) > DATE_LINE_CHARS and not _date_row(text) or i < right_over:
            continue
        words = _DATE_LABEL.sub("", text).split()
        when = _leading_date(words)
        if when:
            rest = _NAME_AFTER_DATE.sub("", " ".join(words)[len(when):].strip(" ,"))
            return i, when, bare_name(rest) or lead_byline(rest) or _names_over(lines, title_at, i)
    return None


def _names_over(lines: list[str], title_at: int, i: int) -> str:
    """The names on their own lines right over line ``i`` (the date), under the title: one name, or the several of a
    byline that prints each writer's initials (their picture's stand-in, "LP") over their name; "" if none."""
    names = []
    for j in range(i - 1, title_at, -1):
        text = lines[j].strip()
        if _INITIALS.fullmatch(text) and names:
            continue
        if not (name := bare_name(text)):
            break
        names.insert(0, name)
    return ", ".join(names)


def _date_row(text: str) -> bool:
    """A long line that starts with a date is a theme's row, not a sentence, when it ends with none and its fields are
    parted ("… | categories: …") or are mostly not lower-case words as prose's are (the date, the author, the
    categories, the comment count: "1. Februar 2022 Ilse Kanäle, Schleusen 0")."""
    if len(text) > ROW_CHARS or _SENTENCE_END.search(text):
        return False
    words = _WORD.findall(text)
    return bool(_ROW_PARTS.search(text)) or sum(w[0].islower() for w in words) * 2 < len(words)


def date_after_name(byline: str, name: str) -> str:
    """The date a byline prints after its name ("Ilse 21.10.2019 24 Comments" → "21.10.2019"), or ""."""
    at = byline.find(name)
    words = _DATE_LABEL.sub("", byline[at + len(name):].strip()).split() if name and at >= 0 else []
    while words and _BEFORE_DATE.fullmatch(words[0]):  # "on December 13", "@kvarga November 29", "/ Nov 18"
        words = words[1:]
    return _leading_date(words)


def _leading_date(words: list[str]) -> str:
    """The longest date the words start with that names its day ("2019" alone is a year, not a post's date)."""
    for n in range(min(len(words), DATE_WORDS), 0, -1):
        text = " ".join(words[:n]).strip(" ,")
        if re.search(r"\w", words[n - 1]) and _DAY.search(text) and parse_loose_date(text):
            return text
    return ""
