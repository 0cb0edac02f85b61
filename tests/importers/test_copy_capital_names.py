"""A commenter's name printed in capitals in a text copy is approved only when its header shows it is a person's:
the name shares its line with the header's words ("NAME says:", "par NAME le DATE"), or the theme prints the whole
header in capitals (its date too) with a reply row under the text, or a reply row is under it and the heading's
count matches. A line in capitals over an ordinary date is as often a section's heading: held (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

HEAD = ["Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", "",
        "The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
        "gulls follow the wake all the way to the last pier.", ""]


def _statuses(tmp_path, lines):
    post = read_copy_lines(tmp_path, HEAD + lines)
    return [(c.author, c.status) for c in post.comments if c.kind == "comment"]


@pytest.mark.parametrize("heading, dates, buttons, reply", [
    ("2 COMMENTS:", ("MARCH 5, 2026 AT 10:12 AM", "MARCH 6, 2026 AT 9:05 AM"), "REPLYDELETE", "REPLY"),
    ("2 KOMMENTARE:", ("5. MÄRZ 2026 UM 10:12", "6. MÄRZ 2026 UM 09:05"), "ANTWORTENLÖSCHEN", "ANTWORTEN"),
    ("2 COMMENTAIRES :", ("5 MARS 2026 À 10:12", "6 MARS 2026 À 09:05"), "RÉPONDRESUPPRIMER", "RÉPONDRE"),
])
def test_a_theme_that_prints_its_headers_in_capitals_names_its_readers(tmp_path, heading, dates, buttons, reply):
    lines = [heading, "", "ILSE VARGA", dates[0], "", "The fog photos are lovely, thank you for the ferry times.", "",
             buttons, reply, "TOM WELLER", dates[1], "", "We took the seven o'clock ferry and saw the seals.", "",
             buttons, reply, ""]
    assert _statuses(tmp_path, lines) == [("ILSE VARGA", "approved"), ("TOM WELLER", "approved")]
    # the same header with no count over it and no reply row under it proves nothing: held
    bare = [line for line in lines if line not in (buttons, reply)]
    bare[0] = heading.split(" ", 1)[1]
    assert [status for _, status in _statuses(tmp_path, bare)] == ["pending", "pending"]


@pytest.mark.parametrize("says", ["says:", "sagt:", "dit :", "dice:", "disse:", "ha detto:"])
def test_a_name_in_capitals_before_says_is_the_readers(tmp_path, says):
    lines = ["Comments", "", f"KORA VESTING {says}", "March 5, 2026 at 10:12 am", "",
             "We took the early ferry and the fog lifted by the second island.", "", "Reply", "",
             f"Dario Fenn {says}", "March 6, 2026 at 9:05 am", "", "The seals were there for us too.", "", "Reply", ""]
    assert _statuses(tmp_path, lines) == [("KORA VESTING", "approved"), ("Dario Fenn", "approved")]


def test_a_name_in_capitals_inside_a_drupal_header_is_the_readers(tmp_path):
    lines = ["Commentaires", "par JPX le 7 mars 2026 - 12:38.", "", "Pourquoi pas le bateau du soir ?", "",
             "par BRANO le 7 mars 2026 - 15:39.", "", "Le brouillard donne de belles photos, merci.", ""]
    assert _statuses(tmp_path, lines) == [("JPX", "approved"), ("BRANO", "approved")]


def test_a_reply_row_vouches_for_capitals_only_with_a_matching_count(tmp_path):
    lines = ["1 Kommentar:", "ORLA VESNIK", "", "Schöne Bilder vom Hafen, ich fahre im Mai auch hin.", "",
             "AntwortenLöschen", "Antworten", "Kommentar hinzufügen", ""]
    assert _statuses(tmp_path, lines) == [("ORLA VESNIK", "approved")]
    lines[0] = "Kommentare:"
    assert _statuses(tmp_path, lines) == [("ORLA VESNIK", "pending")]


def test_a_heading_in_capitals_over_an_ordinary_date_is_still_held(tmp_path):
    lines = ["Comments", "", "FESTE FEIERN", "May 4, 2026 at 10:00 am", "",
             "Strawberry cake, two ways for the first warm weekend.", "", "Reply", "",
             "Ana Lima", "May 5, 2026 at 9:12 am", "", "Great recipe, I will bake it this week.", "", "Reply", ""]
    assert _statuses(tmp_path, lines) == [("FESTE FEIERN", "pending"), ("Ana Lima", "approved")]
