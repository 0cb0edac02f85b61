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
