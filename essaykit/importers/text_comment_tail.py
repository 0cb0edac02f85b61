"""A comment's share preview, printed under its text by some threads and read into it by a text copy.

Such a thread shows, between a comment's text and its buttons, what a share of the comment would post: the
commenter's handle and the text's first words ("ana_lima: We went there years ago and the"), then the comment's own
address. It restates the comment and is none of its text, so it goes; a line that only looks so stays.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"https?://\S+")
_HANDLE_SAYS = re.compile(r"^(?P<handle>\S{2,40}):\s+(?P<start>.+)$")
_MIN_WORDS = 4  # a restated start this long is recognised in the text's opening; a shorter one must be the whole text


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.replace("\xad", "")).casefold().split())


def without_share_preview(lines: list[str]) -> list[str]:
    """``lines`` (a comment's) less a closing "HANDLE: its first words" over a link, when the words are its text's."""
    said = [k for k, line in enumerate(lines) if line.strip()]
    if len(said) < 3 or not _LINK.fullmatch(lines[said[-1]].strip()):
        return lines
    found = _HANDLE_SAYS.match(lines[said[-2]].strip())
    start, text = _words(found.group("start")) if found else "", _words(" ".join(lines[:said[-2]]))
    tail = " ".join(start.split()[-_MIN_WORDS:])
    if not start or not (start == text or len(start.split()) >= _MIN_WORDS and tail in text[:600]):
        return lines
    return lines[:said[-2]]
