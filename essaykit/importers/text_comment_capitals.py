"""A commenter's name printed in capitals in a text copy: when the header shows it is a person's.

A line in capitals over a date is as often a section's heading or a teaser's label ("FESTE FEIERN" over "May 4,
2026") as a reader's name, so such a name is held (``text_headers.label_as_name``). Two header shapes show whose
capitals they are:

- the name shares its line with the header's own words: "KORA VESTING says:", "par BRANO le 7 mars 2026": the
  reader typed it so, and a heading stands alone on its line;
- the header's date is printed in capitals too ("ILSE VARGA" over "MARCH 5, 2026 AT 10:12 AM"): the theme sets the
  whole header in capitals (Blogger themes do, with "REPLYDELETE" under the text), and the reply row under the
  comment shows it is one.

A reply row alone under a name in capitals vouches for it only where the heading's count matches the comments found.
"""

from __future__ import annotations

from .text_headers import _in_capitals, says_header
from .text_patterns import _Draft


def _date_in_capitals(when: str) -> bool:
    """"MAY 30, 2019 AT 1:06 PM", "7. MÄRZ 2026": a date whose words are all in capitals (a number alone says nothing)."""
    letters = [ch for ch in when if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def capitals_vouched(lines: list[str], draft: _Draft) -> str:
    """"header" when ``draft``'s header shows that its name in capitals is how the reader or the theme writes it;
    "reply" when only a reply row under its text does (enough where the heading's count matches what was found:
    Blogger's "1 Kommentar:" over "ORLA VESNIK", her text and "AntwortenLöschen"); else ""."""
    if draft.kind != "comment" or draft.author_how != "header" or not _in_capitals(draft.author):
        return ""
    if draft.bylined and not draft.byline:
        return "header"  # "par BRANO le 7 mars 2026 - 15:39." under the comments heading, the name inside the line
    if 0 <= draft.first < len(lines) and (found := says_header(lines, draft.first)) is not None and found[0] == draft.author:
        return "header"
    if draft.replied:
        return "header" if _date_in_capitals(draft.date) else "reply"
    return ""
