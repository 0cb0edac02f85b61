"""A text copy's byline that prints more after the name on its own line: "Ein Artikel von NAME | DATE", "von NAME
Foto: © AGENCY", "Por NAME ADDRESS", "Posted by NAME under CATEGORIES". The copy joins the row's elements (the name's
link, a separator, the date, the categories, the photo's credit) into one line; the name is what stands between the
byline's words and the first thing a name does not hold. Without a byline's words no line is read here: a name and a
category ("Ilse Varga Reisen") cannot be told apart by their shape."""

from __future__ import annotations

import re

from .names import BY, DONE, LABEL, clean_name
from .signatures import is_name

# What a byline's row prints after the name on the same line: a separator (" | ", " · ", a gap of two spaces), an address,
# another label with its colon ("Kategorien:", "Foto:"), a number (the date, a comment count), the word before the
# categories ("under", "in") or the date ("on", "am").
_NAME_ENDS = re.compile(r"\s*[|·•]\s|\s{2,}|\s+\S+@|\s+(?:https?://|www\.)|\s+[^\W\d_]+\s?:\s|:$|\s+(?=\d)"
                        r"|\s+(?:under|in|en|im|dans|em|on|am|le|el|il)\s", re.I)
ROW_BYLINE_CHARS = 140  # a longer line is prose
# A byline's words before the name: "Posted by", "Gepostet von", "Ein Artikel von", "Autor:", "Autor*in", "Por".
_ROW_LEAD = re.compile(rf"^(?:(?:{DONE}|(?:ein )?(?:gast)?beitrag|(?:ein )?artikel|un article|un artículo|un articolo)\s+)?"
                       rf"(?:{BY})\s*:?\s+(?=\S)|^(?P<label>{LABEL})(?:\*in)?\s*(?P<colon>:)?\s+(?=\S)", re.I)


def row_byline(text: str) -> str:
    """The name in a line that starts with a byline's words and prints more after the name ("Ein Artikel von Ilse Varga
    | 27.01.2022", "von Ilse Varga  Foto: © Agentur", "Por Ilse Varga ivarga@example.com", "Von Ilse Varga Kategorien:
    Mode"), or "": the name is what stands between the words and the first thing a name does not hold."""
    text = text.strip()
    if len(text) > ROW_BYLINE_CHARS or not (lead := _ROW_LEAD.match(text)):
        return ""
    end = _NAME_ENDS.search(text, lead.end())
    name = clean_name(text[lead.end():end.start() if end else len(text)])
    if lead.group("label") and not lead.group("colon") and len(name.split()) < 2:
        return ""  # "Autor Zeit": a label without its colon over one word is a row of labels as often
    return name if name and all(is_name(n, capitalised=True) for n in name.split(", ")) else ""
