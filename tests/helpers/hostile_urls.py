"""``data:`` URLs a browser would follow, spelled so that a naive check misses them.

Browsers strip leading spaces and control characters from a URL and drop tabs and
newlines anywhere in it, and the HTML parser decodes character references first;
every spelling below is a ``data:`` URL to Chromium. tests/test_markdown.py runs them
through the author's Markdown, tests/html/test_outputs.py through code-cell HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SVG_B64 = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="
SPELLINGS = {
    "leading space": " data:",
    "leading tab": "\tdata:",
    "leading newline": "\ndata:",
    "upper case": "DATA:",
    "tab inside": "da\tta:",
    "space as entity": "&#32;data:",
    "tab as entity": "&#x09;data:",
    "newline as entity": "&NewLine;data:",
    "letter as entity": "&#100;ata:",
    "control character": "\x01data:",
}
HTML_LINK = 'text/html,<script>alert(1)</script>'
SVG_IMAGE = f"image/svg+xml;base64,{SVG_B64}"


class _Urls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [(tag, name, value or "") for name, value in attrs if name in ("href", "src")]


def data_urls(markup: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, URL) of every href and src in ``markup`` that a browser reads as ``data:``."""
    parser = _Urls()
    parser.feed(markup)
    parser.close()
    found = []
    for tag, attr, value in parser.urls:
        url = re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))
        if url[:5].lower() == "data:":
            found.append((tag, attr, url))
    return found
