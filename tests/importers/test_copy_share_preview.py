"""A news site's thread that prints under each comment its share preview ("handle: its first words" over the
comment's address), a row of buttons with one word no list knows ("History | Permalink | Share it"), and the
thread's page links under the last one: the preview is no part of the comment, the row ends it, and the page links
end the last one, so the page's furniture below is never read into it (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")
TEXTS = ("We went there years ago and the fog was just the same, thick as wool until the second pier came out of it.",
         "The timetable changed last spring, the early boat now waits for the bus from the station before it leaves.",
         "Took the bikes on the deck and rode round the smallest island in an hour, past the lighthouse and back.")
FURNITURE = ["FOLLOW US", "Connect with your friends", "Most Popular on Island News", "1 of 2",
             "Harbour Master Retires After Forty Years", "", "Like", "26K", ""]


@pytest.mark.parametrize("row,pages,fans", [
    ("History  | Permalink  | Share it", "Page: 1 2 3 4 5  Next ›  Last »   (18 total)", "{} Fans"),
    ("Verlauf  | Permalink  | Teilen", "Seite 1 2 3 4 5 weiter »", "{} Fans"),
])
def test_the_preview_goes_and_the_row_and_page_links_end_the_comment(tmp_path, row, pages, fans):
    names = ("ilse_varga", "TomasB", "oda.finch")
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", "Comments", "118"]
    for n, (name, time, text) in enumerate(zip(names, ("07:41 PM", "06:05 PM", "02:51 PM"), TEXTS)):
        lines += [name, fans.format(10 + n), f"{time} on 8/15/2024", text,
                  f"{name}: {' '.join(text.split()[:9])}", f"http://news.example/social/{name}/island-hopping_{n}.html", row]
    post = read_copy_lines(tmp_path, lines + [pages] + FURNITURE)
    approved = [c for c in post.comments if c.status == "approved"]
    assert [c.author for c in approved] == list(names)
    assert [c.body for c in approved] == list(TEXTS)
    assert not any("Harbour Master" in c.body for c in approved)


def test_a_line_that_only_looks_like_a_preview_stays(tmp_path):
    """A comment that ends quoting someone else's words and a link keeps them: they are not its own first words."""
    text = "We went there years ago and the fog was just the same."
    quote, link = "ferry_fan: the early boat now waits for the bus", "http://news.example/timetable.html"
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", "Comments", "",
             "Ilse Varga", "10 Fans", "07:41 PM on 8/15/2024", text, quote, link, "History  | Permalink  | Share it",
             "Leave a Reply", ""]
    post = read_copy_lines(tmp_path, lines)
    assert [c.body.replace("\\", "").split("\n") for c in post.comments if c.author == "Ilse Varga"] == [
        [text, quote, link]]


@pytest.mark.parametrize("pages", ["Page: 1 2 3 4 5  Next ›  Last »   (18 total)", "Seite 1 2 3 weiter »",
                                   "« Older Comments 1 2 3 Newer »"])
def test_the_page_links_end_the_last_comment(tmp_path, pages):
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", "2 Comments", ""]
    for name, date, text in zip(("Ilse Varga", "Tomas Brell"), ("August 15, 2024 at 7:41 pm", "August 16, 2024 at 6:05 pm"),
                                TEXTS):
        lines += [f"{name} says:", date, "", text, ""]
    post = read_copy_lines(tmp_path, lines + [pages] + FURNITURE)
    assert [(c.author, c.body) for c in post.comments if c.status == "approved"] == [
        ("Ilse Varga", TEXTS[0]), ("Tomas Brell", TEXTS[1])]
