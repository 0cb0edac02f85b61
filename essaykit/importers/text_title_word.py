"""A text copy's headline of one word ("Emden", "Batteriespeicher", "Hope!"), taken only when nothing else is one.

A lexicon's entry, a town's page in a travel guide, a column's one-word essay: its headline is a single word right
over its first paragraph. Menus are made of such words too, so a word is taken only when the copy's structure marks
no other line (``text_title`` found no headline), the line stands right over the first prose, the copy states it
three times at most, and the article goes on under that prose (a cookie notice or a promo under a menu's last entry is
one paragraph). It is reported as a guess, as every headline read off this sign alone is.
"""

from __future__ import annotations

from collections.abc import Callable

from . import leftovers as lo

WHY = "nothing else: a single word right over the article's first prose, the article going on under it"
FOLLOW = 3  # one of this many filled lines under the first prose is prose too: an article, not a notice
MAX_STATED = 3  # a breadcrumb or the page's own title line may state it again; a menu printed many times more often


def one_word(lines: list[str], filled: list[int], start: int, counts: dict[str, int], short: Callable[[str], bool],
             prose: Callable[[str], bool]) -> int | None:
    """The line of a one-word headline right over the first prose (``filled[start]``), else None. ``short`` tells a
    headline of a word or two by its shape (``text_title``'s), ``prose`` a line of prose."""
    if start < 1:
        return None
    at = filled[start - 1]
    text = lines[at].strip()
    if len(text.split()) != 1 or not short(text) or counts.get(lo.headline_key(text), 0) > MAX_STATED:
        return None
    return at if any(prose(lines[i]) for i in filled[start + 1:start + 1 + FOLLOW]) else None
