"""Comment-section words of languages beyond Western Europe, Dutch and Polish (:mod:`.nl_pl`) and the right-to-left
ones (:mod:`.rtl`): Russian, Ukrainian, Czech, Slovak, Swedish, Danish, Norwegian, Finnish, Turkish, Greek and
Vietnamese, spliced into the shared patterns as :mod:`.nl_pl`'s are, and Chinese, Japanese and Korean, whose
headers have no space before the verb and whose headings put the count in the middle, read by the patterns here.

The words are the platforms' stock strings in those languages (WordPress's "NAME говорит:", "NAME dedi ki:",
"NAME より:", "NAME 說道：", "Ответить", "Yanıtla", "返信", "回复", "답글"; "3 комментария", "3件のコメント",
"3条评论", "댓글 3개" as a comments heading). Each alternation piece has no outer group and is lower case.
"""

from __future__ import annotations

import re

from .local_dates import INVISIBLE, MARKS

# "NAME говорит:", "NAME пишет:", "NAME каже:", "NAME dedi ki:", "NAME napsal:", "NAME skriver:", "NAME sanoo:",
# "NAME λέει:", "NAME viết:", and Japanese's spaced "NAME より:".
SAID = (r"говорит|пишет|сказал|сказала|написал|написала|ответил|ответила|каже|пише|написав|написала|відповів"
        r"|dedi ki|diyor ki|yazdı|napsal\(a\)|napsal|napsala|říká|odpověděl|napísal|hovorí|skriver|skrev|siger|sier|sanoo"
        r"|kirjoitti|λέει|έγραψε|viết|nói|より")
# The buttons under a comment: reply, like, edit, delete, report.
REPLY = (r"ответить|відповісти|odpovědět|odpovedať|svara|svar|vastaa|yanıtla|cevapla|cevap ver|απάντηση|απαντήστε"
         r"|trả lời|返信|返信する|回复|回覆|답글|답장|답글 달기|답글달기")
BUTTONS = (REPLY + r"|нравится|подобається|мне нравится|líbí se mi|gilla|synes godt om|liker|tykkää|beğen|μου αρέσει|thích"
           r"|いいね|いいね!|赞|讚|좋아요|пожаловаться|поскаржитися|nahlásit|anmäl|rapportér|ilmoita|şikayet et|αναφορά"
           r"|изменить|редактировать|удалить|редагувати|видалити|upravit|smazat|redigera|radera|rediger|slett|slet|muokkaa"
           r"|poista|düzenle|επεξεργασία|διαγραφή|sửa|xóa|編集|削除|编辑|删除|編輯|刪除|수정|삭제|신고|举报|檢舉|通報")
# "1 комментарий", "5 комментариев", "3 komentáře", "2 kommentarer", "4 kommenttia", "3 yorum", "3 σχόλια"; not the
# Scandinavian "en"/"et"/"ett", which are also French and Spanish words ("En respuestas a…").
COUNTS = r"один|одна|jeden|jedna|yksi|bir|ένα|một"
NOUNS = (r"комментари(?:й|я|ев|и)|коментар(?:ів|і|ях)?|ответ(?:ов|а)?|отзыв(?:ов|а)?|відгук(?:ів|и)?|komentář(?:e|ů)?"
         r"|komentár(?:e|ov)?|kommentar(?:er|erne)?|kommentti(?:a)?|yorum(?:lar)?|σχόλια|σχόλιο|bình luận|ý kiến")
ON = r"к|на|до|k|ke|ku|til|på|om|için|για|σχετικά με|về|cho"
HEADINGS = r"комментарии|коментарі|отзывы|обсуждение|komentáře|diskuse|kommentarer|kommentit|yorumlar|σχόλια|bình luận"

# CJK: a name glued to its verb and a full-width colon ("张三说道：", "山田 より:", "김철수님의 말:").
_CJK_SAID = r"说道|說道|回复道|回覆道|より|のコメント|님의 말|님의 댓글|님이 말함"
CJK_SAYS = re.compile(rf"^(?P<name>[^\s:：][^:：]{{0,59}}?)\s*(?:{_CJK_SAID})\s*[:：]$")
# "3件のコメント", "コメント (3)", "3 条评论", "《题》有3条评论", "“題”上的3則回應", "댓글 3개", "3개의 댓글".
_CJK_NOUN = r"コメント|フィードバック|评论|評論|回复|回覆|回應|回应|留言|댓글|덧글|답글"
_CJK_COUNTER = r"件の|条|條|則|则|个|個|개의|개"
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")  # a quick look before the whole pattern
CJK_HEADING = re.compile(
    rf"^(?P<on>.{{1,200}}?(?:への|に|上的|有|的)\s*)?(?:(?P<n>\d+)\s*(?:{_CJK_COUNTER})\s*)?(?:{_CJK_NOUN})"
    rf"(?:\s*[(（]\s*(?P<m>\d+)\s*[)）]|\s*(?P<k>\d+)\s*(?:{_CJK_COUNTER})?)?\s*[:：]?$")


def cjk_heading(text: str) -> bool:
    """A Chinese, Japanese or Korean comments heading with its count ("3件のコメント", "댓글 3개"). The word alone
    ("评论", "コメント") is not one: news sites print it in the share row under the headline, as a link."""
    text = " ".join(text.split())
    found = CJK_HEADING.match(text) if len(text) <= 240 and _CJK_LETTER.search(text) else None
    if found is None:
        return False
    return bool(found.group("n") or found.group("m") or found.group("k"))


def cjk_heading_count(text: str) -> int | None:
    found = CJK_HEADING.match(" ".join(text.split()))
    if found is None:
        return None
    number = found.group("n") or found.group("m") or found.group("k")
    return int(number) if number else None


# "3 дня назад", "2 тижні тому", "před 3 dny", "3 dagar sedan", "3 päivää sitten", "3 gün önce", "3 ημέρες πριν",
# "3 ngày trước", "3日前", "3天前", "3일 전", "вчера", "昨日", "昨天", "어제": a date the copy alone cannot give.
RELATIVE = (r"(?:\d+|одну|один|одна) (?:секунд[уы]?|минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?"
            r"|год(?:а)?|лет|хвилин[уи]?|годин[уи]?|днів|тиждень|тижні|тижнів|місяц(?:ь|і|ів)|рок(?:и|ів)?) (?:назад|тому)"
            r"|před (?:\d+|rokem|měsícem|týdnem|dnem|hodinou|minutou) ?(?:sekundami|minutami|hodinami|dny|týdny|měsíci|lety)?"
            r"|(?:för )?(?:\d+|en|ett|et) (?:sekunder|minuter|minutter|timmar|timer|dagar|dage|dager|veckor|uger|uker"
            r"|månader|måneder|år|dag|vecka|uge|uke|månad|måned) (?:sedan|siden)"
            r"|\d+ (?:sekuntia|minuuttia|tuntia|päivää|viikkoa|kuukautta|vuotta) sitten"
            r"|\d+ (?:saniye|dakika|saat|gün|hafta|ay|yıl) önce|\d+ (?:δευτερόλεπτα|λεπτά|ώρες|ημέρες|μέρες|εβδομάδες|μήνες|χρόνια) πριν"
            r"|\d+ (?:giây|phút|giờ|ngày|tuần|tháng|năm) trước|\d+\s*(?:秒|分|分钟|分鐘|時間|小时|小時|日|天|週間|周|个月|個月|か月|ヶ月|年)前"
            r"|\d+\s*(?:초|분|시간|일|주|개월|년)\s*전|вчера|сегодня|вчора|сьогодні|včera|dnes|igår|idag|i går|i dag|eilen|tänään"
            r"|dün|bugün|χθες|σήμερα|hôm qua|hôm nay|昨日|今日|昨天|今天|어제|오늘")

# Months and the little words of dates ("5 марта 2024 г. в 14:30", "5. března 2024", "5 Mart 2024 Salı",
# "5 Μαρτίου 2024", "ngày 5 tháng 3 năm 2024"), and the CJK pieces a date line splits into ("2024年3月5日", "(火)",
# "午前9:05"): the words :mod:`.leftovers` takes as a date line's.
MONTHS = (r"январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]"
          r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|ledna|února|března"
          r"|dubna|května|června|července|srpna|září|října|listopadu|prosince|augusti|marts|desember|tammikuuta|helmikuuta"
          r"|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta"
          r"|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|ιανουαρίου|φεβρουαρίου|μαρτίου"
          r"|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|νοεμβρίου|δεκεμβρίου")
DATE_WORDS = (r"в|г|р|року|года|о|kl|klo|saat|lúc|ngày|tháng|năm|令和|平成|昭和|[年月日년월일時时分秒시분초曜]"
              r"|[火水木金土]|[월화수목금토일](?:요일)?|(?:星期|周|週)[一二三四五六日天]|午前|午後|上午|下午|오전|오후")
_DATE_TOKEN = re.compile(rf"^(?:{MONTHS}|{DATE_WORDS})$", re.I)
_ASCII_DATE_WORDS = {"kl", "klo", "saat"}


def date_token(word: str) -> bool:
    """One word of a date line in these languages (the shared date words are :mod:`.leftovers`'s); a quick test first,
    as a line's words are many: all but three of these words have letters beyond ASCII."""
    return (not word.isascii() or word.lower() in _ASCII_DATE_WORDS) and bool(_DATE_TOKEN.match(word))


_CJK_UNITS = re.compile(r"([年月日년월일時时分秒시분초曜]|午前|午後|上午|下午|오전|오후)")
# An invisible mark (:data:`.local_dates.MARKS`) or a CJK date's unit: a line worth splitting anew.
_UNUSUAL = re.compile(f"[{INVISIBLE}年月日년월일時时分秒시분초曜午上下오]")


def date_words(text: str) -> str:
    """``text`` as a date line's words are split: without invisible marks, and a CJK date with its unit characters as
    words of their own ("2024 年 3 月 5 日 ( 火 ) 午前 9:05")."""
    if not _UNUSUAL.search(text):
        return text
    text = MARKS.sub("", text)
    return " ".join(_CJK_UNITS.sub(r" \1 ", text).split()) if _CJK_UNITS.search(text) else text
# The comment form's heading and button ("Добавить комментарий", "发表回复", "コメントを残す", "댓글 남기기", "Yorum yap").
FORM = (r"добавить комментарий|оставить комментарий|оставьте комментарий|написать комментарий|залишити коментар"
        r"|додати коментар|napsat komentář|přidat komentář|lämna en kommentar|skriv en kommentar|efterlad en kommentar"
        r"|legg igjen en kommentar|jätä kommentti|yorum yap|yorum ekle|bir yanıt yazın|αφήστε ένα σχόλιο|để lại bình luận"
        r"|viết bình luận|发表回复|发表评论|發表回覆|發表留言|发表留言|留言|コメントを残す|コメントを書く|コメントする|댓글 남기기"
        r"|답글 남기기|댓글 쓰기")

# A post's byline under its headline: "Опубликовано 3 марта 2024 автором NAME", "发布于 2024年3月3日 作者 NAME",
# "投稿日: 2024年3月3日 投稿者: NAME", "Publicerat 3 mars 2024 av NAME", "3 Mart 2024 tarihinde NAME tarafından".
_POSTED = (r"опубликовано|опубликован|опубликована|дата публикации|опубліковано|发布于|发表于|發佈於|發表於|发布时间|發佈時間"
           r"|投稿日|公開日|更新日|yayınlanma tarihi|yayınlandı|publikováno|zveřejněno|publicerad|publicerat|publiceret|publisert"
           r"|julkaistu|δημοσιεύθηκε|đăng ngày|đăng lúc|ngày đăng")
_BY = r"автором|автор|作者|投稿者|執筆者|av|af|autorem|autor|kirjoittanut|από|bởi|tác giả"
# a quick look before the whole pattern: how it starts, or one of its words
_POSTED_STARTS = tuple(_POSTED.split("|"))
_BYLINE_SIGNS = ("tarihinde", "来", "來", "出", "作者", "编", "編", "责", "責")
_BYLINE = re.compile(rf"^(?:{_POSTED})\s*[:：]?\s*(?P<date>.+?)(?:\s*[,|·•]?\s*(?:{_BY})\s*[:：]?\s*(?P<name>\S[^,|·•:：]{{0,40}}?))?\s*$"
                     r"|^(?P<date2>.+?)\s+tarihinde\s+(?P<name2>\S.{0,40}?)\s+tarafından(?:\s+yayınlandı)?\s*$"
                     # Chinese news portals' date line: "2020-02-19 20:29:58 来源：SITE 作者：NAME" (a source is no author)
                     r"|^(?P<date3>.+?)\s+(?:(?:来源|來源|出处|出處)\s*[:：]\s*\S+(?:\s+|$))?(?:(?:作者|编辑|編輯|责任编辑|責任編輯)"
                     r"\s*[:：]\s*(?P<name3>\S+))?\s*$", re.I)


def byline(text: str, is_date) -> tuple[str, str] | None:
    """(author or "", date text) for a byline in one of these languages whose date ``is_date`` reads, else None."""
    found = _BYLINE.match(" ".join(text.split())) if len(text) <= 140 and (
        text.lower().startswith(_POSTED_STARTS) or any(sign in text for sign in _BYLINE_SIGNS)) else None
    if found is None:
        return None
    if found.group("date3") is not None and found.group(0).strip() == found.group("date3").strip():
        return None  # no source or author after it: only a date, which the date readers read
    name = (found.group("name") or found.group("name2") or found.group("name3") or "").strip()
    when = (found.group("date") or found.group("date2") or found.group("date3")).strip()
    if not is_date(when) or len(name.split()) > 4:
        return None  # "Опубликовано" before words that are no date: a sentence, not a byline
    return name, when
