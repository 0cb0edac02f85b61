"""Lines of a text copy in a script written without spaces (Chinese, Japanese): a space there parts a menu's items.

A headline in Chinese or Japanese is written without spaces, or with one or two between its phrases; a site's menu
copied as one line is a run of short entries, each of a few characters, with spaces between ("时政 地方 法治 高层",
"デスク  チェア  収納"). Such a line is never the headline.
"""

from __future__ import annotations

from .text_title_meta import _WIDE

ROW_ITEMS = 4  # a menu's row has this many entries at least…
ITEM_CHARS = 6  # …each of this many characters at most


def wide_menu_row(text: str) -> bool:
    """A menu's row of short entries in a script written without spaces, split by spaces."""
    items = text.split()
    return (len(items) >= ROW_ITEMS and all(len(item) <= ITEM_CHARS for item in items)
            and sum(bool(_WIDE.search(item)) for item in items) >= len(items) - 1)
