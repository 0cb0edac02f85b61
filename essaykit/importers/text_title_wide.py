"""A menu's row copied as one line: in a script written without spaces (Chinese, Japanese) a space parts its items.

A headline in Chinese or Japanese is written without spaces, or with one or two between its phrases; a site's menu
copied as one line is a run of short entries, each of a few characters, with spaces between ("时政 地方 法治 高层",
"デスク  チェア  収納"). Such a line is never the headline. In any script, four short entries or more parted by dashes are a menu's row
or a tag list ("Einleitung - Gutachten - Fortbildung - Kontakt", "Kommunikation – Rollenbilder – Sex/BDSM – Reisen").
"""

from __future__ import annotations

import re

from .text_title_meta import _WIDE

ROW_ITEMS = 4  # a menu's row has this many entries at least…
ITEM_CHARS = 6  # …each of this many characters at most


def wide_menu_row(text: str) -> bool:
    """A menu's row of short entries in a script written without spaces, split by spaces."""
    items = text.split()
    return (len(items) >= ROW_ITEMS and all(len(item) <= ITEM_CHARS for item in items)
            and sum(bool(_WIDE.search(item)) for item in items) >= len(items) - 1)


_DASH = re.compile(r"\s+[-–—]\s+")
DASH_ITEMS, DASH_WORDS = 4, 2  # a row parted by dashes has this many entries at least, each this many words at most


def dash_row(text: str) -> bool:
    """Four short entries or more parted by dashes, no number among them (a headline's "2 – 5 Personen" has one): a
    menu's row or a tag list. A headline parts two or three phrases so ("Vanlife in Schweden - Skandinavien")."""
    items = _DASH.split(text.strip())
    return (len(items) >= DASH_ITEMS and all(0 < len(item.split()) <= DASH_WORDS for item in items)
            and not any(ch.isdigit() for ch in text))
