"""Lines by a text copy's headline that are never it (issue 28): a byline of several names with a correspondent's
city among them, names over a date written as time ago, and a menu's row whose entries are parted by dashes."""

from __future__ import annotations

from essaykit.importers.text_title import headline
from essaykit.importers.text_title_meta import names
from essaykit.importers.text_title_wide import dash_row

from .test_text_titles import MENU, PROSE, _copy


def test_names_over_a_date_written_as_time_ago_are_the_byline_not_the_headline(tmp_path):
    for headline_text, byline, ago in (
            ("La agenda con que el puerto busca contener la crisis del muelle", "Ana Lima, Rosa Vidal y Tomás Berro",
             "Hace 13 horas"),
            ("Der Hafen plant eine neue Fähre für den Winter", "Greta Holm und Jan Wolf", "vor 3 Stunden"),
            ("The harbour plans a new ferry for the winter", "Ruth Amsel and Tom Berger", "2 hours ago")):
        lines = [*MENU, headline_text, byline, ago, "Tiempo de lectura: 8 minutos", "", PROSE, "", PROSE]
        found = headline(lines)
        assert found is not None and lines[found[0]] == headline_text, byline
        assert _copy(tmp_path, lines).title == headline_text, byline


def test_a_byline_naming_a_correspondents_city_between_its_authors_is_never_the_headline(tmp_path):
    for byline in ("Greta M. Holm, Kiel, Jan Wolf", "Ruth Amsel, Lisbon, Tom Berger"):
        assert names(byline), byline
        lines = [*MENU, "Der Nervenkrieg um den Fährplan geht weiter", byline, "19.10.2019, 23:38 Uhr", "", PROSE, "",
                 PROSE]
        post = _copy(tmp_path, lines)
        assert post.title == "Der Nervenkrieg um den Fährplan geht weiter", byline
    # a place alone, or places alone, name no people; a name first and its city after it is a byline
    for line in ("Paris, London, Berlin", "Kiel, Greta Holm", "Apple and Google Team Up"):
        assert not names(line), line
    assert names("Greta Holm, Kiel")


def test_four_short_entries_parted_by_dashes_are_a_menu_row(tmp_path):
    for row in ("Einleitung - Gutachten - Fortbildung - Kontakt", "Reisen – Rezepte – Rollenbilder – Sex/BDSM",
                "Accueil - Équipe - Actualités - Boutique - Mentions légales"):
        assert dash_row(row), row
    # a headline parts two or three phrases so, or names a number among short parts
    for text in ("Vanlife in Schweden - Skandinavien im Wohnmobil", "Hafen - Fähre - Nebel",
                 "Blockhaus für 2 – 5 Personen – am See – mit Sauna", "Rock – Pop – Jazz – 2019"):
        assert not dash_row(text), text
    lines = ["Baumpflege", "Einleitung - Gutachten - Fortbildung - Kontakt", "Einleitung", PROSE, "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title != "Einleitung - Gutachten - Fortbildung - Kontakt"


def test_the_comment_count_naming_the_post_after_an_icons_glyph_names_the_headline(tmp_path):
    from essaykit.importers.text_labels import named_post

    for line in ("± 6 Kommentare zu „Leber mit Apfel und Zwiebel“", "💬 2 thoughts on “Leber mit Apfel und Zwiebel”",
                 "• Ein Gedanke zu „Leber mit Apfel und Zwiebel“"):
        found = named_post(line)
        assert found is not None and "Leber mit Apfel und Zwiebel" in found.group("title"), line
    assert named_post("Leber mit Apfel und Zwiebel") is None and named_post("± 6") is None
    # a blog's recent-posts list names the post first; the comment section's count names it as the copy's post
    recent = ["Neueste Beiträge", "Leber mit Apfel und Zwiebel", "Marmorkuchen mit Rum", "Schweinefilet al forno",
              "Kategorien", "Essen und Familie", "Kochen und Medien", "Rund um die Familie", "Kalender"]
    lines = [*MENU, *recent, "Leber mit Apfel und Zwiebel", "Rezept drucken", "Zutaten", "", PROSE, "", PROSE, "",
             "± 6 Kommentare zu „Leber mit Apfel und Zwiebel“", "Greta Holm", "12. März 2024 um 10:15", "Lecker!"]
    post = _copy(tmp_path, lines)
    assert post.title == "Leber mit Apfel und Zwiebel"
    assert not [d for d in post.doubts if d.startswith("the title")], "the comment section names it: no guess"


def test_a_bylines_row_of_fields_with_a_days_date_is_never_the_headline(tmp_path):
    from essaykit.importers.text_title_dek import dated_row

    for row in ("Greta Holm – 14.09.2022 – Kolumne, Hafen, Allgemein, Meer", "Freitag | 14. Juni 2019 | 15:49 VON Jan Wolf",
                "Accueil | Par Lou Marin | 30 septembre 2018"):
        assert dated_row(row), row
    # a headline naming a year or a span of years, or one date before its words, is no such row
    for text in ("Die Fähren der Nachkriegszeit - Teil 49 – Baujahre 1931 – 1945", "Jan - April 2014 - Hafen-News",
                 "23.01.2022 - Greta Holm darf beim Hafenfest noch jubeln"):
        assert not dated_row(text), text
    lines = [*MENU, "Warum ich lieber „Fährgeburt“ statt Brückentaufe sage",
             "Greta Holm – 14.09.2022 – Kolumne, Hafen, Allgemein, Meer", PROSE, "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Warum ich lieber „Fährgeburt“ statt Brückentaufe sage"


def test_a_short_headline_ending_with_a_full_stop_over_its_byline_is_the_headline(tmp_path):
    for headline_text, byline in (("Nebelsuppe.", "Veröffentlicht am Fr, 24. Januar 2020, 18:18 von Greta"),
                                  ("Warum ich lieber Fähre statt Brücke sage.", "Greta Holm – 14.09.2022 – Kolumne, Meer"),
                                  ("Brouillard sur le port.", "Publié le 3 mars 2020 par Lou Marin")):
        lines = ["Das Leben, das Meer und ich…", *MENU, "Jan24", headline_text, byline, "", PROSE, "", PROSE]
        assert _copy(tmp_path, lines).title == headline_text, headline_text
    # a dek's sentence ending with a full stop between the headline and its byline stays the dek
    lines = [*MENU, "Nebel über dem Hafen von Kiel", "Die Fähren bleiben heute im Hafen.", "Von Greta Holm",
             "12. März 2024", "", PROSE, "", PROSE]
    assert _copy(tmp_path, lines).title == "Nebel über dem Hafen von Kiel"
    # nor a dek or a photo's caption with its full stop under the headline, over the byline; nor a section's motto
    # over a bare date
    for between in (["Wir haben Antworten."], ["Photo: Greta Holm", "Hafenarbeit."]):
        lines = [*MENU, "Rätselhaftes Flugzeug kreist über dem Hafen von Kiel", *between,
                 "Von Greta Holm am 13. Dezember 2016", "", PROSE, "", PROSE]
        assert _copy(tmp_path, lines).title == "Rätselhaftes Flugzeug kreist über dem Hafen von Kiel", between
    lines = [*MENU, "Politik", "Who's winning, who's losing, and why.", "March 9 2017 4:21 PM", "Broken Pledge",
             "The harbour's promises to the ferry crews have officially proved to be empty.", PROSE, "", PROSE]
    assert _copy(tmp_path, lines).title != "Who's winning, who's losing, and why."
