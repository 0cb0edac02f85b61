"""A text copy's meta row under the headline (essaykit.importers.text_meta_row, through read_text_copy): the date (or
two, glued), the author, the comment link on one line; and bylines that say what was done ("Publiziert am DATE von
NAME", "Gespeichert von NAME am DATE") or label the name ("Written by: NAME")."""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_meta_row import row_author

_DE = ("Der Schleusenwärter öffnet die Tore um sechs, und er schließt sie erst, wenn der letzte Kahn durch ist. Dann "
       "geht er heim, aber erst, wenn er die Laternen am Steg angezündet und den Tag in sein Buch geschrieben hat.\n\n")
_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")


def _copy(tmp_path, row: str, prose: str = _DE):
    path = tmp_path / "copy.txt"
    path.write_text(f"Startseite\nKanäle\nÜber uns\n\nDie Schleuse um sechs\n{row}\n\n" + prose * 4, encoding="utf-8")
    [post] = read_text_copy(path)
    return post


@pytest.mark.parametrize("row, prose", [
    ("2. Februar 20202. Februar 2020 Ilse Varga 1 Kommentar Kanäle, Schleusen", _DE),  # published and updated, glued
    ("28. Januar 2015 Ilse Varga Schreibe einen Kommentar", _DE),
    ("February 2, 2020 Ilse Varga Leave a comment", _EN),
    ("2 février 2020 · Ilse Varga · 3 commentaires", _EN),
    ("28. Januar 2015 Ilse Varga Kommentar verfassen", _DE),  # the form's heading: furniture.FORM_HEADING
])
def test_a_meta_rows_whole_name_is_the_author(tmp_path, row, prose):
    post = _copy(tmp_path, row, prose)
    assert post.author == "Ilse Varga"
    assert post.date[:10] in ("2020-02-02", "2015-01-28")
    assert not any(g.startswith("author ") for g in post.guessed)


def test_a_meta_rows_one_word_is_the_author_as_a_guess(tmp_path):
    post = _copy(tmp_path, "28. Januar 2015 ivarga Schreibe einen Kommentar")
    assert post.author == "ivarga" and post.date[:10] == "2015-01-28"
    assert any(g.startswith("author 'ivarga'") for g in post.guessed)


@pytest.mark.parametrize("row", [
    "28. Januar 2015 Schreibe einen Kommentar",  # no name between the date and the link
    "28. Januar 2015 Kanäle, Schleusen, Laternen",  # categories and no comment link: not a meta row
    "28. Januar 2015 der Wärter schließt um sechs 4 Kommentare",  # words of a sentence, not a name
])
def test_no_author_where_the_row_names_none(row):
    found = row_author(row)
    assert found is None or not found[1]


@pytest.mark.parametrize("row, want", [
    ("Publiziert am 13. Januar 2014 von Ilse Varga", ("Ilse Varga", "2014-01-13")),
    ("Gespeichert von Ilse Varga am 24. Juli 2017 - 18:55", ("Ilse Varga", "2017-07-24")),
    ("Written by: Ilse Varga", ("Ilse Varga", "")),
])
def test_bylines_that_say_what_was_done(tmp_path, row, want):
    post = _copy(tmp_path, row)
    assert (post.author, post.date[:10]) == want


@pytest.mark.parametrize("row, want", [
    ("21. JANUAR 202221. JANUAR 2022", ("", "2022-01-21")),  # published and updated, the same day, glued
    ("19.11.202119.11.2021", ("", "2021-11-19")),
    ("Veröffentlicht am 19. Dezember 202219. Dezember 2022 von Ilse Varga", ("Ilse Varga", "2022-12-19")),
    ("March 3, 2020March 3, 2020", ("", "2020-03-03")),
])
def test_a_date_printed_twice_and_glued_is_read_once(tmp_path, row, want):
    post = _copy(tmp_path, row)
    assert (post.author, post.date[:10]) == want


def test_a_number_after_a_year_is_not_parted_as_a_date():
    from essaykit.importers.text_patterns import unglue

    assert unglue("Postfach 2019100, 20201 Hamburg") == "Postfach 2019100, 20201 Hamburg"


def test_the_account_that_saved_the_post_is_a_guessed_author(tmp_path):
    post = _copy(tmp_path, "Gespeichert von ivarga am 24. Juli 2017 - 18:55")
    assert (post.author, post.date[:10]) == ("ivarga", "2017-07-24")
    assert any(g.startswith("author 'ivarga'") for g in post.guessed)


@pytest.mark.parametrize("row, prose", [
    ("Ilse Varga am 4. Februar 2022 um 11:23", _DE),
    ("Ilse Varga on 4 February 2022", _EN),
    ("Ilse Varga le 4 février 2022 à 10:15", _EN),
])
def test_a_name_then_on_and_the_date(tmp_path, row, prose):
    post = _copy(tmp_path, row, prose)
    assert (post.author, post.date[:10]) == ("Ilse Varga", "2022-02-04")


def test_a_place_then_on_and_the_date_is_no_author(tmp_path):
    post = _copy(tmp_path, "Frankfurt am 4. Februar 2022")
    assert post.author == ""


@pytest.mark.parametrize("label", ["Von", "By :", "Autor:", "Autor*in", "Par"])
def test_a_label_over_the_name(tmp_path, label):
    post = _copy(tmp_path, f"{label}\nIlse Varga")
    assert post.author == "Ilse Varga"


def test_a_label_over_one_word_is_no_author(tmp_path):
    post = _copy(tmp_path, "Von\nStartseite")
    assert post.author == ""


@pytest.mark.parametrize("row, want", [
    ("Datum: 10 Feb 2020", "2020-02-10"),
    ("Erstellt am: 01.11.2023", "2023-11-01"),
    ("Fecha: 4 de mayo de 2022", "2022-05-04"),
])
def test_a_labelled_date_by_the_title(tmp_path, row, want):
    assert _copy(tmp_path, row).date[:10] == want
