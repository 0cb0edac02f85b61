"""A commenter's name the page cut short to fit its column ("Fennimore Wolkenst..."), over the profile fields a
news site prints under every name ("Location: Leeds"): the cut name heads its comment, held; the field under it is
never read as the name (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")
TEXTS = ("We went there years ago and the fog was just the same, thick as wool until the second pier came out of it.",
         "The timetable changed last spring, the early boat now waits for the bus from the station before it leaves.",
         "Took the bikes on the deck and rode round the smallest island in an hour, past the lighthouse and back.")


@pytest.mark.parametrize("heading,field,dates,buttons,cut,form", [
    ("Readers' Comments (3)", "Location: {}", ("Oct. 9, 2024 - 7:28 AM", "Oct. 9, 2024 - 7:30 AM", "Oct. 9, 2024 - 7:33 AM"),
     ["Reply", "Quote", "Report Abuse"], "...", "Leave a Reply"),
    ("Leserkommentare (3)", "Wohnort: {}", ("9. Oktober 2024 um 07:28", "9. Oktober 2024 um 07:30", "9. Oktober 2024 um 07:33"),
     ["Antworten", "Melden"], "…", "Kommentar verfassen"),
])
def test_a_cut_name_heads_its_comment_held_and_the_field_is_no_name(tmp_path, heading, field, dates, buttons, cut, form):
    names = ("Ilse Varga", "Fennimore Wolkenst" + cut, "Oda Finch")
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", heading]
    for name, place, date, text in zip(names, ("Leeds", "Kassel", "Gent"), dates, TEXTS):
        lines += [name, field.format(place), date, "", text, "", *buttons]
    post = read_copy_lines(tmp_path, lines + [form, ""])
    got = [(c.author, c.status) for c in post.comments]
    assert got == [("Ilse Varga", "approved"), (names[1], "pending"), ("Oda Finch", "approved")]
    assert "cut short" in post.comments[1].reason
    assert all(c.body.startswith(text[:20]) for c, text in zip(post.comments, TEXTS))


@pytest.mark.parametrize("field", ["Location: Kassel", "Wohnort: Kassel", "Party: Independent"])
def test_a_profile_field_read_as_the_name_is_held(tmp_path, field):
    """A comment whose name line the copy lost (a deleted account prints none): its profile field over the date is
    what stands where a name would, and is held, not published as the commenter's name."""
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", "Readers' Comments (2)",
             "Ilse Varga", "Location: Leeds", "Oct. 9, 2024 - 7:28 AM", "", TEXTS[0], "", "Reply", "Report Abuse",
             field, "Oct. 9, 2024 - 7:30 AM", "", TEXTS[1], "", "Reply", "Report Abuse", "Leave a Reply", ""]
    post = read_copy_lines(tmp_path, lines)
    assert [(c.author, c.status) for c in post.comments] == [("Ilse Varga", "approved"), (field, "pending")]
    assert "profile's field" in post.comments[1].reason
