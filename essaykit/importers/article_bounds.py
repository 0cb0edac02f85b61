"""Where a saved page's article begins and ends, beyond the theme's container.

A theme's article container is not always the article: a page builder splits
the post over several containers (:func:`near_parts`, :func:`with_parts`), a
fallback container (``main``, ``<body>``) is wider than the post
(:func:`narrowed`), a gallery's intro container is narrower than the post whose
captions sit beside it (:func:`widened`), and a hero block shows the headline
and its standfirst far above the body (:func:`headline_lede`). trafilatura's
main text (as words, :func:`.html_extract.words`) says which.
"""

from __future__ import annotations

from collections import Counter

from .html_extract import KEEP_OURS_AT, PROSE_WORDS, SAME_BLOCK, SENTENCE_END, covered, words

PART_LEVELS = 3  # how far up from the article container another container of its kind may share an ancestor


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


HOLDS_MAIN_TEXT = 0.9  # an element holds the main text when it has this share of trafilatura's words
NARROW_AT = 0.7  # the container is narrowed when the element holding the main text has at most this share of its words
FURNITURE_LINKS = 0.4  # …and the words left out are at least this share link text (menus, teasers, footers' lists)
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template"})
NARROW_LEVELS = 40  # how far down the container the element holding the main text is looked for


def _own_words(el) -> Counter:
    return words(el.get_text(" "))


def _link_words(el) -> int:
    return sum(sum(words(a.get_text(" ")).values()) for a in el.find_all("a"))


def _prose(el, but=None) -> bool:
    """Whether ``el`` (without the words of ``but`` inside it) is a paragraph of text rather than links or a date."""
    total = sum(_own_words(el).values()) - (sum(_own_words(but).values()) if but is not None else 0)
    return total >= PROSE_WORDS and _link_words(el) < total / 2


def _lede_before(el, after_headline) -> bool:
    """Whether text comes between the headline and ``el`` among its siblings (a lede, key points, a picture's
    caption): that is the article's, so the container is not narrowed past it. Text before the headline (a cookie
    notice, a promo at the top of the page) does not count; ``after_headline`` tells an element after it."""
    for sibling in el.find_previous_siblings(True):
        headline = sibling if sibling.name == "h1" else sibling.find("h1")
        if headline is not None:  # a header block with the headline, and the lede under it?
            return _prose(sibling, headline)
        if after_headline(sibling) and _prose(sibling):
            return True
    return False


def headline_lede(container, title: str):
    """The standfirst printed right under the post's headline when both sit outside the article container, before
    it (a hero block across the page: headline, standfirst, byline over a picture); None when there is none. The
    headline is the post's title, so a site name's ``<h1>`` and its tagline are not taken."""
    from .titles import key

    want = key(title)
    if not want or container.find_parent("[document]") is None:
        return None
    text = " ".join(container.get_text(" ").split())
    for headline in container.find_parent("[document]").find_all("h1"):
        if key(headline.get_text(" ", strip=True)) != want or _within(headline, container):
            continue
        lede = headline.find_next_sibling(True)
        if (lede is not None and lede.name == "p" and _prose(lede) and not _within(container, lede)
                and SENTENCE_END.search(lede.get_text(" ", strip=True)) is not None
                and " ".join(lede.get_text(" ").split()) not in text
                and any(el is container for el in lede.next_elements)):
            return lede
    return None


def narrowed(container, theirs: Counter):
    """The smallest element inside ``container`` that holds trafilatura's main text (``theirs``), when what it leaves
    out is furniture; ``container`` itself otherwise. When no theme container matches, the article falls back to
    ``main``, ``#content`` or ``<body>``: with them come the site's menus, its "Most popular" lists and its footer.
    Going down through the one child that holds the main text keeps the markup our rules read (images, spoilers,
    bylines) while leaving those out; what is left out must be mostly links, so that a lede or a gallery trafilatura
    did not keep is not lost with them."""
    if sum(theirs.values()) < 10:
        return container
    whole = _own_words(container)
    found = container
    page = container
    while page.parent is not None:  # the document: the headline may be above the container
        page = page.parent
    order = {id(el): n for n, el in enumerate(page.find_all(True))}
    headline = page.find("h1")
    at = order[id(headline)] if headline is not None else len(order)
    for _ in range(NARROW_LEVELS):  # each level reads the text below it again: bounded for a page nested absurdly deep
        # never a script's own text (a page that carries its article as JSON too): the article is what is shown
        inside = next((child for child in found.find_all(True, recursive=False) if child.name not in _NOT_SHOWN
                       and covered(_own_words(child), theirs) >= HOLDS_MAIN_TEXT), None)
        if inside is None or _lede_before(inside, lambda el: order.get(id(el), -1) > at):
            break
        found = inside
    if found is container:
        return container
    kept, total = sum(_own_words(found).values()), sum(whole.values())
    if kept > NARROW_AT * total:
        return container
    linked = _link_words(container) - _link_words(found)
    return found if linked >= FURNITURE_LINKS * (total - kept) else container


WIDEN_LEVELS = 3  # how far up from a container too narrow for the main text an element around it is looked for…
WIDE_AT = 2.0  # …that has at most this many times the main text's words (not the page's menus and lists with it)


def widened(container, theirs: Counter):
    """The nearest element around ``container`` that holds trafilatura's main text (``theirs``) when the container
    holds too little of it: a gallery post has its intro in the theme's container and its pictures' captions, the
    post's text, in slides beside it. Going up keeps the markup our rules read, where taking trafilatura's text
    would lose what it left out (half the captions). ``container`` itself when it holds enough, or when the element
    around it holds much more than the main text."""
    total = sum(theirs.values())
    if total < 10 or covered(_own_words(container), theirs) >= KEEP_OURS_AT:
        return container
    for holder, _ in zip(container.parents, range(WIDEN_LEVELS)):
        if holder.name in ("body", "html", "[document]"):
            break
        own = _own_words(holder)
        if covered(own, theirs) >= HOLDS_MAIN_TEXT:
            return holder if sum(own.values()) <= WIDE_AT * total else container
    return container
