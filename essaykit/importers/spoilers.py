"""The spoiler rule: a paragraph announcing spoilers ends the open part of a post.

Bloggers warn before they give the ending away ("Spoilers ahead!", "The
rest of this post contains spoilers."). Everything after that warning
becomes one spoiler block, labelled with the warning sentence, so readers
of the essay choose to open it.
"""

from __future__ import annotations

import re

from ..essay import MAX_LABEL_CHARS

# Phrases that announce spoilers (case-insensitive). Mentions such as "no
# spoilers here" or "spoiler-free" do not match.
ANNOUNCEMENT = re.compile(
    r"\b(?:"
    r"(?:major |heavy |big |some |mild |minor |full )?spoilers? (?:ahead|below|follow|from here(?: on)?|warning|alert)"
    r"|(?:contains?|containing|includes?|discuss(?:es)?) (?:major |heavy |full |some )?spoilers"
    r"|warning:? (?:major |heavy )?spoilers"
    # German, French, Spanish, Italian, Portuguese: "Achtung, Spoiler!", "Attention, spoilers", "Alerte spoiler".
    r"|(?:achtung|vorsicht|attention|atención|atencion|attenzione|cuidado|atenção)[,:!]? spoilers?"
    r"|spoiler-?warnung|alerte (?:aux )?spoilers?|alerta de spoilers?"
    r")\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MARKDOWN_NOISE = re.compile(r"[\\*_#>`\[\]]|\(https?://[^)]*\)")
# A paragraph longer than this is prose that happens to mention spoilers,
# not an announcement.
MAX_ANNOUNCEMENT_CHARS = 300


def _plain(markdown: str) -> str:
    return " ".join(_MARKDOWN_NOISE.sub("", markdown).split())


def announcement(block: str) -> str | None:
    """The announcing sentence of a Markdown block, or None when it announces nothing."""
    text = _plain(block)
    if not text or len(text) > MAX_ANNOUNCEMENT_CHARS or not ANNOUNCEMENT.search(text):
        return None
    for sentence in _SENTENCE_END.split(text):
        if ANNOUNCEMENT.search(sentence):
            return sentence.strip()[:MAX_LABEL_CHARS].strip()
    return None


def split_at_announcement(blocks: list[str]) -> tuple[list[str], str | None, list[str]]:
    """Split ``blocks`` into (open part, label, spoiler part).

    The announcing paragraph becomes the label; if it says more than the
    announcement, it also stays as the last open paragraph. No
    announcement, or nothing after it, leaves the blocks as they are.
    """
    for i, block in enumerate(blocks):
        label = announcement(block)
        if label is None:
            continue
        rest = blocks[i + 1 :]
        if not rest:
            return blocks, None, []
        keep = [] if len(_plain(block)) <= len(label) + 2 else [block]
        return blocks[:i] + keep, label, rest
    return blocks, None, []
