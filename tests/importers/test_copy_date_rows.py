"""A text copy's date by the headline in the shapes themes print it (essaykit.importers.text_byline's date_near and
dated_name, through read_text_copy): the published and updated dates glued, a label before it in several languages,
a long row of date, author, categories and count, a name then "Stand:", several writers' names over the date."""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_byline import date_near

_DE = ("Der Schleusenwärter öffnet die Tore um sechs, und er schließt sie erst, wenn der letzte Kahn durch ist. Dann "
       "geht er heim, aber erst, wenn er die Laternen am Steg angezündet und den Tag in sein Buch geschrieben hat.\n\n")
_PT = ("O guarda da eclusa abre as comportas às seis e só as fecha quando passa a última barcaça. Depois volta para "
       "casa, mas antes acende as lanternas do cais e anota o dia no seu livro.\n\n")
_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")


def _copy(tmp_path, head: str, prose: str):
    path = tmp_path / "copy.txt"
    path.write_text(f"Startseite\nKanäle\nKontakt\n\nDie Schleuse um sechs\nEin langer Tag am Kanal.\n{head}\n\n" + prose * 4,
                    encoding="utf-8")
    [post] = read_text_copy(path)
    return post


@pytest.mark.parametrize("row, prose, day", [
    ("1. November 20161. November 2016 kvarga", _DE, "2016-11-01"),  # published and updated, glued, then a login
    ("Donnerstag, 4. November 2021Donnerstag, 4. November 2021", _DE, "2021-11-04"),
    ("Erschienen am: 01.11.2023", _DE, "2023-11-01"),
    ("Erscheinungsdatum 21. Januar 2022", _DE, "2022-01-21"),
    ("Letzte Aktualisierung: 28.01.2022", _DE, "2022-01-28"),
    ("Veröffentlicht am: 28. Oktober 2023 | Anzahl Kommentare: noch keine", _DE, "2023-10-28"),
    ("postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50", _PT, "2022-05-04"),
    ("January 13, 2020 at 08:45 AM | categories: Canals, Locks, Barges | View Comments", _EN, "2020-01-13"),
    ("1. Februar 2022 kvarga Kanäle, Schleusen, Laternen, Kähne, Stege und Bücher 0", _DE, "2022-02-01"),
])
def test_the_rows_date_is_the_posts(tmp_path, row, prose, day):
    assert _copy(tmp_path, row, prose).date[:10] == day


def test_a_name_then_its_label_and_date(tmp_path):
    post = _copy(tmp_path, "Ilse Varga Stand: 05. Februar 2020", _DE)
    assert (post.author, post.date[:10]) == ("Ilse Varga", "2020-02-05")


def test_several_writers_each_under_their_initials_over_the_date(tmp_path):
    post = _copy(tmp_path, "IV\nIlse Varga\nBL\nBo Lind\npostado em 04/05/2022 05:49", _PT)
    assert (post.author, post.date[:10]) == ("Ilse Varga, Bo Lind", "2022-05-04")


def test_a_long_line_that_starts_with_a_date_and_ends_a_sentence_is_prose():
    line = ("5. Mai 2020 war der Tag, an dem der Schleusenwärter die Tore zum letzten Mal um sechs öffnete, "
            "und danach nie wieder.")
    assert date_near(["Die Schleuse um sechs", line], 0) is None
