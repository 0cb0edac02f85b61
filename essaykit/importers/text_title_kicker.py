"""A section's name printed over a news page's headline (its kicker), which the copy repeats in the site's menu.

News and magazine pages print the section ("Justice et faits divers", "The Two-Way") over the headline, and the
same words stand in the menu or over the related stories' headlines: the copy repeats the kicker, not the headline.
A short line found only because the copy repeats it, right over a longer headline that the copy states once and that
is followed by no other headline (its dek, share buttons or the article are), is the headline's kicker.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import leftovers as lo

KICKER_WORDS = 4  # a section's name is this short
SECOND_KICKER_WORDS = 2  # a second label may stand between ("The Two-Way" / "America" / the headline)


def headline_under_kicker(lines: list[str], filled: list[int], n: int, counts: dict[str, int],
                          shape: Callable[[str], bool]) -> int | None:
    """The line (index into ``lines``) of the headline under the kicker at ``filled[n]``, or None when that line
    is no kicker; ``shape`` tells a line that may be a headline, ``counts`` how often the copy states each line."""
    kicker = lines[filled[n]].split()
    if not 0 < len(kicker) <= KICKER_WORDS or any(ch.isdigit() for ch in lines[filled[n]]):  # "Identifier: NCT0374"
        return None
    for k in (n + 1, n + 2):
        if k + 1 >= len(filled):
            return None
        text = lines[filled[k]].strip()
        if k == n + 2 or len(text.split()) > SECOND_KICKER_WORDS or shape(text):
            break
    under = lines[filled[k + 1]].strip()
    if (shape(text) and len(text.split()) > len(kicker) and counts.get(lo.headline_key(text), 0) <= 1
            and not shape(under)):
        return filled[k]
    return None


GLUED_KICKER_WORDS = 3  # a section's name glued in front of a headline is this short
GLUED_REST_WORDS = 3  # and the headline after it at least this long
_CRUMB_END = re.compile(r"(?:»|›|>|/|\|)\s*([^»›>/|]+)$")  # a breadcrumb's last section ("Home » News » NAME")
_DASHES = ("-", "–", "—", "|")
COLON_WITHIN = 3  # a short form of the headline ("NAME: short words") stands this few lines over it


def glued_kicker(lines: list[str], at: int) -> str:
    """The section's name glued in front of the headline at line ``at`` ("Coronavirus und andere Zoonosen – Wie …"
    when "Coronavirus" is a menu entry), or "": the line's first words are a whole line elsewhere in the copy, a
    breadcrumb's last section, or the part before the colon of a short form of it just above ("NAME: short words").

    Found by the article's prose alone, such a line may be the headline or the kicker and headline run together: the
    importer cannot tell, so the title is a guess."""
    words = lines[at].split()
    if len(words) < 1 + GLUED_REST_WORDS or any(w.endswith(":") or w in _DASHES for w in words[:GLUED_KICKER_WORDS + 1]):
        return ""  # "Zimbabwe coup: …", "Korsetts – …": the headline prints its topic itself, with its separator
    heads = {" ".join(words[:n]).casefold(): " ".join(words[:n]) for n in range(1, GLUED_KICKER_WORDS + 1)
             if len(words) - n >= GLUED_REST_WORDS}
    near = [i for i in range(max(0, at - COLON_WITHIN * 3), at) if lines[i].strip()][-COLON_WITHIN:]
    for i, line in enumerate(lines):
        text = " ".join(line.split())
        if i == at or not text:
            continue
        found = [text.casefold()]
        if crumb := _CRUMB_END.search(text):
            found.append(" ".join(crumb.group(1).split()).casefold())
        if i in near and ":" in text:
            found.append(text.split(":", 1)[0].strip().casefold())
        for key in found:
            if key in heads:
                return heads[key]
    return ""


SECTION_WORDS = 5  # a section's name printed over the headline is this short
MAX_HEADLINE_WORDS = 16  # a headline is no longer (a dek or a lede is)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")  # "Bern, 17.08.2007 - Rede …": a dateline's lede
_SECTION_MARK = re.compile(r"\s[|/›»]\s")  # "Volleyball | MTV Stuttgart": a section and its subsection
_SENTENCE_END = (".", "!", "?", "…", ":")


def _section_sign(lines: list[str], filled: list[int], n: int, counts: dict[str, int], headline: str) -> str:
    """What marks the line at ``filled[n]`` as a section's name rather than the headline under it, or ""."""
    text = lines[filled[n]].strip()
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters) and any(ch.islower() for ch in headline):
        return "in capitals, over a headline in lower case"
    if _SECTION_MARK.search(text):
        return "a section with its subsection after a bar"
    key = lo.headline_key(text)
    if counts.get(key, 0) > max(1, counts.get(lo.headline_key(headline), 0)) and len(text.split()) <= KICKER_WORDS \
            and any(lo.headline_key(lines[i]) == key for i in filled[:n]):
        return "a menu's entry over it, stated more often than the headline"
    return ""


def section_over_headline(lines: list[str], at: int, counts: dict[str, int], shape: Callable[[str], bool],
                          dated: Callable[[str], bool]) -> tuple[int, str] | None:
    """(line, why) of the headline right under line ``at`` when ``at`` is a section's name over it, else None.

    News and institutional sites print the section ("NOTICIAS DE MEDELLÍN", "Volleyball | MTV Stuttgart", "Dans les
    médias") right over the headline, and the byline or date under both marks the section's line as well. The
    section's name is short, states no sentence and carries a mark a headline lacks: capitals over a headline in lower
    case, a subsection after a bar, or the copy stating it in a menu over it as well. The headline under it is longer
    (a dek's length at most, with no numeric date: a dateline's lede), stated at most as often, and no other headline
    follows it (a date, a byline, a dek or the article do). ``shape`` tells a headline's shape, ``dated`` a date or
    byline line."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if at not in filled:
        return None
    n = filled.index(at)
    text = lines[at].strip()
    words = text.split()
    if not 0 < len(words) <= SECTION_WORDS or any(ch.isdigit() for ch in text) or text.endswith(_SENTENCE_END) \
            or n + 2 >= len(filled):
        return None
    headline, under = lines[filled[n + 1]].strip(), lines[filled[n + 2]].strip()
    if not shape(headline) or not len(words) < len(headline.split()) <= MAX_HEADLINE_WORDS \
            or lo.headline_key(text) in lo.headline_key(headline) or shape(under) and not dated(under) \
            or _NUMERIC_DATE.search(headline):
        return None  # no headline under it, its own longer wording, or a list of headlines
    sign = _section_sign(lines, filled, n, counts, headline)
    return (filled[n + 1], sign) if sign else None
