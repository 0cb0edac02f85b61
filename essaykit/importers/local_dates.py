"""Dates as pages beyond Western Europe write them: the CJK forms and the languages :data:`.names.DATE_LANGUAGES`
does not name.

:func:`plain` rewrites the East Asian forms that neither dateutil nor dateparser read as the page meant:
Korean "2024. 3. 5." (year, month, day: dateutil reads it as 3 May), a weekday in brackets after a CJK date
("2024年3月5日(火)", "2024년 3월 5일 (화)", "2024年3月5日 星期二"), Japanese era years ("令和6年3月5日"), the hour
words ("14時30分") and the morning/afternoon words before a time ("午後2:30", "下午2:30", "오후 2:30").

:func:`languages` names the dateparser languages worth trying for a date's words, by their script: Cyrillic
("5 марта 2024", "5 березня 2024 р."), Greek, Devanagari, Bengali, Thai, and, for Latin letters, the languages
of Central and Northern Europe, Turkey and Vietnam ("5. března 2024", "5 mars 2024 kl. 14:30", "5 Mart 2024",
"ngày 5 tháng 3 năm 2024"). dateparser picks one only when all the words are that language's, and reads no
relative date ("3 дня назад"): :func:`.names.parse_loose_date` keeps those settings.
"""

from __future__ import annotations

import re

# Japanese eras by the Gregorian year before their first: 令和1 is 2019. "元年" is an era's first year.
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERA = re.compile(r"(" + "|".join(_ERAS) + r")\s*(\d{1,2}|元)\s*年")
# "2024. 3. 5." and "2024.03.05." (Korean: year first, a dot after each part; the last dot may be missing).
_YMD_DOTS = re.compile(r"(?<![\d.])((?:19|20)\d\d)\.\s*(0?[1-9]|1[0-2])\.\s*(0?[1-9]|[12]\d|3[01])\.?(?![\d.])")
# A weekday after a CJK date: "(火)", "（火曜日）", "(화)", "(周二)", "星期二", "火曜日", "화요일".
_WEEKDAY = re.compile(r"[(（]\s*(?:[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?|(?:周|週|星期|礼拜|禮拜)[一二三四五六日天])\s*[)）]"
                      r"|(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|[月火水木金土日]曜日|[월화수목금토일]요일")
# "14時30分", "14時", "14시 30분": the hour and minute words.
_HOUR_WORDS = re.compile(r"(\d{1,2})\s*[時时시]\s*(?:(\d{1,2})\s*[分분])?(?:\s*(\d{1,2})\s*[秒초])?")
# Morning and afternoon before the time ("午後2:30", "下午 2:30", "오후 2:30"): after the time for dateutil.
_HALF_DAY = re.compile(r"(午前|上午|오전|午後|下午|오후)\s*(\d{1,2}(?::\d\d){1,2})")
_PM_WORDS = ("午後", "下午", "오후")

# Digits of Indian scripts ("২৯ আগস্ট ২০২০", "५ मार्च २०२४") as ASCII ones; Arabic-Indic ones are :mod:`.rtl`'s.
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯०१२३४५६७८९", "01234567890123456789")
# Marks a copy keeps that no one sees: bidi marks and embeddings around a date on a mixed page, zero-width spaces, a
# BOM (a character class's inside, for the patterns that look for them with other characters).
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff"
MARKS = re.compile(f"[{INVISIBLE}]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GREEK = re.compile(r"[\u0370-\u03ff]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_BENGALI = re.compile(r"[\u0980-\u09ff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# The month words of those languages' dates that the first seven do not share ("března", "Mart", "maaliskuuta",
# "tháng", "kl."): only a text with one is worth their time (dateparser tries each language in turn, and most texts
# that reach it are no date at all: "Mar 12, 2020 @ 10:42 am" failed in English already).
_LATIN_MONTH = re.compile(
    r"(?<!\w)(?:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|ledna"
    r"|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince|januára|februára|apríla|mája|júna"
    r"|júla|septembra|októbra|novembra|decembra|kl|augusti|marts|desember|maj|\w+kuuta|ocak|şubat|mart|nisan|mayıs"
    r"|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|tháng|január|február|március|április|május|június|július"
    r"|augusztus|szeptember|október|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie"
    r"|decembrie|siječnja|veljače|ožujka|travnja|svibnja|lipnja|srpnja|kolovoza|rujna|studenoga|prosinca|januarja"
    r"|februarja|aprila|junija|julija|avgusta|oktobra|gener|febrer|març|maig|juny|juliol|setembre|desembre|maret"
    r"|agustus)(?!\w)", re.I)
# dateparser's codes; Latin ones after the seven the importers try first.
_LATIN = ("pl", "cs", "sk", "sv", "da", "nb", "fi", "tr", "vi", "hu", "ro", "hr", "sl", "ca", "id")
_BY_SCRIPT = ((_CYRILLIC, ("ru", "uk", "bg", "sr", "be")), (_GREEK, ("el",)), (_DEVANAGARI, ("hi", "mr", "ne")),
              (_BENGALI, ("bn",)), (_THAI, ("th",)))


def _era(match: re.Match) -> str:
    year = 1 if match.group(2) == "元" else int(match.group(2))
    return f"{_ERAS[match.group(1)] + year}年"


def _hour(match: re.Match) -> str:
    hour, minute, second = match.groups()
    return f" {hour}:{(minute or '0').zfill(2)}" + (f":{second.zfill(2)}" if second else "") + " "


def _half_day(match: re.Match) -> str:
    return f" {match.group(2)} {'pm' if match.group(1) in _PM_WORDS else 'am'} "


def plain(text: str) -> str:
    """``text`` with its East Asian date forms as dateutil reads them (see the module's note); other text as it is."""
    text = _ERA.sub(_era, MARKS.sub("", text).translate(_DIGITS))
    text = _YMD_DOTS.sub(lambda m: f"{m.group(1)}-{m.group(2).zfill(2)}-{m.group(3).zfill(2)} ", text)
    text = _WEEKDAY.sub(" ", text)
    text = _HOUR_WORDS.sub(_hour, text)
    text = _HALF_DAY.sub(_half_day, text)
    return " ".join(text.split())


def languages(text: str) -> tuple[str, ...]:
    """The dateparser languages to try, after the importers' own, for a date written as ``text``."""
    for script, codes in _BY_SCRIPT:
        if script.search(text):
            return codes
    return _LATIN if _LATIN_MONTH.search(text) else ()
