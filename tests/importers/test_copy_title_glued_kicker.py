"""A copy's title found only by the article's prose under it, whose first words are a section's name the copy shows
on its own (a menu's entry, a breadcrumb's end, a short form's topic), is reported as a guess (issue 28)."""

from __future__ import annotations

from essaykit.importers.text_title_kicker import glued_kicker

from .test_text_titles import PROSE, _copy

MENU = ["Startseite", "Gezeiten", "Fähren", "Leuchttürme", "Kontakt", ""]


def _title_doubts(post) -> list[str]:
    return [d for d in post.doubts if d.startswith("the title")]


def test_a_menu_entry_glued_over_the_headline_makes_it_a_guess(tmp_path):
    title = "Gezeiten Flutwelle erreicht den Hafen von Norderwik"
    post = _copy(tmp_path, [*MENU, title, "", PROSE, "", PROSE])
    assert post.title == title, "the title is kept; only its certainty changes"
    assert any("'Gezeiten'" in d and "section's name" in d for d in _title_doubts(post))


def test_a_headline_with_its_own_topic_and_separator_stays_sure(tmp_path):
    for title in ("Gezeiten: Flutwelle erreicht den Hafen von Norderwik",
                  "Gezeiten – Flutwelle erreicht den Hafen von Norderwik",
                  "Flutwelle erreicht den Hafen von Norderwik"):
        post = _copy(tmp_path, [*MENU, title, "", PROSE, "", PROSE])
        assert post.title == title and not _title_doubts(post), title


def test_a_byline_under_the_headline_keeps_it_sure(tmp_path):
    # only the weakest sign (the prose alone) is doubted: a byline naming its author is a second, stronger one
    title = "Gezeiten Flutwelle erreicht den Hafen von Norderwik"
    post = _copy(tmp_path, [*MENU, title, "Von Marte Ollsund", "12. März 2024", "", PROSE, "", PROSE])
    assert post.title == title and not _title_doubts(post)


def test_where_the_glued_name_is_found():
    title = "Salzwiesen Deichbau ruht bis zum Frühjahr wegen der Brutvögel"
    crumb = ["Start » Küste » Salzwiesen", title]
    assert glued_kicker(crumb, 1) == "Salzwiesen", "a breadcrumb's last section"
    short = ["Salzwiesen: Deichbau ruht", title]
    assert glued_kicker(short, 1) == "Salzwiesen", "the topic of a short form just above"
    assert glued_kicker(["Küste", title], 1) == "", "a name the copy does not show alone"
    assert glued_kicker(["Salzwiesen", "Salzwiesen Deichbau ruht"], 1) == "", "too short a rest to be a headline"
