"""A saved page's elements as text: what the saved-page importer reads comments and signatures from.

Only :mod:`.html_page` imports this, and ``essaykit import`` loads that only for
an HTML file, so BeautifulSoup (about 180 ms to import) is imported at the top.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment


def copy_without(el, selectors):
    """A copy of ``el`` with everything matching ``selectors`` removed (the page itself is left alone)."""
    copy = BeautifulSoup(str(el), "html.parser")
    # One pass with the selectors as a list (one walk of the tree, not one per selector); a match inside
    # another is already gone with it.
    for found in copy.select(", ".join(selectors)):
        if not found.decomposed:
            found.decompose()
    return copy


_BLOCK_TAGS = ("p", "div", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "header",
               "footer", "blockquote", "dl", "dt", "dd", "table", "tr", "cite", "time")


def text_lines(el) -> list[str]:
    """An element's text as a text copy would have it: one line per block, list items as indented bullets."""
    copy = copy_without(el, ("script", "style", "noscript", "template", "form", "button", "img", "svg", "iframe"))
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
