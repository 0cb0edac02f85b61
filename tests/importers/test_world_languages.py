"""Pages and copies beyond Western Europe (issue 28): dates in local forms, and the comment sections and bylines of
Russian, Chinese and Japanese copies. The fixtures were written for essaykit (invented names and words)."""

from __future__ import annotations

import pytest

from essaykit.importers import leftovers as lo
from essaykit.importers import world_words
from essaykit.importers.names import parse_loose_date
from essaykit.importers.text import read_text_copy
from essaykit.importers.text_headers import comments_start
from essaykit.importers.text_patterns import read_byline

from .builders import FIXTURES

WORLD = FIXTURES / "world"


@pytest.mark.parametrize("text, day", [
    ("2024年3月5日(火) 14:30", "2024-03-05T14:30"), ("2024年3月5日 星期二 下午2:30", "2024-03-05T14:30"),
    ("2024年3月5日 14時30分", "2024-03-05T14:30"), ("令和6年3月5日", "2024-03-05T00:00"), ("平成元年1月8日", "1989-01-08T00:00"),
    ("2024. 3. 5.", "2024-03-05T00:00"), ("2024. 3. 5. 오후 2:30", "2024-03-05T14:30"), ("2024년 3월 5일 (화) 오전 9:05", "2024-03-05T09:05"),
    ("5 марта 2024 в 14:30", "2024-03-05T14:30"), ("5 березня 2024 р.", "2024-03-05T00:00"), ("5. března 2024", "2024-03-05T00:00"),
    ("5 mars 2024 kl. 14:30", "2024-03-05T14:30"), ("5 Mart 2024 Salı", "2024-03-05T00:00"), ("5 Μαρτίου 2024", "2024-03-05T00:00"),
    ("ngày 5 tháng 3 năm 2024", "2024-03-05T00:00"), ("\u200e5 March 2024\u200f", "2024-03-05T00:00"),
    ("2024\u200b年3月5日", "2024-03-05T00:00"), ("আগস্ট ২৯, ২০২০", "2020-08-29T00:00"), ("५ मार्च २०२४", "2024-03-05T00:00"),
])
def test_local_date_forms(text, day):
    moment = parse_loose_date(text)
    assert moment is not None and moment.isoformat()[:16] == day, text


@pytest.mark.parametrize("text", ["3 дня назад", "3日前", "Ответить 2024", "Windows 2024 the best", "Vol 3 no 2 2024"])
def test_no_date_is_made_up(text):
    assert parse_loose_date(text) is None, "a relative date has no day of its own; words with a year are no date"


def test_comment_headings_in_other_scripts_and_what_is_not_one():
    for heading, count in (("5 комментариев", None), ("3 yorum", None), ("3件のコメント", 3), ("《标题》有3条评论", 3),
                           ("댓글 3개", 3), ("3개의 댓글", 3), ("コメント (3)", 3)):
        assert comments_start(heading), heading
        if count:
            assert world_words.cjk_heading_count(heading) == count
    for prose in ("这是我的评论", "我的评论很好", "コメントする", "评论", "コメント", "En respuestas a la crisis el gobierno actuó"):
        assert not comments_start(prose), prose
    assert lo.relative_date("3 дня назад") and lo.relative_date("3日前") and lo.relative_date("3일 전")
    assert lo.date_line("\u200f5 March 2024 10:12\u200e") and lo.date_line("\u202b5 марта 2024\u202c"), "invisible marks"
    assert lo.action_line("Ответить") and lo.action_line("返信") and lo.action_line("Yanıtla")


def test_bylines_in_other_languages():
    assert read_byline("Опубликовано 3 марта 2024 автором Пётр Гусев") == ("Пётр Гусев", "3 марта 2024")
    assert read_byline("3 Mart 2024 tarihinde Ayşe Yılmaz tarafından yayınlandı") == ("Ayşe Yılmaz", "3 Mart 2024")
    assert read_byline("Опубликовано в журнале Наука") is None, "no date: a sentence, not a byline"
    assert read_byline("2020-02-19 20:29:58 来源： 半月谈") == ("", "2020-02-19 20:29:58"), "a source is no author"
    assert read_byline("2020年02月19日 08:12 来源：某网 作者：张三") == ("张三", "2020年02月19日 08:12")
    assert read_byline("我们在2020年来源：很多") is None


def _comments(post):
    return [(c.author, c.created.isoformat()[:16] if c.created else None, c.status) for c in post.comments]


def test_a_russian_wordpress_copy():
    [post] = read_text_copy(WORLD / "ru-wordpress.txt")
    assert post.title == "Туман над старой переправой" and post.author == "Пётр Гусев" and post.date.startswith("2024-03-03")
    assert _comments(post) == [("Иван Смирнов", "2024-03-05T14:30", "approved"), ("Ольга", "2024-03-06T09:05", "approved")]
    assert all("Ответить" not in c.body and "Добавить комментарий" not in c.body for c in post.comments)


def test_a_chinese_copy_whose_headers_glue_the_verb_to_the_name():
    [post] = read_text_copy(WORLD / "zh-wordpress.txt")
    assert post.title == "雾中的旧渡口" and post.date.startswith("2024-03-03"), "the byline's date, not a comment's"
    assert _comments(post) == [("李华", "2024-03-05T14:30", "approved"), ("陈静", "2024-03-06T09:05", "approved")]
    assert all("回复" not in c.body and "发表回复" not in c.body for c in post.comments)


def test_a_japanese_copy_with_an_era_date_and_weekdays():
    [post] = read_text_copy(WORLD / "ja-wordpress.txt")
    assert post.date.startswith("2024-03-03"), "令和6年 is 2024"
    assert _comments(post) == [("佐藤花子", "2024-03-05T14:30", "approved"), ("鈴木", "2024-03-06T09:05", "approved")]
    assert not any("2024年" in c.body for c in post.comments), "the date line is the comment's date, not its text"


def test_a_turkish_wordpress_copy():
    [post] = read_text_copy(WORLD / "tr-wordpress.txt")
    assert (post.title, post.author, post.date[:10]) == ("Sisli eski iskele", "Mehmet Kaya", "2024-03-03")
    assert _comments(post) == [("Ayşe Demir", "2024-03-05T14:30", "approved"), ("Can", "2024-03-06T09:05", "approved")]
    assert all("Yanıtla" not in c.body and "Bir yanıt yazın" not in c.body for c in post.comments)


def test_a_korean_copy_with_dotted_dates():
    [post] = read_text_copy(WORLD / "ko-blog.txt")
    assert post.date.startswith("2024-03-03"), "2024. 3. 3. is 3 March"
    assert _comments(post) == [("이지은", "2024-03-05T14:30", "approved"), ("박준", "2024-03-06T09:05", "approved")]
