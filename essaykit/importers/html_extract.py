"""A second opinion on a saved page: trafilatura's main text and metadata, and the sanity checks.

essaykit's own container rules (:mod:`.html_page`) know blog themes well:
spoiler announcements, comment threads, bylines. trafilatura (Apache-2.0,
maintained, tuned on pages in many languages) knows where a page's main
text is when a theme does something odd: a teaser or a promo inside
``<article>``, an article container whose class says "share". So the
importer asks both, keeps its own article when it holds what trafilatura
found, takes trafilatura's when it does not, and reports the doubts that
remain (:func:`doubts`): ``essaykit import`` then asks for ``--force``
rather than writing a doubtful essay. trafilatura's main text also says
which part of a container wider than the post is the site's furniture
(:func:`narrowed`, :func:`without_link_lists`, :func:`without_more_stories`).

trafilatura costs about 0.6 s to import and is imported only here, when a
saved page is read (never for a WordPress export or a text copy).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import takewhile
from dataclasses import dataclass

# Our article must hold this share of trafilatura's words to be kept; below, trafilatura's is used.
KEEP_OURS_AT = 0.6
# An article with fewer words than this share of the page's own text (menus, sidebars, comments aside) is doubtful…
SHORT_SHARE = 0.2
# …when the page has at least this many words of its own: a short page with a short post is fine.
SHORT_PAGE_WORDS = 300
_WORD = re.compile(r"\w+", re.U)
# Chinese, Japanese and Thai run on without spaces, so \w+ takes a whole clause as one word: in the sizes compared
# below, each of their characters counts as a word (a Chinese word is one to two characters).
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


SAME_BLOCK = 0.8  # a block whose words are this much in the other reading is text both readings have
PROSE_WORDS = 8  # a paragraph of at least this many words, not mostly links, is text rather than a menu or a date


@dataclass
class Extracted:
    """What trafilatura found: the main text as HTML (or ""), and the page's title, author, date and site name."""

    html: str = ""
    title: str = ""
    author: str = ""
    date: str = ""
    sitename: str = ""
    failure: str = ""  # why trafilatura could not read the page, when it raised


def words(text: str) -> Counter:
    """The words of ``text``, folded, with their counts (in the order each first occurs). Counted as written, then
    folded once per distinct word: a page says its common words hundreds of times."""
    folded: Counter = Counter()
    for word, n in Counter(_WORD.findall(text)).items():
        folded[word.casefold()] += n
    return folded


def covered(part: Counter, whole: Counter) -> float:
    """How much of ``whole`` (as words) is in ``part``: 1.0 when all of it."""
    total = sum(whole.values())
    return sum((part & whole).values()) / total if total else 1.0


def extract(markup: str) -> Extracted:
    """trafilatura's reading of ``markup``; an empty result when it finds no main text.

    One extraction: its HTML output carries the metadata as ``<meta>`` tags in its ``<head>`` (asking
    ``bare_extraction`` for them as well would run the whole extraction twice)."""
    import trafilatura
    from bs4 import BeautifulSoup

    from .page_meta import meta, read_only

    try:
        html = trafilatura.extract(markup, output_format="html", with_metadata=True, include_comments=False,
                                   include_images=True, include_links=True, include_formatting=True,
                                   include_tables=True, favor_recall=True, deduplicate=False)
    except Exception as exc:  # its bug on one page's markup (a KeyError on <hi rend="uppercase">) loses the second
        # opinion, not the import: the caller says so and keeps its own reading.
        return Extracted(failure=f"{type(exc).__name__}: {exc}")
    if not html:
        return Extracted()
    soup = BeautifulSoup(html, "html.parser")
    read_only(soup)  # its meta tags are read four times below
    body = soup.body.decode_contents() if soup.body is not None else ""
    return Extracted(html=body, title=meta(soup, "title"), author=meta(soup, "author"), date=_stated_day(markup, meta(soup, "date")),
                     sitename=meta(soup, "sitename"))


def _stated_day(markup: str, date: str) -> str:
    """htmldate's date, or "" where it may have made the day up: its extensive search reads a date that names only
    its year or month ("© 2022", "/2020/04/" in a link) as the 1st of it, so a 1st is kept only when the page's
    markup states it (the search without the text's loose dates finds it too)."""
    if not re.fullmatch(r"\d{4}-\d\d-01", date[:10]):
        return date
    from htmldate import find_date

    try:
        stated = find_date(markup, extensive_search=False, original_date=True)
    except Exception:  # htmldate's failure on odd markup loses this date, not the import
        return ""
    return date if stated == date[:10] else ""


# What holds a menu's links.
_MENUS = ("nav", "header", ".menu", "[role=navigation]", ".nav", "#menu")
# A menu item marked as the page the reader is on names this page, not another one.
_CURRENT = re.compile(r"active|current|aktiv|selected|is-on", re.I)


def menu_items(soup, url: str = "", lookup=None) -> set[str]:
    """The texts of the page's menu and navigation links to *other* pages, folded: a title that is one of them is
    not the post's. Not the post's own headline link, nor the item for the page itself (its address, or marked
    current: a post that the menu lists is still this post). ``lookup``: the page's :class:`.page_text.Lookup`, when
    it has one (the same links, found without trying every element of the page)."""
    from urllib.parse import urljoin

    here = url.split("#")[0].rstrip("/")
    found = set()
    from .page_text import Lookup

    for link in (lookup or Lookup(soup)).inside(_MENUS, "a"):
        text = " ".join(link.get_text(" ", strip=True).split()).casefold()
        try:
            href = urljoin(url, link.get("href") or "").split("#")[0].rstrip("/")
        except ValueError:  # "https://[not-a-host]/": no address, so not this page's
            href = ""
        if (not text or link.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "article"]) is not None
                or (here and href == here) or link.get("aria-current")
                or any(_CURRENT.search(" ".join(el.get("class") or ())) for el in (link, *link.find_parents("li", limit=1)))):
            continue
        found.add(text)
    return found


def page_words(soup) -> Counter:
    """The page's own words: its body without scripts, menus, sidebars, footers, forms and comments."""
    from .page_text import FORMS, text_without

    body = soup.body or soup
    return words(text_without(body, ("script", "style", "noscript", "template", "nav", "aside", "footer", FORMS,
                                     "header", ".sidebar", "#sidebar", ".widget", "#comments", ".comments-area",
                                     ".comment-list", ".commentlist", "#disqus_thread", ".wpd-thread-list")))


def _size(found: Counter) -> int:
    """How many words ``found`` holds, a character of an unspaced script counting as one."""
    return sum(n * max(1, len(_UNSPACED.findall(w))) for w, n in found.items())


def doubts(*, title: str, sitename: str, menu: set[str], article: Counter, page: Counter) -> list[str]:
    """What makes the essay doubtful, one sentence each (empty when nothing does)."""
    found = []
    key = " ".join(title.split()).casefold()
    if key and sitename and key == " ".join(sitename.split()).casefold():
        found.append(f"the title {title!r} is the site's name, not the post's")
    elif key and key in menu:
        found.append(f"the title {title!r} is an item of the page's menu")
    kept, total = _size(article), _size(page)
    if total >= SHORT_PAGE_WORDS and kept < SHORT_SHARE * total:
        found.append(f"the article has {kept:,} words of the page's {total:,}; it may be a teaser or a promo, "
                     "not the post")
    return found


LINK_LIST = 0.6  # a block of two links or more whose words are at least this share link text is a list of links…
LEFT_OUT = 0.5  # …and is furniture when trafilatura's main text holds less than this share of its words
_IMAGE = re.compile(r"\[Image:[^\[\]]*\]\([^()\s]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")


def _link_share(block: str) -> tuple[Counter, float]:
    """(the block's words, the share of them that are link text) of a Markdown block; images count as neither."""
    text, linked = _IMAGE.sub(" ", block), []

    def unlinked(found: re.Match) -> str:
        linked.append(sum(words(found.group(1)).values()))
        return f" {found.group(1)} "

    replaced = 1
    while replaced:  # innermost links first, then the links around them (one pass per level of nesting)
        text, replaced = _LINK.subn(unlinked, text)
    every = words(text)
    total = sum(every.values())
    return every, (sum(linked) / total if total else 0.0)


def plain_words(blocks: list[str]) -> str:
    """The words of Markdown ``blocks`` in their order, folded and joined by spaces; links and images count as their
    text only, so that one reading's block can be looked for in another's (:func:`holds_block`)."""
    text = _IMAGE.sub(" ", "\n".join(blocks))
    replaced = 1
    while replaced:
        text, replaced = _LINK.subn(lambda found: f" {found.group(1)} ", text)
    return " ".join(_WORD.findall(text)).casefold()  # casefold maps each character alone: the same as word by word


def holds_block(text: str, block: str) -> bool:
    """Whether ``text`` (:func:`plain_words`) holds ``block``'s words in a row: a paragraph both readings have, where
    comparing word counts would also find a lede's common words scattered through a long article."""
    want = plain_words([block])
    return bool(want) and f" {want} " in f" {text} "


def without_link_lists(blocks: list[str], theirs: Counter) -> list[str]:
    """``blocks`` without the lists of links that trafilatura's main text (``theirs``) left out, and without a
    heading whose section held nothing else: breadcrumbs, "Most popular" and "Related" lists, a menu row, share rows
    inside the article container. A list of links that trafilatura kept (the post's own reading list) stays."""
    if sum(theirs.values()) < 10:
        return blocks
    gone = []
    for block in blocks:
        every, share = _link_share(block)
        gone.append(share >= LINK_LIST and covered(theirs, every) < LEFT_OUT and len(_LINK.findall(block)) >= 2)
    kept = []
    for k, block in enumerate(blocks):
        if gone[k]:
            continue
        if block.startswith("#") and len(block.splitlines()) == 1:  # a heading over dropped lists only (to the next one)
            section = list(takewhile(lambda j: not blocks[j].startswith("#"), range(k + 1, len(blocks))))
            if section and all(gone[j] for j in section):
                continue
        kept.append(block)
    return kept


HEADLINE_BLOCKS = 3  # how far into the article the page's headline is looked for


def without_headline(blocks: list[str], title: str) -> list[str]:
    """``blocks`` without the post's headline when it is one of the first few headings (after a breadcrumb or a kicker
    that is gone): the title is the essay's metadata, and the page shows it already. Compared as
    :func:`.titles.key` folds titles, on the heading's text (a Markdown heading escapes "&" and "*")."""
    import html

    from .leftovers import plain_lines
    from .titles import key

    want = key(title)
    for k, block in enumerate(blocks[:HEADLINE_BLOCKS]):
        if want and block.startswith("#") and key(html.unescape(" ".join(plain_lines(block)).replace("\\", ""))) == want:
            return blocks[:k] + blocks[k + 1:] if len(blocks) > 1 else blocks  # a headline alone is not nothing
    return blocks


SENTENCE_END = re.compile(r"[.!?…。！？][\"'“”»«)\]*_\\]*$")


def _main_text(block: str, theirs: Counter) -> bool:
    """A paragraph of the main text: sentences (a teaser's headline ends without a stop), not mostly links, that
    trafilatura's main text holds."""
    every, share = _link_share(block)
    return (sum(every.values()) >= PROSE_WORDS and share < 0.5 and covered(theirs, every) >= SAME_BLOCK
            and SENTENCE_END.search(block.strip()) is not None)


ARTICLE_BEFORE = 0.8  # the blocks before a "More stories" heading hold this share of the words both readings have


def without_more_stories(blocks: list[str], theirs: Counter) -> list[str]:
    """``blocks`` up to a heading over teasers for other posts ("Our latest stories", "Most read", "Mehr zum Thema")
    when the article is before it: the blocks before hold nearly all of the words ours shares with trafilatura's main
    text (``theirs``). A post's own "Related" section that trafilatura kept as main text stays, and so does a heading
    printed under each of several posts (a blog's front page)."""
    from .furniture import more_stories
    from .leftovers import plain_lines

    shared = sum((words("\n".join(blocks)) & theirs).values())
    if sum(theirs.values()) < 10 or not shared:
        return blocks
    headings = Counter(lines[0].casefold() for lines in map(plain_lines, blocks) if len(lines) == 1)
    for k, block in enumerate(blocks[1:], start=1):
        lines = plain_lines(block)
        # a heading printed under every post is a listing page's (several posts, each with its "Related"), not the end
        if (len(lines) == 1 and more_stories(lines[0]) and headings[lines[0].casefold()] == 1
                and sum((words("\n".join(blocks[:k])) & theirs).values()) >= ARTICLE_BEFORE * shared
                and not any(_main_text(later, theirs) for later in blocks[k + 1:])):  # a "Related" box mid-article
            return blocks[:k]
    return blocks
