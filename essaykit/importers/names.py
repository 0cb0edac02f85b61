"""Slugs, stable ids and dates for imported items."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from . import local_dates
from . import rtl
from ..comments.model import iso_utc
from ..essay import slugify  # noqa: F401 - the one slugify; importers use it from here

_LOCAL_ID = re.compile(r"[^A-Za-z0-9._-]+")
_WP_DATE_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)")
_FOREIGN_MONTHS = {  # dateutil reads English month names; blogs are written in other languages too
    "janeiro": "january", "fevereiro": "february", "março": "march", "marco": "march", "maio": "may", "junho": "june",
    "julho": "july", "setembro": "september", "outubro": "october", "novembro": "november", "dezembro": "december",
    "enero": "january", "febrero": "february", "marzo": "march", "abril": "april", "mayo": "may", "junio": "june",
    "julio": "july", "agosto": "august", "septiembre": "september", "octubre": "october", "noviembre": "november",
    "diciembre": "december", "janvier": "january", "février": "february", "fevrier": "february", "mars": "march",
    "avril": "april", "mai": "may", "juin": "june", "juillet": "july", "août": "august", "aout": "august",
    "septembre": "september", "octobre": "october", "décembre": "december", "decembre": "december",
    "januar": "january", "februar": "february", "märz": "march", "maerz": "march", "juni": "june", "juli": "july",
    "oktober": "october", "dezember": "december", "gennaio": "january", "febbraio": "february", "aprile": "april",
    "maggio": "may", "giugno": "june", "luglio": "july", "settembre": "september", "ottobre": "october",
    "dicembre": "december", "januari": "january", "februari": "february", "maart": "march", "mei": "may",
    "augustus": "august", "stycznia": "january", "lutego": "february", "marca": "march", "kwietnia": "april",
    "maja": "may", "czerwca": "june", "lipca": "july", "sierpnia": "august", "września": "september",
    "października": "october", "listopada": "november", "grudnia": "december", "styczeń": "january",
    "luty": "february", "marzec": "march", "kwiecień": "april", "maj": "may", "czerwiec": "june", "lipiec": "july",
    "sierpień": "august", "wrzesień": "september", "październik": "october", "listopad": "november",
    "grudzień": "december",
}
_FOREIGN_WORDS = re.compile(r"\b(?:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + r"|de|del|às|à|um|le|el|om|o)\b", re.I)
# "2019年3月4日" (Chinese, Japanese), "2019년 3월 4일" (Korean): year, month, day, written out as ISO for dateutil.
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_HOUR_H = re.compile(r"\b(\d{1,2})\s?h\s?(\d\d)\b")
_NEEDS_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
# Time-zone abbreviations pages print after a time ("4:12 pm CET"), as hours from UTC. dateutil knows only UTC and
# GMT by name and warns about the rest (a future version is to raise). Ambiguous ones (CST: the US or China; IST:
# India, Ireland or Israel; BST: Britain or Bangladesh) are left out: the time is then read as UTC, as an unknown
# abbreviation is, and never shifted by a guess.
_ZONES = {"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
          "HST": -10, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3,
          "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13}


# "UTC+2", "GMT-5": dateutil reads these the POSIX way round (GMT+2 is two hours *behind*); pages mean ahead.
_NAMED_OFFSET = re.compile(r"\b(?:UTC|GMT)\s?([+\u2212-])\s?(\d{1,2})(?::?(\d\d))?\b")


def _offset(match: re.Match) -> str:
    sign, hours, minutes = match.groups()
    return f"{'-' if sign != '+' else '+'}{int(hours):02d}{minutes or '00'}"


def _zone(name: str | None, offset: int | None):
    """dateutil's ``tzinfos``: the offset a known abbreviation stands for, the stated one ("+0100", seconds), else
    UTC for an abbreviation it does not know."""
    hours = _ZONES.get((name or "").upper())
    if hours is not None:
        return timezone(timedelta(hours=hours), name)
    return offset if offset is not None else timezone.utc


_NOT_DATE_WORDS = re.compile(r"\b(?:edit|permalink|reply|posted|published|on)\b", re.I)  # "March 3, 2026 at 4:12 pm Edit"
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}\b")
# "05.12.2026": every language that writes a date with dots puts the day first.
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)?\d\d)\b")


# A byline's words, in the languages the importers read, each list written once: the word before a name ("By",
# "Von", "Par", "Por", "przez", Hebrew's "על ידי" and "מאת", Arabic's "بواسطة" and "بقلم"), a label ("Autor:", "Text:"),
# and what a byline says was done ("Posted", "Veröffentlicht").
BY = f"by|von|par|por|przez|door|av|{rtl.BY_WORDS}"
LABEL = "autor|autorin|autorka|auteur|author|autore|text|texto|testo|autorzy|auteurs|autores|autori|authors|автор|авторы"
DONE = ("posted|gepostet|written|published|updated|submitted|geschrieben|verfasst|veröffentlicht|aktualisiert|gespeichert|publié|écrit|escrito"
        "|publicado|pubblicato|scritto|opublikowano|napisał|napisała")
# What themes print before the name of the comment a reply answers ("In reply to Ana.", SPIP's "En réponse à : …").
REPLY_TO_WORDS = ("in reply to|replying to|reply to|als antwort auf|antwort auf|en réponse à|réponse à|en respuesta a"
                  "|respuesta a|em resposta a|resposta a|in risposta a|risposta a")
# What themes print before a name ("Post author By", "Geschrieben von", "Ein Beitrag von", "Autor:").
_LEAD = re.compile(rf"^(?:(?:post author|{DONE}|(?:ein )?(?:gast)?beitrag|artikel|(?:zum )?profil|un article|un artículo"
                   rf"|un articolo|{LABEL}|interview|(?:more|all|see more|other) (?:stories|articles|posts)|mehr|alle (?:artikel|beiträge)"
                   rf"|(?:propos )?recueillis?)\s*:?\s+(?:{BY}|di|da|af|vom)\s*:?\s+|(?:{BY}|af|vom|about|über)\s*:?\s+)"
                   rf"|^(?:{LABEL}|interview)(?:\s*:\s*|\s+)", re.I)

_WHEN_DONE = re.compile(rf"^(?:last\s+)?(?:{DONE})\b", re.I)
# Who made the picture, the theme or the site, not who wrote the post ("Photograph by …", "Foto: …", "designed by").
_CREDIT = re.compile(r"^(?:photo(?:graph)?s?|foto(?:s|grafie)?|bild(?:er)?|image|illustration|credit|quelle|source|fuente"
                     r"|fonte)\b|\b(?:designed|powered|theme)\b", re.I)
# Italian's "di" is also the start of surnames ("Di Maio"): a lead only when written in lower case.
_LOWER_LEAD = re.compile(r"^(?:di|da|de)\s+(?=[^\W\d_])")
# What a byline's words alone are: a label without its name (Kinja's "By" over a name on the next line).
_LEAD_ONLY = re.compile(rf"^(?:{BY}|di|{LABEL})\s*:?$", re.I)
# Between the names of one byline, as trafilatura and JSON-LD lists are joined here.
_LIST_JOIN = re.compile(r"\s*;\s*")
# A byline longer than this (per name) is a bio or a row of links, not a name.
MAX_NAME_WORDS = 5
# What a CMS writes where no person was set, and a newsroom's desk rather than a writer ("Redaktion", "Staff").
# A login with "admin" in it ("wordpressadmin", "siteadmin2"), an edit link's "Edit", a desk ("Canal Weekly Editorial
# Team", "Blog Staff") are no one's name either, nor a heading whose first word is built on "author" ("Authority
# control" on every MediaWiki page, "Authorship"): a reader of class names and ids that contain "author" finds it.
_NO_AUTHOR = re.compile(r"^(?:no author|author(?:ity|ities|ship|i[sz]ation|i[sz]ed)(?: [\w-]+){0,3}"
                        r"|unknown|none|n/a|\w*admin\d*|administrator|webmaster|root|name|username|datum|date"
                        r"|edit|bearbeiten|modifier|editar|modifica|(?:[^\W\d_][\w.-]* ){1,3}(?:editorial team|team|staff|desk)"
                        r"|follow(?: us)?|anonymous|anonym|guest|gast|redaktion|redaction|rédaction|redacción|redazione|redakcja"
                        r"|editor|editors|editorial|staff|team|(?:forum )?moderator|xxx|submitted|(?:view |zum )?profiles?"
                        r"|profil|(?:see |view )?(?:full )?bio|lesedauer|reading time|temps de lecture|tiempo de lectura"
                        r"|(?:more|all) (?:stories|articles|posts)|(?:about |über )?(?:the author|den autor|die autorin|uns))$", re.I)
# Month and weekday names: a byline's date, never a name ("May", "Dec", "Nathan Willis March 25, 2015").
_MONTH = (r"january|february|march|april|may|june|july|august|september|october|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec")
_WEEKDAY = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag"
            r"|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves"
            r"|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|maandag|dinsdag|woensdag|donderdag"
            r"|vrijdag|zaterdag|zondag")
_DATE_WORD = re.compile(rf"^(?:{'|'.join(_FOREIGN_MONTHS)}|{_MONTH}|{_WEEKDAY})\.?$", re.I)
# A newsroom's desk after the writer's name ("Mathilda Trausch, Online-Redaktion"): the writer is named already.
_DESK = re.compile(r",\s*(?:[\w-]+-)?(?:redaktion|rédaction|redacción|redazione|newsroom|news desk)$", re.I)
# A newsroom's job title after the name ("Pete Evans Senior Business Writer", "Ben Silverman Games Editor"): the
# role's last word, and the words that qualify it in such titles.
_ROLE = re.compile(r"(?:(?:^|\s+)(?:senior|staff|contributing|chief|associate|assistant|deputy|managing|executive|special|guest"
                   r"|freelance|investigative|political|politics|business|tech|technology|science|health|sports?|games"
                   r"|news|foreign|national|local|digital|opinion|food|travel|culture|arts|entertainment|music|film"
                   r"|finance|data|legal|education|white house|washington|editorial))*"
                   r"(?:^|\s+)(?:writer|editor|reporter|correspondent|columnist|contributor|journalist|redakteurin|redakteur"
                   r"|korrespondentin|korrespondent|journaliste|correspondant|correspondante|rédacteur|rédactrice"
                   r"|periodista|corresponsal|redactor|redactora|giornalista|corrispondente)$", re.I)
# A comment's header ("Art Edwards says"), in the languages the importers read: a commenter, not the post's author.
_SAYS = re.compile(r"\s(?:says|sagt|dit|dice|diz|disse)\W*$", re.I)
# A web or mail address in a byline: the author's page, a profile link, never the name itself.
_WEB_ADDRESS = re.compile(r"https?://|www\.[\w-]+\.|\S@[\w-]+\.[a-z]{2,}\b", re.I)
# A degree printed after the name as if it were another name ("Grant Tinsley, PhD"): the person's, not a second one.
_DEGREES = r"ph\.?\s?d|m\.?d|m\.?a|m\.?sc?|b\.?sc?|mph|mba|r\.?n|r\.?d|d\.?o"
_DEGREE = re.compile(rf"^(?:{_DEGREES})\.?$", re.I)
_AFTER_DEGREE = re.compile(rf"(?:,\s*(?i:{_DEGREES})\.?|\s+(?:PhD|MD|MBA|MPH|MSc|RN|RD))+$")
# A month's name after the name, its day cut off ("Nathan Willis March": trafilatura keeps a byline's words, not its
# digits). Not the months that are also first names or surnames (May, June, April, August).
_TRAILING_MONTH = re.compile(r"(?<=\S)\s+(?:January|February|March|July|September|October|November|December)$", re.I)
# A name the page cut short to fit its box ("Frances Solá-Sant..."): not the whole name.
_CUT_SHORT = re.compile(r"(?:\.\.\.|…)$")
# A full stop after a surname ("Patrick ANGEVIN."), not after an initial or "Jr.".
_LAST_STOP = re.compile(r"(?<=[^\W\d_]{3})\.$")
# "Bradley M. Kuhn (http://ebb.org/bkuhn/)": a person's name with their homepage (or mail address).
_HOMEPAGE = re.compile(r"\s*\(\s*(?:https?://|www\.|[\w.+-]+@)[^)\s]*\s*\)")
# Where the byline goes on after the name: its date ("Konstantin 21.10.2019"), a comment count ("Kay 24 Comments"),
# "Veröffentlicht am …", "vom 3. Februar 2022", or a separator before the next item.
_AFTER_NAME = re.compile(rf"\s+(?:\d|(?:am|vom|on|le|el|il|em|op)\s+\d|(?:{DONE}|stand)\b|(?:in|dans|en)\s+(?=[^\W\d_])"
                         rf"|(?:{'|'.join(_FOREIGN_MONTHS)}|{_MONTH})\.?\s+\d|(?:{_WEEKDAY})(?=\s*,|\s+\d|\s+(?:{_MONTH})\b)"
                         r"|(?:vor|il y a|hace|há|prije)\s+\d)"  # "Houzz Deutschland vor 3 Tagen": a relative date
                         rf"|\s*,\s*(?:{'|'.join(_FOREIGN_MONTHS)}|{_MONTH})\.?(?=\s+\d|\s*$)"
                         r"|\s*[|·•]\s*|\s[–—-]\s|\s,\s|(?<=[^\W\d_])@(?=\w)(?![\w.-]*\.[a-z]{2,}\b)"  # "Aja Romano@ajaromano": a handle glued on
                         # "Kay Varga on December 13", "Kay Varga @kvarga", "Kay Varga/November 18", "Kay Varga22 Dec
                         # 2016" (the day glued on), "Kay Varga, a deputy editor who…"
                         rf"|\s+(?:am|on|le|el|il|em|op)\s+(?:{'|'.join(_FOREIGN_MONTHS)}|{_MONTH})\b|\s+@(?=\w)"
                         rf"|\s*/\s*(?=(?:{'|'.join(_FOREIGN_MONTHS)}|{_MONTH})\b|\d)"
                         rf"|(?<=[^\W\d_]{{2}})\d{{1,2}}(?=\s+(?:{_MONTH})\b)|,\s+(?:a|an|the)\s"
                         # "Kay Varga, CNN": the newsroom's or agency's initials; "Kay VargaStaff": a role glued on
                         r"|\s*,\s*(?-i:[A-Z]{2,5})$|(?<=[a-z])(?-i:Staff|Writer|Editor|Reporter|Correspondent|Contributor)(?:\s+(?-i:Writer|Editor|Reporter))?$", re.I)


def name_then_rest(text: str) -> tuple[str, str]:
    """(the name a byline starts with, what it prints after it): "T.C. Sottek Nov 29" → ("T.C. Sottek", "Nov 29")."""
    found = _AFTER_NAME.search(text)
    return (text[:found.start()].strip(), text[found.start():].strip(" ,|·•–—-")) if found else (text.strip(), "")


def _without_role(name: str) -> str:
    """The name without a job title after it; "" for a title alone ("Staff Writer"); a pseudonym that is one word
    and a role ("Rasender Reporter") is left whole."""
    rest = _ROLE.sub("", name)
    return rest if not rest or len(rest.split()) >= 2 else name


def _once(name: str) -> str:
    """A name a theme printed twice in one link (its text and its picture's alt: "jesusfreak jesusfreak") once."""
    words = name.split()
    half = len(words) // 2
    if len(name) % 2 == 0 and len(words) > 1 and name[:len(name) // 2] == name[len(name) // 2:]:
        return name[:len(name) // 2]  # a copy's "Kay VargaKay Varga": the two glued together
    return " ".join(words[:half]) if len(words) % 2 == 0 and half and words[:half] == words[half:] else name


def _without_month(name: str) -> str:
    """The name without a month's name the byline's date left after it, when two words or more are left."""
    rest = _TRAILING_MONTH.sub("", name)
    return rest if len(rest.split()) >= 2 else name


def clean_name(text: str) -> str:
    """A byline without what the theme printed around the name; "" when what is left is not a name (a label alone,
    a placeholder, a newsroom's desk, a comment's header, a date, a bio)."""
    # "Redacci&oacute;n": an entity escaped twice in the page's JSON-LD, whose ";" would split the name
    text = _HOMEPAGE.sub("", " ".join(html.unescape(text).split())).strip(" ,;|·•-–—")
    while (lead := _LEAD.match(text) or _LOWER_LEAD.match(text)) is not None and lead.end() < len(text):
        text = text[lead.end():].strip()
    if _WHEN_DONE.match(text):
        return ""  # "Last Updated: January 7, 2025": the byline's date, with no name before it
    names = [_LAST_STOP.sub("", _AFTER_DEGREE.sub("", _DESK.sub("", _without_role(_once(_AFTER_NAME.split(n, maxsplit=1)[0].strip(" ,"))))))
             for n in _LIST_JOIN.split(text) if n]
    names = [n for n in names if not _DATE_WORD.match(n) and not _DEGREE.match(n)]  # "October, Marc Lifsher"
    names = [_without_month(n) for n in names]
    if any(_CUT_SHORT.search(n) for n in names):
        return ""
    # "http://news.example/author/kay/": a page about the author, not a name
    if not names or any(not n or _WEB_ADDRESS.search(n) or len(n.split()) > MAX_NAME_WORDS or _NO_AUTHOR.match(n) or _SAYS.search(n) or _CREDIT.search(n)
                        or _LEAD_ONLY.match(n) or not re.search(r"[^\W\d_]", n) for n in names):
        return ""
    return ", ".join(names)


def short_hash(*parts: str, length: int = 8) -> str:
    """A short, stable hex digest of ``parts`` (not a security measure: an id)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:length]


def local_id(value: str) -> str:
    """A source's own id made safe for a store id (letters, digits, ``.``, ``_``, ``-``)."""
    cleaned = _LOCAL_ID.sub("-", value.strip()).strip("-.")[:40]
    return cleaned or short_hash(value)


def parse_wp_date(value: str) -> datetime | None:
    """A WordPress ``YYYY-MM-DD HH:MM:SS`` time as UTC; None for empty or ``0000-00-00`` values.

    Raises ValueError for anything else that does not parse.
    """
    text = (value or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    found = _WP_DATE_RE.fullmatch(text)
    if found:  # the usual form; strptime is slow enough to show in a 20,000-comment import
        return datetime(*map(int, found.groups()), tzinfo=timezone.utc)
    moment = datetime.fromisoformat(text)
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_rfc822(value: str) -> datetime | None:
    """An RSS ``pubDate``; None when empty, ValueError when unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, IndexError) as exc:
        raise ValueError(text) from exc
    if moment is None:
        raise ValueError(text)
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_loose_date(value: str, language: str = "", *, utc: bool = True) -> datetime | None:
    """A date as people write it on a page, in UTC (see ``utc``); None when not a date.

    ISO 8601 first, then python-dateutil for "March 3, 2026 at 4:12 pm",
    "3 March 2026, 16:12", "Tue 3 Mar 2026" and month names in Portuguese,
    Spanish, French, German and Italian. A date without a year is not a date.
    ``language`` (a page's ``lang``: "de", "en-GB", "pt_BR") says which way round
    "05/03/2015" is: as that language writes dates (:func:`date_order`); month first
    when it is unknown or the date cannot be read its way ("12/31/2015").
    ``utc=False`` keeps the offset the value states (the calendar day its writer saw).
    """
    text = " ".join((value or "").replace("\u202f", " ").replace("\u00a0", " ").split()).strip(" ,·|")
    if not text or len(text) > 80:
        return None
    text = value = local_dates.plain(text)
    text = _CJK_DATE.sub(lambda m: f"{m.group(1)}-{m.group(2).zfill(2)}-{m.group(3).zfill(2)} ", text).strip()
    try:
        moment = datetime.fromisoformat(text)
        return _as_utc(moment, utc)
    except ValueError:
        pass
    if not _NEEDS_YEAR.search(text):
        return None
    order = date_order(language) if language and _NUMERIC_DATE.search(text) else ""
    from dateutil import parser

    text = _NAMED_OFFSET.sub(_offset, _HOUR_H.sub(r"\1:\2", _NOT_DATE_WORDS.sub(" ", text)))
    dotted = _DOTTED_DATE.search(text)
    if dotted:  # written out as ISO, which dateutil and dateparser read year, month, day
        day, month, year = dotted.groups()
        written = f"{'20' + year if len(year) == 2 else year}-{month.zfill(2)}-{day.zfill(2)}"
        text, value = text.replace(dotted.group(0), written), value.replace(dotted.group(0), written)
    text = _FOREIGN_WORDS.sub(lambda m: _FOREIGN_MONTHS.get(m.group(0).lower(), " "), text)
    try:
        moment = parser.parse(text.replace("·", " ").replace("|", " "), dayfirst=order == "DMY" or "." in text and not dotted,
                              default=datetime(2000, 1, 1), tzinfos=_zone)  # a missing day is the 1st, not today's
    except (ValueError, OverflowError, TypeError):
        moment = _local_date(value, order, language)
        if moment is None:
            return None
    return _as_utc(moment, utc)


def _as_utc(moment: datetime, utc: bool) -> datetime:
    if not moment.tzinfo:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc) if utc else moment


def stated_iso(moment: datetime | None) -> str:
    """``moment`` as ISO 8601 with the offset it was stated in ("2022-05-03T21:53:29-03:00"), UTC's as ``Z``."""
    if moment is None:
        return ""
    return moment.isoformat(timespec="seconds") if moment.utcoffset() else iso(moment)


# Languages whose blog dates the importers read ("17. März 2024 um 17:49 Uhr", "12 de enero de 2025 a las 10:30").
DATE_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl")


def _locale(language: str) -> str:
    """The dateparser locale for a page's language tag ("en_GB" → "en-GB", "de-DE" → "de"), or "" when it has none."""
    from dateparser.languages.loader import default_loader

    tag = language.strip().replace("_", "-")
    for code in (tag, tag.split("-")[0].lower()):
        try:
            default_loader.get_locale(code)
        except (ValueError, KeyError):
            continue
        return code
    return ""


def date_order(language: str) -> str:
    """"DMY", "MDY" or "YMD": how ``language`` writes a numeric date, from dateparser's locale data; "" when unknown."""
    from dateparser.languages.loader import default_loader

    locale = _locale(language) if language else ""
    return default_loader.get_locale(locale).info.get("date_order", "") if locale else ""


def _local_date(value: str, order: str = "", language: str = "") -> datetime | None:
    """dateparser for what dateutil cannot read: local words around the date and time, in ``language`` first when
    it is known (a Polish copy's "18 lutego 2021 o 21:09"); a numeric date in ``order`` ("DMY": "05/03/2015" is
    5 March) when the page's language says it. A relative date ("gestern, 17:49 Uhr") is None: its day depends on
    when the page was seen, which the words do not say.

    Imported here, not at the top: it costs about 220 ms and most dates never need it.
    """
    import dateparser

    text = " ".join(value.replace("\u202f", " ").replace("\u00a0", " ").split())
    own = _locale(language).split("-")[0] if language else ""
    languages = list(dict.fromkeys([*([own] if own else []), *DATE_LANGUAGES, *local_dates.languages(text)]))
    try:
        return dateparser.parse(text, languages=languages, settings={
            "REQUIRE_PARTS": ["year", "month", "day"], "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
            # no relative time ("vor 2 Stunden", "gestern", "2 min": read against the import's clock, an invented
            # date) and no Unix timestamp (an id's digits): only dates the words state
            "PARSERS": ["custom-formats", "absolute-time", "no-spaces-time"],
            **({"DATE_ORDER": order} if order else {})})
    except (ValueError, OverflowError, TypeError, RecursionError):
        return None


def saved_day(path) -> str:
    """The file's modification time, ISO 8601 UTC: the latest day a comment on a saved page can be from."""
    return iso(datetime.fromtimestamp(path.stat().st_mtime, timezone.utc))


def ambiguous_date(value: str) -> bool:
    """True for numeric dates such as 03/04/2026, where day and month could be either way round."""
    found = _NUMERIC_DATE.search(value or "")
    return bool(found) and found.group(1) != found.group(2) and int(found.group(1)) <= 12 and int(found.group(2)) <= 12


def iso(moment: datetime | None) -> str:
    """``moment`` as ISO 8601 UTC (``2026-11-20T18:04:05Z``), "" for None."""
    return iso_utc(moment) if moment else ""
