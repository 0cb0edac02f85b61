"""What the database stores beside a value to find it again (an email's ``email_key``, a body's
``body_hash``), and the characters no stored text keeps (:func:`strip_bidi_controls`).

They sit below every table that keys on them (comments, mail subscriptions and addresses) and below
the migrations that fill them in for older rows, so each is computed one way everywhere.
"""

from __future__ import annotations

import hashlib
import unicodedata

#: The bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069):
#: they make "nimda" read as "admin" and reorder the text around them.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
BIDI_STRIP = dict.fromkeys(ord(c) for c in BIDI_CONTROLS)
# Names and titles lose more: the bidi marks, invisible spaces and the BOM too.
INVISIBLE = {**BIDI_STRIP, **dict.fromkeys([0x200E, 0x200F, 0x061C, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x00AD])}


def strip_bidi_controls(text: str) -> str:
    """``text`` without the :data:`BIDI_CONTROLS`: the one rule for names, titles and bodies alike.

    Right-to-left *letters* stay; only the invisible controls that reorder
    what a reader sees go (the marks U+200E/U+200F stay in bodies, where they
    fix punctuation in mixed-direction sentences and cannot reorder a run).
    """
    return text.translate(BIDI_STRIP)


def normalise_email(value: str) -> str:
    """The key under which moderation recognises an address: trimmed, NFKC, case-folded, without a
    trailing dot on the domain, and without invisible characters.

    ``" A1@EXAMPLE.org "`` and ``"a1@example.org"`` have one key, so a variant of a
    known address counts as that address (for duplicates, limits and the author's
    queue) and never as a new one. The key is never proof: only a signed token
    (:mod:`essaykit.comments.trust`) makes an address trusted.
    """
    if not isinstance(value, str):
        return ""
    text = unicodedata.normalize("NFKC", value.translate(INVISIBLE)).strip().casefold()
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    return f"{local}@{domain.rstrip('.')}"


def body_hash(body: str) -> str:
    """What duplicate checks look up first: an index over whole 5,000-character
    bodies would be large, and PostgreSQL refuses index entries over about 2.7 kB."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
