"""A section's name over a news headline (its kicker), repeated in the menu: the headline is the line under it
(essaykit/importers/text_title_kicker.py)."""

from __future__ import annotations

from essaykit.importers.text_title import _headline_shape, headline
from essaykit.importers.text_title_kicker import headline_under_kicker

from .test_text_title_news import MORE, STORY
from .test_text_titles import _copy

HEADLINE = "Affaire du quai nord : le juge se récuse"
DEK = "Le juge Tomas Brell se retire d'une cause liée au port."
MENU = ["Accueil", "Justice et faits divers", "En continu", "Arts", "Environnement", "Science", "Santé", "Techno",
        "Début du contenu principal"]
GLUED = ("Le quai nord fermé aux traversiers : la commission du port a voté mardi soir la fermeture du quai pour le "
         "reste de l'année, les capitaines disent qu'on ne les a pas consultés et plusieurs ont quitté la salle")


def test_the_headline_under_a_section_name_the_menu_repeats(tmp_path):
    # The copy's first prose is a summary glued to the top of the page; under it the section's name (also a menu
    # entry) is the only repeated line over the article: the headline is the line under it.
    for kickers in (["Justice et faits divers"], ["Justice et faits divers", "Montréal"]):
        lines = [*MENU, GLUED, "Accueil", *kickers, HEADLINE, DEK, "Photo : Quai Nord", "Partager", STORY, MORE]
        found = headline(lines)
        assert found is not None and lines[found[0]] == HEADLINE, kickers
        assert "kicker" in found[1]
        assert _copy(tmp_path, lines).title == HEADLINE


def test_what_is_no_kicker():
    counts = {}
    shape = _headline_shape
    # a longer line, a line naming a number, or a line over another headline-shaped line is no kicker
    for kicker, under in ((["Les nouvelles du port de Montréal ce soir"], [HEADLINE, DEK]),
                          (["Identifiant : NCT0374"], ["Statut du recrutement : terminé", DEK]),
                          (["Justice et faits divers"], [HEADLINE, "Le quai nord ferme pour l'hiver prochain"])):
        lines = [*kicker, *under, STORY]
        assert headline_under_kicker(lines, list(range(len(lines))), 0, counts, shape) is None, kicker
    lines = ["Justice et faits divers", HEADLINE, DEK, STORY]
    assert headline_under_kicker(lines, list(range(len(lines))), 0, counts, shape) == 1
