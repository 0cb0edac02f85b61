"""A comment's anchor on a passage of its essay, as the W3C Web Annotation selectors describe one.

``exact``, ``prefix`` and ``suffix`` are a ``TextQuoteSelector`` (the quote and a little context on each
side), ``start`` and ``end`` a ``TextPositionSelector`` over the essay's text as :mod:`.anchors` reads
it from the rendered page, and ``block`` the id of the paragraph it was made on (``ek-p-…``). Quotes are
stored with runs of whitespace made one space, as a reader's selection and the page's text compare.

:func:`clean_anchor` checks what a reader sent (JSON's ``"anchor": {...}``, or the form fields
``anchor_exact``, ``anchor_prefix``, ``anchor_suffix``, with ``anchor_block``, ``anchor_start`` and
``anchor_end`` when the page knows them) and raises :class:`CommentError` naming the field ``anchor``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from ..db.lookup import strip_bidi_controls
from ..errors import CommentError
from ..limits import MAX_ANCHOR_CHARS, MAX_ANCHOR_CONTEXT_CHARS

FIELD = "anchor"
#: What stands for a passage in a spoiler wherever its words would show outside the page (the thread, feeds,
#: mail, the author's list and queue): the quote is the spoiler's words.
IN_SPOILER = "a passage in a spoiler"
REPLY_ANCHORED = "a reply answers its comment, not a passage; post it without one"
#: The form fields of an anchor, by the key each fills.
FORM_KEYS = {"exact": "anchor_exact", "prefix": "anchor_prefix", "suffix": "anchor_suffix",
             "block": "anchor_block", "start": "anchor_start", "end": "anchor_end"}
BLOCK_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,99}$")
_MAX_POSITION = 10**8
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Anchor:
    """Where a comment points: the quote with its context, its place in the text then, and its paragraph."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    block: str = ""
    # Set by the server, never by a reader: the passage was in a spoiler when the comment was posted,
    # so its words stay unsaid even once the author's edits leave the comment an orphan.
    spoiler: bool = False

    def record(self) -> dict:
        """The anchor as the JSON backup and the API carry it."""
        record: dict = {"exact": self.exact, "prefix": self.prefix, "suffix": self.suffix}
        if self.start is not None:
            record.update(start=self.start, end=self.end)
        if self.block:
            record["block"] = self.block
        if self.spoiler:
            record["spoiler"] = True
        return record

    def selectors(self) -> list[dict]:
        """The W3C Web Annotation selectors this anchor is."""
        found = [{"type": "TextQuoteSelector", **{k: getattr(self, k) for k in ("exact", "prefix", "suffix")}}]
        if self.start is not None:
            found.append({"type": "TextPositionSelector", "start": self.start, "end": self.end})
        if self.block:
            found.append({"type": "FragmentSelector", "value": self.block})
        return found


def one_space(text: str) -> str:
    """Runs of whitespace as one space: how quotes and the page's text are compared."""
    return _SPACES.sub(" ", text)


def _text(value: object, key: str, limit: int) -> str:
    label = "quoted passage" if key == "exact" else f"passage's {key}"
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CommentError(f"the {label} must be text (not {type(value).__name__})", FIELD)
    if len(value) > 10 * limit:  # refused before any work
        raise CommentError(f"the {label} is too long ({len(value):,} characters); quote at most {limit:,}", FIELD)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise CommentError(f"the {label} holds a character that is not text (an unpaired surrogate); remove it",
                           FIELD) from None
    text = strip_bidi_controls(value)
    text = one_space("".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cs")))
    if key == "exact":
        text = text.strip()
        if all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text):  # zero-width characters: no words
            text = ""
    if len(text) > limit:
        raise CommentError(f"the {label} is too long ({len(text):,} characters); quote at most {limit:,}", FIELD)
    return text


def _position(value: object, key: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.isdigit() and len(value) < 10:
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_POSITION:
        raise CommentError(f"the passage's {key} must be a whole number from 0 to {_MAX_POSITION}", FIELD)
    return value


def clean_anchor(value: object, *, backup: bool = False) -> Anchor | None:
    """An :class:`Anchor` from ``{"exact", "prefix", "suffix"[, "start", "end", "block"]}``; None for none.
    An :class:`Anchor` the server made is kept as it is; ``backup``: the author's JSON backup, which may
    also say ``"spoiler": true``."""
    if isinstance(value, Anchor):
        return value
    if value is None or value == {} or value == "":
        return None
    if not isinstance(value, Mapping):
        raise CommentError("the passage must be an object with exact, prefix and suffix", FIELD)
    spoiler = value.get("spoiler", False) if backup else False
    if not isinstance(spoiler, bool):
        raise CommentError(f"the passage's spoiler must be true or false (not {spoiler!r})", FIELD)
    unknown = sorted(set(value) - set(FORM_KEYS) - ({"spoiler"} if backup else set()))
    if unknown:
        raise CommentError(f"the passage has unknown keys ({', '.join(map(str, unknown))[:200]}); send exact, "
                           "prefix, suffix and optionally start, end and block", FIELD)
    exact = _text(value.get("exact"), "exact", MAX_ANCHOR_CHARS)
    prefix = _text(value.get("prefix"), "prefix", MAX_ANCHOR_CONTEXT_CHARS)
    suffix = _text(value.get("suffix"), "suffix", MAX_ANCHOR_CONTEXT_CHARS)
    if not exact:
        if prefix or suffix or value.get("block"):
            raise CommentError("the quoted passage is empty; select the words you answer", FIELD)
        return None
    start, end = _position(value.get("start"), "start"), _position(value.get("end"), "end")
    if (start is None) != (end is None) or (start is not None and end <= start):
        raise CommentError("the passage's start and end must both be given, start before end", FIELD)
    block = value.get("block") or ""
    if not isinstance(block, str) or (block and not BLOCK_RE.match(block)):
        raise CommentError("the passage's block must be a paragraph id like ek-p-1a2b3c4d", FIELD)
    return Anchor(exact=exact, prefix=prefix, suffix=suffix, start=start, end=end, block=block, spoiler=spoiler)


def anchor_value(values: Mapping[str, object]) -> object:
    """What a request sent as the anchor: JSON's ``anchor`` object, else the ``anchor_*`` form fields."""
    if values.get("anchor") not in (None, ""):
        return values["anchor"]
    found = {key: values[name] for key, name in FORM_KEYS.items() if values.get(name) not in (None, "")}
    return found or None
