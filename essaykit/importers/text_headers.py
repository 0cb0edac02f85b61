"""Comment headers in a text copy, found by their shape rather than by one theme's words.

A comment section prints, for every comment, the commenter's name and the
comment's date close together, and a button row ("Reply", "Antworten",
"Répondre", "Responder", "Rispondi", "Report") under its text. The shapes
read here, in every language the dates are read in (:data:`.names.DATE_LANGUAGES`):

- one line: "NAME · DATE", "NAME | DATE at TIME", "NAME wrote on DATE:",
  "NAME sagt am DATE", "NAME a écrit le DATE :";
- a name over its date, with at most a few short lines between them
  (Kinja's "Profile Follow", the reply-to name): "jnovo22" … "3/09/15 8:12am";
- a name alone over the text, the date under the "reply" row (Drupal):
  read by :mod:`.text_comments`, which sees the whole comment.

A shape is only trusted after the article's end, or where a button row
follows it: the same shapes inside an article ("Ana · 2019") are prose.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import leftovers as lo, rtl, world_words
from .names import parse_loose_date
from .signatures import SIGN_OFF
from .text_buttons import INVITE, button_row, comment_form_line, reply_row
from .text_header_runs import header_run
from .text_reply_tail import NAME_COMMA_DATE, footer_over_header, name_before_date, reply_tail
from .text_patterns import FORM_START, MORE_POSTS, NAV_LABEL, RELATED_START, SIDEBAR, lower_name

# How many short lines may stand between a commenter's name and the comment's date (Kinja prints three).
NAME_TO_DATE = 3
SHORT_WORDS = 4  # …each of at most this many words (a comment's first line is longer)
# How far under a header its button row may be ("Reply" under a long comment).
HEADER_TO_BUTTONS = 40
MAX_NAME_CHARS = 60
DATE_WORDS = 10
# A block of at least this many lines, this share of them at most this many words with no sentence, is a menu.
MENU_LINES = 4
MENU_SHARE = 0.75
MENU_WORDS = 5
MAX_NAME_WORDS = 5
_ON = r"on|at|am|um|le|el|em|il|à|a las|às|alle|den|op|dnia|w"
SAID_ON = re.compile(rf"^(?P<name>[^\s:][^:]{{0,59}}?)\s+(?:{lo.SAID})\s+(?:{_ON})\s+(?P<date>.{{4,60}}?)\s*:?$", re.I)
NAME_SEP_DATE = re.compile(r"^(?P<name>[^·•|]{1,60}?)\s+(?P<sep>[·•|–—/-])\s+(?P<date>[^·•|]{6,60}?)\s*$")
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d\d\b")
# "NCWiensays:": a theme that prints "says" in its own element, copied with no space before it.
GLUED_SAYS = re.compile(r"^(?P<name>\w[^:]{0,58}?[^\W_])(?:says|sagt|schreibt|dit|écrit|dice|diz|disse|scrive|napisał|napisała|zegt)\s*:$")
# A name, a little word, then the date: "Georg N. am 10.4.2020", "Ana on March 3, 2020", "Muriel le 22/01/2020".
_DATE_WORD = re.compile(r"^(?:on|am|um|le|el|em|il|op|dnia|den|,)$", re.I)
# The author's box under a post ("About the author", "Über den Autor"…): a name and a date in it are no comment.
ABOUT_AUTHOR = re.compile(r"^(?:about the author|über den autor|über die autorin|à propos de l['’]auteur|sobre el autor"
                          r"|sobre a autora|sobre o autor|sull['’]autore|l['’]autore)\W*$", re.I)
_BYLINE_WORD = re.compile(r"^(?:by|von|par|por|di|door|av|af|posted|published|updated|veröffentlicht|aktualisiert|publié"
                          r"|publicado|pubblicato|opublikowano|gepubliceerd)(?:\s|:|$)", re.I)
_LONE_BYLINE = re.compile(r"^(?:by|von|par|por|di|da|door|av|af|przez|autor|author|auteur|autore)\s*:?$", re.I)
_INITIAL = re.compile(r"\s[^\W\d_]\.$")  # "Georg N.": an initial, not a sentence's end
_SENTENCE_END = re.compile(r"[.!?…:;。！？：；]$")
_GREETING = re.compile(r",$")  # "Hallo zusammen,", "Dear Ana,": a comment's first line, no name
_TIME_ONLY = re.compile(r"^\d{1,2}[:h.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*uhr)?$|^\d{1,2}\s*[ap]\.?m\.?$", re.I)
_MONTHISH = re.compile(r"[^\W\d_]{3,}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_FIRST = re.compile(rf"^(?:{lo._MONTHS})\b", re.I)
_PARTICLE = re.compile(r"^(?:von|van|der|de|da|di|del|della|du|dos|das|ten|ter|zu|bin|al)$")  # "Titus von Unhold"


# "There are 13 comments", "Es gibt 2 Kommentare": a heading with its count.
THERE_ARE = re.compile(r"^(?:there (?:are|is)|es gibt|il y a|hay|há|ci sono)\s+(?=\d+\s+\w+$)", re.I)


# "Vedi commenti (3)", "Voir les commentaires (3)": a link over the comments with their count.
SEE_COMMENTS = re.compile(r"^(?:vedi|ver|voir|zeige|mostrar|mostra)\s+(?:(?:i|os|los|les|alle)\s+)?(?:commenti|comentários"
                          r"|comentarios|commentaires|kommentare)\s*\(\d+\)$", re.I)


def menu_like(lines: list[str]) -> bool:
    """Mostly short lines that are no sentences ("Donate Now", "Email Address *", "ACLU on Twitter"): a menu or a form."""
    filled = [line.strip() for line in lines if line.strip()]
    short = [line for line in filled if len(line.split()) <= MENU_WORDS and not _SENTENCE_END.search(line)]
    return len(filled) >= MENU_LINES and len(short) >= MENU_SHARE * len(filled)


# "Kommentare 1": the count after the word.
ONE_REPLY = re.compile(r"^(?:1|one|une?|una|ein|eine|uma)\s+(?:reply|réponse|respuesta|resposta|risposta|antwort)\s+"
                       r"(?:on|to|zu|auf|sur|à|a|sobre|para|em|su)\s+[“\"„«‘'‹].{1,200}$", re.I)  # "1 reply on “Title”"
COUNT_AFTER = re.compile(r"^(?:comments|kommentare|commentaires|comentarios|comentários|commenti|komentarze|reacties)\s+\d+$", re.I)
# Readers' letters ("Leserpost", "4 Leser-Kommentare", "12 reader comments", "3 commentaires de lecteurs"), "3 Meinungen:".
READERS = re.compile(r"^(?:(?:\d+\s+)?(?:leser-?kommentare?|leser-?meinungen|leserbriefe|leserpost|leserstimmen|readers?['’]? comments?|commentaires? (?:de|des) lecteurs|comentarios? de (?:los )?lectores"
                     r"|comentários? (?:de|dos) leitores|commenti dei lettori|vos réactions|vos commentaires|your comments|i vostri commenti)|\d+\s+meinungen)\s*(?:\(\d+\))?\s*:?$", re.I)
# "{ 38 comments… read them below or add one }": Thesis's heading.
BRACED_COUNT = re.compile(r"^\{\s*(?P<n>\d+)\s+(?:comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti)\b.{0,60}\}$", re.I)


# "Alle Kommentare anzeigen": a link over (or under) the comments, in the languages read.
SHOW_ALL = re.compile(r"^(?:alle kommentare (?:anzeigen|zeigen|lesen)|afficher tous les commentaires|voir tous les commentaires"
                      r"|ver todos los comentarios|ver todos os comentários|mostra tutti i commenti|vedi tutti i commenti"
                      r"|pokaż wszystkie komentarze|alle reacties (?:tonen|bekijken|weergeven))\W*$", re.I)
_REPEATED = re.compile(r"^(?P<once>.{4,60}?)(?:\s*(?P=once))+$")  # innerText of a link printed for each screen size


# A shop's or a recipe's reviews, with what they review or their count: "Kundenbewertungen für "Trixie …"", "12 reviews".
REVIEWS = re.compile(r"^(?:(?:\d+\s+)?(?:kundenbewertungen|bewertungen|customer reviews|reviews|avis clients|avis|opiniones"
                     r"|avaliações|recensioni|opinie|recenzje|beoordelingen|reviews van klanten)\s+(?:für|zu|for|of|pour|sur|de|para"
                     r"|sobre|per|su|dla|voor|van)\s+\S.{0,150}|\d+\s+(?:kundenbewertungen|bewertungen|customer reviews|reviews"
                     r"|avis|opiniones|avaliações|recensioni|opinii|recenzji|beoordelingen))$", re.I)


# A show/hide toggle's glyph before a heading ("± 6 Kommentare zu „…“", "▼ 3 Comments").
_TOGGLE = re.compile(r"^[±+▼▾▲▴▸►▶◂◀↓↑⇣]\s*(?=\w)")


def without_toggle(text: str) -> str:
    return _TOGGLE.sub("", text)


# The form's link or an invitation glued to the heading ("Kommentare (4) Kommentar schreiben"), in the languages read.
_FORM_LINK_AFTER = re.compile(r"(?<=\S)\s+(?:kommentar (?:schreiben|verfassen)|write a comment|add a comment|leave a comment"
                              r"|écrire un commentaire|ajouter un commentaire|escribir un comentario|añadir un comentario"
                              r"|escrever um comentário|scrivi un commento|reactie plaatsen|dodaj komentarz|" + INVITE + r")\W*$", re.I)


def comments_start(text: str) -> bool:
    """A comments heading, in any form the readers know ("4 Comments", "There are 13 comments", "Comments (3)")."""
    text = _FORM_LINK_AFTER.sub("", without_toggle(text))
    if (repeated := _REPEATED.match(text)) is not None:
        text = repeated.group("once")
    return (bool(SHOW_ALL.match(text)) or lo.comments_heading(text) or bool(SEE_COMMENTS.match(text)) or bool(BRACED_COUNT.match(text) or COUNT_AFTER.match(text) or READERS.match(text) or ONE_REPLY.match(text) or REVIEWS.match(text))
            or bool(THERE_ARE.match(text) and lo.comments_heading(THERE_ARE.sub("", text))) or rtl.is_heading(text))


@lru_cache(maxsize=4096)  # a copy prints the same dates and buttons many times; dateparser takes ~10 ms a miss
def date_text(line: str) -> str | None:
    """The line's date when the line is only a date ("3/09/15 8:12am", "4 avril 2024 à 17 h 49 min"), else None.

    Kinja prints the date twice on one line; a lone year is not a date, nor is a sentence with one.
    """
    text = " ".join(line.split()).strip("[]() ")
    if (latin := rtl.latin_date(text)) is not None:
        text = latin  # "12 במאי 2020 בשעה 10:12": read as "12 May 2020 10:12"
    half = len(text) // 2
    if len(text) % 2 == 1 and text[:half] == text[half + 1:]:
        text = text[:half]  # "3/09/15 8:12am 3/09/15 8:12am"
    if not text or len(text) > 60 or not any(ch.isdigit() for ch in text) or _SENTENCE_END.search(text.rstrip(")")):
        return None
    if lo.date_line(text):
        return text
    if len(re.findall(r"\d+", text)) < 2 and not _MONTHISH.search(text):
        return None
    words = text.split()
    if len(words) > DATE_WORDS or sum(not any(ch.isdigit() for ch in w) for w in words) > DATE_WORDS // 2:
        return None  # more words than a date has ("4 de abril de 2024 a las 17:49" has 8)
    return text if parse_loose_date(text) is not None else None


def says_header(lines: list[str], i: int) -> tuple[str, str] | None:
    """(name, date text) of a "NAME says:" header at line ``i``, also where the copy glued "says" to the name
    ("NCWiensays:" over the comment's date: without the date, "Essays:" would be Es's)."""
    found = lo.says_header(lines[i])
    said = rtl.SAYS.match(rtl.plain(lines[i])) or world_words.CJK_SAYS.match(lines[i].strip())
    if found is None and said and name_text(said.group("name")):
        return said.group("name").strip(), ""  # "NAME כתב:", "NAME قال:", "张三说道：", "山田 より:"
    if found is None and (glued := GLUED_SAYS.match(lines[i].strip())) and name_text(glued.group("name")):
        nxt = next((line for line in lines[i + 1:i + 3] if line.strip()), "")
        if when_text(nxt):
            return glued.group("name"), ""
    return found


_GLUED_TIME = re.compile(r"^(?P<name>.*[^\d\s:])(?P<time>\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?)$", re.I)


# "Kommentar von Mareike", "Comment by Ana": the theme's words before the commenter's name.
COMMENT_BY = re.compile(r"^(?:comment(?:ed)? (?:by|from)|kommentar von|commentaire (?:de|par)|comentario (?:de|por)"
                        r"|comentário (?:de|por)|commento (?:di|da)|reactie van|komentarz (?:od|autorstwa)"
                        r"|geschrieben von|written by|écrit par|escrito por|scritto da)\s+(?=\S)", re.I)


def split_glued_time(name: str) -> tuple[str, str]:
    """("Ruby", "21:00") for "Ruby21:00": Blogger's name and the comment's time, copied with no space between them."""
    found = _GLUED_TIME.match(name.strip())
    return (found.group("name").strip(), found.group("time")) if found else (name, "")


# wpDiscuz's relative dates in the forms the shared patterns lack ("1 Monat her"), Polish's and Dutch's.
_RELATIVE_MORE = re.compile(r"^\d+\s+\w+\s+(?:her|temu|geleden)$", re.I)
# The commenter's role over the name (wpDiscuz, many forums): "Gast", "Guest", "Mitglied".
ROLE = re.compile(r"^(?:guest|gast|invité|invitado|convidado|ospite|gość|member|mitglied|membre|miembro|membro|abonnent"
                  r"|subscriber|moderator|admin|administrator)$", re.I)


def when_text(line: str) -> str | None:
    """The line's date, absolute or relative ("2 months ago", "1 Monat her"), else None."""
    text = line.strip()
    return date_text(text) or (text if text and (lo.relative_date(text) or _RELATIVE_MORE.match(text)) else None)


def time_only(line: str) -> bool:
    """"6:32 PM", "17:49 Uhr": the second line of a date printed on two lines."""
    return bool(_TIME_ONLY.match(line.strip()))


_PHONE = re.compile(r"\+?\d[\d ()/.-]{6,}\d")
_READ_MORE = re.compile(r"^(?:read more|more|weiterlesen|mehr|lire la suite|leer más|ler mais|leggi tutto|continua a leggere"
                        r"|czytaj dalej|lees meer|verder lezen)\W*$", re.I)  # a teaser's link, no name
# A page's field labels over their values ("Date" / "February 5, 2020"): no name.
_LABEL = re.compile(r"^(?:date|datum|fecha|data|date de publication|published|author|autor|auteur|autore|autorin|category"
                    r"|kategorie|catégorie|categoría|categoria|source|quelle|fuente|fonte)\W*$", re.I)
# "Se han publicado 11 comentarios", "Kommentare (4) Kommentar schreiben": a count of comments inside a line, no name.
_COUNT_INSIDE = re.compile(r"\b\d+\s+(?:comments?|comentarios?|comentários?|kommentare?|commentaires?|commenti|reacties|respuestas)\b"
                           r"|\b(?:comments?|comentarios?|comentários?|kommentare?|commentaires?|commenti|reacties|komentarze)\s*\(\d+\)", re.I)
_COUNTED = re.compile(r"^\d[\d.,]*\s+\S+$")  # "2 Fotos", "19 Kommentare": a count, no name


def name_text(line: str) -> bool:
    """A short line that can be a commenter's name or handle ("jnovo22", "Sallie Goetsch (rhymes with sketch)")."""
    text = line.strip()
    if not 0 < len(text) <= MAX_NAME_CHARS or len(text.split()) > MAX_NAME_WORDS or (
            _SENTENCE_END.search(text) and not _INITIAL.search(text)):
        return False
    if not (text[0].isalnum() or text[0] in "@_") or text.isdigit() or date_text(text) or time_only(text) or lo.relative_date(text):
        return False
    if _BYLINE_WORD.match(text) or _GREETING.search(text) or SIGN_OFF.match(text):
        return False  # "By Ana Lima", "Di Giulia Conti, critica": a post's byline; "LG netta": the last one's signature
    if len(words := text.split()) >= 3 and all(w[0].islower() for w in words):
        return False  # "il arrive chez sa tante": a short comment's words, not a name (a name has a capital or is one handle)
    if _PHONE.search(text) or _COUNTED.match(text) or _READ_MORE.match(text) or _LABEL.match(text) or _COUNT_INSIDE.search(text):
        return False  # "Teléfono +595 21 603 400" in a site's footer
    return not (lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or button_row(text) or lo.comments_heading(text)
                or lo.comment_count(text) or lo.pingback(text) or lo.author_mark(text) or section_heading(text))


# Page labels that reach a comment's name through a header's shape ("Share Selection" over a dated line, "Antwort"
# over a reply, "Retweets 79"): a label word, a word with its count, a heading in capitals, a month.
_LABEL_NAME = re.compile(r"^(?:antwort|answer|réponse|respuesta|resposta|risposta|profile?|share(?: selection)?|teilen"
                         r"|partager|compartir|condividi|created|erstellt|news|nachrichten|actualités|noticias|notizie"
                         r"|updated|aktualisiert|reader interactions|comments?|kommentare?|commentaires?|comentarios?"
                         r"|commenti|menu|home|startseite|accueil|inicio|photos?|fotos?|video|on instagram|follow us"
                         r"|effective date|embed tweet|copy link to tweet|galler(?:y|ies)|(?:news )?latest(?: news)?|most read"
                         r"|most popular|popular|trending)$", re.I)
_WORD_COUNT = re.compile(r"^(?:[^\W\d_]\w{1,30}\s+)?\d[\d.,]*[km]?$", re.I)  # "Retweets 79", "Members 24.2k", "5.3k"


_CREDIT = re.compile(r"\s(?:by|photos? by|fotos? von)\s", re.I)  # "Photographs by Robert Net": a picture's credit


def _in_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def label_as_name(name: str, capitals: bool = False) -> bool:
    """Whether a comment's name, read from its header, is a label of the page rather than a person ("By Abby
    Patkin", "Profile", "11991 lecturas", "FESTE FEIERN", "NOV"): the comment is then held for the author to judge. A
    handle in capitals alone ("FLOUNDER") is a person's, and so is any name in ``capitals`` its header vouches for."""
    text = name.strip()
    return (not (name_text(text) or lower_name(text)) or bool(_LABEL_NAME.match(text) or _CREDIT.search(text) or _WORD_COUNT.match(text) or _MONTH_FIRST.fullmatch(text))
            or (not capitals and _in_capitals(text) and any(ch.isspace() for ch in text)))


def one_word_in_capitals(name: str) -> bool:
    """"REZEPTE", "FLOUNDER": a page's section name as often as a handle; only a count of comments that matches
    what was found vouches for it."""
    text = name.strip()
    return _in_capitals(text) and not any(ch.isspace() for ch in text)


def section_heading(text: str) -> bool:
    """A heading of the page's other parts ("Ähnliche Beiträge", "Articles récents", "Lascia un commento"): no name."""
    return any(p.match(text) for p in (RELATED_START, SIDEBAR, FORM_START, NAV_LABEL, ABOUT_AUTHOR))


# A year or a month and year alone ("2017", "Februar 2020", a range of them) heads a sidebar's archive or a list of prizes: a comment
# is dated to the day.
# "March 2015", "2012", "10.2003 - 02.2004", and with a time but still no day ("2012 um 13:19": a day glued to a name)
DAYLESS = re.compile(r"^\W*(?:(?:[^\W\d]+\.?\s+|\d{1,2}[./])?(?:19|20)\d\d\W*)+"
                     r"(?:(?:um|at|à|a las|alle|às)?\s*\d{1,2}[:h]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*uhr)?\W*)?$", re.I)


def header(lines: list[str], i: int) -> tuple[str, str, int] | None:
    """(name, date text, last line of the header) when a comment header starts at line ``i``, else None."""
    text, linked = reply_tail(lo.strip_bullet(lines[i]))  # "NAME DATE - Antworten": the reply link on the header's line
    before = next((line.strip() for line in reversed(lines[max(0, i - 3):i]) if line.strip()), "")
    if not text or len(text) > (250 if linked else 140) or _LONE_BYLINE.match(before) or comment_form_line(text) \
            or linked and footer_over_header(lines, i):
        return None  # "Von" / "Robert" / "31. Dezember 2019": the post's byline, printed on three lines
    if i and (off := SIGN_OFF.match(above := lines[i - 1].strip())) and not above[off.end():].strip(" ,!.…"):
        return None  # "Viele Grüße," / "Maja": a comment's signature under its sign-off, not the next one's header
    found = SAID_ON.match(text)
    if found and name_text(found.group("name")) and date_text(found.group("date")):
        return found.group("name").strip(), date_text(found.group("date")) or "", i
    found = NAME_SEP_DATE.match(text)
    # a hyphen or a slash also parts a teaser's "Site - January 16, 2020": only a comment's date carries a time too, or
    # the same shape heads the paragraphs that follow it ("Karsten Dörre / 22.04.2020", again and again)
    if found and name_text(found.group("name")) and date_text(found.group("date")) and (
            found.group("sep") not in "-/" or _CLOCK.search(found.group("date")) or header_run(lines, i)):
        return found.group("name").strip(), date_text(found.group("date")) or "", i
    if linked and (found := NAME_COMMA_DATE.match(text)) and name_text(found.group("name")) and _day_date(found.group("date")):
        return found.group("name").strip(), date_text(found.group("date")) or "", i  # not "NAME February 23" / "2017 at 9 pm"
    if (glued := _name_then_date(text) or (name_before_date(text, _day_date) if linked else None)) is not None:
        return (*glued, i)
    lower = not name_text(text)  # "anna de vries" over "13.06.2016 // 19:41" only with a time, on the very next line
    if lower and not lower_name(text) or world_words.CJK_SAYS.match(text):  # "张三说道：" is says_header's
        return None
    seen = 0
    for j in range(i + 1, min(len(lines), i + 2 * NAME_TO_DATE + 3)):
        line = lines[j].strip()
        if not line:
            continue
        when = date_text(reply_tail(line)[0])
        if when and not DAYLESS.match(when):
            return (text, when, j) if not lower or not seen and _CLOCK.search(when) else None
        seen += 1
        if comments_start(line) or SIDEBAR.match(line) or MORE_POSTS.match(line):
            return None  # a tag over "Commentaires", a name over a widget's "Most Recent Post": no header of one comment
        if (seen >= NAME_TO_DATE or len(line.split()) > SHORT_WORDS or _SENTENCE_END.search(line) or lo.action_line(line)
                or lo.says_header(line) or comment_form_line(line)):
            return None
    return None


# Blogger's name and date copied with no space between them: "Raul DurandAugust 6, 2012 at 11:57 AM".
# Or its day glued on: "Mathias Autor11. Dezember 2012 um 13:19" (a theme's author badge between name and date).
_GLUED_MONTH = re.compile(r"(?<=[a-zäöüßéèàáíóúñç])(?=(?:{0})\.?\s+\d|\d{{1,2}}\.\s*(?:{0})\b)".format("|".join(
    sorted({m.capitalize() for m in lo._MONTHS.split("|") if len(m) > 3}, key=len, reverse=True))))


def _name_then_date(text: str) -> tuple[str, str] | None:
    """("Armanox", "June 28, 2015 at 10:25 pm") for "Armanox June 28, 2015 at 10:25 pm": a name and a full date with
    no mark between them (Thesis and many themes), the date to the day and with its year."""
    text = _GLUED_MONTH.sub(" ", text)
    words = text.split()
    if len(text) > 90 or len(words) < 3 or not _YEAR.search(text) or lo.date_line(text) or _MONTH_FIRST.match(text):
        return None  # "September 21, 2014 at 2:58 pm" is a date, not September's
    if _SENTENCE_END.search(text) and not re.search(r"[ap]\.m\.$", text, re.I):
        return None  # "Die nächste Ausgabe erscheint am 6. November 2023.": a sentence
    for k in range(1, min(MAX_NAME_WORDS, len(words) - 2) + 1):
        linked = bool(_DATE_WORD.match(words[k]))
        name, rest = " ".join(words[:k]), " ".join(words[k + linked:])
        lower = lower_name(name) and bool(_CLOCK.search(rest))  # "anna de vries 13.06.2016 // 19:41"
        if not rest or _DATE_WORD.match(words[k - 1]) or k > 1 and not lower and not (
                words[0][0].isupper() and all(w[0].isupper() or _PARTICLE.match(w) for w in words[1:k])):
            continue  # "Georg N. am DATE", "stefanie am DATE"; not "Die nächste Ausgabe erscheint am DATE"
        if (rest[0].isdigit() or _MONTH_FIRST.match(rest)) and lo.date_line(rest) and not DAYLESS.match(rest) and (name_text(name) or lower):
            return name, rest
    return None


_STAT = re.compile(r"^\d[\d.,]*\s?[kKmM]?$")


def _day_date(text: str) -> str | None:
    return None if (when := date_text(text)) is None or DAYLESS.match(when) else when


def buttons_follow(lines: list[str], stop: int, *, reply: bool = False) -> bool:
    """A button row under the header ending at ``stop``, before any other header: the shape is a comment's.

    With ``reply``, only a row with a reply link will do (the other buttons are read on past)."""
    if reply_tail(lines[stop])[1]:
        return True  # the link printed at the end of the header's own line
    for j in range(stop + 1, min(len(lines), stop + HEADER_TO_BUTTONS)):
        line = lines[j].strip()
        if button_row(line) and (not reply or reply_row(line) and not _STAT.match(lines[j + 1].strip() if j + 1 < len(lines) else "")):
            return True  # a forum's "Antworten" over "115" is the replies' count in a list of threads, no reply link
        if line and (header(lines, j) is not None or lo.comments_heading(line) or lo.comment_count(line)
                     or ABOUT_AUTHOR.match(line) or RELATED_START.match(line) or MORE_POSTS.match(line)):
            return False  # the next comment, or another part of the page ("Comments (301)" under an author's box)
    return False


def text_under(lines: list[str], i: int, *, drupal: bool = False) -> bool:
    """A blank line, then prose, then a button row or a date under it: line ``i`` heads a comment.

    With ``drupal``, only a button row followed by a date will do (Drupal's shape, trusted outside a comment section).
    """
    while i + 1 < len(lines) and lines[i + 1].strip() and button_row(lines[i + 1]):
        i += 1  # "Kommentar löschen", "Follow" under the name
    if i + 2 >= len(lines) or lines[i + 1].strip():
        return False
    first = lines[i + 2].strip()
    if not (len(first.split()) >= 4 or first.endswith((".", "!", "?", "…", ",", ":"))) or header(lines, i + 2):
        return False
    for j in range(i + 3, min(len(lines), i + 60)):
        text = lines[j].strip()
        if button_row(text) and drupal:
            return any(when_text(x) for x in lines[j + 1:j + 4])
        if date_text(text) and drupal:  # or the date, then the buttons (chefkoch-like forums)
            return any(button_row(x) for x in lines[j + 1:j + 3])
        if (button_row(text) or date_text(text)) and not drupal:
            return True
        if text and (shape := header(lines, j)) is not None:
            # a signature over the comment's date and buttons ("LG steinchen71" / DATE / "Antworten"), no header
            return shape[2] > j and button_row(next((x.strip() for x in lines[shape[2] + 1:shape[2] + 4]
                                                     if x.strip()), ""))
    return False
