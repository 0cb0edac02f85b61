"""A list of links whose entries share a label: at their end ("Kultur in Kirchen... diese Seite aufrufen", "… read
more") or as their first word with its colon ("Vergleichsrechner: Mobilfunk" / "Vergleichsrechner: DSL & Festnetz").

A mega-menu or a teaser list may print each entry's name with a link's label glued to its end, or a menu may name a
family of tools or guides each after the same word. Each entry is then a line of a headline's shape, often with a date
or a teaser's prose near it, but the shared label shows a list, as ``text_title``'s own test for entries sharing their
first two words does: none of them is the page's headline.
"""

from __future__ import annotations

ENDING_WORDS = 3  # the entries end with this many words in common (a link's label)
NEIGHBOURS = 2  # among this many filled lines on either side…
LIST_OTHERS = 2  # …this many other lines end so (two lines alone may be a headline and its reworded form)


def same_ending(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``filled[n]`` ends with the last ``ENDING_WORDS`` words of two other lines next to it (a label's words),
    and neither line ends with the other whole (a breadcrumb glued to the headline ends with it: "HomeNewsTITLE", TITLE)."""
    words = lines[filled[n]].split()
    if len(words) <= ENDING_WORDS:
        return False
    near = [lines[filled[m]].split() for m in range(max(0, n - NEIGHBOURS), min(len(filled), n + NEIGHBOURS + 1)) if m != n]
    line = " ".join(words)
    return sum(len(other) > ENDING_WORDS and other[-ENDING_WORDS:] == words[-ENDING_WORDS:]
               and not line.endswith(" ".join(other)) and not " ".join(other).endswith(line) for other in near) >= LIST_OTHERS


def shared_label(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``filled[n]`` starts with a word and its colon that the line over or under it starts with too."""
    words = lines[filled[n]].split()
    if len(words) < 2 or not words[0].endswith(":"):
        return False
    return any(lines[filled[m]].split()[:1] == words[:1] and lines[filled[m]].split() != words
               for m in (n - 1, n + 1) if 0 <= m < len(filled))


def in_link_list(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``filled[n]`` is an entry of a list of links, by a label it shares with the entries next to it."""
    return same_ending(lines, filled, n) or shared_label(lines, filled, n)
