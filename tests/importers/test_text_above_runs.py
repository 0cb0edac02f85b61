"""A text copy's article prose far over a title that is a guess, with furniture between (a related posts' box, a
share row), is kept; a list of teasers, headlines, a consent banner, a log and a comment section are not
(essaykit/importers/text_above.py: runs_over, take_runs)."""

from __future__ import annotations

from pathlib import Path

from essaykit.importers.text import _Reader
from essaykit.importers.text_above import HEADER, prose_start, runs_over, take_runs

MENU = ["SUBSCRIBE", "Home", "Orchard", "Kitchen", "Search"]
PROSE = ["It can be maddening to stand under a pear tree and not know whether the fruit will be sweet or woody.",
         "While a firm pear feels safe to pick, most varieties ripen best off the branch, in a cool and dark cupboard.",
         "Some pears that look green are ready, while others that have turned golden are still as hard as stones.",
         "However, the neck of the fruit tells you far more than its colour ever does, if you know how to press it."]
BOX = ["Written by Tamsin Orrow on April 29, 2018", "related stories", "Twelve Pear Trees for Small Gardens",
       "How Many Pears Grow on One Tree?", "READ THIS NEXT"]
TITLE = "Twelve Pear Trees for Small Gardens"
TEASER = "Whether you have a courtyard or a balcony, a pear tree can fit. These are the best ones to try this year."


def _labels(lines: list[str], title_at: int) -> dict[int, str]:
    return {i: HEADER for i in range(title_at) if lines[i].strip()}


def _runs(lines: list[str]) -> list[tuple[int, int]]:
    title_at = len(lines) - 2
    return runs_over(lines, _labels(lines, title_at), title_at)


def test_prose_far_over_the_title_with_a_related_box_between_is_a_run():
    lines = [*MENU, "Nine Ways to Tell When Your Pears Are Ripe", "", *PROSE, "1. The Neck Test",
             PROSE[0].replace("maddening", "tiresome"), *BOX, TITLE, TEASER]
    assert _runs(lines) == [(lines.index(PROSE[0]), lines.index(PROSE[0].replace("maddening", "tiresome")))]


def test_the_run_is_kept_and_the_box_between_stays_dropped(tmp_path):
    lines = [*MENU, *PROSE, *BOX, TITLE, "", TEASER]
    title_at = lines.index(TITLE, len(MENU) + len(PROSE) + 3)
    reader = _Reader(Path(tmp_path / "copy.txt"), lines, [])
    for i in range(title_at):
        reader.drop(i, HEADER[len("dropped "):])
    reader.labels[title_at] = "title"
    top = take_runs(reader, runs_over(lines, reader.labels, title_at), title_at + 1)
    assert top == lines.index(PROSE[0])
    assert all(i not in reader.labels for i in range(top, top + len(PROSE))), "the prose is the article's again"
    assert all(reader.labels.get(lines.index(b)) == HEADER for b in BOX[1:]), "the related box stays dropped"
    assert any("prose over a title that is a guess" in g for g in reader.guessed), "the report says so"


def test_a_list_of_teasers_is_no_run():
    lines = [*MENU]
    for k, text in enumerate(PROSE):
        lines += [f"Teaser headline number {k}", text]
    lines += [TITLE, TEASER]
    assert _runs(lines) == []


def test_headlines_that_end_as_no_sentence_are_no_run():
    heads = ["David Pellow Takes Us For A Ride On His New Tractor And Talks About The Harvest",
             "Four Orchard Keepers On Their Love-Hate Letter To Late Frost And The Night Watch",
             "The Founders Of A Cider Press Talk About Apples, Pears And The Long Road Home"]
    assert _runs([*MENU, *heads, TITLE, TEASER]) == []


def test_a_consent_banner_is_no_run():
    banner = ["We use cookies and similar tools to remember what you read here, to measure our visitors and to show "
              "you offers that may interest you.",
              "By clicking accept below, you agree that we and our partners may store and read them on your device."]
    assert _runs([*MENU, *banner, TITLE, TEASER]) == []


def test_paragraphs_that_open_alike_are_a_log_not_a_run():
    warning = "Notice: undefined index in the theme's template file on line {} of the sidebar, called from the loop."
    assert _runs([*MENU, *(warning.format(n) for n in range(6)), TITLE, TEASER]) == []


def test_no_run_is_read_after_a_comment_section_starts():
    lines = [*MENU, "3 Comments", *PROSE, TITLE, TEASER]
    assert _runs(lines) == []
    lines = [*MENU, *PROSE, "3 Comments", PROSE[0].replace("maddening", "tiresome"), PROSE[1], TITLE, TEASER]
    assert _runs(lines) == [(lines.index(PROSE[0]), lines.index(PROSE[3]))], "the article over the comments stays"


def test_a_short_run_is_not_enough():
    assert _runs([*MENU, PROSE[0], PROSE[1], TITLE, TEASER]) == []


STEPS = ["Mix the flour, the water, the salt and the egg into a smooth dough, then let it rest in the cold for an hour.",
         "Cut the pumpkin into small cubes and chop the onion and the garlic as finely as your knife allows you to.",
         "Fry the onion, the garlic and the pumpkin in butter until soft, then stir in the crushed walnuts and seeds.",
         "Roll the dough out thinly, cut rounds with a glass, fill each one with a spoon of the pumpkin and seal it."]


def _recipe(word: str) -> list[str]:
    lines = [*MENU, "Add the ingredients to your list", "Preparation step by step"]
    for k, text in enumerate(STEPS):
        lines += [f"{word} {k + 1}", "", text, ""]
    return [*lines, "Rate this recipe", *BOX[1:], TITLE, TEASER]


def test_numbered_steps_each_under_its_label_are_a_run_with_their_heading():
    for word in ("Step", "Krok", "Schritt", "Paso"):
        lines = _recipe(word)
        assert _runs(lines) == [(lines.index("Preparation step by step"), lines.index(STEPS[-1]))], word


def test_labels_that_do_not_count_up_are_teasers_headlines():
    lines = [*MENU]
    for k, text in enumerate(STEPS):
        lines += [f"Episode {3 * k + 1}", text]
    assert _runs([*lines, TITLE, TEASER]) == []


def test_the_upward_reading_crosses_steps_labels_too():
    lines = _recipe("Step")[:-len(BOX[1:]) - 3] + ["Pumpkin dumplings", TEASER]
    title_at = lines.index("Pumpkin dumplings")
    labels = {i: HEADER for i in range(title_at) if lines[i].strip()}
    assert prose_start(lines, labels, title_at, len(lines)) == lines.index("Preparation step by step")


def _head(tmp_path, lines: list[str]) -> _Reader:
    reader = _Reader(Path(tmp_path / "copy.txt"), lines, [])
    reader.head()
    return reader


def test_runs_are_read_over_any_title_the_rules_found_but_not_over_one_the_comments_name(tmp_path):
    """A title the rules found, sure or not, may be a sidebar's entry with a year under it (the runs over it are then
    the article); one the comment section names ("2 thoughts on “TITLE”") is the post's headline."""
    body = [*MENU, "", TITLE, "", "By Tamsin Orrow", "", *PROSE]
    assert _head(tmp_path, body).title_ruled, "found by the rules: the runs over it are read"
    named = [*body, "", f"2 thoughts on “{TITLE}”", "", "Ada Quill says:", "March 3, 2018 at 9:12 am", "Lovely pears."]
    assert not _head(tmp_path, named).title_ruled, "named by the comment section: sure, whatever is over it"
