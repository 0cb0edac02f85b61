"""A text copy's author and date (essaykit.importers.text_byline, through read_text_copy): a name only where the copy
says it is one, and numeric dates read in the language the copy is written in."""

from __future__ import annotations

import os

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_byline import bare_name, copy_language, date_near, dated_name, lead_byline

from .builders import read_copy

_DE = ("Der Schleusenwärter öffnet die Tore um sechs Uhr, und er schließt sie erst wieder, wenn das letzte Schiff "
       "durch ist. Dann geht er nach Hause, aber nicht bevor er die Laternen auf dem Steg angezündet hat.\n\n")
_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")
_FR = ("Le gardien de l'écluse ouvre les portes à six heures, et il ne les ferme que lorsque la dernière péniche est "
       "passée. Puis il rentre chez lui, mais pas avant d'avoir allumé les lanternes sur le quai.\n\n")




@pytest.mark.parametrize("body, want", [(_DE * 4, "de"), (_EN * 4, "en"), (_FR * 4, "fr"),
                                        ("Home\nAbout\nContact\n", ""),  # too few words to tell
                                        ("", "")])
def test_a_copys_language_is_told_by_its_own_words(body, want):
    assert copy_language(body.splitlines()) == want


@pytest.mark.parametrize("body, written, want, said", [
    (_DE, "05/03/2015", "2015-03-05", "day first: the copy is written in 'de'"),
    (_FR, "05/03/2015", "2015-03-05", "day first: the copy is written in 'fr'"),
    (_EN, "05/03/2015", "2015-05-03", "month first: the copy is written in 'en'"),
])
def test_a_numeric_date_in_a_copy_is_read_as_its_language_writes_dates(tmp_path, body, written, want, said):
    post = read_copy(tmp_path, f"Canal Weekly\nHome\n\nThe Lock at Six\n{written}\n\n" + body * 4)
    assert post.date[:10] == want
    assert any(said in g for g in post.guessed), post.guessed


def test_a_copy_too_short_to_tell_its_language_says_it_read_the_month_first(tmp_path):
    post = read_copy(tmp_path, "The Lock at Six\n05/03/2015\n\nGates at six. Lanterns lit.\n")
    assert post.date[:10] == "2015-05-03"
    assert any("the copy's language is unknown" in g for g in post.guessed), post.guessed


@pytest.mark.parametrize("line, want", [
    ("By Ilse Varga", "Ilse Varga"), ("Von Ilse Varga", "Ilse Varga"), ("Par Inès Varga", "Inès Varga"),
    ("Autor: Ilse Varga", "Ilse Varga"), ("przez Jana Kowalska", "Jana Kowalska"), ("di Ilaria Varga", "Ilaria Varga"),
    ("by Ilse Varga , Canal Weekly", "Ilse Varga"),  # the credit's site, printed by another element
    ("VON ILSE VARGA", "ILSE VARGA"),
    ("By", ""), ("By the sea, the gates open at six", ""), ("Von der Schleuse bis zum Hafen", ""),
    ("Di Maio", ""),  # a surname, not a byline's word
    ("by: Ilse Varga", "Ilse Varga"),
    # several people: their names joined as every byline's are
    ("By Ilse Varga and Kay Moor", "Ilse Varga, Kay Moor"), ("Von Ilse Varga und Kay Moor", "Ilse Varga, Kay Moor"),
    ("By Ana Lind, Bo Varga and Kay Moor", "Ana Lind, Bo Varga, Kay Moor"), ("Par Inès Varga et Jean Moor", "Inès Varga, Jean Moor"),
    ("BY ANA LIND AND BO VARGA", "ANA LIND, BO VARGA"),
    ("By the sea and the lock, at six", ""), ("By Ilse and the Lanterns", ""),  # a band is not two people
])
def test_a_byline_line_gives_its_name_only(line, want):
    assert lead_byline(line) == want


@pytest.mark.parametrize("line, want", [("Ilse Varga", "Ilse Varga"), ("Aktuell", ""), ("Speichern", ""),
                                        ("Redaktion", ""), ("the lock keeper", ""), ("Ilse Varga says:", ""),
                                        ("From: Canal Weekly", ""), ("Ilse Varga and Kay Moor", "Ilse Varga, Kay Moor"),
                                        ("Ilse Varga, Kay Moor", "Ilse Varga, Kay Moor"), ("Home, News and Sport", ""),
                                        ("Sport and Weather", "")])
def test_a_bare_line_by_the_date_is_a_name_only_with_a_names_shape(line, want):
    assert bare_name(line) == want


def test_a_menu_word_over_the_date_is_not_the_author(tmp_path):
    post = read_copy(tmp_path, "Canal Weekly\nAktuell\nThe Lock at Six\nAktuell\n3. März 2024\n\n" + _DE * 3)
    assert post.author == "" and post.date[:10] == "2024-03-03"


def test_a_name_over_the_date_is_the_author(tmp_path):
    post = read_copy(tmp_path, "Canal Weekly\nThe Lock at Six\nIlse Varga\n3. März 2024\n\n" + _DE * 3)
    assert post.author == "Ilse Varga"


def test_a_byline_under_the_standfirst_is_read(tmp_path):
    post = read_copy(tmp_path, "Canal Weekly\nHome\nThe Lock at Six\n\n" + _EN.replace("\n\n", "\n")
                 + "By Ilse Varga\nMarch 3, 2024\nShare\n\n" + _EN * 3)
    assert post.author == "Ilse Varga"
    assert "By Ilse Varga" not in "\n".join(post.blocks)


_DEK = "The gates of the old lock open at six and close at dusk, and the keeper has kept the same hours for forty years"
_CAPTION = "The keeper lights the lanterns on the jetty before the last barge of the evening comes through Photograph: Staff"


@pytest.mark.parametrize("under, found", [
    # Neither the standfirst nor the caption ends a sentence: the article has not begun, its byline is still to come.
    ([_DEK, "", _CAPTION], True),
    # Two of the article's paragraphs: a date after them is not the post's.
    ([_EN.strip(), "", _EN.strip()], False)])
def test_a_date_under_the_title_is_looked_for_until_the_article_begins(under, found):
    lines = ["Canal Weekly", "Home", "Lock keepers hold out against the winter floods", "", *under,
             "Ilse Varga", "Sun 3 Mar 2024 10.15 GMT", ""]
    dated = date_near(lines, 2)
    assert (dated is not None and dated[1] == "Sun 3 Mar 2024 10.15 GMT") is found
    if found:  # the names on their own line over the date are its byline
        assert dated[2] == "Ilse Varga"


def test_the_names_over_the_date_under_a_standfirst_are_the_authors():
    lines = ["Lock keepers hold out against the winter floods", "", _DEK, "", "Ilse Varga and Kay Moor",
             "Sun 3 Mar 2024 10.15 GMT", "", _EN.strip()]
    assert date_near(lines, 0)[2] == "Ilse Varga, Kay Moor"
    lines[4] = "From: Canal Weekly"  # a source's label, not a name
    assert date_near(lines, 0)[2] == ""


def test_a_teasers_byline_after_read_also_is_not_the_authors(tmp_path):
    post = read_copy(tmp_path, "Le journal\nAccueil\nLe bac dans le brouillard\n30 avril 2024\n\nLire aussi\nReportage\n"
                 "Sur les quais, une nuit\nPar Sébastien Varga\n\n" + _FR * 3)
    assert post.author == ""


def test_the_date_and_comment_count_after_a_name_are_not_the_name(tmp_path):
    post = read_copy(tmp_path, "The Lock at Six\nPosted by Ilse 21.10.2019 24 Comments\n\n" + _EN * 3)
    assert post.author == "Ilse" and post.date[:10] == "2019-10-21"


def test_a_post_date_after_the_copy_was_saved_is_refused(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("The Lock at Six\nPosted on March 3, 2031\n\n" + _EN * 3, encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # saved in November 2023
    [post] = read_text_copy(path)
    assert post.date == ""
    assert any("'March 3, 2031' cannot be read as a post date" in n for n in post.notes), post.notes


@pytest.mark.parametrize("line, want", [("Ilse Varga , 01. Dez. 2017, 12:01 Uhr 3 min Lesezeit", "Ilse Varga"),
                                        ("Ilse Varga · March 3, 2024", "Ilse Varga"),
                                        ("Aktuell · 3. März 2024", ""),  # a section with its date
                                        ("The Lock at Six | Canal Weekly", ""), ("Ilse Varga", "")])
def test_a_name_then_its_date_gives_the_name(line, want):
    assert dated_name(line) == want


def test_a_name_then_its_date_under_the_title_is_the_author(tmp_path):
    post = read_copy(tmp_path, "Canal Weekly\nHome\nDie Schleuse um sechs\nIlse Varga , 01. Dez. 2017, 12:01 Uhr 3 min Lesezeit"
                 "\n\n" + _DE * 3)
    assert post.author == "Ilse Varga"


@pytest.mark.parametrize("line, want", [
    ("October 22, 2019 report", ("October 22, 2019", "")), ("Stand: 20. April 2020, 14:57 Uhr", ("20. April 2020, 14:57 Uhr", "")),
    ("21. Jan 2022 // Ilse Varga", ("21. Jan 2022", "Ilse Varga")), ("Published on March 3, 2024", ("March 3, 2024", "")),
    ("2019 was the year the lock keeper retired", None),  # a year alone names no day
    ("On March 3, 2024 the gates stayed shut all day because the river had frozen over", None),  # a sentence
])
def test_a_short_line_under_the_title_that_starts_with_a_date_gives_it(line, want):
    found = date_near(["The Lock at Six", line], 0)
    assert (found[1:] if found else None) == want


def test_a_teasers_date_far_over_the_title_is_not_the_posts():
    lines = ["March 1, 2024", "An older post", "Home", "The Lock at Six", "", "The gates open at six."]
    assert date_near(lines, 3) is None
    assert date_near(["Home", "March 1, 2024", "The Lock at Six"], 2)[1] == "March 1, 2024"  # a date header right over it
