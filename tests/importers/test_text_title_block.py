"""A copy's headline found below a first prose that is not the article's: the block a headline heads (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import _headings_between, headline, sure
from essaykit.importers.text_title_block import headline_block

from .test_text_title_signs import STORY, _title_doubts
from .test_text_titles import _copy

# Prose at the top of the copy that is no article: a cookie notice and a newsletter box, as news sites print them.
NOTICE = ("We use cookies and similar tools to keep this site running, to count our readers and to show you offers "
          "that fit, and you can change your choice at any time in the settings at the foot of every page.")
NEWSLETTER = ("Sign up for the harbour letter and get the week's stories about ferries, fog and the people of the "
              "docks in your inbox every Friday morning, free of charge and easy to cancel whenever you like.")
MEGA_MENU = ["Harbour", "Ferries", "Weather", "Docks", "People", "Opinion", "Archive", "Contact", "Search"]


def _page(*article: str) -> list[str]:
    return ["Harbour Courier", NOTICE, "Accept", *MEGA_MENU, "", NEWSLETTER, "Subscribe", "", *MEGA_MENU, *article]


def test_the_headline_over_its_date_and_article_is_found_below_a_notice(tmp_path):
    lines = _page("12.03.2024", "Ferry timetable changes after the winter storms", "", STORY, "", STORY, "", STORY)
    found = headline_block(lines)
    assert found is not None and lines[found[0]] == "Ferry timetable changes after the winter storms"
    assert not sure(found[1]), "a date and an article under a line make a good guess, not a sure title"
    post = _copy(tmp_path, lines)
    assert post.title == "Ferry timetable changes after the winter storms"
    assert _title_doubts(post), "the import still asks for --force"


def test_a_kicker_over_the_headline_is_not_the_title(tmp_path):
    lines = _page("Winter storms", "Ferry timetable changes after the storms close two piers",
                  "By Ruth Amsel", "12 March 2024", "", STORY, "", STORY, "", STORY)
    found = headline_block(lines)
    assert found is not None and lines[found[0]] == "Ferry timetable changes after the storms close two piers"


def test_a_list_of_dated_teasers_heads_no_article():
    teaser = ("The harbour master explains what the new timetable means for the early ferries and the commuters "
              "who use them.")
    lines = [*MEGA_MENU, NOTICE]
    for day, title in enumerate(("Ferry timetable changes after the winter storms", "Fog closes the north pier again",
                                 "Dock workers vote on the new shift plan", "A lighthouse keeper looks back")):
        lines += [title, f"{day + 1}. März 2024", teaser, "Read more"]
    assert headline_block(lines) is None, "an excerpt under each dated teaser, never an article"


def test_a_view_count_is_no_date_and_comments_head_no_article():
    most_read = [*MEGA_MENU, NOTICE, "Most read", "Fog closes the north pier again", "8984",
                 "Dock workers vote on the new shift plan", STORY, STORY, STORY]
    assert headline_block(most_read) is None, "a bare number under a teaser counts its views"
    comments = [*MEGA_MENU, NOTICE, "3 thoughts on “Ferry timetable changes”", "Ruth Amsel said on 12 March 2024",
                STORY, STORY, STORY]
    assert headline_block(comments) is None, "a comment under its date is no article"
    assert headline_block(["", "  ", "→ Older post", "12.03.2024", STORY, STORY]) is None, "a navigation link"


def test_a_sure_headline_near_the_first_prose_is_kept(tmp_path):
    # headline() finds it sure: the block rule is not asked, and a later dated block does not replace it.
    lines = [*MEGA_MENU, "Ferry timetable changes after the winter storms", "Von Greta Holm", "12. März 2024", "",
             STORY, "", "Related", "Fog closes the north pier again", "13. März 2024", STORY, STORY, STORY]
    assert sure(headline(lines)[1])
    assert _copy(tmp_path, lines).title == "Ferry timetable changes after the winter storms"


def test_a_headline_with_its_byline_right_under_it_is_not_replaced():
    lines = _page("Ferry timetable changes after the winter storms", "12.03.2024", "", STORY, "", STORY, "", STORY)
    guess = (lines.index("Harbour Courier"), "a byline or date right under it")
    assert headline_block(lines, guess) is None, "the reader's own find had a sign a menu entry lacks"
    assert headline_block([]) is None and headline_block(["\t", " ", "x" * 5000]) is None, "empty and hostile copies"


def test_credits_embeds_and_section_headings_head_no_article():
    credit = _page("Photo by Ruth Amsel/Harbour Images", "12 March 2024", "", STORY, "", STORY, "", STORY)
    assert headline_block(credit) is None, "a photo's credit over a date is no headline"
    section = [*MEGA_MENU, STORY, "", STORY, "", "Why the fog stays so long in March", "", STORY, "",
               "— Harbour Fog Club (@harbourfog) March 9, 2024", "", STORY, "", STORY]
    assert headline_block(section) is None, "a heading between paragraphs over an embedded post's credit"
    update = [*MEGA_MENU, STORY, "", STORY, "", "Why the fog stays so long in March", "13 March 2024", STORY, STORY, STORY]
    assert headline_block(update) is None, "a dated section of an article (a live blog's update) under its prose"


def test_a_date_under_two_short_headings_is_theirs_not_the_line_over_them():
    # A photo's caption over the headline and its dek, a menu entry over two more: the date under them is not its.
    assert _headings_between(["Fog closes the harbour again", "Three ferries stay in port until noon", "RUTH AMSEL"])
    assert _headings_between(["Ferries and boats", "Weather at sea"])
    dek = "The ferries carried more people than in any year before, although the fog closed the harbour for weeks"
    assert not _headings_between(["Ruth Amsel", dek]), "a name and a long dek leave the date to the line over them"
    assert not _headings_between(["Copy link", "", "Share"]) and not _headings_between([])


def test_a_link_with_an_arrow_is_no_headline(tmp_path):
    lines = [*MEGA_MENU, "← Fog closes the north pier again", "Ferry timetable changes after the storms →",
             "12. März 2024", "", STORY, "", STORY]
    found = headline(lines)
    assert found is None or lines[found[0]] != "Ferry timetable changes after the storms →", "the next post's link"
    assert headline([*MEGA_MENU, "« Plus les heures passent, moins on est utiles »", "12 mars 2024", "", STORY]) == \
        (len(MEGA_MENU), "a byline or date right under it and the article's prose follows"), "French quotes are no arrows"


def test_a_dated_teaser_under_the_article_is_not_its_headline():
    # The article's headline has no sign the reader knows; a dated teaser under its prose must not take the copy's
    # title (and the article with it: what stands over a title is dropped as the site's header).
    lines = [*MEGA_MENU, STORY, "", STORY, "", STORY, "", STORY, "", "Share", "Print", "Tags: fog, ferries",
             "Fog closes the north pier again", "13. März 2024", STORY, "", STORY, "", STORY]
    assert headline_block(lines) is None
