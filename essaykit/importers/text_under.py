"""A comment section's sign in a copy's head, with the article's body under it: the head's, not the article's end.

News and magazine pages print, between the headline and the article's body, lines that elsewhere end an article:

- the byline in a comment header's shape ("NAME am DATE um TIME", "NAME | DATE", a name over a date line), with the
  share buttons under the first paragraph taken for a comment's button row;
- the comment count or a "Comments" link in the byline's row ("44 Kommentare", "Comentarios", "Kommentare 0");
- Blogger's "Posted by NAME on DATE" over the post, a reading time ("5 min read"), a share row, a copyright line.

Read as the article's end, the whole article would become the first comment, or be lost. What tells them apart is what
follows: a comment section goes on with a comment's marks (a header, a date line, a reply row, "NAME says:") within a
paragraph or two; an article goes on with paragraph after paragraph of prose, its subheadings and photo captions, and
none of those marks. Only a sign in the head is asked about (the article so far is a dek or a lede at most): under a
post's body, a comment section after a long first comment stays the comment section.

The other way round, a short line between the byline and the article's first prose, which the head drops as one of
its buttons, is the article's when it leads into that prose (:func:`leads_in`).
"""

from __future__ import annotations

from . import leftovers as lo
from .names import clean_name
from .signatures import signature_line
from .text_byline import bare_name
from .text_buttons import reply_row
from .text_labels import chrome_line
from .text_headers import comments_start, header
from .text_patterns import FORM_START, RELATED_START, SIDEBAR
from .text_head import SENTENCE as SENTENCE_END
from .text_title import RELATED

HEAD_PROSE = 100  # words of prose above the sign, at most: a dek, a lede, a caption; more is the article's body
BODY_PARAGRAPHS = 3  # long paragraphs of prose under it, before any comment's mark, make it the article's body
LONG_WORDS = 20  # …each of at least this many words, ending as a sentence
BODY_LOOK = 40  # lines looked at under the sign
RUN_ON_WORDS = 5  # a short line over a line of more words than this, starting in lower case, is its sentence's start


def comment_mark(lines: list[str], j: int) -> bool:
    """Line ``j`` is one a comment section shows and an article's body does not (a header, a bare date, a reply row,
    "NAME says:", a pingback, a comments heading, the comment form), or the heading of what comes after an article
    (related posts, the sidebar)."""
    text = lines[j].strip()
    return bool(reply_row(text) or RELATED_START.match(text) or RELATED.match(text) or SIDEBAR.match(text)
                or lo.says_header(text) or lo.pingback(text) or comments_start(text)
                or FORM_START.match(text) or lo.action_line(text) or lo.date_line(text) or (len(text) <= 140 and header(lines, j) is not None))


def _long_prose(text: str) -> bool:
    """A paragraph of the article: long, ending as a sentence (a teaser's excerpt cut with "…" does not)."""
    return len(text.split()) >= LONG_WORDS and text.rstrip("\"'”»“«)").endswith((".", "!", "?", ":"))


def body_under(lines: list[str], i: int) -> bool:
    """Whether the lines under line ``i`` (a comment section's sign in the copy's head) are the article's body:
    BODY_PARAGRAPHS long paragraphs of prose before any comment's mark."""
    found = header(lines, i) if len(lines[i].strip()) <= 140 else None
    start = found[2] if found is not None else i  # a byline over its date line: read from under the date
    paragraphs = 0
    for j in range(start + 1, min(len(lines), start + BODY_LOOK)):
        text = lines[j].strip()
        if not text or text.isdigit():
            continue  # a count under "44 Comments", a share button's
        if comment_mark(lines, j) or signature_line(text, alone_ok=False) is not None:
            return False  # a comment's header or its signature ("— Ana", "Cheers, Paulo")
        if _long_prose(text):
            paragraphs += 1
            if paragraphs >= BODY_PARAGRAPHS:
                return True
    return False


def head_sign(reader, i: int) -> bool:
    """Whether line ``i``, where the article would end, is a line of its head over the article's body: a byline in a
    comment header's shape, the comment count, "Posted by NAME", a reading time, a share row. If so its lines are
    labelled as the head's (a byline's name and date are the post's when the head gave none). The comment form and
    a related posts' heading are always the end."""
    lines = reader.lines
    text = lines[i].strip()
    if FORM_START.match(text) or RELATED_START.match(text) or RELATED.match(text) or not body_under(lines, i):
        return False  # the comment form, a related posts' heading over teasers: the end
    last = i
    if reader.tail_metadata(i, text):
        pass  # "Posted by NAME on DATE", "Tags: …" over the article
    elif comments_start(text) or lo.comment_count(text):
        reader.label(i, "metadata (comment count under the headline)")
    elif (found := header(lines, i) if len(text) <= 140 else None) is not None:
        name, when, last = found
        if not reader.author and not reader._take_author(bare_name(clean_name(name)), i, "author (byline)"):
            reader.label(i, "metadata (byline)")
        if when and not reader.date:
            reader.set_date(when, last)
        for j in range(i, last + 1):
            reader.label(j, "date" if j == last else "metadata (byline)")
    # (a reading time or a share row is dropped as boilerplate where it stands)
    for j in range(last + 1, min(len(lines), last + BODY_LOOK)):
        if _long_prose(lines[j].strip()):
            break  # the article's body
        if lines[j].strip() and j not in reader.labels:
            reader.read_meta(j, after_title=True)  # the rest of the head: "Publié le 13 mars 2017", "Von NAME"
    return True


def leads_in(lines: list[str], i: int, first: int) -> bool:
    """Short line ``i`` between the byline and the article's first prose at ``first`` is the article's, not a button:
    it introduces that prose ("Leitsätze des Gerichts:", "Key points:", a letter's "Liebe Leserin," right over it) or
    its sentence runs on into the next line ("Der Wettbewerb für Kinder" over "findet zum sechsten Mal statt")."""
    text = lines[i].strip()
    if lo.weak_boilerplate(text) or lo.strong_boilerplate(text) or chrome_line(text):
        return False
    if text.endswith((":", ",")) and next((j for j in range(i + 1, first + 1) if lines[j].strip()), None) == first:
        return True
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    # (a name over "vor 3 Stunden" is a byline's: the sentence run on into is a long one)
    return len(nxt.split()) > RUN_ON_WORDS and nxt[0].islower() and text[-1].isalnum()


BOX_LINES = 6  # a box inside the article's body (a newsletter's sign-up, a related link) has at most this many lines


def box_inside(reader, i: int) -> bool:
    """Whether line ``i``, where the article would end, opens a box inside the article's body: a newsletter's sign-up
    ("Join Our Newsletter", its pitch, "I'm in"), a related link or a share row, at most BOX_LINES lines, then
    BODY_PARAGRAPHS long paragraphs of prose in a row. If so the box's lines are dropped and the article goes on. A
    comment section's sign, a date or a byline in the box or among the paragraphs (a comment's header, the next
    article of an endless page) says it is the end."""
    lines = reader.lines
    text = lines[i].strip()
    if not (lo.newsletter_box(text) or RELATED_START.match(text) or RELATED.match(text) or lo.strong_boilerplate(text)):
        return False
    if comments_start(text) or FORM_START.match(text) or lo.says_header(text) or lo.pingback(text):
        return False
    box: list[int] = []
    paragraphs = 0
    for j in range(i, len(lines)):
        text = lines[j].strip()
        if not text:
            continue
        if j > i and (comment_mark(lines, j) or reader.dated(text) is not None or FORM_START.match(text)):
            return False
        if _long_prose(text):
            paragraphs += 1
            if paragraphs >= BODY_PARAGRAPHS:
                break
        elif paragraphs or len(box) >= BOX_LINES:
            return False  # the paragraphs in a row, right under a short box
        else:
            box.append(j)
    else:
        return False
    for j in box:
        reader.drop(j, "boilerplate (a box inside the article)")
    return True


def resumes(near: list[str]) -> bool:
    """Whether the article goes on in ``near``, the lines (blank ones left out) under a related posts' heading: a long
    paragraph of prose there, unless it is a teaser's excerpt: right under its date ("- Nov. 8", "3. März 2020"), or
    one of several that each stand under one to three short lines (a headline, an author) while none stands right
    under another, as a box of teasers prints them."""
    longs = [k for k, text in enumerate(near) if len(text.split()) >= LONG_WORDS and SENTENCE_END.search(text)
             and not (k and lo.date_line(near[k - 1]))]
    steps = [b - a for a, b in zip([-1, *longs], longs)]  # lines from one long paragraph (or the heading) to the next
    return bool(longs) and not (len(longs) >= 2 and all(2 <= step <= 4 for step in steps))
