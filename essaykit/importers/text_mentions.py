"""A pingback or trackback in a text copy's comment section, kept as a mention (with no URL, an unlinked one).

WordPress prints another blog's link to the post among the comments ("Pingback: Site » Title"); a copy keeps its
words but not always its address. It comes in as a mention with its title and site rather than as a reader's comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import leftovers as lo
from .htmlmd import plain_markdown
from .model import ImportedComment
from .names import local_id, short_hash
from .text_patterns import _Draft


# WordPress's pingback with no "Pingback:" word: the linking page's title as the name, and as the text an excerpt of
# it cut at both ends with "[…]" or "[...]" (escaped in the Markdown as "\\[…\\]" or "&#91;…&#93;").
EXCERPT = re.compile(r"^(?:\\?\[|&#91;)\s*(?:…|\.\.\.)\s*(?:\\?\]|&#93;)")


def excerpt(body: str) -> bool:
    """Whether a comment's Markdown ``body`` opens with the "[…]" of a pingback's excerpt (a reader's text does not)."""
    return bool(EXCERPT.match(body.strip()))


def mention(d: _Draft, n: int, body_lines: list[str], label: Callable[[int, str], None]) -> ImportedComment:
    """Draft ``d`` (the ``n``th of the section, a pingback or trackback) as a mention; ``label`` marks its lines
    for ``--explain``."""
    title, site = lo.mention_parts(d.title)
    extra = [line for line in body_lines[1:] if line]
    text = " ".join([d.title, *extra]).strip() or d.kind.capitalize()
    for number in d.numbers:
        if number >= 0:
            label(number, f"mention {n} ({d.kind})")
    label(d.first, f"mention {n} ({d.kind})")
    return ImportedComment(local_id=local_id(short_hash(d.kind, d.title, d.url, length=12)), parent=None,
                           author=(site or d.title)[:100] or d.url, body=plain_markdown(text[:2000]),
                           created=None, kind=d.kind, source_url=d.url, title=title, site=site)
