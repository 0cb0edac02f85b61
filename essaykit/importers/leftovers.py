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
    r"|required fields are marked\b.*|(?:comment|name|email|website|mail)\s*(?:\*|\(required\))"
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
    r")\W*$",
    re.I,
)


def strong_boilerplate(line: str) -> bool:
    """A line that is page furniture wherever it appears (comment form, login providers, share buttons…)."""
    text = strip_bullet(line)
    return bool(text) and len(text) <= 200 and bool(STRONG_BOILERPLATE.match(text))


def weak_boilerplate(line: str) -> bool:
    """A line that is page furniture only where structure says so ("Leave a Reply", "Related", "Share")."""
    text = strip_bullet(line)
    return bool(text) and len(text) <= 40 and bool(WEAK_BOILERPLATE.match(text))


# --- the comment section -----------------------------------------------------------------------

_COUNT = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
COMMENTS_HEADING = re.compile(
    r"^(?:"
    rf"{_COUNT}\s+(?:thoughts?|responses?|comments?|replies|reactions?)\s+(?:on|to|for)\b.{{0,200}}"
    rf"|{_COUNT}\s+(?:thoughts|responses?|comments?|replies|reactions?)\s*[:.]?"
    r"|(?:comments?|responses?|replies|reactions|discussion|reader comments|member discussion|trackbacks"
    r"|pingbacks|trackbacks\s*/\s*pingbacks|comentários|comentarios|commentaires|kommentare|commenti|respostas)"
    r"\s*(?:\(\d+\))?\s*:?"
    rf"|{_COUNT}\s+(?:comentários?|comentarios?|commentaires?|kommentare?|commenti|respostas?)\s*:?"
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
    r"|load more comments|view \d+ more repl(?:y|ies)|(?:avatar|gravatar)(?: (?:of|for) .{1,60})?|.{1,60}['’]s avatar"
    r"|.{1,60} (?:avatar|profile (?:photo|picture|image)))(?:[\s•·|↓]*)$",
    re.I,
)
PINGBACK = re.compile(r"^(?P<kind>pingback|trackback)\s*:\s*(?P<rest>.*)$", re.I | re.S)
URL = re.compile(r"https?://[^\s<>\"')\]]+")
DOMAIN = re.compile(r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w.-]*@)", re.I)
SAYS = re.compile(
    r"^(?P<author>[^\s:][^:]{0,59}?)\s+(?:on\s+(?P<date>.{4,60}?)\s+)?"
    r"(?:says|said|wrote|replied|dice|dijo|disse|escreveu|a dit|a écrit|schrieb|schreibt)"
    r"\s*(?::|\.\.\.|…)?\s*(?P<rest>.{0,60})$",
    re.I,
)
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
    rf"^(?:{_MONTHS}|{_WEEKDAYS}|\d{{1,4}}(?:st|nd|rd|th|h|º)?|at|on|of|de|del|el|le|à|às|a|um|am|pm|a\.m|p\.m"
    r"|utc|gmt|[a-z]{3,4}t|t\d\d|z|\d{1,2}h\d\d|edit|permalink)$",
    re.I,
)
_DATE_SPLIT = re.compile(r"[\s,.·|/:\-–—()@]+")
_HAS_YEAR_OR_MONTH = re.compile(rf"\b(?:\d{{4}}|{_MONTHS})\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2}}\b", re.I)
RELATIVE_DATE = re.compile(
    r"^(?:about |over |almost )?(?:\d+|a|an|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$|^(?:yesterday|today|just now)$",
    re.I,
)


def comments_heading(line: str) -> bool:
    """"4 Comments", "3 thoughts on “Title”", "Responses (2)", "Comments": the comment section starts."""
    text = line.strip()
    return len(text) <= 240 and bool(COMMENTS_HEADING.match(text))


def action_line(line: str) -> bool:
    """A comment's button row: "Reply", "Like", "Liked by 2 people", "Log in to Reply"."""
    text = line.strip()
    return 0 < len(text) <= 80 and bool(ACTION.match(text))


def date_line(line: str) -> bool:
    """A line that is only a date and time, as comment headers print them ("March 3, 2026 at 4:12 pm")."""
    text = line.strip().strip("[]")
    if not text or len(text) > 60 or not _HAS_YEAR_OR_MONTH.search(text):
        return False
    tokens = [t for t in _DATE_SPLIT.split(text) if t]
    return bool(tokens) and any(t.isdigit() for t in tokens) and all(_DATE_TOKEN.match(t) for t in tokens)


def relative_date(line: str) -> bool:
    """"3 years ago", "yesterday": a date that cannot be known from the copy alone."""
    return bool(RELATIVE_DATE.match(line.strip()))


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


def says_header(line: str) -> tuple[str, str] | None:
    """(author, date text) for "NAME says:", "NAME on DATE said:", "On DATE, NAME wrote:"."""
    text = strip_bullet(line)
    if len(text) > 140:
        return None
    found = ON_DATE_SAID.match(text)
    if found:
        return found.group("author").strip(), found.group("date").strip()
    found = SAYS.match(text)
    if found is None or len(found.group("author").split()) > 5:
        return None
    rest = found.group("rest").strip()
    if rest and not (date_line(rest) or relative_date(rest)):
        return None  # "She says the film is long": prose, not a header
    return found.group("author").strip(" *"), (found.group("date") or rest or "").strip()


# --- signatures --------------------------------------------------------------------------------

EMOJI = r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2764\u263A]\ufe0f?|[:;=]-?[)D(P3]|<3|\^_\^)"
_NAME_WORD = r"[^\W\d_][\w'’.\-]*"
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
_DASH = r"(?:—|–|―|--|-|~)"
DASH_SIGNATURE = re.compile(rf"^{_DASH}\s*(?P<name>{NAME})$")
EMOJI_SIGNATURE = re.compile(rf"^(?:{EMOJI}\s*)+(?P<name>{NAME})$")
CLOSINGS = (
    "cheers|thanks|thank you|many thanks|best|all best|best wishes|regards|kind regards|warm regards|love|xx|xo|xoxo"
    "|ciao|hugs|take care|later|peace|abraços|abraço|beijos|obrigado|obrigada|saludos|gracias|merci|bises|amitiés"
    "|grüße|gruss|liebe grüße|saluti|grazie|un abrazo"
)
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
    kept = [b for b in blocks if not (len(b) < 200 and (strong_boilerplate(b.replace("\\", "")) or pingback(b)))]
    return kept, len(blocks) - len(kept)
