"""The lines by a text copy's headline: its date or byline line, and who a line names (the byline's author, or
several of them: "Julia Carrie Wong and Sam Levin", "John Patrick Pullen, TIME"). A line that names the post's authors
over its date is the byline, never the headline; a line of capitalised words over a byline naming someone else is the
headline, not a second author."""

from __future__ import annotations

import re

from . import leftovers as lo
from .names import BY
from .text_headers import date_text, time_only
from .text_controls import byline_phrase
from .text_labels import LETTER_WORD
from .text_patterns import HEAD_FURNITURE, READING_TIME, _name_like, read_byline

# A short line with a date in it ("Sarah Gooding March 9, 2017", "on Mar 17 · 11 min", "Le Monde | 04.05.2015 à 13h36").
DATED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\d{1,2}月\d{1,2}日|\b(?:jan|feb|mar|apr|may"
                   r"|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# A dated line's author after a byline's word at its end ("Publiziert am 13. Januar 2014 von uriebe").
_BY_AT_END = re.compile(rf"\b(?:{BY})\s+(?P<name>[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){{0,2}})$", re.I)
# Between the names of a byline: "A and B", "A, B & C", "A und B", "A et B", "A y B", "NAME, OUTLET".
_JOIN = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*")  # "Richard (R.J.) Eskow"
NAMES_MAX = 4  # a byline names this many people at most
# A line with a date and fewer other words than this is a date line, not a headline naming a year.
DATE_WORDS = 4
DATE_TIME_WORDS = 12  # a line this short with a day, a month and a time is a date line, whatever its other words
PUBLISHED = re.compile(r"^(?:published|posted|updated|last updated|veröffentlicht|publiziert|aktualisiert|publié|mis à jour|publicado"
                        r"|atualizado|actualizado|pubblicato|aggiornato)\b", re.I)
# A day, a month and a year starting a line: "1. Februar 2022 …", "21 Jan 2022 // …", "01.05.2017 …", "May 4, 2022 …"
_LEADING_DATE = re.compile(r"^(?:\d{1,2}\.?\s*(?:(?P<month>[^\W\d_]{3,})\.?|\d{1,2}\.)\s*|(?P<month2>[^\W\d_]{3,})\.?\s+"
                           r"\d{1,2},?\s+)(?:19|20)\d\d\b")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DAY = re.compile(r"(?<!\w)\d{1,2}(?:\.|st|nd|rd|th|er|º)?(?!\w)|\d[:h]\d\d|\d月")  # a day or a time, not "KOA039"
# A short line that starts as a byline does in the languages we read ("Par Laurence Defranoux", "Von …", "Por …").
_BYLINE_START = re.compile(r"^(?:by|par|por|von|di|da|door|av|af|autor|auteur|author)\s*:?\s+\S"  # "Von: NAME"
                           # the label glued to the name's link by the copy: "ByNatasha Daly", "Byby NAME"
                           r"|^(?-i:By)(?:(?-i:[A-Z])[a-z]+\s(?-i:[A-Z])|by\s+\S)", re.I)
_TIME = re.compile(r"\d:\d\d")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, CJK ideographs, hangul


def line_words(line: str) -> int:
    """How many words ``line`` holds; in a script written without spaces, one for every two characters."""
    return len(line) // 2 if _WIDE.search(line) else len(line.split())

META_WORDS = 24


def _meta_words(text: str) -> int:
    """How many words a byline or date line holds: its words between spaces, and in a script written without spaces
    one for every two of its characters ("ZDNet Japan Staff 2019年04月28日" is short, a paragraph of Japanese long)."""
    return len(_WIDE.sub("", text).split()) + len(_WIDE.findall(text)) // 2


def named_at_end(text: str) -> str:
    """The name a dated line ends with after a byline's word, or ""."""
    found = _BY_AT_END.search(text) if DATED.search(text) else None
    return found.group("name") if found else ""


def shares_a_name(text: str, name: str) -> bool:
    """Whether ``text`` has a word of the author ``name`` a byline gives: "Liebe Menschen Europas" over "Publiziert am
    13. Januar 2014 von uriebe" is a headline of three capitalised words, not a second author's name."""
    words = {w.casefold() for w in LETTER_WORD.findall(name) if len(w) > 1}
    return any(w.casefold() in words for w in LETTER_WORD.findall(text))


def names(text: str) -> bool:
    """A line that is one person's name, or a few people's full names joined as a byline joins them; an outlet's one
    word may end it after a comma ("John Patrick Pullen,TIME"). "Apple and Google Team Up" names no people."""
    if _name_like(text):
        return True
    text = _ASIDE.sub(" ", text).strip()  # "Richard (R.J.) Eskow"; "Goals (SDGs)" is no one's name
    if len(text.split()) >= 2 and _name_like(text):
        return True
    parts = [p for p in _JOIN.split(text) if p]
    if not 2 <= len(parts) <= NAMES_MAX or not all(_name_like(p) for p in parts):
        return False
    people = parts[:-1] if len(parts[-1].split()) == 1 and re.search(r",\s*\S+$", text) else parts
    # a correspondent's city after a full name ("Markus M. Haefliger, London, Beat Bumbacher"), not first nor alone
    people = [p for k, p in enumerate(people) if not (
        k and len(p.split()) == 1 and len(people[k - 1].split()) >= 2 and re.search(rf",\s*{re.escape(p)}\s*,", text))]
    return all(2 <= len(p.split()) <= 3 for p in people)


def _meta(text: str) -> bool:
    """A byline, a date, a reading time or a comment count: what stands under a headline."""
    return bool(read_byline(text) or lo.date_line(text) or READING_TIME.match(text) or HEAD_FURNITURE.match(text)
                or lo.comment_count(text) or (_meta_words(text) <= META_WORDS
                                              and (DATED.search(text) or _BYLINE_START.match(text)))
                or byline_phrase(text))


def _dateline(text: str) -> bool:
    """A byline or date line: :func:`_meta`, except that a headline may name a year ("… Lula em 2012")."""
    if date_text(text) or time_only(text):
        return True
    if not _meta(text):
        return False
    if read_byline(text) or lo.date_line(text) or READING_TIME.match(text) or HEAD_FURNITURE.match(text) \
            or lo.comment_count(text) or _BYLINE_START.match(text) or byline_phrase(text):
        return True
    if _WIDE.search(text) is not None and _DAY.search(_YEAR.sub(" ", text)) or PUBLISHED.match(text):
        return True
    if DATED.search(_YEAR.sub(" ", text)) and _TIME.search(text) and len(text.split()) <= DATE_TIME_WORDS:
        return True  # "Aus der Region 6. November 2023 15:00 Kommentar schreiben": a date and a time date a line
    lead = _LEADING_DATE.match(text)
    month = lead and (lead.group("month") or lead.group("month2"))
    if lead and (not month or lo.DATE_TOKEN.match(month)):
        return True  # "1. Februar 2022 Steffi Kaufratgeber, Katzen": a theme's date, author and categories
    if not _DAY.search(_YEAR.sub(" ", text)):
        return False  # "KOA039 Live vom KnowledgeCamp 2019" names a year; a date line has a day or a time too
    words = [w for w in re.split(r"[\s,.:;()|·]+", text) if w and not any(ch.isdigit() for ch in w)]
    return sum(not lo.DATE_TOKEN.match(w) for w in words) < DATE_WORDS  # "AFP 30 avril 2015 à 07:19 (Mis à jour …)"
