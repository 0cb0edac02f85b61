"""A text copy's byline that prints more after the name on its line (essaykit.importers.text_byline_row,
through read_text_copy): a separator and the date, a category, the photo's credit, the writer's address, another
label. The name is what stands between the byline's words and the first thing a name does not hold."""

from __future__ import annotations

import pytest

from essaykit.importers.text_byline_row import row_byline

from .canal_copy import DE, EN, ES, canal_copy


@pytest.mark.parametrize("byline, prose, day", [
    ("Ein Artikel von Ilse Varga | 27.01.2022 - 12:45", DE, "2022-01-27"),
    ("Gepostet von Ilse Varga | Kanäle", DE, ""),
    ("von Ilse Varga  Foto: © Bildagentur", DE, ""),
    ("Von Ilse Varga Kategorien: Reisen 6. November 2023, 15:25 Uhr", DE, ""),
    ("Por Ilse Varga ivarga@example.org", ES, ""),
    ("Posted by Ilse Varga under Canals, Locks | Tags: barges", EN, ""),
    ("Autor Ilse Varga:", DE, ""),
])
def test_the_name_is_cut_where_the_row_goes_on(tmp_path, byline, prose, day):
    post = canal_copy(tmp_path, byline, prose)
    assert post.author == "Ilse Varga"
    if day:
        assert post.date[:10] == day


@pytest.mark.parametrize("line", [
    "Autor Zeit 5 min",  # a label without its colon over one word: a row of labels
    "Von Anfang an  dabei",  # "von" starting a sentence, no name after it
    "About Us | Contact",  # no byline's words
    "By the way, this is it",
    "Autor: www.example.org 2 Kommentare",  # an address is no name
    "Posted in News | 3 Comments",  # the categories, not a name
])
def test_no_name_where_the_row_names_none(line):
    assert row_byline(line) == ""


@pytest.mark.parametrize("byline, prose", [
    ("ByIlse Varga", EN),  # the byline's word glued to the name's link by the copy
    ("Von Ilse Varga Vom 3. Februar 2022 0", DE),  # "vom DATE" after the name is the date's
])
def test_what_the_copy_glued_around_the_name_is_not_the_name(tmp_path, byline, prose):
    assert canal_copy(tmp_path, byline, prose).author == "Ilse Varga"


def test_a_name_that_starts_with_by_is_still_a_name():
    from essaykit.importers.text_byline import bare_name

    assert bare_name("Byron Lind") == "Byron Lind"
