"""What stands by a text copy's headline (issue 28): a date written as time ago, a column of share buttons, a
telephone number that is no date."""

from __future__ import annotations

from essaykit.importers import leftovers as lo
from essaykit.importers.text_title import _headline_shape, _in_a_list, _prose, headline
from essaykit.importers.text_title_meta import _dateline
from essaykit.importers.text_title_marks import buttons_to_prose, completed_under, relative_when

from .test_text_titles import MENU, PROSE, _copy

STORY = ("The ferry left before dawn, and nobody on the pier waved it off, because everyone was still asleep and "
         "the fog lay so thick on the water that the lamps along the shore could hardly be seen at all.")


def test_a_date_written_as_time_ago_dates_the_headline_over_it():
    # A section's award badge, then the section's name, the headline, "vor 11 Minuten" and the byline: the date
    # right under the headline is the headline's, not the badge's further up.
    lines = [*MENU, "Goldene Feder für Radwege", "Neuigkeiten Test", "Das neue Faltrad Kranich im ersten Test – leicht und flink",
             "vor 11 Minuten", "von Greta Holm, Jonas Berg", "", PROSE]
    assert lines[headline(lines)[0]] == "Das neue Faltrad Kranich im ersten Test – leicht und flink"
    english = [*MENU[1:], "Golden Quill for Cycle Paths", "News Review", "The new Heron folding bike on its first ride",
               "2 hours ago", "by Greta Holm", "", STORY]
    assert english[headline(english)[0]] == "The new Heron folding bike on its first ride"


def test_time_ago_needs_a_count():
    assert relative_when("vor 3 Stunden") and relative_when("il y a 2 jours") and relative_when("5 days ago")
    assert not relative_when("Heute") and not relative_when("Gestern"), "a lone word is as often a menu's entry"


def test_a_telephone_number_is_no_date():
    assert not lo.date_line("0800 58 88 642") and not lo.date_line("030 1234 5678")
    assert lo.date_line("12 03 2020") and lo.date_line("12.03.20") and lo.date_line("5 March 2020")
    # A hotline's prompt over its number is no headline over its date; the headline over the article is.
    lines = ["Brauchen Sie Hilfe?", "0800 12 34 567", "Kostenlos, Mo. bis Fr. von 8 bis 18 Uhr", *MENU[1:],
             "Fahrrad leasen, finanzieren oder kaufen – was lohnt sich?", "", PROSE]
    assert lines[headline(lines)[0]] == "Fahrrad leasen, finanzieren oder kaufen – was lohnt sich?"


def test_a_column_of_share_buttons_between_the_headline_and_its_article(tmp_path):
    buttons = ["Twitter", "Facebook", "LinkedIn", "E-Mail", "Reddit", "Print"]
    lines = [*MENU, *MENU[1:], "Nebel über dem Hafen: Die Fähre macht Winterpause", *buttons, "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Nebel über dem Hafen: Die Fähre macht Winterpause"
    assert _copy(tmp_path, lines).title == "Nebel über dem Hafen: Die Fähre macht Winterpause"
    at = 2 * len(MENU) - 1
    filled = list(range(len(lines) - 2)) + [len(lines) - 1]
    assert buttons_to_prose(lines, filled, at, at + len(buttons) + 1)
    # a menu's entries under a menu's entry are places, not controls: no sign
    places = [*MENU[:-1], "Veranstaltungen im Hafen", "Archiv", "Kontakt", "Anfahrt", "Hafenkarte", "", PROSE]
    filled = list(range(len(places) - 2)) + [len(places) - 1]
    assert not buttons_to_prose(places, filled, len(MENU) - 1, len(places) - 2)


def test_a_list_whose_items_each_have_their_time_dates_no_headline():
    # A repository's files, each with its last change and how long ago: no line of it is the headline.
    files = ["kranich.cfg", "Rename the ferry's settings", "3 years ago", "hafen", "Update the harbour map for winter",
             "2 years ago", "LICENSE.md", "Add the licence text to the docs", "4 years ago"]
    lines = [*MENU, *files, "", STORY]
    assert headline(lines) is None or lines[headline(lines)[0]] not in files[1::3]
    one = [*MENU, "Update the harbour map for winter", "2 years ago", "", STORY]
    assert one[headline(one)[0]] == "Update the harbour map for winter", "one such line dates the headline over it"


def test_a_menu_the_copy_glued_into_one_line_is_no_prose():
    # A blog network's list of blogs, its links glued into one long line, is no article's first prose: the headline
    # is found over the article's prose further down.
    glued = ("Alles im Fluss und am UferBerg und Tal im WinterDas kleine Feld hinter dem HausFarbenlehre für alle"
             "Grüne Seite der StadtHafenfunk am AbendKlare Sicht auf das MeerLaternenlicht im HafenMeerblick vom Deich"
             "Nordwind und Südwind im JanuarOrtskunde für GästeSternenstaub über der Bucht")
    lines = [*MENU, glued, "Weitere Blogs", "Seemannsgarn", "Wenn die Fähre im Nebel wartet",
             "Von Greta / 6. November 2023 / Keine Kommentare", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Wenn die Fähre im Nebel wartet"
    assert not _prose(glued) and _prose(PROSE)


def test_a_headline_printed_four_times_with_its_byline_right_under_it():
    # The headline in the breadcrumb, in the share box and in the "latest posts" list, and once over its byline.
    title = "Wenn die Fähre im Nebel wartet"
    lines = [*MENU, f"Startseite › {title}", title, "Von Greta / 6. November 2023 / Keine Kommentare", "", PROSE, "",
             "Teilen:", title, "Neueste Beiträge", title, "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == title
    # a line printed as often with only a date under it is a section's label ("From the section …"): not taken
    label = "Aus dem Ressort Hafen und Küste"
    other = [*MENU, label, "6. November 2023", "", PROSE, "", label, label, label, "", STORY]
    assert headline(other) is None or other[headline(other)[0]] != label


def test_a_headline_over_its_short_wording_is_no_list_of_links():
    # A news site prints the full headline and, for small screens, a shorter wording of it; both start with the same
    # words, as the items of a list of links do, but the second is the first reworded: the headline is kept.
    lines = [*MENU, "Lokales", "Hafenfest in Kiel: Die zweite Fähre ist kurz vor der Taufe",
             "Hafenfest in Kiel: Zweite Fähre kurz vor Taufe", "Von", "Greta Holm", "19.10.19, 12:00 Uhr", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Hafenfest in Kiel: Die zweite Fähre ist kurz vor der Taufe"
    # links sharing their first words, no rewording of each other, are still a list
    links = [*MENU, "Link extern: Fahrplan der Fähren im Winter", "Link extern: Karte des Hafens mit allen Stegen", "", PROSE]
    filled = [i for i, line in enumerate(links) if line]
    assert _in_a_list(links, filled, len(MENU)) and not _in_a_list(lines, [i for i, line in enumerate(lines) if line],
                                                                   len(MENU) + 1)


def test_a_headline_written_as_a_sentence_with_its_full_stop():
    # The breadcrumb glued the headline to its sections; the headline is one sentence ending with a full stop, and a
    # shorter teaser wording stands over the byline.
    title = "Wenn die Fähre im Nebel wartet, hilft ein Blick auf den Fahrplan der Reederei."
    lines = [*MENU, "StartseiteHafenWenn die Fähre im Nebel wartet, hilft ein Blick auf den Fahrplan der Reederei.",
             title, "So kommt die Fähre auch im Nebel pünktlich an", "16. Mai 2019 Greta Holm Hafen, Fähren", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == title
    # a notice printed twice whole, a sentence with its full stop too, is no headline
    notice = "Es befinden sich keine Fahrkarten im Warenkorb."
    other = [*MENU, notice, "Warenkorb", notice, "Kasse", "16. Mai 2019", "So kommt die Fähre auch im Nebel pünktlich an",
             "16. Mai 2019 Greta Holm", "", PROSE]
    assert other[headline(other)[0]] != notice


def test_a_series_name_over_its_date_then_the_full_headline():
    # A series' name, the date, then the series' name with the episode's own title: the full wording is the title.
    lines = [*MENU, "Die Fähren der Nachkriegszeit - Teil 12", "Dienstag, 2. November 2021",
             "Die Fähren der Nachkriegszeit - Teil 12 – Die Möwe von Kiel (1931 – 1945)", "", PROSE]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Die Fähren der Nachkriegszeit - Teil 12 – Die Möwe von Kiel (1931 – 1945)"
    # only date lines may stand between: a teaser's headline further down that starts so is another story's
    at = len(MENU)
    assert completed_under(lines, at, _headline_shape, _dateline) == at + 2
    other = [*MENU, lines[at], "Weitere Folgen der Reihe", lines[at + 2], "", PROSE]
    assert completed_under(other, at, _headline_shape, _dateline) is None


def test_a_byline_with_the_themes_next_field_after_a_slash():
    # "DATE by NAME / Kategorien: …" over the headline: the name ends at the slash before the next field's label.
    from essaykit.importers.text_patterns import read_byline

    assert read_byline("27. Januar 2014 by Greta Holm / Kategorien: Hafen, Fähren") == ("Greta Holm", "27. Januar 2014")
    assert read_byline("January 27, 2014 by Greta Holm / Tags: ferries") == ("Greta Holm", "January 27, 2014")
    assert read_byline("Posted by AC/DC Fan")[0] == "AC/DC Fan", "a slash inside a name stays"
