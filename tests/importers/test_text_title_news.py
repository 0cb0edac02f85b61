"""A news or magazine page's text copy: its headline block (headline, dek, photo credit, byline) read apart from the
section names, menu entries and video titles by it (essaykit/importers/text_title_news.py)."""

from __future__ import annotations

from essaykit.importers.text_title import headline
from essaykit.importers.text_title_news import dek_sentence, dek_under, photo_credit

from .test_text_titles import _copy

STORY = ("The harbour board met on Tuesday night in the old customs hall, where the heating has not worked since the "
         "spring, and voted by five to two to close the northern quay to the ferries for the rest of the year.")
MORE = ("Skippers who use the quay said they had not been asked, and several of them stood at the back of the hall with "
        "their arms folded while the chair read out the engineers' report on the cracked pilings under the quay.")
NEWS_MENU = ["Skip to content", "Sections", "World", "Business", "Sport", "Culture", "Opinion", "Newsletters",
             "Sign in"]


def _title_doubts(post) -> list[str]:
    return [d for d in post.doubts if d.startswith("the title")]


def test_photo_credits_are_never_headlines():
    for credit in ("Skippers on the north quay on Monday evening.  (Mara Quill/Northwind Images)",
                   "The cracked pilings at low tide. (Ivo Brandt / Harbour Press)", "Wire Photo/Kemi Adeyo",
                   "Tessa Lund/Northwind Images", "[Photo: Ivo Brandt/Stockhouse]",
                   "— Ivo Brandt (@ivobrandt) September 19, 2016"):
        assert photo_credit(credit), credit
    for title in ("Harbour Board Closes the North Quay", "Why the ferries stopped (and what comes next)",
                  "Quay, Pilings and Tides: A Winter Guide"):
        assert not photo_credit(title), title


def test_a_photo_credit_between_the_headline_and_its_byline_is_not_the_title(tmp_path):
    for credit in ("Skippers on the north quay on Monday evening.  (Mara Quill/Northwind Images)",
                   "Wire Photo/Kemi Adeyo", "[Photo: Ivo Brandt/Stockhouse]"):
        lines = [*NEWS_MENU, "Local", "The north quay closes to ferries for the winter", credit, "By Tessa Lund",
                 "March 4, 2021", STORY, MORE]
        post = _copy(tmp_path, lines)
        assert post.title == "The north quay closes to ferries for the winter", credit


def test_dek_sentences():
    assert dek_sentence("The board will now have a majority against the plan.")
    assert dek_sentence("“… nobody asked us.”")
    assert not dek_sentence("The north quay closes to ferries for the winter")
    assert not dek_sentence("Closed.")


def test_a_menu_entry_over_the_headline_and_its_dek_is_not_the_title(tmp_path):
    # A section's link (or a promoted menu entry) stands over the headline; the dek, a sentence, stands between the
    # headline and the byline: the byline is the headline's, not the menu entry's over it.
    for over in (["Ferries Shows All Videos", "Local"], ["Let’s Make the Harbour Better", "Sport"],
                 ["Comings and Goings"]):
        lines = [*NEWS_MENU, *over, "Harbour board closes the north quay to ferries",
                 "The skippers were not asked.", "By Tessa Lund on March 4, 2021", STORY, MORE]
        found = headline(lines)
        assert found is not None and lines[found[0]] == "Harbour board closes the north quay to ferries", over
        assert _copy(tmp_path, lines).title == "Harbour board closes the north quay to ferries", over


def test_a_short_headline_over_its_longer_dek_keeps_its_byline(tmp_path):
    # No menu entry over it: the dek under the headline (a longer line) takes the byline from neither.
    lines = [*NEWS_MENU, "The Quay Is Closed", "The harbour board has voted to close the north quay for the winter.",
             "By Tessa Lund", "March 4, 2021", STORY, MORE]
    post = _copy(tmp_path, lines)
    assert post.title == "The Quay Is Closed"


def test_a_caption_of_two_sentences_under_the_headline_does_not_take_its_byline(tmp_path):
    # A photo's caption ("… tomorrow. Photo: NAME") between the headline and a short first paragraph is no headline
    # the byline could belong to: the headline the copy repeats stays the title.
    lines = [*NEWS_MENU, "Ferries bless the quay this Saturday", "PHOTO 1 OF 1",
             "The blessing takes place tomorrow. Photo: TL", "Skippers of every boat are invited to the quay at noon.",
             "6 MARCH 2022 05:30", STORY, MORE, "Ferries bless the quay this Saturday"]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Ferries bless the quay this Saturday"


def test_a_video_title_over_its_runtime_is_not_the_headline(tmp_path):
    # A video player in the article: its title over its runtime, alone ("01:46") over the page's date, or glued to the
    # video's own date ("Dec. 19, 201602:46"); the headline stands over its dek, further up.
    dek = ("If skippers wanted to hear that the board had asked them first, the vote on Tuesday night did rather the "
           "opposite and left them standing at the back of the hall")
    for player in (["Skippers protest at the board's meeting", "01:46", "March 4, 2021, 12:44 PM UTC", "By Tessa Lund"],
                   ["By Tessa Lund", "March 4, 2021, 12:44 PM UTC", STORY, "Skippers protest at the board's meeting",
                    "Mar. 2, 202102:46"]):
        lines = [*NEWS_MENU, "Local", "A quiet board ends with a loud vote on the north quay", dek, *player, STORY,
                 MORE, STORY]
        post = _copy(tmp_path, lines)
        assert post.title == "A quiet board ends with a loud vote on the north quay", player


def test_a_photo_credit_under_the_headline_is_not_the_author(tmp_path):
    lines = [*NEWS_MENU, "SLOW WATERS", "The north quay closes to ferries for the winter", "Wire Photo/Kemi Adeyo",
             "Quiet.", "By Tessa Lund", "Published March 4, 2021Last updated July 1, 2022", STORY, MORE]
    post = _copy(tmp_path, lines)
    assert post.author == "Tessa Lund", post.author


def test_the_byline_under_a_video_and_a_long_date_line_is_still_the_author(tmp_path):
    # The dek and the date line are both longer than a paragraph's first line: the date line is no paragraph.
    lines = [*NEWS_MENU, "Local", "What is holding up the north quay?",
             "It has been a slow winter for the harbour board, and the spring looks no better for it.", "Link copied", "Mar. 4, 2021, 12:31 PM UTC / Updated Mar. 4, 2021, 6:06 PM UTC", "By Tessa Lund",
             STORY, MORE]
    post = _copy(tmp_path, lines)
    assert post.title == "What is holding up the north quay?" and post.author == "Tessa Lund", (post.title, post.author)


def test_a_sentence_case_dek_under_its_headline_is_not_the_title(tmp_path):
    # Both lines are a sentence's length and in sentence case; the byline right under the dek is the headline's.
    hed = "Why, despite the grumbling on the docks, the ferry fares are not too high"
    for between in ([], ["New, 14 comments"]):
        lines = [*NEWS_MENU, "Picks", hed, *between, "Skipper backlash against the new fares is wholly misguided",
                 "By Tessa Lund", "Mar 4, 2021 at 2:19 pm ET • 5 min read", STORY, MORE]
        post = _copy(tmp_path, lines)
        assert post.title == hed, between


def test_a_teaser_in_a_list_is_not_the_dek_of_the_teaser_over_it():
    # Under a section's name teasers follow each other: the second one is no dek, as no byline stands under it.
    teasers = ["Breaking", "Ferries stop at the north quay for the winter", "Study: salt water rusts the old pilings faster",
               "Gulls have learned to open the fish bins on the quay"]
    filled = list(range(len(teasers) + 1))
    assert not dek_under([*teasers, "About"], filled, 1, 2)
    assert dek_under([*teasers[:3], "By Tessa Lund", "About"], filled, 1, 2), "the same lines over a byline: a dek"


def test_a_promo_the_copy_repeats_over_the_headline_does_not_make_it_a_caption(tmp_path):
    # The promo's lines over the headline share no byline with it: the byline right under the headline is its own.
    lines = [*NEWS_MENU, "One Month for Only $1", "Go Premium - One Month for Only $1", "Join Today",
             "Breaking: Harbour board closes the north quay", "ByTessa Lund Dec 9, 2021", "19 Comments", "Edit",
             "Slot to Harbour Home", "Slot to Harbour Links",
             STORY, MORE, "One Month for Only $1"]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Breaking: Harbour board closes the north quay", found


def test_a_breadcrumb_ending_with_the_headline_under_it_is_not_the_title(tmp_path):
    lines = [*NEWS_MENU, "Harbourmag", "Home › Ferries – the slow boats of the north", "Ferries – the slow boats of the north",
             "18/03/2019 | Tessa Lund", "Ferries – the slow boats of the north", STORY, MORE,
             "Ferries – the slow boats of the north"]
    found = headline(lines)
    assert found is None or "Home" not in lines[found[0]], "the breadcrumb is never the headline"


def test_an_embedded_posts_credit_stated_again_is_not_the_headline(tmp_path):
    # Two embedded posts by one person: their credit line comes twice, right over prose, as a restated headline does.
    credit = "— Ivo Brandt (@ivobrandt) September 19, 2016"
    lines = [*NEWS_MENU, "Local", "Why the whole harbour got a ferry alert at dawn",
             "The board has never used the alert this way before.", "By Tessa Lund", "September 19, 2016", STORY,
             "I did not sign up for the alerts to be woken at dawn.", credit, MORE,
             "Nobody told us which quay was closed.", credit, STORY]
    post = _copy(tmp_path, lines)
    assert post.title == "Why the whole harbour got a ferry alert at dawn", post.title
