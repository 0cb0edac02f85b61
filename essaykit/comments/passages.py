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
from operator import attrgetter
from urllib.parse import urlencode

from ..html.blocks import render_blocks
from ..html.passages import PageText, crossing, cut_at_edges
from .anchor import Anchor, clean_anchor
from .anchors import Placement, anchor_for, context_outside_spoilers, place
from .model import Comment
from .passage_entries import SPOILER_LABEL, WHOLE, Entry, Labels, Remembered, entries_of  # noqa: F401 - SPOILER_LABEL: callers' name
from .passage_entries import label as _label

PASSAGE_LABEL = "on a passage"  # where the essay is not at hand to say which (feeds)
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


_ID = attrgetter("id")
_LABEL = attrgetter("label")
_SERIAL, _PIECE = attrgetter("serial"), attrgetter("piece")
_PIECES: OrderedDict = OrderedDict()  # a piece of a marked body by its markup, tools and entries
_PIECES_MAX = 4_000


class Passages:
    """The anchored comments of one essay and where each points now."""

    def __init__(self, page: PageText, placed: list[tuple[Comment, Placement]] = (), *,
                 comments: list[Comment] | None = None, entries: list[Entry] | None = None,
                 remembered: tuple[Remembered, int] | None = None, saids: list | None = None) -> None:
        """``placed``: each comment on a passage with where it points; or ``comments`` (those without an
        anchor left out, when asked) and the ``entries`` of those with one, with what their text remembers
        and its :attr:`.Remembered.changes` then, and each entry's :attr:`.Entry.said`
        (:func:`.passage_entries.entries_of`)."""
        self.page = page
        if entries is None:
            comments, entries = [c for c, _ in placed], [Entry(page, c, where) for c, where in placed]
            saids = [entry.said for entry in entries]
        self._all, self._entries, self._remembered = comments, entries, remembered
        # the comments as they are now, for the thread of this very list (:meth:`labels`)
        self._saids, self._order = saids, (list(comments) if entries and saids is not None else None)

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

    def labels(self) -> Labels:
        """Each comment's "on “…”" by its id, for the thread; a thread of the very comments these were found
        among, in their order, takes each one's label by its place instead (:meth:`.Labels.in_order`). When
        these are all the comments on passages their text remembers, as they are (the usual page), a copy of
        the mapping kept with them (:class:`.passage_entries.Remembered`), not one built for this view."""
        if self._remembered is not None and self._remembered[0].shows_all(self._entries, self._remembered[1]):
            return Labels(self._remembered[0].labels, self._order, self._saids)
        return Labels(dict(zip(map(_ID, self._entries), map(_LABEL, self._entries))), self._order, self._saids)

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
        found = _marked(page, self._entries, tools, self._remembered[0] if self._remembered else None)
        if found is None:  # see Entry.serial: the whole page at once, as before pieces
            whole = _Piece(page, self._entries, tools, None)
            return [whole.markup(whole.crossing)]
        # Two passages that cross are on one piece at least (they share words); when any do, every mark on
        # the page is cut at every passage's edges, as a page marked at once is.
        cut = any(one.crossing for one in found)
        return [one.markup(cut) for one in found]


class _View:
    """What the comments on passages of the last view of one markup with one ``tools`` put into it: the
    entries in the view's order, those of each piece of the markup, and each piece marked. The next view
    (after one more comment) shows the same entries and then its new ones (the store gives a page's comments
    oldest first): only the pieces the new ones go into are looked up or marked again, and nothing is
    grouped anew. Entries never change, so what was made of them stays true; ``order`` is the view's own list
    of them (:class:`Passages` never changes it), not a copy."""

    __slots__ = ("order", "groups", "pieces")

    def __init__(self, order: list[Entry], groups: list[list[Entry]], pieces: list) -> None:
        self.order, self.groups, self.pieces = order, groups, pieces


_VIEWS: OrderedDict = OrderedDict()  # a markup's serial and tools -> its last _View
_VIEWS_MAX = 2 * _MARKUPS_MAX  # a view with paragraph links and one without for each markup remembered


def _marked(page: PageText, entries: list[Entry], tools: str, remembered: Remembered | None) -> list | None:
    """Each piece of ``page`` marked with those of ``entries`` (in the comments' order) it shows; None when
    the page is marked whole (see :class:`.passage_entries.Entry`). When they are entries a text remembers
    (``remembered``) and begin with those of the last view of this markup, as a page's do after more comments,
    from what that view kept (:class:`_View`); else grouped anew (:func:`_shown`), each piece from
    :data:`_PIECES` or marked."""
    # (no comment on a passage, nothing to keep: a view of the plain comments does not take the slot)
    views, key = (_VIEWS if remembered is not None and entries else None), (page.serial, tools)
    view = views.get(key) if views is not None else None
    if view is not None and len(entries) >= len(view.order) and entries[:len(view.order)] == view.order:
        added = entries[len(view.order):]  # identity: an Entry has no __eq__ of its own
        if not added:
            views.move_to_end(key)
            return view.pieces
        if all(entry.serial != WHOLE for entry in added):
            groups, pieces, changed = list(view.groups), list(view.pieces), set()
            for entry in added:
                if entry.serial != page.serial:
                    entry.mark_in(page)
                for piece in entry.pieces:
                    changed.add(piece)
                    groups[piece] = groups[piece] + [entry]  # new lists: the view's stay as other renders saw them
            for piece in changed:
                pieces[piece] = _piece(page, piece, tools, groups[piece])
            _remember(views, key, _View(entries, groups, pieces), _VIEWS_MAX)
            return pieces
    groups = _shown(page, entries)
    if groups is None:
        return None
    keys = list(zip(repeat(page.serial), count(), repeat(tools), map(tuple, groups)))  # C loops: every plain view
    pieces = list(map(_PIECES.get, keys))
    for piece, one in enumerate(pieces):
        if one is None:
            pieces[piece] = _remember(_PIECES, keys[piece], _Piece(page, keys[piece][3], tools, piece), _PIECES_MAX)
    if views is not None:
        _remember(views, key, _View(entries, groups, pieces), _VIEWS_MAX)
    return pieces


def _piece(page: PageText, piece: int, tools: str, group: list[Entry]) -> _Piece:
    """Piece ``piece`` of ``page`` marked with ``group``, remembered by all that goes into it."""
    key = (page.serial, piece, tools, tuple(group))
    found = _PIECES.get(key)
    return found if found is not None else _remember(_PIECES, key, _Piece(page, key[3], tools, piece), _PIECES_MAX)


def _shown(page: PageText, entries: list[Entry]) -> list[list[Entry]] | None:
    """``entries`` (in the comments' order) by the piece of ``page`` each goes into; None when one cannot
    say (see :class:`.passage_entries.Entry`). C loops over the entries (map, deque): this runs for every
    page view, and reads of each entry only its two numbers."""
    serial, shown = page.serial, [[] for _ in page.pieces]
    serials = list(map(_SERIAL, entries))
    if serials.count(serial) != len(serials):  # some last marked in another markup (a new comment: one of a thousand)
        if WHOLE in serials:
            return None
        for i in compress(count(), map(serial.__ne__, serials)):
            entries[i].mark_in(page)
    pieces = list(map(_PIECE, entries))
    if -1 in pieces:
        if any(e.pieces for e in entries if e.piece < 0):  # a passage over several pieces (rare): in order, one by one
            for entry in entries:
                for piece in (entry.pieces if entry.piece < 0 else (entry.piece,)):
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
        groups: dict[tuple[int, int], list[Entry]] = {}
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


def _mark(group: list[Entry]) -> list[tuple[int, int, str, str, str]]:
    """The marks of the comments ``group`` on one passage, for :meth:`.PageText.render`: one per range of it
    (:attr:`Entry.ranges`). In an inline spoiler, which is one hidden button, its mark has no link and
    describes no margin note: there is none, and its comments are in the thread."""
    first, n = group[0], len(group)
    link = "" if first.inline_spoiler else (f'<a class="ek-anchor__link" href="#ek-c-{first.id}" aria-label="{n} '
                                            f'comment{"s" if n > 1 else ""} on this passage">{n}</a>')
    described = "" if first.inline_spoiler else ' aria-describedby="' + " ".join(f"ek-am-{e.id}" for e in group) + '"'
    opening = f'<mark class="ek-anchor" id="ek-a-{first.id}" data-ek-comments="{n}"{described}>'
    rest, last = '<mark class="ek-anchor">', len(first.ranges) - 1
    return [(a, b, opening if i == 0 else rest, rest, link if i == last else "")
            for i, (a, b) in enumerate(first.ranges)]


def _margin(block: str, group: list[Entry]) -> str:
    items = "".join(e.note for e in group)
    return (f'<aside class="ek-anchor-notes" id="ek-an-{block}" aria-label="Comments on this paragraph">'
            f'<ol class="ek-anchor-notes__list">{items}</ol></aside>')


def _count(group: list[Entry]) -> str:
    n = len(group)
    return (f'<p class="ek-anchor-count"><a href="#ek-c-{group[0].id}">{n} comment{"s" if n > 1 else ""} '
            f'on this paragraph</a></p>')


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

    Each comment's entry is remembered per essay text by its id, with everything else it depends on: what its
    note shows, and what places and labels it (every field of the anchor; :mod:`.passage_entries`)."""
    page = essay_text(essay)
    entries, remembered, changes, saids = entries_of(page, comments)
    return Passages(page, comments=comments, entries=entries, remembered=(remembered, changes), saids=saids)
