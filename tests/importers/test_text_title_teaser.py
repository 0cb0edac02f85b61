"""A teaser (a related story's headline over its byline) inside a news article's text copy is not the copy's title:
the headline over the article's dek stays it, reported as a guess (essaykit/importers/text_title_teaser.py)."""

from __future__ import annotations

from essaykit.importers.text_title import headline

from .test_text_title_news import MORE, NEWS_MENU, STORY, _title_doubts
from .test_text_titles import _copy

DEK = ("After a winter of cracked pilings and two ferries stranded at low tide, the harbour board has decided that the "
       "northern quay will stay shut until the engineers have rebuilt it, whatever the skippers say.")
THIRD = ("The chair said the board would pay for a temporary landing stage at the southern end of the harbour, but the "
         "skippers answered that it is too short for the larger ferries and too exposed when the wind is from the east.")
FOURTH = ("Nobody at the meeting could say when the rebuilding would begin, and the engineers' report itself gives no "
          "date, only a list of the pilings that must be replaced and a warning about the ones that may follow them.")
TEASER = ["Recommended", "Ferry timetables for the spring are out at last", "By Ivo Brandt 2 hours ago"]
HEADLINE = "The north quay closes to ferries for the winter"


def _lines(teaser: list[str]) -> list[str]:
    return [*NEWS_MENU, "Local", HEADLINE, DEK, "By Tessa Lund", "March 4, 2021", STORY, MORE, THIRD, *teaser,
            FOURTH, STORY, MORE]


def test_a_teaser_inside_the_article_is_not_the_headline(tmp_path):
    lines = _lines(TEASER)
    found = headline(lines)
    assert found is not None and lines[found[0]] == HEADLINE
    post = _copy(tmp_path, lines)
    assert post.title == HEADLINE
    assert _title_doubts(post), "kept over a dated line further down: a guess, reported as one"


def test_a_headline_after_a_one_paragraph_notice_is_still_found_further_down(tmp_path):
    # the first prose is a notice of one paragraph under its heading, not an article: the dated headline under it is
    # the copy's
    lines = [*NEWS_MENU, "We care about your privacy here", DEK, *TEASER[1:], STORY, MORE, THIRD, FOURTH]
    found = headline(lines)
    assert found is not None and lines[found[0]] == TEASER[1]


def test_a_notice_of_several_paragraphs_over_a_long_menu_is_no_article(tmp_path):
    # a consent notice of four paragraphs under its heading, then a long menu of topics, then the dated headline
    topics = [f"{word} Topics" for word in ("Harbour", "Ferry", "Tide", "Quay", "Crew", "Cargo", "Weather", "Boat",
                                            "Pier", "Lamp", "Fog", "Rope")]
    lines = [*NEWS_MENU, "Welcome to the Harbour Reader", STORY, MORE, THIRD, FOURTH, *topics, *TEASER[1:], STORY, MORE,
             THIRD]
    found = headline(lines)
    assert found is not None and lines[found[0]] == TEASER[1], found
