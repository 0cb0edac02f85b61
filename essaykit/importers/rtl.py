"""Comment sections of right-to-left copies (Hebrew and Arabic), as WordPress and news sites print them.

The words are the ones WordPress's Hebrew and Arabic translations and the big news sites use: the comments
heading with its count ("3 תגובות", "תגובה אחת", "٣ تعليقات", "تعليق واحد"), the reply link ("הגב", "השב",
"رد"), "NAME כתב:" and "NAME قال:" over a comment, and dates with local month names and connectives
("12 במאי 2020 בשעה 10:12", "١٢ مايو ٢٠٢٠ الساعة 10:12"), which :func:`latin_date` rewrites in the
form the date readers of :mod:`.names` know.
"""

from __future__ import annotations

import re

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")  # bidi marks innerText keeps

_HEADING_WORDS = r"תגובות|תגובה|טוקבקים|תגובות הגולשים|تعليقات|تعليق|التعليقات|ردود|الردود"
# "3 תגובות", "תגובות (3)", "תגובה אחת", "3 תגובות על “כותרת”", "٣ تعليقات", "تعليق واحد", "تعليقان على …"
HEADING = re.compile(rf"^(?:(?P<n>\d+)\s+)?(?:{_HEADING_WORDS}|تعليقان|ردان)(?:\s+(?:אחת|אחד|واحد))?(?:\s*\((?P<m>\d+)\))?"
                     r"(?:\s+(?:על|ל|على|حول)\s+\S.{0,200})?\s*:?$")
_ONE = re.compile(r"(?:אחת|אחד|واحد)")
_TWO = re.compile(r"(?:تعليقان|ردان)")
REPLY = r"הגב|השב|להגיב|תגובה לתגובה|رد|الرد|ردّ"
# "NAME כתב:", "NAME הגיב/ה:", "NAME قال:", "NAME يقول:"
SAYS = re.compile(r"^(?P<name>\S.{0,59}?)\s+(?:כתב|כתבה|כתב/ה|אמר|אמרה|הגיב|הגיבה|הגיב/ה|قال|قالت|يقول|تقول|كتب|كتبت)\s*:$")

_MONTHS = {
    "ינואר": "January", "פברואר": "February", "מרץ": "March", "מרס": "March", "אפריל": "April", "מאי": "May",
    "יוני": "June", "יולי": "July", "אוגוסט": "August", "ספטמבר": "September", "אוקטובר": "October",
    "נובמבר": "November", "דצמבר": "December",
    "يناير": "January", "فبراير": "February", "مارس": "March", "أبريل": "April", "ابريل": "April", "إبريل": "April",
    "مايو": "May", "يونيو": "June", "يونيه": "June", "يوليو": "July", "يوليه": "July", "أغسطس": "August",
    "اغسطس": "August", "سبتمبر": "September", "أكتوبر": "October", "اكتوبر": "October", "نوفمبر": "November",
    "ديسمبر": "December", "كانون الثاني": "January", "شباط": "February", "آذار": "March", "نيسان": "April",
    "أيار": "May", "حزيران": "June", "تموز": "July", "آب": "August", "أيلول": "September",
    "تشرين الأول": "October", "تشرين الثاني": "November", "كانون الأول": "December",
}
# Hebrew joins "in" to the month ("במאי"); the connectives before the time: "בשעה", "ב-", "في", "الساعة", "،".
_MONTH = re.compile(r"(?<!\w)ב?-?(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")(?!\w)")
_CONNECTIVES = re.compile(r"(?<!\w)(?:בשעה|בשעות|ב-|ב|في|الساعة|عند|،)(?!\w)|،")
# Hebrew and Arabic write the day first: "12/05/2020" is 12 May, written as ISO so that no reader guesses.
_DAY_FIRST = re.compile(r"\b(0?[1-9]|[12]\d|3[01])[/.](0?[1-9]|1[0-2])[/.]((?:19|20)\d\d)\b")
_RTL_LETTER = re.compile(r"[\u0590-\u05ff\u0600-\u06ff]")
_PM = re.compile(r"(?<!\w)(?:مساءً?|م)(?!\w)")
_AM = re.compile(r"(?<!\w)(?:صباحاً?|ص)(?!\w)")


def plain(text: str) -> str:
    """``text`` without bidi marks and with Arabic-Indic digits as ASCII digits."""
    return _MARKS.sub("", text).translate(_ARABIC_DIGITS).strip()


def heading_count(text: str) -> int | None:
    """How many comments an RTL heading says there are; None when ``text`` is no such heading or gives no count."""
    found = HEADING.match(plain(text))
    if found is None:
        return None
    if found.group("n") or found.group("m"):
        return int(found.group("n") or found.group("m"))
    return 1 if _ONE.search(text) else 2 if _TWO.search(text) else None


def is_heading(text: str) -> bool:
    return bool(HEADING.match(plain(text)))


def latin_date(text: str) -> str | None:
    """"12 May 2020 10:12" for "12 במאי 2020 בשעה 10:12"; None when ``text`` has no Hebrew or Arabic letters or
    letters other than a month's and the connectives."""
    text = plain(text)
    if not _RTL_LETTER.search(text):
        return None
    text = _MONTH.sub(lambda m: f" {_MONTHS[m.group(1)]} ", text)
    text = _PM.sub(" pm ", _AM.sub(" am ", _CONNECTIVES.sub(" ", text)))
    if _RTL_LETTER.search(text):
        return None
    return " ".join(_DAY_FIRST.sub(r"\3-\2-\1", text).split())


# "פורסם ב-3 במאי 2020 על ידי NAME", "נכתב על ידי NAME", "מאת NAME", "نشرت في ٣ مايو ٢٠٢٠ بواسطة NAME", "بقلم NAME":
# what WordPress's Hebrew and Arabic themes and news sites print under a headline (posted on DATE by NAME).
_POSTED = r"(?:פורסם|פורסמה|נכתב|נכתבה|עודכן|نشرت|نُشرت|نشر|نُشر|كتب|كتبت|تم النشر|آخر تحديث)"
# "by" before a name; :data:`.names.BY` reads these too
BY_WORDS = "על ידי|מאת|بواسطة|بقلم"
_BY = rf"(?:{BY_WORDS}|كتبه|كتبته)"
BYLINE = re.compile(rf"^(?:{_POSTED}\s*(?:ב-?|في|:)?\s*(?P<date>.+?)\s+)?{_BY}\s*:?\s+(?P<name>\S[^,|·•]{{0,59}}?)\s*$"
                    rf"|^{_POSTED}\s*(?:ב-?|في|:)?\s*(?P<only>.+?)\s*$")


def byline(text: str) -> tuple[str, str] | None:
    """(author, the date as :func:`latin_date` writes it, or "") for a Hebrew or Arabic byline, else None."""
    found = BYLINE.match(plain(text))
    if found is None:
        return None
    name, said = (found.group("name") or "").strip(), found.group("date") or found.group("only") or ""
    when = latin_date(said) if said else ""
    if when is None or (found.group("only") is not None and not when):
        return None  # "פורסם" before words that are no date: a sentence, not a byline
    if name and (len(name.split()) > 4 or not _RTL_LETTER.search(name) and not name[:1].isupper()):
        return None
    return name, when
