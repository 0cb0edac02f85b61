"""A saved page's comments with the commenter's name, not the labels printed around it, and each comment once.

Comment readers take the name from the element a theme marks as the author, or
from a header line; many themes put more there than the name. What is not a
name is taken off, in any language a site writes it:

- a profile action before it ("Enviar mensaje a NAME", "Send a message to
  NAME", "Nachricht an NAME senden", "View profile of NAME");
- a counter or membership line glued after it ("NAME 38 Fans", "NAME 1,024
  followers", "NAME Member since 2009", "NAME Registriert seit 2011");
- the comment's number ("#12", "Reply #3", "Kommentar Nr. 5"), as the name or
  as the first line of the text. When the number stood where the name goes and
  the text opens with a link on a line of its own, that link is the
  commenter's profile and its words are the name.

When nothing is left that could be a name, the comment is held ``pending``
with the reason: a label is never published as a reader's name. The same
comment (same name, text and date) read twice from one page (a thread printed
for phones and for desktops, a lazy-loaded copy) is stored once.
"""

from __future__ import annotations

import re

from .furniture import LATIN_REPLY
from .leftovers import SAID
from .model import ImportedComment
from .names import name_then_rest, parse_loose_date

# Profile actions a theme prints with the commenter's name (its message, profile and follow buttons).
_ACTION_BEFORE = re.compile(
    r"^(?:send\s+(?:a\s+)?(?:private\s+)?(?:message|pm)\s+to|view\s+(?:the\s+)?profile(?:\s+of)?|profile\s+of"
    r"|follow|nachricht\s+an|private\s+nachricht\s+an|profil\s+(?:von|anzeigen)|folgen"
    r"|envoyer\s+un\s+(?:message|mp)\s+(?:à|a)|voir\s+le\s+profil\s+de|suivre"
    r"|enviar\s+(?:un\s+)?mensaje\s+(?:privado\s+)?a|ver\s+(?:el\s+)?perfil\s+de|seguir(?:\s+a)?"
    r"|enviar\s+mensagem\s+(?:para|a)|invia\s+(?:un\s+)?messaggio\s+(?:privato\s+)?a|visualizza\s+(?:il\s+)?profilo\s+di"
    r"|segui|stuur\s+(?:een\s+)?bericht\s+(?:naar|aan)|bekijk\s+(?:het\s+)?profiel\s+van|volgen)\s*:?\s+(?=\S)",
    re.I)
# The action's end when it wraps the name ("Nachricht an NAME senden"), and "NAME's profile".
_ACTION_AFTER = re.compile(r"\s+(?:senden|schreiben|sturen)$", re.I)
_PROFILE_AFTER = re.compile(r"['’]s\s+profile$", re.I)
# A label that is an action and nothing else (the name lost).
_ACTION_ALONE = re.compile(rf"^(?:send\s+(?:a\s+)?message|{LATIN_REPLY}"
                           r"|follow|folgen|suivre|seguir|segui|volgen|view\s+profile|profil|perfil|profilo|profiel"
                           r"|quote|zitieren|citer|citar|cita|report|melden|signaler|denunciar|segnala)$", re.I)
# The reply button's label a theme prints at the end of the header line ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten").
_REPLY_AFTER = re.compile(rf"\s*[-–—|·]?\s*(?:{LATIN_REPLY}|repondre|reageren|svara|svar)$", re.I)
# The name's "says" before the date ("Kay says: May 3, 2020 at 4:47 pm", "NAME says:" in ".comment-author", "Jan zei:"):
# the text copy's header verbs (leftovers.SAID), which every saved-page reader reads too. The bylines' (names) leave
# out "said": "Edward Said" is a name.
SAYS_AFTER = re.compile(rf"\s+(?:{SAID})\s*:?$", re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:h.]\d{2}\b")
# A count or membership line after the name ("38 Fans", "1.2K followers", "Member since May 2010").
_COUNTER_AFTER = re.compile(
    r"\s*[,|·•]?\s+(?:\d[\d.,\s]*[km]?\s*(?:fans?|followers?|follower|folgende|abonnés?|abonnes|abonnenten|seguidores?"
    r"|seguaci|volgers|beiträge|beitrag|posts?|comments?|kommentare?|commentaires?|comentarios?|comentários?|commenti"
    r"|reacties|messages?|nachrichten|points|punkte|karma|likes?|reputation)"
    r"|(?:member|mitglied|membre|miembro|membro|lid)\s+(?:since|seit|depuis|desde|dal|dall['’]|sinds)\b.*"
    r"|(?:registriert|inscrit|iscritto|registrado|joined)\s+(?:seit|depuis|le|dal|desde|en|em|on|in)?\b.*)$", re.I)
# The comment's number, as the platform prints it.
_NUMBER = (r"(?:#\s*\d+|(?:reply|comment|post|antwort|kommentar|beitrag|commentaire|réponse|reponse|comentario"
           r"|comentário|respuesta|resposta|commento|risposta|reactie)\s*(?:#|nr\.?|no\.?|n[º°o]\.?|№)\s*\d+)")
_NUMBER_ALONE = re.compile(rf"^{_NUMBER}\.?$", re.I)
_NUMBER_AROUND = re.compile(rf"^{_NUMBER}\s*[-–—:|·.]?\s+(?=\S)|\s+[-–—|·]?\s*{_NUMBER}$", re.I)
# The text's first line when it is the comment's number alone (a Markdown line break's backslash after it).
_NUMBER_LINE = re.compile(rf"^\s*{_NUMBER}\.?\s*\\?\s*(?:\n+|$)", re.I)
# A link alone on the text's first line: the commenter's profile, when the number stood where the name goes.
_LINK_LINE = re.compile(r"^\[(?P<name>[^\]\n]{1,60})\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)\s*\\?\s*(?:\n+|$)")
# What a profile card prints under the name ("Party: Independent", "Location: Ohio"): a label and a short value.
_CARD_LINE = re.compile(r"^[^\W\d_][\w .'-]{0,24}:\s*\S.{0,30}$")


def comment_name(name: str) -> str:
    """``name`` without the actions, counters and number printed around it; "" when nothing is left that could be a
    name (an action or a number alone)."""
    name = " ".join(name.split())
    for _ in range(3):  # "Send a message to NAME 38 Fans #12": each kind once, in any order
        if _NUMBER_ALONE.match(name):  # "Antwort #2": the number is all there is, not a name's suffix
            return ""
        before = name
        name = _ACTION_BEFORE.sub("", name)
        if name != before:  # "Nachricht an NAME senden": the action's last word too
            name = _ACTION_AFTER.sub("", name)
        name = _PROFILE_AFTER.sub("", name)
        name = _REPLY_AFTER.sub("", name) if " " in name else name  # "Kay Antworten": the button glued on
        name = _COUNTER_AFTER.sub("", name).strip()
        name = _NUMBER_AROUND.sub("", name).strip()
        if name == before:
            break
    return "" if _NUMBER_ALONE.match(name) or _ACTION_ALONE.match(name) else name


def header_name(printed: str, lang: str = "") -> tuple[str, object]:
    """(the name, the date) of a whole header line taken for the name ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten",
    "Kay says: January 20, 2020 at 11:27 am", "link78 Le 12/02 à 11:30"): the name before a date that reads as one,
    or that prints a time of day; (``printed``, None) when no date follows the name."""
    text = _REPLY_AFTER.sub("", " ".join(printed.split()))
    head, rest = name_then_rest(text)
    head = SAYS_AFTER.sub("", head).strip()
    if not head or not rest or not any(ch.isdigit() for ch in rest):
        return printed, None
    when = parse_loose_date(rest, lang)
    if when is None and not _CLOCK.search(rest):
        return printed, None  # "reason 1", "Bürger 635": a handle that ends in digits
    return head, when


def _card_only(text: str) -> bool:
    """Nothing but a profile card's lines ("Party: Independent"), or nothing at all: no text a reader wrote."""
    lines = [line.strip(" \\") for line in text.splitlines() if line.strip(" \\")]
    return all(_CARD_LINE.match(line) for line in lines)


def tidy_comment_names(comments: list[ImportedComment], notes: list[str], lang: str = "") -> list[ImportedComment]:
    """``comments`` with each name as :func:`comment_name` reads it, the number off the text's first line, the
    unnamed held ``pending``, and a comment repeated in the page (same name, text and date) kept once; what it
    changed is said in ``notes``."""
    out, seen, same_as = [], {}, {}
    for comment in comments:
        if comment.kind != "comment":
            out.append(comment)
            continue
        _tidy(comment, lang)
        key = (comment.author, comment.body, comment.created)
        # Only a named and dated comment is known to be the same one: two unnamed readers may both write "Thanks!".
        if key in seen and comment.created is not None and comment.author != "Anonymous":
            same_as[comment.local_id] = seen[key].local_id
            notes.append(f"comment {comment.local_id} repeats comment {seen[key].local_id} (same name, text and date: "
                         "the page prints its thread twice); kept once")
            continue
        seen[key] = comment
        out.append(comment)
    for comment in out:
        comment.parent = same_as.get(comment.parent, comment.parent) if comment.parent else comment.parent
    return out


def _tidy(comment: ImportedComment, lang: str = "") -> None:
    printed = comment.author
    if printed and printed != "Anonymous":
        named, when = header_name(printed, lang)
        if named != printed:
            printed, comment.created = named, comment.created or when
    named = comment_name(printed) if printed and printed != "Anonymous" else printed
    number_for_name = bool(printed) and named == "" and _NUMBER_ALONE.match(" ".join(printed.split())) is not None
    body = _NUMBER_LINE.sub("", comment.body, count=1)
    if body.strip():
        comment.body = body
    if number_for_name and (link := _LINK_LINE.match(comment.body)) is not None:
        named, rest = link["name"].strip(), comment.body[link.end():]
        comment.website = comment.website or (link["url"] if link["url"].startswith(("http://", "https://")) else "")
        if _card_only(rest):
            comment.hold(f"the comment's number ({printed!r}) and its writer's profile ({named!r}) but no text of its "
                         "own: its text stands elsewhere on the page")
        else:
            comment.body = rest
    if named:
        comment.author = named
        return
    comment.author = "Anonymous"
    if printed and printed != "Anonymous":
        comment.hold(f"no name where the name goes, only {printed!r} (the comment's number or a button's label)")
