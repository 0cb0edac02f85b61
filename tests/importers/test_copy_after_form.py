"""Below the comment form a news page lists other posts ("Editor's Picks": a column's name over a date, a headline,
its date, its comment count): the shape of a name and a date with a count under it, but not a comment. After the form
only what proves itself again (a reply link, "says") reopens the comments; the reply links of the comments above the
form vouch for nothing below it (issue 28)."""

from __future__ import annotations

import pytest

from .builders import read_copy_lines

PROSE = ("The ferry leaves the harbour at seven, and the islands come out of the fog one after the other while the "
         "gulls follow the wake all the way to the last pier.")
HEAD = ["Island Hopping in the Fog", "Posted on March 4, 2026 by Ruth Amsel", PROSE, "", PROSE.replace("ferry", "boat"), "",
        "Discussion", "", "Ilse Varga on March 5, 2026", "", "Which pier did the seven o'clock ferry leave from?", " Reply",
        "Leave A Comment", "Save my name, email, and website in this browser for the next time I comment.", "",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.", ""]


@pytest.mark.parametrize("heading", ["Editor's Picks", "More News", "Latest"])
def test_a_list_of_posts_under_the_form_is_no_comment(tmp_path, heading):
    post = read_copy_lines(tmp_path, HEAD + [
        heading, "Harbour Notes Podcast: Beyond the Tide Tables", "March 1, 2026", "Harbour Readers Circle",
        "March 1, 2026", "A Lighthouse Keeper Retires After Forty Winters", "February 28, 2026", " 4",
        "Ferry Timetables Change Again for the Spring", "February 27, 2026", " 26", "Newsletter", ""])
    assert [(c.author, c.reason == "") for c in post.comments] == [("Ilse Varga", True)]
    assert not any("Lighthouse" in c.body or "Timetables" in c.body for c in post.comments)


def test_a_comment_with_its_reply_link_under_the_form_is_still_read(tmp_path):
    post = read_copy_lines(tmp_path, HEAD + [
        "Tom Weller says:", "March 6, 2026 at 09:05", "", "We took the seven o'clock ferry and saw the seals.", "Reply", ""])
    assert [c.author for c in post.comments] == ["Ilse Varga", "Tom Weller"]
    assert "seals" in post.comments[1].body
