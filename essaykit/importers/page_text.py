"""A saved page's elements as text: what the saved-page importer reads comments and signatures from.

Only :mod:`.html_page` imports this, and ``essaykit import`` loads that only for
an HTML file, so BeautifulSoup (about 180 ms to import) is imported at the top.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

import soupsieve
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import CData, Comment


# A script written as an empty element, "<script …/>", with its code after it: a page serialized as XML (a crawler's
# copy). A browser ignores that "/" and reads the code as the script's; Python's parser would read it as text.
_SCRIPT_SHUT = re.compile(r"<(script|style)\b([^<>]*?)\s*/>(?=\s*[^\s<])", re.I)


def scripts_opened(markup: str) -> str:
    """``markup`` with each such script opened again, as a browser reads it (one followed by a tag is left alone:
    nothing of the page's text is taken for code)."""
    return _SCRIPT_SHUT.sub(r"<\1\2>", markup)


def first_match(soup, selectors, *, text: bool = True):
    """The first element matching one of ``selectors``, in their order (with text in it, unless ``text`` is false)."""
    lookup = Lookup(soup)
    for selector in selectors:
        found = lookup.select_one(selector)
        if found is not None and (not text or found.get_text(strip=True)):
            return found
    return None


def copy_without(el, selectors):
    """A copy of ``el`` with everything matching ``selectors`` removed (the page itself is left alone)."""
    # A copy of the tree, not a parse of its markup: a comment's parts are copied a few times each, and
    # re-parsing them cost most of a long comment thread's import. In a document of its own, as ``el``'s
    # markup parsed would be: ``copy.find(True)`` is the element itself.
    if isinstance(el, BeautifulSoup):
        copy = deepcopy(el)
    else:
        copy = BeautifulSoup("", "html.parser")
        copy.append(deepcopy(el))
    for found in matches_outside(copy, selectors):
        found.decompose()
    return copy


def copy_skipping(tree, skip: set[int]):
    """``deepcopy(tree)`` without the elements whose ``id()`` is in ``skip``: they and what they hold are never
    copied (rather than copied and then removed). Built as bs4 builds a deep copy, element by element in page order,
    so the copy's tree, and its markup, are the same."""
    memo: dict = {}
    clone = tree.__deepcopy__(memo, recursive=False)
    stack = [(child, clone) for child in reversed(tree.contents)]
    while stack:
        node, parent = stack.pop()
        if id(node) in skip:
            continue
        copy = node.__deepcopy__(memo, recursive=False)
        parent.append(copy)
        if isinstance(node, Tag):
            stack.extend((child, copy) for child in reversed(node.contents))
    return clone


def matches_outside(tree, selectors, keep=frozenset()):
    """The elements in ``tree`` that match one of ``selectors`` (compiled once), not inside another match: one walk
    that never looks inside what goes anyway (a long comment thread inside ``#comments``). Matched on the whole
    tree before anything is removed, as ``select`` does; an element whose ``id()`` is in ``keep`` is not a match.

    An element is tried against the whole list only when it carries a tag, class or id that one of the selectors
    needs (:func:`needs`); the others only against the selectors that need none (soupsieve tries every selector of
    a list on every element, and the drop lists have some sixty)."""
    return _matches_from([child for child in tree.contents if isinstance(child, Tag)], selectors, keep)


def _matches_from(roots: list, selectors, keep=frozenset()) -> list:
    """:func:`matches_outside` over ``roots`` (elements in page order) and what they hold."""
    compiled = soupsieve.compile(", ".join(selectors))  # soupsieve keeps compiled patterns in a cache
    tags, classes, ids, attrs, rest = _needed(tuple(selectors))
    loose = soupsieve.compile(", ".join(rest)) if rest else None
    found, stack = [], list(reversed(roots))
    while stack:
        el = stack.pop()
        if id(el) not in keep and (compiled if _marked(el, tags, classes, ids, attrs) else loose or _NEVER).match(el):
            found.append(el)
        else:
            stack.extend(child for child in reversed(el.contents) if isinstance(child, Tag))
    return found


_TEXT_TYPES = (NavigableString, CData)  # the strings get_text reads (not comments, scripts' code, styles)


def text_without(el, selectors, separator: str = " ") -> str:
    """``copy_without(el, selectors).get_text(separator)``, read from ``el`` itself: its strings outside what matches
    ``selectors``, with no copy of the tree (a whole page's copy cost more than reading it). For selectors that ask
    nothing of what is above ``el`` (tags, classes, ids, ``:has()``): the copy stands in a document of its own."""
    roots = [child for child in el.contents if isinstance(child, Tag)] if isinstance(el, BeautifulSoup) else [el]
    gone = {id(found) for found in _matches_from(roots, selectors)}
    texts, stack = [], [el]
    while stack:
        node = stack.pop()
        if type(node) in _TEXT_TYPES:
            texts.append(str(node))
        elif isinstance(node, Tag) and id(node) not in gone:
            stack.extend(reversed(node.contents))
    return separator.join(texts)


def first_in(elements, selector: str):
    """The first of ``elements`` that matches ``selector`` (one selector, or a list), or None; soupsieve is asked only
    about those that carry what the selector needs (:func:`needs`): a comment's few dozen elements each tried
    against a score of selectors was most of the time of a long thread's comments."""
    compiled = soupsieve.compile(selector)  # soupsieve keeps compiled patterns in a cache
    tags, classes, ids, attrs, rest = _needed(tuple(_parts(selector)))
    return next((el for el in elements if (rest or _marked(el, tags, classes, ids, attrs)) and compiled.match(el)), None)


class _Never:
    @staticmethod
    def match(el) -> bool:
        return False


_NEVER = _Never()


def _marked(el, tags, classes, ids, attrs) -> bool:
    """Whether ``el`` has one of the tag names, classes, ids or attributes."""
    if el.name.lower() in tags:
        return True
    if ids and isinstance(ident := el.get("id"), str) and ident in ids:
        return True
    value = el.get("class")
    if value and not classes.isdisjoint(value.split() if isinstance(value, str) else value):
        return True
    return bool(attrs) and not attrs.isdisjoint(key.lower() for key in el.attrs)


def needs(selector: str):
    """``(kind, name)``: what an element must carry to match ``selector`` (one selector, no list): an ``"id"`` or a
    ``"class"`` of its last compound, or else its ``"tag"``, or else an attribute it tests (``"attr"``). None when
    that cannot be read for sure (a list, an escape, a quote, a namespace, ``*``, a pseudo-class that may match
    anything: ``:is()``, ``:where()``, ``:not()`` alone), so the selector is tried on every element."""
    bare = selector.strip()
    if not bare or any(c in bare for c in "\\\"'"):
        return None
    while True:  # the arguments of pseudo-classes, innermost first (":not(:has(h1, main))"): they narrow a match
        inner = re.sub(r"\([^()]*\)", "", bare)
        if inner == bare:
            break
        bare = inner
    bare = re.sub(r":{1,2}[\w-]+", "", bare)  # and so do their names ("div :first-child" keeps its space: any
    # first child in a div, which needs no tag)
    if any(c in re.sub(r"\[[^\]]*\]", "", bare) for c in "(),*|"):
        return None
    last = _LAST_COMPOUND.search(bare)
    if last is None:
        return None
    marks = sorted(re.findall(r"[.#][\w-]+", re.sub(r"\[[^\]]*\]", "", last.group("marks"))))  # an id, a class
    if marks:
        return ("id" if marks[0][0] == "#" else "class", marks[0][1:])
    if last.group("tag"):
        return ("tag", last.group("tag").lower())
    # "[name!=value]" (soupsieve's) matches an element without the attribute too
    tested = [m.group(1).lower() for m in re.finditer(r"\[\s*([\w-]+)\s*([~|^$*!]?=|\])", last.group("marks"))
              if m.group(2) != "!="]
    return ("attr", tested[0]) if tested else None


@lru_cache(maxsize=256)
def _needed(selectors: tuple) -> tuple[frozenset, frozenset, frozenset, frozenset, tuple]:
    """The tags, classes, ids and attributes that ``selectors`` need, and the selectors that need none
    (:func:`needs`)."""
    wanted: dict[str, set] = {"tag": set(), "class": set(), "id": set(), "attr": set()}
    rest = []
    for part in selectors:
        need = needs(part)
        if need is None:
            rest.append(part)
        else:
            wanted[need[0]].add(need[1])
    return (frozenset(wanted["tag"]), frozenset(wanted["class"]), frozenset(wanted["id"]), frozenset(wanted["attr"]),
            tuple(rest))


#: A form is the site's (a comment form, a search box, a newsletter sign-up), except one that wraps the page: ASP.NET
#: Web Forms and some shop and recipe CMSs put the whole body, headline and article included, in one ``<form>``.
FORMS = "form:not(:has(h1, main, article, [role=main]))"


# A share bar is a few links; an article container whose class happens to say "share" has paragraphs.
SHARE_BAR_MAX_PARAGRAPHS = 1


def without_share_bars(copy):
    """``copy`` without share bars (``[class*=share]``) that are bars, not the article's own container."""
    for found in copy.select("[class*=share]"):
        if found.decomposed:
            continue
        paragraphs = [p for p in found.find_all("p") if len(p.get_text(strip=True)) > 60]
        if len(paragraphs) <= SHARE_BAR_MAX_PARAGRAPHS:
            found.decompose()
    return copy


CALENDAR_DAYS = 28  # a table whose cells count the days of a month this far in a row is a calendar
_DAY = re.compile(r"^(\d{1,2})(?!\d)")


def calendar(table) -> bool:
    """Whether ``table`` is a month's grid of days (a booking or event calendar, a blog's calendar widget): its cells
    count 1, 2, 3… up to CALENDAR_DAYS in a row, whatever else they hold ("15 Concert", weekday headings, blanks)."""
    run = 0
    for cell in table.find_all(("td", "th")):
        found = _DAY.match(cell.get_text(" ", strip=True))
        if found is None or cell.find(("td", "th")) is not None:
            continue
        day = int(found.group(1))
        run = day if day in (1, run + 1) else run if day == run else 0
        if run >= CALENDAR_DAYS:
            return True
    return False


def without_calendars(copy):
    """``copy`` without its calendars (:func:`calendar`): a date picker or a month's grid is never the post's text."""
    for table in copy.find_all("table"):
        if not table.decomposed and calendar(table):
            table.decompose()
    return copy


_CODE = ("script", "style", "noscript", "template")


def _inside(node, top, names) -> bool:
    """Whether ``node`` is inside an element named one of ``names``, up to ``top`` (``top`` included)."""
    for parent in node.parents:
        if parent.name in names:
            return True
        if parent is top:
            return False
    return False


def calendars_only(el) -> bool:
    """Whether ``el``'s text is all in calendars: a container that holds a booking calendar and nothing else."""
    # Text outside every table and every script is kept whatever the tables are: no copy of a long article for that.
    for text in el.descendants:  # the strings get_text reads, whatever ``el`` is
        if type(text) in (NavigableString, CData) and text.strip() and not _inside(text, el, ("table", *_CODE)):
            return False
    return not without_calendars(copy_without(el, _CODE)).get_text(strip=True)


_BLOCK_TAGS = ("p", "div", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header",
               "footer", "blockquote", "dl", "dt", "dd", "table", "tr", "cite", "time")


#: Dialogs: a site's messages and forms (a comment form's error box in a modal can carry the class
#: "comment"), never a post's or a reader's words.
DIALOGS = ("dialog", "[role=dialog]", "[role=alertdialog]", "[aria-modal=true]", ".modal", ".modal-dialog",
           ".modal-content", ".popup", ".lightbox")


def text_lines(el) -> list[str]:
    """An element's text as a text copy would have it: one line per block, list items as indented bullets;
    no dialog's."""
    copy = copy_without(el, ("script", "style", "noscript", "template", "form", "button", "img", "svg", "iframe",
                             *DIALOGS))
    for text in list(copy.find_all(string=True)):
        if isinstance(text, Comment):
            text.extract()
        else:
            text.replace_with(NavigableString(re.sub(r"\s+", " ", str(text))))
    for br in copy.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in copy.find_all(_BLOCK_TAGS):
        if tag.name == "li":
            depth = len(tag.find_parents("li"))
            tag.insert(0, NavigableString("\n\n" + "  " * depth + "• "))
        else:
            tag.insert(0, NavigableString("\n\n" if tag.name in ("p", "blockquote", "article", "li") else "\n"))
        tag.append(NavigableString("\n"))
    lines: list[str] = []
    for line in copy.get_text().split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        text = " ".join(line.split())
        if text or (lines and lines[-1]):
            lines.append(" " * indent + text if text.startswith("•") else text)
    return lines


# The last compound of a selector without pseudo-classes or commas ("div.entry-meta .author.fn[href]"): its tag, and
# its classes, id and [attribute] tests (the compiled selector still checks them, and the rest).
_LAST_COMPOUND = re.compile(r"(?:^|[\s>+~])(?P<tag>[a-z][\w-]*)?(?P<marks>(?:[.#][\w-]+|\[[^\]]*\])*)$", re.I)


def _parts(selector: str) -> list[str]:
    """A list of selectors split at its commas, not at those inside a pseudo-class's parentheses or an attribute
    test (a comma in quotes may split it wrongly: a part with a quote needs nothing, see :func:`needs`)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(selector):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selector[start:at])
            start = at + 1
    return [*parts, selector[start:]]


class Lookup:
    """``select``/``select_one`` over a whole page, answered from one walk of it: soupsieve tries every element of
    the page against a selector, so a page's few dozen lookups cost a long comment thread's elements each. Here a
    selector is tried only on the elements that carry what it needs (:func:`needs`: its last compound's id, class,
    tag or tested attribute); one that needs none of them (``*``, a pseudo-class alone) is left to soupsieve. Same elements, same order as ``select``.
    For a tree that does not change while it is looked up."""

    def __init__(self, tree):
        self.tree = tree
        self.keys: dict[str, list] = {}
        for el in tree.descendants:
            if isinstance(el, Tag):
                for key in ("*", f"<{el.name.lower()}", *(f".{c}" for c in (el.get("class") or ())),
                            *((f"#{el['id']}",) if isinstance(el.get("id"), str) else ())):
                    self.keys.setdefault(key, []).append(el)
        self.order = {id(el): n for n, el in enumerate(self.keys.get("*", ()))}
        self.attrs: dict[str, list] | None = None

    def _candidates(self, selector: str):
        need = needs(selector)
        if need is None:
            return None
        kind, name = need
        if kind != "attr":
            return self.keys.get({"id": "#", "class": ".", "tag": "<"}[kind] + name, [])
        if self.attrs is None:  # built the first time a selector tests an attribute only ("[itemprop=headline]")
            self.attrs = {}
            for el in self.keys.get("*", ()):
                for key in {key.lower() for key in el.attrs}:
                    self.attrs.setdefault(key, []).append(el)
        return self.attrs.get(name, [])

    def select(self, selector: str, limit: int = 0) -> list:
        # A list of selectors is its parts' matches in the page's order.
        parts = _parts(selector)
        candidates = [self._candidates(part) for part in parts]
        if any(c is None for c in candidates):
            return self.tree.select(selector, limit=limit)
        if len(parts) > 1:
            candidates = [sorted({id(el): el for c in candidates for el in c}.values(), key=lambda el: self.order[id(el)])]
        compiled = soupsieve.compile(selector)
        found = []
        for el in candidates[0]:
            if compiled.match(el):
                found.append(el)
                if len(found) == limit:
                    break
        return found

    def select_one(self, selector: str):
        return next(iter(self.select(selector, limit=1)), None)

    def inside(self, holders: tuple, tag: str) -> list:
        """``select("H1 TAG, H2 TAG, …")`` for the ``holders`` H (compounds, no combinators): the ``tag`` elements
        with an ancestor that matches one of them, in page order. Each ancestor is matched once, not once for each
        element under it and each holder (soupsieve walks every element's ancestors for every selector). As in
        soupsieve, a ``<template>``'s content is not in the page: the walk up stops at one, and at the document."""
        compiled = soupsieve.compile(", ".join(holders))
        tags, classes, ids, attrs, rest = _needed(tuple(holders))
        holding: dict[int, bool] = {}
        found = []
        for el in self.keys.get(f"<{tag}", ()):
            for parent in el.parents:
                if isinstance(parent, BeautifulSoup) or parent.name.lower() == "template":
                    break
                if id(parent) not in holding:
                    holding[id(parent)] = bool((rest or _marked(parent, tags, classes, ids, attrs))
                                               and compiled.match(parent))
                if holding[id(parent)]:
                    found.append(el)
                    break
        return found
