"""A site's menu printed twice in a text copy (the header's and the footer's, or the mobile one): its entries' repeats.

A headline is repeated alone: by a breadcrumb, "3 thoughts on “…”", the page's title line, a second heading over
the article. A menu entry is repeated with its menu: its neighbours come again around it, in the same order. Such a
repeat is the menu's, not a sign that the entry is the headline.
"""

from __future__ import annotations

from . import leftovers as lo

# A menu's run: the entry and its neighbours on both sides repeated with it, next to it, in the same order (a headline
# block printed twice, "Home", "News", the headline, shares its lines over the headline at most; a menu's first and
# last entries keep their repeats), each neighbour a menu entry's length at most (a dek or a lede is longer) and no
# date: the post's own teaser ("Latest posts": its category, its headline, its date) repeats its headline block.
ENTRY_WORDS = 6


def echoes(lines: list[str], filled: list[int]) -> dict[str, int]:
    """How many times each line (by :func:`leftovers.headline_key`) is repeated as part of a menu's run of lines: an
    earlier statement of it stands among the same neighbours, in the same order."""
    keys = [lo.headline_key(lines[i]) for i in filled]
    short = [0 < len(lines[i].split()) <= ENTRY_WORDS and not lo.date_line(lines[i].strip()) for i in filled]
    seen: dict[str, list[int]] = {}
    found: dict[str, int] = {}
    for n, key in enumerate(keys):
        if key and any(_run(keys, short, m, n, -1) and _run(keys, short, m, n, 1) for m in seen.get(key, ())):
            found[key] = found.get(key, 0) + 1
        seen.setdefault(key, []).append(n)
    return found


def _run(keys: list[str], short: list[bool], m: int, n: int, step: int) -> bool:
    """Lines ``m`` and ``n`` (the same line twice) have the same short line next to them on the side ``step`` points to."""
    a, b = m + step, n + step
    return 0 <= a and b < len(keys) and a != n and b != m and bool(keys[a]) and keys[a] == keys[b] and short[a]
