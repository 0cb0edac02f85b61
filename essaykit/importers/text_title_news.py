"""A news or magazine page's headline block in a text copy, read apart from what stands by it.

English-language news sites print their headline over a dek (a sentence that sums the story up), a photo and its
caption, a byline and a date; around that block stand a section's name, menu entries, a video player with its own
title and runtime. :func:`.text_title.headline` asks these rules which of those lines can be no headline.
"""

from __future__ import annotations

import re

from .text_labels import chrome_line, sentence_case
from .text_title_meta import _dateline

# A photo's credit, whatever the caption before it says: "(Dustin Franz/AFP/Getty Images)" or "(NAME / Agency)" ending
# a caption, "AP Photo/NAME", "Spencer Platt/Getty Images" (a name and an agency joined by a slash), "[Photo: NAME]".
_CREDIT_AT_END = re.compile(r"\([^()]*\w\s?/\s?(?-i:[A-Z])[^()]*\)$")
_NAME_SLASH_AGENCY = re.compile(r"^(?-i:[A-Z])[\w.'-]*(?:\s(?-i:[A-Z])[\w.'-]*){1,3}\s?/\s?(?-i:[A-Z])[\w.&-]*"
                                r"(?:\s(?-i:[A-Z])[\w.&-]*){0,2}$")
_BRACKETED = re.compile(r"^\[(?:photo|image|picture|illustration|video|source|credit)s?\s*:[^\]]*\]$", re.I)
_PHOTO_SLASH = re.compile(r"\b(?:photo|image|picture)s?\s?/\s?\w|(?:^|[,.]\s)fot\.\s", re.I)  # "…, fot. NAME" (Polish)


# An embedded post's credit line: "— NAME (@handle) September 19, 2016".
_EMBED_CREDIT = re.compile(r"^[—–-]\s*\S.*\(@[\w.]+\)")


def photo_credit(text: str) -> bool:
    """A photo's caption ending in its credit, or the credit alone, or an embedded post's credit: never a headline."""
    text = text.strip()
    return bool(_EMBED_CREDIT.match(text) or _CREDIT_AT_END.search(text) or _NAME_SLASH_AGENCY.match(text) or _BRACKETED.match(text)
                or _PHOTO_SLASH.search(text))


# A dek: one or two sentences, ending as a sentence or a quotation does ("The FCC will now have a Republican majority.").
_SENTENCE_END = re.compile(r"[.!?…][\"”’»]?$")
DEK_WORDS = 3


def dek_sentence(text: str) -> bool:
    """A line written as a sentence of a few words, as a dek between a headline and its byline is."""
    text = text.strip()
    return len(text.split()) >= DEK_WORDS and bool(_SENTENCE_END.search(text))


# A video's runtime glued to the video's date ("Sept. 2, 201602:06"), or alone on its line ("01:46") over the page's
# date: under a video's title (a player in the article, a related video), never the article's byline or date.
_GLUED_RUNTIME = re.compile(r"(?<=[\s,])(?:19|20)\d\d\d{1,2}:\d\d$")
_RUNTIME = re.compile(r"^\d{1,2}:\d\d$")


def video_runtime(text: str) -> bool:
    """A date line ending with a video's runtime glued to it."""
    return bool(_GLUED_RUNTIME.search(text.strip()))


def video_title(below: list[str]) -> bool:
    """The lines ``below`` a line start with a video's runtime: the line is the video's title, not a headline."""
    if not below:
        return False
    first = below[0].strip()
    return video_runtime(first) or bool(_RUNTIME.match(first)) and len(below) > 1 and _dateline(below[1].strip())


MENU_WORDS = 2  # a menu's entry, or a section's name, between a line and the headline under it has this many words


def headline_over_dek(between: list[str]) -> int | None:
    """Where the headline stands among the lines ``between`` a line and its byline, when they end with a headline over
    its dek and only a section's name, menu entries or share buttons stand over that headline ("Life" / the headline /
    "We have answers." / "By NAME"): the byline is that headline's. A caption ("… mañana. Foto: LN") is one sentence and more."""
    if len(between) < 2 or not dek_sentence(between[-1]):
        return None
    over = between[-2].strip()
    if ". " in over or photo_credit(over) or any(len(line.split()) > MENU_WORDS and not chrome_line(line) for line in between[:-2]):
        return None
    return len(between) - 2


HEADLINE_WORDS = 6  # a headline and its dek, both this long, read as a news site prints them: not a kicker over a title
SHORT_WORDS = 3  # a section's name over a headline ("US & World"), a comment count between it and its dek


def dek_under(lines: list[str], filled: list[int], headline_at: int, n: int) -> bool:
    """Line ``n`` (of ``filled``) is the dek of the headline at line ``headline_at`` over it, sharing its byline: both
    a sentence's length, the dek in sentence case and right over a byline or date, at most a comment count between
    them, and only a section's name over the headline.

    "Picks" / "Why, despite the complaints, the players are not overpaid" / "Fan backlash is wholly misguided" /
    "By NAME": a kicker is shorter, and a teaser over a headline stands among more teasers, not under a section."""
    k = filled.index(headline_at) if headline_at in filled else -1
    if k < 0 or not 0 < n - k <= 2:
        return False
    over, text = lines[headline_at].split(), lines[filled[n]].split()
    between = [lines[i].split() for i in filled[k + 1:n]]
    above = lines[filled[k - 1]].split() if k > 0 else []
    under = lines[filled[n + 1]].strip() if n + 1 < len(filled) else ""
    return (len(over) >= HEADLINE_WORDS and len(text) >= HEADLINE_WORDS and len(above) <= SHORT_WORDS
            and all(len(words) <= SHORT_WORDS for words in between) and sentence_case(lines[filled[n]])
            and " ".join(text).casefold() not in " ".join(over).casefold()  # a breadcrumb glued to it holds it whole
            and _dateline(under))  # a dek stands over the byline; a teaser in a list over the next teaser


def headline_over(lines: list[str], filled: list[int], k: int, shape) -> int | None:
    """The line (index into ``lines``) of the headline over the line ``filled[k]`` when that line is its dek
    (:func:`dek_under`); ``shape`` tells a line that may be a headline."""
    for j in (k - 1, k - 2):
        if j >= 0 and shape(lines[filled[j]].strip()) and dek_under(lines, filled, filled[j], k):
            return filled[j]
    return None


_CRUMB_SPLIT = re.compile(r"\s+[>›»]\s+")


def crumb_over(text: str, below: list[str]) -> bool:
    """``text`` is a breadcrumb ending with the line right under it ("Home › TITLE" over "TITLE"): that line is the
    headline, the breadcrumb the site's path to it."""
    parts = _CRUMB_SPLIT.split(text.strip())
    return len(parts) > 1 and bool(below) and " ".join(parts[-1].split()).casefold() == " ".join(below[0].split()).casefold()
