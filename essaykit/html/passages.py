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

import functools
import hashlib
import html
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter

_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|textarea|template)\b.*?</\1\s*>"
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I)
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_SPACES = re.compile(r"\s+")
_RUNS = re.compile(r"(\s+)|\S+")
_TWO_SPACES = re.compile(r"\s\s")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Not the essay's words: code outputs (widgets, the comment section), footnotes' sidenotes and
# spoiler labels, and what this module adds.
_SKIPPED = {"ek-output", "ek-sidenote", "ek-spoiler__label", "ek-spoiler-block__badge", "ek-footnotes",
            "ek-anchor-notes", "ek-para-tools", "ek-anchor__link", "ek-anchor-count"}
_SPOILERS = {"ek-spoiler__text", "ek-spoiler-block__body"}
# A formula's TeX source is no word a reader sees or selects; its tokens are, each apart from the next
# as a browser's selection gives them.
_SKIPPED_TAGS = {"annotation", "annotation-xml"}
_MATH_TOKENS = {"mi", "mn", "mo", "ms", "mtext"}
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "dt", "dd", "figcaption",
           "div", "details", "summary", "section", "ul", "ol", "table", "tr", "figure", "br", "hr", *_MATH_TOKENS}
# Blocks without paragraphs of their own (a table, a tight list, a code block): one paragraph each, so a
# passage in them has its margin notes and its "Comment on this paragraph" too.
_CONTAINERS = {"table", "ul", "ol", "dl", "pre"}
# The end of a link or formula a mark's own link must follow (a link in a link is no HTML); looked for
# this far after the mark, no further: a page is marked in time proportional to its marks.
_ENCLOSING = re.compile(r"<(/?)(?:a|math)\b[^>]*>", re.I)
_ENCLOSING_WITHIN = 4000
_PLACES_MAX = 20_000  # text ranges whose places one reading of a markup remembers
PARAGRAPH_PREFIX = "ek-p-"
_SERIALS = itertools.count()
_ORDERS = 16  # what goes at one markup offset, in order: before a paragraph 0, its id 1, "</mark>" 3, a mark's link 4, "<mark>" 5, after a paragraph 9


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
    """A text node: its range in the text and in the markup, and whether a spoiler holds it."""

    text_start: int
    text_end: int
    markup_start: int
    markup_end: int
    spoiler: bool
    after_space: bool  # the text before it ends with a space (so its leading whitespace is dropped)


def _decoded(markup: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), markup) if "&" in markup else markup


@dataclass
class PageText:
    """The text of a rendered essay body, with the way back into its markup."""

    markup: str
    text: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    _nodes: list[_Node] = field(default_factory=list, repr=False)
    #: This reading of a markup, never another's (what is remembered of its pieces names it by this).
    serial: int = field(default_factory=lambda: next(_SERIALS), init=False, repr=False, compare=False)
    #: Where a mark on each text range marked lately opens, closes and puts its link (:meth:`_places_of`).
    _places: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pieces: list[str] = []
        length, last_space = 0, True  # no space at the very start
        stack: list[tuple[str, bool, bool, Paragraph | None]] = []  # name, skipped, spoiler, paragraph
        skip = spoiler = False
        pos = 0
        container, container_split = None, False  # the open _CONTAINERS paragraph; whether a <p> is in it

        def space() -> None:
            nonlocal length, last_space
            if not last_space:
                pieces.append(" ")
                length, last_space = length + 1, True

        def text(start: int, end: int) -> None:
            nonlocal length, last_space
            words = _SPACES.sub(" ", _decoded(self.markup[start:end]))
            if last_space and words.startswith(" "):
                words = words[1:]
            if words:
                self._nodes.append(_Node(length, length + len(words), start, end, spoiler, last_space))
                pieces.append(words)
                length, last_space = length + len(words), words.endswith(" ")

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
                        para.end, para.close_end = length - (1 if last_space and length > para.start else 0), m.end()
                        if para is container:
                            if not container_split:
                                self.paragraphs.append(para)
                            container = None
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
                para = Paragraph("", length, length, m.start(), m.end(), m.end(), " id=" in tag)
                self.paragraphs.append(para)
                container_split = True
            elif name in _CONTAINERS and container is None and not skip:
                para = container = Paragraph("", length, length, m.start(), m.end(), m.end(), " id=" in tag)
                container_split = False
            stack.append((name, skip, spoiler, para))
            skip = skip or bool(classes & _SKIPPED) or name in _SKIPPED_TAGS
            spoiler = spoiler or bool(classes & _SPOILERS)
        if pos < len(self.markup) and not skip:
            text(pos, len(self.markup))
        self.text = "".join(pieces)
        seen: dict[str, int] = {}
        for para in self.paragraphs:
            digest = hashlib.sha1(self.text[para.start:para.end].encode("utf-8", "surrogatepass")).hexdigest()[:8]
            seen[digest] = seen.get(digest, 0) + 1
            para.id = PARAGRAPH_PREFIX + digest + (f"-{seen[digest]}" if seen[digest] > 1 else "")
        self._node_starts = [node.text_start for node in self._nodes]
        self._para_starts = [p.start for p in self.paragraphs]
        self._by_id = {p.id: p for p in self.paragraphs}

    def _offsets(self, node: _Node) -> int | tuple[list[int], list[int]]:
        """Where each character of a text node came from in the markup (start, end): worked out only for
        the nodes a mark touches, a run of letters or spaces at a time, as the node's text was made.
        A node without entities or runs of whitespace (most of an essay's) maps one to one: then only the
        markup offset of its first character, so a page with many marks builds no per-character lists."""
        at, end = node.markup_start, node.markup_end
        lead = (end - at) - (node.text_end - node.text_start)  # 1 when a leading space was dropped
        if lead in (0, 1) and self.markup.find("&", at, end) < 0 and not _TWO_SPACES.search(self.markup, at, end):
            return at + lead
        src: list[int] = []
        src_end: list[int] = []
        last_space = node.after_space
        for entity in [*_ENTITY.finditer(self.markup, at, end), None]:
            for run in _RUNS.finditer(self.markup, at, entity.start() if entity else end):
                a, b = run.span()
                if run.group(1) is None:
                    src.extend(range(a, b))
                    src_end.extend(range(a + 1, b + 1))
                    last_space = False
                elif not last_space:
                    src.append(a)
                    src_end.append(a + 1)
                    last_space = True
            if entity is None:
                break
            for ch in html.unescape(entity.group()):
                if not (ch.isspace() and last_space):
                    src.append(entity.start())
                    src_end.append(entity.end())
                last_space = ch.isspace()
            at = entity.end()
        return src, src_end

    # --- questions about the text ----------------------------------------------------------

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of everything a passage's place depends on: the text, the paragraphs and which
        characters a spoiler holds (wrapping words in a spoiler leaves the text as it was)."""
        digest = hashlib.sha1(self.text.encode("utf-8", "surrogatepass"))
        digest.update(repr([(p.id, p.start, p.end) for p in self.paragraphs]).encode())
        digest.update(repr([(n.text_start, n.text_end) for n in self._nodes if n.spoiler]).encode())
        return digest.hexdigest()

    def in_spoiler(self, start: int, end: int) -> bool:
        """True when any character of ``text[start:end]`` is inside a spoiler."""
        return any(node.spoiler for node, _, _ in self._pieces(start, end))

    def spoiler_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``text[start:end]`` inside a spoiler, as text ranges."""
        ranges: list[tuple[int, int]] = []
        for node, a, b in self._pieces(start, end):
            if node.spoiler:
                if ranges and ranges[-1][1] == a:
                    ranges[-1] = (ranges[-1][0], b)
                else:
                    ranges.append((a, b))
        return ranges

    def all_in_spoiler(self, start: int, end: int) -> bool:
        """True when every word of ``text[start:end]`` is inside a spoiler (a spoiler block's paragraph)."""
        return all(node.spoiler for node, _, _ in self._pieces(start, end))

    def paragraph_at(self, offset: int) -> Paragraph | None:
        i = bisect_right(self._para_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < max(self.paragraphs[i].end, self.paragraphs[i].start + 1):
            return self.paragraphs[i]
        return None

    def paragraph(self, block_id: str) -> Paragraph | None:
        return self._by_id.get(block_id)

    # --- the markup back ---------------------------------------------------------------------

    @functools.cached_property
    def _tool_ids(self) -> frozenset[str]:
        """The paragraphs :meth:`render`'s ``tools`` go after: found once per reading, not per piece marked."""
        return frozenset(p.id for p in self.paragraphs if p.end > p.start and not self.in_spoiler(p.start, p.end))

    @functools.cached_property
    def pieces(self) -> list[int]:
        """Where the markup's pieces start: at its beginning and at each paragraph's ``<p``. :meth:`render`
        gives one piece at a time (``piece``): what goes into one paragraph changes without the others."""
        return [0] + [p.open_at for p in self.paragraphs]

    def pieces_of(self, start: int, end: int, block: str = "") -> tuple[int, ...]:
        """The pieces a mark on ``text[start:end]`` puts markup into, with paragraph ``block``'s (what goes
        before and after it) when given."""
        at = [offset for span in self._spans_of(start, end) for offset in span]
        para = self.paragraph(block) if block else None
        if para is not None:
            at += (para.open_at, para.close_end)
        return tuple(sorted({bisect_right(self.pieces, offset) - 1 for offset in at}))

    def render(self, marks: list[tuple[int, int, str, str, str]] = (), *, before: dict[str, str] | None = None,
               after: dict[str, str] | None = None, tools: str = "", piece: int | None = None) -> str:
        """The markup with paragraph ids; ``marks`` are ``(start, end, first, rest, last)``: a text range, the
        ``<mark …>`` start tags of its first piece and of the others (each piece closes with ``</mark>``)
        and what follows its last piece.
        ``before`` and ``after`` map paragraph ids to markup put before and after that paragraph;
        ``tools`` (with ``{id}`` for the paragraph's id) goes after every paragraph with words that no spoiler
        touches (its words would be the form's quote). With ``piece`` (an
        index of :attr:`pieces`), only that piece of the markup, with what goes into it: the pieces
        joined in order are the whole."""
        lo, hi, paragraphs = 0, len(self.markup), self.paragraphs
        if piece is not None:
            lo = self.pieces[piece]
            hi = self.pieces[piece + 1] if piece + 1 < len(self.pieces) else hi
            paragraphs = [p for p in paragraphs if p.close_end >= lo and p.open_at < hi]
        inserts: list[tuple[int, str]] = []  # markup offset * _ORDERS + order (a stable sort keeps the rest), text
        for para in paragraphs:
            if not para.has_id:
                inserts.append(((para.tag_end - 1) * _ORDERS + 1, f' id="{para.id}"'))
            if before and para.id in before:
                inserts.append((para.open_at * _ORDERS, before[para.id]))
            extra = ((tools.format(id=para.id) if tools and para.id in self._tool_ids else "")
                     + (after or {}).get(para.id, ""))
            if extra:
                inserts.append((para.close_end * _ORDERS + 9, extra))
        for mark in marks:
            inserts += self._mark(*mark)
        if piece is not None:  # what goes at the very end is the last piece's
            top = hi * _ORDERS if piece + 1 < len(self.pieces) else (hi + 1) * _ORDERS
            inserts = [insert for insert in inserts if lo * _ORDERS <= insert[0] < top]
        inserts.sort(key=itemgetter(0))  # integer keys: the fast sort
        out, pos = [], lo
        for key, value in inserts:
            at = key // _ORDERS
            out.append(self.markup[pos:at])
            out.append(value)
            pos = at
        out.append(self.markup[pos:hi])
        return "".join(out)

    def _mark(self, start: int, end: int, first: str, rest: str, last: str) -> list[tuple[int, str]]:
        """What one of :meth:`render`'s marks inserts: a ``<mark>`` around each text node's piece of
        ``text[start:end]``, and ``last`` after the last."""
        spans, link_at = self._places_of(start, end)
        inserts = []
        for n, (opening, close) in enumerate(spans):
            inserts.append((opening * _ORDERS + 5, first if n == 0 else rest))
            inserts.append((close * _ORDERS + 3, "</mark>"))
        if spans and last:
            inserts.append((link_at * _ORDERS + 4, last))
        return inserts

    def _places_of(self, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
        """:meth:`_spans_of` and where the mark's link goes (:meth:`_outside_links`), remembered by range: a
        paragraph marked again after one more comment finds its other passages' places in the markup."""
        found = self._places.get((start, end))
        if found is None:
            spans = self._spans_of(start, end)
            found = (spans, self._outside_links(spans[-1][1]) if spans else 0)
            if len(self._places) >= _PLACES_MAX:
                self._places.clear()
            self._places[(start, end)] = found
        return found

    def _outside_links(self, at: int) -> int:
        """``at``, or the end of the link or formula around it: where a mark's own link may go."""
        while (found := _ENCLOSING.search(self.markup, at, at + _ENCLOSING_WITHIN)) and found.group(1):
            at = found.end()
        return at

    def _spans_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where each piece of a mark on ``text[start:end]`` opens and closes in the markup, one per text node."""
        spans = []
        for node, a, b in self._pieces(start, end):
            source = self._offsets(node)
            if isinstance(source, int):
                spans.append((source + a - node.text_start, source + b - node.text_start))
            else:
                src, src_end = source
                if len(src) != node.text_end - node.text_start:  # never expected: then no mark rather than a wrong one
                    continue
                spans.append((src[a - node.text_start], src_end[b - 1 - node.text_start]))
        return spans

    def _pieces(self, start: int, end: int):
        """The text nodes ``text[start:end]`` touches, each with the part of the range it holds."""
        first = max(0, bisect_right(self._node_starts, start) - 1)
        for node in self._nodes[first:]:
            if node.text_end <= start:
                continue
            if node.text_start >= end:
                break
            a, b = max(start, node.text_start), min(end, node.text_end)
            if b > a:
                yield node, a, b


def crossing(marks: list[tuple[int, int, str, str, str]]) -> bool:
    """True when two of :meth:`PageText.render`'s ``marks`` overlap without one holding the other (the rare
    case :func:`cut_at_edges` is for)."""
    open_ends: list[int] = []
    for start, end in sorted((mark[0], -mark[1]) for mark in marks):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and -end > open_ends[-1]:
            return True
        open_ends.append(-end)
    return False


def cut_at_edges(marks: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """``marks`` cut where any of them starts or ends: two passages that overlap without one holding the other
    then share whole pieces, and every ``<mark>`` closes the one it opened."""
    cuts = sorted({at for start, end, *_ in marks for at in (start, end)})
    pieces = []
    for start, end, first, rest, last in marks:
        at = bisect_right(cuts, start)
        while at < len(cuts) and cuts[at] < end:
            pieces.append((start, cuts[at], first, rest, ""))
            start, first, at = cuts[at], rest, at + 1
        pieces.append((start, end, first, rest, last))
    return pieces
