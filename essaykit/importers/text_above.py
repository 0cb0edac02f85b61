"""An article's prose over the line a text copy's title was found at.

The head reader drops everything above the title as the site's header. When the line it took for the title stands
below the article's start (a table of contents' entry, a box's heading or a download's name inside the article, a
subheading with a date by it), that drops the article's first paragraphs. They are taken back here when, read upwards
from the title, they are clearly an article's prose: paragraphs of sentences, at least two of them one right under
the other, with at most a few short lines (a subheading, a caption, a photo's credit) between them, and no page
furniture. A site's header above an article is menus and links, not prose; a list of teasers is headlines each over
one paragraph, never two paragraphs in a row, so the reading stops at the second paragraph that stands alone.

When the title is itself a guess, a run of such prose further up, with furniture between it and the title (a related
posts' box, a share row, a list of questions), is the article's too (:func:`runs_over`): the head found a lower line
(a teaser's headline, a sidebar's heading, a sentence repeated) to call the title, and a site's header is never
paragraph after paragraph of sentences. Only the runs are kept, not the furniture between them; nothing after a
comment section's sign (its heading, the comment form, a comment's header) is read, since comments are no article.
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_headers import comments_start
from .text_labels import chrome_line, link_row
from .text_patterns import FORM_START
from .text_under import comment_mark

GAP_LINES = 3  # at most this many short lines between two paragraphs of the article (a subheading, a credit)
MIN_WORDS = 60  # the prose taken back has at least this many words
PROSE_CHARS = 60  # a line of prose is longer than this ...
PROSE_WORDS = 10  # ... with at least this many words, or ends as a sentence
MIN_ENTRIES = 3  # a table of contents lists at least this many of the article's sections
MAX_ENTRIES = 40  # and at most this many
INTRO_WORDS = 30  # one paragraph this long over a table of contents is the article's introduction
INTRO_SENTENCE_WORDS = 20  # so is one this long that ends as a sentence
HEADING_WORDS = 3  # a table of contents' heading
OPENING_WORDS = 4  # two paragraphs that open with the same words are entries of a list or a log, not an article's
# A consent banner's paragraphs: they name the cookies (the word is the same in most languages the copies are in).
_COOKIES = re.compile(r"\bcookies?\b", re.I)
RUN_WORDS = 80  # a run of prose further up, apart from the title, has at least this many words
HEADER = "dropped site header before the title"
# A numbered step's label over its paragraph ("Step 1", "Krok 2", "Schritt 3:", "Paso 4."): a recipe's or a guide's
# steps, each under its label; counted only with its neighbour ("Step 2" by "Step 1" or "Step 3"), it is no
# teaser's headline, so the paragraphs under such labels are in a row.
STEP = re.compile(r"^(?P<word>[^\W\d_]{2,20})\s+(?P<n>\d{1,2})\s*[.:)]?$")
HEADING_OVER_STEPS = 6  # a line this short right over the first step's label is the steps' heading ("Preparation")


def _prose(text: str) -> bool:
    return len(text) > PROSE_CHARS and (len(text.split()) >= PROSE_WORDS or text.endswith((".", "!", "?", "…", ":")))


def _sentence(text: str) -> bool:
    """The line ends as a sentence does (a headline, a teaser's title, a menu's row does not)."""
    return text.rstrip("\"'”»“«)").endswith((".", "!", "?", "…", ":", "。", "！", "？"))


def steps(lines: list[str], start: int, stop: int) -> set[int]:
    """The lines from ``start`` to ``stop`` that are numbered steps' labels, each with its neighbour in the range."""
    found = {i: (m.group("word").casefold(), int(m.group("n"))) for i in range(start, stop)
             if (m := STEP.match(lines[i].strip()))}
    labels = set(found.values())
    return {i for i, (word, n) in found.items() if (word, n - 1) in labels or (word, n + 1) in labels}


def _lead(lines: list[str], labels: dict[int, str], first: int, stepped: set[int]) -> int:
    """The first line of the prose starting at paragraph ``first``: its step's label over it, and the steps' heading
    over the first label, when there are any."""
    above = [j for j in range(first - 1, -1, -1) if lines[j].strip()][:2]
    if not above or above[0] not in stepped:
        return first
    if len(above) > 1 and labels.get(above[1], HEADER) == HEADER and not _furniture(lines[above[1]].strip()) \
            and len(lines[above[1]].split()) <= HEADING_OVER_STEPS and not _sentence(lines[above[1]].strip()):
        return above[1]
    return above[0]


def _furniture(text: str) -> bool:
    return lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or chrome_line(text) or link_row(text)


def prose_start(lines: list[str], labels: dict[int, str], title_at: int, end: int, guessed: bool = False) -> int | None:
    """The first line of the article's prose right over the title at ``title_at``, or None when there is none.

    ``end`` is where the article ends: a short line that the article repeats (title to end) is an entry of its table of
    contents, which stands between its first paragraphs and its sections ("Inhalt", then the sections' names). When
    the title is a guess (``guessed``), one lead paragraph right over it may be the article's too (:func:`lead_over`)."""
    found = _prose_start(lines, labels, title_at, end)
    return found if found is not None or not guessed else lead_over(lines, labels, title_at)


LEAD_OVER_WORDS = 30  # a lead paragraph right over a guessed title has this many words, ending as a sentence
UNDER_LINES = 3  # and the article's next long paragraph stands within this many lines under the one under the title


def lead_over(lines: list[str], labels: dict[int, str], title_at: int) -> int | None:
    """The lead paragraph right over a guessed title that is the article's first subheading: a paragraph of sentences
    with furniture over it (a newsletter's button, a share row), the title under it, and under the title the article
    going on, paragraph, at most a subheading, paragraph. A teaser's excerpt stands under its own headline, a site's
    tagline is short, a consent banner names its cookies; a list of teasers never has two paragraphs so close."""
    above = [j for j in range(title_at - 1, -1, -1) if lines[j].strip()][:2]
    if len(above) < 2 or any(labels.get(j, HEADER) != HEADER for j in above) or not _furniture(lines[above[1]].strip()):
        return None
    text = lines[above[0]].strip()
    if not (_prose(text) and _sentence(text) and len(text.split()) >= LEAD_OVER_WORDS) or _COOKIES.search(text) \
            or _furniture(text) or comment_mark(lines, above[0]):
        return None
    under = [j for j in range(title_at + 1, len(lines)) if lines[j].strip()][:UNDER_LINES + 1]
    long = [j for j in under if _prose(lines[j].strip()) and _sentence(lines[j].strip())
            and len(lines[j].split()) >= LEAD_OVER_WORDS // 2]
    return above[0] if len(long) >= 2 and long[0] == under[0] else None


def _prose_start(lines: list[str], labels: dict[int, str], title_at: int, end: int) -> int | None:
    listed = {_entry(lines[j]) for j in range(title_at, end)}
    paras: list[tuple[int, int, bool]] = []  # upwards: (line, words, short lines between it and what is under it)
    gap = entries = 0  # the short lines read since the last paragraph (or the title); of them, the contents' entries
    contents = _entries_from(lines, title_at, end) >= MIN_ENTRIES  # a table of contents crossed, or the title opens one
    openings: set[tuple[str, ...]] = set()
    stepped = steps(lines, 0, title_at)
    i = title_at - 1
    while i >= 0:
        text = lines[i].strip()
        heading = (entries >= MIN_ENTRIES or contents and not paras) and len(text.split()) <= HEADING_WORDS
        if text and (labels.get(i, HEADER) != HEADER or _furniture(text) and not heading):
            break  # (a table of contents' own heading, "Inhalt", "Contents", may look like a menu's entry)
        if text and not _prose(text):
            entries += _entry(text) in listed
            gap += _entry(text) not in listed and i not in stepped
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
    intro = contents and bool(paras) and (paras[-1][1] >= INTRO_WORDS or paras[-1][1] >= INTRO_SENTENCE_WORDS
                                          and _sentence(lines[paras[-1][0]].strip()))
    if not paras or words < MIN_WORDS and not (contents and words >= INTRO_WORDS or intro):
        return None
    if all(g for _, _, g in paras[1:]) and not intro:
        return None  # no two paragraphs in a row, nor an introduction over a table of contents
    return _lead(lines, labels, sentences_over(lines, labels, paras[-1][0]), stepped)


# A table of contents' entry numbered by its plugin, the number glued to the section's name ("3.1#1 Steckturm",
# "2.Was ist …", "4. Ergebnisse"): the article's heading has no number.
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}\.?\s*(?=\S)")


def _entry(text: str) -> str:
    """A line as a table of contents' entry: without the number its plugin puts before the section's name."""
    return _NUMBERED.sub("", text.strip(), count=1)


def _entries_from(lines: list[str], start: int, end: int) -> int:
    """How many short lines from ``start`` on, in a row, the article repeats further down: a table of contents whose
    first entry was taken for the title."""
    count = 0
    for i in range(start, end):
        text = lines[i].strip()
        if not text:
            continue
        if _prose(text) or not any(_entry(lines[j]) == _entry(text) for j in range(i + 1, end)):
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


SENTENCE_WORDS = 3  # a short line of this many words, ending with a full stop, is a sentence (a headline has none)
_QUOTED = re.compile(r"^[\"“„«»‘‚'–—]")  # a line of dialogue opens with a quote or a dash ("“Greetings.”")
_STOPS = (".", "!", "?", "。", "！", "？")  # no colon (a box's heading, "Lesen Sie auch:"), no ellipsis ("Mehr …")


def sentences_over(lines: list[str], labels: dict[int, str], first: int) -> int:
    """The first of the short sentences right over the run of prose starting at line ``first`` (blank lines between):
    a story's or a report's opening lines ("When I woke up, there was nothing.", a line of dialogue, a long paragraph
    between them), too short to be read as prose by themselves. A headline, a menu's entry or a button has no full
    stop; the topmost line taken ends as a sentence (a teaser's excerpt under its headline, cut short, does not)."""
    top, i = first, first - 1
    while i >= 0:
        text = lines[i].strip()
        if text:
            if labels.get(i, HEADER) != HEADER or _furniture(text) or _COOKIES.search(text) or comment_mark(lines, i):
                break
            stops = text.rstrip("\"'”»“«) \u202f").endswith(_STOPS)
            if not (stops and (len(text.split()) >= SENTENCE_WORDS or _QUOTED.match(text)) or _prose(text)):
                break
            if stops:
                top = i  # a long line under it with no full stop is taken only with a sentence over it
        i -= 1
    return top


def runs_over(lines: list[str], labels: dict[int, str], title_at: int) -> list[tuple[int, int]]:
    """(first, last) lines of each run of the article's prose that the head dropped over the title at ``title_at``.

    A run is paragraphs of sentences with at most GAP_LINES short lines between each and the next, two of them one
    right under the other (a list of teasers never has that), RUN_WORDS words or more. A run ends at page furniture, at a
    line the head read as something else (a date, a byline) and at a comment's mark; no run is read after a comment
    section's heading or the comment form."""
    runs: list[tuple[int, int]] = []
    run: list[int] = []  # the run's paragraphs
    words = gap = 0
    in_row = cookies = False

    stepped = steps(lines, 0, title_at)

    def close() -> None:
        nonlocal run, words, gap, in_row, cookies
        if len(run) >= 2 and in_row and words >= RUN_WORDS and not cookies:
            runs.append((_lead(lines, labels, sentences_over(lines, labels, run[0]), stepped), run[-1]))
        run, words, gap, in_row, cookies = [], 0, 0, False, False

    for i in range(title_at):
        text = lines[i].strip()
        if not text:
            continue
        if comments_start(text) or FORM_START.match(text) or lo.says_header(text):
            close()
            break  # what follows a comment section's start is comments (or the sidebar), never the article
        if labels.get(i, HEADER) != HEADER or _furniture(text) or (run or _prose(text)) and comment_mark(lines, i):
            close()
        elif _prose(text) and _sentence(text):
            opening = tuple(text.lower().split()[:OPENING_WORDS])
            if any(tuple(lines[j].strip().lower().split()[:OPENING_WORDS]) == opening for j in run):
                close()  # paragraphs that open alike: a log's warnings, a list's entries, a banner printed twice
            in_row = in_row or bool(run) and gap == 0
            run.append(i)
            words += len(text.split())
            cookies = cookies or bool(_COOKIES.search(text))
            gap = 0
        elif run and i not in stepped:
            gap += 1
            if gap > GAP_LINES:
                close()
    close()
    return runs


def take_runs(reader, runs: list[tuple[int, int]], body: int) -> int:
    """Keep the ``runs`` over the title as the article's, the lines between them and the old ``body`` dropped; the
    new first line of the article."""
    top = runs[0][0]
    inside = {i for first, last in runs for i in range(first, last + 1)}
    for i in range(top, body):
        if i in inside and reader.labels.get(i) == HEADER:
            del reader.labels[i]
            reader.dropped[HEADER[len("dropped "):]] -= 1
        elif i not in inside and i not in reader.labels and reader.lines[i].strip():
            reader.drop(i, HEADER[len("dropped "):])
    if not reader.dropped.get(HEADER[len("dropped "):], 1):
        del reader.dropped[HEADER[len("dropped "):]]
    reader.guessed.append("lines " + ", ".join(f"{first + 1}-{last + 1}" for first, last in runs)
                          + ": prose over a title that is a guess, kept as the article's")
    return top


LEAD_WORDS = 20  # a lead paragraph under the post's byline or date, over the line taken for the title, has this many
CAPTION_LINES = 1  # at most this many short lines (a photo's caption) between the lead and that line
META_LABELS = ("date", "author", "author and date")


def lead_under_meta(lines: list[str], labels: dict[int, str], title_at: int, meta: tuple[str, ...]) -> int | None:
    """The first line of the article's lead when it stands between the post's own byline or date line (one that gave
    the post its date or author, ``meta`` their texts) and the line taken for the title: that line is then a
    subheading or a caption inside the article, and the lead is the article's. A teaser over a title has its own
    headline over it, never the post's byline; a cookie notice names its cookies."""
    i, short, lead = title_at - 1, 0, None
    while i >= 0:
        text = lines[i].strip()
        if not text:
            i -= 1
            continue
        if labels.get(i, HEADER) != HEADER:
            break
        if _furniture(text) or _COOKIES.search(text):
            return None
        if _prose(text) and _sentence(text) and len(text.split()) >= LEAD_WORDS:
            lead = i
        elif lead is None and short < CAPTION_LINES:
            short += 1
        else:
            return None
        i -= 1
    if lead is None or i < 0 or labels.get(i) not in META_LABELS:
        return None
    said = " ".join(lines[i].split())
    return lead if any(m and m in said for m in meta) else None
