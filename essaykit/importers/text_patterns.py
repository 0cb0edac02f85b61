"""The line patterns and small readers shared by :mod:`.text` (the article) and :mod:`.text_comments`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import leftovers as lo
from . import nl_pl
from . import rtl
from . import world_words
from .htmlmd import plain_markdown
from .furniture import CANCEL_REPLY, FORM_HEADING
from .names import REPLY_TO_WORDS, name_then_rest, parse_loose_date

MAX_TEXT_BYTES = 20 * 1024 * 1024
HEAD_LINES = 12  # how far from the top a byline or date may be and still belong to the title
HEAD_SEARCH = 120  # how far from the top a line the comment section names as the post may be
BYLINE = re.compile(
    rf"^\s*(?:posted|published|written|publicado|publié|veröffentlicht|publiziert|gespeichert|pubblicato|submitted|verfasst|soumis"
    rf"|enviado|inviato|{nl_pl.POSTED})?"
    rf"\s*(?:(?:(?:on|em|le|am|el|il|{nl_pl.POSTED_ON})\s+)?(?P<date1>.+?)\s+)?"
    rf"(?:by|por|par|von|da|{nl_pl.BY})\s+(?P<author>[^,|·•]+?)"
    rf"(?:(?:\s*[,|·•]\s*|\s+(?:on|am|le|el|em|il|{nl_pl.POSTED_ON})\s+|\s+in\s+.+?\s*[,|·]\s*)(?P<date2>.+))?\s*$",
    re.I,
)
DATED = re.compile(r"^\s*(?:posted|published|updated|last updated|publicado|publié|veröffentlicht|publiziert|pubblicato)\s*(?:on|em|le|am|:)?\s+(?P<date>.+?)\s*$", re.I)
WRITTEN_BY = re.compile(r"^written by\s+(?P<author>.{1,60})$", re.I)
# A theme's next field after the author's name in a byline, split off by a slash: "/ Kategorien: …", "/ Tags: …".
_LABELLED_AFTER = re.compile(r"\s+/\s+(?=[^\W\d_][\w-]*\s?:)")
NAME_DOT_DATE = re.compile(r"^(?P<a>[^·•|—]{1,60}?)\s*(?:[·•|]|\s—)\s*(?P<b>.+?)$")  # Ghost: "DATE — 4 min read"
READING_TIME = re.compile(r"^(?:\d+\s*(?:min|minute)s?(?: read)?|·|•|\|)$", re.I)
HEAD_FURNITURE = re.compile(r"^(?:follow|following|listen|share|member-only story|top highlight|open in app|\d+ min read"
                            r"|·|•|\||—|\d+ comments?|no comments|leave a comment|\d+ responses?"
                            # Twenty Twenty's labels over its byline and date (read aloud, copied with the page)
                            r"|post author|post date|post categories|categories|beitragsautor|beitragsdatum|beitragskategorien"
                            r"|auteur de l['’]article|date de l['’]article|autor de la entrada|fecha de la entrada"
                            r"|autor do post|data do post|autore dell['’]articolo|data dell['’]articolo)\W*$", re.I)
# Blogger's footer line under a post, in its translations ("Eingestellt von NAME um 10:15", "Publié par NAME à 10:15").
BLOGGER_POSTED_BY = re.compile(r"^(?:posted by|eingestellt von|gepostet von|publié par|publicado por|postado por|pubblicato da"
                               r"|geplaatst door|opublikowane przez|wysłane przez)"
                               r"\s+(?P<author>.{1,60}?)\s+(?:at|on|um|am|à|a las?|en|às|em|alle|il|op|om|o)\s+(?P<time>.{1,40})$", re.I)
# "Tags:" under a Blogger post in its translations.
TAGS_LINE = re.compile(r"^(?:posted in\s+(?P<cats>.+?)\s*\|\s*)?(?:tagged|tags|labels|filed under|libellés|etiquetas|marcadores"
                       r"|etichette)\s*:?\s+(?P<tags>.+)$", re.I)
# "In reply to Ana.", "En réponse à Ana": the theme names the comment a reply answers.
REPLY_LINE = re.compile(rf"^(?:{REPLY_TO_WORDS})\s+(?P<to>@?\S.{{0,58}}?)\s*[.:]?$", re.I)
ENTRY_POSTED = re.compile(r"^this entry was posted in\s+(?P<cats>.+?)(?:\s+and tagged\s+(?P<tags>.+?))?\.?"
                          r"(?:\s+bookmark the permalink\.?)?$", re.I)
POSTED_IN = re.compile(r"^posted in\s+(?P<cats>.+?)(?:\s*\|.*)?$", re.I)
REPLY_TO = re.compile(rf"^(?P<author>{lo.NAME})\s*(?:→|->|➝|➔|replied to)\s*(?P<to>{lo.NAME})$")
RELATED_START = re.compile(r"^(?:related|related posts|you might also like|popular posts from this blog|more from .{1,60}"
                           r"|recommended from medium|read next|read more|keep reading|similar posts?|related (?:stories|articles)|more stories"
                           r"|relacionado|relacionados|similar threads|ähnliche themen|sujets similaires|temas similares|discussioni simili"
                           r"|ähnliche beiträge|verwandte beiträge|verwandte artikel|verwandte themen|ähnliche artikel|das könnte (?:dich|sie) auch interessieren"
                           r"|vous aimerez aussi|te puede interesar|você também pode gostar|potrebbe interessarti|articles similaires|sur le même sujet|à lire aussi"
                           r"|entradas relacionadas|posts relacionados|leia também|articoli correlati|correlati|leggi anche|" + nl_pl.RELATED + r")\W*$",
                           re.I)
_TIME = re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
# A news page's lists of other posts under the article ("Du même auteur", "Les plus lus", "Meistgelesen"): a related
# block for the comment reader only (the same headings stand over a page's headline too, in its rails).
MORE_POSTS = re.compile(r"^(?:les plus lu[se]?|meistgelesen|meist gelesen|most read|lo más leído|i più letti|mais lid[oa]s"
                        r"|du même auteur|vom selben autor|mehr vom autor|del mismo autor|do mesmo autor|dello stesso autore"
                        r"|more (?:from|by) (?:this|the same) author|by the same author)\W*$", re.I)
SIDEBAR = re.compile(
    r"^(?:search(?: for)?|(?:most )?recent posts?|recent comments(?: on (?:our|other) (?:stories|posts|articles).{0,3})?|archives|categories|meta|blogroll|top posts(?: & pages)?"
    r"|follow (?:blog )?via email|follow .{1,40} on wordpress\.com|blog stats|calendar|pages|tags|tag cloud|about me"
    r"|newsletter|popular posts|links|enter your email address.*|join \d[\d,]* other (?:subscribers|followers)"
    r"|footer|sidebar|widgets?|site navigation|primary menu|social menu|neueste beiträge|neueste kommentare|archive"
    r"|kategorien|schlagwörter|articles récents|commentaires récents|catégories|entradas recientes|comentarios recientes"
    r"|categorías|posts recentes|comentários recentes|categorias|articoli recenti|commenti recenti|categorie"
    r"|fußzeile|pied de page|pie de página|rodapé|piè di pagina|" + nl_pl.SIDEBAR + r")\W*$", re.I)
FORM_START = re.compile(
    # the form's heading (furniture's list), alone or with its cancel link, and WordPress.com's
    rf"^(?:(?:{FORM_HEADING})(?:\s+{CANCEL_REPLY})?|fill in your details below.*|post (?:a|your) comment"
    # WordPress.com's form, in the languages read ("Enter your comment here...", "Gib hier deinen Kommentar ein ...")
    r"|enter your comment here.*|gib hier deinen kommentar ein.*|saisissez votre commentaire.*|introduce aquí tu comentario.*"
    r"|escreva o seu comentário.*|inserisci qui il tuo commento.*"
    r"|your email address will not be published.*|add (?:a )?comment|write a comment.*"
    # the form's notice that the address stays private, translated, and its submit link
    r"|(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht.*|votre adresse (?:e-mail|de messagerie|courriel) ne sera pas publiée.*"
    r"|tu (?:dirección de )?correo electrónico no será publicad[oa].*|o seu (?:endereço de )?e-?mail não será publicado.*"
    r"|il tuo indirizzo (?:e-?mail|di posta elettronica) non sarà pubblicato.*|submit a comment|einen kommentar abschicken"
    r"|soumettre un commentaire|enviar un comentario|invia un commento|enviar um comentário|trage deine daten unten ein.*"
    r"|entrez vos coordonnées ci-dessous.*|introduce tus datos.*|preencha os seus dados abaixo.*|inserisci i tuoi dati qui sotto.*"
    r"|(?:your|dein|ihr|votre|tu|seu|il tuo) (?:name|nom|nombre|nome|e-mail|email|comment|kommentar|commentaire"
    r"|comentario|comentário|commento)\s*\*?|leave this field blank|dieses feld leer lassen|laisser ce champ vide"
    r"|deja este campo en blanco|deixe este campo em branco|lascia vuoto questo campo"
    # Drupal's link to its form
    r"|כתיבת תגובה|השאר(?:ת)? תגובה|הוסף תגובה|הוספת תגובה|أضف تعليق[اًا]*|اترك تعليق[اًا]*|اترك رد[اًا]*|إضافة تعليق"
    r"|add new comment|neuen kommentar (?:schreiben|hinzufügen)|kommentar hinzufügen|ajouter un (?:nouveau )?commentaire"
    r"|añadir (?:nuevo )?comentario|agregar comentario|adicionar (?:novo )?comentário|aggiungi (?:un |nuovo )?commento"
    rf"|(?:{nl_pl.FORM}|{world_words.FORM})(?:\s+(?:{nl_pl.CANCEL}))?)\W*$", re.I)
NAV_LABEL = re.compile(r"^(?:[←«]\s*)?(?:(?:previous|next|older|newer)(?: post| entry| article)?|(?:ältere|neuere|vorheriger|nächster)"
                       r" (?:artikel|beitrag|beiträge)|article (?:précédent|suivant)|(?:entrada|artículo) (?:anterior|siguiente)"
                       r"|(?:post|artigo) (?:anterior|seguinte)|próximo (?:post|artigo)|articolo (?:precedente|successivo)|" + nl_pl.NAV + ")"
                       r"(?:\s*[→»])?:?$", re.I)


HANDLE = re.compile(r"@?[\w.\-]{2,30}")  # "anaya60", "@wren_k": a commenter's handle


def _name_like(line: str) -> bool:
    text = lo.strip_bullet(line)
    return lo.is_name(text, capitalised=True) or bool(HANDLE.fullmatch(text) and not text.isdigit()
                                                       and text[0].isupper())


# A year glued to what the next element printed ("20202. Februar", "2019Author"): a theme prints the published and the
# updated date side by side (WordPress's two <time> elements, one hidden), and a copy glues them and the next field.
_GLUED_YEAR = re.compile(r"\b((?:19|20)\d\d)(?=\d{1,2}\.|[^\W\d_][^\W\d_])")
_SAME_DATE_TWICE = re.compile(r"(\b\S.{4,24}?\b(?:19|20)\d\d) \1\b")  # the updated date, the same day as published


def unglue(text: str) -> str:
    """``text`` with a year glued to the next element parted, and a date printed twice (published, updated) once."""
    return _SAME_DATE_TWICE.sub(r"\1", _GLUED_YEAR.sub(r"\1 ", text))


def read_byline(text: str) -> tuple[str, str] | None:
    """(author, date text) for a byline or date line ("Posted on DATE by NAME", "By NAME · DATE"), else None."""
    text = unglue(text.strip())
    if not text or len(text) > 140:
        return None
    if lo.date_line(text):
        return "", text
    if (found := rtl.byline(text) or world_words.byline(text, parse_loose_date)) is not None:
        return found
    found = BYLINE.match(text)
    if found and len(found.group("author").split()) <= 5:
        when = re.split(r"\s*[·|]\s*", found.group("date1") or found.group("date2") or "")[0]
        author = _LABELLED_AFTER.split(found.group("author").strip())[0]  # "by NAME / Kategorien: Event, Fashion"
        name, rest = name_then_rest(author)  # "By NAME Nov 29, 2016": the date began inside the name's part
        if rest and parse_loose_date(f"{rest}, {when}" if when else rest):
            author, when = name, f"{rest}, {when}" if when else rest
        # "By the sea, …" is prose: without a date or "Posted", the name must look like one.
        plain = not when and not re.match(r"^\s*(?:posted|published|written|publicado|publié|veröffentlicht|publiziert|pubblicato|submitted"
                                          r"|verfasst|soumis|enviado|inviato|" + nl_pl.POSTED + ")",
                                          text, re.I)
        if plain and not re.match(r"^\s*by\s", text, re.I):
            return None  # "von", "par", "por" alone start too many ordinary sentences
        if (not when or parse_loose_date(when) or lo.relative_date(when)) and (not plain or _name_like(author)):
            return author, when
    found = DATED.match(text)
    if found and parse_loose_date(found.group("date")):
        return "", found.group("date")
    found = NAME_DOT_DATE.match(text)
    if found:
        a, b = found.group("a").strip(), found.group("b").strip()
        rest = [p.strip() for p in re.split(r"\s*(?:[·•|]|\s—)\s*", b)]
        dates = [p for p in [a, *rest] if parse_loose_date(p)]
        if dates and all(parse_loose_date(p) or READING_TIME.match(p) or _name_like(p) for p in [a, *rest]):
            name = next((p for p in [a, *rest] if _name_like(p) and not parse_loose_date(p)), "")
            name = re.sub(r"^(?:by|por|par|von)\s+", "", name, flags=re.I)
            return name, dates[0]
    return None



@dataclass
class _Draft:
    """A comment being read: its lines and what its header said."""

    first: int  # line number where it starts
    depth: int = 0
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    author: str = ""
    author_how: str = ""
    date: str = ""
    reply_to: str = ""
    kind: str = "comment"
    url: str = ""
    title: str = ""
    closed: bool = False
    loose: bool = False
    by_author: bool = False  # the theme's post-author badge stood by it  # started by plain text, not by a bullet or header
    unvouched: bool = False  # no comments heading, "says" header or comment buttons came before it
    bylined: bool = False  # its header is a post's byline in form ("DATE Par NAME", "par NAME le DATE")
    byline: bool = False  # …and nothing (a comments heading right above, a reply link) shows it is a comment's
    replied: bool = False  # a reply link's row stands under its text
    date_under: int = -1  # the line of the date read under its text (Blogger's place; text_dates_above may move it)

    def add(self, number: int, text: str, blank_before: bool) -> None:
        if blank_before and self.lines:
            self.lines.append("")
            self.numbers.append(-1)
        self.lines.append(text)
        self.numbers.append(number)

    @property
    def has_text(self) -> bool:
        return any(line.strip() for line in self.lines)


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines; a bullet line after prose also starts a new paragraph."""
    paras: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            if current:
                paras.append(current)
                current = []
        elif lo.bullet(line) and current and not lo.bullet(current[0][1]):
            paras.append(current)
            current = [(number, line)]
        else:
            current.append((number, line))
    if current:
        paras.append(current)
    return paras


def _article_markdown(para: list[str]) -> str:
    """A paragraph, or a run of bullet lines as a Markdown list (nested by indentation)."""
    if all(lo.bullet(line) for line in para):
        indents = sorted({len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) for line in para})
        items = []
        for line in para:
            depth = indents.index(len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()))
            ordered = re.match(r"^\s*(\d{1,3})[.)]\s+", line)
            marker = f"{ordered.group(1)}." if ordered else "-"
            items.append(f"{'   ' * depth}{marker} {plain_markdown(lo.strip_bullet(line))}")
        return "\n".join(items)
    return plain_markdown("\n".join(line.strip() for line in para))


_LOWER_NAME = re.compile(r"^[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){1,3}$")


def lower_name(text: str) -> bool:
    """A commenter's name of two to four words in lower case ("anna de vries"), which :func:`.text_headers.name_text`
    refuses as a short sentence's words: the header readers take it only with a date and a time right by it."""
    text = text.strip()
    return bool(_LOWER_NAME.match(text)) and text == text.lower() and not (
        lo.strong_boilerplate(text) or lo.weak_boilerplate(text) or lo.comments_heading(text) or lo.action_line(text))


# A name the page cut short to fit its column ("Spirit of Seventy Si...", "Annemarie Vander…"): an ellipsis glued to a letter.
_CUT = re.compile(r"(?<=[^\W\d_])(?:\.\.\.|…)$")
# A profile's field printed under a commenter's name ("Party: Independent", "Location: Leeds", "Beiträge: 212"): a
# label of one or two words, a colon and its value, no name.
FIELD_LINE = re.compile(r"^[^\W\d_][^\W\d_.'’-]*(?:\s[^\W\d_]+)?:\s+\S.{0,40}$")


def cut_short(text: str) -> str:
    """The name less the ellipsis the page cut it short with, or "" when it is not so cut."""
    text = text.strip()
    return _CUT.sub("", text) if _CUT.search(text) else ""


# A thread's page links under its last comment ("Page: 1 2 3 4 5  Next ›  Last »  (18 total)", "« Older 1 2 3 Newer »"):
# three page numbers or more in a row, a word or arrow before them and a few words after.
_PAGER = re.compile(r"^(?:[«‹←<]\s*)?(?:[^\W\d_]{2,12}\s*:?\s+){0,2}(?P<run>\d{1,3}(?:\s+\d{1,3}){2,})"
                    r"(?:\s+(?:[^\W\d_]{2,12}|[›»>→…]|\(\d+[^)]{0,15}\))){0,6}\s*$")


def pager_line(text: str) -> bool:
    """Whether ``text`` is a list of page links: its numbers count up one by one."""
    found = _PAGER.match(text.strip())
    numbers = [int(n) for n in found.group("run").split()] if found and len(text) <= 100 else []
    return bool(numbers) and all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
