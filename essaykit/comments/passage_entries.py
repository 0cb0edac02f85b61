"""Each comment on a passage as the pages of one essay text show it, remembered between page views.

A page view reads its comments as new objects. :func:`entries_of` finds each anchored one's :class:`Entry`
(where it points, the thread's "on “…”", its margin note) among those remembered for the essay's text, by
its id and the store's revision of it, else by everything the entry depends on (:func:`_keys`), and makes
one anew when any of it changed, in place of the comment's old one. What one text remembers
(:class:`Remembered`) keeps each entry's label by comment id beside it, so a view that shows every
remembered entry as it is (the usual page: the essay's approved comments on passages) hands the thread
that mapping instead of building one of a thousand labels."""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Mapping
from operator import attrgetter

from ..html.passages import PageText
from .anchor import IN_SPOILER
from .anchors import CHANGED, Placement, place
from ..markdown import sanitize_html
from .model import Comment

SPOILER_LABEL = f"on {IN_SPOILER}"
CHANGED_NOTE = "the passage has changed"
ORPHAN_NOTE = "no longer in the essay"
WHOLE = -2  # an Entry's serial when its page is marked whole (no markup's serial: those count from 0)
_ENTRIES_MAX = 20_000  # in all the texts
_BY_TEXT: OrderedDict = OrderedDict()  # an essay text's fingerprint -> its Remembered
_KEY = attrgetter("key")
_ID, _REVISION = attrgetter("id"), attrgetter("revision")
_SAID = attrgetter("said")
#: The store's revisions start at a random number below 2**62 (:func:`essaykit.db.schema.new_revision`) and
#: grow by one per update, so two rows share one by a chance of about one in 2**62 per update: a view whose
#: comments have, place by place, the last view's revisions, all at least this, has the last view's comments
#: as they were, and their ids are not read. A smaller one (a row another program wrote with the column's
#: default 0; a random start below it, one chance in 2**30) has the ids compared too.
RANDOM_FLOOR = 2 ** 32


class Said:
    """A comment's id and label as the thread remembers its item by them: one object per id and label
    (:func:`said`), hashed and compared by identity, so a thread of a thousand comments on passages finds
    its remembered items reading neither the ids nor the labels of a thousand earlier ones (a plain thread
    reads its remembered ids, and nothing else it does not: :meth:`.passages.Labels.in_order`)."""

    __slots__ = ("id", "label")

    def __init__(self, comment_id: str, label: str) -> None:
        self.id, self.label = comment_id, label


_SAIDS: OrderedDict = OrderedDict()  # (id, label) -> its one Said (the oldest made go first past _ENTRIES_MAX)


def said(comment_id: str, label: str) -> Said:
    """The one :class:`Said` of ``comment_id`` with ``label``: entries made anew for the comment with the same
    label (after an edit of the essay) share it, and the thread's item remembered with it. One forgotten
    while an entry holds it only makes the next such one another object (an item rendered again, never a
    wrong one)."""
    found = _SAIDS.get(key := (comment_id, label))
    if found is None:
        found = _SAIDS[key] = Said(comment_id, label)
        if len(_SAIDS) > _ENTRIES_MAX:
            _SAIDS.popitem(last=False)
    return found


def quote(text: str, limit: int = 120) -> str:
    """“text”, cut at ``limit`` characters."""
    return "“" + (text if len(text) <= limit else text[:limit - 1].rstrip() + "…") + "”"


class Entry:
    """One comment on a passage as the pages of one essay text show it: where it points, the thread's "on
    “…”", its margin note, and (remembered for the last markup it was marked in) the pieces of that markup
    its mark and note go into. ``key``: what it was made from (:func:`_keys`)."""

    __slots__ = ("id", "key", "where", "label", "said", "span", "ranges", "note_block", "inline_spoiler", "serial",
                 "piece", "pieces", "_comment", "_note")

    def __init__(self, page: PageText, comment: Comment, where: Placement, key: tuple = ()) -> None:
        self.id, self.key, self.where, self.label = comment.id, key, where, label(comment, where)
        self.said = said(self.id, self.label)
        self.span = (where.start, where.end)
        # A passage touching a spoiler is marked only inside it: its words outside are not what hides it.
        self.ranges = tuple(page.spoiler_ranges(where.start, where.end)) if where.in_spoiler else (self.span,)
        para = page.paragraph(where.block) if where.block else None
        self.inline_spoiler = where.in_spoiler and not (para is not None and page.all_in_spoiler(para.start, para.end))
        self.note_block = where.block if where.found and not self.inline_spoiler else ""
        self._comment, self._note = comment, None
        # ``serial``: the markup last marked (its :attr:`.PageText.serial`); ``piece``: the one piece of it the
        # mark and note go into (else -1) and ``pieces``: all of them. ``serial`` is WHOLE when the passage's
        # paragraph is not the one its start is in (never seen, but then two comments on one passage could
        # disagree on their paragraph and :meth:`.passages.Passages.body` marks the whole page at once, as
        # the group's first says). Three slots, not a tuple: a page view reads two numbers of each entry.
        start = page.paragraph_at(where.start) if where.found else None
        fits = not where.found or where.block == (start.id if start else "")
        self.serial, self.piece, self.pieces = (-1 if fits else WHOLE), -1, ()

    def mark_in(self, page: PageText) -> None:
        """Where in ``page`` (a body's markup) its mark and note go (:attr:`serial`, :attr:`piece`, :attr:`pieces`)."""
        pieces = page.pieces_of(*self.span, self.note_block) if self.where.found else ()
        self.serial, self.piece, self.pieces = page.serial, pieces[0] if len(pieces) == 1 else -1, pieces

    @property
    def note(self) -> str:
        """Made when a page first shows it (an email asks only for the label)."""
        if self._note is None:
            self._note = _note(self._comment, self.where.state == CHANGED)
        return self._note


class Labels(Mapping):
    """Each comment's "on “…”" by its id, as :meth:`.passages.Passages.labels` gives it to the thread (a view
    of ``by_id``, not a copy: a copy would write to every id and label), and for the comments the passages
    were found among (``comments``, a copy of their list) the :class:`Said` of each one's entry in their order
    (``saids``), which a thread of those very comments reads instead of looking each id up (:meth:`in_order`)."""

    __slots__ = ("_by_id", "_comments", "_saids", "get")

    def __init__(self, by_id: dict[str, str], comments: list[Comment] | None = None,
                 saids: list[Said] | None = None) -> None:
        self._by_id, self._comments, self._saids = by_id, comments, saids
        self.get = by_id.get  # the dict's own: the thread looks up a thousand ids with it

    def __getitem__(self, key: str) -> str:
        return self._by_id[key]

    def __iter__(self):
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def in_order(self, comments) -> list | None:
        """For each of ``comments`` its id and label's :class:`Said`, None for one on the whole essay, when they are
        the comments these labels were found for, in the same order (the same objects: the list's comparison
        then reads no comment; equal ones would do, but a list of other objects is not compared field by
        field); else None (then the thread looks each id up)."""
        mine = self._comments
        if mine is None or not isinstance(comments, list) or len(comments) != len(mine) \
                or comments[0] is not mine[0] or comments[-1] is not mine[-1] or comments != mine:
            return None
        if len(self._saids) == len(mine):  # every comment is on a passage
            return self._saids
        saids = iter(self._saids)
        return [next(saids) if c.anchor is not None else None for c in mine]


def label(comment: Comment, where: Placement) -> str:
    """What the thread says ``comment`` (placed at ``where``) is on."""
    if where.in_spoiler or (comment.anchor.spoiler and not where.found):
        return SPOILER_LABEL
    if not where.found:
        return f"on {quote(comment.anchor.exact)} ({ORPHAN_NOTE})"
    return f"on {quote(where.now)}" + (f" ({CHANGED_NOTE})" if where.state == CHANGED else "")


def _note(comment: Comment, changed: bool) -> str:
    """One comment's margin note (remembered with its :class:`Entry`)."""
    state = f' <span class="ek-anchor-note__state">{CHANGED_NOTE}</span>' if changed else ""
    # a Comment's name sanitised once for its note and its thread item; else (an email's) here
    author = comment.name_html if isinstance(comment, Comment) else sanitize_html(html.escape(comment.author),
                                                                                   profile="comment")
    return (f'<li class="ek-anchor-note" id="ek-am-{comment.id}"><bdi class="ek-anchor-note__author">'
            f'{author}</bdi>{state}<div class="ek-anchor-note__body">{comment.body_html}</div>'
            f'<a class="ek-anchor-note__thread" href="#ek-c-{comment.id}">In the thread</a></li>')


class Remembered:
    """The entries of one essay text by what each is made from (:func:`_keys`) and by comment id, one per id,
    their labels by the same ids, and how many times one was replaced or dropped (``changes``): a view made
    when it was ``n`` and holding as many entries as there are ids is shown every one of them, as they are."""

    __slots__ = ("by_key", "entries", "labels", "changes", "last", "saids", "stamps")

    def __init__(self) -> None:
        self.by_key: dict[tuple, Entry] = {}
        self.entries: dict[str, Entry] = {}
        self.labels: dict[str, str] = {}
        self.changes = 0
        #: The last view's entries and the keys (:func:`_keys`) they were made from, equal to the view's own
        #: (each entry made from its key alone, so still true for it: a replaced or dropped one is not wrong,
        #: only forgotten).
        self.last: tuple[list[tuple], list[Entry]] = ([], [])
        #: The :attr:`Entry.said` of each of the last view's entries, in order: a view that keeps those
        #: entries gives the thread their labels without reading a thousand entries.
        self.saids: list[Said] = []
        #: When every comment of the last view had an anchor and a store revision: the first one's id, their
        #: revisions, which a view of the same comments then matches (a list of numbers compared in C, not a
        #: key of each built and compared), and their ids, None when every revision is a random start's
        #: (:data:`RANDOM_FLOOR`): then the same revisions in the same places are the same rows as they were.
        self.stamps: tuple[str, list[int], list[str] | None] | None = None

    def put(self, entry: Entry) -> Entry:
        """``entry`` remembered, in place of the one its comment had (an edit, a moved passage)."""
        old = self.entries.get(entry.id)
        if old is not None:
            self.by_key.pop(old.key, None)
            self.changes += 1
        self.by_key[entry.key] = self.entries[entry.id] = entry
        self.labels[entry.id] = entry.label
        return entry

    def drop_first(self) -> None:
        first = next(iter(self.entries))
        self.by_key.pop(self.entries.pop(first).key, None)
        del self.labels[first]
        self.changes += 1

    def shows_all(self, entries: list[Entry], changes: int) -> bool:
        """Whether ``entries`` (a view's, taken when :attr:`changes` was ``changes``) are all of these, as they
        are: none was replaced or dropped since, and there are as many (ids are a store's: one per comment)."""
        return changes == self.changes and len(entries) == len(self.entries)


def _keys(comments: list[Comment]) -> list[tuple]:
    """What the entry of each comment with an anchor is made from besides the essay's text: for a comment read
    from the store, its id and :attr:`~.model.Comment.revision` (which every update of its row changes, so they
    say its words, name and anchor are as they were: a page view's check that none of a thousand changed reads
    two fields of each, not ten); else its id, what its note shows, and what places and labels it (its anchor:
    every field). The two kinds of key never equal each other."""
    return [(c.id, r) if (r := getattr(c, "revision", None)) is not None else
            (c.id, c.author, c.body, a.exact, a.prefix, a.suffix, a.start, a.end, a.block, a.spoiler)
            for c in comments if (a := c.anchor) is not None]


def entries_of(page: PageText, comments: list[Comment]) -> tuple[list[Entry], Remembered, int, list[Said]]:
    """The entry of each of ``comments`` with an anchor, in their order, what ``page``'s text remembers,
    its :attr:`Remembered.changes` once they are in it, and each entry's :attr:`Entry.said`. For a view that begins with the last one's comments as
    they were (:attr:`Remembered.stamps`, else :attr:`Remembered.last`'s keys), the last entries and one dict
    lookup for each comment after them; else a lookup per comment. Only C loops over a thousand comments: a
    page view reads them as new objects, and a call or a second pass per comment cost more than the rest."""
    remembered = _BY_TEXT.get(page.fingerprint)
    if remembered is None:
        remembered = _BY_TEXT[page.fingerprint] = Remembered()
    last_keys, last = remembered.last
    kept, stamps, matched, revisions = len(last_keys), remembered.stamps, False, None
    if stamps is not None and len(comments) >= kept and getattr(comments[0], "revision", None) == stamps[1][0] \
            and comments[0].id == stamps[0]:  # (a view of other comments, a plain thread's, stops here)
        revisions = _revisions(comments)
        matched = revisions is not None and revisions[:kept] == stamps[1] and (
            stamps[2] is None or list(map(_ID, comments[:kept])) == stamps[2])
    if matched:
        # the last view's comments as they were (each with an anchor and its revision, RANDOM_FLOOR), and any
        # more after them (a page's come oldest first): the last entries, a lookup for the new ones alone. The
        # keys of those after them only (``keys[i - first]``): a list of all would touch a thousand keys.
        keys, first = _keys(comments[kept:]), kept
        found = last + list(map(remembered.by_key.get, keys))
    else:
        keys, first = _keys(comments), 0
        if kept and len(keys) >= kept and keys[:kept] == last_keys:  # the same, by every comment's key
            found = last + list(map(remembered.by_key.get, keys[kept:]))
        else:
            found, kept = list(map(remembered.by_key.get, keys)), 0
    # The last view's ``kept`` entries are all there: only those after them are read (a thousand entries
    # not touched since the last view would be as many reads of memory out of the cache).
    if kept < len(found) and not all(found[kept:]):  # an entry is true, None is not
        # comments[:kept] are, when matched, the last view's, each with an anchor: only the rest
        anchored = [c for c in (comments[kept:] if matched else comments) if c.anchor is not None]
        for i in range(kept, len(found)):
            if found[i] is None:
                comment = anchored[i - first]
                found[i] = remembered.put(Entry(page, comment, place(page, comment.anchor), keys[i - first]))
        _BY_TEXT.move_to_end(page.fingerprint)
        _bound(remembered)
    if found:  # (a view of plain comments does not take the place of the last view with anchors)
        # The keys the entries were made from, not this view's (equal to them): the next view's comparison
        # then reads the strings the thread's remembered items were made from too (the same comments, the
        # first time), not a third copy, and this view's strings are not kept alive till the next. The last
        # view's list grown in place (no one else holds it: a new list would touch a thousand keys); the
        # saids' list is a view's (:class:`Labels`), so a new one, of the last whole (``kept`` is all or none).
        if not kept:
            now = list(map(_KEY, found))
        else:
            now = last_keys
            last_keys += map(_KEY, found[kept:])
        saids = remembered.saids if kept == len(found) else \
            remembered.saids + list(map(_SAID, found[kept:])) if kept else list(map(_SAID, found))
        remembered.last, remembered.saids = (now, found), saids
        remembered.stamps = None
        if len(found) == len(comments):  # every comment has an anchor: and a revision?
            checked = kept if matched else 0  # (those matched by the last stamps have, and were looked at)
            if revisions is None:
                revisions = _revisions(comments)
            if revisions is not None and None not in (new := revisions[checked:]):
                random = (not matched or stamps[2] is None) and min(new, default=RANDOM_FLOOR) >= RANDOM_FLOOR
                remembered.stamps = (comments[0].id, revisions,
                                     None if random else list(map(_ID, comments)))
    else:
        saids = []
    return found, remembered, remembered.changes, saids


def _revisions(comments: list[Comment]) -> list[int | None] | None:
    """Each comment's store revision; None when one is not a :class:`~.model.Comment` and has none (an email's)."""
    try:
        return list(map(_REVISION, comments))
    except AttributeError:
        return None


def _bound(remembered: Remembered) -> None:
    """At most :data:`_ENTRIES_MAX` entries in all: the texts least lately changed go first."""
    while sum(len(r.entries) for r in _BY_TEXT.values()) > _ENTRIES_MAX:
        oldest = next(iter(_BY_TEXT.values()))
        if oldest is remembered:  # this text alone: its first entries
            remembered.drop_first()
        else:
            _BY_TEXT.popitem(last=False)
