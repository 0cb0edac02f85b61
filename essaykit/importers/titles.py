"""A saved page's title, chosen by agreement between every place the page states it.

A page names its post in several places: ``og:title``, ``twitter:title``,
the JSON-LD headline, the article's ``<h1>``/``.entry-title`` and the
``<title>``, which usually adds the site's name after a separator ("Post |
Site"). Each source votes for its text and for its text cut at a separator;
the text most sources agree on wins. One source alone is trusted only when
there is nothing to cut (no separator) or the cut part is the site's name.
Anything else is *unknown*: :func:`choose` says why, and the importer names
the candidates in its report instead of publishing a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from itertools import takewhile

from . import headings
from .page_meta import is_post, json_ld, kinds, meta
# key and host_names are read from here by the importers too.
from .title_parts import (DANGLING, KICKER_MARK, SEPARATOR, SEPARATOR_OR_COLON, at_site, cut_parts, host_names, key,
                          named_site_cut, without_site)

# Shorter statements must match whole: "V8" does not agree with every title that ends in "V8".
MIN_EDGE_MATCH = 8
# A one-word <title> ("x", "Home") says less than the page's only <h1>.
SHORT_TITLE_WORDS = 1
# After a heading, a <title> that goes on with a mark ("Post ✩ Site", "Post » Site") names the same post; a Japanese
# one joins the site's name with a full-width colon or bar, without spaces ("記事：サイト").
_MARK_AFTER = re.compile(r"\s+[^\w\s'\"]|[：｜]")
# An opening bracket after it too ("Cabin Feinen (40222) - Site" over the <h1> "Cabin Feinen"), unless a heading says
# the longer text whole: "Bhindi masala (okra stir fry)" in the post's headline is the title, not "Bhindi masala".
_BRACKET_AFTER = re.compile(r"\s+[(\[]")
# Meta tags that state the title, with the name used in the report.
# Dublin Core first: a page that states it (libraries, journals, archives) states it with care.
_META_TITLES = (("dc:title", "dc.title"), ("dcterms:title", "dc.title"), ("og:title", "og:title"),
                ("twitter:title", "twitter:title"), ("parsely-title", "parsely-title"),
                ("sailthru.title", "sailthru.title"), ("title", "meta title"))
# Not "application-name": pages put the post's title there too.
_SITE_META = ("og:site_name", "twitter:site")
# Headline elements a theme marks as the post's; ``h1`` and ``h2`` in the article are weaker evidence.
_HEADLINE_SELECTORS = (".entry-title", ".post-title", ".gh-article-title", ".article-title", "[itemprop=headline]",
                       ".p-name")
# WordPress's classic theme titles a post "Site » Blog Archive » Post", in the blog's language: no part of the post's.
# (A gap before it is taken from its start only: tried again from inside a long gap, it cost the gap's square.)
_BLOG_ARCHIVE = re.compile(r"(?:(?<!\s)\s+)?»\s*(?:Blog Archiv(?:e)?|Archives du blog|Archivo del blog|Arquivo do blog|Archivio Blog|"
                           r"Blogarchief)\s*»\s*", re.I)
_META_SOURCES = {label for _, label in _META_TITLES}
# A class word a theme of its own gives the post's title heading; not a related post's or a teaser's.
_THEMED_TITLE = re.compile(r"^(?!.*(?:related|rp-|rbp-))(?:[\w-]+[-_])?post[-_]title$", re.I)
THEMED_SOURCE = "heading classed post_title"
MAX_TITLE = 300


@dataclass
class Choice:
    title: str = ""  # "" when unknown
    why: str = ""  # the sources that agreed, or why the title is unknown
    candidates: list[tuple[str, str]] = field(default_factory=list)  # (source, text) as the page states them
    doubt: str = ""  # why the title is only a guess, where it is one


def _json_ld_titles(soup) -> list[tuple[str, str]]:
    # unescaped: SEO plugins escape the headline's HTML once more than JSON needs ("Thermen- &#038; Vulkanland")
    return [(f"JSON-LD {name}", unescape(item[name])) for item in json_ld(soup) if is_post(item) for name in ("headline", "name")
            if isinstance(item.get(name), str) and item[name].strip()]


def site_names(soup, *extra: str) -> set[str]:
    """The site's name as the page states it (meta tags, JSON-LD publisher/WebSite), folded."""
    names = {key(e) for e in extra if e}
    names |= {key(meta(soup, name).lstrip("@")) for name in _SITE_META}
    for item in json_ld(soup):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.add(key(publisher["name"]))
        if "WebSite" in kinds(item) and isinstance(item.get("name"), str):
            names.add(key(item["name"]))
    names |= {key(el.get_text(" ", strip=True)) for el in soup.find_all(["h1", "h2"]) if headings.is_logo(el)}
    names.discard("")
    return names


def candidates(soup, in_comments, lookup=None) -> list[tuple[str, str]]:
    """(source, text) for every statement of the title on the page, strongest sources first. ``lookup``: the page's
    :class:`.page_text.Lookup`, when the caller has one already (one walk of the page, not two)."""
    found = list(_json_ld_titles(soup))
    for name, label in _META_TITLES:
        if meta(soup, name):
            found.append((label, meta(soup, name)))
    if lookup is None:
        from .page_text import Lookup  # BeautifulSoup's import (about 180 ms): a page has one already, a text copy none

        lookup = Lookup(soup)
    seen = set()
    spoilers = headings.spoiler_start(soup)

    def usable(el) -> bool:
        return not (id(el) in seen or in_comments(el) or el.find_parent(["nav", "aside", "footer"]) is not None
                    or headings.is_logo(el) or headings.in_spoiler(el, spoilers) or headings.is_alternative(el))

    for selector in (*_HEADLINE_SELECTORS, "article h1", "main h1", "h1", "article h2"):
        for el in lookup.select(selector, limit=3):
            if usable(el):
                seen.add(id(el))
                if text := headings.text(el):
                    found.append((selector, text))
    # A theme's own name for the post's title ("blog_post_title", "single-post-title"), where one heading only has it
    # (several are a list of teasers): one more statement to agree with, never the marked headline.
    themed = [el for el in lookup.select("h1, h2, h3") if any(_THEMED_TITLE.search(w) for w in el.get("class") or [])]
    if len(themed) == 1 and usable(themed[0]) and (text := headings.text(themed[0])):
        found.append((THEMED_SOURCE, text))
    if soup.title is not None and soup.title.get_text(strip=True):
        found.append(("<title>", _BLOG_ARCHIVE.sub(" » ", soup.title.get_text())))
    # A soft hyphen is invisible unless a line breaks there: no part of the title ("Mes\xadsen\xadger…").
    return [(source, " ".join(text.replace("\u00ad", "").split())) for source, text in found if 0 < len(text.strip()) <= MAX_TITLE]


def _kind(source: str) -> str:
    if source.startswith("JSON-LD"):
        return "json"
    if source == "<title>":
        return "title"
    return "meta" if source in _META_SOURCES else "heading"


# A date before or after the title, as a separate part ("23.01.2022 - Post"), is the post's date, not its title.
_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_DATE_PART = re.compile(rf"^{_DATE}\s*[-–—|:]\s+|\s+[-–—|]\s*{_DATE}$")
# The article's own headline as readers see it: a heading the theme marks as the post's, or its article's <h1>.
_BARE_HEADINGS = ("article h1", "main h1")
_OWN_HEADINGS = (*_HEADLINE_SELECTORS, *_BARE_HEADINGS)
# The visible headline and a title that adds a few words at one end name the same post only while the headline is
# most of it: at least this share.
MIN_SHARED = 0.5
# The kinds of source a reader sees: the page's heading and its tab's <title>.
_SEEN = frozenset({"heading", "title"})


def _as_shown(choice: Choice, sites: set[str]) -> Choice:
    """``choice`` without a date part, and as the article's own headline shows it, where the title only adds words at one end: share cards and
    <title>s add a kicker ("Chronik: …"), a name ("… von jesusfreak") or a keyword ("… Recipe", "… przepis") that the
    headline readers see has not."""
    choice.title = _DATE_PART.sub("", choice.title) or choice.title
    own = next((text for source, text in choice.candidates if source in _OWN_HEADINGS), "")
    said, shown = key(choice.title), key(own)
    # Never a headline longer than the title: words before it in the same element are a kicker without a class
    # ("Tunesien Große Aufgaben …"), words after it a subtitle.
    # Nor one cut short for the layout ("… as Wild…"): it ends where the box did, not where the title does.
    if not own or own.endswith(("…", "...")) or len(shown) >= len(said) or shown in sites or len(shown) < max(MIN_EDGE_MATCH, MIN_SHARED * len(said)):
        return choice
    if (said.startswith(shown) and not said[len(shown)].isalnum()) or (said.endswith(shown) and not said[-len(shown) - 1].isalnum()):
        choice.title, choice.why = own, f"the article's own headline, which {choice.why!r} names with words added"
    return choice


# A word for comparing two wordings: a run of letters, or one character of a script written without spaces.
_UNIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
# Two wordings of one headline share at least this many words, and more than this share of the shorter one's (past
# a start they share: "Tide tables beta: depth input, chart output test" is a test on the page "Tide tables with depth
# input and chart output", two of three words alike, not its headline).
MIN_REWORDED = 3
REWORDED_SHARE = 0.7
# The page's only <h1> this many words long is a headline, not a section's label ("Health Center"): where it says
# something else than the <title> and share cards, it is the title, as a guess…
GUESS_BESIDE_WORDS = 5
# …unless the two begin with this many words alike.
SAME_START = 2


def _reworded(heading: str, title: str, sites: set[str], hosts: set[str]) -> bool:
    """Whether ``heading`` (folded) says most of what ``title`` says less the site's name: the same post in other words."""
    found = without_site(title, sites, hosts)
    if "".join(heading.split()) == "".join(key(found[0] if found else title).split()):
        return False  # the same text spaced otherwise ("記事 ： 続き"): the <title>'s is as good
    head, said = _UNIT.findall(heading), _UNIT.findall(key(found[0] if found else title))
    # Not the words they begin with alike: "Notes on ferries: the timetable" and "Notes on ferries: what the crews told
    # me" are two chapters of one series.
    if head == said:  # the same words, quoted or dashed otherwise ("Fury Over 'Graphic' Ad")
        return len(head) >= MIN_REWORDED
    same = len(list(takewhile(lambda pair: pair[0] == pair[1], zip(head, said))))
    head, said = set(head[same:]), set(said[same:])
    common = len(head & said)
    return common >= MIN_REWORDED and common > REWORDED_SHARE * min(len(head), len(said))


def _shared(a: str, b: str) -> float:
    """The share of the shorter text's words that the other has too."""
    wa, wb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


# A title this many words long that a marked headline begins with is the headline, the rest a subtitle in its element.
MIN_SUBTITLED = 3
# Glued on by a space alone: after a mark ("Post – more", "Post: more") the words are the title's own, cut by a source.
_GLUED = re.compile(r" \w")


def _marked_headline(choice: Choice, sites: set[str]) -> Choice:
    """``choice`` replaced by the headline the theme marks as the post's (``.entry-title``, ``itemprop=headline``…)
    where the page marks one only and it says something else: share cards, JSON-LD and the <title> are often
    written for search engines ("Privatkredit-Zinsen: So ermitteln Sie Ihre Kosten"), the marked headline is what
    readers saw ("Wie hoch sind die Zinsen für einen Privatkredit?"). Several marked headlines are the post's and a
    list of teasers: the post's is the one that shares most of the chosen title's words, where only one does."""
    marked = {key(text): (source, text) for source, text in choice.candidates if source in _HEADLINE_SELECTORS}
    said = key(choice.title)
    if not marked:
        # A theme that marks no headline: the <h1> of the page's article (or main) is what readers saw as its title,
        # where the page has one only there. Not over the title a Dublin Core tag states whole: a page that states
        # one (a library's, a journal's, an archive's) states it with care, and a bare <h1> marks no headline.
        if any(source == "dc.title" and key(text) == said for source, text in choice.candidates):
            return choice
        marked = {key(text): (source, text) for source, text in choice.candidates if source in _BARE_HEADINGS}
    # A box marked as the headline's that holds the marked headline and the subtitle under it ("Post The world …"):
    # the headline is the one it begins with.
    marked = {k: v for k, v in marked.items() if not any(k != o and k.startswith(o) and _GLUED.match(k[len(o):])
                                                         for o in marked)}
    if len(marked) > 1:
        # The post's own among teasers marked the same way: the only one that says most of the chosen title's words.
        # Never a heading of one word: a document's sections ("quaytool", "Usage", "Screenshots" in a README) are
        # no headline for every title that has their word.
        close = [k for k in marked if _shared(k, said) >= MIN_SHARED and len(_UNIT.findall(k)) > 1]
        marked = {close[0]: marked[close[0]]} if len(close) == 1 else marked
    if len(marked) != 1:
        return choice
    shown, (source, text) = next(iter(marked.items()))
    if (shown == said or shown in sites or text.endswith(("…", "...")) or shown.endswith(said)  # a kicker before it
            # a subtitle after it in the same element ("Fish Cakes, Hot and Fresh Welcome to the Harbour Town")
            or (len(said.split()) >= MIN_SUBTITLED and shown.startswith(said) and _GLUED.match(shown[len(said):]))
            or (len(shown.split()) < 2 and len(shown) < MIN_EDGE_MATCH)  # a label ("Blog"), not a headline
            # another heading shows the chosen title: the marked one may be a box's ("Radiobeitrag zum …")
            or any(_kind(s) == "heading" and key(t) == said for s, t in choice.candidates)):
        return choice
    choice.title, choice.why = text, f"the headline the theme marks as the post's ({source}); {choice.why} said {choice.title!r}"
    return choice


def _beside_headline(choice: Choice, kinds: set[str], lone: str, sites: set[str]) -> Choice:
    """``choice`` replaced by the page's only <h1> (``lone``, folded) where only the <title> and share cards state the
    chosen title and the <h1> is a headline that says something else: the title written again for search engines
    ("7 Places to Find Hidden Treasure …" over the <h1> "7 Unexpected Places You Could Find Cash …"). Which one the
    post calls itself, nothing says for sure: the title is a guess, and the report names both. Not where the two begin
    with the same words: two chapters of one series ("Notes on ferries: the timetable" and "Notes on ferries: what the
    crews told me"), or a page's test of its own headline."""
    said = key(choice.title)
    if (not said or kinds & {"heading", "json"} or not lone or lone in sites or len(lone.split()) < GUESS_BESIDE_WORDS
            or lone in said or said in lone or "".join(lone.split()) == "".join(said.split())):
        return choice
    if len(list(takewhile(lambda pair: pair[0] == pair[1], zip(_UNIT.findall(lone), _UNIT.findall(said))))) >= SAME_START:
        return choice
    text = next(t for s, t in choice.candidates if key(t) == lone)
    choice.doubt = f"the page's only <h1> says it, but {choice.why} said {choice.title!r}"
    choice.title, choice.why = text, f"the page's only <h1>; {choice.why} said {choice.title!r}"
    return choice


def _unnamed_heading(choice: Choice, kind: str, stated: list[tuple[str, str]], sites: set[str]) -> Choice:
    """``choice``, a guess where one kind of source that readers do not see in the page (the <title>, a share card,
    JSON-LD) stated it alone and the page's only heading, its article's only <h2> (no <h1>, none marked), of two
    words or more, says something that title neither holds nor is part of: which of the two names the post, nothing
    says (a <title> over the article's <h2> that says another headline; a share card's "Name gave 5 stars"). Not an
    <h1>: a page's only <h1> is as often a section's label ("Health Center", "About This Site") or the logo."""
    h2s = {key(t) for s, t in stated if s == "article h2"}
    alone = not any(_kind(s) == "heading" and s != "article h2" for s, _ in stated)
    shown, said = next(iter(h2s)) if len(h2s) == 1 and alone else "", key(choice.title)
    # Not a heading the title's statements name (the site's or a section's name in the <title>), nor one spaced otherwise.
    named = [("".join(key(t).split())) for s, t in stated if _kind(s) != "heading"]
    if (kind != "heading" and not choice.doubt and said and shown and shown not in sites and len(_UNIT.findall(shown)) > 1
            and not any(_kind(s) == "heading" and key(t) == said for s, t in stated)
            and not any("".join(shown.split()) in n or n in "".join(shown.split()) for n in named)):
        text = next(t for s, t in stated if key(t) == shown)
        choice.doubt = f"{choice.why} said it alone, but the page's only heading says {text!r}"
    return choice


def _lead_apart(choice: Choice, soup) -> Choice:
    """``choice`` without an <h1>'s lead set apart in an element of its own (:func:`headings.set_apart`) where the
    title is the <h1>'s whole text and another statement cuts the lead off with a mark ("Harbour days - Ferries run
    late" in the <title> or JSON-LD): the lead is a kicker readers saw on its own, the rest the headline. Not where
    a colon cuts it off: "Lead: Rest" is one title with its kicker, as a heading's own colon is."""
    said = key(choice.title)
    for el in soup.find_all("h1"):
        if (parts := headings.set_apart(el)) is None or key(" ".join(parts)) != said:
            continue
        lead, rest = key(parts[0]), parts[1]
        if len(key(rest)) >= MIN_EDGE_MATCH and any(
                (folded := key(text)).startswith(lead) and SEPARATOR.match(folded, len(lead))
                for source, text in choice.candidates if _kind(source) != "heading"):
            choice.title, choice.why = rest, f"{choice.why}, without the <h1>'s kicker {parts[0]!r} set apart from it"
            break
    return choice


def choose(soup, *, in_comments, sites: set[str], menu: set[str], hosts: set[str] = frozenset(),
           stated: list[tuple[str, str]] | None = None) -> Choice:
    """The title most of the page's sources agree on, or an unknown one with the reason. ``stated``: the page's
    :func:`candidates`, when the caller has read them already."""
    if stated is None:
        stated = candidates(soup, in_comments)
    choice = Choice(candidates=stated)
    if not stated:
        choice.why = "the page states no title (no og:title, JSON-LD headline, <h1> or <title>)"
        return choice
    votes: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    whole = {key(text) for _, text in stated}
    plain_cuts = {key(c) for _, text in stated for c in cut_parts(text)}
    # Shown as the page's heading writes it, where one agrees: its typography ("„Quote“", "…") is what readers saw;
    # metadata often flattens it to ASCII.
    for source, text in sorted(stated, key=lambda st: _kind(st[0]) != "heading"):
        # A part of a leading part too: "Kicker: Post | Site" holds "Post", which a heading may say whole. Not of a
        # trailing part: what a cut left before it is what says that a short tail is the site's name. Not a heading's
        # cut at a colon: readers saw the kicker before it ("Second trip: Post" in the <h1>, JSON-LD and share card
        # outvote a <title> "Post - Section - Site"); a kicker the heading alone has is cut below, where it is one.
        first = cut_parts(text, colon=_kind(source) != "heading")
        # A heading's last part after its kicker ("Press release of the office : Post"), where another source says it whole.
        kicked = [t for m in KICKER_MARK.finditer(text) if _kind(source) == "heading"
                  and key(t := text[m.end():].strip()) in whole]
        for variant in (text, *first, *(c for cut in first if text.startswith(cut) for c in cut_parts(cut, colon=True)), *kicked):
            k = key(variant)
            # A cut at a colon, or of a cut, only where another statement says it whole: two titles that share what
            # comes before their colon ("Topic: this" and "Topic: that") do not agree on "Topic".
            if k and k not in sites and (k in whole or k in plain_cuts):
                votes.setdefault(k, set()).add(source)
                shown.setdefault(k, variant.strip() if variant is text else variant.strip().lstrip(".:;,|-–— "))
    # A statement that starts with another and goes on after a mark agrees with it ("This API is so Fetching! ✩
    # Mozilla Hacks"); never one that only ends with it (the site's logo heading, "… :: 痞客邦 PIXNET").
    headlines = {key(text) for source, text in stated if _kind(source) == "heading"}
    for source, text in stated:
        folded = key(text)
        for k in list(votes):
            if (len(k) >= MIN_EDGE_MATCH and folded.startswith(k) and _MARK_AFTER.match(folded[len(k):])
                    and not (folded in headlines and _BRACKET_AFTER.match(folded[len(k):]))):
                votes[k].add(source)
    stated_kinds = {k: {_kind(source) for source in sources} for k, sources in votes.items()}
    # A text some statement says whole before a part cut from several: the section's name that begins this post's
    # title and a teaser's ("Olympia 2022 - …") has more votes than the title, never more kinds.
    # Between groups of as many kinds, one that readers see (a heading or the tab's <title>) over one that only
    # machines read, the JSON-LD headline and a share card ("Coronavirus: Post" over "Post in other words").
    # Then the one with the JSON-LD headline: the publisher's statement of the article's headline, where og:title and
    # twitter:title are the text of a share card.
    # Then the one with a headline the theme marks as the post's: a site's logo is often the page's only <h1>, and the
    # <title> names it too ("Post › Site").
    agreed = sorted((k for k in votes if len(stated_kinds[k]) >= 2),
                    key=lambda k: (len(stated_kinds[k]), bool(stated_kinds[k] & _SEEN), "json" in stated_kinds[k],
                                   bool(votes[k] & set(_HEADLINE_SELECTORS)), k in whole, len(votes[k]), len(k)), reverse=True)
    # What the <title> says, whole and cut: a heading is named by it when it holds one of them ("The Salt Road" and
    # "Salt Road – Reel Notes"); a heading the <title> holds may be a section's ("Videos").
    headed = [key(v) for source, text in stated if _kind(source) == "title" for v in (text, *cut_parts(text))]
    # The page's only <h1>: the page's <h1>s less the site's logo and those in menus, asides and comments.
    shown_h1 = {key(text) for source, text in stated if source in ("h1", *_BARE_HEADINGS)}
    lone = next(iter(shown_h1)) if len(shown_h1) == 1 else ""
    if agreed:
        choice.title, choice.why = shown[agreed[0]], " and ".join(sorted(votes[agreed[0]]))
        # og:title and the <title> often agree on "Post | Site": the site's name is no part of the post's title.
        while (cut := named_site_cut(choice.title, sites, hosts, last=True) or at_site(choice.title, sites)) is not None:
            choice.title, choice.why = cut[0], choice.why + cut[1]
        choice.title = DANGLING.sub("", choice.title) or choice.title
        choice = _lead_apart(_marked_headline(_as_shown(choice, sites), sites | menu), soup)
        return _beside_headline(choice, stated_kinds[agreed[0]], lone, sites | menu)
    # One kind of source each. The publisher's declared title (JSON-LD, meta) first; then a heading the <title>
    # names (the article's own, often fuller); then the <title>; a heading alone only when there is no <title>.
    h1s = soup.find_all("h1")
    # A one-word <title> without a separator; "标题_频道_网站" is one word by its spaces, not a short title.
    said = [text for source, text in stated if _kind(source) == "title"]
    short = bool(said) and all(len(t.split()) <= SHORT_TITLE_WORDS and not SEPARATOR.search(t) for t in said)
    only_h1 = key(h1s[0].get_text(" ", strip=True)) if short and len(h1s) == 1 else None
    # The page's only <h1> that says most of what the <title> says in other words: the headline readers saw, where the
    # <title> was written again for search engines ("6 Gadgets Powered by Alexa" over "Here Are 6 Gadgets …").
    reworded = lone if lone not in sites | menu and any(_reworded(lone, t, sites | menu, hosts) for t in said) else None

    def named(text: str) -> bool:
        return key(text) in (only_h1, reworded) or any(t in key(text) for t in headed if t)

    order = sorted(stated, key=lambda st: {"json": 0, "meta": 0, "heading": 1 if named(st[1]) else 3,
                                           "title": 2}[_kind(st[0])])
    # With no heading on the page to check a cut against, a part of the <title> that is a menu item leaves unclear
    # which part is the site's ("Harbour Club - Training"); with one, the menu item is cut as the site's name, and the
    # post's marked headline replaces what is left where that was wrong ("Post — Edition", the edition in the menu).
    alone = not any(_kind(source) == "heading" for source, _ in stated)
    for source, text in order:
        if key(text) in sites | menu or (_kind(source) == "heading" and headed and not named(text)):
            continue  # a lone heading the <title> does not name: a section's, or the site's logo
        # The reworded headline whole: what a <title> adds after a dash is the site's, what a heading adds its own.
        found = ((text, "") if key(text) == reworded else without_site(text, sites, hosts, menu) if alone
                 else without_site(text, sites | menu, hosts))
        if found is not None:
            choice.title, choice.why = found[0], f"{source}{found[1]}"
            choice = _lead_apart(_marked_headline(_as_shown(choice, sites | menu), sites | menu), soup)
            choice = _beside_headline(choice, {_kind(source)}, lone, sites | menu)
            return _unnamed_heading(choice, _kind(source), stated, sites | menu)
    if all(key(text) in sites | menu for _, text in stated):
        choice.why = "every title the page states is the site's name or a menu item"
        return choice
    choice.why = ("the page's titles disagree or carry a suffix that is not the site's name: "
                  + "; ".join(f"{s} {t!r}" for s, t in stated[:4]))
    return choice
