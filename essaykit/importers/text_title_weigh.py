"""A second look at a copy's headline when the rules found none they are sure of: several weak signs weighed together.

:func:`.text_title.headline` and :func:`.text_title_block.headline_block` take a line by one strong sign or two (a
byline right under it, the copy repeating it). When what they found is only a guess, each headline-shaped line of the
copy is weighed by the small signs a headline has and a menu entry, a teaser or a notice lacks, none decisive alone:

- the article's prose starts within a few lines under it (a dek, a byline, a caption between), and an article's
  worth of prose follows before the next dated heading (a teaser's excerpt is shorter);
- a date or byline just under it, or just over it;
- it ends a run of short lines (a menu, a breadcrumb, a section's name): the page's own part begins there;
- it is a sentence's length, neither a word nor a paragraph;
- the prose under it uses its words (a headline names what the article is about; a notice's title does not);
- the copy states it twice or three times (a breadcrumb, a share line), no more;
- lines of text over it, or two sentences in it, make it a line of the article (a subheading, a quotation).

The best line replaces the rules' guess only when it outweighs it by :data:`MARGIN`; the title stays a guess, and
``--explain`` names the signs that chose it.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_headers import comments_start
from .text_patterns import RELATED_START
from .text_title import ARTICLE_WORDS, MAX_REPEATS, RELATED, _headline_shape, _in_a_list, _prose, _related_over
from .text_title_block import WHY as BLOCK_WHY, _dated
from .text_title_crumbs import trail
from .text_title_meta import line_words, names

PROSE_NEAR = 3  # the article's prose within this many filled lines under a headline…
PROSE_WITHIN = 6  # …or at least within this many (a dek, a byline, a caption between)
DATE_UNDER = 4  # a date or byline this many filled lines under a line dates it
ARTICLE_LINES = 40  # the article's words are counted in this many filled lines under it
MENU_LINES = 3  # this many short lines over a line: it ends a menu or a breadcrumb
MENU_WORDS = 3  # a menu's entry has this many words at most
INSIDE = 8  # lines of text among this many filled lines over a line: a line inside an article
TEXT_WORDS = 8  # a line of text has this many words (a menu's entries fewer)
ECHO_LETTERS = 4  # a word this long at least counts as the headline's (not "the", "und", "des")
ECHO_SHARE = 0.5  # the article uses this share of the headline's words at least
SHORT_WORDS, LONG_WORDS = 4, 20  # a headline has this many words, most often
SENTENCES = re.compile(r"\w[.!?]\s+\w|^[“\"«„]")  # two sentences in a line, or a quotation's start
# What each sign weighs (a negative weight: a sign against).
WEIGHTS = {"prose right under it": 2.0, "prose a few lines under it": 1.0, "a date or byline under it": 1.5,
           "a date over it": 1.0, "an article under it": 1.5, "no article under it": -1.5, "at the end of a menu": 1.0,
           "a headline's length": 1.0, "one word": -1.0, "a paragraph's length": -1.5, "the article uses its words": 1.5,
           "the copy repeats it": 0.5, "two sentences or a quotation": -1.0}
INSIDE_WEIGHTS = (0.0, -0.5, -1.5, -2.5)  # one, two, three or more lines of text over it
MARGIN = 2.0  # the weighed line must outweigh the rules' guess by this much to replace it
ARTICLE_TEXT_LINES = 2  # this many lines of text between the guess and a line under it: the line is inside its article
WORDING_LINES = 3  # a line this near the guess, with half its words, is another wording of it
DOUBT_MARGIN = 3.0  # a line outweighing a sure headline by this much makes it a guess
MIN_WEIGHT = 3.0  # …and weigh this much at least (a line with no article under it never does)
NO_GUESS = 1.5  # …and more where the rules found none (the reader's fallback, the copy's first line, is often right)
WHY = "weighing weak signs together"
_WORD = re.compile(r"[^\W\d_]+")
# The rules' weakest findings (text_title.py's signs alone), and their last resort.
WEAK_WHYS = ("", "the copy repeats it", "the copy repeats it and the article's prose follows")
NOTHING_ELSE = "nothing else"


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) >= ECHO_LETTERS}


class _Copy:
    """A copy's filled lines with what each is (prose, a date line, a headline's shape), read once."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.filled = [i for i, line in enumerate(lines) if line.strip()]
        self.text = [lines[i].strip() for i in self.filled]
        self.prose = [_prose(t) for t in self.text]
        self.dated = [_dated(t) for t in self.text]
        self.shape = [_headline_shape(t) for t in self.text]
        self.words = [line_words(t) for t in self.text]
        self.counts: dict[str, int] = {}
        for t in self.text:
            self.counts[lo.headline_key(t)] = self.counts.get(lo.headline_key(t), 0) + 1
        self.end = next((n for n, t in enumerate(self.text) if lo.comments_heading(t) or comments_start(t)), len(self.text))

    def candidate(self, n: int) -> bool:
        text = self.text[n]
        return (self.shape[n] and not names(text) and not trail(text, self.text[n - 1] if n else "")
                and self.counts.get(lo.headline_key(text), 0) <= MAX_REPEATS and not _in_a_list(self.lines, self.filled, n)
                and not _related_over(self.lines, self.filled, n) and not RELATED.match(text)
                and not RELATED_START.match(text))

    def article(self, n: int) -> list[int]:
        """The lines of text under line ``n`` (prose, and short paragraphs: a chatty post's, a news agency's), up to
        the comments or the next dated heading (a list's next teaser)."""
        out = []
        for k in range(n + 1, min(self.end, n + 1 + ARTICLE_LINES)):
            if k > n + 2 and self.shape[k] and any(self.dated[k + 1:k + 3]):
                break
            if self.prose[k] or self.words[k] >= TEXT_WORDS and not lo.weak_boilerplate(self.text[k]):
                out.append(k)
        return out

    def signs(self, n: int) -> list[str]:
        """The signs (keys of :data:`WEIGHTS`) that line ``n`` is the copy's headline, or is not."""
        found = []
        first = next((k for k in range(PROSE_WITHIN) if n + 1 + k < len(self.text) and self.prose[n + 1 + k]), None)
        if first is not None:
            found.append("prose right under it" if first < PROSE_NEAR else "prose a few lines under it")
        between = next((k for k in range(n + 1, min(len(self.text), n + 1 + DATE_UNDER)) if self.dated[k]), None)
        if between is not None and sum(self.shape[n + 1:between]) <= 1:  # a dek may stand between, not two headlines
            found.append("a date or byline under it")
        elif n and self.dated[n - 1]:
            found.append("a date over it")
        article = self.article(n)
        found.append("an article under it" if sum(self.words[k] for k in article) >= ARTICLE_WORDS else "no article under it")
        over = range(max(0, n - MENU_LINES), n)
        if len(over) == MENU_LINES and all(len(self.text[k].split()) <= MENU_WORDS and not self.prose[k] for k in over):
            found.append("at the end of a menu")
        count = self.words[n]  # in a script written without spaces, a word for every two characters
        if count > LONG_WORDS:
            found.append("a paragraph's length")
        elif count >= SHORT_WORDS:
            found.append("a headline's length")
        elif count == 1:
            found.append("one word")
        own = _words(self.text[n])
        if own and len(own & set().union(set(), *(_words(self.text[k]) for k in article))) >= ECHO_SHARE * len(own):
            found.append("the article uses its words")
        if 2 <= self.counts.get(lo.headline_key(self.text[n]), 0) <= MAX_REPEATS:
            found.append("the copy repeats it")
        if SENTENCES.search(self.text[n]):
            found.append("two sentences or a quotation")
        return found

    def weight(self, n: int) -> float:
        inside = sum(self.words[k] >= TEXT_WORDS for k in range(max(0, n - INSIDE), n))
        return sum(WEIGHTS[s] for s in self.signs(n)) + INSIDE_WEIGHTS[min(inside, len(INSIDE_WEIGHTS) - 1)]


def open_to_weighing(why: str | None) -> bool:
    """Whether a guess found by the signs in ``why`` (None: no guess) may be outweighed: one found by the weakest
    signs alone (the copy repeating it, its place over the first prose, a dated block further on). Not one with its own
    byline or date by it, nor one a dedicated rule found (a kicker over it, a dek under it): on news pages those are
    the headline far more often than the line the weak signs prefer (its dek, the lede's first sentence, a promo)."""
    if why is None:
        return True
    rest = why.replace(f", {BLOCK_WHY}", "").replace(BLOCK_WHY, "")
    return rest in WEAK_WHYS or rest.startswith(NOTHING_ELSE)


def _contest(lines: list[str], guess: int | None, margin: float) -> tuple[int, str] | None:
    """(line index, why) of the line whose weak signs outweigh those of ``guess`` (a line index, or None) by ``margin``
    and weigh :data:`MIN_WEIGHT` at least; None when none does, or when that line is the guess's own (another wording
    of it near it, or a subheading of the article under it)."""
    copy = _Copy(lines)
    at = {i: n for n, i in enumerate(copy.filled)}
    # with no guess, the reader falls back on the copy's first line (or the line over its first date): weighed too
    theirs = copy.weight(at[guess]) if guess in at else max(0.0, copy.weight(0) if copy.filled else 0.0) + NO_GUESS
    best: tuple[float, int] | None = None
    for n in range(copy.end):
        if copy.shape[n] and not SENTENCES.search(copy.text[n]) and copy.candidate(n) and (
                best is None or (w := copy.weight(n)) > best[0]):
            best = (copy.weight(n) if best is None else w), n
    if best is None or copy.filled[best[1]] == guess or best[0] < max(theirs + margin, MIN_WEIGHT):
        return None
    if margin == DOUBT_MARGIN and guess in at and lo.headline_key(copy.text[best[1]]) == lo.headline_key(copy.text[at[guess]]):
        return None  # the sure headline stated again elsewhere: no rival (a guess moves to its first statement)
    if guess in at and best[1] > at[guess] and "an article under it" in copy.signs(at[guess]) \
            and sum(copy.words[k] >= TEXT_WORDS for k in range(at[guess] + 1, best[1])) >= ARTICLE_TEXT_LINES:
        return None  # under the guess, with the guess's article between them: a subheading of that article
    if guess in at and abs(best[1] - at[guess]) <= WORDING_LINES \
            and len((own := _words(copy.text[at[guess]])) & _words(copy.text[best[1]])) >= ECHO_SHARE * len(own) > 0:
        return None  # another wording of the guess by it (its dek, its kicker, its short form): the rules chose
    return copy.filled[best[1]], ", ".join(s for s in copy.signs(best[1]) if WEIGHTS[s] > 0)


def weigh(lines: list[str], guess: int | None) -> tuple[int, str] | None:
    """(line index, why) of the line whose weak signs together outweigh those of ``guess`` (the rules' guessed
    headline, a line index, or None) by :data:`MARGIN`; None when none does."""
    found = _contest(lines, guess, MARGIN)
    return None if found is None else (found[0], f"{WHY} ({found[1]})")


def rival(lines: list[str], sure_at: int) -> tuple[int, str] | None:
    """(line index, its signs) of a line whose weak signs outweigh a headline the rules were sure of by
    :data:`DOUBT_MARGIN`, or None. The rules' headline is kept, but reported as a guess: its signs (a byline under
    it, the copy repeating it) are also a teaser's, a section's or a promo's, and here the copy says otherwise."""
    return _contest(lines, sure_at, DOUBT_MARGIN)


TAKE_WEIGHT = 5.5  # a rival this heavy…
TAKE_SIGNS = ("a headline's length", "the article uses its words")  # …with both of these replaces the rules' headline
BYLINE_BLOCK = 6  # filled lines under a headline with its byline right under it: that byline's block


def overturns(lines: list[str], at: int, sure_at: int, why: str) -> bool:
    """Whether the rival at line ``at`` (found by :func:`rival` against the rules' headline at ``sure_at``, found by
    the signs in ``why``) is weighty enough to be the title instead, still as a guess: it weighs :data:`TAKE_WEIGHT`
    at least, is a headline's length and names what the article under it is about. A rival lacking either is most
    often a section's name, a promo or a company's name over a teaser's text, and the rules' line only loses its
    certainty; one a few lines under a headline with its byline right under it is that byline's (an author's tagline,
    a photo's caption), never taken."""
    copy = _Copy(lines)
    n, rules = copy.filled.index(at), copy.filled.index(sure_at)
    if "right under it" in why and 0 < n - rules <= BYLINE_BLOCK:
        return False
    return copy.weight(n) >= TAKE_WEIGHT and all(sign in copy.signs(n) for sign in TAKE_SIGNS)
