"""The essay's text as a reader selects it, read from the rendered body, and what is put back into it.

:class:`PageText` reads the body HTML of an essay (the block loop's output, static or live) once: the
text a reader sees (entities decoded, runs of whitespace as one space, a space between blocks), where
each character came from in the markup, the paragraphs (``<p>``) with a stable id each, and which
characters lie inside a spoiler. Code outputs (the comment section among them), sidenotes and spoiler
labels are not part of it: they are not the essay's words.

Paragraph ids are ``ek-p-`` and eight hex digits of the paragraph's own text, so they survive edits
elsewhere in the essay (an inserted paragraph, a moved one) and change only with the paragraph's words.
:meth:`PageText.render` gives the markup back with those ids, a "Comment on this paragraph" link after
each paragraph (when asked) and, around the ranges it is given, ``<mark>`` elements — one per text node
a range covers, so the markup stays well nested — with what goes before and after each paragraph.
"""

from __future__ import annotations

import hashlib
import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea|template)\b.*?</\1\s*>"
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I)
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_RUNS = re.compile(r"(\s+)|\S+")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption",
           "div", "details", "summary", "section", "ul", "ol", "table", "tr", "figure", "br", "hr"}
# Not the essay's words: code outputs (widgets, the comment section), footnotes' sidenotes and
# spoiler labels, and what this module adds.
_SKIPPED = {"ek-output", "ek-sidenote", "ek-spoiler__label", "ek-spoiler-block__badge", "ek-footnotes",
            "ek-anchor-notes", "ek-para-tools", "ek-anchor__link", "ek-anchor-count"}
_SPOILERS = {"ek-spoiler__text", "ek-spoiler-block__body"}
PARAGRAPH_PREFIX = "ek-p-"


@dataclass
class Paragraph:
    """One ``<p>`` of the essay: its id, its text's range, and where its tags sit in the markup."""

    id: str
    start: int  # in the text
    end: int
    open_at: int  # the markup offset of its "<p"
    close_end: int  # just after its "</p>"
    tag_end: int  # just after its start tag
    has_id: bool


@dataclass
class _Node:
    text_start: int
    text_end: int


@dataclass
class PageText:
    """The text of a rendered essay body, with the way back into its markup."""

    markup: str
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    _src: list[int] = field(default_factory=list, repr=False)  # markup offset of each character
    _src_end: list[int] = field(default_factory=list, repr=False)
    _spoiler: bytearray = field(default_factory=bytearray, repr=False)
    _nodes: list[_Node] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        chars: list[str] = []
        stack: list[tuple[str, bool, bool, Paragraph | None]] = []  # name, skipped, spoiler, paragraph
        skip = spoiler = False
        pos = 0

        def space() -> None:
            if chars and chars[-1] != " ":
                chars.append(" ")
                self._src.append(pos)
                self._src_end.append(pos)
                self._spoiler.append(spoiler)

        def text(start: int, end: int) -> None:
            first = len(chars)
            for m in _ENTITY.finditer(self.markup, start, end) if "&" in self.markup[start:end] else ():
                self._chars(chars, start, m.start(), spoiler)
                self._emit(chars, html.unescape(m.group()), m.start(), m.end(), spoiler)
                start = m.end()
            self._chars(chars, start, end, spoiler)
            if len(chars) > first:
                self._nodes.append(_Node(first, len(chars)))

        for m in _TOKEN.finditer(self.markup):
            if m.start() > pos and not skip:
                text(pos, m.start())
            pos = m.end()
            tag = m.group()
            if tag.startswith("<!--") or m.group(1):
                continue
            name = _NAME.match(tag).group(1).lower()
            if tag.startswith("</"):
                while stack:
                    top, skip_before, spoiler_before, para = stack.pop()
                    if para is not None:
                        para.end, para.close_end = len(chars), m.end()
                        while para.end > para.start and chars[para.end - 1] == " ":
                            para.end -= 1
                    skip, spoiler = skip_before, spoiler_before
                    if top == name:
                        break
                if name in _BLOCKS:
                    space()
                continue
            if name in _BLOCKS and not skip:
                space()
            if name in _VOID or tag.endswith("/>"):
                continue
            found = _CLASS.search(tag)
            classes = set((found.group(1) or found.group(2) or "").split()) if found else set()
            para = None
            if name == "p" and not skip:
                para = Paragraph("", len(chars), len(chars), m.start(), m.end(), m.end(), " id=" in tag)
                self.paragraphs.append(para)
            stack.append((name, skip, spoiler, para))
            skip = skip or bool(classes & _SKIPPED)
            spoiler = spoiler or bool(classes & _SPOILERS)
        if pos < len(self.markup) and not skip:
            text(pos, len(self.markup))
        self.text = "".join(chars)
        self._node_starts = [node.text_start for node in self._nodes]
        self._para_starts = [p.start for p in self.paragraphs]
        seen: dict[str, int] = {}
        for para in self.paragraphs:
            digest = hashlib.sha1(self.text[para.start:para.end].encode("utf-8", "surrogatepass")).hexdigest()[:8]
            seen[digest] = seen.get(digest, 0) + 1
            para.id = PARAGRAPH_PREFIX + digest + (f"-{seen[digest]}" if seen[digest] > 1 else "")

    def _chars(self, chars: list[str], start: int, end: int, spoiler: bool) -> None:
        # A run at a time: words as they are, each run of whitespace one space (or none after one).
        for m in _RUNS.finditer(self.markup, start, end):
            a, b = m.span()
            if m.group(1):
                self._emit(chars, " ", a, b, spoiler)
                continue
            chars.extend(m.group())
            self._src.extend(range(a, b))
            self._src_end.extend(range(a + 1, b + 1))
            self._spoiler.extend(bytes([spoiler]) * (b - a))

    def _emit(self, chars: list[str], value: str, start: int, end: int, spoiler: bool) -> None:
        for ch in value:
            if ch.isspace():
                if not chars or chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            self._src.append(start)
            self._src_end.append(end)
            self._spoiler.append(spoiler)

    # --- questions about the text ----------------------------------------------------------

    def in_spoiler(self, start: int, end: int) -> bool:
        """True when any character of ``text[start:end]`` is inside a spoiler."""
        return any(self._spoiler[start:end])

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect_right(self._para_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < max(self.paragraphs[i].end, self.paragraphs[i].start + 1):
            return self.paragraphs[i]
        return None

    def paragraph(self, block_id: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == block_id), None)

    # --- the markup back ---------------------------------------------------------------------

    def render(self, marks: list[tuple[int, int, str, str, str]] = (), *, before: dict[str, str] | None = None,
               after: dict[str, str] | None = None, tools: str = "") -> str:
        """The markup with paragraph ids; ``marks`` are ``(start, end, first, rest, last)``: a text range, the
        ``<mark …>`` start tags of its first piece and of the others (each piece closes with ``</mark>``)
        and what follows its last piece.
        ``before`` and ``after`` map paragraph ids to markup put before and after that paragraph;
        ``tools`` (with ``{id}`` for the paragraph's id) goes after every paragraph."""
        inserts: list[tuple[int, int, str]] = []  # markup offset, order, text
        for para in self.paragraphs:
            if not para.has_id:
                inserts.append((para.tag_end - 1, 1, f' id="{para.id}"'))
            if before and para.id in before:
                inserts.append((para.open_at, 0, before[para.id]))
            extra = (tools.format(id=para.id) if tools and para.end > para.start else "") + (after or {}).get(para.id, "")
            if extra:
                inserts.append((para.close_end, 9, extra))
        for start, end, first, rest, last in marks:
            b = None
            for n, (a, b) in enumerate(self._pieces(start, end)):
                inserts.append((self._src[a], 5, first if n == 0 else rest))
                inserts.append((self._src_end[b - 1], 3, "</mark>"))
            if b is not None and last:
                inserts.append((self._src_end[b - 1], 4, last))
        inserts.sort(key=lambda item: (item[0], item[1]))
        out, pos = [], 0
        for at, _, value in inserts:
            out.append(self.markup[pos:at])
            out.append(value)
            pos = at
        out.append(self.markup[pos:])
        return "".join(out)

    def _pieces(self, start: int, end: int):
        """The parts of ``text[start:end]`` in one text node each, without the spaces between blocks."""
        first = max(0, bisect_right(self._node_starts, start) - 1)
        for node in self._nodes[first:]:
            if node.text_end <= start:
                continue
            if node.text_start >= end:
                break
            a, b = max(start, node.text_start), min(end, node.text_end)
            if b > a:
                yield a, b
