"""The names by a text copy's headline (issue 28): the byline's authors are never the title, and a headline of a few
capitalised words is no author's name when the byline under it names someone else."""

from __future__ import annotations

from essaykit.importers.text_title import headline

from .test_text_titles import MENU, PROSE, _copy


def test_capitalised_words_over_a_byline_naming_someone_else_are_the_headline(tmp_path):
    # A blog's front page: each post's title over "Publiziert am DATE von NAME"; the first post is the copy's
    first = [*MENU, "← Ältere Beiträge", "Liebe Nachbarn Kiels", "Publiziert am 13. Januar 2014 von hafenkind", "",
             PROSE, "", PROSE]
    second = ["Veröffentlicht unter Allgemein", "Warum nicht heute segeln?", "Publiziert am 23. Juli 2013 von hafenkind",
              "", PROSE, "", PROSE]
    post = _copy(tmp_path, [*first, "", *second])
    assert post.title == "Liebe Nachbarn Kiels"
    # the author's own name over a byline naming the same person is still the author, not the headline
    for dated in ("Publiziert am 13. Januar 2014 von Greta Holm", "Veröffentlicht am 13. Januar 2014 von Greta Holm"):
        lines = [*MENU, "Die Fähre im Nebel", "", "Greta Holm", dated, "", PROSE]
        assert lines[headline(lines)[0]] == "Die Fähre im Nebel", dated


STORY = ("The ferry left before dawn, and nobody on the pier waved it off, because everyone was still asleep and "
         "the fog lay so thick on the water that the lamps along the shore could hardly be seen at all.")
DEK = ("Fishermen and ferry crews say the new rules leave them stuck in port for days while the fog rolls in from the "
       "sea, and that nobody in the town hall listened to their warnings last winter")


def test_a_byline_of_several_names_over_the_date_is_never_the_headline(tmp_path):
    for byline in ("Ruth Amsel and Tom Berger", "Ruth Amsel, Tom Berger & Ana Lima", "Greta Holm und Jan Wolf",
                   "Ruth Amsel,HARBOUR", "Richard (R.J.) Amsel"):
        lines = [*MENU, "Ferry crews hold out against the new harbour rules", "This article is more than 5 years old",
                 "", DEK, "", "A ferry in the fog at dawn Photograph: Jane Doe", byline, "Tue 29 Nov 2016 15.26 EST", "",
                 STORY, "", STORY]
        post = _copy(tmp_path, lines)
        assert post.title == "Ferry crews hold out against the new harbour rules", byline
    from essaykit.importers.text_title_meta import names

    # title-case headlines joining capitalised words are no bylines
    for line in ("Apple and Google Team Up", "Salt and Ash in the Old Harbour", "Goals (SDGs)", "Rock and Roll"):
        assert not names(line), line
    assert names("Ruth Amsel and Tom Berger") and names("Ruth Amsel")


def test_a_kicker_between_the_date_and_the_headline_is_not_the_title(tmp_path):
    # German news sites print a date, a short kicker (Dachzeile), then the headline right over the article
    lines = [*MENU, "Mo, 11:41 Uhr", "06.11.2023", "Hafen feiert neue Fähre", "Ein Festtag für den Nordhafen",
             PROSE, "", PROSE]
    found = headline(lines)
    assert lines[found[0]] == "Ein Festtag für den Nordhafen" and "kicker" in found[1]
    post = _copy(tmp_path, lines)
    assert post.title == "Ein Festtag für den Nordhafen"
    assert any(d.startswith("the title") for d in post.doubts), "a kicker read from its place alone is a guess"
    # with no second line between the date and the article, the line under the date is the headline
    lines = [*MENU, "06.11.2023", "Ein Festtag für den Nordhafen", PROSE, "", PROSE]
    assert lines[headline(lines)[0]] == "Ein Festtag für den Nordhafen"


def test_a_breadcrumb_or_kicker_glued_to_the_headline_repeats_it(tmp_path):
    # a copy glues inline parts together: the breadcrumb's "Lokales Kiel" and the headline make one line, and the
    # headline stands again on its own over its dek
    dek = "Stühle, Laternen und ein altes Steuerrad aus Messing kamen im Hafenamt unter den Hammer."
    lines = [*MENU, "Lokales Kiel So lief die Auktion der Schätze vom Nordhafen", "18:34 19.10.2019",
             "Kostenlos bis 19:34 Uhr", "So lief die Auktion der Schätze vom Nordhafen", "", dek, "", PROSE, "", PROSE]
    assert _copy(tmp_path, lines).title == "So lief die Auktion der Schätze vom Nordhafen"
    # a nested menu's entry glued into its parent's line, over more short entries, gains nothing
    menu = ["Zurück Vorspeisen Suppen Hauptgerichte Salate Nachspeisen Neue Rezepte",
            "Vorspeisen Suppen Hauptgerichte Salate Nachspeisen Neue Rezepte", "Magazin", "Diäten"]
    lines = [*MENU, *menu, "Fischbrötchen wie am Hafen von Kiel", PROSE, "", PROSE]
    assert lines[headline(lines)[0]] == "Fischbrötchen wie am Hafen von Kiel"
