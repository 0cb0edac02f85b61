"""A second opinion on a saved page: trafilatura's main text and metadata, and the sanity checks.

essaykit's own container rules (:mod:`.html_page`) know blog themes well:
spoiler announcements, comment threads, bylines. trafilatura (Apache-2.0,
maintained, tuned on pages in many languages) knows where a page's main
text is when a theme does something odd: a teaser or a promo inside
``<article>``, an article container whose class says "share". So the
importer asks both, keeps its own article when it holds what trafilatura
found, takes trafilatura's when it does not, and reports the doubts that
remain (:func:`doubts`): ``essaykit import`` then asks for ``--force``
rather than writing a doubtful essay.

trafilatura costs about 0.6 s to import and is imported only here, when a
saved page is read (never for a WordPress export or a text copy).
"""

from __future__ import annotations

import re
from collections import Counter
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
    return Counter(w.casefold() for w in _WORD.findall(text))


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

    from .page_meta import meta

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
    body = soup.body.decode_contents() if soup.body is not None else ""
    return Extracted(html=body, title=meta(soup, "title"), author=meta(soup, "author"), date=meta(soup, "date"),
                     sitename=meta(soup, "sitename"))


# A menu item marked as the page the reader is on names this page, not another one.
_CURRENT = re.compile(r"active|current|aktiv|selected|is-on", re.I)


def menu_items(soup, url: str = "") -> set[str]:
    """The texts of the page's menu and navigation links to *other* pages, folded: a title that is one of them is
    not the post's. Not the post's own headline link, nor the item for the page itself (its address, or marked
    current: a post that the menu lists is still this post)."""
    from urllib.parse import urljoin

    here = url.split("#")[0].rstrip("/")
    found = set()
    for link in soup.select("nav a, header a, .menu a, [role=navigation] a, .nav a, #menu a"):
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
    from .page_text import copy_without

    body = soup.body or soup
    own = copy_without(body, ("script", "style", "noscript", "template", "nav", "aside", "footer", "form",
                              "header", ".sidebar", "#sidebar", ".widget", "#comments", ".comments-area",
                              ".comment-list", ".commentlist", "#disqus_thread", ".wpd-thread-list"))
    return words(own.get_text(" "))


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


PART_LEVELS = 3  # how far up from the article container another container of its kind may share an ancestor
SAME_BLOCK = 0.8  # a block whose words are this much in the other reading is text both readings have


def _within(el, holder) -> bool:
    return any(parent is holder for parent in el.parents)


def near_parts(found, matches: list) -> list[tuple[bool, bool, object]]:
    """(before ``found``?, in the same ``<article>``?, element) for each of ``matches`` (containers of ``found``'s
    kind) beside it: sharing its parent or an ancestor up to PART_LEVELS up, neither inside it nor around it. A page
    builder may split an article into several containers (a lead and a body, one per section)."""
    holders = [p for p, _ in zip(found.parents, range(PART_LEVELS)) if p.name not in ("body", "html", "[document]")]
    after = {id(el) for el in found.find_all_next(True)}
    parts = []
    for el in matches:
        if el is found or _within(el, found) or _within(found, el):
            continue
        shared = [holder for holder in holders if _within(el, holder)]
        if shared:
            parts.append((id(el) not in after, any(holder.name == "article" for holder in shared), el))
    return parts


def with_parts(blocks: list[str], parts: list, theirs: Counter, url: str) -> list[str]:
    """``blocks`` with the :func:`near_parts` ours lacks that are the post's by one of two signs, in the page's order:
    they are text (not mostly links) in the same ``<article>`` element, or they come after it and trafilatura's main
    text (``theirs``) holds them. A promo before the article in an element of its own ("Sign up to our weekly picks",
    which trafilatura may keep) and a teaser for another post (links) stay out; a lede before the article is
    html_page._lede's to find."""
    from .htmlmd import post_blocks
    from .leftovers import without_leftovers

    before, after = [], []
    for is_before, same_post, part in parts:
        more = words(part.get_text(" "))
        linked = sum(sum(words(a.get_text(" ")).values()) for a in part.find_all("a"))
        if ((same_post and linked < sum(more.values()) / 2 or not is_before and covered(theirs, more) >= SAME_BLOCK)
                and covered(words("\n".join(before + blocks + after)), more) < SAME_BLOCK):
            (before if is_before else after).extend(without_leftovers(post_blocks(str(part), base_url=url))[0])
    return before + blocks + after
