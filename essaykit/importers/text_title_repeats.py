"""What a text copy repeats of its headline besides the headline's own repeats: a breadcrumb or kicker glued to it,
and the headline stated again over its article (the page's header, then the article's own heading). Read by
``text_title``, which scores a line the copy repeats as a headline; a menu printed twice is ``text_title_menus``'."""

from __future__ import annotations

from . import leftovers as lo

# A headline restated over its article stands this many filled lines under its first statement at most.
RESTATED_WITHIN = 6
GLUED_WITHIN, GLUED_CHARS = 8, 20  # a breadcrumb holding the headline stands this near over it; headlines this long
SENTENCE_WORDS = 6  # a line this long under the glued one is a dek or the lede, not a menu's next entry


def glued_repeats(lines: list[str], near: list[int], counts: dict[str, int]) -> None:
    """Count a line again where a line a few lines over it holds it whole: a breadcrumb or a kicker the copy glued to
    the headline ("StartseiteNetzwerkWenn das Netzwerk …", "Lokales Lübeck So lief …") repeats it, when a sentence
    (a dek, the lede) follows the line."""
    keys = [lo.headline_key(lines[i]) for i in near]
    for k, key in enumerate(keys[:-1]):
        if len(key) < GLUED_CHARS or counts.get(key, 0) != 1 or len(keys[k + 1].split()) < SENTENCE_WORDS:
            continue  # a nested menu's entry, glued into its parent's line too, stands over more short entries
        if any(key in other and other != key for other in keys[max(0, k - GLUED_WITHIN):k]):
            counts[key] = counts.get(key, 0) + 1


def restated_over_prose(lines: list[str], filled: list[int], n: int, counts: dict[str, int], prose) -> bool:
    """Line ``n`` is stated again a few lines down, right over prose, with nothing the copy repeats between (share
    buttons, a subtitle): a headline printed in the page's header and again over its article ("Medium", news sites).
    A table of contents fails this: the entries between its first line and that line's section come again too.
    ``prose`` tells a line of the article's prose (the title's reader's own test)."""
    want = lo.headline_key(lines[filled[n]])
    for m in range(n + 1, min(len(filled) - 1, n + 1 + RESTATED_WITHIN)):
        text = lines[filled[m]].strip()
        if lo.headline_key(text) == want:
            return prose(lines[filled[m + 1]])
        if counts.get(lo.headline_key(text), 0) > 1 and not lo.strong_boilerplate(text):
            return False
    return False
