"""What a byline says around a name is not the name (essaykit.importers.names.clean_name): the byline's date, the
writer's job title or degree, a profile link's label, a web address. An unknown author is better than a wrong one."""

from __future__ import annotations

import pytest

from essaykit.importers.names import clean_name
from essaykit.importers.text_patterns import read_byline


@pytest.mark.parametrize("byline, want", [
    # the date after the name, its month or weekday first
    ("Ilse Varga March 25, 2015", "Ilse Varga"), ("Ilse Varga December 13, 2017", "Ilse Varga"),
    ("Ilse Varga Tuesday, Dec. 3, 2013", "Ilse Varga"), ("Ilse Varga 3 avril 2019", "Ilse Varga"),
    ("Ilse Varga Mittwoch, 4. Dezember 2019", "Ilse Varga"),
    # a newsroom's job title, a degree
    ("Ilse Varga Senior Business Writer", "Ilse Varga"), ("Ilse Varga Games Editor", "Ilse Varga"),
    ("Ilse Varga Staff Writer", "Ilse Varga"), ("Ilse Varga, PhD", "Ilse Varga"), ("Ilse Varga MD", "Ilse Varga"),
    # the words themes print before the name, in more languages
    ("More stories by Ilse Varga", "Ilse Varga"), ("Vom Schleusenwärter", "Schleusenwärter"),
    ("Propos recueillis par Inès Varga.", "Inès Varga"), ("Af Ilse Varga", "Ilse Varga"),
    ("Авторы Ирина Варга", "Ирина Варга"),
    # names that look like one of those words are left alone
    ("Theresa May", "Theresa May"), ("April Roach", "April Roach"), ("John Sunday", "John Sunday"),
    ("Yo-Yo Ma", "Yo-Yo Ma"), ("Ilse Varga Jr.", "Ilse Varga Jr."),
    ("Rasender Reporter", "Rasender Reporter"),  # a pseudonym, not a name and a role
    ("canal-weekly.example Redaktion", "canal-weekly.example Redaktion"),  # a desk's own name is left to the sources' ranking
    ("Ilse Varga@ilsevarga", "Ilse Varga"),  # a social handle the copy glued to the name
    ("Über Ilse Varga", "Ilse Varga"), ("Ilse Varga vor 3 Tagen", "Ilse Varga"), ("Ilse Varga, Oktober", "Ilse Varga"),
    ("Ilse Varga, Online-Redaktion", "Ilse Varga"),
    ("Redacci&oacute;n Canal Semanal", "Redacción Canal Semanal"),  # an entity escaped twice in JSON-LD
    ("By Ilse Varga | ilse@canal-weekly.example", "Ilse Varga"), ("Ilse Varga (ilse@canal-weekly.example)", "Ilse Varga"),
])
def test_a_byline_keeps_the_name_only(byline, want):
    assert clean_name(byline) == want


@pytest.mark.parametrize("byline", [
    "May", "Dec", "January", "Profile", "by Profile", "View Profile", "See full bio", "Follow us", "Lesedauer",
    "Contributor", "Staff Writer", "Xxx", "Submitted", "More stories", "About the author", "Über den Autor", "Mai",
    "http://news.example/author/ilse-varga/", "www.canal-weekly.example", "ilse@canal-weekly.example",
    "  ,;|  ", "By", "Von", "Autor:",  # hostile: punctuation and a label alone
])
def test_a_byline_that_names_nobody_gives_no_author(byline):
    assert clean_name(byline) == ""


def test_a_month_in_a_list_of_names_is_dropped_and_the_names_kept():
    assert clean_name("October; Ilse Varga") == "Ilse Varga"


@pytest.mark.parametrize("line, want", [
    ("By Ilse Varga Nov 29, 2016, 10:00am EST", ("Ilse Varga", "Nov 29, 2016, 10:00am EST")),
    ("By Ilse Varga December 28, 2016", ("Ilse Varga", "December 28, 2016")),
    ("By Ilse Varga, March 3, 2020", ("Ilse Varga", "March 3, 2020")),
])
def test_a_copys_byline_line_gives_the_whole_date_after_the_name(line, want):
    assert read_byline(line) == want
