"""A whole page's text copy: the headline is found by the copy's structure, in any language, below its menus."""

from __future__ import annotations

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_title import headline

PROSE = ("Die Fähre legte vor der Dämmerung ab, und niemand am Steg winkte ihr nach, weil alle noch schliefen "
         "und der Nebel so dicht über dem Wasser lag, dass man die Laternen am Ufer kaum sehen konnte.")
MENU = ["Zum Inhalt springen", "Startseite", "Über uns", "Archiv", "Kontakt", "Suche"]


def _copy(tmp_path, lines: list[str]):
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [post] = read_text_copy(path)
    return post


def test_the_headline_over_its_byline_wins_over_the_menu(tmp_path):
    post = _copy(tmp_path, [*MENU, "Nebel über dem Hafen von Kiel", "Von Greta Holm", "12. März 2024", "", PROSE, "",
                            PROSE])
    assert post.title == "Nebel über dem Hafen von Kiel"
    assert "Nebel über dem Hafen" not in "\n".join(post.blocks) and "Startseite" not in "\n".join(post.blocks)
    assert any("the title, by a byline or date" in g for g in post.guessed), "the report says how the title was found"


def test_a_date_header_over_the_headline_and_a_breadcrumb_naming_it(tmp_path):
    lines = [*MENU, "Blog > 2024 > Die Fähre im Nebel", "« Vorige | Nächste »", "08.04.2024 12:46",
             "Die Fähre im Nebel", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Die Fähre im Nebel"
    assert _copy(tmp_path, lines).title == "Die Fähre im Nebel"


def test_the_author_over_the_date_is_not_the_headline():
    lines = [*MENU, "Salt and Ash in the Old Harbour", "Ruth Amsel", "Follow", "Oct 15, 2015 · 18 min read",
             "What the ferrymen never told us", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Salt and Ash in the Old Harbour"


def test_a_copy_whose_structure_shows_no_headline_gives_none():
    assert headline([*MENU, PROSE]) is None, "menus alone name no headline: no guess"
    assert headline(["Startseite", "Kontakt"]) is None, "no prose at all"


def test_tags_and_lines_every_comment_repeats_are_not_headlines():
    lines = [*MENU, "editor's picks", "3/09/15 8:00am", "Go to permalink", "12. März 2024", "Go to permalink",
             "Go to permalink", "Go to permalink", PROSE]
    assert headline(lines) is None, "a lowercase tag and a line said four times are furniture"


def test_a_headline_stated_again_right_over_its_article_wins_over_a_dialog(tmp_path):
    # A saved page's hidden editor dialog comes first, with a long notice the copy reads as the first prose; the post's
    # headline stands under it, share buttons and a subtitle between it and its second statement over the article.
    notice = ("This draft is private, which means only people you invite can read it; are you sure you want to "
              "share it with everyone who has the link? Yes, show me the options")
    lines = ["Ready to send?", "Change the draft's name and who sees it", "Greta Holm", "6 min read", "Sign in / Sign up",
             notice, "The Ferry That Never Came", "Share on Twitter", "Share on Facebook", "Share by email",
             "Fog stories from the north.", "The Ferry That Never Came", PROSE, PROSE, PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "The Ferry That Never Came"
    assert "stated again right over the article" in found[1]
    assert _copy(tmp_path, lines).title == "The Ferry That Never Came"


# Rules from copies of pages nobody here wrote (bench/saved_pages.py --copies); the copies below are our own.
ESSAY = ("La lluvia volvió a la ciudad después de tres meses, y los vecinos salieron a la calle a mirarla caer "
         "como si fuera la primera vez, con los paraguas cerrados y las caras mojadas.")


def test_a_weekday_and_a_time_over_a_headline_is_no_headline(tmp_path):
    lines = [*MENU, "Di, 10:19 Uhr", "31.10.2023", "Nebel über dem Hafen von Kiel", "", PROSE]
    assert _copy(tmp_path, lines).title == "Nebel über dem Hafen von Kiel"


def test_a_photo_credit_and_a_translators_byline_are_no_headlines(tmp_path):
    lines = [*MENU, "© Marta Ruiz / archivo", "Vuelve la lluvia a la ciudad", "Por Marta Ruiz", "3 de mayo de 2024",
             "Traducido por: Ana Gil", "", ESSAY]
    assert _copy(tmp_path, lines).title == "Vuelve la lluvia a la ciudad"
    lines = [*MENU, "Übersetzt von: Greta Holm", "12. März 2024", "", PROSE]
    assert headline(lines) is None or lines[headline(lines)[0]] != "Übersetzt von: Greta Holm"


def test_a_one_word_headline_with_its_byline_under_it_and_a_breadcrumb_naming_it(tmp_path):
    # A one-word title looks like a name or a menu item: its byline right under it and the breadcrumb make it the title.
    lines = ["Hafenblog", "Menü", "Über uns", "Impressum und Datenschutz", "Suchen: Start » Nebel", "Nebel",
             "12. März 2024 · by Greta Holm · in Reisen", "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Nebel"
    assert headline(["Hafenblog", "Archiv", "Nebel", "12. März 2024", "", PROSE]) is None, "a lone word with no repeat"


def test_a_short_line_right_over_the_first_prose_when_nothing_else_shows_one(tmp_path):
    prose = ("Pour ceux qui aiment expérimenter, cette recette de base des muffins est idéale: on peut y ajouter "
             "des fruits, du chocolat ou des noix, et la pâte reste légère.")
    lines = ["»", "«", "Recettes", "Accueil", "Chocolat", "Fruits", "Muffins de base", "", prose]
    assert _copy(tmp_path, lines).title == "Muffins de base"


def test_a_search_box_line_over_the_headline_does_not_take_its_byline(tmp_path):
    lines = ["Home", "No Result", "View All Results", "Shop", "Cart", "No Result", "View All Results",
             "Harbour police notes for the week", "by Staff Report",
             "October 27, 2023", "in Local", "", ("KIELTOWN — The following are the arrest and accident reports as "
                                                  "recorded by the harbour police and the county sheriff this week, in "
                                                  "the order in which they came in to the newsroom.")]
    assert _copy(tmp_path, lines).title == "Harbour police notes for the week"


def test_the_headline_a_comments_heading_names_wins_over_the_sites_date_line(tmp_path):
    lines = ["Zum Inhalt springen", "18. Februar 2020", "Das Neueste:", "Die Fähre im Nebel", "Neue Wege im Hafen",
             "Unsere Zeitung", "", "Ist die Fähre noch zu retten?", "", PROSE, "",
             "Ein Gedanke zu „Ist die Fähre noch zu retten?“", "Greta Holm sagt:", "19. Februar 2020 um 09:12 Uhr",
             "Schöner Text!", "Antworten"]
    assert _copy(tmp_path, lines).title == "Ist die Fähre noch zu retten?"


GIORNO = ("Ieri ho finalmente ritrovato il quaderno delle ricette della nonna, quello con la copertina rossa e le "
          "pagine macchiate di burro, e la prima cosa che ho fatto è stata cercare la sua torta di mele.")


def test_a_blogger_copy_the_blogs_description_over_the_date_header_is_not_the_title(tmp_path):
    lines = ["Il quaderno di Giulia", "Appunti di cucina, viaggi e piccole cose", "giovedì 5 marzo 2020",
             "La torta di mele della nonna", GIORNO, "Pubblicato da Giulia Conti alle 10:23", "Nessun commento:",
             "Posta un commento", "Post più recente Post più vecchio Home page"]
    post = _copy(tmp_path, lines)
    assert (post.title, post.author, post.date[:10]) == ("La torta di mele della nonna", "Giulia Conti", "2020-03-05")
    news = [*MENU, "Nebel über dem Hafen von Kiel", "12. März 2024 14:02", "Die Fähre legte vor der Dämmerung ab",
            PROSE]
    assert _copy(tmp_path, news).title == "Nebel über dem Hafen von Kiel", "a dated headline keeps its date line"


def test_a_tumblr_copy_its_notes_reblog_line_and_date_in_italian_are_no_comments(tmp_path):
    lines = ["giuliaconti", "Il quaderno di Giulia", "Archivio", "Chiedimi qualcosa", "La torta di mele della nonna",
             GIORNO, "#ricette", "12 note", "Pubblicato 5 marzo 2020",
             "giuliaconti ha rebloggato questo post da marcobianchi"]
    post = _copy(tmp_path, lines)
    assert (post.title, post.date[:10], post.comments) == ("La torta di mele della nonna", "2020-03-05", [])


def test_a_headline_may_start_with_a_brands_lowercase_letter_a_tag_may_not():
    lines = [*MENU, "iMac 5K Lightroom Performance gelöst – Danke an die Community", "Paddy · 19. April 2019 · Mac",
             "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]].startswith("iMac 5K")
    assert headline([*MENU, "editor's picks", "19. April 2019", "", PROSE]) is None


def test_a_longer_wording_right_over_the_headline_is_the_title(tmp_path):
    full = "Altgedienter Fährmann am Hafen: Greta Holm kämpft um die letzte Nachtfähre nach Laboe"
    short = "Am Hafen: Holm kämpft um die letzte Fähre"
    lines = [*MENU, "Lokales", full, short, "Von Jonas Brandt", "12.03.24, 08:16 Uhr", "", PROSE, "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == full and "longer wording" in found[1]
    assert _copy(tmp_path, lines).title == full
    # a breadcrumb holding the headline whole is no longer wording of it
    lines = [*MENU, f"Start > Lokales > {short}", short, "Von Jonas Brandt", "12.03.24, 08:16 Uhr", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == short
    # a name between the two wordings does not keep the short one
    lines = [*MENU, full, "Greta Holm", short, "12.03.24, 08:16 Uhr", "", PROSE, "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == full


def test_a_row_of_short_links_split_by_bars_is_no_headline(tmp_path):
    lines = ["Wörterbuch des Tages", "Über uns | Presse | Suche | Kontakt", "12. März 2024", "Nebelhorn", "", PROSE]
    found = headline(lines)
    assert found is None or lines[found[0]] != "Über uns | Presse | Suche | Kontakt"
    assert _copy(tmp_path, lines).title != "Über uns | Presse | Suche | Kontakt"
    lines = [*MENU, "Nebel über dem Hafen | Eine Nacht am Steg", "Von Greta Holm", "12. März 2024", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Nebel über dem Hafen | Eine Nacht am Steg"


def test_a_headline_under_the_sidebars_prose_that_the_comments_heading_names(tmp_path):
    about = ("Greta Holm fährt seit zwanzig Jahren Nachtfähren über die Förde und schreibt hier über Häfen, Nebel, "
             "Laternen und die Menschen, die nachts noch an den Stegen stehen und auf das letzte Schiff warten.")
    lines = ["Zum Inhalt springen", "Gretas Hafenblog", "", about, "", "Menü und Widgets", "Archiv", "Anmelden",
             "Die letzte Fähre im Nebel", "", PROSE, "", PROSE, "", PROSE, "",
             "2 Gedanken zu „Die letzte Fähre im Nebel“", "Jonas sagt:", "12. März 2024 um 08:16", "Schön erzählt."]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Die letzte Fähre im Nebel"
    assert _copy(tmp_path, lines).title == "Die letzte Fähre im Nebel"


def test_a_row_of_links_opening_a_copy_without_a_headline_is_not_its_title(tmp_path):
    row = "English | Über uns | Impressum | Kontakt"
    post = _copy(tmp_path, [row, "Jahresbericht der Hafenwarte", "", PROSE, "", PROSE])
    assert post.title != row and row not in "\n".join(post.blocks)


def test_a_sidebars_archive_entry_over_the_headline_is_no_date(tmp_path):
    lines = ["Gretas Hafenblog", "", "Archiv", "Dezember 2019  (6)", "November 2019  (12)", "Anmelden",
             "Die letzte Fähre im Nebel", "", PROSE, "", PROSE, "", "2 Gedanken zu „Die letzte Fähre im Nebel“",
             "Jonas sagt:", "12. März 2024 um 08:16", "Schön erzählt."]
    post = _copy(tmp_path, lines)
    assert post.title == "Die letzte Fähre im Nebel" and not (post.date or "").startswith("2019")
