"""A forum thread whose posts each stand under the poster's card (XenForo, vBulletin and their kind) in a text copy.

Such forums print no "NAME » DATE" header (see :mod:`.text_forum`): each post has a card of short lines over its
text, with the poster's name, a rank ("Senior Member", "Well-known member"), the profile's labelled figures
("Joined" over "Jan 2, 2019", "Messages" over "212", "Reaction score"; "Join Date: Jan 2019", "Posts: 212"), the
post's date ("Mar 14, 2026"; "Old 03-14-2026, 10:30 AM") and its number ("#2"). Those labels are the platforms'
stock strings, in the languages read; one card proves nothing, so a thread is two cards or more, each with a name
and a dated post and text of its own under it. The first post is the article, the others its comments.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import leftovers as lo
from . import text_forum
from .furniture import LATIN_REPLY, LIKE
from .text_buttons import button_row, reply_row
from .text_forum import CHROME, REPLY_TITLE
from .text_headers import date_text, name_text
from .text_patterns import _Draft

# The profile's labels on a card (XenForo's, vBulletin's), alone on a line over their value or with it after them.
_LABELS = (r"joined|join date|messages|posts|reaction score|likes received|trophy points|points|location"
           r"|registriert(?: seit)?|beiträge|reaktionspunkte|punkte|ort|wohnort"
           r"|inscrit|inscription|date d['’]inscription|réactions|score de réaction|localisation"
           r"|registrado|fecha de ingreso|mensajes|puntuación de reacción|puntos|ubicación"
           r"|iscritto|data registrazione|messaggi|punteggio reazioni|punti|località"
           r"|membro desde|data de ingresso|mensagens|pontuação de reações|pontos|localização")
LABEL = re.compile(rf"^(?:{_LABELS})\s*:?\s*(?P<value>.{{0,40}})$", re.I)
_NUMBER = re.compile(r"^#\s?\d+$")  # the post's number
_OLD = re.compile(r"^(?:old|alt|ancien|antiguo|vecchio)\s+(?=\d)", re.I)  # vBulletin's post icon's word before its date
_DEFAULT = re.compile(r"^(?:default|standard|défaut|predeterminado|predefinito|padrão)\b\s*", re.I)  # vBulletin's icon
_BOOKMARK = re.compile(r"^(?:add bookmark|lesezeichen hinzufügen|ajouter un marque-page|añadir marcador"
                       r"|aggiungi segnalibro|adicionar marcador|bookmark)$", re.I)
# A row of a post's buttons: "Like Quote Reply", "Gefällt mir Zitieren Antworten", "Reply With Quote", "Report".
_BUTTON = (r"reply with quote|mit zitat antworten|répondre avec citation|responder con cita|rispondi citando"
           r"|responder com citação|multi-?quote|like|" + LIKE + r"|gostei|quote|zitieren"
           r"|zitat|citer|citar|cita|citazione|" + LATIN_REPLY + r"|report|melden|signaler"
           r"|reportar|segnala|denunciar|share|teilen|partager|compartir|condividi|partilhar")
_FURNITURE = re.compile(rf"^(?:(?:{_BUTTON})\s*)+$", re.I)
RANK = re.compile(r"\b(?:member|mitglied|membre|miembro|membro|membre|moderator|modérateur|moderador|moderatore|admin"
                  r"|administrator|administrateur|administrador|amministratore|staff|team|user|benutzer|utilisateur"
                  r"|usuario|utente|utilizador|newbie|neuling|veteran|guest|gast|invité|invitado|ospite|convidado)$", re.I)
CARD_LINES = 8  # filled lines of a card over its first label: the post's number and date, the name, the rank
PROSE_WORDS = 6  # a line this long, or a sentence, is a post's text and no card's
MIN_CARDS = 2


class Card(NamedTuple):
    """One post: its card's first line, the line of its date, the poster, the date, the first line under the card."""

    start: int
    at: int
    name: str
    date: str
    body: int


def _short(text: str) -> bool:
    return bool(text) and len(text.split()) < PROSE_WORDS and not text.endswith((".", "!", "?", "…"))


def _when(text: str) -> str | None:
    """The post's date on a card's line ("Old 03-14-2026, 10:30 AM", "Mar 14, 2026"), else None."""
    return date_text(_OLD.sub("", text)) if any(ch.isdigit() for ch in text) else None


def _labels(lines: list[str]) -> list[int]:
    """The profile labels' lines: a label with its value after it, or alone over a value of a few words."""
    out = []
    for i, line in enumerate(lines):
        found = LABEL.match(line.strip())
        if found is None:
            continue
        below = next((lines[k].strip() for k in range(i + 1, min(len(lines), i + 3)) if lines[k].strip()), "")
        value = found.group("value") or below
        if any(ch.isdigit() for ch in value) and len(value.split()) <= 4:
            out.append(i)
    return out


def _card(lines: list[str], group: list[int], floor: int) -> Card | None:
    """The card around the labels at ``group``: up over its number, date, name and rank, down over the labels'
    values, the date, the number and a vBulletin post's "Default" title."""
    values = {next(k for k in range(i + 1, len(lines)) if lines[k].strip()) for i in group
              if not LABEL.match(lines[i].strip()).group("value")}
    start, seen, k = group[0], 0, group[0] - 1
    while k >= floor and seen < CARD_LINES:
        text = lines[k].strip()
        if text and (not _short(text) or button_row(text) or reply_row(text) or _FURNITURE.match(text)):
            break
        if text:
            seen, start = seen + 1, k
        k -= 1
    k = group[-1] + 1
    while k < len(lines):
        text = lines[k].strip()
        if text and not (k in values or _NUMBER.match(text) or _BOOKMARK.match(text) or LABEL.match(text)
                         or _when(text) and _short(text)):
            break
        k += 1
    if k < len(lines) and _DEFAULT.match(lines[k].strip()):
        k += 1  # "Default Re: TITLE", or "Default" alone: the post's icon and its title
    date = at = None
    above: list[str] = []  # the lines over the labels after the last date or number: the name, maybe a rank
    for i in range(start, k):
        text = lines[i].strip()
        if not text or i in group or i in values or _BOOKMARK.match(text) or LABEL.match(text):
            continue
        if _NUMBER.match(text) or (when := _when(text)) is not None:
            above = [] if i < group[0] else above
            if not _NUMBER.match(text) and date is None:
                date, at = when, i
        elif i < group[0]:
            above.append(text)
    if len(above) > 1 and RANK.search(above[-1]):
        above.pop()
    name = above[-1] if above and name_text(above[-1]) else None
    return Card(start, at, name, date, k) if name and date else None


def cards(lines: list[str]) -> list[Card]:
    """The thread's posts, or [] when the copy is no such thread: two cards or more, each with a name and a date,
    and most of them over text of their own."""
    labels = _labels(lines)
    groups: list[list[int]] = []
    for i in labels:
        if groups and i - groups[-1][-1] <= 4:
            groups[-1].append(i)
        else:
            groups.append([i])
    found: list[Card] = []
    for group in groups:
        card = _card(lines, group, found[-1].body if found else 0)
        if card is None:
            return []  # a card without a name or a date: some other page's figures
        found.append(card)
    texts = sum(_text_under(lines, card.body) for card in found)
    return found if len(found) >= MIN_CARDS and 2 * texts > len(found) else []


def _text_under(lines: list[str], i: int) -> bool:
    text = next((line.strip() for line in lines[i:i + 4] if line.strip()), "")
    return bool(text) and not (LABEL.match(text) or button_row(text) or _FURNITURE.match(text))


def furniture(text: str) -> bool:
    """A line of a post's chrome under its text: its buttons ("Like Quote Reply", "Reply With Quote", "Report")."""
    return bool(CHROME.match(text) or _FURNITURE.match(text) or button_row(text) or reply_row(text)
                or _BOOKMARK.match(text))


def named_topic(lines: list[str], found: list[Card]) -> str | None:
    """The topic that the replies' "Re: TITLE" names (vBulletin prints it after "Default"), if any."""
    for card in found[1:]:
        title = _DEFAULT.sub("", lines[card.body - 1].strip()) if card.body > card.at else ""
        if (named := REPLY_TITLE.match(title)) is not None:
            return named.group("title")
    return None


def drafts(lines: list[str], found: list[Card], label) -> list[_Draft]:
    """A comment draft for each reply (every post after the first): its text up to the next card, less its
    buttons; the card's lines are the poster's furniture."""
    out: list[_Draft] = []
    for k, card in enumerate(found[1:], start=1):
        stop = found[k + 1].start if k + 1 < len(found) else len(lines)
        for i in range(card.start, card.body):
            if lines[i].strip():
                label(i, "comment author and date (forum post)" if i == card.at else "dropped forum post furniture")
        draft = _Draft(first=card.at, author=card.name, author_how="header", date=card.date)
        blank, tail = False, False
        for i in range(card.body, stop):
            text = lines[i].strip()
            if not text:
                blank = True
                continue
            if tail or furniture(text):
                label(i, "dropped forum post furniture")
                tail = tail or k + 1 >= len(found) and draft.has_text  # the thread's links after the last post
                continue
            draft.add(i, text, blank)
            blank = False
        out.append(draft)
    return out


def split(reader, lines: list[str], title_at: int, body: int, end: int):
    """A forum thread's first post is the article, its replies the comments: (the article's end, a maker of the
    replies' drafts, or None when the copy is no thread). ``reader`` is the text copy's reader: its labels, byline
    and date take the first post's."""
    if thread := text_forum.posts(lines):  # "Beitrag von NAME » DATE" over each post
        if (cut := text_forum.block_start(lines, thread[1], body)) > body:
            end = cut
            if title_at < thread[0] < end and (first := text_forum.post_header(lines[thread[0]])) is not None:
                reader.label(thread[0], "byline (the first post's header)")  # "Beitrag von NAME » DATE": the author's
                if not reader.author or reader.author.startswith(first[0]):
                    reader.author = first[0]  # "by NAME » DATE" read as a byline keeps the "»" and what follows
                if not reader.date:
                    reader.set_date(first[1], thread[0])
        return end, ((lambda stop: text_forum.drafts(lines, thread, stop, reader.label)) if end > body else None)
    found = cards(lines)
    if not found or found[1].start <= body:
        return end, None
    first = found[0]
    if title_at < first.at < found[1].start:
        for i in range(max(first.start, body), first.body):
            if lines[i].strip():  # the card's join date is no post date, its labels no author
                reader.labels[i] = "byline (the first post's card)"
        if not reader.author or reader.author in {line.strip() for line in lines[first.start:first.body]}:
            reader.author = first.name
        reader.set_date(first.date, first.at)
    for i in range(body, found[1].start):
        if not first.start <= i < first.body and (furniture(text := lines[i].strip()) or _STARTER.match(text)):
            reader.drop(i, "forum post furniture")  # the first post's buttons
    return found[1].start, lambda stop: drafts(lines, found, reader.label)


_STARTER = re.compile(r"^(?:thread starter|themenstarter|ersteller|auteur de la discussion|créateur de la discussion"
                      r"|iniciador del tema|autore discussione|criador do tópico|autor do tópico)\b.{1,80}$", re.I)


def topic_line(lines: list[str]) -> int | None:
    """A forum thread's title over its first post: the line the replies name ("Re: TITLE"), or the line over
    XenForo's "Thread starter NAME Start date DATE"."""
    if thread := text_forum.posts(lines):
        return text_forum.topic_line(lines, thread)
    if not (found := cards(lines)):
        return None
    head = [i for i in range(found[0].start) if lines[i].strip()]
    if (named := named_topic(lines, found)) is not None:
        key = lo.headline_key(named)
        return next((i for i in reversed(head) if lo.headline_key(lines[i]) == key), None)
    return next((head[k - 1] for k in range(len(head) - 1, 0, -1) if _STARTER.match(lines[head[k]].strip())), None)
