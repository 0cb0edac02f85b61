"""A list of links whose entries end with the same label is no headline's place (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import headline
from essaykit.importers.text_title_links import same_ending, shared_label

from .test_text_title_signs import STORY
from .test_text_titles import PROSE

HEADLINE = "Lantern makers on the north pier win the harbour prize"


def _filled(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def test_entries_ending_with_one_label_are_a_list():
    lines = ["Harbour walks... open this page", "Ferry times... open this page", "Lamp museum... open this page"]
    assert all(same_ending(lines, _filled(lines), n) for n in range(3))
    lines = ["Harbour walks", HEADLINE, "By Anna Veldt"]
    assert not same_ending(lines, _filled(lines), 1), "a headline among lines ending otherwise"
    lines = [HEADLINE, HEADLINE]
    assert not same_ending(lines, _filled(lines), 0), "the same line twice is no list"
    lines = ["Harbour news", "Prize -- Lantern makers win, the jury says", "Prize Lantern makers win, the jury says",
             "March 3, 2021"]
    assert not same_ending(lines, _filled(lines), 1), "a headline and its reworded form are two, no list"
    lines = ["Search", "HomeHarbour" + HEADLINE, HEADLINE, "March 3, 2021 Anna Veldt"]
    assert not same_ending(lines, _filled(lines), 2), "a breadcrumb glued to the headline ends with it whole"


def test_a_mega_menus_entry_over_a_dated_teaser_is_no_headline():
    # A cookie notice first; then a mega-menu's entries, each with the link's label glued to its end, one over an
    # event's teaser naming its year and the menu's prose blurbs; the article far below, under its headline and date.
    cookie = ("We use cookies to keep the harbour guide running and to count how many readers visit each page of the "
              "site every day; you may refuse them in the settings.")
    blurb = ("The harbour guild has more than three hundred members who keep the lamps, the piers and the old ferry "
             "sheds in good repair through every winter storm, and all of them are volunteers.")
    menu = ["Harbour walks... open this page", "Ferry times... open this page", "Event calendar... open this page",
            "Lantern day 2021 - come and see how the blue glass is blown on the north pier.",
            "Guild", "Guild - About us " + blurb, "Structure... open this page", "Members " + blurb, "Lamps " + blurb]
    lines = ["Home", cookie, "Accept", *menu, "Contact", "Search", "", HEADLINE, "11.11.2021", "", STORY, "", STORY, "",
             STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == HEADLINE, found
    german = ["Startseite", cookie, "Akzeptieren", "Hafenwege... diese Seite aufrufen", "Fährzeiten... diese Seite aufrufen",
              "Veranstaltungskalender... diese Seite aufrufen",
              "Laternentag 2021 - so heißt der Tag, an dem am Nordsteg das blaue Glas geblasen wird.", "Gilde",
              "Gilde - Über uns " + PROSE, "Struktur... diese Seite aufrufen", "Mitglieder " + PROSE, "Laternen " + PROSE,
              "Kontakt", "", "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", "11.11.2021", "", PROSE, "", PROSE, "",
              PROSE]
    found = headline(german)
    assert found is not None and german[found[0]] == "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", found


def test_entries_named_after_one_word_and_its_colon_are_a_list():
    lines = ["Calculator: Ferries", "Calculator: Lamps & Lanterns", "About the guild"]
    assert shared_label(lines, _filled(lines), 0) and shared_label(lines, _filled(lines), 1)
    lines = ["Harbour news", "Fog: ferries stay in port for a third night", "March 3, 2021"]
    assert not shared_label(lines, _filled(lines), 1), "a headline with its topic and colon, alone"
    # A deals page: the menu's calculators, then the deal's headline, its vote count, its poster and date, its button.
    deal = "*From Monday* 500 testers wanted for the new blue glass lanterns *HARBOUR test*"
    lines = ["Home", "Deals", "Magazine", "Calculator: Ferries", "Calculator: Lamps & Lanterns", "About us",
             deal, "503", "AnnaVeldt 17.10.2019, 13:56", "26", "To the deal »", "", STORY, "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == deal, found
    german = ["Startseite", "Rechner: Fähren", "Rechner: Laternen & Lampen", "Über uns",
              "500 Tester für die neuen Laternen aus blauem Glas gesucht", "149", "AnnaVeldt 18.10.2019, 15:07 Uhr", "9",
              "Zum Deal »", "", PROSE, "", PROSE]
    found = headline(german)
    assert found is not None and german[found[0]] == "500 Tester für die neuen Laternen aus blauem Glas gesucht", found
