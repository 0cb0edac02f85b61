"""A comment's header known by its run: the same shape (a name, then a date) over paragraph after paragraph.

A headline stands once; commenters' headers ("Sabine Schönfelder / 22.04.2020", "Rolf Buckpesch 29.07.2020 //
12:56") repeat one shape down the comment section, each over its own comment. The copy's readers ask this of a line
before they take it for a headline or let a loose separator make it a header.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A name then a date ("Sabine Schönfelder / 22.04.2020", "Rolf Buckpesch 29.07.2020 // 12:56"): a header's shape,
# with the name's words set aside and the digits alike, so that every commenter's header has the same one.
_LEADING_NAME = re.compile(r"^[^\W\d]+(?:[\s.'’-]+[^\W\d]+)*(?=\W*\d)")
MAX_HEADER_CHARS = 100  # a longer line is no header's
RUN_WITHIN = 40  # lines under a header in which the same shape is looked for
RUN_HEADERS = 3  # a header whose shape heads this many paragraphs in a row heads a list: comments or teasers


@lru_cache(maxsize=4096)
def _header_shape(line: str) -> str:
    named = _LEADING_NAME.match(line.strip())
    return re.sub(r"\d+", "0", "N" + line.strip()[named.end():]) if named and len(line) <= MAX_HEADER_CHARS else ""


def header_run(lines: list[str], i: int) -> bool:
    """Line ``i`` (a name and a date) is one of a run of lines of its shape, each over its own paragraph: the header
    of a comment (or of a teaser), which no headline has under it."""
    shape = _header_shape(lines[i])
    if not shape:
        return False
    run = [j for j in range(max(0, i - RUN_WITHIN), min(len(lines), i + RUN_WITHIN)) if _header_shape(lines[j]) == shape]
    return len(run) >= RUN_HEADERS and all(any(lines[k].strip() for k in range(a + 1, b)) for a, b in zip(run, run[1:]))
