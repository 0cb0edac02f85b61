"""A theme that prints the post author's badge between a commenter's name and the date, glued to the date in the copy
("Mathias Autor11. Dezember 2012 um 13:19"): the name is "Mathias", the comment is the author's, and its date is the
day it shows, never a day made up from the year alone (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")


@pytest.mark.parametrize("header,day", [
    ("Ruth Amsel Autor11. Dezember 2025 um 13:19", "2025-12-11"),
    ("Ruth Amsel Autor3. Januar 2026 um 08:05", "2026-01-03"),
])
def test_a_badge_glued_to_the_date_is_the_authors_reply(tmp_path, header, day):
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "Posted on December 10, 2025 by Ruth Amsel", "", PROSE, "", PROSE, "",
        "2 Gedanken zu „Island Hopping in the Fog“", "",
        "Ilse Varga 10. Dezember 2025 um 18:02", "", "Which pier did the seven o'clock ferry leave from last winter?", "",
        "Antwort ↓", header, "", "From the old pier by the fish market, the new one opens in spring.", "", "Antwort ↓", ""])
    assert [(c.author, c.created.date().isoformat()) for c in post.comments] == [
        ("Ilse Varga", "2025-12-10"), ("Ruth Amsel", day)]
    assert post.comments[1].by_author
