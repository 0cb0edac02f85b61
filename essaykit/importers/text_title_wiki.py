"""A wiki's page in a text copy: MediaWiki prints its article's heading over its tagline and its jump links.

MediaWiki's skins put, under the page's heading, the wiki's tagline ("From <wiki's name>", its stock message) and
then the links a keyboard reader jumps by ("Jump to navigation Jump to search", older skins "Jump to: navigation,
search"). A copy keeps them as lines of their own: the line over the tagline is the page's title, whatever its shape
(a wiki's page is often named with a word, "Mozilla", or a name).
"""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_labels import chrome_line, link_row

# MediaWiki's stock jump links in the languages read, as the newer and the older skins print them.
JUMP_LINKS = re.compile(
    r"^(?:jump to navigation\s+jump to search|jump to:\s*navigation,\s*search"
    r"|zur navigation springen\s+zur suche springen|wechseln zu:\s*navigation,\s*suche"
    r"|aller à la navigation\s+aller à la recherche|ir a la navegación\s+ir a la búsqueda)$", re.I)
# The tagline under the heading: "From <wiki>" ("Aus <wiki>", "De <wiki>", "Un article de <wiki>").
TAGLINE = re.compile(r"^(?:from|aus|de|un article de)\s+\S.{0,80}$", re.I)
WITHIN = 40  # the jump links stand this many filled lines from the top at most (a skin's menus may come first)
MAX_CHARS = 200


def wiki_heading(lines: list[str]) -> tuple[int, list[int]] | None:
    """(the heading's line, the tagline's and jump links' lines) of a MediaWiki page's copy, or None."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:WITHIN]
    jump = next((n for n, i in enumerate(filled) if JUMP_LINKS.match(" ".join(lines[i].split()))), None)
    if not jump:
        return None
    furniture = [filled[jump]]
    at = jump - 1
    if at > 0 and TAGLINE.match(lines[filled[at]].strip()):
        furniture.insert(0, filled[at])
        at -= 1
    text = lines[filled[at]].strip()
    if not (len(text) <= MAX_CHARS and text[:1].isalnum() and not text.endswith((".", ",", ";", ":"))
            and lo.bullet(text) is None and not chrome_line(text) and not link_row(text) and not JUMP_LINKS.match(text)
            and not TAGLINE.match(text)):
        return None
    return filled[at], furniture
