"""How often a text copy states a line: a list widget printing each entry twice in a row states it once (issue 28)."""

from __future__ import annotations

from essaykit.importers import leftovers as lo
from essaykit.importers.text_title import headline
from essaykit.importers.text_title_counts import contents_entries, doubled_entries, line_counts

from .test_text_title_signs import STORY
from .test_text_titles import PROSE, _copy

HEADLINE = "Lantern makers on the north pier win the harbour prize"
DEK = "The jury liked the blue glass best"
POPULAR = ["Fog keeps the ferries in port for a third night", "Harbour master retires after forty winters",
           HEADLINE, "New timetable for the island boats in spring", "Gulls steal the mayor's sandwich again"]


def _filled(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def test_a_list_printing_each_entry_twice_states_each_once():
    doubled = [line for entry in POPULAR for line in (entry, entry)]
    lines = ["Most popular", *doubled, "Contact"]
    assert doubled_entries(lines, _filled(lines)) == [lo.headline_key(e) for e in POPULAR]
    counts = line_counts(lines, _filled(lines))
    assert all(counts[lo.headline_key(e)] == 1 for e in POPULAR), counts
    # Two lines doubled are no list (a headline printed twice over its article, an advert's label): they count twice.
    two = ["Harbour news", HEADLINE, HEADLINE, "Share", "Print", "Contact", "Contact"]
    assert doubled_entries(two, _filled(two)) == []
    assert line_counts(two, _filled(two))[lo.headline_key(HEADLINE)] == 2
    # A line printed four times in a row is not two entries of a list.
    same = [HEADLINE] * 4 + ["Contact"]
    assert doubled_entries(same, _filled(same)) == []


def test_a_headline_in_a_doubled_list_and_a_trending_box_keeps_its_sign(tmp_path):
    # The headline over its dek, a photo's caption, the byline; in "Most popular" (each entry twice) and in "Trending":
    # four statements, as many as furniture has, unless the doubled list's pair counts as one.
    caption = ("The lantern makers stand on the north pier with the blue glass lamp that won the prize on Saturday "
               "evening, as the fog rolled in.")
    doubled = [line for entry in POPULAR for line in (entry, entry)]
    lines = ["Home", "News", "Harbour", HEADLINE, DEK, caption, "By ANNA VELDT", "PUBLISHED: March 3, 2021 at 4:56 p.m.",
             "", STORY, "", STORY, "", STORY, "Most popular", *doubled, "Trending", "Gulls learn to open bins",
             HEADLINE, "Contact"]
    found = headline(lines)
    assert found is not None and lines[found[0]] == HEADLINE, found
    assert _copy(tmp_path, lines).title == HEADLINE
    german = ["Startseite", "Hafen", "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", "Die Jury mochte das blaue Glas",
              "Von Anna Veldt", "3. März 2021", "", PROSE, "", PROSE, "", PROSE, "Meistgelesen",
              *[line for entry in ("Nebel hält die Fähren im Hafen fest", "Hafenmeister geht nach vierzig Wintern",
                                   "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", "Neuer Fahrplan für die Inselboote")
                for line in (entry, entry)], "Im Trend", "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", "Kontakt"]
    found = headline(german)
    assert found is not None and german[found[0]] == "Laternenbauer vom Nordsteg gewinnen den Hafenpreis", found


SECTIONS = ["Why the lamps stay lit", "Building the lamp frames", "Cutting the blue glass", "Setting the wicks"]


def test_a_table_of_contents_states_its_entries_once():
    lines = ["Lantern making at home", "Contents", *SECTIONS, "", STORY]
    for section in SECTIONS:
        lines += [section, STORY]
    filled = _filled(lines)
    assert contents_entries(lines, filled) == [lo.headline_key(s) for s in SECTIONS]
    assert all(line_counts(lines, filled)[lo.headline_key(s)] == 1 for s in SECTIONS)
    # A menu printed twice has its entries together both times: no table of contents (text_title_menus reads it).
    menu = ["Harbours", "Islands", "Lighthouses", "Ferries"]
    lines = [*menu, "Lantern making at home", STORY, *menu]
    assert contents_entries(lines, _filled(lines)) == []


def test_a_section_heading_under_a_table_of_contents_is_no_headline():
    # The page's headline alone at the top; its table of contents; each section's heading over its paragraphs. The
    # first section's heading, right over the first prose, is not repeated as a headline is: its repeat is the
    # table's (with no other sign it may still be the last resort's guess).
    lines = ["Lantern making at home", "Contents", *SECTIONS, ""]
    for section in SECTIONS:
        lines += [section, "", STORY, ""]
    found = headline(lines)
    assert found is None or "the copy repeats it" not in found[1], found
    german = ["Laternen selbst bauen", "Inhalt", "Warum die Laternen brennen", "Die Rahmen bauen", "Das blaue Glas schneiden",
              ""]
    for section in german[2:5]:
        german += [section, "", PROSE, ""]
    found = headline(german)
    assert found is None or "the copy repeats it" not in found[1], found
