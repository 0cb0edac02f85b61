"""An explicit score in a post's text: "★★★★☆", "4/5", "3.5 out of 5", "four stars".

Only these explicit forms count; a rating is never inferred from praise.
When a post gives two different scores, none is taken and the report says
so. Scores out of 10 are halved; anything that is not a whole or half star
from 0 to 5 is left alone.
"""

from __future__ import annotations

import re

_NUMBER_WORDS = {"zero": 0, "no": 0, "half a": 0.5, "one": 1, "one and a half": 1.5, "two": 2, "two and a half": 2.5,
                 "three": 3, "three and a half": 3.5, "four": 4, "four and a half": 4.5, "five": 5,
                 # German, French, Spanish, Portuguese, Italian
                 "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "une": 1, "deux": 2, "trois": 3,
                 "quatre": 4, "cinq": 5, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "uma": 1, "duas": 2,
                 "três": 3, "quatro": 4, "due": 2, "tre": 3, "quattro": 4, "cinque": 5}
_WORDS = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_STARS_WORD = r"(?:stars?|sterne?|étoiles?|estrellas?|estrelas?|stelle)"
STARS = re.compile(r"(?<![★☆⯪½])(?P<full>★+)(?P<half>[⯪½]|☆?½)?(?P<empty>☆*)(?![★☆])")
_OUT_OF = r"(?:/|out of|of|sur|de|von)\s*(?P<scale>5|10|five|ten)\b"
OUT_OF = re.compile(
    r"(?<![\w./])(?P<score>\d{1,2}(?:[.,]5|[.,]0)?|" + _WORDS + r")\s*" + _OUT_OF
    + r"(?!\s*(?:minutes|min|people|times|days|films|movies|episodes|%|of\b))(?:\s*stars?)?",
    re.I,
)
N_STARS = re.compile(r"(?<![\w./])(?P<score>\d(?:[.,]5)?|" + _WORDS + r")[\s-]+" + _STARS_WORD + r"\b", re.I)
# A verdict also follows a verb of giving ("Le doy cuatro estrellas y media", "Von mir gibt es fünf Sterne").
_GIVE = (r"\b(?:i give it|i'd give it|i give|i'd give|give it|gets|earns|deserves|rated|gebe (?:ihm|ihr|dem film)?|gibt es"
         r"|vergebe|verdient|je (?:lui )?donne|je mets|mérite|(?:le |les )?doy|merece|(?:eu )?dou|(?:gli|le|ti) do|merita|vale"
         r"|for me,? it['’]?s|für mich sind es|pour moi,? c['’]est|para mí,? son|para mim,? são|per me sono)"
         r"\s+(?:\w+\s+){0,2}?")
# "… e mezzo", "… et demie": half a star more.
_HALF = r"(?P<half>\s+(?:and a half|et demie|y media|e meia|e mezzo|und eine? halbe?))?"
# "N stars" set off by punctuation as a clause of its own ("First of all, five stars, thumbs way up"): a verdict
# even in a long line, unlike "a five-star hotel" or "the five stars of the cast".
STARS_CLAUSE = re.compile(r"(?:^|[,.;:!?—–]\s*|\b(?:of all|all in all|verdict|rating|wertung|note)\W*\s*)"
                          r"(?P<score>\d(?:[.,]5)?|" + _WORDS + r")\s+" + _STARS_WORD + _HALF + r"(?=\s*(?:[,.;:!?—–]|$))",
                          re.I)
GIVEN_STARS = re.compile(_GIVE + r"(?P<score>\d(?:[.,]5)?|" + _WORDS + r")\s+" + _STARS_WORD + r"\b" + _HALF, re.I)
# "N stars" counts only on a short verdict line, not in prose ("a five-star hotel").
VERDICT_LINE = re.compile(r"^\W*(?:rating|verdict|score|my rating|my verdict|grade|nota|note|classificação)\b|^.{0,60}$", re.I)


def _number(text: str) -> float | None:
    text = text.lower().replace(",", ".").strip()
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    if text in ("five", "ten"):
        return 5.0 if text == "five" else 10.0
    try:
        return float(text)
    except ValueError:
        return None


def _valid(score: float) -> float | None:
    return float(score) if 0 <= score <= 5 and score * 2 == int(score * 2) else None


# What a score out of 5 or 10, and a number of stars, cannot do without: a line (in lower case) that has neither
# (nearly every line of a post) is not scanned for them. Scanning tried each number word and each verb of giving
# at every position: a millisecond a paragraph, most of the time a long post took to import.
_HAS_OUT_OF = re.compile(_OUT_OF)
_HAS_STARS_WORD = re.compile(_STARS_WORD)


def scores(text: str) -> list[tuple[float, str]]:
    """Every explicit score in ``text`` as (stars out of 5, the words as written)."""
    found: list[tuple[float, str]] = []
    for line in text.splitlines():
        lower = line.lower()
        for m in STARS.finditer(line) if "★" in line else ():
            total = len(m.group("full")) + (0.5 if m.group("half") else 0)
            if len(m.group("full")) + len(m.group("empty")) + (1 if m.group("half") else 0) in (5, 10) or total <= 5:
                value = _valid(total if len(m.group("full")) + len(m.group("empty")) <= 5 else total / 2)
                if value is not None:
                    found.append((value, m.group(0)))
        for m in OUT_OF.finditer(line) if _HAS_OUT_OF.search(lower) else ():
            score, scale = _number(m.group("score")), _number(m.group("scale"))
            if score is None or scale is None or score > scale:
                continue
            value = _valid(score if scale == 5 else score / 2)
            if value is not None:
                found.append((value, m.group(0).strip()))
        clauses = [] if VERDICT_LINE.match(line.strip()) or not _HAS_STARS_WORD.search(lower) else list(
            {m.start("score"): m for p in (STARS_CLAUSE, GIVEN_STARS) for m in p.finditer(line)}.values())
        for m in clauses:
            value = _number(m.group("score"))
            if value is not None and m.group("half"):
                value += 0.5
            if value is not None and _valid(value) is not None:
                found.append((value, line[m.start("score"):m.end()]))
        if VERDICT_LINE.match(line.strip()):
            for m in N_STARS.finditer(line):
                value = _number(m.group("score"))
                if value is not None and _valid(value) is not None and not OUT_OF.search(line):
                    found.append((value, m.group(0).strip()))
    return found


def find_rating(text: str) -> tuple[float | None, str]:
    """(rating, what to report). The rating is None when there is no score or the scores disagree."""
    found = scores(text)
    if not found:
        return None, ""
    values = {value for value, _ in found}
    if len(values) > 1:
        shown = ", ".join(f"{words!r}" for _, words in found[:4])
        return None, f"the text gives different scores ({shown}); set essay.rating by hand"
    value, words = found[0]
    return value, f"rating {value:g} from {words!r}"
