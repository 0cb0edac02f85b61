"""How many times a text copy states each line, the count ``text_title`` reads as "the copy repeats it".

A breadcrumb's last part ("News > 2015 > Title") counts as a statement of that part. A list widget that prints each
of its entries twice in a row (a "Most popular" box whose entries carry a picture's caption and a link with the same
words) states each entry once: doubled, the page's own headline among them would seem repeated as often as furniture
("Reply", "Read more") is, and lose to its dek.
"""

from __future__ import annotations

import re

from . import leftovers as lo

# Between a breadcrumb's parts.
CRUMB = re.compile(r"\s+[>›»/]\s+")
# A run of this many entries at least, each printed twice in a row, is a list widget's doubled entries.
DOUBLED_RUN = 3


def line_counts(lines: list[str], filled: list[int]) -> dict[str, int]:
    """:func:`leftovers.headline_key` of each line (and of a breadcrumb's last part) → how many times the copy states
    it, a doubled list's entry counted once for its pair."""
    counts: dict[str, int] = {}
    for i in filled:
        for part in {lines[i], CRUMB.split(lines[i])[-1]}:
            counts[lo.headline_key(part)] = counts.get(lo.headline_key(part), 0) + 1
    for key in doubled_entries(lines, filled):
        counts[key] -= 1
    return counts


def doubled_entries(lines: list[str], filled: list[int]) -> list[str]:
    """The key of each entry of a doubled list (once for each pair): a run of ``DOUBLED_RUN`` filled lines or more
    each stated twice in a row, the pairs next to each other."""
    keys = [lo.headline_key(lines[i]) for i in filled]
    found: list[str] = []
    n = 0
    while n < len(keys) - 1:
        run = n
        while run + 1 < len(keys) and keys[run] and keys[run] == keys[run + 1] and (run == n or keys[run] != keys[run - 2]):
            run += 2
        pairs = (run - n) // 2
        if pairs >= DOUBLED_RUN:
            found += [keys[n + 2 * k] for k in range(pairs)]
            n = run
        else:
            n += 1
    return found
