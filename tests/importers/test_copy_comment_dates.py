"""Comment dates with no year in a text copy ("9 janvier à 13:06", "5. März um 10:12", "Mar 5 at 10:12 am"), and
commenters whose names are written in lower case ("anna de vries 07.03.2026 // 18:40"), issue 28.

A date with no year takes the one year that fits between the post's date and the day the copy was saved; when more
than one fits, or none, the comment keeps the post's date and the note says why. The copies are written for
essaykit in the shape WordPress-like themes print in English, German and French; names and words are invented.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_comment_dates import with_year

POSTS = {  # language: (title, byline, prose, heading, [(name, yearless date)], reply button)
    "en": ("The Quiet Harbour", "Posted on March 4, {year} by Ruth Amsel",
           "The harbour is quiet in winter. The boats stay tied up and the fishermen mend their nets in the sun.",
           "2 Comments", [("Mark Ellison", "Mar 5 at 10:12 am"), ("Lena Park", "Mar 7 at 6:40 pm")], "Reply"),
    "de": ("Der stille Hafen", "Veröffentlicht am 4. März {year} von Greta Holm",
           "Der Hafen ist im Winter still. Die Boote liegen fest und die Fischer flicken ihre Netze in der Sonne.",
           "2 Kommentare", [("Jonas Keller", "5. März um 10:12"), ("Lena Vogt", "7. März um 18:40")], "Antworten"),
    "fr": ("Le port tranquille", "Publié le 4 mars {year} par Claire Martin",
           "Le port est calme en hiver. Les bateaux restent à quai et les pêcheurs réparent leurs filets au soleil.",
           "2 commentaires", [("Marie Dubois", "5 mars à 10:12"), ("Paul Girard", "7 mars à 18:40")], "Répondre"),
}
BODIES = ("Lovely description, I want to go back there this winter with the children.",
          "The quay café has the best waffles on the whole coast, I can confirm that.")


def _copy(tmp_path, lang: str, year: int, saved: datetime, comments=None, heading=None):
    title, byline, prose, count, named, button = POSTS[lang]
    lines = [title, byline.format(year=year), prose, prose, heading if heading is not None else count]
    for (name, when), body in zip(comments or named, BODIES):
        lines += [name, when, body, button] if when else [name, body, button]
    path = tmp_path / f"{lang}-{year}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.utime(path, (saved.timestamp(), saved.timestamp()))
    [post] = read_text_copy(path)
    return post


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_a_date_with_no_year_takes_the_only_year_that_fits(tmp_path, lang):
    post = _copy(tmp_path, lang, 2026, datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert post.date[:10] == "2026-03-04"
    assert [(c.author, c.status) for c in post.comments] == [(n, "approved") for n, _ in POSTS[lang][4]]
    assert [c.created.isoformat()[:16] for c in post.comments] == ["2026-03-05T10:12", "2026-03-07T18:40"]
    assert sum("no year in the copy" in g for g in post.guessed) == 2, "the report says where the year came from"


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_when_two_years_fit_the_comment_keeps_the_posts_date_and_says_why(tmp_path, lang):
    post = _copy(tmp_path, lang, 2024, datetime(2026, 12, 1, tzinfo=timezone.utc), heading="")
    assert [c.created for c in post.comments] == [None, None]
    assert all(c.status == "pending" and "cannot be read" in c.reason for c in post.comments)
    assert sum("has no year and more than one year fits" in note for note in post.notes) == 2


def test_a_yearless_date_before_the_post_in_its_year_fits_no_year_before_the_copy_was_saved(tmp_path):
    post = _copy(tmp_path, "en", 2026, datetime(2026, 6, 1, tzinfo=timezone.utc), heading="",
                 comments=[("Mark Ellison", "Jan 5 at 10:12 am"), ("Lena Park", "Mar 7 at 6:40 pm")])
    assert [c.created.isoformat()[:10] if c.created else None for c in post.comments] == [None, "2026-03-07"]
    assert any("no year fits between the post and the copy's day" in note for note in post.notes)
    assert [c.status for c in post.comments] == ["pending", "approved"]


def test_the_year_is_put_after_the_day_and_month():
    assert with_year("Mar 5 at 10:12 am", 2026) == "Mar 5, 2026 at 10:12 am"
    assert with_year("9 janvier à 13:06", 2026) == "9 janvier 2026 à 13:06"
    assert with_year("5. März um 10:12", 2026) == "5. März 2026 um 10:12"
    assert with_year("Mar 14, 2021", 2026) is None and with_year("14 mars 2021", 2026) is None
    assert with_year("in March we sailed", 2026) is None


LOWER = [("anna de vries", "07.03.2026 // 18:40"), ("piet van der berg", "08.03.2026 // 09:05")]


def test_a_name_in_lower_case_with_its_date_and_time_is_a_commenter(tmp_path):
    post = _copy(tmp_path, "en", 2026, datetime(2026, 12, 1, tzinfo=timezone.utc),
                 comments=[(f"{n} {d}", "") for n, d in LOWER])
    assert [(c.author, c.created.isoformat()[:16]) for c in post.comments] == [
        ("anna de vries", "2026-03-07T18:40"), ("piet van der berg", "2026-03-08T09:05")]
    assert [c.status for c in post.comments] == ["approved", "approved"], "the heading's count vouches for them"
    # over a date line of its own, too; with no count over them, three words in lower case are held with the reason
    post = _copy(tmp_path, "en", 2026, datetime(2026, 12, 1, tzinfo=timezone.utc), comments=LOWER, heading="Comments")
    assert [c.author for c in post.comments] == ["anna de vries", "piet van der berg"]
    assert all(c.status == "pending" and "lower case" in c.reason for c in post.comments)


def test_lower_case_words_over_a_date_with_no_time_are_no_commenter(tmp_path):
    post = _copy(tmp_path, "en", 2026, datetime(2026, 12, 1, tzinfo=timezone.utc), heading="Comments",
                 comments=[("see you all there", "March 7, 2026"), ("and then the rain came", "March 8, 2026")])
    assert "see you all there" not in [c.author for c in post.comments]
    assert [c for c in post.comments if c.status == "approved"] == []
