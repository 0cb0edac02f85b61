"""A text copy's headline of one word, right over its article, when nothing else marks a headline (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import headline

from .test_text_title_signs import STORY
from .test_text_titles import PROSE, _copy

MENU = ["Home", "Destinations", "Islands", "Contact"]
WORDS = ["Harbours", "Islands", "Lighthouses"]  # a menu of words none of which is a control's stock label
COOKIE = ("We use cookies to keep the harbour guide running and to count how many readers visit each page of the site "
          "every day; you may refuse them in the settings.")


def test_a_word_over_an_article_is_its_headline_as_a_guess(tmp_path):
    lines = [*MENU, "Photo: Anna Veldt, via the harbour archive", "", "Brinmouth", "",
             "Brinmouth is known above all as the capital of the fog coast " + STORY, "", STORY, "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Brinmouth", found
    post = _copy(tmp_path, lines)
    assert post.title == "Brinmouth"
    assert any(d.startswith("the title 'Brinmouth'") and "guess" in d for d in post.doubts), post.doubts
    german = ["Startseite", "Lexikon", "Über uns", "Kontakt", "Nebellaterne!", "", PROSE, "", PROSE]
    found = headline(german)
    assert found is not None and german[found[0]] == "Nebellaterne!", found


def test_a_menus_last_word_over_a_notice_is_no_headline():
    # The first prose is one paragraph (a cookie notice) with no article under it: the menu's last entry is no headline.
    lines = [*WORDS, "", COOKIE, "", "Accept", "Refuse", "Ferries", "Gulls"]
    found = headline(lines)
    assert found is None or lines[found[0]] != "Lighthouses", found
    # A word the copy states more often than a headline is (a menu printed again and again) is none either.
    lines = [*WORDS, *WORDS, *WORDS, *WORDS, "", STORY, "", STORY]
    found = headline(lines)
    assert found is None or lines[found[0]] != "Lighthouses", found
    # Nor is a word when a line with a headline's signs stands over the article.
    lines = [*MENU, "Lamps left on all night along the pier", "By Anna Veldt", "March 3, 2021", "Islands", "",
             STORY, "", STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Lamps left on all night along the pier", found
