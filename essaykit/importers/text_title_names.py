"""Who a line by a text copy's headline names: the byline's author, or several of them ("Julia Carrie Wong and Sam
Levin", "John Patrick Pullen, TIME"). A line that names the post's authors over its date is the byline, never the
headline; a line of capitalised words over a byline naming someone else is the headline, not a second author."""

from __future__ import annotations

import re

from .names import BY
from .text_labels import LETTER_WORD
from .text_patterns import _name_like

# A short line with a date in it ("Sarah Gooding March 9, 2017", "on Mar 17 · 11 min", "Le Monde | 04.05.2015 à 13h36").
DATED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\d{1,2}月\d{1,2}日|\b(?:jan|feb|mar|apr|may"
                   r"|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# A dated line's author after a byline's word at its end ("Publiziert am 13. Januar 2014 von uriebe").
_BY_AT_END = re.compile(rf"\b(?:{BY})\s+(?P<name>[^\W\d_][\w.'-]*(?:\s+[^\W\d_][\w.'-]*){{0,2}})$", re.I)
# Between the names of a byline: "A and B", "A, B & C", "A und B", "A et B", "A y B", "NAME, OUTLET".
_JOIN = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*")  # "Richard (R.J.) Eskow"
NAMES_MAX = 4  # a byline names this many people at most


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
    return all(2 <= len(p.split()) <= 3 for p in people)
