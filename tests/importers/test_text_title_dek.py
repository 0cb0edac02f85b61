"""A news headline whose byline stands under its dek, a photo's caption or the author's name: the byline is the
headline's, not a teaser's or a caption's (essaykit/importers/text_title_dek.py)."""

from __future__ import annotations

from essaykit.importers.text_head import label_shape
from essaykit.importers.text_title import headline
from essaykit.importers.text_title_dek import author_link, byline_line, byline_past_dek, share_button

from .test_text_title_news import MORE, NEWS_MENU, STORY
from .test_text_titles import _copy

HEADLINE = "Harbour Board Votes to Close the North Quay to Ferries"
DEK = "The skippers who use the quay say nobody asked them."


def _title(tmp_path, lines: list[str]) -> str:
    found = headline(lines)
    assert found is not None
    post = _copy(tmp_path, lines)
    assert post.title == lines[found[0]]
    return post.title


def test_a_teaser_with_its_date_right_under_it_gives_way_to_the_headline_over_its_dek(tmp_path):
    # A topic's link in the menu with its day under it ("Ferry Strike" / "Jan. 6") has a date right under it; the
    # headline has its dek between it and the byline naming its author, then the article.
    lines = [*NEWS_MENU, "Ferries in Winter", "Jan. 6", "Sign in", "Topic Successfully Added",
             "We'll tell you here about news on", "Turn on notifications for stories about this topic?", HEADLINE, DEK,
             "By TESSA LUND and IVO BRANDT", "March 4, 2021, 4:19 PM", STORY, MORE]
    assert _title(tmp_path, lines) == HEADLINE


def test_a_caption_glued_to_its_credit_under_the_dek_is_not_the_title(tmp_path):
    caption = "Ferries at the north quay in the spring.CreditCreditMara Quill for the Harbour Times"
    lines = [*NEWS_MENU, HEADLINE, DEK, "Image", caption, "By Tessa Lund", "March 4, 2021", STORY, MORE]
    assert _title(tmp_path, lines) == HEADLINE


def test_a_sign_in_prompt_gives_way_to_the_headline_over_its_dek_or_its_authors_name(tmp_path):
    # The sign-in prompt has the byline a few lines under it too; the headline has the author's name, then the date,
    # right under it, or its dek over a byline of the name and the date: the byline is the headline's.
    for under in (["Tessa Lund, Harbour Times", "Updated: Mar 4, 2021 2:57 PM UTC"],
                  [DEK, "Tessa Lund - Mar 4, 2021 8:02 pm UTC"]):
        lines = ["Black on white", "White on black", "Sign in", "Comment activity", "Sign up or log in to join the talk!",
                 "Keep me signed in | Trouble signing in?", "Sign up to comment and more Sign up", "Harbour & Sea —",
                 HEADLINE, *under, "Share this story", STORY, MORE]
        assert _title(tmp_path, lines) == HEADLINE, under


def test_what_is_no_headlines_byline():
    assert byline_past_dek([DEK], "By Tessa Lund", 2)
    assert byline_past_dek(["Tessa Lund"], "March 4, 2021", 1)
    assert byline_past_dek(["By", "Tessa Lund"], "3/4/21 12:34PM", 1)
    assert byline_past_dek([DEK], "Tessa Lund - Mar 4, 2021 8:02 pm UTC", 1)
    assert byline_past_dek([DEK, "Image", "The quay at dawn. (Mara Quill/Northwind Images)"], "By Tessa Lund", 0)
    assert byline_past_dek([DEK, "Tessa Lund"], "Mar. 4, 2021 5:00 a.m. PT", 2)
    # a reading time is no byline; a one-word section's name is nobody's name; a date alone names no author
    assert not byline_past_dek(["Tessa Lund"], "4 min read", 1)
    assert not byline_past_dek(["Tessa Lund", "Culture"], "2019.04.25", 1)
    assert not byline_past_dek([DEK], "March 4, 2021", 1)
    # a name's exclamation mark ends no sentence: a menu's entries over the headline and its author
    assert not byline_past_dek(["Quay! in English", "quay.example", "Harbour Votes", "Tessa Lund"], "4 March 2021", 1)
    # a headline in title case under a menu's line is a headline, not a dek, even ending with a question mark
    assert not byline_past_dek(["Why the Quay Is Closing Again?"], "By Tessa Lund", 1)
    # a name that is not the byline's author's, or a menu's entries over a name, are no byline's
    assert not byline_past_dek(["The Quay Sprint"], "Author: Tessa Lund", 1)
    assert not byline_past_dek(["Home", "Editors Pick", "Editors Pick"], "Posted on April 22, 2022", 1)
    # menu entries between, or the article far under the byline (a teaser in a list), are no dek's
    assert not byline_past_dek(["World", "Business"], "By Tessa Lund", 1)
    assert not byline_past_dek([DEK], "By Tessa Lund", 12)
    assert not byline_past_dek([], "By Tessa Lund", 1)


def test_share_buttons_and_a_credit_between_the_headline_and_its_byline(tmp_path):
    # Share and print buttons of four words, and the photo's credit, stand between the headline and its byline: the
    # byline is still the headline's, and no share button is a headline.
    lines = [*NEWS_MENU, "Harbour Matters", HEADLINE, "Share on Facebook", "Share on Google Plus", "Share via Email",
             "Share via Email", "Print Article", "Republish Article", "Image by Northwind Images",
             "By Tessa Lund March 4, 2021", STORY, MORE]
    assert _title(tmp_path, lines) == HEADLINE
    assert share_button("Share on Google Plus") and share_button("Teilen auf Facebook")
    assert not share_button("Share the Quay: Ferries and Skippers Agree a Timetable")


def test_a_source_date_and_name_line_is_the_headlines_byline_not_its_title(tmp_path):
    # A portal prints the source, the numeric date and the author on one line under the headline: a byline, not the
    # headline (the article's prose follows it too).
    for byline in (" Harbour Daily 3/4/2021 Tessa Lund", "Tessa Lund 2 days ago"):
        lines = [*NEWS_MENU, "You are using an older browser version. Please update it.", HEADLINE, byline, "",
                 "© Mara Quill/Northwind Images The quay at dawn, when the first ferry used to leave for the islands.",
                 STORY, MORE]
        assert _title(tmp_path, lines) == HEADLINE, byline
    assert byline_line("Tessa Lund 1 day ago") and byline_line("Harbour Daily 3/4/2021 Tessa Lund")
    assert not byline_line("Ferries return on 3/4/2021 to the north quay")
    assert not byline_line("Ferries Are Back a Year Ago") and not byline_line(HEADLINE)


def test_a_second_wording_under_the_headlines_byline_is_not_the_title(tmp_path):
    # A magazine prints its headline, the dek and the byline, then the photo's caption, the section and date, and a
    # plainer wording of the headline (which its related links repeat): the headline over the dek is the title.
    plainer = "How the Skippers Took On the Harbour Board"
    lines = [*NEWS_MENU, "Harbour Weekly", HEADLINE, "How the skippers of the north quay took on the board, and won.",
             "By Tessa Lund", "Tessa Lund at the quay. Photo: Mara Quill/Northwind", "harbour Sept. 2, 2021", plainer,
             STORY, MORE, "Related", plainer]
    assert _title(tmp_path, lines) == HEADLINE


def test_a_link_to_the_authors_stories_is_never_a_sure_title():
    # Taken as the title (the headline too far under a long notice), the link is reported as a guess.
    assert "author's other stories" in label_shape("More stories by Tessa Lund", "a byline or date right under it")
    assert author_link("More stories by Tessa Lund") and author_link("View all posts by Tessa Lund")
    assert not author_link("More Stories From the North Quay Are Coming to the Harbour")
    assert label_shape(HEADLINE, "a byline or date right under it") == ""


def test_the_authors_name_and_follow_button_over_the_date(tmp_path):
    # A blog platform prints the title, the author's name, "Follow", then the date and reading time, then a subtitle;
    # a video's caption over the title holds the subtitle's words, which the copy repeats.
    subtitle = "My evening at the harbour board meeting"
    lines = ["Upgrade", "ARCHIVE", f"Video of Quay Talk: {subtitle}", "Quay Talk: What Now?", "Tessa Lund", "Follow",
             "Oct 19, 2021 · 10 min read", subtitle, STORY, MORE]
    assert _title(tmp_path, lines) == "Quay Talk: What Now?"
