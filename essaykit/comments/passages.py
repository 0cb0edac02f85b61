"""Comments on passages on the page: the marks, the margin, the paragraph links and the thread's "on “…”".

:func:`essay_text` reads an essay's text once (its blocks without code outputs, which are not part of
it); :func:`passages` finds each anchored comment in it (:mod:`.anchors`); :meth:`Passages.body` puts
into the page's body, which has the same text, a ``<mark class="ek-anchor">`` around each passage with a
link to its comments, the comments beside their paragraph (the sidenote column on wide screens, a count
after the paragraph below that; both inside a spoiler block stay hidden with it), and after every
paragraph a "Comment on this paragraph" link that opens the form with that paragraph as the anchor.

A passage in a spoiler never shows its words outside it: :meth:`Passages.label` says "on a passage in a
spoiler" for the thread, feeds and emails, and a passage in an inline spoiler gets no margin note.
"""

from __future__ import annotations

import functools
import html
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from ..html.blocks import render_blocks
from ..html.passages import PageText
from ..markdown import sanitize_html
from .anchor import IN_SPOILER, Anchor, clean_anchor
from .anchors import CHANGED, Placement, anchor_for, place
from .model import Comment

SPOILER_LABEL = f"on {IN_SPOILER}"
PASSAGE_LABEL = "on a passage"  # where the essay is not at hand to say which (feeds)
CHANGED_NOTE = "the passage has changed"
ORPHAN_NOTE = "no longer in the essay"
PARAGRAPH_HREF = "?on={id}#ek-cf"
#: The comment API's page with the form on one paragraph, for pages the API does not serve (static ones).
PARAGRAPH_FORM_ROUTE = "api/comments/form"
_TEXTS: OrderedDict = OrderedDict()
_NOTES: OrderedDict = OrderedDict()  # margin notes by what their markup depends on
_NOTES_MAX = 20_000
_MARKUPS_MAX = 16
_MARKUPS: OrderedDict = OrderedDict()  # the text of each body markup marked lately, with its marks' places
_MARKS: OrderedDict = OrderedDict()  # a passage's mark by what its markup depends on


def essay_text(essay) -> PageText:
    """The essay's text as readers select it, remembered per essay object (an essay is read once per change)."""
    key = id(essay)
    found = _TEXTS.get(key)
    if found is None or found[0] is not essay:
        found = _TEXTS[key] = (essay, PageText("\n".join(render_blocks(essay, code=lambda block: ""))))
        if len(_TEXTS) > 64:
            _TEXTS.popitem(last=False)
    return found[1]


def quote(text: str, limit: int = 120) -> str:
    """“text”, cut at ``limit`` characters."""
    return "“" + (text if len(text) <= limit else text[:limit - 1].rstrip() + "…") + "”"


@dataclass
class Passages:
    """The anchored comments of one essay and where each points now."""

    page: PageText
    placed: list[tuple[Comment, Placement]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._where = {c.id: where for c, where in self.placed}

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
        (``now``: :meth:`.anchors.Placement.record`); a passage in a spoiler without its words."""
        if comment.anchor is None or comment.is_tombstone:
            return None
        where = self._where.get(comment.id) or place(self.page, comment.anchor)
        made = comment.anchor.record()
        if where.in_spoiler or comment.anchor.spoiler:
            made = {key: value for key, value in made.items() if key not in ("exact", "prefix", "suffix")}
        return {**made, "now": where.record()}

    def labels(self) -> dict[str, str]:
        return {c.id: _label(c, where) for c, where in self.placed}

    def body(self, markup: str, *, paragraph_links: bool = False, href: str = PARAGRAPH_HREF) -> str:
        """``markup`` (the essay's body, whose text is :attr:`page`'s) with the marks, the margin notes and,
        with ``paragraph_links``, a "Comment on this paragraph" link after each paragraph to ``href`` (its
        ``{id}`` the paragraph's; by default ``?on=ID``, relative: the page itself, whatever its address; a
        static page links to its comment API's form, :func:`paragraph_form_href`).

        Marked anew on every call, but only what is new costs much: the page is rendered anew after every
        change to the essay's comments (never twice for the same ones: the page cache serves those), so the
        markup's text, where each passage sits in it, each passage's mark and each margin note are
        remembered, by everything each depends on."""
        page = _page_of(markup)
        groups: dict[tuple[int, int], list[tuple[Comment, Placement]]] = {}
        for comment, where in self.placed:
            if where.found:
                groups.setdefault((where.start, where.end), []).append((comment, where))
        found_marks, notes = [], {}
        for (start, end), group in sorted(groups.items()):
            where = group[0][1]
            key = (self.page.fingerprint, start, end, where.in_spoiler, where.block, *[c.id for c, _ in group])
            found = _MARKS.get(key)
            if found is None:
                found = _remember(_MARKS, key, self._mark(group), _NOTES_MAX)
            pieces, inline_spoiler = found
            found_marks.append(pieces)
            if not inline_spoiler and where.block:
                notes.setdefault(where.block, []).extend(group)
        marks = [mark for pieces in found_marks for mark in pieces]
        if _crossing(marks):
            marks = _cut(marks, sorted({at for start, end, *_ in marks for at in (start, end)}))
        before = {block: self._margin(block, group) for block, group in notes.items()}
        after = {block: self._count(block, group) for block, group in notes.items()}
        if paragraph_links:
            # Not after a paragraph a spoiler touches: its words would be the form's quote.
            tools = ('<p class="ek-para-tools"><a class="ek-para-comment" rel="nofollow" '
                     f'href="{href}">Comment on this paragraph</a></p>')
            for para in page.paragraphs:
                if para.end > para.start and not page.in_spoiler(para.start, para.end):
                    after[para.id] = tools.format(id=para.id) + after.get(para.id, "")
        return page.render(marks, before=before, after=after)

    def _mark(self, group: list[tuple[Comment, Placement]]) -> tuple[list[tuple[int, int, str, str, str]], bool]:
        """The marks of the comments ``group`` on one passage, for :meth:`.PageText.render`, and whether an
        inline spoiler holds it. A passage touching a spoiler is marked only inside it (its words outside
        are not what hides it); in an inline spoiler, which is one hidden button, its mark has no link and
        describes no margin note: there is none, and its comments are in the thread."""
        first, where, n = group[0][0].id, group[0][1], len(group)
        described = " ".join(f"ek-am-{c.id}" for c, _ in group)
        inline_spoiler = where.in_spoiler and not self._in_block(where)
        link = "" if inline_spoiler else (f'<a class="ek-anchor__link" href="#ek-c-{first}" aria-label="{n} '
                                           f'comment{"s" if n > 1 else ""} on this passage">{n}</a>')
        opening = (f'<mark class="ek-anchor" id="ek-a-{first}" data-ek-comments="{n}"'
                   + ("" if inline_spoiler else f' aria-describedby="{described}"') + ">")
        rest = '<mark class="ek-anchor">'
        spans = self.page.spoiler_ranges(where.start, where.end) if where.in_spoiler else [(where.start, where.end)]
        return [(a, b, opening if i == 0 else rest, rest, link if i == len(spans) - 1 else "")
                for i, (a, b) in enumerate(spans)], inline_spoiler

    def _in_block(self, where: Placement) -> bool:
        """True when the passage sits in a spoiler block's paragraph (hidden with it), not an inline spoiler."""
        para = self.page.paragraph(where.block)
        return para is not None and self.page.all_in_spoiler(para.start, para.end)

    def _margin(self, block: str, group) -> str:
        items = "".join(_note(comment, where.state == CHANGED) for comment, where in group)
        return (f'<aside class="ek-anchor-notes" id="ek-an-{block}" aria-label="Comments on this paragraph">'
                f'<ol class="ek-anchor-notes__list">{items}</ol></aside>')

    def _count(self, block: str, group) -> str:
        n = len(group)
        return (f'<p class="ek-anchor-count"><a href="#ek-c-{group[0][0].id}">{n} comment{"s" if n > 1 else ""} '
                f'on this paragraph</a></p>')


def _crossing(marks: list[tuple[int, int, str, str, str]]) -> bool:
    """True when two of ``marks`` overlap without one holding the other (the rare case :func:`_cut` is for)."""
    open_ends: list[int] = []
    for start, end in sorted((mark[0], -mark[1]) for mark in marks):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and -end > open_ends[-1]:
            return True
        open_ends.append(-end)
    return False


def _cut(marks: list[tuple[int, int, str, str, str]], cuts: list[int]) -> list[tuple[int, int, str, str, str]]:
    """``marks`` cut where any passage on the page starts or ends: two passages that overlap without one
    holding the other then share whole pieces, and every ``<mark>`` closes the one it opened."""
    pieces = []
    for start, end, first, rest, last in marks:
        at = bisect_right(cuts, start)
        while at < len(cuts) and cuts[at] < end:
            pieces.append((start, cuts[at], first, rest, ""))
            start, first, at = cuts[at], rest, at + 1
        pieces.append((start, end, first, rest, last))
    return pieces


def _label(comment: Comment, where: Placement) -> str:
    if where.in_spoiler or (comment.anchor.spoiler and not where.found):
        return SPOILER_LABEL
    if not where.found:
        return f"on {quote(comment.anchor.exact)} ({ORPHAN_NOTE})"
    return _on(where.now, where.state == CHANGED)


@functools.lru_cache(maxsize=_NOTES_MAX)
def _on(words: str, changed: bool) -> str:
    """The "on “…”" of a passage found, remembered: the same words on every page view until the essay changes."""
    return f"on {quote(words)}" + (f" ({CHANGED_NOTE})" if changed else "")


def _remember(memo: OrderedDict, key, value, most: int):
    memo[key] = value
    if len(memo) > most:
        memo.popitem(last=False)
    return value


def _page_of(markup: str) -> PageText:
    """The text of a body's markup, remembered: the page is marked anew after every new comment, on the
    same markup, and its text remembers where each passage marked before sits in it."""
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
    return _context_outside_spoilers(passages.page, anchor, place(passages.page, anchor))


def _context_outside_spoilers(page: PageText, anchor: Anchor, where: Placement) -> Anchor:
    """``anchor`` with its prefix and suffix cut where a spoiler's words begin: the context is stored and given
    out with the comment (``GET /api/comments``) though the passage itself is outside the spoiler."""
    if not where.found:
        return anchor
    prefix, suffix = anchor.prefix, anchor.suffix
    before = page.spoiler_ranges(max(0, where.start - len(prefix)), where.start)
    if before:
        prefix = page.text[before[-1][1]:where.start]
    after = page.spoiler_ranges(where.end, where.end + len(suffix))
    if after:
        suffix = page.text[where.end:after[0][0]]
    return anchor if (prefix, suffix) == (anchor.prefix, anchor.suffix) else replace(anchor, prefix=prefix, suffix=suffix)


def paragraph_form_href(api: str, slug: str, return_url: str = "") -> str:
    """``href`` for :meth:`Passages.body` on a static page: the form of the comment API at ``api`` (ending in
    "/") on the paragraph ``{id}``, which posts there and comes back to ``return_url``; escaped for an attribute."""
    query = urlencode({"essay": slug, **({"return": return_url} if return_url else {})})
    escaped = html.escape(f"{api}{PARAGRAPH_FORM_ROUTE}?{query}", quote=True).replace("{", "{{").replace("}", "}}")
    return escaped + "&amp;on={id}#ek-cf"


def _note(comment: Comment, changed: bool) -> str:
    """One comment's margin note, remembered as the thread's items are: a stored comment's words never
    change, so a page view renders no Markdown and sanitises no name for the notes it showed before.
    The key holds everything the markup depends on."""
    key = (comment.id, comment.author, comment.body, changed)
    note = _NOTES.get(key)
    if note is None:
        state = f' <span class="ek-anchor-note__state">{CHANGED_NOTE}</span>' if changed else ""
        author = sanitize_html(html.escape(comment.author), profile="comment")
        note = _NOTES[key] = (
            f'<li class="ek-anchor-note" id="ek-am-{comment.id}"><bdi class="ek-anchor-note__author">'
            f'{author}</bdi>{state}<div class="ek-anchor-note__body">{comment.body_html}</div>'
            f'<a class="ek-anchor-note__thread" href="#ek-c-{comment.id}">In the thread</a></li>')
        if len(_NOTES) > _NOTES_MAX:
            _NOTES.popitem(last=False)
    return note


def placed_anchor(essay, value: object) -> Anchor | None:
    """A reader's anchor checked, and marked when its passage is in a spoiler of ``essay`` now (so the words
    stay unsaid if the author's edits later leave it an orphan); its context keeps no spoiler's words."""
    anchor = clean_anchor(value)
    if anchor is None:
        return None
    page = essay_text(essay)
    where = place(page, anchor)
    return replace(_context_outside_spoilers(page, anchor, where), spoiler=where.in_spoiler)


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
    """Where each of ``comments`` that has an anchor points in ``essay`` now."""
    page = essay_text(essay)
    return Passages(page, [(c, place(page, c.anchor)) for c in comments if c.anchor is not None])
