"""Comment headers of text copies by their shape, in the forms innerText gives them (issue 28, item 2).

Each fixture in fixtures/comment_shapes/ was written for essaykit in the shape a browser's copy of such a page has:
WordPress.com in German (a link to the form above the comments, "sagt:" glued to a name, "LikenLiken" rows);
a recipe forum (the form first, then handle / "Kommentar löschen" / text / date / "Antworten", a signature over
the date); a Thesis theme ("{ 3 comments… }", "NAME June 28, 2015 at 10:25 pm"); a petition ("NAME - Le DATE");
wpDiscuz (the role over the name, "Daumen hoch6Daumen runter", "1 Monat her"); Blogger in German with the time
glued to the name; a shop's reviews ("NAME am DATE"); and a hostile page whose byline, dates and greeting have a header's parts but head no comment.
"""

from __future__ import annotations

import pytest

from essaykit.importers.text import read_text_copy
from essaykit.importers.text_headers import button_row, comments_start, header, says_header, split_glued_time, when_text

from .builders import FIXTURES

SHAPES = FIXTURES / "comment_shapes"
# file: [(author, date to the minute or None, status, by the post's author)] of the comments with a header
EXPECTED = {
    "de-wpcom.txt": [("Jonas Weber", "2017-04-13T13:55", "approved", False), ("Mara_K", "2017-04-13T14:10", "approved", False)],
    "de-forum.txt": [("anna60", "2020-04-12T17:02", "approved", False), ("fährmann71", "2006-10-18T15:36", "approved", False)],
    "en-thesis.txt": [("Armanox", "2015-06-28T22:25", "approved", False), ("FLOUNDER", "2015-07-06T18:57", "approved", False),
                      ("Leo B.", "2015-07-23T15:20", "approved", False)],
    "fr-petition.txt": [("Muriel", "2020-01-22T12:01", "approved", False), ("Claude", "2019-11-24T18:19", "approved", False),
                        ("Jean-François", "2019-11-24T18:45", "approved", False)],
    # a relative date cannot be read without the day the page was saved: held, and dated like the post
    "de-wpdiscuz.txt": [("Bibi Blue", None, "pending", False), ("Robert Forst", None, "pending", True)],
    # a time alone dates nothing: held, dated like the post
    "de-blogger.txt": [("Ruby", None, "pending", False)],
    # a shop's reviews under their heading: "NAME am DATE" over the text
    "de-shop.txt": [("Verifizierte/r Kunde/in", "2020-06-08T00:00", "approved", False),
                    ("Georg N.", "2020-04-10T00:00", "approved", False)],
    "hostile.txt": [],
}
FURNITURE = ("LikenLiken", "Gefällt 1 Person", "Kommentar löschen", "Antworten", "Daumen hoch", "Translate", "1 Monat her",
             "Gib hier deinen Kommentar", "Alle Kommentare anzeigen", "Previous Comments", "Gast",
             "Kommentare abonnieren")


@pytest.mark.parametrize("name", sorted({*EXPECTED, *(p.name for p in SHAPES.glob("*.txt"))}))
def test_comment_headers_by_shape(name):
    assert name in EXPECTED and (SHAPES / name).is_file(), "each fixture has its reading below, and each reading its file"
    [post] = read_text_copy(SHAPES / name)
    named = [c for c in post.comments if c.author != "Anonymous"]
    got = [(c.author, c.created.isoformat()[:16] if c.created else None, c.status, c.by_author) for c in named]
    assert got == EXPECTED[name]
    assert all(c.status == "pending" and c.reason for c in post.comments if c.author == "Anonymous"), \
        "a block with no header is never approved"
    approved = [c.body for c in post.comments if c.status == "approved"]
    assert not any(f in body for f in FURNITURE for body in approved), approved
    assert not any(c.body[:30] in "\n".join(post.blocks) for c in post.comments), "a comment's text is not essay text"
    for n, c in enumerate(post.comments, 1):
        if c.created is None and c.author != "Anonymous":
            assert post.date and any(note.startswith(f"comment {n} ") and f"like the post ({post.date[:10]})" in note
                                     or note.startswith(f"comment {n} ") and "cannot be read" in note for note in post.notes), \
                "a comment with no date of its own says so, and is dated like the post, never the import day"


@pytest.mark.parametrize("line", ["AntwortenLöschen", "LikenGefällt 1 Person", "Daumen hoch6Daumen runter  Antworten",
                                  "Vote Up0Vote Down", "ReplyReport", "Kommentar löschen", "Beantworten", "← Previous Comments"])
def test_glued_and_local_button_rows(line):
    assert button_row(line)


@pytest.mark.parametrize("line", ["McDonald", "Anna Smith", "iPhone12", "Hallo zusammen,", "ReplyNow we talk"])
def test_names_and_words_are_no_buttons(line):
    assert not button_row(line)


@pytest.mark.parametrize("lines, want", [
    (["Georg N. am 10.4.2020"], ("Georg N.", "10.4.2020")),
    (["stefanie am 19.2.2012"], ("stefanie", "19.2.2012")),
    (["Leo July 23, 2015 at 3:20 pm"], ("Leo", "July 23, 2015 at 3:20 pm")),
    (["Muriel - Le 22/01/2020 à 12:01:03"], ("Muriel", "Le 22/01/2020 à 12:01:03")),
    # hostile: a date alone, a post's "Posted on" line, a byline printed on three lines, a greeting over a date
    (["September 21, 2014 at 2:58 pm"], None),
    (["Posted on June 28, 2015"], None),
    (["The meeting on June 28, 2015 was long"], None),
    (["zuletzt überarbeitet am 29. Mai 2019"], None),
    (["Die nächste Ausgabe erscheint am 6. November 2023."], None),
    (["World The Planetary Press - January 16, 2020"], None),
    (["Von", "Robert Forst", "31. Dezember 2019"], None),
    (["By", "", "Todd Bates", "", "February 5, 2020"], None),
    (["Date", "", "February 5, 2020"], None),
    (["Hallo zusammen,", "31. Dezember 2019"], None),
])
def test_one_line_and_stacked_headers(lines, want):
    i = next((k for k, line in enumerate(lines) if k and line.strip()), 0) if lines[0] in ("Von", "By") else 0
    found = header(lines, i)
    assert (found[:2] if found else None) == want


def test_glued_says_time_and_relative_dates():
    assert says_header(["NCWiensays:", "September 21, 2014 at 2:58 pm"], 0) == ("NCWien", "")
    assert says_header(["Lenasagt:", "", "20.12.2022 um 08:42"], 0) == ("Lena", "")
    assert says_header(["Essays:", "The first one is about ferries."], 0) is None, \
        "a word that ends in 'says' is no header without the comment's date under it"
    assert split_glued_time("Ruby21:00") == ("Ruby", "21:00")
    assert split_glued_time("R2D2") == ("R2D2", "")
    assert when_text("1 Monat her") == "1 Monat her" and when_text("2 months ago") == "2 months ago"
    assert when_text("Monat") is None


@pytest.mark.parametrize("line, starts", [
    ("{ 38 comments… read them below or add one }", True), ("1 reply on “Warum Wien”", True), ("Kommentare 1", True),
    ("Alle Kommentare anzeigen Alle Kommentare anzeigen", True), ('Kundenbewertungen für "Fährhaus"', True),
    ("12 reviews", True),
    # a heading alone can head a list of posts; a sentence about replies is prose
    ("Reviews", False), ("Bewertungen", False), ("One reply to this is enough, she said.", False),
])
def test_comments_headings_in_their_local_forms(line, starts):
    assert comments_start(line) is starts
