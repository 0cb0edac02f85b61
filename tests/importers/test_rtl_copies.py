"""Text copies of Hebrew and Arabic pages (right to left): the comments heading with its count, "NAME כתב:" and
"NAME قال:" headers, local dates and the reply link (issue 28, item 2). The fixtures were written for essaykit."""

from __future__ import annotations

from essaykit.importers import rtl
from essaykit.importers.text import read_text_copy

from .builders import FIXTURES

RTL = FIXTURES / "rtl"


def _comments(post):
    return [(c.author, c.created.isoformat()[:16] if c.created else None, c.status) for c in post.comments]


def test_a_hebrew_wordpress_copy():
    [post] = read_text_copy(RTL / "he-wordpress.txt")
    assert _comments(post) == [("דני כהן", "2020-05-12T10:12", "approved"), ("מיכל", "2020-05-13T09:30", "approved")]
    assert all("הגב" not in c.body and "כתיבת תגובה" not in c.body for c in post.comments), "buttons and the form stay out"


def test_an_arabic_copy_with_arabic_indic_digits():
    [post] = read_text_copy(RTL / "ar-wordpress.txt")
    assert _comments(post) == [("أحمد", "2020-05-12T10:12", "approved"), ("ليلى", "2020-05-13T09:30", "approved")]
    assert post.title == "العبارة في الضباب"


def test_rtl_headings_dates_and_what_is_not_one():
    assert [rtl.heading_count(t) for t in ("3 תגובות", "תגובה אחת", "٣ تعليقات", "تعليق واحد", "تعليقان على “عنوان”")] == [
        3, 1, 3, 1, 2]
    assert not rtl.is_heading("תגובות הקוראים לכתבה הזאת היו רבות מאוד") and not rtl.is_heading("שלום")
    assert rtl.latin_date("12 במאי 2020 בשעה 10:12") == "12 May 2020 10:12"
    assert rtl.latin_date("13/05/2020 في 09:30") == "2020-05-13 09:30", "day first, as Hebrew and Arabic write it"
    assert rtl.latin_date("שלום 2020") is None and rtl.latin_date("May 3, 2020") is None


def test_an_rtl_teaser_list_under_a_heading_is_not_approved(tmp_path):
    copy = tmp_path / "he.txt"
    teasers = []
    for title, day in (("המעבורת חוזרת לנמל הצפוני", "12 במאי 2020"), ("הפעמון בערפל נשמע שוב", "13 במאי 2020")):
        teasers += [title, "נועה לוי", day, "7", ""]
    copy.write_text((RTL / "he-wordpress.txt").read_text(encoding="utf-8").split("2 תגובות")[0]
                    + "\n".join(["הכי נקראים", *teasers]) + "\n", encoding="utf-8")
    [post] = read_text_copy(copy)
    assert not [c for c in post.comments if c.status == "approved"], "a count under a teaser proves no comment"


def test_a_skip_link_over_the_headline_is_never_the_title(tmp_path):
    """WordPress's skip link, as Hebrew, Arabic, Japanese, Chinese, Polish, Dutch and Russian themes write it, is
    the first line of a copy: a menu's, never the post's title."""
    text = (RTL / "he-wordpress.txt").read_text(encoding="utf-8")
    for skip in ("דלג לתוכן", "انتقل إلى المحتوى", "コンテンツへスキップ", "跳至内容", "Przejdź do treści",
                 "Naar de inhoud springen", "Перейти к содержимому"):
        copy = tmp_path / "copy.txt"
        copy.write_text(f"{skip}\n\n{text}", encoding="utf-8")
        [post] = read_text_copy(copy)
        assert post.title == "המעבורת בערפל", skip


def test_hebrew_and_arabic_bylines_give_the_author_and_the_date():
    """"Posted on DATE by NAME" as Hebrew and Arabic themes print it under the headline, which it marks as one."""
    for name, author in (("he-wordpress.txt", "נועה לוי"), ("ar-wordpress.txt", "سارة")):
        [post] = read_text_copy(RTL / name)
        assert (post.author, post.date[:10]) == (author, "2020-05-03"), name
        assert not post.doubts, "a byline under it marks the headline"
    assert rtl.byline("מאת דני כהן") == ("דני כהן", "")
    assert rtl.byline("بقلم أحمد علي") == ("أحمد علي", "")
    # "Posted in the category Films", a sentence with "by", a Latin name in lower case: no byline
    assert rtl.byline("פורסם בקטגוריה סרטים") is None
    assert rtl.byline("נכתב על ידי admin") is None
    assert rtl.byline("By Jane Doe") is None
