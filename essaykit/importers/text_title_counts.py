"""How many times a text copy states each line, the count ``text_title`` reads as "the copy repeats it".

A breadcrumb's last part ("News > 2015 > Title") counts as a statement of that part. A list widget that prints each
of its entries twice in a row (a "Most popular" box whose entries carry a picture's caption and a link with the same
words) states each entry once: doubled, the page's own headline among them would seem repeated as often as furniture
("Reply", "Read more") is, and lose to its dek. A table of contents states each section's heading once more: that
repeat is the table's, no sign that the heading is the page's headline.
"""

from __future__ import annotations

import bisect
import re

from . import leftovers as lo

# Between a breadcrumb's parts.
CRUMB = re.compile(r"\s+[>›»/]\s+")
# A run of this many entries at least, each printed twice in a row, is a list widget's doubled entries.
DOUBLED_RUN = 3
# A table of contents: this many entries at least, each this many words at most.
CONTENTS_RUN, ENTRY_WORDS = 3, 12


def line_counts(lines: list[str], filled: list[int]) -> dict[str, int]:
    """:func:`leftovers.headline_key` of each line (and of a breadcrumb's last part) → how many times the copy states
    it, a doubled list's entry counted once for its pair."""
    counts: dict[str, int] = {}
    for i in filled:
        for part in {lines[i], CRUMB.split(lines[i])[-1]}:
            counts[lo.headline_key(part)] = counts.get(lo.headline_key(part), 0) + 1
    for key in doubled_entries(lines, filled) + contents_entries(lines, filled):
        counts[key] -= 1
    return counts


def contents_entries(lines: list[str], filled: list[int]) -> list[str]:
    """The key of each entry of a table of contents: a run of ``CONTENTS_RUN`` short lines or more, each stated again
    further down, in the same order, over a paragraph (a section's heading over its text; a menu printed twice has
    its entries next to each other both times, a tag list's words stand again in other lists)."""
    keys = [lo.headline_key(lines[i]) for i in filled]
    headings: dict[str, list[int]] = {}  # where each line stands over a paragraph (a section's heading over its text)
    for k in range(len(keys) - 1):
        if len(lines[filled[k + 1]].split()) > ENTRY_WORDS:
            headings.setdefault(keys[k], []).append(k)
    found: list[str] = []
    n = 0
    while n < len(keys):
        run, after = [], n
        for m in range(n, len(keys)):
            if not keys[m] or len(lines[filled[m]].split()) > ENTRY_WORDS:
                break
            over = headings.get(keys[m], [])
            at = bisect.bisect_right(over, max(after, m))
            later = over[at] if at < len(over) else None
            if later is None or (run and later - after < 2):
                break  # stated nowhere further down, or right under the entry before it (a menu again)
            run.append(m)
            after = later
        if len(run) >= CONTENTS_RUN:
            found += [keys[m] for m in run]
            n = run[-1] + 1
        else:
            n += 1
    return found


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
