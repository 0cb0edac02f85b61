"""What a page's heading element says as a title: its headline without the kicker, and whether it is the logo.

News themes put a kicker ("roofline", "Dachzeile", "overline") inside the ``<h1>`` before the headline, and a
colon for screen readers between them; forums put a thread's prefix label there. None of it is the post's
title, which the metadata states without them ("Autohäuser rechnen …" under "Nach Corona-Lockerungen").
Blog themes make the site's name the page's ``<h1>``, one link to the home page: that names the site, never a post.
A heading in a spoiler (a ``<details>`` or a spoiler plugin's box, or after a paragraph that announces spoilers,
where the essay's spoiler block starts) is never the title: the title is shown everywhere, spoilers nowhere.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .spoilers import MAX_ANNOUNCEMENT_CHARS, announcement

# Class words of a kicker above a headline, of a thread's prefix label, and of text only screen readers get.
_KICKER = re.compile(r"(?:^|[-_])(?:roofline|dachzeile|overline|kicker|topline|eyebrow|supertitle|spitzmarke|label|"
                     r"sr-only|visually-hidden|screen-reader-text|invisible)(?:$|[-_])", re.I)
# The class of the headline's own part inside a heading that also holds a kicker.
_HEADLINE = re.compile(r"^(?:headline|[\w-]*__headline)$")
_LEVELS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WORD = re.compile(r"\w")
# Class or id words of a heading that holds the site's name.
_LOGO = re.compile(r"site-?title|site-?name|blog-?title|logo|brand|masthead", re.I)
# Class words that mark a heading as the post's own headline (hAtom's, and themes' own).
_POST_MARK = re.compile(r"^(?:entry-title|post[-_]title|p-name)$", re.I)
# Class words of a spoiler plugin's box (Shortcodes Ultimate's "su-spoiler", "spoiler-body", Blogger's "spoiler").
_SPOILER_BOX = re.compile(r"spoiler", re.I)
# WordPress writes a post's tags and categories as classes of its <article> ("tag-spoilers"): no box.
_TAXONOMY = re.compile(r"(?:tag|category|post_tag)-", re.I)
# An archived page's links go through the archive ("https://web.archive.org/web/2014…/http://site/").
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/", re.I)


def _words(el) -> list[str]:
    return [str(w) for attr in ("class", "id") for w in ((el.get(attr) or []) if attr == "class" else [el.get(attr) or ""])]


def _kicker(el) -> bool:
    return any(_KICKER.search(w) for w in _words(el))


def text(el) -> str:
    """The heading's text without a kicker, a prefix label or screen-reader text inside it; its whole text when
    nothing else is left."""
    # A box a theme marks as the headline's that holds one heading and more (the post's category, a link to its
    # comments): the heading says the headline.
    inner = el.find_all(_LEVELS) if el.name not in _LEVELS else []
    if len(inner) == 1 and inner[0].get_text(strip=True):
        el = inner[0]
    # The part the theme marks as the headline, beside a kicker it marks some other way or not at all; not a part
    # that is the kicker ("headline headline--topline") or only a mark between them ("headline headline--colon").
    marked = next((m for m in el.find_all(class_=_HEADLINE) if not _kicker(m) and _WORD.search(m.get_text())), None)
    if marked is not None:
        el = marked
    kept = []
    for piece in el.strings:
        holder = piece.parent
        while holder is not None and holder is not el and not _kicker(holder):
            holder = holder.parent
        if holder is el:
            kept.append(piece)
    headline = " ".join(_joined(kept).split())
    return headline or " ".join(_joined(el.strings).split())


# Punctuation that closes what comes before it: an element ends right before it ("<i>Fantastic Beasts</i>: A Nice
# Place"), and no space goes between them.
_CLOSING = re.compile(r"[,.;:!?)\]’”%…]")


# Scripts written without spaces (kana, CJK ideographs, Thai).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _in_ruby(piece) -> bool:
    parent = getattr(piece, "parent", None)
    return parent is not None and parent.name in ("ruby", "rb")


def _joined(pieces) -> str:
    """The pieces of a heading's text as one: a space between two (the elements of a heading are often laid out as
    lines: "<span>Kicker</span><span>Post</span>"), none before closing punctuation that follows one at once, nor
    where a ``<ruby>`` (furigana over a word's kanji) splits a Japanese or Chinese word ("<ruby>子<rt>こ</rt></ruby>
    ども" is "子ども")."""
    out, before = "", None
    for piece in pieces:
        said = str(piece)
        run_on = (before is not None and (_in_ruby(piece) or _in_ruby(before))
                  and bool(_UNSPACED.match(out[-1:])) and bool(_UNSPACED.match(said[:1])))
        out += said if run_on or _CLOSING.match(said) else " " + said
        before = piece
    return out


def _home(href: str) -> bool:
    return not href.startswith("#") and urlsplit(_ARCHIVED.sub("", href.strip())).path in ("", "/")


def is_logo(el) -> bool:
    """Whether the heading is the site's name: marked as the site's title or logo, or all of it one link home."""
    marks = _words(el)
    # A heading a theme also marks as the post's own ("entry-title", "post_title") is the post's, whatever other class
    # word it has ("… post_title entry-title … aungblogtitle"): a theme never marks its logo so.
    if any(_LOGO.search(w) for w in marks) and not any(_POST_MARK.match(w) for w in marks):
        return True
    links = el.find_all("a")
    said = el.get_text(" ", strip=True)
    return (len(links) == 1 and said == links[0].get_text(" ", strip=True)
            and ("home" in (links[0].get("rel") or []) or _home(str(links[0].get("href") or "x"))))


def is_alternative(el) -> bool:
    """Whether the heading is marked (schema.org ``itemprop="alternativeHeadline"``) as a second headline: a
    subtitle under the post's, or a short form of it for search engines beside the marked ``headline``; never the
    title, even where it is the page's ``<h1>``."""
    return any(w.casefold() == "alternativeheadline" for w in str(el.get("itemprop") or "").split())


def spoiler_start(soup):
    """The page's first paragraph announcing spoilers, or None."""
    for p in soup.find_all("p"):
        said = p.get_text(" ", strip=True)
        if said and len(said) <= MAX_ANNOUNCEMENT_CHARS and announcement(said):
            return p
    return None


def _at(el) -> tuple[int, int]:
    return el.sourceline or 0, el.sourcepos or 0


def _boxes(el) -> list:
    return [p for p in el.parents if p.name not in ("body", "html", "[document]")]


def in_spoiler(el, start) -> bool:
    """Whether the heading is hidden as a spoiler: inside a ``<details>`` or a spoiler box, or after ``start`` (a
    :func:`spoiler_start`) in the same container (a sidebar's "no spoilers here" note hides no post)."""
    if el.find_parent("details") is not None or any(_SPOILER_BOX.search(w) and not _TAXONOMY.match(w)
                                                    for p in (el, *_boxes(el)) for w in _words(p)):
        return True
    return start is not None and _at(el) > _at(start) and any(box in _boxes(el) for box in _boxes(start))


# What ends a lead set apart from the headline: a word, a quotation or a bracket, no mark that joins it to the rest
# ("Review:" before the headline is the heading's own kicker with its colon, read whole).
_LEAD_END = re.compile(r"[\w\"'»«“”’)\]]$")


def set_apart(el) -> tuple[str, str] | None:
    """(lead, rest) where the heading begins with an element of its own (not a link) and goes on in text of its own
    with no mark between them ("<h1><span class='subtitle'>Harbour days</span> Ferries run late</h1>"): readers see
    the lead on a line or in a type of its own, a kicker the theme has no class word for. None otherwise."""
    parts = [c for c in el.children if not (isinstance(c, str) and (not c.strip() or type(c).__name__ != "NavigableString"))]
    if len(parts) < 2 or isinstance(parts[0], str) or parts[0].name in ("a", "br", "img"):
        return None
    lead = " ".join(_joined(parts[0].strings).split())
    rest = " ".join(_joined(s for p in parts[1:] for s in ([p] if isinstance(p, str) else p.strings)).split())
    if not lead or not rest or not _LEAD_END.search(lead) or not _WORD.match(rest):
        return None
    return lead, rest
