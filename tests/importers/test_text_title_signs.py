"""A text copy's headline by its signs, and a title found by no sure sign reported as a guess (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title import headline, sure
from essaykit.importers.text_title_meta import _meta

from .test_text_titles import MENU, PROSE, _copy

STORY = ("The ferry left before dawn, and nobody on the pier waved it off, because everyone was still asleep and "
         "the fog lay so thick on the water that the lamps along the shore could hardly be seen at all.")


def _title_doubts(post) -> list[str]:
    return [d for d in post.doubts if d.startswith("the title")]


def test_a_headline_naming_a_year_is_no_date_line(tmp_path):
    # The site's motto over menu entries is no headline; the episode's title names a year and has its byline under it.
    lines = ["Hafenfunk", "Unser Ziel: Gute Gespräche über das Meer – jede Woche neu", "Suchen", "Hauptmenü",
             "Abonnieren", "Impressum", "← Vorherige", "HF042 Live vom Hafenfest 2019",
             "Veröffentlicht am 17. Dezember 2019 von Greta Holm", "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "HF042 Live vom Hafenfest 2019"
    assert not _title_doubts(post), "its byline names its author right under it: sure"
    lines = [*MENU, "Rückblick auf das Hafenfest 2019", "12. März 2024", "", PROSE]
    assert lines[headline(lines)[0]] == "Rückblick auf das Hafenfest 2019", "a year in a headline is no date line"


def test_a_long_headline_may_start_with_a_lowercase_brand(tmp_path):
    lines = [*MENU, "Übersicht - alle Themen", "Termine", "Newsletter", "Impressum", "HAFEN20. Juni 2019",
             "wellenwerk übernimmt Fährlinie und plant Ausbau der Strecke nach Kiel",
             "Hafenblatt /GH 20. Juni 2019 Aktuell, Hafen", "", PROSE]
    assert _copy(tmp_path, lines).title == "wellenwerk übernimmt Fährlinie und plant Ausbau der Strecke nach Kiel"
    assert headline([*MENU, "mehr aus dem hafen und der stadt", "20. Juni 2019", "", PROSE]) is None, \
        "a lowercase line with no capital further on stays a tag"


def test_credits_addresses_and_embedded_posts_are_never_headlines(tmp_path):
    embed = ["Swipe for the whole story of the harbour fog today", "",
             "A post shared by Harbour Fog Club (@harbourfog) on Apr 27, 2020 at 9:24am PDT", "", STORY, STORY]
    lines = [*MENU, "harbour", "Meet the ferryman who painted the harbour fog on his boat",
             "NTB/The Courier - [email protected]", "Published: 28 Apr, 2020. Updated: Tue 28 Apr 2020 08:11", "Share",
             "(Image credit: The Courier)", "", STORY, "", *embed]
    post = _copy(tmp_path, lines)
    assert post.title == "Meet the ferryman who painted the harbour fog on his boat"
    assert headline([*MENU, "(Photo courtesy of the harbour museum)", "12 March 2024", "", STORY]) is None
    assert headline([*MENU, "Write to us at desk@courier.example", "12 March 2024", "", STORY]) is None


def test_a_dek_between_the_headline_and_its_byline_is_not_the_title(tmp_path):
    dek = ("Penalties for ferry operators who ignore the fog warnings are to be raised to a maximum of ten thousand "
           "pounds")
    lines = ["NEWS", "SPORT", "COMMENT", "Fog closes the harbour and three ferries stay in port", "", dek, "",
             "By Ruth Amsel", "01 October 2020", "", STORY]
    post = _copy(tmp_path, lines)
    assert post.title == "Fog closes the harbour and three ferries stay in port"
    short = ["NEWS", "Harbour news", "", dek, "", "By Ruth Amsel", "01 October 2020", "", STORY]
    assert _copy(tmp_path, short).title == dek, "over a kicker of two words the long line is the headline itself"


def test_a_title_found_by_one_weak_sign_is_reported_as_a_guess(tmp_path):
    # Menu entries, then a line the copy repeats (a product box's name) over prose: no byline, no date.
    lines = [*MENU, "Nebelhorn Deluxe Set", "Warenkorb", "Nebelhorn Deluxe Set", "", PROSE, "", "Nebelhorn Deluxe Set"]
    post = _copy(tmp_path, lines)
    [doubt] = _title_doubts(post)
    assert "is a guess" in doubt and "--force" not in doubt and post.title in doubt
    found = headline(lines)
    assert found is not None and not sure(found[1])


def test_menus_with_no_headline_sign_make_the_title_a_guess_a_plain_text_does_not(tmp_path):
    post = _copy(tmp_path, ["Startseite", "Kontakt", "Impressum", "", PROSE])
    assert _title_doubts(post) and "no line of the copy is marked as its headline" in _title_doubts(post)[0]
    plain = _copy(tmp_path, ["Two Ferries", "", "First I took the early one.", "", PROSE])
    assert plain.title == "Two Ferries" and not _title_doubts(plain), "a text that starts with its title is sure"


def test_sure_signs():
    assert sure("a byline or date right under it and the article's prose follows")
    assert sure("a byline or date right under it, naming its author")
    assert sure("the copy repeats it and stated again right over the article and the article's prose follows")
    assert not sure("a byline or date under it")
    assert not sure("the copy repeats it and the article's prose follows")
    assert not sure("nothing else: the line right over the article's first prose (which may name it)")


def test_hostile_lines_do_not_break_the_search(tmp_path):
    lines = ["(", ")", "()", "[email protected]", "@", "(@)", "A" * 5000, "»" * 300, "Fog over the harbour today",
             "by Ruth Amsel", "", STORY]
    post = _copy(tmp_path, lines)
    assert post.title == "Fog over the harbour today" and not _title_doubts(post)


def test_a_caption_with_its_agency_and_a_dated_line_with_words_are_no_headlines(tmp_path):
    lines = [*MENU, "Senator calls the harbour plan a disaster", "The senator spoke for an hour on the pier",
             "The senator at the harbour, on Monday / AFP", "AFP", "10/05/2022 05:22 pm", "", STORY]
    assert _copy(tmp_path, lines).title == "Senator calls the harbour plan a disaster"
    dated = [*MENU, "Aus der Region 6. November 2023 15:00 Kommentar schreiben", "", PROSE]
    assert headline(dated) is None, "a date and a time date a line, whatever its other words"


def test_a_headline_ending_in_an_abbreviation_and_one_over_a_lede_sentence(tmp_path):
    lines = [*MENU, "Start|Magazin|Ordnung", "Die besten Tricks für Kleiderschrank & Co.", "", PROSE, "",
             "Die besten Tricks für Kleiderschrank & Co.", "", PROSE]
    assert _copy(tmp_path, lines).title == "Die besten Tricks für Kleiderschrank & Co."
    lede = [*MENU, "Allgemein, news", "Alles hat seine Zeit…", "", "…und die Zeit am Hafen geht nun zu Ende.", "", PROSE]
    post = _copy(tmp_path, lede)
    assert post.title == "Alles hat seine Zeit…" and _title_doubts(post), "found by no sure sign: a guess"
    teaser = [*MENU, "Hafen Die Fähre fährt im Winter nicht mehr, sagt die Stadt in einem Brief. Mehr...", "", PROSE]
    found = headline(teaser)
    assert found is None or not teaser[found[0]].endswith("Mehr..."), "a teaser's 'Mehr...' ends no headline"


def test_a_line_starting_with_a_date_is_a_date_line_a_headline_naming_a_year_is_not(tmp_path):
    lines = [*MENU, "Ratgeber: Spielzeug für Hafenkatzen – sorgt für Abwechslung",
             "1. Februar 2022 Greta Ratgeber, Katzen, Hafen", "", PROSE]
    post = _copy(tmp_path, lines)
    assert post.title == "Ratgeber: Spielzeug für Hafenkatzen – sorgt für Abwechslung" and not _title_doubts(post)
    assert headline([*MENU, "May 4, 2022 Greta in Cats", "", STORY]) is None
    year = [*MENU, "12 Fähren 2019 im Hafen von Kiel", "Von Greta Holm", "", PROSE]
    assert year[headline(year)[0]] == "12 Fähren 2019 im Hafen von Kiel"


def test_a_control_or_a_prompt_is_never_the_title(tmp_path):
    """The labels of a page's buttons and prompts ("Share on Facebook 654 Tweet Email Print", "Become a member",
    "Read in app", a cookie notice's heading) stand over the headline in many copies, a share bar repeated down the
    page as a headline is: never a title, in any language."""
    from essaykit.importers.text_labels import chrome_line

    share = "Share on Facebook654 Tweet Email Email Print"
    lines = [*MENU, share, "Why the night ferry leaves at four", "", "“… waiting for someone.”", "",
             "by Jane Doe March 3, 2024", "", share, "", STORY, "", share]
    assert _copy(tmp_path, lines).title == "Why the night ferry leaves at four"
    for line in (share, "Become a member", "Read in app", "Gestion des cookies", "Afficher les commentaires",
                 "Login Sign up", "Pin it", "This article is more than 5 years old", "Teilen Drucken Merken",
                 "Compartir 12 Imprimir"):
        assert chrome_line(line), line
    # a headline that only uses some of those words is one
    assert not chrome_line("Follow the Money to the Harbour") and not chrome_line("Why the night ferry leaves at four")
    assert not chrome_line("") and not chrome_line("12 345")


def test_a_title_case_headline_over_its_sentence_case_dek(tmp_path):
    """English-language sites write the headline in title case and the dek under it as a sentence; the byline under
    the dek is the headline's too."""
    headline = "Why the Night Ferry Leaves the Harbour at Four in the Morning"
    dek = "The captain explained the timetable to a crowd of sleepy passengers on the pier"
    post = _copy(tmp_path, [*MENU, "Travel", headline, dek, "By Jane Doe", "Updated on March 3, 2024 09:22 AM", "", STORY])
    assert post.title == headline
    # a title-case line over a headline that is title case too (a teaser's, a section's): no dek, the line stays
    teaser = "Ten Harbour Walks for a Rainy Weekend on the Coast"
    post = _copy(tmp_path, [*MENU, teaser, headline, "By Jane Doe", "March 3, 2024", "", STORY])
    assert post.title == headline


def test_a_label_over_a_line_is_no_date_over_it(tmp_path):
    # "Categories" over the site's category menu copied as one line: a label (furniture), not a date dating that line.
    # The headline under it has its long byline under it and the article's prose: it is the title.
    lines = ["Harbourlog", "Articles", "Forums", "Contact", "Categories",
             "Ferries Tides Harbours Pilings Weather Boats Crews Cargo", "",
             "Ferry Traffic on the North Quay Ticks Up Again in March",
             "Written by Greta Holm in Ferries on 4 March 2021 at 09:12 AM. 12 Comments", STORY, STORY]
    found = headline(lines)
    assert found is not None and lines[found[0]] == "Ferry Traffic on the North Quay Ticks Up Again in March", found
    assert _copy(tmp_path, lines).title == "Ferry Traffic on the North Quay Ticks Up Again in March"


def test_a_byline_label_glued_to_the_name_is_a_byline(tmp_path):
    # The copy joins the "By" label to the name's link: "ByGreta Holm" under the headline and its dek is its byline.
    for byline in ("ByGreta Holm", "Byby GRETA HOLM"):
        lines = ["Skip to content", "Newsletters", "Subscribe", "Menu", "Magazine", "Harbour Life",
                 "Why the North Quay Ferries Stopped Running", "",
                 "Cracked pilings, a stranded ferry and a long winter closed the quay for good.", "", byline,
                 "• 6 min read", "ShareTweetEmail", "", STORY, STORY]
        found = headline(lines)
        assert found is not None and lines[found[0]] == "Why the North Quay Ferries Stopped Running", (byline, found)
    for title in ("Byzantine Harbours of the North", "ByteCraft Opens a Ferry Office", "Bye Bye Ferry"):
        assert not _meta(title), "a word starting with 'By' is no byline"
