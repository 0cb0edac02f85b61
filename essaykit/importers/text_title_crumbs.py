"""A headline the copy glued to its breadcrumb: "Home News Ökumene trifft Diplomatie: …" over the headline alone.

A theme's breadcrumb ("Home › News › Post") loses its arrows when they are drawn by CSS, and its links then run
together with the post's title on one line. The same title stands alone a few lines under it, over the article: that
line is the headline, the glued one is the breadcrumb's.
"""

from __future__ import annotations

import re

CRUMB_WITHIN = 8  # filled lines under the glued line that the headline alone stands in at most
CRUMB_WORDS = 4  # a breadcrumb's sections before the headline: this many words at most
HEADLINE_CHARS = 20  # the headline alone has this many characters at least (a menu's entry is shorter)
_NOT_CRUMB_END = (":", "-", "–", "—", "?", "!", ".")  # "Kicker: Headline" is one headline with its kicker


def glued_crumb(lines: list[str], at: int) -> int | None:
    """The line a few lines under line ``at`` that ``at`` ends with, less a breadcrumb's few words; or None."""
    text = " ".join(lines[at].split())
    filled = [i for i in range(at + 1, len(lines)) if lines[i].strip()][:CRUMB_WITHIN]
    for i in filled:
        alone = " ".join(lines[i].split())
        if len(alone) < HEADLINE_CHARS or alone == text or not text.endswith(alone):
            continue
        crumb = text[:-len(alone)].strip()
        if crumb and len(crumb.split()) <= CRUMB_WORDS and not crumb.endswith(_NOT_CRUMB_END) \
                and any(ch.isalpha() for ch in crumb):
            return i
    return None


# A breadcrumb's prompt in the languages read: the line under it is the trail ("hessenschau.de Kultur Buchmesse …").
_HERE_WORDS = (r"(?:sie sind hier|sie befinden sich hier|you are here|vous êtes ici|usted está aquí|está aqui|sei qui"
               r"|u bent hier|jesteś tutaj|du är här)")
HERE = re.compile(rf"^{_HERE_WORDS}\s*:?$", re.I)
# The prompt with the trail on its own line ("Sie sind hier: Aktuelles Presse NAME"): the trail, never a headline.
_HERE_GLUED = re.compile(rf"^{_HERE_WORDS}\s*:\s*\S", re.I)
# A trail whose arrows the copy kept without spaces ("Business News›Tech›Hardware"); not French or German quotation
# marks ("»Post«"), which come in pairs.
_ARROW = re.compile(r"[^\W\d_][›>][^\W\d_]")  # spaced arrows are read as the trail's in text_title (_CRUMB)


def trail(text: str, above: str = "") -> bool:
    """A breadcrumb's trail: two arrows or more between its sections, the line under "Sie sind hier:", or one
    starting with it."""
    return bool(HERE.match(above.strip()) or _HERE_GLUED.match(text.strip())) or len(_ARROW.findall(text)) >= 2 and "‹" not in text


def section_link(lines: list[str]) -> bool:
    """One of ``lines`` is a breadcrumb's link to the page's section ("Home Gadgets >", "Sport ›"): a line over it is
    the site's (a menu's entry), not the headline of the date under it."""
    return any(len(line.split()) > 1 and line.rstrip().endswith((" >", " ›")) for line in lines)
