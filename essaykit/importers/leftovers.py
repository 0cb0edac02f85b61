"""What blog-page leftovers look like: comment-form boilerplate, signatures, comment headers, pingbacks.

The importers own these patterns: the text and saved-page importers
(:mod:`essaykit.importers.text`, :mod:`essaykit.importers.html_page`) drop or
read these lines, and `essaykit check` warns when an essay's own cells still
contain them (:mod:`essaykit.importers.check`, which the checker calls from
above; the essay model below does not know about blogs).

Lines are judged whole (after stripping a bullet). Two strengths of
boilerplate exist: *strong* lines ("Fill in your details below or click an
icon to log in:") are never prose; *weak* ones ("Leave a Reply", "Related",
"Share") are ordinary words, and count as boilerplate only where structure
says so: after the article's end, or next to strong boilerplate.
"""

from __future__ import annotations

import re

from . import nl_pl
from . import world_words as ww
from .furniture import (AUTHOR_MARK, FIELD_LABELS, LATIN_REPLY, LIKE, LOCAL_RELATIVE_DATE, WEAK_FORM, author_mark,  # noqa: F401
                        local_furniture, newsletter_box, split_author_mark)

# --- bullets -----------------------------------------------------------------------------------

BULLET = re.compile(r"^(?P<indent>\s*)(?P<mark>[•◦▪▫‣∙·●○■□◆◇►▸➤*+\-–]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
DEEP_MARKS = {"◦": 1, "○": 1, "▪": 2, "▫": 2, "■": 2, "□": 2, "‣": 1, "▸": 2}


def bullet(line: str) -> tuple[int, str] | None:
    """(depth, text) of a bullet line, None otherwise. Depth grows with indentation and with ◦ or ▪ marks."""
    found = BULLET.match(line.expandtabs(4))
    if found is None:
        return None
    indent = len(found.group("indent"))
    return max(indent // 2, DEEP_MARKS.get(found.group("mark"), 0)), found.group("text").strip()


def strip_bullet(line: str) -> str:
    found = bullet(line)
    return found[1] if found else line.strip()


# --- boilerplate -------------------------------------------------------------------------------

_LOGIN_PROVIDERS = r"(?:wordpress(?:\.com)?|google|twitter|x|facebook|gravatar|tumblr|linkedin|github|apple|mastodon|email|openid)"
STRONG_BOILERPLATE = re.compile(
    r"^(?:"
    r"fill in your details below(?: or click an icon to log in)?\W*"
    rf"|{_LOGIN_PROVIDERS} (?:logo|photo|picture|avatar|icon)"
    r"|you are commenting using your\b.*"
    r"|\(?\s*log ?out\s*/\s*change\s*\)?"
    r"|connecting to (?:%s|\S+)\s*(?:…|\.\.\.)?"
    r"|notify me of (?:new|follow-up|followup)\b.*"
    r"|this site uses akismet\b.*|learn how your comment data is processed\W*"
    r"|save my name,? email,? and website\b.*|your email address will not be published\b.*"
    r"|required fields are marked\b.*|(?:" + FIELD_LABELS + r"|mail)\s*(?:\*|\(required\))"
    r"|mail \(will not be published\).*"
    r"|create a free website or blog at wordpress\.com\W*|(?:blog|website) (?:powered by|at) wordpress\.com\W*"
    r"|(?:proudly )?powered by (?:wordpress|blogger|ghost|disqus|jetpack|medium|squarespace|wix)\b.*"
    r"|theme:? .{1,60} by .{1,60}\."
    r"|(?:like )?loading(?:…|\.\.\.)|be the first to like this\W*|\d+ bloggers? likes? this\W*"
    r"|liked by \d+ (?:people|person)|share this:|like this:|share this post|reblog"
    r"|click to (?:share|email|print|like|tweet)\b.*|\(opens in new window\)"
    r"|posted in .+\|\s*tagged .+|posted in .{1,80}\|.{1,80}|filed under:? .+\|.+|bookmark the permalink\W*"
    r"|this entry was posted in .{1,200}|click here to cancel reply\W*|you must be logged in to post a comment\W*"
    r"|comments are closed\W*|comments? (?:are|is) closed\W*"
    r"|subscribe to:? post comments \(atom\)|post a comment|newer post\s+older post(?:\s+home)?"
    r"|email this\s*blogthis!.*|share to (?:twitter|facebook|pinterest|x)\b.*"
    r"|this comment has been removed by (?:the author|a blog administrator)\W*"
    r"|note: only a member of this blog may post a comment\W*"
    r"|join the discussion(?:…|\.\.\.)?|sort by (?:best|newest|oldest|top)|(?:log in|sign up) with"
    r"|or sign up with disqus\b.*|please access our privacy policy\b.*|i'?d rather post as a guest"
    r"|add disqus to your site|do not sell my (?:personal )?data|be the first to comment\W*"
    r"|\d+ min read|member-only story|open in app|recommended from medium|see all responses"
    r"|what are your thoughts\?|sign up for more like this\W*|become a member of .+ to start commenting\W*"
    r"|already a member\? sign in|already have a wordpress\.com account\? log in now\W*"
    r"|privacy & cookies:.*|to find out more, including how to control cookies.*"
    r"|report this content|view site in reader|manage subscriptions|collapse this bar"
    r"|about these ads|advertisements?|report this ad|privacy settings|occasionally, some of your visitors may see an advertisement.*"
    r"|leave a (?:reply|comment) to .{1,80}|leave a (?:reply|comment)\s+cancel reply|cancel reply|post comment"
    r"|submit comment|skip to (?:main )?content|gravatar|(?:email|name|website)\s*\(required\).*|email this|blogthis!"
    r"|no comments yet\W*|\d+ followers|subscribe to .{1,60}|enter your email(?: address)?\W*"
    r"|deixe (?:um comentário|uma resposta)|deja un comentario|laisser un commentaire|schreibe einen kommentar"
    r"|lascia un commento|cancelar resposta|responder|annuler la réponse"
    r"|teilen(?: sie dies)? mit:?|partager(?: :| ceci ?:)|compartir(?: esto)?:|compartilhe(?: isso)?:|condividi(?: questo)?:"
    r"|deine e-mail-adresse wird nicht veröffentlicht\b.*|erforderliche felder sind\b.*"
    r"|votre adresse (?:e-mail|de messagerie) ne sera pas publiée\b.*|les champs obligatoires sont indiqués\b.*"
    r"|tu dirección de correo electrónico no será publicada\b.*|los campos obligatorios están marcados\b.*"
    r"|o seu endereço de e-mail não será publicado\b.*|(?:os )?campos obrigatórios são marcados\b.*"
    r"|il tuo indirizzo email non sarà pubblicato\b.*|i campi obbligatori sono contrassegnati\b.*"
    r"|stolz präsentiert von wordpress|fièrement propulsé par wordpress|funciona gracias a wordpress|orgulhosamente mantido com wordpress"
    r"|creato con wordpress"
    # Skip links and menu toggles, in the languages the importers read: never a post's title.
    r"|skip to (?:primary |main |secondary )?(?:navigation|content|footer|sidebar|menu)|jump to (?:navigation|content)"
    r"|zum inhalt springen|zur navigation springen|springe zum inhalt|direkt zum inhalt|aller au contenu(?: principal)?"
    r"|salta la navigazione|vai alla navigazione|saltar (?:la )?navegación|pular (?:a )?navegação|aller à la navigation"
    r"|passer au contenu|saltar al contenido(?: principal)?|ir (?:al|para o) (?:contenido|conteúdo)(?: principal)?"
    r"|pular para o conteúdo|vai al contenuto(?: principale)?|salta al contenuto|toggle navigation|navigation umschalten"
    # WordPress's skip link as its Dutch, Polish, Russian, Hebrew, Arabic, Japanese and Chinese themes write it
    r"|naar (?:de )?inhoud springen|ga (?:direct )?naar (?:de )?inhoud|przejdź do (?:treści|zawartości)|перейти к содержимому"
    r"|דלג לתוכן|דילוג לתוכן|انتقل إلى المحتوى|تخطى إلى المحتوى|コンテンツへスキップ|跳至内容|跳到主要內容|跳转到内容"
    r"|(?:open|close|toggle) (?:menu|search)|menü|menu principal|hauptmenü|primary menu|main menu"
    # Comment furniture on pages with no comments: never a comment, wherever it is.
    r"|you must (?:be )?(?:log(?:ged)? ?in|sign(?:ed)? ?in|register)(?: or create an account)? to (?:post a )?comment\W*"
    r"|(?:view|show|hide|load|read) (?:all )?comments?\s*\(?\d*\)?|\d+\s*comments?\s*»?|comments? \(\d+\)"
    r"|(?:du musst|sie müssen) (?:angemeldet sein|sich anmelden),? um (?:einen kommentar|kommentare) (?:abzugeben|zu schreiben)\W*|kommentar verfassen|kommentieren"
    r"|vous devez être connecté pour (?:publier|rédiger) un commentaire\W*|debes (?:iniciar sesión|estar registrado) para (?:publicar|escribir) un comentario\W*"
    r"|você precisa fazer o login para publicar um comentário\W*|devi essere connesso per inviare un commento\W*"
    r"|(?:\d+|keine|ein|eine)\s+kommentare?|(?:\d+|aucun|un)\s+commentaires?|(?:\d+|sin|un)\s+comentarios?"
    r"|(?:\d+|sem|um)\s+comentários?|(?:\d+|nessun|un)\s+comment[oi]"
    r")$",
    re.I,
)
WEAK_BOILERPLATE = re.compile(
    r"^(?:"
    r"leave a (?:reply|comment|response)|comment|comments|reply|like|likes|share|related|tweet|print|more"
    r"|email|e-mail|name|website|submit|cancel|follow|following|subscribe|subscribed|sign in|sign up|log in|log out"
    r"|facebook|twitter|x|tumblr|pinterest|reddit|linkedin|whatsapp|telegram|pocket|mastodon|threads|bluesky"
    r"|share on \w+|previous post|next post|post navigation|previous|next|« previous|next »|← previous|next →"
    r"|older posts?|newer posts?|search|search for:|recent posts|recent comments|archives|categories|meta"
    r"|home|menu|about|contact|listen|top highlight|get link|other apps|report abuse"
    r"|popular posts from this blog|you might also like|read more|copy link|start the conversation"
    r"|upvote|downvote|recommend|favorite this discussion|what do you think\?|login|password|—|·|-|--"
    r"|write|privacy|terms|help|status|careers|press|blog|sign up|get started|trackbacks|pingbacks"
    r"|startseite|über mich|kontakt|impressum|datenschutz|suche|suchen|accueil|à propos|recherche|rechercher"
    r"|inicio|acerca de|contacto|buscar|início|sobre|contato|pesquisar|chi sono|contatti|cerca|teilen|partager|compartir"
    r"|compartilhar|condividi|" + LATIN_REPLY + r"|anmelden|connexion|iniciar sesión|accedi|•|◦|▪|…|" + WEAK_FORM +
    r")\W*$",
    re.I,
)


def strong_boilerplate(line: str) -> bool:
    """A line that is page furniture wherever it appears (comment form, login providers, share buttons…)."""
    text = strip_bullet(line)
    return bool(text) and (len(text) <= 200 and bool(STRONG_BOILERPLATE.match(text)) or local_furniture(text))


def weak_boilerplate(line: str) -> bool:
    """A line that is page furniture only where structure says so ("Leave a Reply", "Related", "Share")."""
    text = strip_bullet(line)
    return bool(text) and len(text) <= 40 and bool(WEAK_BOILERPLATE.match(text))


# --- the comment section -----------------------------------------------------------------------

_COUNT = (r"(?:\d{1,3}(?:[.,]\d{3})+|\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|ein|eine|zwei|drei"
          r"|keine|un|une|deux|trois|aucun|uno|una|dos|tres|um|uma|dois|duas|due|nessun|" + nl_pl.COUNTS + "|" + ww.COUNTS + r")")
# "3 thoughts on “Title”" and its German, French, Spanish, Portuguese and Italian forms.
_RESPONSES_ON = (r"(?:thoughts?|responses?|comments?|replies|reactions?|gedanken|kommentare?|antworten|réflexions?"
                 r"|commentaires?|réponses?|pensamientos?|comentarios?|respuestas?|comentários?|respostas?|commenti"
                 r"|risposte|pensieri|pensamentos?|" + nl_pl.NOUNS + "|" + ww.NOUNS + r")\s+(?:on|to|for|zu|zum|zur|über|sur|à|sobre|a|para|em|en|su|a|per|"
                 + nl_pl.ON + "|" + ww.ON + r")\b")
COMMENTS_HEADING = re.compile(
    r"^(?:"
    rf"{_COUNT}\s+{_RESPONSES_ON}.{{0,200}}|(?:eine antwort|ein gedanke|une réflexion|une réponse|un comentario|una respuesta"
    r"|uma resposta|um comentário|un commento|una risposta)\s+(?:zu|auf|sur|à|a|sobre|para|em|su)\b.{0,200}"
    rf"|{_COUNT}\s+(?:thoughts|responses?|comments?|replies|reactions?)\s*[:.]?"
    r"|(?:comments?|responses?|replies|reactions|discussion|reader comments|member discussion|trackbacks"
    r"|pingbacks|trackbacks\s*/\s*pingbacks|comentários|comentarios|commentaires|kommentare|commenti|respostas|"
    + nl_pl.HEADINGS + "|" + ww.HEADINGS + r")"
    r"\s*(?:\(\d+\))?\s*:?"
    rf"|{_COUNT}\s+(?:comentários?|comentarios?|commentaires?|kommentare?|commenti|respostas?|antworten|réponses?"
    r"|respuestas?|risposte|" + nl_pl.NOUNS + "|" + ww.NOUNS + r")\s*:?"
    r"|(?:show|view|load|see) (?:all )?(?:\d+ )?(?:comments|responses)"
    r"|(?:join the )?conversation|join the discussion|what (?:people|readers) (?:are saying|said)"
    rf"|{_COUNT}\s+comments? so far"
    r")$",
    re.I,
)
ACTION = re.compile(
    r"^(?:[↳↓→•\s]*)(?:reply|like|like or reply|reply ↓|log in to reply|delete|edit|report|flag|permalink|hide replies"
    r"|show replies|view replies|\d+ (?:replies|reply|likes?)|liked by .{1,80}|reply\s*share\s*›?|share\s*›"
    r"|upvote|downvote|\d+\s*(?:upvotes?|points?|votes?|claps?)?|report comment|report abuse|quote|show more replies"
    r"|load more comments|view \d+ more repl(?:y|ies)|(?:weitere|mehr) (?:kommentare )?(?:anzeigen|laden)(?:\.\.\.|…)?|" + LATIN_REPLY + r"|responda|" + LIKE +
    r"|curtido por .{1,80}|aimé par .{1,80}|a \d+ personas? les? gusta(?: esto)?|piace a .{1,80}"
    r"|gefällt \d+ .{1,40}|melden|signaler|denunciar|segnala"
    r"|bearbeiten|modifier|editar|modifica|(?:" + LIKE + r")\s+(?:wird geladen|chargement|cargando|carregando|caricamento).{0,3}"
    r"|wird geladen.{0,3}|chargement.{0,3}|cargando.{0,3}|carregando.{0,3}|caricamento.{0,3}|(?:avatar|gravatar)(?: (?:of|for) .{1,60})?|.{1,60}['’]s avatar"
    r"|.{1,60} (?:avatar|profile (?:photo|picture|image))|" + nl_pl.BUTTONS + "|" + ww.BUTTONS + r")(?:[\s•·|↓]*)$",
    re.I,
)
PINGBACK = re.compile(r"^(?P<kind>pingback|trackback)\s*:\s*(?P<rest>.*)$", re.I | re.S)
URL = re.compile(r"https?://[^\s<>\"')\]]+")
DOMAIN = re.compile(r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w.-]*@)", re.I)
# A commenter's verb in a header ("NAME says:", "NAME sagte:", "NAME a écrit le DATE"), text_headers' too: a longer word
# before the word it starts with ("sagte", "sagt"), or "NAME sagte:" would read as "sagt" and a rest "e:".
SAID = (r"says|said|wrote|replied|commented|sagte|sagt|schrieb|schreibt|meint|antwortete|antwortet|hat gesagt|hat geschrieben"
        r"|dit|a dit|écrit|a écrit|a répondu|répond|dice|dijo|escribió|comentó|respondió|ha dicho|disse|diz|escreveu|comentou"
        r"|respondeu|responde|scrive|ha scritto|ha detto|ha commentato|ha risposto|" + nl_pl.SAID + "|" + ww.SAID)
SAYS = re.compile(rf"^(?P<author>[^\s:][^:]{{0,59}}?)\s+(?:on\s+(?P<date>.{{4,60}}?)\s+)?(?:{SAID})"
                  r"\s*(?::|\.\.\.|…)?\s*(?P<rest>.{0,60})$", re.I)
# "Comaneci Confirms Suicide Attempt, Magazine Says", "It's iPad or nothing, survey says": a headline quoting a source
# (a clause before the comma, or the verb capitalised as headlines print it without a colon), not a commenter's header.
_HEADLINE_CLAUSE = re.compile(r"^[^,]+\s[^,]+\s[^,]+,\s.+$")
_HEADLINE_VERB = re.compile(r"^.*\s(?:Says|Said|Wrote|Sagt|Dit|Dice)$")
ON_DATE_SAID = re.compile(r"^on\s+(?P<date>.{4,60}?),\s*(?P<author>[^,]{1,60}?)\s+(?:said|wrote)\s*:?$", re.I)
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october"
    "|nov|november|dec|december|janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro"
    "|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janvier"
    "|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januar"
    "|februar|märz|maerz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_WEEKDAYS = (
    "mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday"
    "|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo|lundi|mardi|mercredi|jeudi"
    "|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes"
)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:st|nd|rd|th|h|º|er)?|at|on|of|de|del|el|le|à|às|a|um|am|pm|a\.m|p\.m"
    r"|uhr|alle|ore|las|les|den|dem|h|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunedì|martedì"
    r"|mercoledì|giovedì|venerdì|sabato|domenica|janv|févr|avr|juil|sept|déc|okt|dez|mär|genn|magg|giu|lug|ott|dic"
    r"|utc|gmt|[a-z]{3,4}t|t\d\d|z|\d{1,2}h\d\d|min|edit|permalink|" + nl_pl.MONTHS + "|" + nl_pl.DATE_WORDS + r")$",
    re.I,
)
DATE_TOKEN = _DATE_TOKEN  # one word of a date line, for readers that weigh the words of a line
_DATE_SPLIT = re.compile(r"[\s,.·|/:\-–—()@]+")
_NUMERIC_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
_HAS_YEAR_OR_MONTH = re.compile(rf"\b(?:\d{{4}}|{_MONTHS})\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2}}\b", re.I)
RELATIVE_DATE = re.compile(
    r"^(?:about |over |almost )?(?:\d+|a|an|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.I,
)


COMMENT_COUNT = re.compile(
    rf"^(?:(?:view|show|read)\s+(?:all\s+)?)?(?:{_COUNT}\s+(?:comments?|kommentare?|commentaires?|comentarios?|comentários?"
    r"|comment[oi]|responses?|antworten|réponses?|respuestas?|respostas?|risposte|" + nl_pl.NOUNS + "|" + ww.NOUNS
    + r")|(?:comments?|kommentare|" + nl_pl.HEADINGS + "|" + ww.HEADINGS + r")\s*\(?\d+\)?)\s*[:»]?$",
    re.I)
# A comment section's heading that names the post, or a reply form that does: the title is what follows.
NAMED_POST = re.compile(
    rf"^(?:{_COUNT}\s+{_RESPONSES_ON}|(?:eine antwort|ein gedanke|une réflexion|une réponse|un comentario|una respuesta"
    r"|uma resposta|um comentário|un commento|una risposta)\s+(?:zu|auf|sur|à|a|sobre|para|em|su)\b"
    r"|leave a (?:reply|comment) to|kommentar zu|schreibe einen kommentar zu)\s*(?P<title>.{2,200})$", re.I)
_QUOTES = "\"'“”„‟«»‹›‚‘’「」"


def headline_key(text: str) -> str:
    """A title as two places print it alike: no quotes around it, spaces and case folded."""
    return " ".join(text.strip().strip(_QUOTES + " :").split()).casefold()


_WORD_NUMBERS = {"no": 0, "keine": 0, "aucun": 0, "sin": 0, "sem": 0, "nessun": 0, "one": 1, "ein": 1, "eine": 1, "un": 1,
                 "une": 1, "uno": 1, "una": 1, "um": 1, "uma": 1, "two": 2, "zwei": 2, "deux": 2, "dos": 2, "dois": 2,
                 "duas": 2, "due": 2, "three": 3, "drei": 3, "trois": 3, "tres": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def heading_number(line: str) -> int | None:
    """How many comments a heading says there are ("4 Comments" → 4, "Responses (2)" → 2), None when it does not say."""
    found = re.search(r"\((\d+)\)", line) or re.match(r"^\s*(\w+)\s", line)
    if found is None:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _WORD_NUMBERS.get(word)


def furniture_only(lines: list[str]) -> bool:
    """Lines that are all page furniture ("You must login…", "View comments941", a lone "•"): never a comment."""
    filled = [line for line in lines if line.strip()]
    return bool(filled) and all(
        strong_boilerplate(line) or weak_boilerplate(line) or action_line(line) or comment_count(line)
        or not any(ch.isalpha() for ch in line) for line in filled)


def comment_count(line: str) -> bool:
    """"941 comments", "2 Kommentare", "View comments941", "Comments (3)": a count, which may be metadata."""
    text = line.strip()
    return len(text) <= 40 and bool(COMMENT_COUNT.match(text) or re.match(r"^view comments\s*\d+$", text, re.I))


# A sentence that opens like a heading ("One response to the critics is that…", "Eine Antwort zu der Frage ist
# einfach: nein."): several words ending with a full stop, none in quotes. A heading ends with the title it names,
# quoted or not, and a title seldom ends with a full stop outside its quotes.
_SENTENCE = re.compile(r"^(?:\S+\s+){5,}[^\s“”\"'«»„]*[^.\s“”\"'«»„]\.$")


def comments_heading(line: str) -> bool:
    """"4 Comments", "3 thoughts on “Title”", "Responses (2)", "Comments": the comment section starts."""
    text = line.strip()
    return len(text) <= 240 and bool(COMMENTS_HEADING.match(text)) and not _SENTENCE.match(text) or ww.cjk_heading(text)


def action_line(line: str) -> bool:
    """A comment's button row: "Reply", "Like", "Liked by 2 people", "Log in to Reply"."""
    text = line.strip()
    return 0 < len(text) <= 80 and bool(ACTION.match(text))


def date_line(line: str) -> bool:
    """A line that is only a date and time, as comment headers print them ("March 3, 2026 at 4:12 pm")."""
    text = ww.date_words(line.strip()).strip("[]")
    if not text or len(text) > 60 or not _HAS_YEAR_OR_MONTH.search(text):
        return False
    tokens = [t for t in _DATE_SPLIT.split(text) if t]
    if len(tokens) >= 3 and all(t.isdigit() for t in tokens) and not _NUMERIC_DATE.search(text):
        return False  # a telephone number ("0800 58 88 642"): three numbers or more date a line only with a year among them
    return bool(tokens) and any(t.isdigit() for t in tokens) and all(_DATE_TOKEN.match(t) or ww.date_token(t) for t in tokens)


def relative_date(line: str) -> bool:
    """"3 years ago", "yesterday": a date that cannot be known from the copy alone."""
    return bool(RELATIVE_DATE.match(line.strip()) or LOCAL_RELATIVE_DATE.match(line.strip()))


def pingback(line: str) -> tuple[str, str, str] | None:
    """(kind, title, url) for "Pingback: TITLE | SITE", "Trackback: SITE » TITLE", with or without a URL."""
    found = PINGBACK.match(strip_bullet(line))
    if found is None:
        return None
    rest = " ".join(found.group("rest").split())
    link = URL.search(rest)
    url = link.group(0).rstrip(".,;") if link else ""
    title = (rest.replace(link.group(0), " ") if link else rest).strip(" -–—|:»«<>[]()")
    return found.group("kind").lower(), " ".join(title.split()), url


def mention_parts(words: str) -> tuple[str, str]:
    """(page title, site) of a pingback's words: "TITLE | SITE", "SITE » TITLE", a lone domain (a site)."""
    if " | " in words:
        title, _, site = words.rpartition(" | ")
    elif " » " in words:
        site, _, title = words.partition(" » ")
    elif " – " in words or " — " in words:  # WordPress titles its pages "TITLE – SITE"
        title, _, site = words.replace(" — ", " – ").rpartition(" – ")
    elif DOMAIN.fullmatch(words):
        title, site = "", words
    else:
        title, site = words, ""
    return title.strip(), site.strip()


# A sentence's subject before "said" ("That said:", "As my teacher said:", "He wrote:", "Comme il dit :"): no name.
_SAID_BY_NO_NAME = re.compile(r"^(?:that|this|it|he|she|they|we|i|you|what|as|who|which|my|his|her|our|their|and|but|having"
                              r"|someone|everyone|nobody|then|also|if|when|er|sie|es|wer|ich|wir|mein|meine|und|aber|wie|il"
                              r"|ce|cela|ça|comme|qui|je|nous|vous|ils|mon|et|mais|él|como|que|yo|pero|eu|meu"
                              r"|minha|mas|io|noi|mio|come)\b", re.I)


def says_header(line: str) -> tuple[str, str] | None:
    """(author, date text) for "NAME says:", "NAME on DATE said:", "On DATE, NAME wrote:"."""
    text = strip_bullet(line)
    if len(text) > 140:
        return None
    found = ON_DATE_SAID.match(text)
    if found:
        return found.group("author").strip(), found.group("date").strip()
    found = SAYS.match(text)
    if found is None or len(found.group("author").split()) > 5 or _HEADLINE_CLAUSE.match(found.group("author")) or (
            _SAID_BY_NO_NAME.match(found.group("author"))) or (
            _HEADLINE_VERB.match(text)):
        return None
    rest = found.group("rest").strip()
    if rest and not (date_line(rest) or relative_date(rest)):
        return None  # "She says the film is long": prose, not a header
    return found.group("author").strip(" *"), (found.group("date") or rest or "").strip()


# --- signatures (in their own module; named here too, the readers' one namespace of patterns) -----

from .signatures import (  # noqa: E402, F401
    CLOSING_ALONE, CLOSING_SIGNATURE, DASH_SIGNATURE, EMOJI, EMOJI_SIGNATURE, INLINE_DASH, INLINE_EMOJI, NAME, NOT_NAMES,
    is_name, signature, signature_line, signed,
)

_MD_NOISE = re.compile(r"^\s{0,3}(?:>\s?|#{1,6}\s)|[\\*_`]")


def plain_lines(source: str) -> list[str]:
    """The non-empty lines of a Markdown cell as plain text (no emphasis marks, links as their text)."""
    out = []
    for line in source.splitlines():
        text = _MD_NOISE.sub("", line).strip()
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        if text:
            out.append(text)
    return out


# --- a saved page's article, as blocks of Markdown (used by the saved-page importer) -----------


def cut_at_comments(blocks: list[str]) -> tuple[list[str], list[str]]:
    """(article blocks, the comment section) when a comment section sits inside the article container."""
    for k, block in enumerate(blocks):
        first = next(iter(plain_lines(block)), "")
        if k > 0 and (comments_heading(first) or pingback(first) or says_header(first)):
            return blocks[:k], blocks[k:]
    return blocks, []


def without_leftovers(blocks: list[str]) -> tuple[list[str], int]:
    """The article's blocks without page furniture that slipped into the article container."""
    kept = [b for b in blocks if not (len(b) < 200 and (strong_boilerplate(" ".join(plain_lines(b))) or pingback(b)))]
    return kept, len(blocks) - len(kept)
