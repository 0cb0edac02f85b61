"""A copy's headline found anywhere in it by the block a headline heads: its date or byline, then its article.

:func:`.text_title.headline` looks near the copy's first prose. On a news site or a shop that first prose is often
not the article's: a cookie notice, a mega-menu's glued entries, a newsletter box, a sidebar's "about me". A
headline, wherever it stands, heads a block a menu entry, a teaser or a sidebar heading never heads: a date or a
byline right over or under it, then the article's prose within a few lines, a whole article's worth of it before
the next such block. Teasers in a list have their dates too, but an excerpt, not an article, under them.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_headers import comments_start
from .text_patterns import RELATED_START
from .text_title import (ARTICLE_WORDS, DEK_SIGN, MAX_REPEATS, RELATED, _dateline, _headline_shape, _in_a_list, _prose,
                         _HANDLE, _related_over, headline, sure)
from .text_title_crumbs import trail
from .text_title_meta import line_words, names
from .text_title_news import video_runtime

DATE_OVER = 2  # a date or byline this many filled lines over a line dates it ("02.02.2022 A-Frauen" / the headline)
DATE_UNDER = 4  # …or this many under it (a lede, a credit or a "Von" may stand between)
PROSE_WITHIN = 7  # the article's first prose stands this many filled lines under the headline at most
ARTICLE_LINES = 40  # the article's words are counted in this many filled lines under its first prose
RIGHT_UNDER = "right under it"  # headline()'s sign of a byline or date on the line under
# Never sure (the reader reports it as a guess): a caption or a kicker by the headline heads the same block.
INSIDE = 4  # with two lines of prose among this many filled lines over it, a line heads a section, not an article
# A button by a byline ("Share", "Follow", "Listen") or a separator, which the byline reader passes by: every teaser
# in a row of share buttons has one over it, so it dates nothing.
BUTTON = re.compile(r"^(?:follow|following|listen|share|[·•|—])\W*$", re.I)
WHY = "heading a dated article (a date or byline within a few lines, then the article)"


def _dated(line: str) -> bool:
    """A date or byline line: not a button ("Share"), not a bare number ("8984" under a teaser counts its views;
    "12.03.2024" is a date), not an embedded post's credit ("— NAME (@handle) December 9, 2016")."""
    return (_dateline(line) and not line.isdigit() and not _HANDLE.search(line) and not line.startswith(("—", "–"))
            and not video_runtime(line) and not BUTTON.match(line))


def _prose_words(lines: list[str], at: list[int]) -> int:
    return sum(line_words(lines[i]) for i in at if _prose(lines[i]))


def _heads_a_block(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``n`` has a date or byline by it and an article under it, with no other dated line heading a part of it."""
    over = [lines[i].strip() for i in filled[max(0, n - DATE_OVER):n]]
    under = [lines[i].strip() for i in filled[n + 1:n + 1 + PROSE_WITHIN]]
    first = next((k for k, line in enumerate(under) if _prose(line)), None)
    if first is None or not (any(_dated(line) for line in over) or any(_dated(line) for line in under[:DATE_UNDER])):
        return False
    words = 0
    for k, i in enumerate(filled[n + 1 + first:n + 1 + first + ARTICLE_LINES], start=n + 1 + first):
        line = lines[i].strip()
        if lo.comments_heading(line) or comments_start(line):
            break
        nxt = [lines[j].strip() for j in filled[k + 1:k + 3]]
        if k > n + 1 + first and _headline_shape(line) and any(_dateline(b) for b in nxt):
            break  # the next teaser of a list, with its own date: what was counted was an excerpt
        words += line_words(line) if _prose(line) else 0
    return words >= ARTICLE_WORDS


def headline_block(lines: list[str], guess: tuple[int, str] | None = None) -> tuple[int, str] | None:
    """(line index, why) of the first line of the copy that heads a dated article, or None; never a sure headline.

    ``guess`` is :func:`.text_title.headline`'s finding: when it is sure or has its byline right under it (or under
    its dek), None.
    None too when the line found stands a few lines under ``guess``: a caption or a dek under a headline heads its
    article as well as the headline does."""
    if guess is not None and (sure(guess[1]) or RIGHT_UNDER in guess[1] or DEK_SIGN in guess[1]):
        return None
    filled = [i for i, line in enumerate(lines) if line.strip()]
    counts: dict[str, int] = {}
    for i in filled:
        counts[lo.headline_key(lines[i])] = counts.get(lo.headline_key(lines[i]), 0) + 1
    for n, i in enumerate(filled):
        text = lines[i].strip()
        if lo.comments_heading(text) or comments_start(text):
            return None  # the comments: a commenter's name over a date and a long comment heads no article
        if (not _headline_shape(text) or names(text) or trail(text, lines[filled[n - 1]] if n else "")
                or counts.get(lo.headline_key(text), 0) > MAX_REPEATS or _in_a_list(lines, filled, n)
                or _related_over(lines, filled, n) or RELATED.match(text) or RELATED_START.match(text)):
            continue
        if sum(_prose(lines[i]) for i in filled[max(0, n - INSIDE):n]) >= 2:
            continue  # prose over it too: a section heading inside an article (its headline is further up)
        if _heads_a_block(lines, filled, n):
            if _prose_words(lines, filled[:n]) >= _prose_words(lines, filled[n:]):
                return None  # more prose over it than under it: the article is over it (this is a teaser's)
            found = _within(lines, filled, n)
            near = guess is not None and guess[0] < found[0] and sum(guess[0] < f < found[0] for f in filled) <= DATE_UNDER
            return None if near else found
    return None


def _within(lines: list[str], filled: list[int], n: int) -> tuple[int, str]:
    """The headline of the block line ``n`` heads, read by :func:`.text_title.headline` as if the copy began there.

    A block's first line may be a kicker over its headline, and a dek may stand under it: the rules that tell them
    apart near a copy's first prose tell them apart here, with the menus and notices above out of their sight."""
    top = filled[max(0, n - DATE_OVER)]
    prose = next(i for i in filled[n + 1:] if _prose(lines[i]))
    found = headline([""] * top + lines[top:])
    if found is not None and top <= found[0] < prose and found[0] != filled[n]:
        return found[0], f"{found[1]}, {WHY}"  # as sure as the signs headline() saw
    return filled[n], WHY
