"""A text copy's date by the headline in the shapes themes print it (essaykit.importers.text_byline's date_near and
dated_name, through read_text_copy): the published and updated dates glued, a label before it in several languages,
a long row of date, author, categories and count, a name then "Stand:", several writers' names over the date."""

from __future__ import annotations

import pytest

from essaykit.importers.text_byline import date_near

from .canal_copy import DE, EN, PT, canal_copy


@pytest.mark.parametrize("row, prose, day", [
    ("1. November 20161. November 2016 kvarga", DE, "2016-11-01"),  # published and updated, glued, then a login
    ("Donnerstag, 4. November 2021Donnerstag, 4. November 2021", DE, "2021-11-04"),
    ("Erschienen am: 01.11.2023", DE, "2023-11-01"),
    ("Erscheinungsdatum 21. Januar 2022", DE, "2022-01-21"),
    ("Letzte Aktualisierung: 28.01.2022", DE, "2022-01-28"),
    ("Veröffentlicht am: 28. Oktober 2023 | Anzahl Kommentare: noch keine", DE, "2023-10-28"),
    ("postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50", PT, "2022-05-04"),
    ("January 13, 2020 at 08:45 AM | categories: Canals, Locks, Barges | View Comments", EN, "2020-01-13"),
    ("1. Februar 2022 kvarga Kanäle, Schleusen, Laternen, Kähne, Stege und Bücher 0", DE, "2022-02-01"),
])
def test_the_rows_date_is_the_posts(tmp_path, row, prose, day):
    assert canal_copy(tmp_path, row, prose).date[:10] == day


def test_a_name_then_its_label_and_date(tmp_path):
    post = canal_copy(tmp_path, "Ilse Varga Stand: 05. Februar 2020", DE)
    assert (post.author, post.date[:10]) == ("Ilse Varga", "2020-02-05")


def test_several_writers_each_under_their_initials_over_the_date(tmp_path):
    post = canal_copy(tmp_path, "IV\nIlse Varga\nBL\nBo Lind\npostado em 04/05/2022 05:49", PT)
    assert (post.author, post.date[:10]) == ("Ilse Varga, Bo Lind", "2022-05-04")


def test_a_long_line_that_starts_with_a_date_and_ends_a_sentence_is_prose():
    line = ("5. Mai 2020 war der Tag, an dem der Schleusenwärter die Tore zum letzten Mal um sechs öffnete, "
            "und danach nie wieder.")
    assert date_near(["Die Schleuse um sechs", line], 0) is None
