"""What a text copy's line looks like, whatever it says: a control's or a prompt's label (never a headline), and the
case it is written in (a title-case headline over its sentence-case dek)."""

from __future__ import annotations

import re

from . import leftovers as lo
from .text_controls import control_line

CASE_WORDS = 3  # words of :data:`TITLE_CASE_LETTERS` letters or more before a line's case says anything
TITLE_CASE_LETTERS = 4  # words this long are capitalised in a title-case headline ("on", "the", "to" are not)
# Words with a letter in them: "Di, 10:19 Uhr" has two, a date line's numbers are no words of a headline. (Tried at
# a word's start only: from inside a long run of digits it would look for a letter once from every position.)
LETTER_WORD = re.compile(r"(?<!\w)\w*[^\W\d_]\w*")

# The words of a page's controls and prompts, in the languages read: a line made of these only is a button's or a
# prompt's label ("Share on Facebook 654 Tweet Email Print", "Read in app", "Become a member", "Login Sign up"),
# never a headline; numbers (a share count) do not count.
_CHROME_WORDS = frozenset("""
    share shares tweet email e mail print pin it save copy link facebook twitter whatsapp linkedin pinterest reddit
    flipboard telegram messenger on this the a an our your to and or in up of for with more now all
    article story stories post sign log login logout register subscribe subscriber subscription follow join become
    member members membership read listen watch get app download open continue reading main search web back next
    previous home menu close skip give gift comments comment view show hide load exclusive content premium free
    teilen drucken merken speichern folgen abonnieren anmelden registrieren artikel kommentare anzeigen
    partager imprimer suivre abonner abonnez vous connexion inscription afficher les des commentaires
    compartir imprimir guardar seguir suscribirse suscríbete iniciar sesión artículo comentarios ver
    compartilhar partilhar assinar entrar artigo comentários condividi stampa salva segui iscriviti accedi
    articolo commenti""".split())
_CHROME_PHRASE = re.compile(r"^(?:this (?:article|story|post) is (?:more than|over) \w+ (?:years?|months?) old|continue reading"
                            r"(?: the main story)?|(?:gestion|paramètres) des cookies|cookie (?:settings|preferences|policy)"
                            r"|cookie-einstellungen|ready to publish\?)\W*$", re.I)


def chrome_line(text: str) -> bool:
    """A line that is a control's or a prompt's label: words of :data:`_CHROME_WORDS` only, or a known prompt."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return (bool(words) and all(w in _CHROME_WORDS for w in words) or bool(_CHROME_PHRASE.match(text.strip()))
            or control_line(text))


_ROW = re.compile(r"\s+[|•·]\s+")
ROW_WORDS = 3  # the items of a menu's row of links have this many words at most


def link_row(text: str) -> bool:
    """A menu's row of three short links or more ("About | Media | Search | Contact", "Stories • Fashion • Tips")."""
    row = _ROW.split(text.strip())
    return len(row) > 2 and all(len(item.split()) <= ROW_WORDS for item in row)


def prompt_line(text: str) -> bool:
    """A notice's line ("This article is more than 5 years old", "Continue reading the main story"), not a button's."""
    return bool(_CHROME_PHRASE.match(text.strip()))


def _capitalised_share(text: str, skip_first: bool) -> tuple[int, float]:
    words = [w for w in LETTER_WORD.findall(text) if len(w) >= TITLE_CASE_LETTERS][1 if skip_first else 0:]
    return len(words), sum(w[0].isupper() for w in words) / max(1, len(words))


def title_case(text: str) -> bool:
    """"Jennifer Aniston on Leaving the Tags on Her Coat": a headline as English-language sites write it."""
    count, share = _capitalised_share(text, False)
    return count >= CASE_WORDS and share >= 0.8


def sentence_case(text: str) -> bool:
    """"The actress explained the story behind her coat to Jimmy Kimmel": a dek's sentence under a title-case headline."""
    count, share = _capitalised_share(text, True)
    return count >= CASE_WORDS and share <= 0.4


VARIANT_SHARE = 0.6  # of a shorter wording's words (of three letters or more), a longer one over it has this share
_KEY_WORD = re.compile(r"[^\W\d_]{3,}|\d\w*")


def reworded(longer: str, shorter: str) -> bool:
    """``longer`` is another, longer wording of the headline ``shorter``: most of its words, but not it whole (a
    breadcrumb or a kicker glued to the headline holds it whole). "Ex-Nationalspieler in der Oberliga: Marcell Jansen
    kämpft um …" over "Für den HSV in der Oberliga?: Jansen kämpft um …": the page's full headline over its short one."""
    words = {w.casefold() for w in _KEY_WORD.findall(shorter)}
    have = {w.casefold() for w in _KEY_WORD.findall(longer)}
    return (len(words) >= 3 and len(longer) > len(shorter) and shorter.casefold() not in longer.casefold()
            and len(words & have) >= VARIANT_SHARE * len(words))


_ICON = re.compile(r"^[^\w\"'“”„«»‹›‚‘’]+(?=\w)")  # a glyph copied from an icon font before a label ("± 6 Kommentare")


def named_post(text: str):
    """The match of :data:`leftovers.NAMED_POST` ("3 thoughts on “TITLE”", "Ein Gedanke zu „TITLE“") on a line, an
    icon's glyph before it set aside ("± 6 Kommentare zu „TITLE“", "💬 2 thoughts on …"), or None."""
    return lo.NAMED_POST.match(_ICON.sub("", text.strip()))
