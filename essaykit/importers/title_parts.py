"""A title's parts: where a ``<title>`` or a share card is cut ("Post | Site", "标题_频道_网站") and which part
is the site's name (one the page states, a web address, the host's name, the short last part, a breadcrumb's
sections before it). :mod:`.titles` chooses between the page's statements of the title; this reads one."""

from __future__ import annotations

import re
import unicodedata

# Separators between a post's title and the site's name in <title> and og:title.
# A colon is not one: "Evolve: Shared Mutable History" is one title.
# Chinese and Japanese titles join the site's name without spaces ("标题-新华网", "标题_百度百科").
_CJK_JOIN = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[-_–—](?=[\u3000-\u9fff\uff00-\uffef])")
# "›", "~", "⋆" and the box-drawing bar "│" are among the separators SEO plugins offer ("Post › Site").
SEPARATOR = re.compile(r"\s+(?:[|\-–—·•/\\»>›~⋆]|::|\|\|)\s+|\s*[|｜│]\s*|\s+-{2,}\s+|" + _CJK_JOIN.pattern)
# A separator left at either end once a part is cut ("Post -", "| Post"): no part of the title. Not "»" or "›":
# German and Swiss titles open and close quotations with them ("»Post«", "«Post»").
DANGLING = re.compile(r"^(?:[|｜│\-–—·•/\\~⋆:]+\s*)+|(?:\s*[|｜│\-–—·•/\\~⋆]+)+$")
# A part that is a web address ("selbst.de", "Zobacz na przepisy.pl") names the site, not the post.
_DOMAIN = re.compile(r"(?:^|\s)(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2}|com|org|net|info|blog|news|online)$", re.I)
# Blogger's "Blog: Post" <title>: a colon cuts only where the cut agrees with another source; French typography
# spaces it on both sides ("Pétition : Post").
SEPARATOR_OR_COLON = re.compile(SEPARATOR.pattern + r"|(?<=\S):\s+|\s+:\s+")
# A kicker and the headline in one heading, joined as French typography and screen-reader text write it ("Kicker : Post").
KICKER_MARK = re.compile(SEPARATOR_OR_COLON.pattern + r"|\s+:\s+")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-",
                         "\u00a0": " ", "…": "...",
                         "\u00ad": None})  # a soft hyphen is invisible unless a line breaks there


# French typography spaces a colon, semicolon, question or exclamation mark from the word before ("Kicker : Post").
_SPACED_MARK = re.compile(r"\s+(?=[:;?!](?:\s|$))")


def key(text: str) -> str:
    """A title folded for comparison: case, spaces (a space before a colon too), quote and dash forms, Unicode's
    canonical forms (Bengali "ড়" as one character or as "ড" and its dot) and end punctuation (a Japanese "。" too) do not
    count."""
    folded = " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split()).casefold()
    return _SPACED_MARK.sub("", folded).strip(" .:;,|-。")


def cut_parts(text: str, *, colon: bool = False) -> list[str]:
    """``text`` cut at each separator: every leading run of its parts, and every trailing run at least as long
    as what it leaves (the short tail of "Post | Site" is where a site puts its name, never the post's title)."""
    out = []
    for m in (SEPARATOR_OR_COLON if colon else SEPARATOR).finditer(text):
        head, tail = text[:m.start()].strip(), text[m.end():].strip()
        out += [c for c in (head, tail if len(tail) > len(head) else "") if c]
    return out


# A tail this short after the last separator, shorter than what it follows, is the site's name by its place.
SITE_TAIL_WORDS = 5
# A part this short that ends in a web address ("Zobacz na przepisy.pl") is the site's; a longer one is a title naming it.
DOMAIN_PART_WORDS = 3
# A host's name shorter than this ("tv", "bz") is too common a word to say which part of a title is the site's.
MIN_HOST_NAME = 4


# German hosts spell umlauts out ("klaenge-des-…" for "Klänge des …").
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _squashed(text: str) -> str:
    """Letters and digits only, accents dropped: how a host writes a name of several words ("Gregory Szorc")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum())


def _names(text: str, host: str) -> bool:
    """Whether ``text`` (folded) names ``host``: as a word, or as a run of whole words the host writes without
    spaces ("Gregory Szorc's Notes" on gregoryszorc.com, "Klänge des Verschweigens" on klaenge-des-verschweigens.de)."""
    if re.search(rf"(?<!\w){re.escape(host)}(?!\w)", text):
        return True
    name = _squashed(host.partition(".")[0])
    words = [w for w in re.split(r"'s\b|\W+", text.translate(_SPELLED_OUT)) if w]
    for start in range(len(words)):
        run = ""
        for count, word in enumerate(words[start:], 1):
            run += _squashed(word)
            if run == name and count > 1:
                return True
            if not name.startswith(run):
                break
    return False


def named_site_cut(text: str, sites: set[str], hosts: set[str] = frozenset(), *, last: bool = False
                    ) -> tuple[str, str] | None:
    """(title, how) from ``text`` without a part that surely names the site: a name the page states, a web address,
    or the host's name; None when no part does. ``last``: only a part at the end ("Firefox — Browse freely" keeps
    its product's name where sources agree on it whole)."""
    # A short last part too: after a part that surely names the site, it is the title ("Site - News » Post"); not
    # one word, which there names a section ("site.de | Prices").
    tails = [t for m in SEPARATOR.finditer(text) if len((t := text[m.end():].strip()).split()) >= 2]
    cuts = [(cut, key(text.replace(cut, "", 1)).strip(' |-/\\>·•"')) for cut in dict.fromkeys([*cut_parts(text), *tails])
            if not last or text.startswith(cut)]  # key() made "»" a quote
    for cut, rest in cuts:
        # Not a cut that begins the site's name in turn ("Harbour • Harbour Notes"): the site's short name, no post's.
        if key(cut) not in sites and rest in sites and (last or not rest.startswith(key(cut) + " ")):
            return cut, " without the site's name"
    for cut, rest in cuts:
        if _DOMAIN.search(rest) and not _DOMAIN.search(key(cut)) and len(rest.split()) <= DOMAIN_PART_WORDS:
            return cut, f" without the part that is a web address {rest!r}"
    # "Bohnenviertel - Stadt Stuttgart" on stuttgart.de: the part that names the host is the site's.
    for cut, rest in cuts:
        named = [h for h in hosts if len(h) >= MIN_HOST_NAME and _names(rest, h)]
        # as above, never the site's short name ("ICON • ICON Magazine" on iconmagazine.de)
        if named and not any(_names(key(cut), h) for h in named) and (last or not rest.startswith(key(cut) + " ")):
            return cut, f" without the part that names its host {named[0]!r}"
    return None


# A breadcrumb's section: one word of letters ("Forum", "Politik", "Video").
_SECTION = re.compile(r"[^\W\d_][\w.&'-]*")
# What is left before a section is a post's title of at least this many words, not a section in turn ("Tagebuch | 1987").
MIN_BEFORE_SECTION = 3


def _without_sections(title: str, how: str) -> tuple[str, str]:
    """``title`` once the site's name is cut, without the one-word sections of the site's breadcrumb that came
    before it ("Post | iPhone | Forum | Site"): a forum's, a news site's desk."""
    while (marks := list(SEPARATOR.finditer(title))):
        head, tail = title[:marks[-1].start()].strip(), title[marks[-1].end():].strip()
        if not _SECTION.fullmatch(tail) or len(head.split()) < MIN_BEFORE_SECTION:
            break
        title, how = head, f"{how} and the section {tail!r} before it"
    return title, how


def without_site(text: str, sites: set[str], hosts: set[str] = frozenset(), menu: set[str] = frozenset()
                 ) -> tuple[str, str] | None:
    """(title, how) from one statement: whole when it has no separator; else without the part that is the site's
    name (stated by the page, named after its host, or the short last part); None when which part is the title is
    not clear. ``menu``: the page's menu items, folded."""
    marks = list(SEPARATOR.finditer(text))
    if not marks:
        # "National Rail Enquiries -": a separator with nothing after it, where the template left a part empty;
        # whether what is left is the post's title or the site's name, nothing says.
        return None if DANGLING.search(text) else (text, "")
    named = named_site_cut(text, sites, hosts)
    if named is not None:
        return _without_sections(*named)
    # A part that is an item of the page's menu names one of the site's pages, never the site: "Harbour Club -
    # Training" is the page of the menu's "Training", or a post in it; whether the other part is the site's name or
    # the post's title, nothing says.
    if any(key(part) in menu for part in SEPARATOR.split(text)):
        return None
    head, tail = text[:marks[-1].start()].strip(), text[marks[-1].end():].strip()
    if len(tail) < len(head) and len(tail.split()) <= SITE_TAIL_WORDS and key(head) not in sites:
        # "标题_教育频道_中国青年网": a Chinese site puts its channel before its name, joined the same way.
        while (inner := _CJK_JOIN.search(head[::-1])) and marks[-1].group() == inner.group():
            shorter, channel = head[:len(head) - inner.end()], head[len(head) - inner.start():]
            if len(channel) >= len(shorter):
                break
            head, tail = shorter, f"{channel}{marks[-1].group()}{tail}"
        return head, f" without its last part {tail!r} (the site's place)"
    return None


def host_names(url: str) -> set[str]:
    """The words of a page's host that may be its site's name: "en.wikipedia.org" → {"wikipedia", "wikipedia.org"}."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").removeprefix("www.")
    parts = host.split(".")
    return {key(p) for p in (host, ".".join(parts[-2:]), parts[-2] if len(parts) >= 2 else "") if p}


def at_site(text: str, sites: set[str]) -> tuple[str, str] | None:
    """(title, how) without a last part "@ Blog" that names the site (PIXNET's "Post @ Blog :: PIXNET ::")."""
    head, at, tail = text.rpartition(" @ ")
    return (head.strip(), f" without {at.strip()} the site's name") if at and head.strip() and key(tail) in sites else None
