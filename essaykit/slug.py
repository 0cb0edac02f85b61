"""The one slug rule: what an essay's slug may be, and ``slugify`` to make one from a title."""

from __future__ import annotations

import re

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}\Z")  # \Z, not $: "$" accepts a trailing newline


def slugify(text: str, *, max_chars: int = 80) -> str:
    """A slug for ``text``: lower-case ASCII letters and digits joined by ``-``, at most
    ``max_chars`` long; "" when nothing is left. Other scripts are transliterated
    ("Солёная дорога" → "solenaia-doroga"), so a Cyrillic or CJK title still gets one."""
    # python-slugify costs 15-19 ms to import (-X importtime), and most commands never make a slug.
    from slugify import slugify as transliterate

    slug = transliterate(text, max_length=max_chars, word_boundary=False, separator="-", lowercase=True)
    slug = slug[:max_chars].strip("-")
    return slug if SLUG_RE.match(slug) else ""
