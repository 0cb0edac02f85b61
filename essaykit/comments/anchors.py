"""Where a comment's anchor points in the essay as it is now: re-anchoring at render time.

The author edits the essay after readers commented on its passages, so every render finds each anchor
again in the current text (:class:`essaykit.html.passages.PageText`), the way Hypothesis does:

* the exact quote, where its prefix and suffix (and then its old position and paragraph) fit best:
  ``"same"`` when the context still matches, ``"moved"`` when the quote is found with other words
  around it (the sentence moved, the paragraph before it changed) — and with the quote twice in the
  essay, the context decides which;
* else the quote found by fuzzy matching (diff-match-patch's ``match_main``, a bitap search that
  allows errors and weighs distance from where the passage was), accepted when at most
  :data:`MAX_CHANGE` of it differs: ``"changed"``, shown with "the passage has changed";
* else ``"orphan"``: listed under the thread with its old quote.

diff-match-patch (Google's library, the one Hypothesis's client uses) does the fuzzy part: a bitap
matcher with a distance penalty and a Levenshtein distance is well-tested work not worth redoing.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from operator import attrgetter

from diff_match_patch import diff_match_patch

from ..html.passages import PageText
from ..limits import MAX_ANCHOR_CHARS, MAX_ANCHOR_CONTEXT_CHARS
from .anchor import Anchor

#: The largest share of a quote that may differ for the changed passage to count as the same one.
MAX_CHANGE = 0.35
_BITS = 32  # diff-match-patch's Match_MaxBits: the longest pattern match_main takes
_NEAR = 2000  # characters on each side of where a changed quote was, searched first
_MAX_OCCURRENCES = 200  # a hostile short quote ("e") must not cost a scan per occurrence beyond this
SAME, MOVED, CHANGED, ORPHAN = "same", "moved", "changed", "orphan"
_PLACED: OrderedDict = OrderedDict()  # (page fingerprint, what places an anchor) -> Placement
_WHAT_PLACES = attrgetter("exact", "prefix", "suffix", "start", "end", "block")
_PLACED_MAX = 20_000


@dataclass(frozen=True)
class Placement:
    """Where an anchor points now: ``state`` (same, moved, changed, orphan), the range in the page's
    text, the paragraph it starts in ("" when not in a paragraph), whether it touches a spoiler, and the
    words there now."""

    state: str
    start: int = 0
    end: int = 0
    block: str = ""
    in_spoiler: bool = False
    now: str = ""

    @property
    def found(self) -> bool:
        return self.state != ORPHAN

    def record(self) -> dict:
        """What the API says of it (the words only when no spoiler holds them)."""
        if not self.found:
            return {"state": ORPHAN}
        where = {"state": self.state, "start": self.start, "end": self.end, "block": self.block,
                 "in_spoiler": self.in_spoiler}
        if not self.in_spoiler:
            where["exact"] = self.now
        return where


def _common_tail(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _expected(page: PageText, anchor: Anchor) -> int | None:
    para = page.paragraph(anchor.block) if anchor.block else None
    if para is not None:
        return para.start
    if anchor.start is not None and anchor.start < len(page.text):
        return anchor.start
    return None


def _exact(page: PageText, anchor: Anchor, hint: int | None) -> tuple[int, bool] | None:
    """The best occurrence of the exact quote and whether its context still matches."""
    text, best, best_score, at = page.text, None, None, 0
    for _ in range(_MAX_OCCURRENCES):
        at = text.find(anchor.exact, at)
        if at < 0:
            break
        before = text[max(0, at - len(anchor.prefix)):at]
        end = at + len(anchor.exact)
        after = text[end:end + len(anchor.suffix)]
        context = _common_tail(before, anchor.prefix) + _common_head(after, anchor.suffix)
        full = context == len(anchor.prefix) + len(anchor.suffix)
        score = (context, -abs(at - hint) if hint is not None else 0)
        if best_score is None or score > best_score:
            best, best_score = (at, full), score
        at += 1
    return best


def _by_context(text: str, anchor: Anchor) -> int | None:
    """Where the quote's unchanged context says it starts: its prefix followed, about a quote's length
    later, by its suffix; else the one place its prefix (or suffix) is. A hint found by ``str.find`` keeps
    bitap to the words around it instead of the whole essay, and the context tells two equally close
    matches apart."""
    prefix, suffix, size = anchor.prefix, anchor.suffix, len(anchor.exact)
    slack = int(MAX_CHANGE * size) + 1
    starts = _occurrences(text, prefix) if prefix.strip() else []
    for at in starts:
        after = at + len(prefix)
        if suffix.strip() and text.find(suffix, after + size - slack, after + size + slack + len(suffix)) >= 0:
            return after
    if len(starts) == 1:
        return starts[0] + len(prefix)
    ends = _occurrences(text, suffix) if suffix.strip() else []
    return max(0, ends[0] - size) if len(ends) == 1 else None


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0 and len(found) < _MAX_OCCURRENCES:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _fuzzy(page: PageText, anchor: Anchor, hint: int | None) -> tuple[int, int] | None:
    if hint is None:  # first near where the context says, then (as without it) the whole essay
        guess = _by_context(page.text, anchor)
        found = None if guess is None else _bitap(page, anchor, guess, near_only=True)
        if found is not None:
            return found
    return _bitap(page, anchor, hint)


def _bitap(page: PageText, anchor: Anchor, hint: int | None, *, near_only: bool = False) -> tuple[int, int] | None:
    matcher = diff_match_patch()
    matcher.Match_Threshold = 0.4
    # Without a hint, where the quote was says nothing: only the errors count.
    matcher.Match_Distance = 1000 if hint is not None else 10**9
    text, exact = page.text, anchor.exact
    head = exact[:_BITS]
    # Near where it was first: bitap costs time in the length searched.
    lo = 0 if hint is None else max(0, hint - _NEAR)
    near = text if hint is None else text[lo:hint + len(exact) + _NEAR]
    start = matcher.match_main(near, head, (hint or 0) - lo)
    if start < 0 and hint is not None and not near_only:
        lo, matcher.Match_Distance = 0, 10**9
        start = matcher.match_main(text, head, hint)
    if start < 0:
        return None
    start += lo
    end = start + len(exact)
    if len(exact) > _BITS:
        tail = exact[-_BITS:]
        matcher.Match_Distance = max(64, len(exact))
        found = matcher.match_main(text, tail, max(0, end - len(tail)))
        if found > start:
            end = found + len(tail)
    start, end = _snap(text, anchor, start, min(end, len(text)))
    diffs = matcher.diff_main(exact, text[start:end], False)
    if matcher.diff_levenshtein(diffs) > MAX_CHANGE * len(exact):
        return None
    return start, end


def _snap(text: str, anchor: Anchor, start: int, end: int, slack: int = 12) -> tuple[int, int]:
    """A fuzzy match's ends moved to where the context, when it is still there, says the quote begins and ends."""
    head, tail = anchor.prefix[-16:], anchor.suffix[:16]
    if head.strip():
        at = text.rfind(head, max(0, start - len(head) - slack), start + slack + len(head))
        if at >= 0 and at + len(head) < end:
            start = at + len(head)
    if tail.strip():
        at = text.find(tail, max(start, end - slack), end + slack + len(tail))
        if at >= 0:
            end = at
    return start, end


def _in_its_paragraph(page: PageText, anchor: Anchor) -> int | None:
    """Where the quote is with all its context in the paragraph it was made on: the common case, found
    without reading the rest of the essay."""
    para = page.paragraph(anchor.block) if anchor.block else None
    if para is None:
        return None
    lo = max(0, para.start - len(anchor.prefix))
    at = page.text.find(anchor.prefix + anchor.exact + anchor.suffix, lo, para.end + len(anchor.suffix) + 1)
    return None if at < 0 else at + len(anchor.prefix)


def place(page: PageText, anchor: Anchor) -> Placement:
    """Where ``anchor`` points in ``page`` now, remembered for pages with the same text, paragraphs and
    spoilers (:attr:`.PageText.fingerprint`): every render of an unchanged essay finds its passages
    again without a search, and an edit, which changes the fingerprint, finds them anew."""
    key = (page.fingerprint, _WHAT_PLACES(anchor))  # fields, not the dataclass: hashed and compared in C
    found = _PLACED.get(key)
    if found is None:
        found = _PLACED[key] = _place(page, anchor)
        if len(_PLACED) > _PLACED_MAX:
            _PLACED.popitem(last=False)
    return found


def _place(page: PageText, anchor: Anchor) -> Placement:
    start = _in_its_paragraph(page, anchor)
    if start is not None:
        end = start + len(anchor.exact)
        return Placement(SAME, start, end, anchor.block, page.in_spoiler(start, end), anchor.exact)
    hint = _expected(page, anchor)
    exact = _exact(page, anchor, hint)
    if exact is not None:
        start, full = exact
        end = start + len(anchor.exact)
        state = SAME if full else MOVED
    else:
        found = _fuzzy(page, anchor, hint)
        if found is None:
            return Placement(ORPHAN)
        (start, end), state = found, CHANGED
    para = page.paragraph_at(start)
    return Placement(state, start, end, para.id if para else "", page.in_spoiler(start, end), page.text[start:end])


def anchor_for(page: PageText, start: int, end: int) -> Anchor:
    """The anchor a reader makes by choosing ``text[start:end]`` (a paragraph, for the no-JavaScript
    link), cut to the quote's limit."""
    end = min(end, start + MAX_ANCHOR_CHARS)
    para = page.paragraph_at(start)
    return Anchor(exact=page.text[start:end].strip(), prefix=page.text[max(0, start - 32):start],
                  suffix=page.text[end:end + 32][:MAX_ANCHOR_CONTEXT_CHARS], start=start, end=end,
                  block=para.id if para else "")


def context_outside_spoilers(page: PageText, anchor: Anchor, where: Placement) -> Anchor:
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
