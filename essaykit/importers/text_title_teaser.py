"""A line further down a text copy, with a byline under it, that is a teaser or a list item, not the headline.

:func:`.text_title.headline` looks past the copy's first prose when nothing over it is a sure headline: that first
prose may be a cookie notice, a promo or a teaser's excerpt. But when the first prose starts a whole article (several
paragraphs, more prose than anything further down holds), a line under that article is a related story's teaser
("Recommended" / a headline / "By NAME 42 minutes ago"), an item of a list inside the article ("NAME, three years,
$38 million" over "NAME, under control through 2020"), or a reader's comment: the line over the article stays the
headline, reported as a guess. A line further up (a teaser list over the article's headline) is not kept so.
"""

from __future__ import annotations

from collections.abc import Callable

from .text_title_meta import _dateline, line_words

ARTICLE_WORDS = 150  # the prose between the first prose and the line further down holds this many words at least…
ARTICLE_PARAGRAPHS = 3  # …in this many paragraphs (a cookie notice or a promo is one)
PROSE_SHARE = 3  # …and one filled line in this many at least is prose (a notice over a long menu is no article)
NEAR = 5  # the headline stands this many filled lines over the first prose at most (a dek, a byline between)
WHY = "with a whole article under it before any other dated line"


def article_before(lines: list[str], filled: list[int], start: int, best: int, at: int, prose: Callable[[str], bool]) -> bool:
    """The line ``best`` stands right over the copy's first prose (``filled[start]``), and that prose starts an article
    going on down to line ``at``: several paragraphs, a good share of the lines between, and no dated line (a
    teaser's, a post's) between but the byline under a dek. ``prose`` tells a line of prose."""
    if best not in filled[max(0, start - NEAR):start]:
        return False
    stretch = [i for i in filled[start:] if i < at]
    over = [lines[i] for i in stretch if prose(lines[i])]
    dated = any(_dateline(lines[i].strip()) for i in filled[start + NEAR:] if i < at)
    return (not dated and len(over) >= ARTICLE_PARAGRAPHS and len(over) * PROSE_SHARE >= len(stretch)
            and sum(line_words(line) for line in over) >= ARTICLE_WORDS)
