"""A comment header with its reply link at the end of the same line.

Many themes print the reply link beside the commenter's name and the comment's date, and a text copy joins them on
one line: "Ben Okafor 19. Juni 2018 um 15:28 Uhr - Antworten", "Lea Brandt, Do 9 Apr 2020 / 08:34 Antworten",
"February 20, 2019 at 3:42 pm | Reply" (under the name), "écrit par Zoé le 3 mars 2021, 10:12 [ répondre ]". The link
is the one button that proves a reader's comment; what stands before it is read as the header it is, with no link.
A count of replies ("2 Antworten", "49 Themen Antworten") has no date before its link and is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .furniture import LATIN_REPLY

# The reply link's words in the languages whose themes were seen printing it on the header's line. Not the CJK ones:
# there the link ends the blog owner's answer inside a reader's comment ("NAME 於 DATE 回覆"), a footer, not a header.
REPLY_WORDS = LATIN_REPLY + r"|responda"
# The link, after a separator or in brackets, at the line's end; what is before it ends as a date or a time does.
_TAIL = re.compile(rf"^(?P<head>.*?(?:\d|\b[ap]\.?m\.?|\buhr|\bh))\W*?\s*(?:[-–—|·/]\s*)?[\[(]?\s*(?:{REPLY_WORDS})\s*[\])]?\s*$",
                   re.I)
# A date's year or its time in what is before the link: a count of replies has neither.
_DATED = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[:h.]\d\d\b", re.I)
# "NAME, DATE" with the link after it: a comma parts the name from the date only on such a line (a dateline in the
# article, "Berlin, 9. April 2020", has the same shape and no reply link).
_LINK_WORD = re.compile(r"^(?:on|at|am|um|le|el|em|il|op|dnia|den|à)$", re.I)  # "NAME am DATE": the date's little word
_ENDS_DATED = re.compile(r"(?:\d|\b[ap]\.?m\.?|\buhr)$", re.I)  # a header's line ends with its date or time
TITLE_WORDS = 8  # a comment's own title over its header is short
NAME_COMMA_DATE = re.compile(r"^(?P<name>[^,]{1,60}),\s+(?P<date>\S.{5,59})$")


@lru_cache(maxsize=4096)
def reply_tail(line: str) -> tuple[str, bool]:
    """(the line without its reply link, True) for a header's line that ends with one, else (the line, False)."""
    text = line.strip()
    found = _TAIL.match(text)
    if found is None or not _DATED.search(found.group("head")):
        return line, False
    return found.group("head").rstrip(" ,;-–—|·/"), True


def name_before_date(head: str, read_date) -> tuple[str, str] | None:
    """(what stands before the date, the date) of a reply-linked line the header shapes did not read (a pingback's long
    page title, "Ana denkt 3. Mai 2020"): the longest date the line ends with, read by ``read_date``. The comment it
    opens stands apart from the one above it; the comment reader holds it when that is no name."""
    words = head.split()
    for k in range(1, len(words)):
        if not _LINK_WORD.match(words[k]) and (when := read_date(" ".join(words[k:]))) is not None:
            return " ".join(words[:k - bool(_LINK_WORD.match(words[k - 1]))]).strip(" -–—|·,:"), when
    return None


def title_over(lines: list[str], i: int) -> bool:
    """Whether line ``i - 1``, right over a reply-linked header at ``i`` with no blank line between, is the comment's
    own title ("Ein Einwand" over "geschrieben von NAME am DATE [ antworten ]"): it goes with the comment under it,
    never at the end of the one above."""
    above = lines[i - 1].strip() if i else ""
    return (reply_tail(lines[i])[1] and 0 < len(above.split()) <= TITLE_WORDS and not above.endswith((".", "!", ":"))
            and not _DATED.search(above))


def footer_over_header(lines: list[str], i: int) -> bool:
    """Whether the reply-linked line ``i`` has, as the next line with words, another short dated line ("#2 Ana 於
    2013/12/28 10:42"): then it signs the text above it (a blog's owner answering inside a comment), and heads none."""
    nxt = next((x.strip() for x in lines[i + 1:i + 4] if x.strip()), "")
    return len(nxt.split()) <= TITLE_WORDS + 2 and bool(_DATED.search(nxt)) and bool(_ENDS_DATED.search(nxt))

