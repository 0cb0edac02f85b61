"""How much HTML essaykit agrees to parse: nesting depth and element count, checked before any tree is built.

Used by the importers (a saved page) and by the mention receiver (a stranger's
source page, with a tighter element count: :data:`MENTION_MAX_ELEMENTS`).

A page saved by a browser nests a few dozen elements deep, and a post with
3,000 comments has about 50,000 elements. A file far beyond that is an
attack or a broken save, and the tree parser and the Markdown converter
would spend minutes (or the whole stack) on it. :func:`check_html` reads the
markup once with the standard library's tokenizer, which builds no tree, and
stops at the first element over a limit, so a file of 100,000 nested
``<div>`` is refused after reading 257 of them.

Depth is counted the way the tree parser (BeautifulSoup's ``html.parser``)
nests: void elements (``<br>``, ``<img>``…) open nothing, an end tag closes
up to the latest element of its name, and a stray end tag is ignored.
"""

from __future__ import annotations

from html.parser import HTMLParser

MAX_DEPTH = 256
MAX_ELEMENTS = 200_000
#: A page that mentions an essay is one post: a long one with its comments has a few thousand elements.
MENTION_MAX_ELEMENTS = 30_000

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "command", "menuitem"})


class HtmlTooBig(ValueError):
    """The markup nests deeper than MAX_DEPTH or has more than MAX_ELEMENTS elements. ``str()`` is the fact and
    what to do with a saved page; :attr:`fact` alone, for a caller whose markup came from elsewhere (an export)."""

    def __init__(self, fact: str, advice: str) -> None:
        super().__init__(f"{fact}; {advice}")
        self.fact = fact


class _Measure(HTMLParser):
    def __init__(self, max_elements: int) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.elements = 0
        self.max_elements = max_elements

    def count(self) -> None:
        self.elements += 1
        if self.elements > self.max_elements:
            raise HtmlTooBig(f"more than {self.max_elements:,} HTML elements (a post with 3,000 comments has about "
                             "50,000)", "save only the post's own page, or split the file")

    def handle_starttag(self, tag: str, attrs) -> None:
        self.count()
        if tag in VOID:
            return
        self.open.append(tag)
        if len(self.open) > MAX_DEPTH:
            line = self.getpos()[0]
            raise HtmlTooBig(f"elements nested too deeply: more than {MAX_DEPTH} levels (line {line}); pages nest a few "
                             "dozen, so this is a broken or hostile file", "save the post's page again from the "
                             "browser, or remove the extra nesting")

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.count()  # <div/>: opened and closed at once

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i] == tag:
                del self.open[i:]
                return


def check_html(markup: str, *, max_elements: int = MAX_ELEMENTS) -> None:
    """Raise :class:`HtmlTooBig` (saying which limit and what to do) when ``markup`` is over a limit."""
    if markup.count("<") <= MAX_DEPTH:
        return  # too few tags to break either limit
    measure = _Measure(max_elements)
    measure.feed(markup)
    measure.close()
