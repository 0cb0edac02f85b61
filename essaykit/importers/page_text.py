"""A saved page's elements as text: what the saved-page importer reads comments and signatures from.

Only :mod:`.html_page` imports this, and ``essaykit import`` loads that only for
an HTML file, so BeautifulSoup (about 180 ms to import) is imported at the top.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment


def first_match(soup, selectors, *, text: bool = True):
    """The first element matching one of ``selectors``, in their order (with text in it, unless ``text`` is false)."""
    for selector in selectors:
        found = soup.select_one(selector)
        if found is not None and (not text or found.get_text(strip=True)):
            return found
    return None


def copy_without(el, selectors):
    """A copy of ``el`` with everything matching ``selectors`` removed (the page itself is left alone)."""
    copy = BeautifulSoup(str(el), "html.parser")
    # One pass with the selectors as a list (one walk of the tree, not one per selector); a match inside
    # another is already gone with it.
    for found in copy.select(", ".join(selectors)):
        if not found.decomposed:
            found.decompose()
    return copy


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
