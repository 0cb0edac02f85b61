"""Blogger's reply and delete links glued in capitals ("REPLYDELETE", "ANTWORTENLÖSCHEN"), as a theme that prints
its comment section in upper case gives them in a text copy, are a comment's buttons, not words of its text (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")


@pytest.mark.parametrize("buttons, reply", [("REPLYDELETE", "REPLY"), ("ANTWORTENLÖSCHEN", "ANTWORTEN"),
                                            ("RÉPONDRESUPPRIMER", "RÉPONDRE")])
def test_glued_capital_buttons_end_the_comment_above(tmp_path, buttons, reply):
    post = read_copy_lines(tmp_path, [
        "Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", "", PROSE, "", "2 COMMENTS:", "",
        "Ilse Varga", "MARCH 5, 2026 AT 10:12 AM", "", "The fog photos are lovely, thank you for the ferry times.", "",
        buttons, reply, "Tom Weller", "MARCH 6, 2026 AT 9:05 AM", "", "We took the seven o'clock ferry and saw the seals.", "",
        buttons, reply, ""])
    comments = [(c.author, c.body) for c in post.comments]
    assert comments == [("Ilse Varga", "The fog photos are lovely, thank you for the ferry times."),
                        ("Tom Weller", "We took the seven o'clock ferry and saw the seals.")]
