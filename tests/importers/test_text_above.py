"""A text copy's article paragraphs over the line taken for its title are kept when they are clearly prose, and a
site's header, a list of teasers or a log over it stays dropped (essaykit/importers/text_above.py)."""

from __future__ import annotations

from essaykit.importers.model import ImportedPost
from essaykit.importers.text import read_text_copy
from essaykit.importers.text_above import HEADER, prose_start

INTRO = ("Every spring the allotment behind the old brewery floods for a week, and every spring the gardeners argue "
         "about whether the new drains will ever be dug; this year, for once, they agreed on what to plant first.")
BODY = ["The beds on the higher side dry out first, so the early crops go there and the thirsty ones go below them, "
        "where the water lingers after the rain has stopped.",
        "Beans go in when the soil is warm enough to sit on, which the oldest gardener tests every morning with the "
        "back of his hand before he lets anyone open a packet.",
        "A ring of crushed shells round each plant slows the slugs down, and a saucer of cold tea at the corner of the "
        "bed draws them away from the seedlings overnight.",
        "Pick the pods while they are still slim: left on the plant they turn stringy within days, and the plant "
        "stops flowering once it thinks its work is done."]
MENU = ["Home", "Garden", "Kitchen", "Search"]


ENTRIES = ["Does every bed flood?", "When do the beans go in?", "How long do they crop?", "How many pods to a plant?",
           "What helps a good crop?", "Sunny beds", "Good compost", "Cold nights", "Long days", "Resting the soil"]


def test_an_introduction_over_a_table_of_contents_is_kept(tmp_path):
    # the contents' first entry, repeated over its section, is taken for the title (a guess): the introduction over
    # the contents is the article's, not the site's header
    lines = ["GARDEN KITCHEN HOUSE", "SEARCH", "GENERALBEANS", "When do the beans go in, and how long do they crop?",
             "5 Minuten Lesezeit", "", INTRO, "", "Contents", "", *ENTRIES]
    for k, text in enumerate(BODY):
        lines += [ENTRIES[k], "", text, ""]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    post = read_text_copy(path)[0]
    assert isinstance(post, ImportedPost)
    text = "\n".join(post.blocks)
    assert INTRO[:60] in text
    assert BODY[-1][:60] in text
    assert "GARDEN KITCHEN HOUSE" not in text and "SEARCH" not in text.split(), "the site's header stays dropped"


def _labels(lines: list[str], title_at: int) -> dict[int, str]:
    return {i: HEADER for i in range(title_at) if lines[i].strip()}


def test_two_paragraphs_in_a_row_over_a_title_found_below_them_are_the_articles():
    lines = [*MENU, "", BODY[0], "", BODY[1], "", "A photo's caption", "", BODY[2], "", "Download the plan", "",
             "Later heading", BODY[3]]
    title_at = lines.index("Later heading")
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) == lines.index(BODY[0])


def test_a_list_of_teasers_over_the_title_is_not_the_article():
    # each teaser is a headline over one paragraph: never two paragraphs in a row
    lines = [*MENU]
    for k, text in enumerate(BODY):
        lines += [f"Teaser headline {k}", text]
    lines += ["The allotment in spring", INTRO]
    title_at = lines.index("The allotment in spring")
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) is None


def test_one_paragraph_over_the_title_is_no_article_without_a_table_of_contents():
    lines = [*MENU, "We use cookies to remember what you read here and to count our visitors; by staying on the page "
             "you agree to both, and you can change your mind in the settings at any time.", "The allotment in spring",
             INTRO, BODY[0]]
    title_at = lines.index("The allotment in spring")
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) is None


def test_lines_that_open_alike_are_a_log_not_an_article():
    warning = "Notice: undefined index in the theme's template file on line {} of the sidebar, called from the loop"
    lines = [*MENU, *(warning.format(n) for n in range(6)), "The allotment in spring", INTRO, BODY[0]]
    title_at = lines.index("The allotment in spring")
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) is None


def test_lines_the_head_took_for_something_else_stop_the_reading():
    lines = [*MENU, BODY[0], BODY[1], "March 4, 2021", BODY[2], BODY[3], "Later heading", INTRO]
    title_at = lines.index("Later heading")
    labels = _labels(lines, title_at)
    labels[lines.index("March 4, 2021")] = "date"
    assert prose_start(lines, labels, title_at, len(lines)) == lines.index(BODY[2])


SHORT_INTRO = ("Warum wir im Garten hinter der alten Brauerei seit drei Jahren nur noch Bohnen ziehen, und was die "
               "Schnecken davon halten.")


def _numbered(k: int) -> str:
    return f"{k + 1}.{ENTRIES[k]}" if k < 5 else f"5.{k - 4}#{k - 4} {ENTRIES[k]}"


def test_a_short_introduction_over_a_numbered_table_of_contents_whose_last_entry_was_taken_for_the_title():
    # a plugin numbers the contents' entries ("3.", "5.2#2 "), the article's headings have no number; the last entry is
    # the line taken for the title
    lines = [*MENU, "", SHORT_INTRO, "", "Inhaltsverzeichnis", *(_numbered(k) for k in range(len(ENTRIES))), ""]
    title_at = len(lines) - 2
    for k in range(len(ENTRIES)):
        lines += [ENTRIES[k] if k < 5 else f"#{k - 4} {ENTRIES[k]}", "", BODY[k % len(BODY)], ""]
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) == lines.index(SHORT_INTRO)


def test_a_short_line_over_a_numbered_table_of_contents_is_no_introduction():
    # 20 words that do not end as a sentence are a teaser's or a site's line, not the article's opening
    lines = [*MENU, "", SHORT_INTRO.rstrip("."), "", "Inhaltsverzeichnis",
             *(_numbered(k) for k in range(len(ENTRIES))), ""]
    title_at = len(lines) - 2
    for k in range(len(ENTRIES)):
        lines += [ENTRIES[k] if k < 5 else f"#{k - 4} {ENTRIES[k]}", "", BODY[k % len(BODY)], ""]
    assert prose_start(lines, _labels(lines, title_at), title_at, len(lines)) is None
