"""A thread that prints each comment's date above its "NAME wrote:" header, read as such.

Blogger and many themes print the date under a comment's text, so a date between two comments is read as the one
above's. Some news sites' blogs print it over the next header instead ("2:15 pm November 11, 2014" / "Ana wrote:").
Line by line the two look the same; the thread's two ends tell them apart: there a date stands right over the first
header too, and the last comment has none under it. Only then are the dates moved down one comment each.
"""

from __future__ import annotations

from .text_headers import date_text
from .text_patterns import _Draft


def _above(lines: list[str], i: int) -> int:
    """The number of the last non-blank line before line ``i`` (-1 when there is none)."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return k


def dates_above(drafts: list[_Draft], lines: list[str], label) -> None:
    """Move the dates of each run of comments whose dates stand over their headers (``label`` marks the first)."""
    taken = {d.date_under for d in drafts if d.date_under >= 0}
    k = 0
    while k < len(drafts):
        run = [drafts[k]]
        while (run[-1].date_under >= 0 and k + len(run) < len(drafts)
               and _above(lines, drafts[k + len(run)].first) == run[-1].date_under):
            run.append(drafts[k + len(run)])
        k += len(run)
        first, last = run[0], run[-1]
        top = _above(lines, first.first)
        if (len(run) < 2 or last.date or top < 0 or top in taken or not date_text(lines[top].strip())
                or any(d.kind != "comment" or d.author_how != "header" for d in run)):
            continue
        dates = [lines[top].strip()] + [d.date for d in run[:-1]]
        for draft, date in zip(run, dates):
            draft.date = date
        label(top, "comment date")
