"""An article's prose over the line a text copy's title was found at.

The head reader drops everything above the title as the site's header. When the line it took for the title stands
below the article's start (a table of contents' entry, a box's heading or a download's name inside the article, a
subheading with a date by it), that drops the article's first paragraphs. They are taken back here when, read upwards
from the title, they are clearly an article's prose: paragraphs of sentences, at least two of them one right under
the other, with at most a few short lines (a subheading, a caption, a photo's credit) between them, and no page
furniture. A site's header above an article is menus and links, not prose; a list of teasers is headlines each over
one paragraph, never two paragraphs in a row, so the reading stops at the second paragraph that stands alone.
"""

from __future__ import annotations

from . import leftovers as lo
from .text_labels import chrome_line, link_row

GAP_LINES = 3  # at most this many short lines between two paragraphs of the article (a subheading, a credit)
MIN_WORDS = 60  # the prose taken back has at least this many words
PROSE_CHARS = 60  # a line of prose is longer than this ...
PROSE_WORDS = 10  # ... with at least this many words, or ends as a sentence
MIN_ENTRIES = 3  # a table of contents lists at least this many of the article's sections
MAX_ENTRIES = 40  # and at most this many
INTRO_WORDS = 30  # one paragraph this long over a table of contents is the article's introduction
HEADING_WORDS = 3  # a table of contents' heading
OPENING_WORDS = 4  # two paragraphs that open with the same words are entries of a list or a log, not an article's
HEADER = "dropped site header before the title"


def _prose(text: str) -> bool:
    return len(text) > PROSE_CHARS and (len(text.split()) >= PROSE_WORDS or text.endswith((".", "!", "?", "…", ":")))


def _furniture(text: str) -> bool:
    return lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or chrome_line(text) or link_row(text)


def prose_start(lines: list[str], labels: dict[int, str], title_at: int, end: int) -> int | None:
    """The first line of the article's prose right over the title at ``title_at``, or None when there is none.

    ``end`` is where the article ends: a short line that the article repeats (title to end) is an entry of its table of
    contents, which stands between its first paragraphs and its sections ("Inhalt", then the sections' names)."""
    listed = {lines[j].strip() for j in range(title_at, end)}
    paras: list[tuple[int, int, bool]] = []  # upwards: (line, words, short lines between it and what is under it)
    gap = entries = 0  # the short lines read since the last paragraph (or the title); of them, the contents' entries
    contents = _entries_from(lines, title_at, end) >= MIN_ENTRIES  # a table of contents crossed, or the title opens one
    openings: set[tuple[str, ...]] = set()
    i = title_at - 1
    while i >= 0:
        text = lines[i].strip()
        heading = (entries >= MIN_ENTRIES or contents and not paras) and len(text.split()) <= HEADING_WORDS
        if text and (labels.get(i, HEADER) != HEADER or _furniture(text) and not heading):
            break  # (a table of contents' own heading, "Inhalt", "Contents", may look like a menu's entry)
        if text and not _prose(text):
            entries += text in listed
            gap += text not in listed
            if gap > GAP_LINES or entries > MAX_ENTRIES:
                break
        elif text:
            opening = tuple(text.lower().split()[:OPENING_WORDS])
            if opening in openings:
                break  # an article does not start two paragraphs alike; a log's warnings, a list's entries do
            openings.add(opening)
            contents = contents or entries >= MIN_ENTRIES
            paras.append((i, len(text.split()), gap + entries > 0))
            gap = entries = 0
        i -= 1
    # gaps[k]: short lines under paragraph k; the last paragraph read has the site's header (or the copy's start) over it
    gaps = [g for _, _, g in paras] + [True]
    for k in range(len(paras) - 1):
        if gaps[k] and gaps[k + 1] and gaps[k + 2]:
            paras = paras[:k]  # two paragraphs alone in a row: a list of teasers, each under its headline
            break
    words = sum(n for _, n, _ in paras)
    if not paras or words < MIN_WORDS and not (contents and words >= INTRO_WORDS):
        return None
    if all(g for _, _, g in paras[1:]) and not (contents and paras[-1][1] >= INTRO_WORDS):
        return None  # no two paragraphs in a row, nor an introduction over a table of contents
    return paras[-1][0]


def _entries_from(lines: list[str], start: int, end: int) -> int:
    """How many short lines from ``start`` on, in a row, the article repeats further down: a table of contents whose
    first entry was taken for the title."""
    count = 0
    for i in range(start, end):
        text = lines[i].strip()
        if not text:
            continue
        if _prose(text) or not any(lines[j].strip() == text for j in range(i + 1, end)):
            break
        count += 1
    return count


def take_back(reader, top: int, title_at: int) -> None:
    """Keep lines ``top`` to the title as the article's: undo the head's dropping them as the site's header."""
    for i in range(top, title_at):
        if reader.labels.get(i) == HEADER:
            del reader.labels[i]
            reader.dropped[HEADER[len("dropped "):]] -= 1
    if not reader.dropped.get(HEADER[len("dropped "):], 1):
        del reader.dropped[HEADER[len("dropped "):]]
    reader.guessed.append(f"lines {top + 1}-{title_at}: prose over the title, kept as the article's start")
