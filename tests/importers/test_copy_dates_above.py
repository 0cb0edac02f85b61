"""A news blog's thread that prints each comment's date over its "NAME wrote:" line: the date between two comments
is the one below's, not the one above's as in Blogger's thread; the thread's ends show which (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")
TEXTS = ("We went there years ago and the fog was just the same, thick as wool until the second pier came out of it.",
         "The timetable changed last spring, the early boat now waits for the bus from the station before it leaves.",
         "Took the bikes on the deck and rode round the smallest island in an hour, past the lighthouse and back.")


def _dated(post):
    return [(c.author, c.created.date().isoformat() if c.created else None, c.status) for c in post.comments]


@pytest.mark.parametrize("dates,said", [
    (("2:15 pm November 11, 2024", "9:22 pm June 15, 2024", "8:53 am June 9, 2024"), "{} wrote:"),
    (("11. November 2024 um 14:15", "15. Juni 2024 um 21:22", "9. Juni 2024 um 08:53"), "{} schrieb:"),
    (("11 novembre 2024 à 14:15", "15 juin 2024 à 21:22", "9 juin 2024 à 08:53"), "{} a écrit :"),
])
def test_the_date_over_each_header_is_its_comments(tmp_path, dates, said):
    """No heading over the thread (the page's own is a link the copy does not show): the first date stands right
    under the article."""
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), ""]
    for date, name, text in zip(dates, ("Ilse Varga", "Tomas Brell", "Oda Finch"), TEXTS):
        lines += [date, said.format(name), "", text, ""]
    post = read_copy_lines(tmp_path, lines + ["About this blog", ""])
    assert [c[:2] for c in _dated(post)] == [("Ilse Varga", "2024-11-11"), ("Tomas Brell", "2024-06-15"),
                                             ("Oda Finch", "2024-06-09")]


def test_blogger_dates_under_the_text_stay_with_it(tmp_path):
    """Blogger's "NAME said..." over the text and the date under it: the first header has the heading over it and
    the last comment its date under it, so nothing moves."""
    lines = ["Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", "3 comments:"]
    for date, name, text in zip(("November 11, 2024 at 2:15 PM", "November 12, 2024 at 9:22 PM",
                                 "November 13, 2024 at 8:53 AM"), ("Ilse Varga", "Tomas Brell", "Oda Finch"), TEXTS):
        lines += [f"{name} said...", text, "", date, "Delete", ""]
    post = read_copy_lines(tmp_path, lines + ["Post a Comment", ""])
    assert [c[:2] for c in _dated(post)] == [("Ilse Varga", "2024-11-11"), ("Tomas Brell", "2024-11-12"),
                                             ("Oda Finch", "2024-11-13")]
