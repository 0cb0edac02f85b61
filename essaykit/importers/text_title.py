"""Where a whole page's text copy (select all, copy) has its headline: found by the copy's structure.

A browser's copy of a page starts with its menus ("Skip to content", "Home", "Zum Inhalt springen"), in any
language. The headline is the line that the rest of the copy treats as one: a short line before the article's first
prose with the byline or date under it, or one the copy repeats (a breadcrumb, "3 thoughts on “…”", a second
heading); the prose coming right after it only breaks ties. A line with neither sign is not taken: :func:`headline`
returns None and the reader keeps its own rules.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_headers import button_row, comments_start, header_run
from .text_title_counts import CRUMB as _CRUMB, line_counts
from .text_title_crumbs import section_link, trail
from .text_title_menus import echoes
from .text_title_repeats import GLUED_WITHIN, glued_repeats, restated_over_prose
from .text_labels import LETTER_WORD, chrome_line, link_row, named_post, prompt_line, reworded, sentence_case, title_case
from .text_patterns import HEAD_FURNITURE, RELATED_START, _name_like, read_byline
from .text_title_meta import _BYLINE_START, _TIME, _WIDE, _dateline, _meta, line_words, named_at_end, names, shares_a_name
from .text_title_dek import by_date as _by_date, byline_line, dek_block, dotted_headline, share_button
from .text_title_kicker import headline_under_kicker
from .text_title_links import in_link_list
from .text_title_teaser import WHY as TEASER_WHY, article_before
from .text_title_word import WHY as ONE_WORD, one_word
from .text_title_wide import dash_row, wide_menu_row
from .text_title_marks import (buttons_to_prose, byline_names_author, glued_links, lone_relative_dates, reworded_pair,
                               completed_under, stated_sentence)
from .text_title_news import crumb_over, dek_under, headline_over, headline_over_dek, photo_credit, video_title

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
# A headline over the first prose with less than this (no byline under it) gives way to one further down that has both.
ALONE = 1.25
MIN_CHARS = 5
# A run of this many bullet items, of this many words on average, is article text (menus have short items).
LIST_ITEMS = 5
LIST_WORDS = 6
# Signs sure on their own: the headline restated over its article, a blog's date header over it.
SURE_SIGNS = ("stated again right over the article", "a date header over it", "naming its author", "a byline over it")
SURE_ALONE = ("the article's prose follows",)
_BYLINE_SIGN = re.compile(r"\ba (?:byline|date)\b")
_ABBREVIATION = re.compile(r"\b(?:Co|Inc|Ltd|Corp|Jr|Sr|etc|usw|bzw|Nr|Cie|Cía|Hrsg)\.$|(?<![\w.])(?-i:[A-Z]\.){2,}$")  # or an initialism: "… at the U.N.", "… Underneath N.Y.C."
# One sentence under a headline and over its article's prose, of this many words at least: its lede.
_LEDE = re.compile(r"^\W?\w.*\s.*\s.*\s.*\s.*[.!?…]$")
_URLISH = re.compile(r"https?://|\b[\w-]+\.[a-z]{2,}/\S", re.I)
# Related-post headings in the languages read (the comment reader's own list is :data:`RELATED_START`).
RELATED = re.compile(r"^(?:sur le même sujet|à lire aussi|lire aussi|voir aussi|leia também|veja também|lee también"
                     r"|ver también|leggi anche|potrebbe interessarti|auch interessant|mehr zum thema|das könnte sie auch"
                     r" interessieren|related (?:articles|stories)|more stories|read also|see also)\W*$", re.I)
RELATED_WITHIN = 6
# A line under a headline and over its byline has the byline "right under it": that alone does not make it the headline.
SHARED_BYLINE = 0.25
LEDE_CHARS = 80
LEDE_WORDS = 6
# A byline block of short lines (the author, "Follow", tags) may stand this many lines between a headline and its date.
TAG_BLOCK = 16
TAG_WORDS = 3  # a line this long between a headline and the article is its lede
# Below the first prose, a headline needs an article under it: this many words of prose in so many lines.
ARTICLE_WORDS = 80
ARTICLE_LINES = 25
MAX_CHARS = 200
DEK_SIGN = "a byline with its author's name under its dek or caption"
KICKER_SIGN = "the line under a section's name that the copy repeats (its kicker), and the article's prose follows"
KICKED = "a date over its kicker; the article's prose right under it"


def sure(why: str) -> bool:
    """Whether a headline found by the signs in ``why`` is sure: a byline or date by it and one more sign, or a
    sign that page furniture lacks (a byline naming an author right under it, the article's prose right under it).

    A sign alone ("a byline or date under it", "the copy repeats it") is also what a menu entry, a teaser or a
    product box has often enough: such a title is a guess, reported as one."""
    return (why in SURE_ALONE or any(sign in why for sign in SURE_SIGNS)
            or bool(_BYLINE_SIGN.search(why)) and " and " in why)


def _item_list(lines: list[str], filled: list[int], n: int) -> bool:
    """A list of long items starts at line ``n`` (a changelog, a recipe's steps): article text, as prose is."""
    items = [lines[i].strip() for i in filled[n:n + LIST_ITEMS]]
    return (len(items) == LIST_ITEMS and all(lo.bullet(item) for item in items)
            and sum(len(item.split()) for item in items) >= LIST_ITEMS * LIST_WORDS)


def _prose(line: str) -> bool:
    text = line.strip()
    if lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or glued_links(text):
        return False
    return len(text.split()) >= PROSE_WORDS or (bool(_WIDE.search(text)) and len(text) >= PROSE_CHARS)


# An embedded social post's credit ("A post shared by NAME (@handle) on …", "— NAME (@handle) April 27, 2020").
_HANDLE = re.compile(r"\(@[\w.]+\)")
_BY_ALONE = re.compile(r"^(?:by|par|por|von|di|door|av|af)$", re.I)
# A photo credit or caption's source ("© NAME / stock.adobe.com", "Foto: NAME", "Joe Biden at the port / AFP",
# "(Image credit: …)", an agency's e-mail address): under a picture or a headline, never a headline.
_CREDIT = re.compile(r"^(?:\S+\s+){2,}/\s*(?:(?-i:[A-Z])[\w.&-]*\s?){1,3}$|©|\(c\)\s|@\w+\.\w|\[email(?:&#160;|\s)protected\]|^\(.*\)$|\b(?:image|photo|picture)\s+(?:credit|courtesy)|\b(?:by|von|par|por|door)\s*:\s|^(?:foto|photo|bild|image|imagen|immagine|crédit|credit|fonte|fuente|quelle)s?\s*:"
                     r"|^(?:photo|image|picture|illustration|foto|bild)s?\s+(?:by|von|de|di|par|door)\s", re.I)
BRAND_WORDS = 6  # a line this long, with capitals further on, may start with a brand written in lower case
SHORT_HEADLINE_WORDS = 1  # a headline this short needs its byline right under it (menu items have none)
FALLBACK_WORDS = 2  # with no other sign, a line of this many words right over the first prose is its headline


def _in_a_list(lines: list[str], filled: list[int], n: int) -> bool:
    """Line ``n`` starts with the words of the line over or under it ("Link externo, abre página …"): a list of links."""
    words = lines[filled[n]].split()
    near = [lines[filled[m]].split() for m in (n - 1, n + 1) if 0 <= m < len(filled)]
    return (len(words) >= 2 and any(other[:2] == words[:2] and other != words and len(other) < PROSE_WORDS // 2
                                    for other in near) or in_link_list(lines, filled, n)) and not reworded_pair(lines, filled, n)


def _lede_between(lines: list[str], upper: int, lower: int) -> bool:
    """A sentence between two lines (a lede): they are one headline block, not a menu item over a headline. A line
    printed twice in a row ("US & Canada is sponsored by", an advert's label) or the upper line again is no lede."""
    keys = {i: lo.headline_key(lines[i]) for i in range(upper, lower + 1)}
    return any(len(lines[i].split()) >= LEDE_WORDS and keys[i] not in (keys[upper], keys[i - 1], keys[i + 1])
               for i in range(upper + 1, lower))


def _related_over(lines: list[str], filled: list[int], n: int) -> bool:
    """A related-posts heading a few lines over line ``n``: the line is a teaser."""
    return any(RELATED_START.match(lines[i].strip()) or RELATED.match(lines[i].strip())
               for i in filled[max(0, n - RELATED_WITHIN):n])


def _article_under(lines: list[str], below: list[int]) -> bool:
    """An article's worth of prose in the lines ``below`` a line."""
    return sum(line_words(lines[i]) for i in below if _prose(lines[i])) >= ARTICLE_WORDS


def link_arrow(text: str) -> bool:
    """An arrow at an end marks a link to another page ("Older post →", a breadcrumb's "News >", "Zum Deal »"); French
    quotation marks around a headline ("« Plus les heures passent »") are no arrows."""
    quoted = text.startswith("«") and text.endswith("»")
    return not quoted and (text.endswith((" →", " >", " ›", " »")) or text.startswith(("← ", "→ ", "< ", "‹ ", "« ")))


def _headline_shape(text: str, min_words: int = MIN_WORDS) -> bool:
    if link_arrow(text):
        return False
    parts = _CRUMB.split(text)
    if link_row(text) or trail(text) or wide_menu_row(text) or dash_row(text):
        return False  # a menu's row of links: three short items or more; a breadcrumb's trail
    if _URLISH.search(text) or len(parts) > 2 or (len(parts) == 2 and all(len(p.split()) <= 2 for p in parts)):
        return False  # an embedded post ("… pic.twitter.com/BUPg"), a breadcrumb ("Blog > 2024 > Title"), "Sign in / Sign up"
    if not (0 < len(text) <= MAX_CHARS) or text.endswith((",", ";", ":")) or lo.bullet(text) is not None \
            or text.endswith(".") and not _ABBREVIATION.search(text):  # "… für Kleiderschrank & Co." is a headline
        return False
    if lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or _dateline(text) or button_row(text) or _CREDIT.search(text) \
            or chrome_line(text) or photo_credit(text) or share_button(text) or byline_line(text):
        return False
    first = next((ch for ch in text if ch.isalpha()), "")
    words = text.split()
    if first.islower() and not (len(words) > MIN_WORDS + 1 and any(ch.isupper() for ch in words[0])) and not (
            len(words) >= BRAND_WORDS and sum(w[:1].isupper() for w in words[1:]) >= 2):
        return False  # a tag or a menu entry ("editor's picks"): a headline in a script with case starts with a capital
        # (or with a brand's, "iMac 5K Lightroom Performance gelöst", "creditshelf kooperiert mit finleap und plant …")
    wide = bool(_WIDE.search(text))
    return len(text) >= MIN_CHARS if wide else len(LETTER_WORD.findall(text)) >= min_words


def _short_headline(text: str) -> bool:
    """A headline of one or two words ("Unbefriedigt", "Muffin Grundrezept"): taken only with a sign a menu item lacks."""
    return (not _headline_shape(text) and _headline_shape(text, SHORT_HEADLINE_WORDS) and text[:1].isalpha()
            and not any(ch.isdigit() or ch == "|" for ch in text))  # "« Vorige | Nächste »", "Di, 10:19 Uhr"


def _closer_headline(text: str, over_byline: str) -> bool:
    """The line right over the byline is a longer headline than ``text`` (and no lede): the byline is its.

    "View All Result" (a search box's) over "Christian County police blotters" over "by HLNF Staff Report"."""
    return (_headline_shape(over_byline) and len(text) < len(over_byline) <= LEDE_CHARS
            and lo.headline_key(over_byline) != lo.headline_key(text))


def _under_a_date_header(lines: list[str], filled: list[int], n: int, start: int, best, best_meta) -> bool:
    """Line ``n`` stands under a bare date line and right over the article, and the best line so far over that date.

    Blogger prints the blog's name and description, then each post's date header ("giovedì 5 marzo 2020"), then
    the post's title and its text: the date is the post's header, not the byline of the description over it."""
    if best is None or n < 2 or n + 1 != start or best_meta != filled[n - 1] or best[1] != filled[n - 2]:
        return False
    date = lines[filled[n - 1]].strip()
    return (bool(lo.date_line(date)) and not _TIME.search(date) and not (read_byline(date) or ("", ""))[0]
            and best[2] == "a byline or date right under it")


def _headings_between(between: list[str]) -> bool:
    """Two lines that could be headlines, or a breadcrumb's link, stand between a line and the date under it: the date
    is theirs (a teaser's in a mega-menu, a menu item's neighbour's, the page's own), not the line's."""
    return section_link(between) or sum(_headline_shape(b) and not _name_like(b) and len(b) <= LEDE_CHARS for b in between) >= 2


def _dek(lines: list[str], headline_at: int, filled: list[int], n: int) -> bool:
    """Line ``n`` is a dek: a longer line right under a headline of a sentence's length, over their byline."""
    text, over = lines[filled[n]].strip(), lines[headline_at].strip()
    return (n > 0 and filled[n - 1] == headline_at and len(over.split()) >= LEDE_WORDS
            and (len(text) > max(LEDE_CHARS, len(over)) or title_case(over) and sentence_case(text)))


def byline_block(lines: list[str], at: int) -> int | None:
    """The date line that ends a long byline block (author, follow buttons, tags) under the headline at ``at``, if any."""
    filled = [i for i in range(at + 1, min(len(lines), at + 1 + 3 * TAG_BLOCK)) if lines[i].strip()][:TAG_BLOCK]
    for i in filled:
        text = lines[i].strip()
        if _dateline(text):
            return i
        if len(text.split()) > TAG_WORDS:
            return None
    return None


def headline(lines: list[str]) -> tuple[int, str] | None:
    """(line index, why) of the copy's headline when its structure shows one, else None; a longer wording of it right
    over it (a name or a kicker may stand between) is the page's full headline, the one under it its short form."""
    found = _headline(lines)
    if found is not None:
        over = [i for i in range(found[0]) if lines[i].strip()][-2:]
        for k, i in enumerate(reversed(over)):
            text = lines[i].strip()
            if _headline_shape(text) and not names(text) and reworded(text, lines[found[0]].strip()):
                return i, f"{found[1]}, under a longer wording of it"
            if k == 0 and len(text.split()) > TAG_WORDS:
                break
        if (full := completed_under(lines, found[0], _headline_shape, _dateline)) is not None:
            return full, f"{found[1]}, over its full wording under its date"
    return found


def _headline(lines: list[str]) -> tuple[int, str] | None:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    start = next((n for n, i in enumerate(filled) if _prose(lines[i]) or _item_list(lines, filled, n)), None)
    if start is None:
        return None
    counts = line_counts(lines, filled)  # a breadcrumb's last part counted too, a doubled list's entry once
    named = {lo.headline_key(m.group("title")) for line in lines if (m := named_post(line))}
    glued_repeats(lines, filled[max(0, start - BEFORE_PROSE - TAG_BLOCK - GLUED_WITHIN):start + 1], counts)
    menus = echoes(lines, filled)  # a menu printed twice repeats its entries: no sign of a headline
    ago = lone_relative_dates(lines, filled[:start])  # "vor 11 Minuten" under a headline dates it
    best: tuple[float, int, str] | None = None
    best_meta: int | None = None  # the byline or date line right under the best line so far
    for n in range(max(0, start - BEFORE_PROSE - TAG_BLOCK), start):
        text = lines[filled[n]].strip()
        above = lines[filled[n - 1]].strip() if n > 0 else ""
        short = _short_headline(text)
        if not (short or _headline_shape(text) or stated_sentence(lines, text, counts, _headline_shape) or dotted_headline(lines, filled, n, _headline_shape)) \
                or (above and (read_byline(above) or ("", ""))[0]) \
                or _in_a_list(lines, filled, n) or trail(text, above):
            continue  # under a byline that names an author (a subtitle or a category), or one of a list of links
        if _related_over(lines, filled, n):
            continue  # a teaser under "Related", "Sur le même sujet", "Leia também"
        below = [lines[i].strip() for i in filled[n + 1:n + 1 + BYLINE_WITHIN]]
        if video_title(below) or crumb_over(text, below):
            continue  # a video's title over its runtime, a breadcrumb over the headline it ends with
        # "Unbefriedigt" over "8. Januar 2020 · by Aureliana", and in the breadcrumb: not the author
        named_under = ((read_byline(below[0]) or ("", ""))[0] or named_at_end(below[0])) if below else ""
        repeated = counts.get(lo.headline_key(text), 0) - menus.get(lo.headline_key(text), 0) > 1
        if below and names(text) and (_meta(below[0]) or below[0] in ago or HEAD_FURNITURE.match(below[0])) \
                and not (named_under and (repeated or not shares_a_name(text, named_under))):
            continue  # "John C. Welch" over "Follow" or the date: the author, not the headline
        after = [lines[i].strip() for i in filled[n + 1:min(start, n + 5)]]
        # The byline under a headline stands between it and the article: not under prose of another block.
        meta_k = next((k for k, b in enumerate(below) if _by_date(b) or b in ago or _prose(b)), None)
        meta_k = meta_k if meta_k is not None and (_by_date(below[meta_k]) or below[meta_k] in ago) else None
        far = n < start - BEFORE_PROSE  # further up only with a long byline block under it
        if (meta_k is None and len(below) == BYLINE_WITHIN) or far:  # a long byline block: names, tags, buttons, the date
            block = [lines[i].strip() for i in filled[n + 1:n + 1 + TAG_BLOCK]]
            meta_k = next((k for k, b in enumerate(block) if _by_date(b) or len(b.split()) > TAG_WORDS and not (
                share_button(b) or _CREDIT.search(b) or photo_credit(b))), None)  # "Share on Google Plus", a credit
            # A long block ends with a date or a byline, not with a button word alone ("Listen" among menu entries)
            meta_k = meta_k if meta_k is not None and _by_date(block[meta_k]) and not HEAD_FURNITURE.match(block[meta_k]) \
                and (not far or meta_k >= BYLINE_WITHIN) else None
            if far and meta_k is None:
                continue
        if short and not (meta_k == 0 and repeated):
            continue  # a headline of a word or two needs its byline right under it and the copy repeating it
        meta_at = filled[n + 1 + meta_k] if meta_k is not None else None
        if meta_k == 1 and (_CREDIT.search(below[0]) or photo_credit(below[0])):
            meta_k, below = 0, below[1:]  # "AFP/The Local - [email protected]" between the headline and its date
        score, signs = 0.0, []
        # the line right over the byline, or over the dek over it, is a longer headline: the byline is that one's
        closer = bool(meta_k) and (_closer_headline(text, lines[filled[n + meta_k]].strip()) or (
            (k := headline_over_dek(below[:meta_k] if meta_k < len(below) else [])) is not None
            and _closer_headline(text, below[k])))
        if meta_k == 0 and ((read_byline(below[0]) or ("", ""))[0] or _BYLINE_START.match(below[0])):
            score, signs = 1.25 + SHARED_BYLINE, ["a byline or date right under it, naming its author"]  # a caption has none
        elif meta_k == 0:
            score, signs = 1.25, ["a byline or date right under it"]
        elif meta_k and not closer and dek_block(lines, filled, n, meta_k, start) \
                and not (best is not None and best[1] == filled[n - 1] and best_meta == filled[n + 1 + meta_k]
                         and lo.headline_key(lines[best[1]]) != lo.headline_key(text) and len(text) >= len(lines[best[1]].strip())):
            # a dek, a caption, the author's name between; a line right under a headline sharing its byline, and no
            # shorter, is its dek (a headline is shorter than the video's caption over it)
            score, signs = 1.25 + SHARED_BYLINE, [DEK_SIGN]
        elif meta_k is not None and not closer and not _headings_between(below[:meta_k]):
            score, signs = 1.0, ["a byline or date under it"]
        elif above and _meta(above) and not HEAD_FURNITURE.match(above):  # "Categories", "Share": a label, no date
            score, signs = DATE_ABOVE, ["a date over it"]
        elif n >= 2 and _name_like(above) and _BY_ALONE.match(lines[filled[n - 2]].strip()):
            score, signs = DATE_ABOVE, ["a byline over it"]  # "by" / "Sleyca" / the chapter's title
        meta_at = None if closer else meta_at  # no line sharing that byline is this one's caption
        seen = counts.get(lo.headline_key(text), 0)
        if seen > MAX_REPEATS and not (seen <= 2 * MAX_REPEATS and below and byline_names_author(below[0])):
            continue  # "Go to permalink", "Reply": a line said by every comment is furniture (a headline over its
            # author's byline may be printed by the breadcrumb, the share box and a list of the latest posts too)
        if seen - menus.get(lo.headline_key(text), 0) > 1 or lo.headline_key(text) in named:
            score, signs = score + 1, [*signs, "the copy repeats it"]
        # Between a headline and its article: bylines, buttons, and at most one lede (a long line right under it).
        lede = bool(after) and len(after[0]) > LEDE_CHARS
        # a prompt ("This article is more than 5 years old") may stand between a headline and its lede, not under the lede
        if ((all(_meta(a) or len(a.split()) <= 2 or (k == 0 and lede) or prompt_line(a) and not lede for k, a in enumerate(after))
                and n + 1 + len(after) >= start or buttons_to_prose(lines, filled, n, start))
                and not (above and _meta(above) and best is not None)):  # under the byline of a headline: a lede
            score, signs = score + 0.5, [*signs, "the article's prose follows"]
        if score == 0.5 and len(text.split()) >= MIN_WORDS + 2:
            score = DATE_ABOVE  # a long headline right over the article, with no byline: menus are shorter
        if _under_a_date_header(lines, filled, n, start, best, best_meta):
            score, signs = best[0] + SHARED_BYLINE, ["a date header over it, right over the article (a blog's)"]
        if score < DATE_ABOVE or best is not None and (
                score < best[0] or (meta_at is not None and meta_at == best_meta and score <= best[0] + SHARED_BYLINE
                                    and _lede_between(lines, best[1], filled[n]))
                or best[2].startswith(DEK_SIGN) and best_meta is not None and (meta_at == best_meta or filled[n] > best_meta)):
            continue  # a line sharing the best one's byline over a lede, with no other sign, is a caption; one the best
            # line's byline was read past is its dek or caption, one under that byline its photo's caption
        if best is not None and meta_at is not None and meta_at == best_meta and (
                _dek(lines, best[1], filled, n) or dek_under(lines, filled, best[1], n)):
            continue  # the headline's dek, between it and their byline
        if best is not None and score == best[0]:
            continue  # the first of equals: what follows a headline (its lede, share buttons) has its signs too
        best, best_meta = (score, filled[n], " and ".join(signs)), meta_at
    if best is None or best[0] < ALONE:
        later = _below_the_first_prose(lines, filled, start, counts, best is None or best[2] == "the copy repeats it", named,
                                       menus)
        if later is not None and best is not None and later[0] > best[0] and article_before(lines, filled, start, best[1], later[1], _prose):
            later, best = None, (best[0], best[1], f"{best[2]}, {TEASER_WHY}")  # a teaser or a list item under the article
        best = later if later is not None and (best is None or later[0] > best[0]) else best
    # With no sign, the line right over the first prose, or over the one sentence of a lede right over it
    at = start - 2 if start > 1 and _LEDE.search(lines[filled[start - 1]].strip()) else start - 1
    over = lines[filled[at]].strip() if at >= 0 else ""
    if best is None and _headline_shape(over, FALLBACK_WORDS) and counts.get(lo.headline_key(over), 0) <= MAX_REPEATS \
            and (not _name_like(over) or lo.headline_key(over) in lo.headline_key(lines[filled[start]])):
        return filled[at], "nothing else: the line right over the article's first prose (which may name it)"
    if best is None and (word := one_word(lines, filled, start, counts, _short_headline, _prose)) is not None:
        return word, ONE_WORD  # "Emden" over "Emden ist …", with more of the article under it
    if best is not None and best[2] == "a date over it" and filled.index(best[1]) + 1 == at \
            and _headline_shape(over, FALLBACK_WORDS) and not names(over) and counts.get(lo.headline_key(over), 0) <= 1:
        return filled[at], KICKED  # date, kicker, headline, article: "31.10.2023" / "Lass uns reden" / the headline
    if best is not None and (k := filled.index(best[1])) > 0 and _headline_shape(over := lines[filled[k - 1]].strip()) \
            and len(over.split()) >= LEDE_WORDS and title_case(over) and sentence_case(lines[best[1]]) \
            and ". " not in over and not _CREDIT.search(over):
        return filled[k - 1], f"{best[2]}, under its dek"  # a title-case headline over its dek's sentence
    if best is not None and (over_at := headline_over(lines, filled, filled.index(best[1]), _headline_shape)) is not None:
        return over_at, f"{best[2]}, under its dek"  # a headline over its dek, in sentence case, under a section's name
    return (best[1], best[2]) if best else None


def _below_the_first_prose(lines: list[str], filled: list[int], start: int, counts: dict[str, int], repeats_only: bool,
                           named: set[str] = frozenset(), menus: dict[str, int] | None = None):
    """(score, line, why) of the first line further down with its byline right under it and an article under that.

    The first prose of a page is not always the article's: a promo, a cookie notice or a teaser may come first.
    """
    for n in range(start + 1, len(filled)):
        text = lines[filled[n]].strip()
        if lo.comments_heading(text) or comments_start(text):
            return None
        below = [lines[i].strip() for i in filled[n + 1:n + 1 + BYLINE_WITHIN]]
        seen = counts.get(lo.headline_key(text), 0) + (lo.headline_key(text) in named)  # "5 thoughts on “…”"
        if (not _headline_shape(text) or not below or _in_a_list(lines, filled, n) or seen > MAX_REPEATS
                or names(text) or _related_over(lines, filled, n) or _HANDLE.search(below[0]) or video_title(below)):
            continue
        if _meta(below[0]) and header_run(lines, filled[n + 1]):
            continue  # "Sabine Schönfelder / 22.04.2020" over a paragraph, again and again: a comment (or a teaser)
        heard = seen - (menus or {}).get(lo.headline_key(text), 0)  # less a menu's repeats
        dated = _meta(below[0]) and (_dateline(below[0]) or not _headline_shape(below[0]))  # a teaser naming a year: none
        signs = [why for why, sign in (("a byline or date right under it", dated), ("the copy repeats it", heard > 1))
                 if sign]
        if heard > 1 and restated_over_prose(lines, filled, n, counts, _prose):
            signs.append("stated again right over the article")
        elif signs == ["the copy repeats it"] and not repeats_only:
            continue  # a pull quote or a table of contents repeats lines too: with a better headline above, not enough
        if signs and _article_under(lines, filled[n + 1:n + 1 + ARTICLE_LINES]):
            if signs == ["the copy repeats it"] and (
                    under := headline_under_kicker(lines, filled, n, counts, _headline_shape)) is not None:
                return 0.5 + 1.25, under, KICKER_SIGN
            return 0.5 + 1.25 * len(signs), filled[n], " and ".join([*signs, "the article's prose follows"])
    return None
