"""A post's meta row in a text copy: its date, its author and its comment link on one line.

Many blog themes print one row under the headline: the date (often twice, published and updated, which a copy glues
together: "2. Februar 20202. Februar 2020"), the author, then the link to the comments ("4 Kommentare", "Leave a
comment") and perhaps the categories. A copy keeps the row as one line. What stands between the date and the comment
link is the author: a whole name ("Ilse Varga") is taken as sure; one word ("kvarga") is the author's login as often
as not, but could be a category, so it is taken as a guess and reported as one.
"""

from __future__ import annotations

import re

from .furniture import FORM_HEADING
from .names import BY, DONE, LABEL, clean_name, parse_loose_date
from .text_byline import _leading_date, _near, bare_name
from .text_patterns import unglue

# The comment link that ends the row's name part, in the languages read: a count ("4 Kommentare", "No comments",
# "Ein Kommentar") or the invitation, the comment form's heading ("Leave a comment", "Schreibe einen Kommentar").
_COMMENTS = re.compile(
    r"\s(?:(?:\d+|no|one|keine|ein|un|une|uno|um|sin|aucun|nessun)\s+(?:comments?|kommentare?|commentaires?|comentarios?"
    r"|comentários?|comment[oi]|responses?|réponses?|respuestas?|respostas?|risposte)"
    r"|" + FORM_HEADING + r")\b", re.I)
# A login: one word of letters, digits, dots, dashes or underscores, starting with a letter.
_LOGIN = re.compile(r"[^\W\d_][\w.-]{2,29}")
ROW_CHARS = 140  # a longer line is prose, not a theme's row


def row_author(text: str) -> tuple[str, str, bool] | None:
    """(date, author, sure) of a meta row that starts with a date and names its author before the comment link
    ("28. Januar 2015 Ilse Varga 4 Kommentare", "2. Februar 20202. Februar 2020 kvarga Leave a comment"), or None."""
    text = unglue(" ".join(text.split()))
    if len(text) > ROW_CHARS:
        return None
    when = _leading_date(text.split())
    if not when:
        return None
    rest = text[len(when):].strip(" ,·|•–—-")
    if (again := _leading_date(rest.split())) and parse_loose_date(again):  # the updated date after the published one
        rest = rest[len(again):].strip(" ,·|•–—-")
    link = _COMMENTS.search(" " + rest)
    if not link:
        return None
    between = (" " + rest)[:link.start()].strip(" ,·|•–—-")
    if name := bare_name(between):
        return when, name, True
    if _LOGIN.fullmatch(between) and clean_name(between) == between and not parse_loose_date(between):
        return when, between, False
    return None


def row_near(lines: list[str], title_at: int) -> tuple[int, str, str, bool] | None:
    """(line, date, author, sure) of the first meta row around the title (see :func:`row_author`), or None."""
    return next(((i, *found) for i, text in _near(lines, title_at) if (found := row_author(text))), None)


# A byline's label on a line of its own, its name on the next ("Von" / "Ilse Varga", "By :" / "Ilse Varga", "Autor:",
# "Autor*in"): the copy of a label and a name link printed as two blocks.
# "Autor/in", "AUTOR*IN", "Autor:in" (German's forms for both sexes), "Published by" (a theme's author box).
_LABEL_ALONE = re.compile(rf"^(?:(?:{DONE})\s+)?(?:{BY}|{LABEL})(?:[*/:]in(?:nen)?)?\s*:?$", re.I)
# A writer's role, handle or address on the line under their name: "Political Editor", "Periodista Judicial",
# "@ilsevarga", "ivarga@example.org", "Twitter" (the link to their account).
_NETWORK = re.compile(r"^(?:twitter|x|linkedin|instagram|facebook|mastodon|reddit|email|e-mail|whatsapp)$", re.I)
_ROLE_LINE = re.compile(r"^@\w+$|^\S+@[\w.-]+\.\w+$"
                        r"|\b(?:editor|editorin|writer|reporter|correspondent|columnist|journalist|journalistin|redakteur|redakteurin"
                        r"|korrespondent|korrespondentin|journaliste|rédacteur|rédactrice|periodista|corresponsal|redactor|redactora"
                        r"|giornalista|jornalista|repórter|professor|professorin|professeur|profesor|profesora)\b", re.I)
ROLE_CHARS = 80  # a longer line is a bio's sentence, not a role


def _filled(lines: list[str], title_at: int) -> list[tuple[int, str]]:
    return [(i, text) for i, text in _near(lines, title_at) if text]


def label_over_name(lines: list[str], title_at: int) -> tuple[int, str] | None:
    """(line, name) of a byline's label alone on a line around the title with a name on the next line (a blank line
    between), or None."""
    near = _filled(lines, title_at)
    for (i, text), (j, under) in zip(near, near[1:]):
        if _LABEL_ALONE.match(text) and (name := bare_name(under.rstrip(",;"))):
            return j, name
    return None


def name_over_role(lines: list[str], title_at: int) -> tuple[int, str] | None:
    """(line, name) of a line that is a whole name, under the title, over the writer's role, handle or address
    ("Ilse Varga" over "Political Editor" or "@ilsevarga"), or None."""
    near = [(i, text) for i, text in _filled(lines, title_at) if i > title_at] + [(-1, "")]
    for (i, text), (_, under), (_, then) in zip(near, near[1:], near[2:]):
        # the link to the writer's account ("Twitter" alone), not a row of share buttons ("Facebook", "Twitter", …)
        account = _NETWORK.match(under) and not _NETWORK.match(then)
        if (account or len(under) <= ROLE_CHARS and _ROLE_LINE.search(under) and not under.endswith(".")) and (
                name := bare_name(text)):
            return i, name
    return None
