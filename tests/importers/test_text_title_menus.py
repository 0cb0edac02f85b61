"""A menu printed twice in a text copy: its entries' repeats are the menu's, not a headline's sign (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import _lede_between, headline
from essaykit.importers.text_title_menus import echoes

from .test_text_title_signs import STORY
from .test_text_titles import PROSE, _copy

# A site's menu, printed in the header and again in the mobile menu (or the footer): entries of a headline's shape.
NAV = ["Home", "Harbour Ferry Timetables", "Fog Lamp Awards", "Pier Blog"]
LANG_NAV = ["Positionen", "Presse", "Hafenfeste am Meer", "Fährlinien nach Kiel und Umgebung", "Über uns"]


def _echoes(lines: list[str]) -> dict[str, int]:
    return echoes(lines, [i for i, line in enumerate(lines) if line.strip()])


def test_a_menu_printed_twice_repeats_each_entry_as_a_run():
    lines = [*NAV, "", *NAV, "Lamps left on all night along the pier", "Share", STORY]
    found = _echoes(lines)
    assert found == {"harbour ferry timetables": 1, "fog lamp awards": 1}, "the entries between the menu's ends"
    assert _echoes(["Home", "Fog Lamp Awards", "Blog", "Fog Lamp Awards", "Contact"]) == {}, \
        "a line repeated among other neighbours is repeated alone"
    long = "Lamps left on all night along the pier as the fog came in"
    assert _echoes(["Home", "Fog Lamp Awards", long, "Home", "Fog Lamp Awards", long]) == {}, \
        "the same lines over it only (a headline block printed twice) are no menu's run"
    teaser = ["Harbour News", "Lamps left on all night along the pier", "28. Januar 2022"]
    assert _echoes([*teaser, STORY, "Latest posts", *teaser, "Contact"]) == {}, \
        "the post's own teaser (its kicker, headline and date) repeats its headline, not a menu's entry"


def test_an_entry_of_a_menu_printed_twice_is_not_the_headline(tmp_path):
    lines = [*NAV, *NAV, "Lamps left on all night along the pier", "Share", "Print", "", STORY, "", STORY]
    found = headline(lines)
    assert found is None or lines[found[0]] not in NAV, found
    post = _copy(tmp_path, lines)
    assert post.title not in NAV
    german = [*LANG_NAV, "Suche", "Kontakt", *LANG_NAV, "Kontakt", "Heizen im Winterurlaub: An oder aus?",
              "12. Dezember 2022", "", PROSE, "", PROSE]
    found = headline(german)
    assert german[found[0]] == "Heizen im Winterurlaub: An oder aus?", found
    assert "the copy repeats it" not in found[1]


def test_a_headline_repeated_alone_keeps_its_sign():
    # The page's title line at the top, the menu twice, the headline again over its article: a headline's repeat.
    lines = ["Lamps left on all night along the pier", *NAV, *NAV, "Lamps left on all night along the pier", "",
             STORY, "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Lamps left on all night along the pier"
    assert "the copy repeats it" in found[1]
    # A headline in the menu printed twice and over its article too: one repeat more than the menu's.
    lines = [*NAV[:2], "Lamps left on all night along the pier", *NAV[2:], *NAV[:2],
             "Lamps left on all night along the pier", *NAV[2:], "Lamps left on all night along the pier", "",
             STORY, "", STORY]
    found = headline(lines)
    assert found is not None and "the copy repeats it" in found[1]


def test_an_advert_label_printed_twice_is_no_lede_under_it():
    lines = ["News", "Sport", "Weather", "Advertisement", "Harbour news is sponsored by", "Harbour news is sponsored by",
             "Fog closes the harbour for a third night", "24 July 2015", "From the section Harbour", "12 comments",
             "Media caption The harbour master said the lamps stay on", "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Fog closes the harbour for a third night", found
    label = ["Harbour news is sponsored by", "Harbour news is sponsored by", "Fog closes the harbour for a third night"]
    assert not _lede_between(label, 0, 2), "the line over printed again is no lede between it and the headline"
    lede = ["Harbour news", "The fog stayed over the water for three nights and the ferries stayed in port.",
            "Fog closes the harbour for a third night"]
    assert _lede_between(lede, 0, 2)


def test_below_a_promo_a_teaser_naming_a_year_is_no_byline():
    promo = ("Sign up for our newsletter and get the best of the harbour, the pier and the lamps in your inbox every "
             "single week of the year, for free.")
    lines = ["Home", promo, "Lamps", "See all Lamps", "The 5 Lamp Styles That Will Light Up 2020", "Celebrity Lamps",
             "Harbour", "Lamps left on all night along the pier", "By Ruth Amsel", "March 3, 2021", STORY, STORY, STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Lamps left on all night along the pier", found
