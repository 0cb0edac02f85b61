"""WordPress.com themes that print a comment's date over its "NAME sagt:" / "NAME says:" line: the date is that
comment's, not an empty comment of its own, so the comment keeps the day the copy shows (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")


@pytest.mark.parametrize("heading,date,says", [
    ("Ein Gedanke zu “Island Hopping”", "Januar 15, 2024 um 23:36", "Ilse Varga sagt:"),
    ("One thought on “Island Hopping”", "January 15, 2024 at 11:36 pm", "Ilse Varga says:"),
])
def test_a_date_over_the_says_line_is_that_comments(tmp_path, heading, date, says):
    post = read_copy_lines(tmp_path, [
        "Island Hopping", "", PROSE, "", PROSE.replace("ferry", "boat"), "", heading, date, says, "",
        "Lovely to read about the islands again, we went there years ago and the fog was just the same.", "",
        "Kommentar verfassen" if "sagt" in says else "Leave a Reply", ""])
    assert [(c.author, c.created.date().isoformat() if c.created else None) for c in post.comments] == [
        ("Ilse Varga", "2024-01-15")]
    assert post.comments[0].reason == ""
