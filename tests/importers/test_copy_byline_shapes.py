"""What a text copy's byline prints between the writer's name and the post's date (essaykit.importers.names'
clean_name, text_byline, through read_text_copy): "on", a handle, a slash, a dash, an apposition, a day glued on."""

from __future__ import annotations

import pytest

from essaykit.importers.names import clean_name
from essaykit.importers.text import read_text_copy

_EN = ("The lock keeper opens the gates at six, and he does not close them until the last barge is through. Then he "
       "walks home, but not before he has lit the lanterns on the jetty and written the day in his book.\n\n")


def _copy(tmp_path, byline: str):
    path = tmp_path / "copy.txt"
    path.write_text(f"Home\nWaterways\nAbout\n\nThe Lock at Six\nA keeper's long day on the canal.\n{byline}\n\n"
                    + _EN * 4, encoding="utf-8")
    [post] = read_text_copy(path)
    return post


@pytest.mark.parametrize("byline", [
    "By Ilse Varga \u00a0on\u00a0December 13, 2016",
    "by Ilse Varga \u00a0 @ilsevarga December 13, 2016: 3:42 PM ET",
    "Ilse Varga - Dec 13, 2016 11:15 am UTC",
    "Ilse Varga/December 13, 2016",
])
def test_the_name_and_the_date_of_a_copys_byline(tmp_path, byline):
    post = _copy(tmp_path, byline)
    assert (post.author, post.date[:10]) == ("Ilse Varga", "2016-12-13")


@pytest.mark.parametrize("stated, want", [
    ("By Ilse Varga, a deputy editor who has covered the canals for ten years", "Ilse Varga"),
    ("Ilse Varga13 Dec 2016", "Ilse Varga"),  # the day glued to the name by the copy
    ("Ilse Varga on December 13", "Ilse Varga"),
    ("Ilse Varga @ilsevarga", "Ilse Varga"),
    ("Ilse Varga on Mondays", "Ilse Varga on Mondays"),  # "on" before a word that is no month: not cut there
    ("AC/DC", "AC/DC"),  # a slash before no date is the name's
    ("Ilse VargaIlse Varga", "Ilse Varga"),  # the link's text and its hidden copy, glued by the copy
    ("Ilse VargaStaff Writer", "Ilse Varga"),  # the role under the name, glued on
    ("Ilse Varga, CNW", "Ilse Varga"),  # the newsroom's initials after the writer
    ("McEditor Smith", "McEditor Smith"),
])
def test_what_a_byline_prints_after_the_name_is_cut(stated, want):
    assert clean_name(stated) == want
