"""What mentions read from an HTML page: its links, its ``rel`` endpoints, and
the h-entry that describes it; and from a plain-text or JSON source, whether it
names the target (:func:`mentions_in_text`).

Pages are parsed the way browsers parse them (html5lib, through
BeautifulSoup), so a URL inside a ``<script>``, a ``<style>``, a
``<textarea>`` or an HTML comment is text, not a link, exactly as a reader
would see it. Relative URLs are resolved against ``<base href>`` and the
page's final URL (after redirects).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .urls import resolve, same_page_key

#: Where a page can link to a target: the attribute of each element that holds the URL.
LINK_ATTRIBUTES = {"a": "href", "area": "href", "img": "src", "video": "src", "audio": "src", "source": "src"}
EXCERPT_CHARS = 280
#: Sources that are not HTML but whose text is searched for the target's URL (W3C Webmention, 3.2.2).
TEXT_TYPES = ("text/plain", "application/json")
# What may follow a URL that ends where the target's does (else it is a longer URL: /essay-2 for /essay).
_URL_END = re.compile(r"""$|[\s<>"'`)\]},;!]|[.:?](?:\s|$)""")
_BLOCKS = {"p", "li", "blockquote", "dd", "td", "figcaption", "article", "section", "div", "body"}


def parse_page(text: str):
    """The page as a BeautifulSoup tree (html5lib, as a browser would build it)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html5lib")


def base_url(soup, page_url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if present, else the page's."""
    base = soup.find("base", href=True)
    return resolve(page_url, base["href"]) if base is not None else page_url


def find_link(soup, page_url: str, target: str):
    """The first element of the page that links to ``target``, or None."""
    want = same_page_key(target)
    if not want:
        return None
    base = base_url(soup, page_url)
    for element in soup.find_all(list(LINK_ATTRIBUTES)):
        value = element.get(LINK_ATTRIBUTES[element.name])
        if isinstance(value, str) and value.strip() and same_page_key(resolve(base, value)) == want:
            return element
    return None


def links(soup, page_url: str) -> list[tuple[str, object]]:
    """Every ``<a href>`` of the page as (absolute URL, element), in document order."""
    base = base_url(soup, page_url)
    found = []
    for element in soup.find_all("a", href=True):
        url = resolve(base, element["href"])
        if url:
            found.append((url, element))
    return found


def rel_endpoint(soup, page_url: str, rel: str, tags: tuple[str, ...]) -> str | None:
    """The absolute URL of the first element of ``tags`` **in document order** (W3C Webmention 3.1.2: the
    first ``<link>`` or ``<a>`` with the rel, whichever comes first) whose space-separated ``rel`` holds
    ``rel``; an empty ``href`` is the page itself, an element without ``href`` is skipped. None when none has it."""
    base = base_url(soup, page_url)
    rel = rel.lower()
    for element in soup.find_all(list(tags)):
        rels = element.get("rel") or []
        if isinstance(rels, str):
            rels = rels.split()
        if rel in (r.lower() for r in rels) and element.has_attr("href"):
            return resolve(base, element["href"])
    return None


def context_text(element) -> str:
    """The text of the paragraph (or other block) around ``element``, whitespace collapsed."""
    node = element
    while node is not None and getattr(node, "name", None) not in _BLOCKS:
        node = node.parent
    if node is None:
        node = element
    return " ".join(node.get_text(" ").split())


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


@dataclass(frozen=True)
class Details:
    """What a mention shows: the page's title, its author (name, URL) and an excerpt."""

    title: str
    author: str
    author_url: str
    excerpt: str
    from_hentry: bool


def page_details(soup, page_url: str, link_element=None) -> Details:
    """Title, author and excerpt from the page's h-entry (mf2py), else from ``<title>`` and the link's paragraph."""
    title_el = soup.find("title")
    page_title = " ".join(title_el.get_text(" ").split()) if title_el is not None else ""
    around = context_text(link_element) if link_element is not None else ""
    entry = _hentry(soup, page_url)
    if entry is None:
        meta = soup.find("meta", attrs={"name": "author"})
        author = " ".join(str(meta.get("content") or "").split()) if meta is not None else ""
        return Details(shorten(page_title, 300), shorten(author, 100), "", shorten(around or page_title), False)
    props = entry.get("properties") or {}
    name = _text(props.get("name"))
    content = _text(props.get("content"))
    summary = _text(props.get("summary"))
    # A note has no real name: mf2 parsers imply it from the whole text.
    if name and content and " ".join(name.split()) == " ".join(content.split())[:len(" ".join(name.split()))]:
        name = ""
    author, author_url = _author(props.get("author"), soup, page_url)
    excerpt = summary or content or around or name or page_title
    return Details(shorten(name or page_title, 300), shorten(author, 100), author_url, shorten(excerpt), True)


def _hentry(soup, page_url: str) -> dict | None:
    """The page's h-entry: the one whose ``url`` is the page, else the first one (also inside an h-feed)."""
    import mf2py

    try:
        parsed = mf2py.parse(doc=soup, url=page_url, html_parser="html5lib")
    except RecursionError:
        # mf2py walks the tree recursively; a page nested thousands deep is read without microformats.
        return None
    entries: list[dict] = []

    def walk(items) -> None:
        for item in items or ():
            if not isinstance(item, dict):
                continue
            if "h-entry" in (item.get("type") or ()):
                entries.append(item)
            walk(item.get("children"))

    walk(parsed.get("items"))
    if not entries:
        return None
    key = same_page_key(page_url)
    for entry in entries:
        urls = (entry.get("properties") or {}).get("url") or ()
        if any(isinstance(u, str) and same_page_key(u) == key for u in urls):
            return entry
    return entries[0]


def _text(values) -> str:
    """The first value of an mf2 property as plain text."""
    if not values:
        return ""
    value = values[0]
    if isinstance(value, dict):
        value = value.get("value") or (value.get("properties") or {}).get("name", [""])[0]
    return " ".join(str(value or "").split())


def _author(values, soup, page_url: str) -> tuple[str, str]:
    if not values:
        return "", ""
    value = values[0]
    if isinstance(value, dict):
        props = value.get("properties") or {}
        name = _text(props.get("name")) or str(value.get("value") or "")
        urls = [u for u in props.get("url") or () if isinstance(u, str)]
        return " ".join(name.split()), (urls[0] if urls else "")
    text = str(value).strip()
    if text.startswith(("http://", "https://")):
        return "", text
    return text, ""


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _text_of(text: str, json_type: bool) -> str:
    """The words of a source: a JSON document's strings (its ``\\/`` escapes undone), else the text itself."""
    if not json_type:
        return text
    try:
        return "\n".join(_strings(json.loads(text)))
    except (ValueError, RecursionError):
        return ""


def _where(text: str, target: str) -> int:
    start = text.find(target)
    while start != -1:
        if _URL_END.match(text, start + len(target)):
            return start
        start = text.find(target, start + 1)
    return -1


def mentions_in_text(text: str, target: str, *, json_type: bool = False) -> bool:
    """True when the plain text (or JSON document) ``text`` names the URL ``target`` itself, not a longer one."""
    return bool(target) and _where(_text_of(text, json_type), target) != -1


def text_excerpt(text: str, target: str, *, json_type: bool = False) -> str:
    """The line of the source around the target's URL, shortened."""
    words = _text_of(text, json_type)
    at = _where(words, target)
    if at == -1:
        return ""
    start = words.rfind("\n", 0, at) + 1
    end = words.find("\n", at)
    return shorten(words[start:end if end != -1 else len(words)])
