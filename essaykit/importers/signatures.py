"""Signatures under comments: "— Ana", "🙂 Ric", "Cheers, Paulo", a capitalised name under a finished sentence.

Part of the leftover patterns (:mod:`.leftovers` names them all for the readers).
"""

from __future__ import annotations

import re

EMOJI = r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2764\u263A]\ufe0f?|[:;=]-?[)D(P3]|<3|\^_\^)"
_NAME_WORD = r"[^\W\d_][\w'’.\-]*"
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_DASH = r"(?:—|–|―|--|-|~)"
DASH_SIGNATURE = re.compile(rf"^{_DASH}\s*(?P<name>{NAME})$")
EMOJI_SIGNATURE = re.compile(rf"^(?:{EMOJI}\s*)+(?P<name>{NAME})$")
# The sign-offs that open a comment's last line and never a commenter's name ("Viele Grüße", "LG netta", "Kind regards,
# Ana"): a signature under a comment's text that the header reader must not take for the next comment's name.
SIGN_OFF_WORDS = (r"(?:(?:viele|liebe|beste|herzliche|schöne|sonnige|freundliche|ganz)\s+){1,3}grüße|grüße|gruß|lg|glg|vg|mfg"
                  r"|cheers|thanks|thank you|many thanks|best wishes|(?:best|kind|warm)\s+regards|regards|saludos|un saludo"
                  r"|cordialement|bisous|bises|amitiés|saluti|un saluto|cordiali saluti|abraços|beijos|grazie|merci"
                  r"|gracias|obrigad[oa]")
SIGN_OFF = re.compile(rf"^(?:{SIGN_OFF_WORDS})(?=[\s,!.]|$)", re.I)
# A closing that signs a comment's last line with the name after it ("Cheers, Paulo", "LG Maja", "Best regards, Ana"):
# the sign-offs, first (so "Best regards" is one closing, not "Best" and a name "regards Ana"), then the words that
# close a comment only where the name follows or the line holds nothing else ("Love", "Best", "Later", "Peace").
CLOSINGS = SIGN_OFF_WORDS + "|best|all best|love|xoxo|xx|xo|ciao|hugs|take care|later|peace|abraço|gruss|un abrazo"
CLOSING_SIGNATURE = re.compile(rf"^(?P<closing>(?:{CLOSINGS})[!,.]*)\s*(?:{EMOJI}\s*)?,?\s*(?P<name>{NAME})$", re.I)
CLOSING_ALONE = re.compile(rf"^(?:{CLOSINGS})[!,.]*$", re.I)
INLINE_DASH = re.compile(rf"^(?P<body>.*\S)\s+{_DASH}\s*(?P<name>{NAME})$")
INLINE_EMOJI = re.compile(rf"^(?P<body>.*{EMOJI})\s*(?P<name>{NAME})$")
_PARTICLES = {"de", "da", "do", "dos", "das", "van", "von", "der", "den", "le", "la", "di", "del", "du", "bin", "al", "y", "e"}
# Capitalised words people end comments with that are not names.
NOT_NAMES = {
    "thanks", "thank", "cheers", "agreed", "exactly", "indeed", "same", "yes", "no", "wow", "great", "lovely", "amazing",
    "brilliant", "perfect", "beautiful", "spoilers", "spoiler", "reply", "like", "share", "related", "comments", "comment",
    "ok", "okay", "lol", "haha", "hmm", "bravo", "congrats", "congratulations", "well", "nice", "cool", "true", "sure",
    "anonymous?", "edit", "update", "p.s", "ps", "the", "a", "an", "i", "it", "this", "that", "so", "and", "but",
}


def is_name(name: str, *, capitalised: bool) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 3 or len(name) > 40 or "," in name or words[0].lower().rstrip(".") in NOT_NAMES:
        return False
    if capitalised and not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return False
    return not name.endswith(("!", "?", ",", ":", ";"))


def signature_line(line: str, *, alone_ok: bool) -> tuple[str, str] | None:
    """(name, what remains of the line) when ``line`` is a signature, else None.

    Recognised: "— Ana", "🙂 Ric", "Cheers, Paulo", and, when ``alone_ok``
    (the comment has other lines), a capitalised name of one to three words.
    """
    text = line.strip()
    if not text or len(text) > 60:
        return None
    for pattern in (DASH_SIGNATURE, EMOJI_SIGNATURE):
        found = pattern.match(text)
        if found and is_name(found.group("name"), capitalised=False):
            return found.group("name").strip(), ""
    found = CLOSING_SIGNATURE.match(text)
    if found and is_name(found.group("name"), capitalised=True):
        return found.group("name").strip(), found.group("closing").strip()
    if alone_ok and is_name(text.rstrip("."), capitalised=True) and not text.endswith("."):
        return text, ""
    if alone_ok and re.fullmatch(r"(?:[A-Z]\.\s?){1,3}|[A-Z][\w'’-]+\s(?:[A-Z]\.)", text):
        return text, ""  # initials: "M.", "J. R.", "Lucia M."
    return None


def signature(lines: list[str]) -> tuple[str, list[str], str] | None:
    """(name, body lines, the signature as written) for a comment whose last words sign it, else None."""
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return None
    last = lines[-1].strip()
    body = lines[:-1]
    has_body = any(line.strip() for line in body)
    found = signature_line(last, alone_ok=has_body)
    if found is None and has_body and _after_sentence(body) and _loose_name(last):
        found = (last, "")
    if found and (has_body or found[1]):
        name, rest = found
        if rest:
            body = [*body, rest]
        elif body and CLOSING_ALONE.match(body[-1].strip()):
            pass  # "Cheers,\nPaulo": the closing stays, the name signs
        return name, body, last
    for pattern in (INLINE_DASH, INLINE_EMOJI):
        found_inline = pattern.match(last)
        if found_inline and is_name(found_inline.group("name"), capitalised=True):
            return found_inline.group("name").strip(), [*body, found_inline.group("body").rstrip()], last
    return None


def _after_sentence(body: list[str]) -> bool:
    prev = next((line.strip() for line in reversed(body) if line.strip()), "")
    return bool(re.search(rf"(?:[.!?…\"'”)]|{EMOJI})$", prev))


def _loose_name(text: str) -> bool:
    """A short sign-off under a finished sentence: "Anonymous cinephile", "the projectionist"."""
    words = text.split()
    return (1 <= len(words) <= 4 and len(text) <= 40 and not text.endswith((".", "!", "?", ":", ",", ";"))
            and words[0].lower() not in NOT_NAMES and not any(ch.isdigit() for ch in text) and "http" not in text)


def signed(lines: list[str]) -> bool:
    return signature(lines) is not None


