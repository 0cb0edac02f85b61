"""A comment's button row in a text copy ("Reply", "924Reply", "AntwortenLöschen", "Alerter Répondre"), and which
rows carry a reply link: the one button that proves a reader's comment (a share, like or follow button, a page number
or a count is printed under teasers and in footers too)."""

from __future__ import annotations

import re

from . import furniture
from . import leftovers as lo
from . import nl_pl
from . import rtl
from . import world_words

# A comment's reply link, under its text (Drupal, many themes): the one button a post's own share and like rows lack.
_REPLY = furniture.LATIN_REPLY + r"|replies|" + rtl.REPLY + "|" + world_words.REPLY
# A reply link in the forms themes print it ("Log in to Reply", "Reply ↓", "3 replies", "Zum Antworten"): the proof that
# a header above it is a reader's comment. A share, like or follow button, a page number or a count prove nothing: a
# teaser list and a site's footer print them too.
REPLY_LINK = re.compile(rf"^[↳↓→•\s]*(?:\d+\s*)?(?:(?:log in|login|sign in|anmelden|connectez-vous|inicia sesión) (?:to|um zu|pour|para) |zum )?"
                        rf"(?:{_REPLY}|responda|(?:hide|show|view) repl(?:y|ies)|like or reply|reply\s*share)(?:\s+(?:anmelden|einloggen))?\W*$", re.I)
# Blogger's reply and delete links, glued even where a theme prints them in capitals ("REPLYDELETE", "ANTWORTENLÖSCHEN")
_REPLY_DELETE = rf"(?:{_REPLY})\s*(?:delete|löschen|supprimer|eliminar|excluir|elimina|usuń|verwijderen)"
_REPLY_DELETE_ROW = re.compile(_REPLY_DELETE, re.I)  # such a row alone (reply_row)
# Button rows the action patterns of :mod:`.leftovers` do not know: counts glued to "Reply" ("924Reply"),
# follow buttons naming the commenter, Kinja's and Disqus's menus.
BUTTONS = re.compile(
    rf"^(?:\d+\s*(?:{_REPLY})"
    r"|(?:un)?follow\s+(?!us\b)\S.{0,50}|go to permalink|permalink"
    r"|permalien|enlace permanente|link permanente"
    r"|flagged|unflag|block for .{1,40}|invite(?: manually)?|profile\s*follow\s*unfollow|x?dismiss\s*x?undismiss"
    rf"|{rtl.REPLY}|report|melden|signaler|alerter|denunciar|segnalare|hide|share(?: it)?|teilen|partager|compartir|compartilhar|condividi"
    r"|vote up|vote down|\d+\s*(?:likes?|gefällt mir|j['’]aime|me gusta|curtidas?|mi piace)"
    # thumbs, delete and translate buttons (wpDiscuz, Blogger), in the languages read
    r"|liken|daumen (?:hoch|runter)|thumbs? (?:up|down)|löschen|delete|supprimer|eliminar|excluir|elimina|usuń"
    r"|delete comment|kommentar löschen|supprimer(?: le)? commentaire|eliminar comentario|excluir comentário|elimina commento"
    rf"|{_REPLY_DELETE}"
    # wpDiscuz's sort row and subscription line, page links of a long thread
    r"|(?:newest\s+oldest|neu?e?ste\s+älteste|plus récents\s+plus anciens|más nuevos\s+más antiguos|mais recentes\s+mais antigos"
    r"|più recenti\s+più vecchi)\b.{0,30}"
    r"|(?:notify of|kommentare abonnieren|s['’]abonner aux commentaires|suscribirse a (?:los )?comentarios"
    r"|inscrever-se nos comentários|iscriviti ai commenti).{0,40}"
    r"|(?:[←«]\s*)?(?:previous|older|newer|next|ältere|neuere|vorherige|nächste) comments?(?:\s*[→»])?"
    r"|(?:[←«]\s*)?(?:ältere|neuere) kommentare(?:\s*[→»])?|commentaires (?:précédents|suivants|plus anciens)"
    r"|comentarios (?:anteriores|siguientes|más antiguos)|comentários (?:anteriores|seguintes)|commenti (?:precedenti|successivi)"
    r"|translate|übersetzen|traduire|traducir|traduzir|traduci|beantworten|odpowiedz|reageer|beantwoorden"
    # the link to a comment's replies with their count, glued or not ("Show replies (2)", "Antworten anzeigen (3)")
    r"|(?:show|view|hide|see)\s*(?:all\s*)?(?:\d+\s*)?repl(?:y|ies)\s*\(\d+\)|antworten\s*(?:anzeigen|ausblenden)(?:\s*\(\d+\))?"
    r"|(?:voir|afficher|masquer)\s*(?:les\s*)?réponses(?:\s*\(\d+\))?|(?:ver|mostrar|ocultar)\s*(?:las\s*|as\s*)?respu?estas(?:\s*\(\d+\))?"
    r"|(?:mostra|nascondi|vedi)\s*(?:le\s*)?risposte(?:\s*\(\d+\))?"
    # WordPress's share buttons in the other languages ("Haz clic para compartir en Twitter (Se abre en una ventana nueva)")
    r"|pages|pagine|páginas|seiten|successiva|precedente|suivante|précédente|siguiente|próxima|nächste|vorherige"
    r"|(?:last|ultima|última|dernière|letzte)\s*»|\d{1,3}"  # a list of comment pages
    r"|(?:me gusta esto|gefällt mir|j['’]aime(?: ceci)?|curtir isso|mi piace(?: questo)?)\s*:"
    r"|(?:haz clic|clique|cliquez|fai clic|klicken)\b.{0,40}\b(?:compartir|compartilhar|partager|condividere|teilen"
    r"|imprimir|imprimer|stampare|drucken|enviar|envoyer|inviare|senden)\b.*|" + nl_pl.BUTTONS + "|" + nl_pl.SHARE + "|"
    + world_words.BUTTONS + r")\W*$",
    re.I)
# An invitation printed after a comment count on its line ("33 Leser-Kommentare Geben Sie jetzt Ihre Meinung … ab",
# "12 comments Share your thoughts"): a verb of giving or telling, then the reader's opinion, in the languages read.
INVITE = (r"(?:(?:geben|sagen|teilen|schreiben) sie|gib|sag|teile|share|tell us|give|leave|add|donnez|dites|partagez|laissez|deja|da|comparte"
          r"|dê|deixe|compartilhe|di|lascia|condividi)\b.{0,50}?\b(?:meinung|opinions?|thoughts|views?|avis|opinión|opinião|opinione"
          r"|parere)\b.{0,50}")
# A comment form's lone submit button ("Senden", "Post Comment", "Envoyer le commentaire"): no comment.
FORM_BUTTON = re.compile(r"^(?:kommentar\s+)?(?:submit|send|post|publish|senden|absenden|abschicken|veröffentlichen|envoyer|publier|enviar|publicar|invia"
                         r"|pubblica|verzenden|plaatsen|wyślij|opublikuj)(?:\s+(?:comment|kommentar|le commentaire|comentario"
                         r"|comentário|commento|reactie|komentarz))?\W*$", re.I)
# Where innerText glues two buttons with no space between them ("AntwortenLöschen", "Daumen hoch6Daumen runter").
_GLUED = re.compile(r"\s{2,}|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[a-zäöüßàâçéèêëîïôûùüÿñæœ])(?=[A-ZÄÖÜÀÂÇÉÈÊËÎÏÔÛÙÑ])")


_DOTS = re.compile(r"\s+[·•|]\s+")


# Reddit's thread rows, in the lower case it prints them: a comment's depth, the link deeper into the thread, an edit's time.
_THREAD_ROW = re.compile(r"level \d{1,2}|[Cc]ontinue this thread|\d+ more repl(?:y|ies)|edited (?:\d+|an?) \w+\.? ago")


def _one_button(text: str) -> bool:
    return lo.action_line(text) or (0 < len(text) <= 80 and bool(BUTTONS.match(text) or _THREAD_ROW.fullmatch(text)))


# A link to a comment's replies, printed before its other buttons ("Lire la réponse à ce commentaire Alerter Répondre").
_REPLIES_LINK = re.compile(r"^(?:lire (?:la|les) réponses?(?: à ce commentaire)?|voir (?:la|les) réponses?|(?:view|show|see) (?:the |\d+ )?"
                           r"repl(?:y|ies)|antwort(?:en)? (?:anzeigen|lesen)|ver (?:la |las )?respuestas?)\s+(?=\S)", re.I)


def button_row(line: str) -> bool:
    """A comment's button row ("Reply", "924Reply", "Follow jnovo22", "Report", "LikenLiken"), in the languages read."""
    whole = line.strip().lstrip("/|·• ")  # "/ Responder": the separator after the date's link
    text = _REPLIES_LINK.sub("", whole)
    if _one_button(text) or _one_button(whole) or REPLY_LINK.match(whole):
        return True
    if len(text) > 80:
        return False
    # glued ("AntwortenLöschen"), one word a button with single spaces ("Alerter Répondre"), or buttons parted by dots
    # or bars ("Antworten · Gefällt mir · Melden", "Reply | Report")
    if any(len(parts) > 1 and all(_one_button(p) for p in parts if p) and any(not p.isdigit() for p in parts)
           for parts in ([p.strip() for p in _GLUED.split(text)], text.split(), [p.strip() for p in _DOTS.split(text)])):
        return True
    # three parts or more parted by bars or dots, all buttons but one word ("History | Permalink | Share it")
    parts = [p.strip() for p in _DOTS.split(text)]
    others = [p for p in parts if not _one_button(p)]
    return len(parts) >= 3 and len(others) == 1 and len(others[0].split()) == 1 and not others[0].isdigit()


def reply_row(line: str) -> bool:
    """A button row with a reply link in it ("Reply", "LikeReply", "Antworten Löschen", "924Reply")."""
    text = line.strip()
    return bool(REPLY_LINK.match(text) or _REPLY_DELETE_ROW.fullmatch(text)) or (len(text) <= 80 and button_row(text)
                                            and any(REPLY_LINK.match(p.strip()) for p in [*_GLUED.split(text), *_DOTS.split(text)] if p))


def comment_form_line(text: str) -> bool:
    """The comment form's cancel link, heading or submit button ("Anuluj", "Publicar comentario"): no name."""
    return furniture.form_control(text) or bool(FORM_BUTTON.match(text.strip()))
