"""Comments on passages on the page: the marks, the margin, the paragraph links and the thread's "on “…”".

:func:`essay_text` reads an essay's text once (its blocks without code outputs, which are not part of
it); :func:`passages` finds each anchored comment in it (:mod:`.anchors`); :meth:`Passages.body` puts
into the page's body, which has the same text, a ``<mark class="ek-anchor">`` around each passage with a
link to its comments, the comments beside their paragraph (the sidenote column on wide screens, a count
after the paragraph below that; both inside a spoiler block stay hidden with it), and after every
paragraph a "Comment on this paragraph" link that opens the form with that paragraph as the anchor.

A passage in a spoiler never shows its words outside it: :meth:`Passages.label` says "on a passage in a
spoiler" for the thread, feeds and emails, and a passage in an inline spoiler gets no margin note.

Marking is remembered a piece of the body (a paragraph) at a time with the comments shown in it, so a page
re-rendered after one more comment marks one paragraph again; everything a piece shows must therefore be
decided inside it, or be a fact of the whole page that is part of what the piece is remembered by (whether
any two passages cross, :func:`.cut_at_edges`).
"""

from __future__ import annotations

import functools
import html
from collections import OrderedDict, deque
from itertools import compress, count, repeat
from dataclasses import replace
from operator import attrgetter, itemgetter
from urllib.parse import urlencode

from ..html.blocks import render_blocks
from ..html.passages import PageText, crossing, cut_at_edges
from ..markdown import sanitize_html
from .anchor import IN_SPOILER, Anchor, clean_anchor
from .anchors import CHANGED, Placement, anchor_for, context_outside_spoilers, place
from .model import Comment

SPOILER_LABEL = f"on {IN_SPOILER}"
PASSAGE_LABEL = "on a passage"  # where the essay is not at hand to say which (feeds)
CHANGED_NOTE = "the passage has changed"
ORPHAN_NOTE = "no longer in the essay"
PARAGRAPH_HREF = "?on={id}#ek-cf"
#: The comment API's page with the form on one paragraph, for pages the API does not serve (static ones).
PARAGRAPH_FORM_ROUTE = "api/comments/form"
_TEXTS: OrderedDict = OrderedDict()
_MARKUPS_MAX = 16
_MARKUPS: OrderedDict = OrderedDict()  # the text of each body markup marked lately


def essay_text(essay) -> PageText:
    """The essay's text as readers select it, remembered per essay object (an essay is read once per change)."""
    key = id(essay)
    found = _TEXTS.get(key)
    if found is None or found[0] is not essay:
        # the same reading as the body marked with this markup (:meth:`Passages.body`): one set of pieces
        found = _TEXTS[key] = (essay, _page_of("\n".join(render_blocks(essay, code=lambda block: ""))))
        if len(_TEXTS) > 64:
            _TEXTS.popitem(last=False)
    return found[1]


def quote(text: str, limit: int = 120) -> str:
    """“text”, cut at ``limit`` characters."""
    return "“" + (text if len(text) <= limit else text[:limit - 1].rstrip() + "…") + "”"


class _Entry:
    """One comment on a passage as the pages of one essay text show it: where it points, the thread's "on
    “…”", its margin note, and (remembered for the last markup it was marked in) the pieces of that markup
    its mark and note go into. Remembered per essay text and comment id with everything else these depend
    on (:func:`passages`), so a page view looks each comment up once."""

    __slots__ = ("id", "where", "label", "span", "ranges", "note_block", "inline_spoiler", "at",
                 "_comment", "_note")

    def __init__(self, page: PageText, comment: Comment, where: Placement) -> None:
        self.id, self.where, self.label = comment.id, where, _label(comment, where)
        self.span = (where.start, where.end)
        # A passage touching a spoiler is marked only inside it: its words outside are not what hides it.
        self.ranges = tuple(page.spoiler_ranges(where.start, where.end)) if where.in_spoiler else (self.span,)
        para = page.paragraph(where.block) if where.block else None
        self.inline_spoiler = where.in_spoiler and not (para is not None and page.all_in_spoiler(para.start, para.end))
        self.note_block = where.block if where.found and not self.inline_spoiler else ""
        self._comment, self._note = comment, None
        # ``at``: the markup last marked (its serial), the one piece of it the mark and note go into (else
        # -1) and all of them, set at once; None when the passage's paragraph is not the one its start is in
        # (never seen, but then two comments on one passage could disagree on their paragraph and
        # :meth:`Passages.body` marks the whole page at once, as the group's first says).
        start = page.paragraph_at(where.start) if where.found else None
        self.at = (-1, -1, ()) if not where.found or where.block == (start.id if start else "") else None

    def mark_in(self, page: PageText) -> tuple[int, int, tuple[int, ...]]:
        """Where in ``page`` (a body's markup) its mark and note go (:attr:`at`)."""
        pieces = page.pieces_of(*self.span, self.note_block) if self.where.found else ()
        self.at = (page.serial, pieces[0] if len(pieces) == 1 else -1, pieces)
        return self.at

    @property
    def note(self) -> str:
        """Made when a page first shows it (an email asks only for the label)."""
        if self._note is None:
            self._note = _note(self._comment, self.where.state == CHANGED)
        return self._note


_ID = attrgetter("id")
_LABEL = attrgetter("label")
_AT = attrgetter("at")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_BY_TEXT: OrderedDict = OrderedDict()  # essay text's fingerprint -> {a comment's _keys: _Entry}
_ENTRIES_MAX = 20_000  # in all
_PIECES: OrderedDict = OrderedDict()  # a piece of a marked body by its markup, tools and entries
_PIECES_MAX = 4_000


def _keys(comments: list[Comment]) -> list[tuple]:
    """What the entry of each comment with an anchor is remembered by besides the essay's text: its id,
    what its note shows, and what places and labels it (its anchor: every field). One comprehension, and
    one dict lookup per comment: a page view reads a thousand comments as new objects, and a call or a
    second pass per comment cost more than the rest of looking them up."""
    return [(c.id, c.author, c.body, a.exact, a.prefix, a.suffix, a.start, a.end, a.block, a.spoiler)
            for c in comments if (a := c.anchor) is not None]


def _bound(memo: dict) -> None:
    """At most :data:`_ENTRIES_MAX` entries in all: the texts least lately changed go first."""
    while sum(map(len, _BY_TEXT.values())) > _ENTRIES_MAX:
        oldest = next(iter(_BY_TEXT.values()))
        if oldest is memo:  # this text alone: its first entries
            del memo[next(iter(memo))]
        else:
            _BY_TEXT.popitem(last=False)


class Passages:
    """The anchored comments of one essay and where each points now."""

    def __init__(self, page: PageText, placed: list[tuple[Comment, Placement]] = (), *,
                 comments: list[Comment] | None = None, entries: list[_Entry] | None = None) -> None:
        """``placed``: each comment on a passage with where it points; or ``comments`` (those without an
        anchor left out, when asked) and the ``entries`` of those with one."""
        self.page = page
        if entries is None:
            comments, entries = [c for c, _ in placed], [_Entry(page, c, where) for c, where in placed]
        self._all, self._entries = comments, entries
        self._shown: tuple | None = None  # (a markup's serial, the entries by piece of it), for body()

    @functools.cached_property
    def _comments(self) -> list[Comment]:
        return [c for c in self._all if c.anchor is not None]

    @functools.cached_property
    def placed(self) -> list[tuple[Comment, Placement]]:
        return [(c, entry.where) for c, entry in zip(self._comments, self._entries)]

    @functools.cached_property
    def _where(self) -> dict[str, Placement]:
        return {c.id: entry.where for c, entry in zip(self._comments, self._entries)}

    @property
    def orphans(self) -> list[Comment]:
        return [c for c, where in self.placed if not where.found]

    def label(self, comment: Comment) -> str:
        """What the thread, a feed or an email says a comment is on: "" for the whole essay."""
        if comment.anchor is None:
            return ""
        return _label(comment, self._where.get(comment.id) or place(self.page, comment.anchor))

    def public(self, comment: Comment) -> dict | None:
        """The anchor as ``GET /api/comments`` gives it: what it was made on and where it points now
        (``now``: :meth:`.anchors.Placement.record`); a passage in a spoiler without its words, and its context
        cut where a spoiler begins now (stored before that rule, or wrapped in a spoiler by a later edit)."""
        if comment.anchor is None or comment.is_tombstone:
            return None
        where = self._where.get(comment.id) or place(self.page, comment.anchor)
        made = context_outside_spoilers(self.page, comment.anchor, where).record()
        if where.in_spoiler or comment.anchor.spoiler:
            made = {key: value for key, value in made.items() if key not in ("exact", "prefix", "suffix")}
        return {**made, "now": where.record()}

    def labels(self) -> dict[str, str]:
        return dict(zip(map(_ID, self._entries), map(_LABEL, self._entries)))

    def body(self, markup: str, *, paragraph_links: bool = False, href: str = PARAGRAPH_HREF) -> str:
        """:meth:`pieces` joined."""
        return "".join(self.pieces(markup, paragraph_links=paragraph_links, href=href))

    def pieces(self, markup: str, *, paragraph_links: bool = False, href: str = PARAGRAPH_HREF) -> list[str]:
        """``markup`` (the essay's body, whose text is :attr:`page`'s) with the marks, the margin notes and,
        with ``paragraph_links``, a "Comment on this paragraph" link after each paragraph to ``href`` (its
        ``{id}`` the paragraph's; by default ``?on=ID``, relative: the page itself, whatever its address; a
        static page links to its comment API's form, :func:`paragraph_form_href`).

        Marked anew on every call, but only what is new costs much: the page is rendered anew after every
        change to the essay's comments (never twice for the same ones: the page cache serves those), so the
        markup's text is remembered, and each piece of it (a paragraph, :attr:`.PageText.pieces`) marked
        with the comments it shows: a new comment marks its paragraph again, not the page. The pieces in
        order, not joined: a caller that puts more into the body (a static page's code outputs) joins once."""
        page = _page_of(markup)
        tools = ""
        if paragraph_links:
            tools = ('<p class="ek-para-tools"><a class="ek-para-comment" rel="nofollow" '
                     f'href="{href}">Comment on this paragraph</a></p>')
        serial, shown = page.serial, self._shown
        if shown is None or shown[0] != serial:
            shown = self._shown = (serial, _shown(page, self._entries))
        if shown[1] is None:  # see _Entry: the whole page at once, as before pieces
            whole = _Piece(page, self._entries, tools, None)
            return [whole.markup(whole.crossing)]
        keys = list(zip(repeat(serial), count(), repeat(tools), map(tuple, shown[1])))
        found = list(map(_PIECES.get, keys))
        for piece, one in enumerate(found):
            if one is None:
                found[piece] = _remember(_PIECES, keys[piece], _Piece(page, keys[piece][3], tools, piece), _PIECES_MAX)
        # Two passages that cross are on one piece at least (they share words); when any do, every mark on
        # the page is cut at every passage's edges, as a page marked at once is.
        cut = any(one.crossing for one in found)
        return [one.markup(cut) for one in found]


def _shown(page: PageText, entries: list[_Entry]) -> list[list[_Entry]] | None:
    """``entries`` (in the comments' order) by the piece of ``page`` each goes into; None when one cannot
    say (see :class:`_Entry`). C loops over the entries (map, deque): this runs for every page view."""
    serial, shown = page.serial, [[] for _ in page.pieces]
    at = list(map(_AT, entries))
    if not all(at):  # a tuple is true, None is not
        return None
    serials = list(map(_FIRST, at))
    if serials.count(serial) != len(at):  # some last marked in another markup (a new comment: one of a thousand)
        for i in compress(count(), map(serial.__ne__, serials)):
            at[i] = entries[i].mark_in(page)
    pieces = list(map(_SECOND, at))
    if -1 in pieces:
        if any(a[2] for a in at if a[1] < 0):  # a passage over several pieces (rare): in order, one by one
            for entry, a in zip(entries, at):
                for piece in (a[2] if a[1] < 0 else (a[1],)):
                    shown[piece].append(entry)
            return shown
        kept = list(map((-1).__ne__, pieces))  # the others are orphans, shown in no piece
        entries, pieces = list(compress(entries, kept)), list(compress(pieces, kept))
    deque(map(list.append, map(shown.__getitem__, pieces), entries), maxlen=0)
    return shown


class _Piece:
    """``page`` (or its piece ``piece``) marked with ``entries`` (in the comments' order): one mark per passage,
    the comments on one passage together, in the order of the text, their notes with their paragraph;
    rendered when first asked, cut or not (:func:`.cut_at_edges`)."""

    __slots__ = ("page", "piece", "tools", "marks", "before", "after", "crossing", "_out")

    def __init__(self, page: PageText, entries, tools: str, piece: int | None) -> None:
        groups: dict[tuple[int, int], list[_Entry]] = {}
        for entry in entries:
            if entry.where.found:
                groups.setdefault(entry.span, []).append(entry)
        marks, notes = [], {}
        for _, group in sorted(groups.items()):
            marks += _mark(group)
            if group[0].note_block:
                notes.setdefault(group[0].note_block, []).extend(group)
        self.page, self.piece, self.tools, self.marks = page, piece, tools, tuple(marks)  # a tuple: untracked by the GC
        self.before = {block: _margin(block, group) for block, group in notes.items()}
        self.after = {block: _count(group) for block, group in notes.items()}
        self.crossing, self._out = crossing(marks), [None, None]

    def markup(self, cut: bool) -> str:
        if self._out[cut] is None:
            marks = self.marks
            if cut:  # the edges of the passages it shows are all that can fall inside its marks
                marks = cut_at_edges(marks)
            self._out[cut] = self.page.render(marks, before=self.before, after=self.after, tools=self.tools,
                                              piece=self.piece)
        return self._out[cut]


def _mark(group: list[_Entry]) -> list[tuple[int, int, str, str, str]]:
    """The marks of the comments ``group`` on one passage, for :meth:`.PageText.render`: one per range of it
    (:attr:`_Entry.ranges`). In an inline spoiler, which is one hidden button, its mark has no link and
    describes no margin note: there is none, and its comments are in the thread."""
    first, n = group[0], len(group)
    link = "" if first.inline_spoiler else (f'<a class="ek-anchor__link" href="#ek-c-{first.id}" aria-label="{n} '
                                            f'comment{"s" if n > 1 else ""} on this passage">{n}</a>')
    described = "" if first.inline_spoiler else ' aria-describedby="' + " ".join(f"ek-am-{e.id}" for e in group) + '"'
    opening = f'<mark class="ek-anchor" id="ek-a-{first.id}" data-ek-comments="{n}"{described}>'
    rest, last = '<mark class="ek-anchor">', len(first.ranges) - 1
    return [(a, b, opening if i == 0 else rest, rest, link if i == last else "")
            for i, (a, b) in enumerate(first.ranges)]


def _margin(block: str, group: list[_Entry]) -> str:
    items = "".join(e.note for e in group)
    return (f'<aside class="ek-anchor-notes" id="ek-an-{block}" aria-label="Comments on this paragraph">'
            f'<ol class="ek-anchor-notes__list">{items}</ol></aside>')


def _count(group: list[_Entry]) -> str:
    n = len(group)
    return (f'<p class="ek-anchor-count"><a href="#ek-c-{group[0].id}">{n} comment{"s" if n > 1 else ""} '
            f'on this paragraph</a></p>')


def _label(comment: Comment, where: Placement) -> str:
    if where.in_spoiler or (comment.anchor.spoiler and not where.found):
        return SPOILER_LABEL
    if not where.found:
        return f"on {quote(comment.anchor.exact)} ({ORPHAN_NOTE})"
    return f"on {quote(where.now)}" + (f" ({CHANGED_NOTE})" if where.state == CHANGED else "")


def _remember(memo: OrderedDict, key, value, most: int):
    memo[key] = value
    if len(memo) > most:
        memo.popitem(last=False)
    return value


def _page_of(markup: str) -> PageText:
    """The text of a body's markup, remembered: the page is marked anew after every new comment, on the
    same markup."""
    page = _MARKUPS.get(markup)
    if page is None:
        page = _remember(_MARKUPS, markup, PageText(markup), _MARKUPS_MAX)
    else:
        _MARKUPS.move_to_end(markup)
    return page


def paragraph_anchor(passages: Passages | None, block: str) -> Anchor | None:
    """The anchor a "Comment on this paragraph" link (``?on=ek-p-…``) asks for; None for an unknown paragraph
    or one in a spoiler (its words would be the form's quote)."""
    para = passages.page.paragraph(block) if passages is not None and block else None
    if para is None or passages.page.in_spoiler(para.start, para.end):
        return None
    anchor = anchor_for(passages.page, para.start, para.end)
    return context_outside_spoilers(passages.page, anchor, place(passages.page, anchor))


def paragraph_form_href(api: str, slug: str, return_url: str = "") -> str:
    """``href`` for :meth:`Passages.body` on a static page: the form of the comment API at ``api`` (ending in
    "/") on the paragraph ``{id}``, which posts there and comes back to ``return_url``; escaped for an attribute."""
    query = urlencode({"essay": slug, **({"return": return_url} if return_url else {})})
    escaped = html.escape(f"{api}{PARAGRAPH_FORM_ROUTE}?{query}", quote=True).replace("{", "{{").replace("}", "}}")
    return escaped + "&amp;on={id}#ek-cf"


def _note(comment: Comment, changed: bool) -> str:
    """One comment's margin note (remembered with its :class:`_Entry`)."""
    state = f' <span class="ek-anchor-note__state">{CHANGED_NOTE}</span>' if changed else ""
    author = sanitize_html(html.escape(comment.author), profile="comment")
    return (f'<li class="ek-anchor-note" id="ek-am-{comment.id}"><bdi class="ek-anchor-note__author">'
            f'{author}</bdi>{state}<div class="ek-anchor-note__body">{comment.body_html}</div>'
            f'<a class="ek-anchor-note__thread" href="#ek-c-{comment.id}">In the thread</a></li>')


def placed_anchor(essay, value: object) -> Anchor | None:
    """A reader's anchor checked, and marked when its passage is in a spoiler of ``essay`` now (so the words
    stay unsaid if the author's edits later leave it an orphan); its context keeps no spoiler's words."""
    anchor = clean_anchor(value)
    if anchor is None:
        return None
    page = essay_text(essay)
    where = place(page, anchor)
    return replace(context_outside_spoilers(page, anchor, where), spoiler=where.in_spoiler)


def placed_submission(submission, essay):
    """``submission`` (a :class:`.submission.Submission`) with its anchor checked and placed in ``essay`` (the
    :class:`essaykit.essay.Essay` it answers), the one way an anchor gets in, from the comment API and the
    CommentSection widget alike: every field's problem is raised at once (:class:`.submission.FormRefused`),
    and ``anchor.spoiler`` says whether the passage is in a spoiler now. With no essay to look in (a kernel
    that cannot find its notebook), the passage counts as in a spoiler: its words are then never repeated
    once the author's edits leave the comment an orphan."""
    if not submission.anchor:
        return submission
    submission.check()
    if essay is None:
        anchor = clean_anchor(submission.anchor)
        return replace(submission, anchor=replace(anchor, spoiler=True) if anchor else None)
    return replace(submission, anchor=placed_anchor(essay, submission.anchor))


def passages(essay, comments) -> Passages:
    """Where each of ``comments`` that has an anchor points in ``essay`` now.

    Each comment's entry is remembered per essay text by its id with everything else it depends on (:func:`_keys`):
    what its note shows, and what places and labels it (every field of the anchor)."""
    page = essay_text(essay)
    memo = _BY_TEXT.get(page.fingerprint)
    if memo is None:
        memo = _BY_TEXT[page.fingerprint] = {}
    keys = _keys(comments)
    entries = list(map(memo.get, keys))
    if not all(entries):  # an entry is true, None is not
        for i, c in enumerate(c for c in comments if c.anchor is not None):
            if entries[i] is None:
                entries[i] = memo[keys[i]] = _Entry(page, c, place(page, c.anchor))
        _BY_TEXT.move_to_end(page.fingerprint)
        _bound(memo)
    return Passages(page, comments=comments, entries=entries)
