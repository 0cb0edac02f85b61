"""Where a whole page's text copy (select all, copy) has its headline: found by the copy's structure.

A browser's copy of a page starts with its menus ("Skip to content",
"Home", "Zum Inhalt springen"), in any language. The headline is the line
that the rest of the copy treats as one: a short line before the article's
first prose with the byline or date under it, or one the copy repeats (a
breadcrumb, "3 thoughts on “…”", a second heading); the prose coming right
after it only breaks ties. A line with neither sign is not taken: :func:`headline` returns None and the reader
keeps its own rules.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_patterns import HEAD_FURNITURE, READING_TIME, _name_like, read_byline

# Prose: a line this long (words, or characters for scripts written without spaces) starts the article.
PROSE_WORDS = 25
PROSE_CHARS = 60
# The headline stands at most this many filled lines before the article's first prose…
BEFORE_PROSE = 20
# …and has this many words at least (or characters, without spaces): menu items are shorter.
MIN_WORDS = 3
# A byline or date this many filled lines under a line marks it as the headline (the lede may stand between).
BYLINE_WITHIN = 5
# A headline is repeated a few times (a breadcrumb, "3 thoughts on …", a share line); furniture more often.
MAX_REPEATS = 3
# A date over a line (Blogger's and news sites' date headers) is weaker evidence than a byline under it.
DATE_ABOVE = 0.75
MIN_CHARS = 5
MAX_CHARS = 200
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # kana, CJK ideographs, hangul


def _prose(line: str) -> bool:
    text = line.strip()
    if lo.strong_boilerplate(text) or lo.weak_boilerplate(text):
        return False
    return len(text.split()) >= PROSE_WORDS or (bool(_WIDE.search(text)) and len(text) >= PROSE_CHARS)


# A short line with a date in it ("Sarah Gooding March 9, 2017", "on Mar 17 · 11 min", "Le Monde | 04.05.2015 à 13h36")
# or that starts as a byline does in the languages we read ("Par Laurence Defranoux", "Von …", "Por …").
_DATED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\d{1,2}月\d{1,2}日|\b(?:jan|feb|mar|apr|may|jun|jul"
                    r"|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_BYLINE_START = re.compile(r"^(?:by|par|por|von|di|da|door|av|af|autor|auteur|author)\s+\S", re.I)
META_WORDS = 24
_CRUMB = re.compile(r"\s+[>›»/]\s+")


def _meta(text: str) -> bool:
    """A byline, a date, a reading time or a comment count: what stands under a headline."""
    return bool(read_byline(text) or lo.date_line(text) or READING_TIME.match(text) or HEAD_FURNITURE.match(text)
                or lo.comment_count(text) or (len(text.split()) <= META_WORDS
                                              and (_DATED.search(text) or _BYLINE_START.match(text))))


def _headline_shape(text: str) -> bool:
    if not (0 < len(text) <= MAX_CHARS) or text.endswith((".", ",", ";", ":")) or lo.bullet(text) is not None:
        return False
    if lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or _meta(text):
        return False
    first = next((ch for ch in text if ch.isalpha()), "")
    if first.islower():
        return False  # a tag or a menu entry ("editor's picks"): a headline in a script with case starts with a capital
    wide = bool(_WIDE.search(text))
    return len(text) >= MIN_CHARS if wide else len(re.findall(r"\w+(?:['’]\w+)*", text)) >= MIN_WORDS


def headline(lines: list[str]) -> tuple[int, str] | None:
    """(line index, why) of the copy's headline when its structure shows one, else None."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    start = next((n for n, i in enumerate(filled) if _prose(lines[i])), None)
    if start is None:
        return None
    counts: dict[str, int] = {}
    for i in filled:
        # A breadcrumb ("News > 2015 > Title") names the page's headline as its last part.
        for part in {lines[i], _CRUMB.split(lines[i])[-1]}:
            counts[lo.headline_key(part)] = counts.get(lo.headline_key(part), 0) + 1
    named = {lo.headline_key(m.group("title")) for line in lines if (m := lo.NAMED_POST.match(line.strip()))}
    best: tuple[float, int, str] | None = None
    for n in range(max(0, start - BEFORE_PROSE), start):
        text = lines[filled[n]].strip()
        above = lines[filled[n - 1]].strip() if n > 0 else ""
        if not _headline_shape(text) or (above and (read_byline(above) or ("", ""))[0]):
            continue  # under a byline that names an author: a subtitle or a category, not the headline
        below = [lines[i].strip() for i in filled[n + 1:n + 1 + BYLINE_WITHIN]]
        if below and _name_like(text) and (_meta(below[0]) or HEAD_FURNITURE.match(below[0])):
            continue  # "John C. Welch" over "Follow" or the date: the author, not the headline
        after = [lines[i].strip() for i in filled[n + 1:min(start, n + 5)]]
        score, signs = 0.0, []
        if below and _meta(below[0]):
            score, signs = 1.25, ["a byline or date right under it"]
        elif any(_meta(b) for b in below):
            score, signs = 1.0, ["a byline or date under it"]
        elif above and _meta(above):
            score, signs = DATE_ABOVE, ["a date over it"]
        seen = counts.get(lo.headline_key(text), 0)
        if seen > MAX_REPEATS:
            continue  # "Go to permalink", "Reply": a line said by every comment is furniture
        if seen > 1 or lo.headline_key(text) in named:
            score, signs = score + 1, [*signs, "the copy repeats it"]
        if (all(_meta(a) or len(a.split()) <= 2 for a in after) and n + 1 + len(after) >= start
                and not (above and _meta(above) and best is not None)):  # under the byline of a headline: a lede
            score, signs = score + 0.5, [*signs, "the article's prose follows"]
        if score >= DATE_ABOVE and (best is None or score >= best[0]):
            best = (score, filled[n], " and ".join(signs))
    return (best[1], best[2]) if best else None
