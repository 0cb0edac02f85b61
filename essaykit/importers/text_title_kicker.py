"""A section's name printed over a news page's headline (its kicker), which the copy repeats in the site's menu.

News and magazine pages print the section ("Justice et faits divers", "The Two-Way") over the headline, and the
same words stand in the menu or over the related stories' headlines: the copy repeats the kicker, not the headline.
A short line found only because the copy repeats it, right over a longer headline that the copy states once and that
is followed by no other headline (its dek, share buttons or the article are), is the headline's kicker.
"""

from __future__ import annotations

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
