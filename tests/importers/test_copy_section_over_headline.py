"""A section's name printed right over a copy's headline ("NOTICIAS DEL VALLE", "Handball | Jugend", a menu's entry the
copy states over it again) is no title: the headline under it is, the byline and date under both notwithstanding;
a breadcrumb glued to its prompt ("Sie sind hier: Start Presse …") is no headline either, nor a search box's
placeholder ("Suche in allen Inhalten") over the headline's date (issue 28). The guards: a
short headline over its longer dek, one over a dateline's lede, and one the copy repeats only in a list further down
stay the title."""

from __future__ import annotations

import pytest

from essaykit.importers.text_controls import control_line
from essaykit.importers.text_title import _headline_shape
from essaykit.importers.text_title_counts import line_counts
from essaykit.importers.text_title_crumbs import trail
from essaykit.importers.text_title_kicker import section_over_headline
from essaykit.importers.text_title_meta import _dateline

from .builders import read_copy_lines

MENU = ["Inicio", "Región", "Deportes", "Cultura", "Contacto", ""]  # six lines: the section is line 6
PROSE_ES = ("Los vecinos del barrio alto llevan tres semanas reuniendo firmas para que el ayuntamiento vuelva a abrir "
            "la biblioteca pequeña, cerrada desde el invierno por una gotera que nadie ha reparado todavía.")
PROSE_DE = ("Die Mannschaft der Jugend hat am Wochenende ihr letztes Spiel vor der Pause verloren, und der Trainer "
            "sprach danach lange mit den Eltern über die Hallenzeiten, die im Frühjahr wieder knapper werden.")
PROSE_FR = ("Le collectif des jardins partagés a présenté mardi son rapport sur l'eau de pluie, et les élus ont promis "
            "d'installer des cuves dans trois quartiers avant l'été, sans dire encore qui les paierait.")


def _article(prose: str) -> list[str]:
    return [prose, "", prose.split(",")[0] + ", so hieß es, und mehr.", "", prose, ""]


def _moved(lines: list[str], at: int) -> int | None:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    found = section_over_headline(lines, at, line_counts(lines, filled), _headline_shape, _dateline)
    return None if found is None else found[0]


def test_a_section_in_capitals_over_the_headline():
    lines = [*MENU, "NOTICIAS DEL VALLE", "La biblioteca del barrio alto sigue cerrada tras tres semanas de firmas",
             "En este barrio varios vecinos cerraron sus tiendas una mañana para pedir que se repare la gotera.", "",
             "Por Lucía Ferrán", "5 mayo, 2022, 6:12 pm", *_article(PROSE_ES)]
    assert _moved(lines, 6) == 7
    lines[6] = "Noticias del Valle"  # no capitals: nothing marks it as a section's name
    assert _moved(lines, 6) is None


def test_a_section_and_its_subsection_over_the_headline(tmp_path):
    headline = "Knappe Niederlage vor der Pause: Jugendteam verliert in eigener Halle"
    post = read_copy_lines(tmp_path, ["Start", "Sport", "Mehr Sport", "", "Handball | TV Neustadt", "", headline,
                                      "STAND", "21.4.2021, 16:41 Uhr", "AUTOR/IN", "Jona Veltmann", " auf Whatsapp teilen",
                                      " auf Facebook teilen", " per Mail teilen", "", *_article(PROSE_DE)])
    assert post.title == headline


def test_a_menus_entry_stated_again_over_the_headline():
    lines = ["Accueil", "Le collectif", "Dans la presse", "Agenda", "", "Accueil >", "Actualités >", "Dans la presse",
             "Des cuves dans trois quartiers avant l'été, promet la mairie", "jeudi 13 juin 2019, par Le Collectif",
             *_article(PROSE_FR)]
    assert _moved(lines, 7) == 8
    lines[2] = "Revue de presse"  # the menu no longer states it: a short headline over a longer one, both kept
    assert _moved(lines, 7) is None


def test_a_short_headline_over_its_dek_stays(tmp_path):
    post = read_copy_lines(tmp_path, [*MENU, "13. Februar 2017", "Streit ums Brennholz", "",
                                      "DORF – Zwischen Alteingesessenen und Neuen gibt es Ärger um den Wald, und der "
                                      "Gemeinderat sucht einen Weg", "", "Von Jona Veltmann", *_article(PROSE_DE),
                                      "Neueste Beiträge", "Streit ums Brennholz", "Treffpunkt Brücke", "Impressum"])
    assert post.title == "Streit ums Brennholz"


def test_a_headline_over_a_datelines_lede_stays(tmp_path):
    post = read_copy_lines(tmp_path, ["Startseite", "Infos", "Medieninformationen", "Städte statt Dörfer", "Zurück",
                                      "", "Städte statt Dörfer", "",
                                      "Bern, 17.08.2007 - Rede von Jona Veltmann beim Städtetag, Basel", "",
                                      *_article(PROSE_DE)])
    assert post.title == "Städte statt Dörfer"


def test_a_breadcrumb_glued_to_its_prompt_is_no_headline(tmp_path):
    headline = "Gemeinde zahlte rund zwei Millionen Euro für neue Hallenzeiten im Winter"
    assert trail(f"Sie sind hier: Aktuelles Presse {headline}")
    assert trail("You are here: Home News A headline of the day")
    assert not trail("Here we are: a headline with a colon")
    post = read_copy_lines(tmp_path, [*MENU, f"Sie sind hier: Aktuelles Presse {headline}", "", "Presse", "",
                                      "12.01.2022", headline, *_article(PROSE_DE)])
    assert post.title == headline


@pytest.mark.parametrize("line", ["Suche in allen Inhalten", "Search this site", "Rechercher sur le site",
                                  "Buscar en el sitio", "Suchbegriff eingeben", "Enter search term", "Cerca nel sito"])
def test_a_search_boxs_placeholder_is_a_control_line(line):
    assert control_line(line)


@pytest.mark.parametrize("line", ["Search this site for the oldest canal maps", "Suche in allen Inhalten der Stadtbibliothek",
                                  "Buscar en el sitio equivocado: una historia"])
def test_a_headline_starting_as_a_placeholder_is_not(line):
    assert not control_line(line)


def test_the_headline_under_a_trail_and_a_search_box(tmp_path):
    headline = "Gemeinde zahlte rund zwei Millionen Euro für neue Hallenzeiten im Winter"
    post = read_copy_lines(tmp_path, [*MENU, f"Sie sind hier: Aktuelles Presse {headline}", "Suche ",
                                      "Suche in allen Inhalten", "02.01.2022", headline, "", *_article(PROSE_DE),
                                      f"Sie sind hier: Aktuelles Presse {headline}"])
    assert post.title == headline
